//! The words that signal a claim, and the kind of claim each signals.

use std::borrow::Cow;

use crate::annotation::ClaimKind;
use crate::linear::hash::IdBuild;

/// A word in lowercase, borrowed when it is ASCII without a capital: most
/// words are, and the rule passes lowercase every token of every sentence.
pub(crate) fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Word forms that can be a cue, with their kind. Lowercase.
const SINGLE: &[(&[&str], ClaimKind)] = &[
    (
        &[
            "say",
            "says",
            "said",
            "saying",
            "tell",
            "tells",
            "told",
            "telling",
            "add",
            "adds",
            "added",
            "note",
            "notes",
            "noted",
            "explain",
            "explains",
            "explained",
            "stated",
            "stating",
            "announce",
            "announced",
            "announces",
            "announcing",
            "declare",
            "declared",
            "declares",
            "warn",
            "warns",
            "warned",
            "warning",
            "write",
            "writes",
            "wrote",
            "respond",
            "responded",
            "reply",
            "replied",
            "comment",
            "commented",
            "tweet",
            "tweeted",
            "tweets",
            "remark",
            "remarked",
            "acknowledge",
            "acknowledged",
            "admit",
            "admitted",
            "admits",
            "suggest",
            "suggested",
            "suggests",
            "ask",
            "asked",
            "asks",
            "urge",
            "urged",
            "urges",
        ],
        ClaimKind::Statement,
    ),
    (
        &[
            "accuse",
            "accused",
            "accuses",
            "accusing",
            "blame",
            "blamed",
            "blames",
            "blaming",
            "allege",
            "alleges",
            "charged",
            "criticize",
            "criticized",
            "criticizes",
            "criticizing",
            "criticise",
            "criticised",
            "criticises",
            "condemn",
            "condemned",
            "condemns",
            "condemning",
        ],
        ClaimKind::Accusation,
    ),
    (
        &[
            "deny",
            "denies",
            "denied",
            "denying",
            "reject",
            "rejected",
            "rejects",
            "rejecting",
            "dismiss",
            "dismissed",
            "dismisses",
            "dismissing",
            "refute",
            "refuted",
            "refutes",
            "dispute",
            "disputed",
            "disputes",
            "rebuffed",
        ],
        ClaimKind::Denial,
    ),
    (
        &[
            "claim",
            "claims",
            "claimed",
            "claiming",
            "insist",
            "insists",
            "insisted",
            "insisting",
            "maintain",
            "maintains",
            "maintained",
            "argue",
            "argues",
            "argued",
            "arguing",
            "assert",
            "asserts",
            "asserted",
            "contend",
            "contends",
            "contended",
            "stress",
            "stressed",
            "stresses",
            "emphasized",
            "emphasised",
            "confirm",
            "confirmed",
            "confirms",
            "confirming",
        ],
        ClaimKind::Assertion,
    ),
    (
        &[
            "report",
            "reports",
            "reported",
            "reporting",
            "reveal",
            "revealed",
            "reveals",
            "disclose",
            "disclosed",
            "discloses",
        ],
        ClaimKind::Report,
    ),
    (
        &[
            "believe",
            "believes",
            "believed",
            "think",
            "thinks",
            "thought",
            "hope",
            "hopes",
            "hoped",
            "hoping",
            "want",
            "wants",
            "wanted",
            "fear",
            "fears",
            "feared",
            "fearing",
            "expect",
            "expects",
            "expected",
            "suspect",
            "suspects",
            "suspected",
            "estimate",
            "estimates",
            "estimated",
            "predict",
            "predicts",
            "predicted",
            "doubt",
            "doubts",
            "doubted",
            "worry",
            "worries",
            "worried",
            "feel",
            "feels",
            "felt",
        ],
        ClaimKind::Belief,
    ),
    (
        &[
            "pledge",
            "pledged",
            "pledges",
            "pledging",
            "vow",
            "vowed",
            "vows",
            "vowing",
            "promise",
            "promised",
            "promises",
            "promising",
            "committed",
            "guarantee",
            "guaranteed",
            "guarantees",
        ],
        ClaimKind::Promise,
    ),
];

