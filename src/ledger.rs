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

use sift_core::{Annotation, ClaimKind, Label};

use crate::summary::{self, ClaimCard};

/// The name of the group of claims that have no source.
pub const NO_SOURCE: &str = "No source given";

/// Why a source counts as vague.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vagueness {
    /// The claim has no source at all ("…, denying claims that …").
    NoSource,
    /// The source is only a pronoun ("he", "they", "who") that the core did
    /// not link to an entity.
    Pronoun,
    /// The source is unnamed: "officials", "a source", "people familiar
    /// with…", "critics", "some", "reports".
    Anonymous,
    /// The claim is impersonal: "it is believed", "it was reported".
    Impersonal,
}

impl Vagueness {
    /// The value of `data-vague` on the card.
    pub fn as_str(self) -> &'static str {
        match self {
            Vagueness::NoSource => "no-source",
            Vagueness::Pronoun => "pronoun",
            Vagueness::Anonymous => "anonymous",
            Vagueness::Impersonal => "impersonal",
        }
    }

    /// A sentence for the marker's tooltip.
    pub fn describe(self) -> &'static str {
        match self {
            Vagueness::NoSource => "No source is given for this claim.",
            Vagueness::Pronoun => "The source is a pronoun not linked to anyone named.",
            Vagueness::Anonymous => "The source is not named (officials, sources, critics…).",
            Vagueness::Impersonal => "The claim is made impersonally (“it is believed”).",
        }
    }
}

/// Pronouns that name nobody by themselves.
const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "him",
    "her",
    "them",
    "us",
    "me",
    "who",
    "whom",
    "which",
    "that",
    "this",
    "these",
    "those",
    "one",
    "someone",
    "somebody",
    "anyone",
    "everyone",
    "everybody",
    "his",
    "their",
    "its",
];

/// Nouns that stand for an unnamed speaker when nothing names them.
const ANONYMOUS_NOUNS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "critic",
    "critics",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "observer",
    "observers",
    "report",
    "reports",
    "insider",
    "insiders",
    "people",
    "person",
    "witnesses",
    "residents",
    "diplomats",
    "aides",
    "others",
];

/// Words that, opening a source, leave it unnamed: "some", "many", "a",
/// "an" (the core does not link indefinite sources either).
const VAGUE_OPENERS: &[&str] = &[
    "some",
    "many",
    "several",
    "most",
    "few",
    "numerous",
    "various",
    "unnamed",
    "anonymous",
    "a",
    "an",
    "others",
    "critics",
    "experts",
    "analysts",
    "observers",
    "officials",
    "sources",
    "reports",
];

/// Verbs after "it" that make an impersonal claim ("it is believed").
const IMPERSONAL_VERBS: &[&str] = &[
    "is", "was", "has", "had", "seems", "seemed", "appears", "appeared", "remains",
];

/// The lower-cased words of `s`, with curly apostrophes made straight and a
/// possessive "'s" dropped.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase().replace('’', "'");
            let w = w.strip_suffix("'s").unwrap_or(&w);
            w.trim_matches('\'').to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Classifies a claim's source. `source` is its text (empty when there is
/// none); `named` says whether it names someone: the core linked it to an
/// entity, or a person's name is inside it. A named source is never vague.
pub fn vagueness(source: &str, named: bool) -> Option<Vagueness> {
    let words = words(source);
    let Some(first) = words.first() else {
        return Some(Vagueness::NoSource);
    };
    if named {
        return None;
    }
    let is = |list: &[&str], w: &str| list.contains(&w);
    // "it's" lost its "'s" in `words`, as possessives do.
    let contracted = source
        .trim_start()
        .to_lowercase()
        .replace('’', "'")
        .starts_with("it's ");
    if contracted || first == "it" && words.get(1).is_some_and(|w| is(IMPERSONAL_VERBS, w)) {
        return Some(Vagueness::Impersonal);
    }
    if words.iter().all(|w| is(PRONOUNS, w)) {
        return Some(Vagueness::Pronoun);
    }
    // A leading article says nothing about who is meant.
    let rest = if first == "the" {
        &words[1..]
    } else {
        &words[..]
    };
    let opens_vague = rest.first().is_some_and(|w| is(VAGUE_OPENERS, w));
    // "officials", "Pentagon officials", "people familiar with the matter":
    // an anonymous noun among the first words, and nobody named.
    let anonymous_head = rest.iter().take(3).any(|w| is(ANONYMOUS_NOUNS, w));
    (opens_vague || anonymous_head).then_some(Vagueness::Anonymous)
}

