//! Turns overlapping spans (entities, claim parts, hedges) into a tree of
//! nested elements that reproduces the text exactly.
//!
//! The DOM is a tree, but annotation spans are not: a claim's content can
//! cross an entity, contain another claim, or overlap a hedge. This module
//! decides, in plain Rust and without a browser, which element wraps which.
//!
//! # The rules
//!
//! 1. Every entity becomes exactly one element that wraps exactly its text.
//!    Entities never cross each other (they may nest, from edits: the inner
//!    element is then inside the outer one), so this is always possible.
//! 2. A claim part that *crosses* an entity (overlaps it without one
//!    containing the other) is cut at the entity's boundary first, so that
//!    afterwards every part either contains an entity, lies inside one, or
//!    misses it.
//! 3. The text is split at every span boundary into atomic segments; each
//!    segment knows the spans covering it, ordered outermost first: longer
//!    spans outside shorter ones, and on equal ranges a claim part outside the
//!    entity. Consecutive segments sharing the same outermost span are grouped
//!    under one element, recursively.
//!
//! A part that crosses another part is therefore split into several elements
//! that share `data-claim` and `data-role`; an entity never is, because every
//! span ordered before it either contains it or misses it (rule 2).
//!
//! # Worked example
//!
//! ```text
//! text:     "Putin said Moscow wins"
//!            0    5    10     17   22
//! entities: PERSON 0..5, GPE 11..17
//! claim 0:  source 0..5, cue 6..10, content 11..22
//! tree:     Part(0,source)[ Entity(PERSON)["Putin"] ] " "
//!           Part(0,cue)["said"] " "
//!           Part(0,content)[ Entity(GPE)["Moscow"] " wins" ]
//! ```
//! (The source and the PERSON entity have the same range; the claim part is
//! put outside.)

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::ops::Range;

use sift_core::{Annotation, Label};

/// The role a claim span plays, as written in `data-role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who makes the claim.
    Source,
    /// The words that signal the claim.
    Cue,
    /// What is claimed.
    Content,
    /// A word that weakens the claim.
    Hedge,
}

impl Role {
    /// The role's name in the DOM (`data-role`) and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Cue => "cue",
            Role::Content => "content",
            Role::Hedge => "hedge",
        }
    }
}

/// One node of the rendered tree. Byte ranges index the original text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// Plain text.
    Text(Range<usize>),
    /// An entity highlight; `range` is exactly the entity's range.
    Entity {
        /// Index into `Annotation::entities`.
        index: usize,
        /// The entity's label.
        label: Label,
        /// The entity's byte range.
        range: Range<usize>,
        /// What it contains: text and claim parts inside the entity.
        children: Vec<Node>,
    },
    /// A piece of a claim part (one part may render as several pieces).
    Part {
        /// Index into `Annotation::claims`.
        claim: usize,
        /// Which part of the claim.
        role: Role,
        /// The byte range this piece covers.
        range: Range<usize>,
        /// What it contains.
        children: Vec<Node>,
    },
}

impl Node {
    /// The byte range this node covers.
    pub fn range(&self) -> Range<usize> {
        match self {
            Node::Text(r) => r.clone(),
            Node::Entity { range, .. } | Node::Part { range, .. } => range.clone(),
        }
    }
}

/// Which highlights to draw.
pub trait Filter {
    /// Whether entities with this label are drawn.
    fn shows_label(&self, label: Label) -> bool;
    /// Whether claims (parts and hedges) are drawn.
    fn shows_claims(&self) -> bool;
}

/// Draws everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct ShowAll;

