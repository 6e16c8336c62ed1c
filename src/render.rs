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
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

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

/// A piece of the article that is drawn on its own: consecutive top-level
/// nodes of the tree, from just after a line break to just after a later
/// one that no highlight covers (or the end of the text), about
/// [`PIECE_BYTES`] long.
///
/// The page draws one element per piece and, when the text or its
/// annotation changes, re-draws only the pieces whose [`key`](Piece::key)
/// changed: on a long text annotated block by block, a publication adds
/// highlights to a few paragraphs and leaves the others alone. Cuts depend
/// only on the text and the highlights around them (never on how long the
/// pieces before got), so a change in one paragraph changes no other
/// piece's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The byte range the piece covers.
    pub range: Range<usize>,
    /// Its nodes; they tile `range`.
    pub nodes: Vec<Node>,
    /// A hash of the range, the text in it and the nodes: equal keys, same
    /// drawing.
    pub key: u64,
    /// How many elements drawing it creates (one for the piece itself).
    pub elements: usize,
}

/// How many elements `nodes` become.
fn count_elements(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(_) => 0,
            Node::Entity { children, .. } | Node::Part { children, .. } => {
                1 + count_elements(children)
            }
        })
        .sum()
}

/// How long a piece of the article is, roughly: a few paragraphs. A 1 MB
/// text is then about 500 pieces.
pub const PIECE_BYTES: usize = 2048;

/// A line longer than this is also cut at sentence ends (see [`pieces`]).
pub const LONG_LINE_BYTES: usize = 8 * PIECE_BYTES;

/// Cuts a tree (from [`build`]) into [`Piece`]s of about [`PIECE_BYTES`].
/// Cuts go after runs of line breaks (`\n`, with any `\r`) in top-level
/// text, so a line break inside a highlight is never cut and every node
/// stays whole. A line longer than [`LONG_LINE_BYTES`] (a 1 MB paste with
/// no line breaks) may also be cut after the space that follows a
/// sentence's end: each piece is a block, so such a line then shows a
/// break where it was cut, but it never has to be drawn or laid out whole.
/// The pieces tile the text in order.
pub fn pieces(text: &str, nodes: Vec<Node>) -> Vec<Piece> {
    pieces_of(text, nodes, PIECE_BYTES, LONG_LINE_BYTES)
}

/// Where a piece may end in `text[r]` (top-level text): after a run of
/// line breaks, and, in a line longer than `long_line`, after the space
/// that follows `.`, `!` or `?` (and any closing quote or bracket). The
/// flag marks the line break that ends a long line: always a cut, so that
/// the line's last piece does not run into the next line.
/// `newlines` are the byte offsets of the text's `\n`s, in order.
fn cut_candidates(
    text: &str,
    newlines: &[usize],
    r: Range<usize>,
    long_line: usize,
) -> Vec<(usize, bool)> {
    let bytes = text.as_bytes();
    // Whether the `\n` ending at `p` ends its run of breaks.
    let is_break_end = |p: usize| p == bytes.len() || !matches!(bytes[p], b'\n' | b'\r');
    let line_len = |p: usize| {
        let n = newlines.partition_point(|&i| i < p);
        let start = n.checked_sub(1).map_or(0, |k| newlines[k] + 1);
        let end = newlines.get(n).copied().unwrap_or(text.len());
        end - start
    };
    let mut out = Vec::new();
    // Whether the line the last sentence end was in is long, until a break.
    let mut long: Option<bool> = None;
    // Whether the last line with any text before a break was long.
    let mut ends_long = false;
    let chunk = text.get(r.clone()).unwrap_or_default();
    for (i, c) in chunk.char_indices() {
        let p = r.start + i + c.len_utf8();
        if c == '\n' {
            // A run of breaks ends the last line in it with any text.
            let len = line_len(p - 1);
            if len > 1 || (len == 1 && bytes[p - 2] != b'\r') {
                ends_long = len > long_line;
            }
            long = None;
            if is_break_end(p) {
                out.push((p, ends_long));
            }
        } else if c == ' '
            && !matches!(bytes.get(p), None | Some(b'\n' | b'\r'))
            && sentence_end_before(&text[..p - 1])
        {
            let is_long = *long.get_or_insert_with(|| line_len(p) > long_line);
            if is_long {
                out.push((p, false));
            }
        }
    }
    out
}

/// Whether `before` ends a sentence: `.`, `!` or `?`, then any closing
/// quotes or brackets.
fn sentence_end_before(before: &str) -> bool {
    let trimmed = before.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    trimmed.ends_with(['.', '!', '?'])
}