/// Forms that are as often nouns ("the reports", "denying claims") as
/// verbs: a cue only after a plausible subject.
const AMBIGUOUS: &[&str] = &[
    "claims",
    "reports",
    "report",
    "fears",
    "hopes",
    "promises",
    "promise",
    "doubts",
    "estimates",
    "estimate",
    "comment",
    "note",
    "notes",
    "dispute",
    "disputes",
    "doubt",
    "fear",
    "hope",
    "claim",
    "stress",
    "want",
    "warning",
    "thought",
    "expected",
    "suspected",
    "committed",
    "worried",
    "estimated",
    "promising",
    "charged",
    "feel",
];

/// A map from a lexicon word, hashed with FNV rather than `std`'s SipHash:
/// it is asked for every token, and the keys are fixed.
pub type Lexicon<V> = std::collections::HashMap<&'static str, V, IdBuild>;
/// A set of lexicon words (see [`Lexicon`]).
pub type WordSet = std::collections::HashSet<&'static str, IdBuild>;

/// The kind of claim `word` (lowercase) signals, if it is a cue word.
pub fn kind_of(word: &str) -> Option<ClaimKind> {
    // Asked for every token of every text: a map built once, not a scan
    // of the lexicon.
    static MAP: std::sync::OnceLock<Lexicon<ClaimKind>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Lexicon::default();
        for (forms, k) in SINGLE {
            for f in *forms {
                m.entry(*f).or_insert(*k);
            }
        }
        m
    })
    .get(word)
    .copied()
}

/// Whether `word` needs a subject before it to count as a cue.
pub fn ambiguous(word: &str) -> bool {
    static SET: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| AMBIGUOUS.iter().copied().collect())
        .contains(word)
}

/// The kind of claim a cue made of `words` (lowercase) signals: a known
/// phrase ("according to"), else the first word of the lexicon ("has long
/// denied" → denial), else a statement, the commonest kind.
pub fn kind_of_cue(words: &[&str]) -> ClaimKind {
    if let Some((_, k)) = PHRASES.iter().find(|(p, _)| words.starts_with(p)) {
        return *k;
    }
    words
        .iter()
        .find_map(|w| kind_of(w))
        .unwrap_or(ClaimKind::Statement)
}

/// Whether some multi-word cue starts with `word` (lowercase): most words
/// are ruled out here before any phrase is compared.
pub fn starts_phrase(word: &str) -> bool {
    static FIRST: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    FIRST
        .get_or_init(|| PHRASES.iter().map(|(p, _)| p[0]).collect())
        .contains(word)
}

/// Multi-word cues, as lowercase token sequences.
pub const PHRASES: &[(&[&str], ClaimKind)] = &[
    (&["according", "to"], ClaimKind::Report),
    (&["is", "thought"], ClaimKind::Belief),
    (&["are", "thought"], ClaimKind::Belief),
    (&["is", "believed"], ClaimKind::Belief),
    (&["are", "believed"], ClaimKind::Belief),
    (&["is", "said"], ClaimKind::Report),
    (&["are", "said"], ClaimKind::Report),
    (&["quoted", "as", "saying"], ClaimKind::Statement),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_of("denied"), Some(ClaimKind::Denial));
        assert_eq!(kind_of("accused"), Some(ClaimKind::Accusation));
        assert_eq!(kind_of("pledged"), Some(ClaimKind::Promise));
        assert_eq!(kind_of("table"), None);
        assert_eq!(kind_of_cue(&["according", "to"]), ClaimKind::Report);
        assert_eq!(kind_of_cue(&["has", "long", "denied"]), ClaimKind::Denial);
        assert_eq!(kind_of_cue(&["called"]), ClaimKind::Statement);
        for (forms, _) in SINGLE {
            for f in *forms {
                assert_eq!(f.to_lowercase(), *f);
            }
        }
        for a in AMBIGUOUS {
            assert!(kind_of(a).is_some(), "{a} is not a cue form");
        }
    }
}
