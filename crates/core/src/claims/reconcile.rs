//! Where the trained model and the rule finder disagree on a few narrow
//! constructions, the rules' reading wins:
//!
//! - "…, according to South Korean, Ukrainian and Western intelligence":
//!   the source runs to the end of the clause, commas and all, while the
//!   tagger tends to stop at the first comma (any source the tagger cut
//!   short where the rules' source starts at the same word);
//! - "Iran maintains that … and denies any intention …": a telling cue
//!   after "and" inside another claim's content starts a claim of its own,
//!   and the first content ends before it;
//! - "…, the Kremlin said Monday.": when the model takes the content from
//!   another sentence but the rules find it in the cue's own sentence, the
//!   cue's sentence is the likelier reading.

use std::ops::Range;

use super::ClaimKind;
use crate::annotate::Claim;
use crate::tokenize::Tokens;

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The byte range of the sentence holding byte `at`.
fn sentence_of(tokens: &Tokens, at: usize) -> Option<Range<usize>> {
    tokens.sentences.iter().find_map(|s| {
        let first = tokens.tokens.get(s.start)?;
        let last = tokens.tokens.get(s.end.checked_sub(1)?)?;
        (first.start <= at && at < last.end).then_some(first.start..last.end)
    })
}

/// Applies the rules' reading of the constructions above to `claims`.
pub fn apply(text: &str, tokens: &Tokens, claims: &mut Vec<Claim>, rules: &[Claim]) {
    for c in claims.iter_mut() {
        let Some(cue) = c.cue.first().cloned() else {
            continue;
        };
        let Some(r) = rules
            .iter()
            .find(|r| r.cue.first().is_some_and(|rc| overlaps(rc, &cue)))
        else {
            continue;
        };
        // A source the tagger cut short: the rules' source starts at the
        // same word and runs on.
        if let (Some(mine), Some(theirs), 1, 1) = (
            c.source.first(),
            r.source.first(),
            c.source.len(),
            r.source.len(),
        ) {
            if theirs.start == mine.start && mine.end < theirs.end {
                c.source = r.source.clone();
            }
        }
        if let Some(sentence) = sentence_of(tokens, cue.start) {
            let inside = |rs: &[Range<usize>]| rs.iter().any(|x| overlaps(x, &sentence));
            if !c.content.is_empty()
                && !inside(&c.content)
                && !r.content.is_empty()
                && r.content
                    .iter()
                    .all(|x| sentence.start <= x.start && x.end <= sentence.end)
            {
                c.content = r.content.clone();
            }
        }
    }
    // A telling cue the model missed, after "and" or a comma inside a
    // model claim's content, becomes a claim of its own.
    let mut added = Vec::new();
    for r in rules {
        let Some(rc) = r.cue.first() else { continue };
        if r.kind == ClaimKind::Statement
            || claims.iter().any(|c| c.cue.iter().any(|x| overlaps(x, rc)))
        {
            continue;
        }
        if coordinated(text, rc.start)
            && claims.iter().any(|c| {
                c.content
                    .iter()
                    .any(|x| x.start < rc.start && rc.start < x.end)
            })
        {
            added.push(r.clone());
        }
    }
    claims.extend(added);
    claims.sort_by_key(|c| c.cue.first().map_or(0, |r| r.start));
    // "A maintains that X and denies Y": X ends before "and denies", and
    // the second claim's source, when missing or inside X, is A's.
    for b in 0..claims.len() {
        let Some(cue) = claims[b].cue.first().cloned() else {
            continue;
        };
        if !coordinated(text, cue.start) {
            continue;
        }
        let Some(a) = (0..b).rev().find(|&a| {
            claims[a]
                .content
                .iter()
                .any(|x| x.start < cue.start && cue.start < x.end)
        }) else {
            continue;
        };
        let before = text.get(..cue.start).unwrap_or("").trim_end();
        let cut = before
            .strip_suffix(" and")
            .unwrap_or(before)
            .trim_end()
            .trim_end_matches(',')
            .trim_end()
            .len();
        let host_source = claims[a].source.clone();
        let host_content = claims[a].content.clone();
        for x in claims[a].content.iter_mut() {
            if x.start < cue.start && cue.start < x.end {
                x.end = cut.max(x.start);
            }
        }
        claims[a].content.retain(|x| !x.is_empty());
        let second = &mut claims[b];
        let inside_host = !second.source.is_empty()
            && second.source.iter().all(|s| {
                host_content
                    .iter()
                    .any(|x| x.start <= s.start && s.end <= x.end)
            });
        if second.source.is_empty() || inside_host {
            second.source = host_source;
            second.source_entity = None;
        }
    }
}

/// Whether the cue at byte `at` follows "and" or a comma: a second verb
/// of the same subject.
fn coordinated(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.ends_with(" and") || before.ends_with(',')
}

#[cfg(test)]
mod tests {
    use crate::annotate::Annotator;
    use crate::{claims, ner};

    fn shipped() -> Annotator {
        let ner = ner::Model::from_bytes(include_bytes!("../../../../models/ner.bin")).unwrap();
        let claims =
            claims::Model::from_bytes(include_bytes!("../../../../models/claims.bin")).unwrap();
        Annotator::new(ner).with_claims(claims)
    }

    fn parts(text: &str) -> Vec<(String, String, String, String)> {
        let join = |rs: &[std::ops::Range<usize>]| {
            rs.iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join(" … ")
        };
        shipped()
            .annotate(text)
            .claims
            .iter()
            .map(|c| {
                (
                    c.kind.to_string(),
                    join(&c.source),
                    join(&c.cue),
                    join(&c.content),
                )
            })
            .collect()
    }

    #[test]
    fn sample_constructions() {
        let p = parts("North Korea has sent soldiers to Russia, according to South Korean, Ukrainian and Western intelligence.");
        let a = p
            .iter()
            .find(|c| c.2 == "according to")
            .expect("an according-to claim");
        assert_eq!(a.1, "South Korean, Ukrainian and Western intelligence");
        let p = parts("Iran maintains that its nuclear program is solely for peaceful purposes and denies any intention to develop atomic weapons.");
        let d = p.iter().find(|c| c.0 == "denial").expect("a denial");
        assert_eq!(
            (d.1.as_str(), d.3.as_str()),
            ("Iran", "any intention to develop atomic weapons")
        );
        let m = p.iter().find(|c| c.0 == "assertion").expect("an assertion");
        assert!(!m.3.contains("denies"), "{m:?}");
    }
}