/// The key a source is grouped under: lower-cased, spaces collapsed, a
/// leading "the" and a trailing possessive dropped.
pub fn group_key(source: &str) -> String {
    let words = words(source);
    let rest = match words.first() {
        Some(w) if w == "the" && words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    rest.join(" ")
}

/// How a source reads as a group name: spaces collapsed, a trailing
/// possessive dropped ("Iran’s" → "Iran").
fn display_name(source: &str) -> String {
    let joined = source.split_whitespace().collect::<Vec<_>>().join(" ");
    ["’s", "'s"]
        .iter()
        .find_map(|p| joined.strip_suffix(p))
        .map_or(joined.clone(), str::to_string)
}

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

/// Whether `entity`'s words appear, in order and whole, in `source`'s.
fn names_within(source: &str, entity: &str) -> bool {
    let (source, entity) = (group_key(source), group_key(entity));
    !entity.is_empty() && format!(" {source} ").contains(&format!(" {entity} "))
}

/// Whether a PERSON entity lies inside claim `index`'s source.
fn names_a_person(annotation: &Annotation, index: usize) -> bool {
    let Some(claim) = annotation.claims.get(index) else {
        return false;
    };
    annotation
        .entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .any(|e| {
            claim
                .source
                .iter()
                .any(|s| s.start <= e.range.start && e.range.end <= s.end)
        })
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
            let vague = vagueness(
                &card.source,
                entity.is_some() || names_a_person(annotation, card.index),
            );
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
    use sift_core::Claim;

    #[test]
    fn missing_and_pronoun_sources_are_vague() {
        assert_eq!(vagueness("", false), Some(Vagueness::NoSource));
        assert_eq!(vagueness("  ", true), Some(Vagueness::NoSource));
        assert_eq!(vagueness("he", false), Some(Vagueness::Pronoun));
        assert_eq!(vagueness("They", false), Some(Vagueness::Pronoun));
        assert_eq!(vagueness("who", false), Some(Vagueness::Pronoun));
        // Linked to an entity, a pronoun names someone.
        assert_eq!(vagueness("he", true), None);
        assert_eq!(vagueness("who", true), None);
    }

    #[test]
    fn unnamed_sources_are_vague() {
        for s in [
            "officials",
            "Officials",
            "US officials",
            "senior officials",
            "sources",
            "a source",
            "A source close to the talks",
            "an official",
            "people familiar with the matter",
            "a person familiar with the plans",
            "critics",
            "experts",
            "analysts",
            "some",
            "Some lawmakers",
            "many",
            "observers",
            "reports",
            "the reports",
            "Western diplomats",
            "Pentagon officials",
            "a Guard general",
        ] {
            assert_eq!(vagueness(s, false), Some(Vagueness::Anonymous), "{s}");
        }
        for s in ["it is believed", "It was reported", "it’s understood"] {
            assert_eq!(vagueness(s, false), Some(Vagueness::Impersonal), "{s}");
        }
    }

    #[test]
    fn named_sources_are_not_vague() {
        for s in [
            "Moscow and Tehran",
            "the Kremlin",
            "Iran’s",
            "Ukraine and the West",
            "US news website Axios",
            "Iranian state TV",
            "Putin",
        ] {
            assert_eq!(vagueness(s, false), None, "{s}");
        }
        // Whatever its words, a source linked to an entity or holding a
        // person's name is named.
        assert_eq!(vagueness("officials", true), None);
        assert_eq!(vagueness("Analyst Jane Roe", true), None);
    }

    #[test]
    fn group_keys_normalise() {
        assert_eq!(group_key("  The   Kremlin "), "kremlin");
        assert_eq!(group_key("Iran’s"), "iran");
        assert_eq!(group_key("Iran"), "iran");
        assert_eq!(group_key("The"), "the");
        assert_eq!(group_key(""), "");
        assert!(names_within(
            "US President-elect Donald Trump",
            "Donald Trump"
        ));
        assert!(names_within("Iran’s", "Iran"));
        assert!(!names_within("Iranian officials", "Iran"));
        assert!(!names_within("he", "Esmaeil Baqaei"));
        assert_eq!(display_name("Iran’s"), "Iran");
        assert_eq!(display_name(" Moscow  and\nTehran "), "Moscow and Tehran");
    }

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
