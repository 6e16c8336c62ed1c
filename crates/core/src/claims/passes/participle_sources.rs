//! Participle claims take the subject of the clause they hang from:
//! "…, denying claims that …" is said by whoever the sentence is about.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::context::Context;
use crate::annotation::Claim;
use crate::tokenize::Tokens;

/// Words ending in "-ing" that are never a participle with a subject.
const NOT_PARTICIPLES: &[&str] = &[
    "according",
    "during",
    "including",
    "regarding",
    "concerning",
    "following",
    "pending",
    "notwithstanding",
    "nothing",
    "something",
    "anything",
    "everything",
    "thing",
    "morning",
    "evening",
    "king",
    "ring",
    "spring",
    "string",
    "wing",
    "bring",
];

/// Words that no noun phrase read leftwards runs past: clause openers,
/// prepositions other than "of", auxiliaries.
const NOT_IN_PHRASE: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "as", "because", "if",
    "but", "or", "so", "after", "before", "since", "although", "though", "than", "with", "without",
    "by", "to", "for", "from", "at", "on", "in", "under", "against", "about", "into", "over", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "will", "would",
    "can", "could", "may", "might", "must", "should", "do", "does", "did", "not", "also", "and",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
];

/// The subjects of participle claims without a source: "state TV showed
/// the head of the Guards touring a plant and claiming that X, denying
/// claims that Y". A participle clause has no subject of its own; it
/// shares that of the clause it hangs from. Reading back from the cue
/// over "and" or a comma to the participle or claim before it, and so on
/// along the chain, the subject is an earlier claim's source, else the
/// noun phrase right before the first participle of the chain. Runs on
/// every claim, the rules' backoff claims too, and on the rule finder's
/// own claims when no model is loaded.
/// A source the tagger ran back over another claim's cue ("state media
/// showed … and claiming that output" for "denying"), or the subject of
/// the cue whose object the chain ends at, is no source: the chain
/// decides it.
pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    let (text, tokens) = (cx.text, cx.tokens);
    let cues: Vec<Range<usize>> = claims.iter().flat_map(|c| c.cue.clone()).collect();
    for c in claims.iter_mut() {
        let spans_a_cue = c.source.iter().any(|s| {
            cues.iter()
                .any(|q| s.start <= q.start && q.end <= s.end && !c.cue.contains(q))
        });
        let is_participle = c.cue.first().is_some_and(|r| {
            participle(&super::super::cues::lower(
                text.get(r.clone()).unwrap_or(""),
            ))
        });
        if spans_a_cue && is_participle {
            c.source.clear();
            c.source_entity = None;
        }
    }
    let lower: Vec<Cow<str>> = tokens
        .tokens
        .iter()
        .map(|r| super::super::cues::lower(text.get(r.clone()).unwrap_or("")))
        .collect();
    // The token a byte offset starts, if one does.
    let token_at = |at: usize| {
        let k = tokens.tokens.partition_point(|t| t.start < at);
        (tokens.tokens.get(k)?.start == at).then_some(k)
    };
    // Sources of the claims that have one, by their cue's first token.
    let mut sourced: HashMap<usize, Vec<Range<usize>>> = claims
        .iter()
        .filter(|c| !c.source.is_empty())
        .filter_map(|c| Some((token_at(c.cue.first()?.start)?, c.source.clone())))
        .collect();
    for c in claims.iter_mut() {
        let Some(cue) = c.cue.first().cloned() else {
            continue;
        };
        let Some(i) = token_at(cue.start) else {
            continue;
        };
        let k = tokens.sentences.partition_point(|s| s.end <= i);
        let Some(sent) = tokens.sentences.get(k).filter(|s| s.contains(&i)).cloned() else {
            continue;
        };
        if !participle(&lower[i]) {
            continue;
        }
        let mut head = i;
        let found = loop {
            let mut p = head;
            while p > sent.start && lower[p - 1] == "also" {
                p -= 1;
            }
            let linked = p > sent.start && matches!(lower[p - 1].as_ref(), "," | "and");
            if !linked {
                // The first participle of the chain: its subject is the
                // noun phrase right before it. A cue right after a phrase
                // ("It's worth noting", "despite admitting") is the
                // model's call.
                if head == i {
                    break None;
                }
                break noun_phrase_before(text, tokens, &lower, sent.start, head).map(|r| vec![r]);
            }
            // The nearest participle or sourced cue before.
            let prior = (sent.start..p - 1).rev().find(|&k| {
                sourced.contains_key(&k)
                    || (participle(&lower[k]) && k > sent.start && !modifier(&lower[k - 1]))
            });
            match prior {
                Some(k) => match sourced.get(&k) {
                    Some(s) => break Some(s.clone()),
                    None => head = k,
                },
                None => break None,
            }
        };
        let Some(source) = found else {
            continue;
        };
        // The tagger's own source stands, unless it is (part of) the
        // subject of an earlier cue whose object the chain found: "state
        // TV showed the head of the Guards touring a plant and claiming
        // that …" has the head as the one claiming, not state TV (nor
        // "Russian" of "Russian state media").
        let within = |inner: &[Range<usize>], outer: &[Range<usize>]| {
            let (Some(a), Some(b)) = (outer.first(), outer.last()) else {
                return false;
            };
            inner.iter().all(|r| a.start <= r.start && r.end <= b.end)
        };
        let skipped = !c.source.is_empty()
            && c.source != source
            && source.first().is_some_and(|phrase| {
                sourced.iter().any(|(&k, s)| {
                    let at = tokens.tokens[k].start;
                    within(&c.source, s)
                        && c.source.iter().all(|r| r.end <= at)
                        && at < phrase.start
                })
            });
        if c.source.is_empty() || skipped {
            sourced.insert(i, source.clone());
            c.source = source;
            c.source_entity = None;
        }
    }
}

