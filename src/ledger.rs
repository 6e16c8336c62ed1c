//! The "who says what" ledger: claims grouped by who makes them, vague or
//! anonymous sources flagged, and the filters over both. Plain Rust, tested
//! natively; the claim list component only draws what these functions return.
//!
//! A claim's group is the entity its source is linked to when the core
//! linked one ("he" → "Esmaeil Baqaei"), else its source text normalised
//! (case, spacing, a leading "the", a trailing possessive), so that "Iran",
//! "Iran’s" and a "he" linked to Iran land together. Claims without a
//! source share one group, [`NO_SOURCE`].

use std::collections::HashMap;

pub use sift_core::claims::sources::Vagueness;
use sift_core::claims::sources::{self, display_name, group_key, names_within};
use sift_core::{Annotation, ClaimKind};

use crate::summary::{self, ClaimCard};

/// The name of the group of claims that have no source.
pub const NO_SOURCE: &str = "No source given";

/// One claim in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The claim spelled out.
    pub card: ClaimCard,
    /// Why its source is vague, if it is.
    pub vague: Option<Vagueness>,
    /// The group it belongs to (see [`group_key`]); empty without a source.
    pub key: String,
    /// The group's name as shown.
    pub name: String,
}

impl Entry {
    /// Whether the claim carries hedges.
    pub fn hedged(&self) -> bool {
        !self.card.hedges.is_empty()
    }
}

/// Every claim as a ledger entry, in text order.
pub fn entries(text: &str, annotation: &Annotation) -> Vec<Entry> {
    summary::claim_cards(text, annotation)
        .into_iter()
        .map(|mut card| {
            let entity = annotation
                .claims
                .get(card.index)
                .and_then(|c| c.source_entity.as_ref())
                .and_then(|r| text.get(r.clone()))
                .map(str::trim)
                .filter(|e| !e.is_empty());
            // "Iran’s → Iran" or "President-elect Donald Trump → Donald
            // Trump" say nothing new.
            if entity.is_some_and(|e| names_within(&card.source, e)) {
                card.source_entity = None;
            }
            let vague = sources::vague_source(text, annotation, card.index);
            let named = entity.unwrap_or(&card.source);
            let key = group_key(named);
            let name = if key.is_empty() {
                NO_SOURCE.to_string()
            } else {
                display_name(named)
            };
            Entry {
                card,
                vague,
                key,
                name,
            }
        })
        .collect()
}

/// What the ledger shows. With no kind picked every kind is shown; picking
/// kinds shows only those.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimFilter {
    kinds: [bool; ClaimKind::ALL.len()],
    hedged_only: bool,
    vague_only: bool,
}

fn kind_index(kind: ClaimKind) -> usize {
    ClaimKind::ALL
        .iter()
        .position(|&k| k == kind)
        .unwrap_or_default()
}

impl ClaimFilter {
    /// Whether `kind` is picked.
    pub fn picks(&self, kind: ClaimKind) -> bool {
        self.kinds[kind_index(kind)]
    }

    /// Picks or unpicks `kind`.
    pub fn toggle_kind(&mut self, kind: ClaimKind) {
        self.kinds[kind_index(kind)] ^= true;
    }

    /// Whether only hedged claims are shown.
    pub fn hedged_only(&self) -> bool {
        self.hedged_only
    }

    /// Switches "hedged only".
    pub fn toggle_hedged(&mut self) {
        self.hedged_only ^= true;
    }

    /// Whether only claims with vague sources are shown.
    pub fn vague_only(&self) -> bool {
        self.vague_only
    }

    /// Switches "vague sources only".
    pub fn toggle_vague(&mut self) {
        self.vague_only ^= true;
    }

    /// Whether anything is filtered at all.
    pub fn is_active(&self) -> bool {
        *self != ClaimFilter::default()
    }

    /// Whether `entry` passes.
    pub fn matches(&self, entry: &Entry) -> bool {
        let any_kind = !self.kinds.contains(&true);
        (any_kind || self.picks(entry.card.kind))
            && (!self.hedged_only || entry.hedged())
            && (!self.vague_only || entry.vague.is_some())
    }
}

/// The claims of one source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceGroup {
    /// See [`group_key`]; empty for claims without a source.
    pub key: String,
    /// The name shown: the linked entity or the source as first written.
    pub name: String,
    /// Its claims that pass the filter, in text order.
    pub entries: Vec<Entry>,
}