impl Filter for ShowAll {
    fn shows_label(&self, _: Label) -> bool {
        true
    }
    fn shows_claims(&self) -> bool {
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entity { index: usize, label: Label },
    Part { claim: usize, role: Role },
}

#[derive(Debug, Clone)]
struct Span {
    range: Range<usize>,
    kind: Kind,
}

impl Span {
    /// Outermost first: longer spans first; on equal length a claim part
    /// before an entity (so a part with the entity's exact range wraps it);
    /// then by position and insertion order, to make the order total.
    fn order_key(&self, id: usize) -> (Reverse<usize>, u8, usize, usize) {
        let rank = match self.kind {
            Kind::Part { .. } => 0,
            Kind::Entity { .. } => 1,
        };
        (Reverse(self.range.len()), rank, self.range.start, id)
    }
}

/// A range is drawable if it is non-empty, inside the text, and on char
/// boundaries. Anything else is skipped rather than trusted.
fn drawable(text: &str, r: &Range<usize>) -> bool {
    r.start < r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// Builds the tree for `text` annotated with `annotation`, drawing what
/// `filter` allows. Reading the leaves left to right gives back `text`
/// exactly. Ranges that are empty, out of bounds or not on char boundaries
/// are ignored; so is an entity crossing an earlier one (or with its range).
pub fn build(text: &str, annotation: &Annotation, filter: &impl Filter) -> Vec<Node> {
    if text.is_empty() {
        return Vec::new();
    }
    let (entities, nested) = visible_entities(text, annotation, filter);
    let nested_ranges: Vec<Range<usize>> = nested.iter().map(|(_, r, _)| r.clone()).collect();
    let mut spans: Vec<Span> = entities
        .iter()
        .chain(&nested)
        .map(|&(index, ref range, label)| Span {
            range: range.clone(),
            kind: Kind::Entity { index, label },
        })
        .collect();
    if filter.shows_claims() {
        for (claim, c) in annotation.claims.iter().enumerate() {
            let parts = [
                (Role::Source, &c.source),
                (Role::Cue, &c.cue),
                (Role::Content, &c.content),
                (Role::Hedge, &c.hedges),
            ];
            let mut seen = BTreeSet::new();
            for (role, ranges) in parts {
                for r in ranges.iter().filter(|r| drawable(text, r)) {
                    if !seen.insert((role, r.start, r.end)) {
                        continue;
                    }
                    for piece in cut_at_crossed_entities(r.clone(), &entities, &nested_ranges) {
                        spans.push(Span {
                            range: piece,
                            kind: Kind::Part { claim, role },
                        });
                    }
                }
            }
        }
    }
    let segments = segments(text.len(), &spans);
    group(&segments, 0, &spans)
}

/// An entity to draw: its index, range and label.
type Drawn = (usize, Range<usize>, Label);

/// The entities to draw: the outermost ones, sorted by start and apart,
/// and the ones nested inside them (from edits). An entity that crosses
/// one kept before it, or has its range, is dropped (the core promises
/// they never cross; we check).
fn visible_entities(
    text: &str,
    annotation: &Annotation,
    filter: &impl Filter,
) -> (Vec<Drawn>, Vec<Drawn>) {
    let mut all: Vec<Drawn> = annotation
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| filter.shows_label(e.label) && drawable(text, &e.range))
        .map(|(i, e)| (i, e.range.clone(), e.label))
        .collect();
    all.sort_by_key(|(i, r, _)| (r.start, Reverse(r.end), *i));
    let (mut outer, mut nested) = (Vec::new(), Vec::new());
    let mut open: Vec<Range<usize>> = Vec::new(); // the kept entities around
    for e in all {
        while open.last().is_some_and(|o| o.end <= e.1.start) {
            open.pop();
        }
        match open.last() {
            None => {
                open.push(e.1.clone());
                outer.push(e);
            }
            Some(o) if e.1.end <= o.end && e.1 != *o => {
                open.push(e.1.clone());
                nested.push(e);
            }
            Some(_) => {} // crosses or repeats the entity around it
        }
    }
    (outer, nested)
}

/// Cuts `r` at the boundaries of entities it crosses (overlaps without
/// either containing the other). Outermost entities do not overlap, so of
/// them only the one strictly containing `r.start` and the one strictly
/// containing `r.end` can cross it; the few nested ones are each checked.
fn cut_at_crossed_entities(
    r: Range<usize>,
    entities: &[Drawn],
    nested: &[Range<usize>],
) -> Vec<Range<usize>> {
    // The entity with the greatest start below `p`, if it reaches past `p`.
    let containing = |p: usize| {
        let i = entities.partition_point(|(_, e, _)| e.start < p);
        i.checked_sub(1)
            .map(|i| &entities[i].1)
            .filter(|e| e.end > p)
            .cloned()
    };
    let mut cuts = Vec::with_capacity(2);
    if let Some(e) = containing(r.start) {
        if e.end < r.end {
            cuts.push(e.end);
        }
    }
    if let Some(e) = containing(r.end) {
        if e.start > r.start && cuts.last().is_none_or(|&c| e.start > c) {
            cuts.push(e.start);
        }
    }
    let mut more = false;
    for e in nested {
        let crosses = e.start < r.end
            && r.start < e.end
            && !(e.start <= r.start && r.end <= e.end)
            && !(r.start <= e.start && e.end <= r.end);
        if crosses {
            for b in [e.start, e.end] {
                if r.start < b && b < r.end {
                    cuts.push(b);
                    more = true;
                }
            }
        }
    }
    if more {
        cuts.sort_unstable();
        cuts.dedup();
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = r.start;
    for c in cuts {
        out.push(start..c);
        start = c;
    }
    out.push(start..r.end);
    out
}

/// An atomic piece of text and the spans covering it, outermost first.
#[derive(Debug)]
struct Segment {
    range: Range<usize>,
    spans: Vec<usize>,
}

/// Splits `0..len` at every span boundary (a sweep over sorted boundaries).
fn segments(len: usize, spans: &[Span]) -> Vec<Segment> {
    let mut bounds: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.range.start, s.range.end])
        .collect();
    bounds.extend([0, len]);
    bounds.sort_unstable();
    bounds.dedup();