/// [`pieces`], cutting at a candidate (see [`cut_candidates`]) when a
/// multiple of `grid` lies between it and the candidate before: whether a
/// candidate is a cut depends only on it and the candidate before, so a
/// highlight added or removed changes the pieces around it and no others.
fn pieces_of(text: &str, nodes: Vec<Node>, grid: usize, long_line: usize) -> Vec<Piece> {
    let grid = grid.max(1);
    use std::hash::{DefaultHasher, Hash, Hasher};
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let finish = |range: Range<usize>, nodes: Vec<Node>, out: &mut Vec<Piece>| {
        let mut h = DefaultHasher::new();
        range.hash(&mut h);
        text.get(range.clone()).unwrap_or_default().hash(&mut h);
        nodes.hash(&mut h);
        let key = h.finish();
        let elements = 1 + count_elements(&nodes);
        out.push(Piece {
            range,
            nodes,
            key,
            elements,
        });
    };
    let mut out = Vec::new();
    let mut current = Vec::new();
    let (mut start, mut previous) = (0, 0);
    for node in nodes {
        let Node::Text(r) = node else {
            current.push(node);
            continue;
        };
        let mut from = r.start;
        for (cut, always) in cut_candidates(text, &newlines, r.clone(), long_line) {
            let far_enough = always || cut / grid != previous / grid;
            previous = cut;
            if !far_enough {
                continue;
            }
            current.push(Node::Text(from..cut));
            finish(start..cut, std::mem::take(&mut current), &mut out);
            (start, from) = (cut, cut);
        }
        if from < r.end {
            current.push(Node::Text(from..r.end));
        }
    }
    if !current.is_empty() {
        finish(start..text.len(), current, &mut out);
    }
    out
}