/// The entries that pass `filter`, grouped by source; groups with more
/// claims first, ties in order of first appearance.
pub fn groups(entries: &[Entry], filter: &ClaimFilter) -> Vec<SourceGroup> {
    let mut out: Vec<SourceGroup> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for e in entries.iter().filter(|e| filter.matches(e)) {
        match at.get(e.key.as_str()) {
            Some(&i) => out[i].entries.push(e.clone()),
            None => {
                at.insert(&e.key, out.len());
                out.push(SourceGroup {
                    key: e.key.clone(),
                    name: e.name.clone(),
                    entries: vec![e.clone()],
                });
            }
        }
    }
    // A stable sort keeps first appearance among equals.
    out.sort_by_key(|g| std::cmp::Reverse(g.entries.len()));
    out
}

/// How many claims there are of each kind, in [`ClaimKind::ALL`] order.
pub fn kind_counts(entries: &[Entry]) -> [usize; ClaimKind::ALL.len()] {
    let mut counts = [0; ClaimKind::ALL.len()];
    for e in entries {
        counts[kind_index(e.card.kind)] += 1;
    }
    counts
}

/// For each claim (by index), whether the filter leaves it out, so the
/// text can dim it. Empty when nothing is filtered.
pub fn dimmed(entries: &[Entry], filter: &ClaimFilter) -> Vec<bool> {
    if !filter.is_active() {
        return Vec::new();
    }
    let len = entries.iter().map(|e| e.card.index + 1).max().unwrap_or(0);
    let mut out = vec![true; len];
    for e in entries.iter().filter(|e| filter.matches(e)) {
        out[e.card.index] = false;
    }
    out
}

/// The groups, in order, cut so that at most `limit` cards are drawn (the
/// group that crosses the limit is cut inside).
pub fn first_cards(groups: &[SourceGroup], limit: usize) -> Vec<SourceGroup> {
    let mut left = limit;
    let mut out = Vec::new();
    for g in groups {
        if left == 0 {
            break;
        }
        let mut g = g.clone();
        g.entries.truncate(left);
        left -= g.entries.len();
        out.push(g);
    }
    out
}

