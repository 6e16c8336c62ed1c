//! Words that weaken a claim: "alleged", "reportedly", "is thought likely to".

use super::cues::WordSet;

/// Hedge phrases as lowercase token sequences, longest first so that
/// "is thought likely to" wins over "likely".
const PHRASES: &[&[&str]] = &[
    &["is", "thought", "likely", "to"],
    &["are", "thought", "likely", "to"],
    &["is", "thought", "to"],
    &["are", "thought", "to"],
    &["is", "believed", "to"],
    &["are", "believed", "to"],
    &["is", "said", "to"],
    &["are", "said", "to"],
    &["is", "reported", "to"],
    &["appears", "to"],
    &["appeared", "to"],
    &["appear", "to"],
    &["seems", "to"],
    &["seemed", "to"],
    &["so", "-", "called"],
    &["alleged"],
    &["allegedly"],
    &["reportedly"],
    &["purportedly"],
    &["purported"],
    &["supposedly"],
    &["apparently"],
    &["unconfirmed"],
    &["unverified"],
    &["likely"],
    &["unlikely"],
    &["possibly"],
    &["probably"],
];

/// Hedges in a sentence given its lowercase tokens, as token index ranges.
pub fn find<S: AsRef<str>>(lower: &[S]) -> Vec<std::ops::Range<usize>> {
    // Most words start no hedge: a set of first words rules them out
    // before any phrase is compared.
    static FIRST: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| PHRASES.iter().map(|p| p[0]).collect());
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if !first.contains(lower[i].as_ref()) {
            i += 1;
            continue;
        }
        let hit = PHRASES.iter().find(|p| {
            lower.len() - i >= p.len() && p.iter().zip(&lower[i..]).all(|(a, b)| *a == b.as_ref())
        });
        match hit {
            Some(p) => {
                out.push(i..i + p.len());
                i += p.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a hedge makes a belief ("is thought to") rather than a report
/// ("reportedly") when it stands without a cue.
pub fn is_belief(first_word: &str) -> bool {
    matches!(
        first_word,
        "is" | "are"
            | "appears"
            | "appeared"
            | "appear"
            | "seems"
            | "seemed"
            | "likely"
            | "unlikely"
            | "probably"
            | "possibly"
            | "apparently"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins() {
        let words: Vec<String> = "who is thought likely to take a so - called line , reportedly"
            .split(' ')
            .map(String::from)
            .collect();
        assert_eq!(find(&words), vec![1..5, 7..10, 12..13]);
    }
}