    let mut by_start: Vec<usize> = (0..spans.len()).collect();
    by_start.sort_by_key(|&i| spans[i].range.start);
    let mut by_end = by_start.clone();
    by_end.sort_by_key(|&i| spans[i].range.end);

    let (mut next_start, mut next_end) = (0, 0);
    let mut active = BTreeSet::new();
    let mut out = Vec::with_capacity(bounds.len());
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next_end < by_end.len() && spans[by_end[next_end]].range.end <= a {
            let i = by_end[next_end];
            active.remove(&spans[i].order_key(i));
            next_end += 1;
        }
        while next_start < by_start.len() && spans[by_start[next_start]].range.start <= a {
            let i = by_start[next_start];
            if spans[i].range.end > a {
                active.insert(spans[i].order_key(i));
            }
            next_start += 1;
        }
        out.push(Segment {
            range: a..b,
            spans: active.iter().map(|k| k.3).collect(),
        });
    }
    out
}

/// Groups consecutive segments by their span at `depth` into nodes.
fn group(segments: &[Segment], depth: usize, spans: &[Span]) -> Vec<Node> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let key = segments[i].spans.get(depth).copied();
        let mut j = i + 1;
        while j < segments.len() && segments[j].spans.get(depth).copied() == key {
            j += 1;
        }
        let range = segments[i].range.start..segments[j - 1].range.end;
        out.push(match key {
            None => Node::Text(range),
            Some(s) => {
                let children = group(&segments[i..j], depth + 1, spans);
                match spans[s].kind {
                    Kind::Entity { index, label } => Node::Entity {
                        index,
                        label,
                        range,
                        children,
                    },
                    Kind::Part { claim, role } => Node::Part {
                        claim,
                        role,
                        range,
                        children,
                    },
                }
            }
        });
        i = j;
    }
    out
}

