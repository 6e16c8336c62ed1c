//! From tagged token runs to [`Claim`]s: kinds from the cue words, byte
//! ranges, and hedges attached to the claim they sit in.

use std::ops::Range;

use super::cues::kind_of_cue;
use super::found::Found;
use super::hedges;
use super::prepared::Prepared;
use crate::annotation::Claim;
use crate::annotation::ClaimKind;

/// The claims of a document, in cue order.
pub fn claims(p: &Prepared, found: &[Found]) -> Vec<Claim> {
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
            (f.clone(), claim(p, kind_of_cue(&words), f))
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

fn claim(p: &Prepared, kind: ClaimKind, f: &Found) -> Claim {
    let bytes = |rs: &[Range<usize>]| -> Vec<Range<usize>> {
        rs.iter()
            .filter(|r| !r.is_empty())
            .map(|r| p.bytes(r))
            .filter(|b| !b.is_empty())
            .collect()
    };
    // A source is a name or a noun phrase: a token with no letter or digit
    // at either edge (a stray emoji, a dash) is not part of who speaks.
    let source: Vec<Range<usize>> = f
        .source
        .iter()
        .map(|r| {
            let (mut a, mut b) = (r.start, r.end);
            while a < b && p.is_punct(a) {
                a += 1;
            }
            while b > a && p.is_punct(b - 1) {
                b -= 1;
            }
            a..b
        })
        .collect();
    Claim {
        kind,
        source: bytes(&source),
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
    fn kinds_bytes_and_hedges() {
        let text = "Iran denied the alleged plot. The drones were reportedly built there.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let found = [Found {
            cue: 1..2,
            source: vec![0..1],
            content: vec![2..5],
        }];
        let cs = claims(&p, &found);
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
}