/// Whether a lowercase word can be a present participle.
fn participle(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ing")
        && w.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_PARTICIPLES.contains(&w)
}

/// A determiner, possessive or preposition: the "-ing" word after it is a
/// noun ("the building", "of sending"), not a participle.
fn modifier(w: &str) -> bool {
    DETERMINERS.contains(&w)
        || NOT_IN_PHRASE.contains(&w) && w != "and"
        || w == "of"
        || w == "’s"
        || w == "'s"
}

/// The noun phrase ending right before token `end`, read leftwards within
/// the sentence starting at token `floor`: past names, nouns, "of" and
/// determiners; a lowercase word right before a determiner (a verb or a
/// preposition: "showed the head") ends it, as do punctuation, clause
/// openers, auxiliaries and past-tense verbs. It opens with a determiner
/// or a capitalised word and has a word besides determiners; at most ten
/// tokens.
fn noun_phrase_before(
    text: &str,
    tokens: &Tokens,
    lower: &[Cow<str>],
    floor: usize,
    end: usize,
) -> Option<Range<usize>> {
    let capitalised = |k: usize| {
        text.get(tokens.tokens[k].clone())
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let mut start = end;
    while start > floor && end - start < 10 {
        let k = start - 1;
        let w = lower[k].as_ref();
        let word = w.chars().any(char::is_alphanumeric);
        if !word && !matches!(w, "’s" | "'s" | "-") {
            break;
        }
        if NOT_IN_PHRASE.contains(&w)
            || (!capitalised(k) && (w.ends_with("ed") || super::super::cues::kind_of(w).is_some()))
        {
            break;
        }
        start = k;
        if DETERMINERS.contains(&w)
            && k > floor
            && lower[k - 1] != "of"
            && lower[k - 1].chars().all(|c| c.is_alphabetic())
            && !capitalised(k - 1)
        {
            break;
        }
    }
    while start < end && matches!(lower[start].as_ref(), "of" | "-" | "’s" | "'s") {
        start += 1;
    }
    // A subject opens with a determiner or a name ("the head", "Iran"),
    // not with a bare verb or noun ("to increase funding").
    let opens = start < end && (DETERMINERS.contains(&lower[start].as_ref()) || capitalised(start));
    let noun = (start..end).any(|k| {
        !DETERMINERS.contains(&lower[k].as_ref()) && lower[k].chars().any(char::is_alphanumeric)
    });
    (opens && noun).then(|| tokens.tokens[start].start..tokens.tokens[end - 1].end)
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, sources};
    use super::*;

    fn sources_after(text: &str, mut cs: Vec<Claim>) -> Vec<String> {
        let tokens = Tokens::new(text);
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &[],
        };
        run(&cx, &mut cs);
        sources(text, &cs)
    }

    #[test]
    fn participles_share_their_clause_subject() {
        // Shown doing: the subject is the phrase before the first
        // participle of the chain.
        let text = "On Sunday, state television showed the army chief visiting a drone factory and claiming that output had doubled, denying reports that the blockade had hurt supplies.";
        let cs = vec![
            claim(text, None, "claiming", "output had doubled"),
            claim(
                text,
                None,
                "denying",
                "reports that the blockade had hurt supplies",
            ),
        ];
        assert_eq!(
            sources_after(text, cs),
            ["the army chief", "the army chief"]
        );
        // The tagger gave the participles the subject of "showed", which
        // is a cue of its own: the chain's subject wins.
        let showed = || {
            claim(
                text,
                Some("state television"),
                "showed",
                "the army chief visiting",
            )
        };
        let cs = vec![
            showed(),
            claim(
                text,
                Some("state television"),
                "claiming",
                "output had doubled",
            ),
            claim(
                text,
                Some("state television"),
                "denying",
                "reports that the blockade",
            ),
        ];
        assert_eq!(
            sources_after(text, cs),
            ["state television", "the army chief", "the army chief"]
        );
        // Or part of it.
        let cs = vec![
            showed(),
            claim(text, Some("state"), "claiming", "output had doubled"),
        ];
        assert_eq!(
            sources_after(text, cs),
            ["state television", "the army chief"]
        );
        // A source the tagger chose is left alone when it is no other
        // cue's subject: "sniffing" here is a noun, not a participle.
        let text = "Dean poked at Trump's persistent sniffing during the debate, tweeting that he was ill.";
        let cs = vec![claim(text, Some("Dean"), "tweeting", "he was ill")];
        assert_eq!(sources_after(text, cs), ["Dean"]);
        // After a main verb: the main clause's subject, along the chain.
        let text = "The spokesman criticized the report, saying it was false, and denying that talks had stalled.";
        let cs = vec![
            claim(text, Some("The spokesman"), "criticized", "the report"),
            claim(text, None, "saying", "it was false"),
            claim(text, None, "denying", "talks had stalled"),
        ];
        assert_eq!(
            sources_after(text, cs),
            ["The spokesman", "The spokesman", "The spokesman"]
        );
    }

    #[test]
    fn participles_without_a_subject_stay_unsourced() {
        for (text, cue) in [
            // Not after "and" or a comma: the model's call.
            ("It is worth noting that the plan failed.", "noting"),
            (
                "He spoke, despite admitting that he was tired.",
                "admitting",
            ),
            // A gerund object is no subject: "to increase funding".
            (
                "The group wants to increase funding for the region, and calling for new bases.",
                "calling",
            ),
        ] {
            let cs = vec![claim(text, None, cue, ".")];
            assert_eq!(sources_after(text, cs), [""], "{text}");
        }
    }
}
