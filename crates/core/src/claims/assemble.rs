//! From tagged token runs to [`Claim`]s: kinds from the cue words, byte
//! ranges, and hedges attached to the claim they sit in.

use std::ops::Range;

use super::cues::kind_of_cue;
use super::hedges;
use super::passes::{Pass, Passes};
use super::prepared::Prepared;
use crate::annotation::Claim;
use crate::annotation::ClaimKind;

/// One cue and the runs of its source and content, as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The cue's tokens.
    pub cue: Range<usize>,
    /// Runs of source tokens.
    pub source: Vec<Range<usize>>,
    /// Runs of content tokens.
    pub content: Vec<Range<usize>>,
}

/// The claims of a document, in cue order.
pub fn claims(p: &Prepared, found: &[Found], passes: Passes) -> Vec<Claim> {
    let mut out: Vec<(Found, Claim)> = found
        .iter()
        .map(|f| {
            let words: Vec<&str> = p
                .norm
                .get(f.cue.clone())
                .unwrap_or(&[])
                .iter()
                .map(|w| &**w)
                .collect();
            let mut f = f.clone();
            if passes.on(Pass::TrimRelative) {
                trim_relative(p, &mut f.source);
            }
            if passes.on(Pass::AuxiliariesToCue) {
                auxiliaries_to_cue(p, &mut f);
            }
            if passes.on(Pass::HedgesOutOfSource) {
                hedges_out_of_source(p, &mut f.source);
            }
            let c = claim(p, kind_of_cue(&words), &f);
            (f, c)
        })
        .collect();
    for h in &p.hedges {
        let sent = p.sent_of.get(h.start).copied();
        let covers = |rs: &[Range<usize>]| rs.iter().any(|r| r.start <= h.start && h.end <= r.end);
        let inside = out
            .iter()
            .position(|(f, _)| covers(&f.content) || covers(std::slice::from_ref(&f.cue)));
        let same_sentence = || {
            out.iter()
                .position(|(f, _)| p.sent_of.get(f.cue.start).copied() == sent)
        };
        match inside.or_else(same_sentence) {
            Some(c) => out[c].1.hedges.push(p.bytes(h)),
            None => {
                // A hedged statement with no cue is a claim without a source.
                let Some(s) = sent.and_then(|s| p.sentences.get(s as usize)) else {
                    continue;
                };
                let mut end = s.end;
                while end > s.start && matches!(p.word(end - 1), "." | "!" | "?" | "…") {
                    end -= 1;
                }
                let first = p.norm.get(h.start).map_or("", |w| &**w);
                let kind = if hedges::is_belief(first) {
                    ClaimKind::Belief
                } else {
                    ClaimKind::Report
                };
                let f = Found {
                    cue: h.clone(),
                    source: Vec::new(),
                    content: vec![s.start..end],
                };
                let mut c = claim(p, kind, &f);
                c.hedges.push(p.bytes(h));
                out.push((f, c));
            }
        }
    }
    out.sort_by_key(|(f, _)| f.cue.start);
    out.into_iter().map(|(_, c)| c).collect()
}

/// "which Moscow and Tehran have denied": the relative pronoun opening a
/// longer source is the object of the cue, not part of who speaks. (Alone,
/// as in "the report, which said", it is the source.)
fn trim_relative(p: &Prepared, source: &mut [Range<usize>]) {
    if let Some(first) = source.first_mut() {
        let relative = p
            .norm
            .get(first.start)
            .is_some_and(|w| matches!(&**w, "which" | "that" | "whom"));
        if relative && first.len() > 1 {
            first.start += 1;
        }
    }
}

/// Verbs that help the cue's verb ("have accused", "would deny").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "is", "are", "was", "were", "do", "does", "did", "not", "n't",
];

/// A source never ends in an auxiliary: "Ukraine and the West have |
/// accused" is the source "Ukraine and the West" and the cue "have
/// accused", as PolNeAR marks "has said".
fn auxiliaries_to_cue(p: &Prepared, f: &mut Found) {
    let Some(last) = f.source.last_mut() else {
        return;
    };
    while last.len() > 1
        && last.end == f.cue.start
        && p.norm
            .get(last.end - 1)
            .is_some_and(|w| AUXILIARIES.contains(&&**w))
    {
        last.end -= 1;
        f.cue.start -= 1;
    }
}

