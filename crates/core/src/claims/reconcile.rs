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
//!
//! And two rules for every claim, the rules' own included:
//! "…, denying claims that …" has the subject of the clause the participle
//! hangs from as its source ([`participle_sources`]), and a hedge goes to
//! the claim whose cue it overlaps ([`hedges_to_their_cue`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::passes::{Pass, Passes};
use crate::annotation::Claim;
use crate::annotation::ClaimKind;
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
pub fn apply(
    text: &str,
    tokens: &Tokens,
    claims: &mut Vec<Claim>,
    rules: &[Claim],
    passes: Passes,
) {
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
        if let (true, Some(mine), Some(theirs), 1, 1) = (
            passes.on(Pass::LongerSource),
            c.source.first(),
            r.source.first(),
            c.source.len(),
            r.source.len(),
        ) {
            if theirs.start == mine.start && mine.end < theirs.end {
                c.source = r.source.clone();
            }
        }
        // A cue the tagger ran on into the content ("have accused Tehran
        // of | providing …"): the rules' content starts inside it, after
        // the rules' cue, so the cue ends there and the content starts
        // there.
        if let (true, 1, Some(rc), Some(rx)) = (
            passes.on(Pass::CueRunOn),
            c.cue.len(),
            r.cue.last(),
            r.content.first(),
        ) {
            let end = text.get(..rx.start).unwrap_or("").trim_end().len();
            if rc.end <= rx.start && cue.start < end && rx.start < cue.end {
                c.cue[0].end = end;
                match c.content.first_mut() {
                    Some(x)
                        if x.start >= cue.end
                            && text
                                .get(cue.end..x.start)
                                .is_some_and(|g| g.trim().is_empty()) =>
                    {
                        x.start = rx.start;
                    }
                    _ => {}
                }
            }
        }
        let cue = c.cue[0].clone();
        if let (true, Some(sentence)) = (
            passes.on(Pass::SentenceContent),
            sentence_of(tokens, cue.start),
        ) {
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
    if !passes.on(Pass::Coordinated) {
        return;
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
/// noun phrase right before the first participle of the chain. Run on
/// every claim, the rules' backoff claims too, before [`super::link`].
/// A source the tagger ran back over another claim's cue ("state media
/// showed … and claiming that output" for "denying"), or the subject of
/// the cue whose object the chain ends at, is no source: the chain
/// decides it.
pub fn participle_sources(text: &str, tokens: &Tokens, claims: &mut [Claim]) {
    let cues: Vec<Range<usize>> = claims.iter().flat_map(|c| c.cue.clone()).collect();
    for c in claims.iter_mut() {
        let spans_a_cue = c.source.iter().any(|s| {
            cues.iter()
                .any(|q| s.start <= q.start && q.end <= s.end && !c.cue.contains(q))
        });
        let is_participle = c
            .cue
            .first()
            .is_some_and(|r| participle(&super::cues::lower(text.get(r.clone()).unwrap_or(""))));
        if spans_a_cue && is_participle {
            c.source.clear();
            c.source_entity = None;
        }
    }
    let lower: Vec<Cow<str>> = tokens
        .tokens
        .iter()
        .map(|r| super::cues::lower(text.get(r.clone()).unwrap_or("")))
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

/// "X is thought to Y", "X was widely expected to Y": a passive cue names
/// no one who thinks or expects, and X belongs to what is thought. PolNeAR
/// marks 79 of the 87 such cues in its training split without a source,
/// X inside the content; the rest name an agent ("was first reported by
/// MSNBC"), which stays the source. Run on every claim, before
/// [`super::link`].
pub fn passive_cues(text: &str, claims: &mut [Claim]) {
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

/// A hedge that overlaps another claim's cue ("but who is thought likely
/// to …": hedge "is thought likely to", cue "is thought") weakens that
/// claim, not the sentence's first one it was attached to. Run on every
/// claim, before [`super::link`].
pub fn hedges_to_their_cue(claims: &mut [Claim]) {
    for a in 0..claims.len() {
        let mut h = 0;
        while h < claims[a].hedges.len() {
            let hedge = claims[a].hedges[h].clone();
            let own = claims[a]
                .cue
                .iter()
                .chain(&claims[a].content)
                .any(|r| overlaps(r, &hedge));
            let other = (0..claims.len())
                .find(|&b| b != a && claims[b].cue.iter().any(|r| overlaps(r, &hedge)));
            match other {
                Some(b) if !own => {
                    claims[a].hedges.remove(h);
                    if !claims[b].hedges.contains(&hedge) {
                        claims[b].hedges.push(hedge);
                        claims[b].hedges.sort_by_key(|r| r.start);
                    }
                }
                _ => h += 1,
            }
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
            || (!capitalised(k) && (w.ends_with("ed") || super::cues::kind_of(w).is_some()))
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

/// Whether the cue at byte `at` follows "and" or a comma: a second verb
/// of the same subject.
fn coordinated(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.ends_with(" and") || before.ends_with(',')
}

#[cfg(test)]
mod tests {
    use super::{hedges_to_their_cue, participle_sources, passive_cues};
    use crate::annotation::Claim;
    use crate::annotation::ClaimKind;
    use crate::pipeline::Annotator;
    use crate::tokenize::Tokens;
    use crate::{claims, ner};
    use std::ops::Range;

    fn span(text: &str, s: &str) -> Range<usize> {
        let a = text.find(s).unwrap();
        a..a + s.len()
    }

    /// Claims with a cue and a content, and a source where one is given.
    fn claim(text: &str, source: Option<&str>, cue: &str, content: &str) -> Claim {
        Claim {
            kind: ClaimKind::Statement,
            source: source.map(|s| vec![span(text, s)]).unwrap_or_default(),
            cue: vec![span(text, cue)],
            content: vec![span(text, content)],
            hedges: vec![],
            source_entity: None,
        }
    }

    fn sources_after(text: &str, mut cs: Vec<Claim>) -> Vec<String> {
        participle_sources(text, &Tokens::new(text), &mut cs);
        cs.iter()
            .map(|c| c.source.iter().map(|r| &text[r.clone()]).collect())
            .collect()
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
    fn a_hedge_goes_to_the_cue_it_overlaps() {
        let text = "She will meet Marine Le Pen, who has vowed to cut taxes, but who is thought likely to lose.";
        let mut cs = vec![
            claim(text, Some("who"), "has vowed", "to cut taxes"),
            claim(text, None, "is thought", "likely to lose"),
        ];
        // As attached at first: to the sentence's first claim.
        cs[0].hedges = vec![span(text, "is thought likely to")];
        hedges_to_their_cue(&mut cs);
        assert!(cs[0].hedges.is_empty(), "{cs:?}");
        assert_eq!(cs[1].hedges, [span(text, "is thought likely to")]);
        // A hedge inside a claim's own content stays there.
        let text = "Iran said the alleged strikes, which it is thought to fear, failed.";
        let mut cs = vec![
            claim(
                text,
                Some("Iran"),
                "said",
                "the alleged strikes, which it is thought to fear, failed",
            ),
            claim(text, None, "is thought", "to fear"),
        ];
        cs[0].hedges = vec![span(text, "alleged"), span(text, "is thought to")];
        hedges_to_their_cue(&mut cs);
        assert_eq!(cs[0].hedges.len(), 2, "{cs:?}");
        assert!(cs[1].hedges.is_empty());
    }

    #[test]
    fn a_passive_cue_gives_its_subject_to_the_content() {
        let text =
            "The senator is widely expected to win, and the deal was first reported by Reuters.";
        let mut cs = vec![
            claim(text, Some("The senator"), "is widely expected", "to win"),
            claim(text, Some("Reuters"), "was first reported", "the deal"),
            claim(text, Some("The senator"), "expected", "to win"),
        ];
        passive_cues(text, &mut cs);
        assert!(cs[0].source.is_empty(), "{cs:?}");
        assert_eq!(
            cs[0].content,
            [span(text, "The senator"), span(text, "to win")]
        );
        assert_eq!(cs[1].source, [span(text, "Reuters")], "an agent stays");
        assert_eq!(cs[2].source, [span(text, "The senator")], "not passive");
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
        // "…, denying claims that …": whoever the sentence makes the one
        // shown doing it, or the one showing it; never no one.
        for (text, subjects) in [
            (
                "On Friday, Iranian state TV showed the head of the Guards touring an underground missile plant in Iran and claiming that production had ramped up, denying claims that Israel’s strikes had harmed its ability to produce new weapons.",
                ["the head of the Guards", "Iranian state TV"],
            ),
            (
                "On Sunday, Russian state media showed the defence minister inspecting a tank factory in Omsk and claiming that output had tripled, denying reports that sanctions had slowed production.",
                ["the defence minister", "Russian state media"],
            ),
        ] {
            let p = parts(text);
            let d = p.iter().find(|c| c.0 == "denial").expect("a denial");
            assert!(subjects.contains(&d.1.as_str()), "{d:?}");
        }
    }
}