/// One step of drawing `target` over `shown` (pieces of the same text) a
/// slice at a time: the pieces to show now, and whether more steps are
/// needed. Pieces already shown stay; the new ones are drawn in text order
/// until they make `budget` elements (always at least one); past that, the
/// shown pieces with the same range, or the run of shown pieces that tiles
/// it exactly, stand in until a later step. A new piece that nothing shown
/// covers exactly is drawn at once, so the result always tiles the text
/// and every step makes progress.
pub fn next_step(
    shown: &[Arc<Piece>],
    target: &[Arc<Piece>],
    budget: usize,
) -> (Vec<Arc<Piece>>, bool) {
    let shown_keys: HashSet<u64> = shown.iter().map(|p| p.key).collect();
    let by_start: HashMap<usize, usize> = (shown.iter().enumerate())
        .map(|(i, p)| (p.range.start, i))
        .collect();
    // The shown pieces that tile `range` exactly, if any.
    let stand_in = |range: &Range<usize>| -> Option<&[Arc<Piece>]> {
        let first = *by_start.get(&range.start)?;
        let mut last = first;
        while shown[last].range.end < range.end {
            last += 1;
            if last >= shown.len() {
                return None;
            }
        }
        (shown[last].range.end == range.end).then(|| &shown[first..=last])
    };
    let (mut out, mut spent, mut more) = (Vec::with_capacity(target.len()), 0, false);
    for p in target {
        if shown_keys.contains(&p.key) {
            out.push(p.clone());
        } else if spent == 0 || spent + p.elements <= budget {
            spent += p.elements;
            out.push(p.clone());
        } else if let Some(old) = stand_in(&p.range) {
            out.extend(old.iter().cloned());
            more = true;
        } else {
            out.push(p.clone());
        }
    }
    (out, more)
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
mod tests {
    use super::*;
    use sift_core::{Claim, ClaimKind, Entity};

    fn ent(range: Range<usize>, label: Label) -> Entity {
        Entity { range, label }
    }

    fn claim(
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
    fn entity_nodes(nodes: &[Node], out: &mut Vec<(usize, Range<usize>)>) {
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
    fn part_nodes(nodes: &[Node], out: &mut Vec<(usize, Role, Range<usize>)>) {
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
    fn check_tiling(nodes: &[Node], range: Range<usize>) {
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
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
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

    /// Pieces tile the text, keep every node whole and cut only after line
    /// breaks in top-level text.
    fn check_pieces(text: &str, ann: &Annotation) -> Vec<Piece> {
        check_pieces_of(text, ann, 1)
    }

    fn check_pieces_of(text: &str, ann: &Annotation, grid: usize) -> Vec<Piece> {
        let tree = build(text, ann, &ShowAll);
        let ps = pieces_of(text, tree.clone(), grid, usize::MAX);
        let mut at = 0;
        for p in &ps {
            assert_eq!(p.range.start, at, "pieces tile the text");
            assert!(p.range.start < p.range.end);
            check_tiling(&p.nodes, p.range.clone());
            at = p.range.end;
        }
        assert_eq!(at, text.len());
        let joined: Vec<Node> = ps.iter().flat_map(|p| p.nodes.clone()).collect();
        assert_eq!(text_of(text, &joined), text);
        let (mut whole, mut cut) = (vec![], vec![]);
        entity_nodes(&tree, &mut whole);
        entity_nodes(&joined, &mut cut);
        assert_eq!(whole, cut, "entities stay whole");
        let (mut whole, mut cut) = (vec![], vec![]);
        part_nodes(&tree, &mut whole);
        part_nodes(&joined, &mut cut);
        assert_eq!(whole, cut, "parts stay whole");
        ps
    }

    #[test]
    fn pieces_cut_after_line_breaks_outside_highlights() {
        let text = "Putin said\n\nMoscow wins.\r\n\r\nA\nB";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let ann = Annotation {
            entities: vec![
                ent(at("Putin"), Label::Person),
                ent(at("Moscow"), Label::Gpe),
            ],
            claims: vec![],
        };
        let ps = check_pieces(text, &ann);
        let shown: Vec<&str> = ps.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(
            shown,
            ["Putin said\n\n", "Moscow wins.\r\n\r\n", "A\n", "B"]
        );
        // A claim whose content spans the blank line keeps both paragraphs
        // in one piece.
        let ann = Annotation {
            entities: ann.entities.clone(),
            claims: vec![claim(vec![at("Putin")], vec![at("said")], vec![7..18])],
        };
        let ps = check_pieces(text, &ann);
        assert_eq!(
            &text[ps[0].range.clone()],
            "Putin said\n\nMoscow wins.\r\n\r\n"
        );
        assert!(pieces("", Vec::new()).is_empty());
        assert_eq!(check_pieces_of(text, &ann, PIECE_BYTES).len(), 1);
        assert_eq!(check_pieces("no breaks", &Annotation::default()).len(), 1);
        assert_eq!(check_pieces("\n\n\n", &Annotation::default()).len(), 1);
    }

    #[test]
    fn a_long_line_is_cut_at_sentence_ends() {
        let sentence = "Someone said “something here.” "; // 34 bytes
        let text = format!(
            "{}\r\n\r\nShort. Line.\n{}",
            sentence.repeat(12),
            sentence.repeat(3)
        );
        let tree = build(&text, &Annotation::default(), &ShowAll);
        // Lines over 200 bytes are cut at sentence ends too (the first),
        // the others only after their line break.
        let ps = pieces_of(&text, tree.clone(), 100, 200);
        let shown: Vec<&str> = ps.iter().map(|p| &text[p.range.clone()]).collect();
        assert!(ps.len() > 3, "{shown:?}");
        for p in &shown[..shown.len() - 1] {
            assert!(p.ends_with("” ") || p.ends_with('\n'), "{p:?}");
        }
        // The long line's break ends a piece; the short line is not cut.
        assert!(shown.iter().any(|p| p.ends_with("” \r\n\r\n")), "{shown:?}");
        assert!(
            shown.iter().any(|p| p.contains("Short. Line.\n")),
            "{shown:?}"
        );
        assert_eq!(shown.concat(), text);
        // The shipped threshold leaves such short lines alone.
        assert_eq!(pieces(&text, tree).len(), 1);
        assert!(sentence_end_before("He won.") && sentence_end_before("“Go!”"));
        assert!(!sentence_end_before("Mr") && !sentence_end_before(""));
    }

    #[test]
    fn pieces_gather_paragraphs_up_to_the_grid_and_change_only_locally() {
        let paragraph = "Someone said something here.\n\n"; // 30 bytes
        let text = paragraph.repeat(40);
        let plain = check_pieces_of(&text, &Annotation::default(), 100);
        // A cut after the first paragraph end past each multiple of 100.
        let starts: Vec<usize> = plain.iter().map(|p| p.range.start).collect();
        assert_eq!(starts[..4], [0, 120, 210, 300]);
        assert!(plain.iter().all(|p| p.range.len() <= 120));
        assert_eq!(check_pieces(&text, &Annotation::default()).len(), 40);
        // A claim over the blank line ending paragraph 20 (a cut, at 600)
        // moves that cut to the next paragraph end (630); the cut after
        // stays (720), and so do the other pieces' keys.
        let ann = Annotation {
            entities: vec![],
            claims: vec![claim(vec![], vec![570..574], vec![580..620])],
        };
        let changed = check_pieces_of(&text, &ann, 100);
        let old: HashSet<u64> = plain.iter().map(|p| p.key).collect();
        let new: Vec<&Piece> = changed.iter().filter(|p| !old.contains(&p.key)).collect();
        let ranges: Vec<Range<usize>> = new.iter().map(|p| p.range.clone()).collect();
        assert_eq!(ranges, [510..630, 630..720]);
        assert_eq!(changed.len(), plain.len());
    }

    #[test]
    fn a_change_in_one_paragraph_changes_only_its_piece() {
        let text = "Putin said.\n\nMoscow wins.\n\nKyiv replied.\n";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let before = Annotation {
            entities: vec![ent(at("Putin"), Label::Person)],
            claims: vec![],
        };
        let mut after = before.clone();
        after.entities.push(ent(at("Kyiv"), Label::Gpe));
        let keys =
            |a: &Annotation| -> Vec<u64> { check_pieces(text, a).iter().map(|p| p.key).collect() };
        let (k0, k1) = (keys(&before), keys(&after));
        assert_eq!(k0.len(), 3);
        assert_eq!(k0[..2], k1[..2]);
        assert_ne!(k0[2], k1[2]);
        // The same highlights over different text make a different piece.
        let other = text.replace("Moscow", "Madrid");
        let k2: Vec<u64> = check_pieces(&other, &before)
            .iter()
            .map(|p| p.key)
            .collect();
        assert_eq!((k0[0], k0[2]), (k2[0], k2[2]));
        assert_ne!(k0[1], k2[1]);
    }

    #[test]
    fn pieces_keep_every_invariant_on_random_overlaps() {
        let text = "One said\n\ntwo 😀 denied\r\nthree\n\n\nfour reported\nfive";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut rng = Lcg(11);
        for _ in 0..300 {
            let mut pick = || {
                let a = bounds[rng.below(bounds.len())];
                let b = bounds[rng.below(bounds.len())];
                a.min(b)..a.max(b)
            };
            let entities = vec![ent(pick(), Label::Org)];
            let claims = vec![claim(vec![pick()], vec![pick()], vec![pick()])];
            check_pieces(text, &Annotation { entities, claims });
        }
    }

    #[test]
    fn drawing_in_steps_converges_and_always_tiles_the_text() {
        let text = "Putin said.\n\nMoscow wins.\n\nKyiv replied.\n\nParis too.";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let arcs = |a: &Annotation| -> Vec<Arc<Piece>> {
            check_pieces(text, a).into_iter().map(Arc::new).collect()
        };
        let plain = arcs(&Annotation::default());
        let names = ["Putin", "Moscow", "Kyiv", "Paris"];
        let full = arcs(&Annotation {
            entities: names.iter().map(|n| ent(at(n), Label::Gpe)).collect(),
            claims: vec![],
        });
        let tiles = |ps: &[Arc<Piece>]| {
            let mut end = 0;
            for p in ps {
                assert_eq!(p.range.start, end);
                end = p.range.end;
            }
            assert_eq!(end, text.len());
        };
        // Each highlighted piece costs 2 elements: one new piece per step.
        let mut shown = plain.clone();
        let mut steps = 0;
        loop {
            let (next, more) = next_step(&shown, &full, 3);
            tiles(&next);
            let new = next
                .iter()
                .filter(|p| !shown.iter().any(|s| s.key == p.key))
                .count();
            assert_eq!(new, 1, "step {steps}");
            shown = next;
            steps += 1;
            if !more {
                break;
            }
        }
        assert_eq!(steps, 4);
        let keys = |ps: &[Arc<Piece>]| ps.iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(keys(&shown), keys(&full));
        // A budget of 0 still draws one piece; a large one draws all.
        assert!(next_step(&plain, &full, 0).1);
        let (all, more) = next_step(&plain, &full, 100);
        assert!(!more);
        assert_eq!(keys(&all), keys(&full));
        // A new piece that merges two shown ones (a claim across the blank
        // line) stands in with both until it is drawn.
        let merged = arcs(&Annotation {
            entities: vec![ent(at("Putin"), Label::Person)],
            claims: vec![claim(
                vec![at("Kyiv")],
                vec![at("replied")],
                vec![at("replied.\n\nParis")],
            )],
        });
        assert_eq!(merged.len(), 3);
        let (next, more) = next_step(&plain, &merged, 1);
        assert!(more);
        tiles(&next);
        assert_eq!(
            keys(&next),
            [merged[0].key, plain[1].key, plain[2].key, plain[3].key]
        );
        // Nothing shown covers a piece exactly: it is drawn at once.
        let (next, _) = next_step(&merged, &full, 0);
        tiles(&next);
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
        use sift_core::{claims, ner, Annotator};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/models/");
        let load = || -> Option<Annotator> {
            let n = ner::Model::from_bytes(&std::fs::read(format!("{dir}ner.bin")).ok()?).ok()?;
            let c =
                claims::Model::from_bytes(&std::fs::read(format!("{dir}claims.bin")).ok()?).ok()?;
            Some(Annotator::new(n).with_claims(c))
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