/// A hedge is how firmly a claim is made, not who makes it: "Tehran
/// likely hopes" has the source "Tehran" and the hedge "likely" (which
/// the claim keeps among its hedges).
fn hedges_out_of_source(p: &Prepared, source: &mut [Range<usize>]) {
    let hedged = |i: usize| p.hedges.iter().any(|h| h.contains(&i));
    if let Some(last) = source.last_mut() {
        while last.len() > 1 && hedged(last.end - 1) {
            last.end -= 1;
        }
    }
    if let Some(first) = source.first_mut() {
        while first.len() > 1 && hedged(first.start) {
            first.start += 1;
        }
    }
}

fn claim(p: &Prepared, kind: ClaimKind, f: &Found) -> Claim {
    let bytes = |rs: &[Range<usize>]| -> Vec<Range<usize>> {
        rs.iter()
            .filter(|r| !r.is_empty())
            .map(|r| p.bytes(r))
            .filter(|b| !b.is_empty())
            .collect()
    };
    Claim {
        kind,
        source: bytes(&f.source),
        cue: bytes(std::slice::from_ref(&f.cue)),
        content: bytes(&f.content),
        hedges: Vec::new(),
        source_entity: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_hedge_is_not_part_of_the_source() {
        let text = "Tehran likely hopes to secure promises.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let found = [Found {
            cue: 2..3,
            source: vec![0..2],
            content: vec![3..6],
        }];
        let cs = claims(&p, &found, Passes::default());
        assert_eq!(cs.len(), 1);
        assert_eq!(&text[cs[0].source[0].clone()], "Tehran");
        assert_eq!(&text[cs[0].hedges[0].clone()], "likely");
    }

    #[test]
    fn kinds_bytes_and_hedges() {
        let text = "Iran denied the alleged plot. The drones were reportedly built there.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let found = [Found {
            cue: 1..2,
            source: vec![0..1],
            content: vec![2..5],
        }];
        let cs = claims(&p, &found, Passes::default());
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0].kind, ClaimKind::Denial);
        assert_eq!(&text[cs[0].source[0].clone()], "Iran");
        assert_eq!(&text[cs[0].content[0].clone()], "the alleged plot");
        assert_eq!(&text[cs[0].hedges[0].clone()], "alleged");
        assert_eq!(cs[1].kind, ClaimKind::Report);
        assert!(cs[1].source.is_empty());
        assert_eq!(
            &text[cs[1].content[0].clone()],
            "The drones were reportedly built there"
        );
    }

    #[test]
    fn relative_pronouns_leave_longer_sources() {
        let text = "The deliveries, which Moscow and Tehran have denied, went on. A report, which said so, ran.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let found = [
            Found {
                cue: 8..9,
                source: vec![3..7],
                content: vec![0..2],
            },
            Found {
                cue: 17..18,
                source: vec![16..17],
                content: vec![18..19],
            },
        ];
        let cs = claims(&p, &found, Passes::default());
        assert_eq!(&text[cs[0].source[0].clone()], "Moscow and Tehran");
        assert_eq!(&text[cs[1].source[0].clone()], "which");
    }

    #[test]
    fn auxiliaries_join_the_cue() {
        let text = "Ukraine and the West have accused Tehran.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let cs = claims(
            &p,
            &[Found {
                cue: 5..6,
                source: vec![0..5],
                content: vec![6..7],
            }],
            Passes::default(),
        );
        assert_eq!(&text[cs[0].source[0].clone()], "Ukraine and the West");
        assert_eq!(&text[cs[0].cue[0].clone()], "have accused");
        // Switched off (`--without auxiliaries-to-cue`), the cue stays the tagger's.
        let found = [Found {
            cue: 5..6,
            source: vec![0..5],
            content: vec![6..7],
        }];
        let off = Passes::default().without(Pass::AuxiliariesToCue);
        assert_eq!(&text[claims(&p, &found, off)[0].cue[0].clone()], "accused");
    }
}
