//! A source never ends in an auxiliary: "Ukraine and the West have |
//! accused" is the source "Ukraine and the West" and the cue "have
//! accused", as PolNeAR marks "has said". Runs on the taggers' token runs,
//! before they become a claim.

use super::super::found::Found;
use super::super::prepared::Prepared;

/// Verbs that help the cue's verb ("have accused", "would deny").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "is", "are", "was", "were", "do", "does", "did", "not", "n't",
];

pub fn run(p: &Prepared, f: &mut Found) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn auxiliaries_join_the_cue() {
        let text = "Ukraine and the West have accused Tehran.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let mut f = Found {
            cue: 5..6,
            source: vec![0..5],
            content: vec![6..7],
        };
        run(&p, &mut f);
        assert_eq!((f.cue, f.source), (4..6, vec![0..4]));
        // A source of one word stays, even an auxiliary's.
        let mut f = Found {
            cue: 5..6,
            source: vec![4..5],
            content: vec![6..7],
        };
        run(&p, &mut f);
        assert_eq!((f.cue, f.source), (5..6, vec![4..5]));
    }
}