/// The text of a tree, read leaf by leaf (what the DOM's `textContent` is).
pub fn text_of(text: &str, nodes: &[Node]) -> String {
    fn walk(text: &str, nodes: &[Node], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(r) => out.push_str(text.get(r.clone()).unwrap_or_default()),
                Node::Entity { children, .. } | Node::Part { children, .. } => {
                    walk(text, children, out)
                }
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    walk(text, nodes, &mut out);
    out
}

#[cfg(test)]
// Claim parts are lists of ranges; a list of one range is what we mean.
#[allow(clippy::single_range_in_vec_init)]
pub(super) mod tests {
    use super::*;
    use sift_core::{Claim, ClaimKind, Entity};

    pub(crate) fn ent(range: Range<usize>, label: Label) -> Entity {
        Entity { range, label }
    }

    pub(crate) fn claim(
        source: Vec<Range<usize>>,
        cue: Vec<Range<usize>>,
        content: Vec<Range<usize>>,
    ) -> Claim {
        Claim {
            kind: ClaimKind::Statement,
            source,
            cue,
            content,
            hedges: vec![],
            source_entity: None,
        }
    }

    /// Every entity node, with its range, in document order.
    pub(crate) fn entity_nodes(nodes: &[Node], out: &mut Vec<(usize, Range<usize>)>) {
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Entity {
                    index,
                    range,
                    children,
                    ..
                } => {
                    out.push((*index, range.clone()));
                    entity_nodes(children, out);
                }
                Node::Part { children, .. } => entity_nodes(children, out),
            }
        }
    }

    /// Every part piece as (claim, role, range).
    pub(crate) fn part_nodes(nodes: &[Node], out: &mut Vec<(usize, Role, Range<usize>)>) {
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Entity { children, .. } => part_nodes(children, out),
                Node::Part {
                    claim,
                    role,
                    range,
                    children,
                } => {
                    out.push((*claim, *role, range.clone()));
                    part_nodes(children, out);
                }
            }
        }
    }

    /// Children tile their parent's range exactly, in order.
    pub(crate) fn check_tiling(nodes: &[Node], range: Range<usize>) {
        let mut at = range.start;
        for n in nodes {
            let r = n.range();
            assert_eq!(r.start, at, "gap or overlap in {nodes:?}");
            assert!(r.start < r.end, "empty node {n:?}");
            at = r.end;
            match n {
                Node::Text(_) => {}
                Node::Entity { children, .. } | Node::Part { children, .. } => {
                    check_tiling(children, r)
                }
            }
        }
        assert_eq!(at, range.end);
    }

    #[test]
    fn worked_example() {
        let text = "Putin said Moscow wins";
        let ann = Annotation {
            entities: vec![ent(0..5, Label::Person), ent(11..17, Label::Gpe)],
            claims: vec![claim(vec![0..5], vec![6..10], vec![11..22])],
        };
        let tree = build(text, &ann, &ShowAll);
        let person = Node::Entity {
            index: 0,
            label: Label::Person,
            range: 0..5,
            children: vec![Node::Text(0..5)],
        };
        let gpe = Node::Entity {
            index: 1,
            label: Label::Gpe,
            range: 11..17,
            children: vec![Node::Text(11..17)],
        };
        assert_eq!(
            tree,
            vec![
                Node::Part {
                    claim: 0,
                    role: Role::Source,
                    range: 0..5,
                    children: vec![person]
                },
                Node::Text(5..6),
                Node::Part {
                    claim: 0,
                    role: Role::Cue,
                    range: 6..10,
                    children: vec![Node::Text(6..10)]
                },
                Node::Text(10..11),
                Node::Part {
                    claim: 0,
                    role: Role::Content,
                    range: 11..22,
                    children: vec![gpe, Node::Text(17..22)]
                },
            ]
        );
        assert_eq!(text_of(text, &tree), text);
    }

    #[test]
    fn part_crossing_an_entity_is_split_but_the_entity_is_not() {
        // "the Kremlin said" with content 4..16 ("Kremlin said"), entity
        // 0..11 ("the Kremlin") crossing the start of the content.
        let text = "the Kremlin said";
        let ann = Annotation {
            entities: vec![ent(0..11, Label::Org)],
            claims: vec![claim(vec![], vec![], vec![4..16])],
        };
        let tree = build(text, &ann, &ShowAll);
        check_tiling(&tree, 0..text.len());
        let mut ents = vec![];
        entity_nodes(&tree, &mut ents);
        assert_eq!(ents, vec![(0, 0..11)]);
        let mut parts = vec![];
        part_nodes(&tree, &mut parts);
        assert_eq!(
            parts,
            vec![(0, Role::Content, 4..11), (0, Role::Content, 11..16)]
        );
        assert_eq!(text_of(text, &tree), text);
    }

    #[test]
    fn nested_claims_nest() {
        // Claim 0's content contains claim 1 entirely.
        let text = "A said B denied C";
        let ann = Annotation {
            entities: vec![],
            claims: vec![
                claim(vec![0..1], vec![2..6], vec![7..17]),
                claim(vec![7..8], vec![9..15], vec![16..17]),
            ],
        };
        let tree = build(text, &ann, &ShowAll);
        check_tiling(&tree, 0..text.len());
        match &tree[4] {
            Node::Part {
                claim: 0,
                role: Role::Content,
                range,
                children,
            } => {
                assert_eq!(range, &(7..17));
                assert_eq!(children.len(), 5, "{children:?}");
            }
            other => panic!("expected claim 0's content, got {other:?}"),
        }
    }

    #[test]
    fn filters_hide_labels_and_claims() {
        struct NoPeopleNoClaims;
        impl Filter for NoPeopleNoClaims {
            fn shows_label(&self, l: Label) -> bool {
                l != Label::Person
            }
            fn shows_claims(&self) -> bool {
                false
            }
        }
        let text = "Putin said Moscow wins";
        let ann = Annotation {
            entities: vec![ent(0..5, Label::Person), ent(11..17, Label::Gpe)],
            claims: vec![claim(vec![0..5], vec![6..10], vec![11..22])],
        };
        let tree = build(text, &ann, &NoPeopleNoClaims);
        let gpe = Node::Entity {
            index: 1,
            label: Label::Gpe,
            range: 11..17,
            children: vec![Node::Text(11..17)],
        };
        assert_eq!(tree, vec![Node::Text(0..11), gpe, Node::Text(17..22)]);
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // a reversed range is the point
    fn bad_ranges_are_skipped_not_trusted() {
        let text = "é Moscow"; // 'é' is two bytes
        let ann = Annotation {
            entities: vec![
                ent(1..3, Label::Gpe),
                ent(3..9, Label::Gpe),
                ent(3..3, Label::Gpe),
                ent(3..100, Label::Gpe),
            ],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![0..1],
                cue: vec![5..2],
                content: vec![0..9],
                hedges: vec![50..60],
                source_entity: None,
            }],
        };
        let tree = build(text, &ann, &ShowAll);
        check_tiling(&tree, 0..text.len());
        let mut ents = vec![];
        entity_nodes(&tree, &mut ents);
        assert_eq!(ents, vec![(1, 3..9)]);
        assert_eq!(text_of(text, &tree), text);
    }

    #[test]
    fn overlapping_entities_keep_the_first() {
        let text = "New York City";
        let ann = Annotation {
            entities: vec![ent(0..8, Label::Gpe), ent(4..13, Label::Gpe)],
            claims: vec![],
        };
        let mut ents = vec![];
        entity_nodes(&build(text, &ann, &ShowAll), &mut ents);
        assert_eq!(ents, vec![(0, 0..8)]);
    }

    #[test]
    fn nested_entities_nest_and_parts_are_cut_at_both() {
        // "the Paris Court of Appeal" (ORG) around "Paris" (GPE); a claim's
        // content "Court of Appeal said" crosses the ORG, and a source
        // "the Paris" crosses the GPE's end.
        let text = "the Paris Court of Appeal said";
        let ann = Annotation {
            entities: vec![ent(0..25, Label::Org), ent(4..9, Label::Gpe)],
            claims: vec![claim(vec![0..9], vec![26..30], vec![10..30])],
        };
        let tree = build(text, &ann, &ShowAll);
        check_tiling(&tree, 0..text.len());
        assert_eq!(text_of(text, &tree), text);
        let mut ents = vec![];
        entity_nodes(&tree, &mut ents);
        assert_eq!(ents, vec![(0, 0..25), (1, 4..9)], "each once, whole");
        match &tree[0] {
            Node::Entity {
                index: 0, children, ..
            } => {
                let mut inner = vec![];
                entity_nodes(children, &mut inner);
                assert_eq!(inner, vec![(1, 4..9)], "the GPE is inside the ORG");
            }
            other => panic!("expected the ORG outermost, got {other:?}"),
        }
        let mut parts = vec![];
        part_nodes(&tree, &mut parts);
        assert!(parts.contains(&(0, Role::Source, 0..9)), "{parts:?}");
        let content: Vec<Range<usize>> = parts
            .iter()
            .filter(|p| p.1 == Role::Content)
            .map(|p| p.2.clone())
            .collect();
        assert_eq!(content, vec![10..25, 25..30]);
        // An entity crossing a nested one, or repeating its range, is not
        // drawn.
        let ann = Annotation {
            entities: vec![
                ent(0..25, Label::Org),
                ent(4..9, Label::Gpe),
                ent(6..15, Label::Law),
                ent(4..9, Label::Norp),
            ],
            claims: vec![],
        };
        let mut ents = vec![];
        entity_nodes(&build(text, &ann, &ShowAll), &mut ents);
        assert_eq!(ents, vec![(0, 0..25), (1, 4..9)]);
    }

    #[test]
    fn empty_text_gives_no_nodes() {
        assert!(build("", &Annotation::default(), &ShowAll).is_empty());
        let tree = build("plain", &Annotation::default(), &ShowAll);
        assert_eq!(tree, vec![Node::Text(0..5)]);
    }

    /// A tiny deterministic generator, so the property test needs no crate.
    pub(crate) struct Lcg(pub(crate) u64);
    impl Lcg {
        pub(crate) fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn random_overlaps_keep_every_invariant() {
        let text = "Ünïcødé 😀 text, with CRLF\r\n and more words: Moscow, Tehran — “quoted” ✓.";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut rng = Lcg(7);
        for round in 0..500 {
            let pick = |rng: &mut Lcg| {
                let a = bounds[rng.below(bounds.len())];
                let b = bounds[rng.below(bounds.len())];
                a.min(b)..a.max(b)
            };
            // Non-overlapping entities: sorted cut points, every other gap.
            let mut cuts: Vec<usize> = (0..rng.below(12))
                .map(|_| bounds[rng.below(bounds.len())])
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            let entities: Vec<Entity> = cuts
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| ent(c[0]..c[1], Label::ALL[rng.below(18)]))
                .collect();
            let claims: Vec<Claim> = (0..rng.below(5))
                .map(|_| Claim {
                    kind: ClaimKind::Report,
                    source: (0..rng.below(3)).map(|_| pick(&mut rng)).collect(),
                    cue: vec![pick(&mut rng)],
                    content: (0..rng.below(3)).map(|_| pick(&mut rng)).collect(),
                    hedges: (0..rng.below(2)).map(|_| pick(&mut rng)).collect(),
                    source_entity: None,
                })
                .collect();
            let ann = Annotation { entities, claims };
            let tree = build(text, &ann, &ShowAll);
            assert_eq!(text_of(text, &tree), text, "round {round}");
            check_tiling(&tree, 0..text.len());

            let mut ents = vec![];
            entity_nodes(&tree, &mut ents);
            let expected: Vec<(usize, Range<usize>)> = ann
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.range.is_empty())
                .map(|(i, e)| (i, e.range.clone()))
                .collect();
            assert_eq!(
                ents, expected,
                "round {round}: each entity exactly once, whole"
            );

            // The pieces of each part cover exactly the part's ranges.
            let mut parts = vec![];
            part_nodes(&tree, &mut parts);
            for (ci, c) in ann.claims.iter().enumerate() {
                for (role, ranges) in [
                    (Role::Source, &c.source),
                    (Role::Cue, &c.cue),
                    (Role::Content, &c.content),
                    (Role::Hedge, &c.hedges),
                ] {
                    let mut want = vec![false; text.len()];
                    for r in ranges {
                        want[r.clone()].iter_mut().for_each(|b| *b = true);
                    }
                    let mut got = vec![false; text.len()];
                    for (_, _, r) in parts.iter().filter(|(c2, r2, _)| *c2 == ci && *r2 == role) {
                        got[r.clone()].iter_mut().for_each(|b| *b = true);
                    }
                    assert_eq!(got, want, "round {round}: claim {ci} {role:?}");
                }
            }
        }
    }

    #[test]
    fn long_text_is_fast_enough() {
        // Many spans: the sweep must not be quadratic.
        let word = "Moscow said ";
        let text = word.repeat(20_000);
        let entities = (0..20_000)
            .map(|i| ent(i * 12..i * 12 + 6, Label::Gpe))
            .collect();
        let claims = (0..20_000)
            .map(|i| {
                claim(
                    vec![i * 12..i * 12 + 6],
                    vec![i * 12 + 7..i * 12 + 11],
                    vec![i * 12 + 3..i * 12 + 20],
                )
            })
            .collect();
        let ann = Annotation { entities, claims };
        let tree = build(&text, &ann, &ShowAll);
        assert_eq!(text_of(&text, &tree), text);
    }
    /// Property (seeded): for hostile random texts annotated by the shipped
    /// models (or the rule-based finder when they do not load), the
    /// rendered tree reproduces the text exactly and tiles it, with every
    /// entity drawn once. Rendering is what the reader sees, so this is the
    /// "highlights never alter the article" promise end to end.
    #[test]
    fn property_rendering_reproduces_annotated_random_text() {
        use sift_core::testgen::{self, Rng};
        use sift_core::{claims, ner, syntax, Annotator};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/models/");
        let load = || -> Option<Annotator> {
            let n = ner::Model::from_bytes(&std::fs::read(format!("{dir}ner.bin")).ok()?).ok()?;
            let c =
                claims::Model::from_bytes(&std::fs::read(format!("{dir}claims.bin")).ok()?).ok()?;
            let s =
                syntax::Model::from_bytes(&std::fs::read(format!("{dir}syntax.bin")).ok()?).ok()?;
            Some(Annotator::new(n).with_claims(c).with_syntax(s))
        };
        let annotator = load().unwrap_or_else(|| Annotator::new(ner::Model::empty()));
        let mut rng = Rng::new(0x4e4d_e75e);
        let mut texts = vec![crate::SAMPLE.to_string()];
        for _ in 0..150 {
            let n = 1 + rng.below(120);
            texts.push(testgen::text(&mut rng, n));
        }
        for (round, text) in texts.iter().enumerate() {
            let ann = annotator.annotate(text);
            let tree = build(text, &ann, &ShowAll);
            assert_eq!(text_of(text, &tree), *text, "round {round}");
            if !text.is_empty() {
                check_tiling(&tree, 0..text.len());
            }
            let mut ents = vec![];
            entity_nodes(&tree, &mut ents);
            assert_eq!(
                ents.len(),
                ann.entities.len(),
                "round {round}: each entity drawn once"
            );
        }
    }
}
