//! Who makes a claim: whether its source is vague (missing, a bare pronoun,
//! unnamed, impersonal), and the key sources are grouped under. The page's
//! ledger and `sift annotate` (`"vague_source"`) both read these, so they
//! agree on every text.

use crate::annotation::Annotation;
use crate::annotation::Label;

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
pub fn display_name(source: &str) -> String {
    let joined = source.split_whitespace().collect::<Vec<_>>().join(" ");
    ["’s", "'s"]
        .iter()
        .find_map(|p| joined.strip_suffix(p))
        .map_or(joined.clone(), str::to_string)
}

/// Whether `entity`'s words appear, in order and whole, in `source`'s.
pub fn names_within(source: &str, entity: &str) -> bool {
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

/// Why claim `index`'s source is vague, if it is: [`vagueness`] of its
/// source text, named when the core linked the source to an entity or a
/// PERSON lies inside it. `None` also for an index with no claim.
pub fn vague_source(text: &str, annotation: &Annotation, index: usize) -> Option<Vagueness> {
    let claim = annotation.claims.get(index)?;
    let source: Vec<&str> = claim
        .source
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .collect();
    let linked = claim
        .source_entity
        .as_ref()
        .and_then(|r| text.get(r.clone()))
        .is_some_and(|e| !e.trim().is_empty());
    vagueness(
        &source.join(" "),
        linked || names_a_person(annotation, index),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
