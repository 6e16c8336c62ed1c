//! "X is thought to Y", "X was widely expected to Y": a passive cue names
//! no one who thinks or expects, and X belongs to what is thought. PolNeAR
//! marks 79 of the 87 such cues in its training split without a source,
//! X inside the content; the rest name an agent ("was first reported by
//! MSNBC"), which stays the source. Runs on every claim, the rule
//! finder's own included.

use std::ops::Range;

use super::context::Context;
use crate::annotation::Claim;

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    let text = cx.text;
    for c in claims.iter_mut() {
        if c.source.is_empty() || !passive(text, &c.cue) {
            continue;
        }
        let agent = c.cue.last().is_some_and(|r| {
            text.get(r.end..)
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|w| w.eq_ignore_ascii_case("by"))
        });
        if agent {
            continue;
        }
        let mut content = std::mem::take(&mut c.source);
        content.append(&mut c.content);
        content.sort_by_key(|r| r.start);
        c.content = content;
        c.source_entity = None;
    }
}

/// Whether a cue is a passive attribution: a form of "be" (after "has",
/// "have" or "had" if any), at most one adverb, then a participle such as
/// "thought" or "expected".
fn passive(text: &str, cue: &[Range<usize>]) -> bool {
    let words: Vec<String> = cue
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let rest = match words.as_slice() {
        ["has" | "have" | "had", "been", rest @ ..] => rest,
        ["is" | "are" | "was" | "were" | "be" | "being", rest @ ..] => rest,
        _ => return false,
    };
    match rest {
        [verb] | [_, verb] => PASSIVE_VERBS.contains(verb),
        _ => false,
    }
}

/// Participles of thinking and telling that make a passive cue.
const PASSIVE_VERBS: &[&str] = &[
    "thought",
    "believed",
    "said",
    "expected",
    "reported",
    "understood",
    "alleged",
    "rumored",
    "rumoured",
    "feared",
    "claimed",
    "known",
];

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, span};
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_passive_cue_gives_its_subject_to_the_content() {
        let text =
            "The senator is widely expected to win, and the deal was first reported by Reuters.";
        let mut cs = vec![
            claim(text, Some("The senator"), "is widely expected", "to win"),
            claim(text, Some("Reuters"), "was first reported", "the deal"),
            claim(text, Some("The senator"), "expected", "to win"),
        ];
        let tokens = Tokens::new(text);
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &[],
        };
        run(&cx, &mut cs);
        assert!(cs[0].source.is_empty(), "{cs:?}");
        assert_eq!(
            cs[0].content,
            [span(text, "The senator"), span(text, "to win")]
        );
        assert_eq!(cs[1].source, [span(text, "Reuters")], "an agent stays");
        assert_eq!(cs[2].source, [span(text, "The senator")], "not passive");
    }
}