#[cfg(test)]
// Claim parts are lists of ranges; a list of one range is what we mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use sift_core::{Claim, Label};

    fn claim(
        kind: ClaimKind,
        source: Option<std::ops::Range<usize>>,
        cue: std::ops::Range<usize>,
    ) -> Claim {
        Claim {
            kind,
            source: source.into_iter().collect(),
            cue: vec![cue],
            content: vec![],
            hedges: vec![],
            source_entity: None,
        }
    }

    /// "Moscow and Tehran denied it. Iran said no. He added, reportedly,
    /// more. Iran’s envoy agreed. Denying it."
    fn sample() -> (&'static str, Annotation) {
        let text =
            "Moscow and Tehran denied it. Iran said no. He added, reportedly, more. Iran’s agreed. Denying it.";
        let he = text.find("He").unwrap_or(0);
        let iran2 = text.find("Iran’s").unwrap_or(0);
        let mut claims = vec![
            claim(ClaimKind::Denial, Some(0..17), 18..24),
            claim(ClaimKind::Statement, Some(29..33), 34..38),
            claim(ClaimKind::Statement, Some(he..he + 2), he + 3..he + 8),
            claim(
                ClaimKind::Statement,
                Some(iran2..iran2 + 8),
                iran2 + 9..iran2 + 15,
            ),
            claim(ClaimKind::Denial, None, iran2 + 17..iran2 + 24),
        ];
        // "He" is linked to the first "Iran"; it is hedged.
        claims[2].source_entity = Some(29..33);
        claims[2].hedges = vec![he + 10..he + 20];
        // "Iran’s" is linked to its own "Iran".
        claims[3].source_entity = Some(iran2..iran2 + 4);
        (
            text,
            Annotation {
                entities: vec![],
                claims,
            },
        )
    }

    #[test]
    fn entries_group_by_linked_entity_then_source() {
        let (text, ann) = sample();
        let entries = entries(text, &ann);
        assert_eq!(entries.len(), 5);
        assert_eq!(entries[2].card.source, "He");
        assert_eq!(entries[2].card.source_entity.as_deref(), Some("Iran"));
        assert_eq!(entries[2].vague, None, "a linked pronoun is named");
        assert_eq!(entries[4].vague, Some(Vagueness::NoSource));
        assert!(entries[2].hedged() && !entries[1].hedged());
        assert_eq!(entries[3].card.source, "Iran’s");
        assert_eq!(entries[3].card.source_entity, None, "no “Iran’s → Iran”");
        assert_eq!(entries[3].name, "Iran");

        let groups = groups(&entries, &ClaimFilter::default());
        let names: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| (g.name.as_str(), g.entries.len()))
            .collect();
        assert_eq!(
            names,
            vec![("Iran", 3), ("Moscow and Tehran", 1), (NO_SOURCE, 1)],
            "largest first, then in order of appearance"
        );
        let iran: Vec<usize> = groups[0].entries.iter().map(|e| e.card.index).collect();
        assert_eq!(iran, vec![1, 2, 3]);
        assert_eq!(groups[2].key, "");
    }

    #[test]
    fn filters_pick_kinds_hedges_and_vague_sources() {
        let (text, ann) = sample();
        let entries = entries(text, &ann);
        let mut f = ClaimFilter::default();
        assert!(!f.is_active());
        assert!(dimmed(&entries, &f).is_empty());

        f.toggle_kind(ClaimKind::Denial);
        assert!(f.is_active() && f.picks(ClaimKind::Denial));
        let shown: Vec<usize> = groups(&entries, &f)
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.card.index))
            .collect();
        assert_eq!(shown, vec![0, 4]);
        assert_eq!(dimmed(&entries, &f), vec![false, true, true, true, false]);

        f.toggle_vague();
        let shown: Vec<usize> = groups(&entries, &f)
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.card.index))
            .collect();
        assert_eq!(shown, vec![4]);

        let mut f = ClaimFilter::default();
        f.toggle_hedged();
        let g = groups(&entries, &f);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].entries[0].card.index, 2);
        f.toggle_hedged();
        assert!(!f.is_active());

        let counts = kind_counts(&entries);
        assert_eq!(counts[kind_index(ClaimKind::Denial)], 2);
        assert_eq!(counts[kind_index(ClaimKind::Statement)], 3);
        assert_eq!(counts.iter().sum::<usize>(), 5);
    }

    #[test]
    fn a_person_named_in_the_source_makes_it_named() {
        let text = "Officials led by Jane Roe said so. Officials said no.";
        let roe = text.find("Jane").unwrap_or(0);
        let said2 = text.rfind("said").unwrap_or(0);
        let ann = Annotation {
            entities: vec![sift_core::Entity {
                range: roe..roe + 8,
                label: Label::Person,
            }],
            claims: vec![
                claim(ClaimKind::Statement, Some(0..roe + 8), roe + 9..roe + 13),
                claim(ClaimKind::Statement, Some(35..44), said2..said2 + 4),
            ],
        };
        let entries = entries(text, &ann);
        assert_eq!(entries[0].vague, None);
        assert_eq!(entries[1].card.source, "Officials");
        assert_eq!(entries[1].vague, Some(Vagueness::Anonymous));
    }

    #[test]
    fn empty_annotation_gives_an_empty_ledger() {
        let entries = entries("", &Annotation::default());
        assert!(entries.is_empty());
        assert!(groups(&entries, &ClaimFilter::default()).is_empty());
        let mut f = ClaimFilter::default();
        f.toggle_vague();
        assert!(dimmed(&entries, &f).is_empty());
    }

    #[test]
    fn first_cards_cuts_at_the_limit_in_order() {
        let (text, ann) = sample();
        let all = groups(&entries(text, &ann), &ClaimFilter::default());
        let count = |g: &[SourceGroup]| g.iter().map(|g| g.entries.len()).sum::<usize>();
        assert_eq!(count(&all), 5);
        let cut = first_cards(&all, 2);
        assert_eq!(count(&cut), 2);
        assert_eq!(cut[0].key, all[0].key);
        let firsts: Vec<usize> = cut
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.card.index))
            .collect();
        let expected: Vec<usize> = all
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.card.index))
            .take(2)
            .collect();
        assert_eq!(firsts, expected);
        assert_eq!(first_cards(&all, 100), all);
    }
}
