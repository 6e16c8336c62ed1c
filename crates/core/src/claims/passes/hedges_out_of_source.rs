//! A hedge is how firmly a claim is made, not who makes it: "Tehran
//! likely hopes" has the source "Tehran" and the hedge "likely" (which the
//! claim keeps among its hedges). Runs on the taggers' token runs, before
//! they become a claim.

use super::super::found::Found;
use super::super::prepared::Prepared;

pub fn run(p: &Prepared, f: &mut Found) {
    let hedged = |i: usize| p.hedges.iter().any(|h| h.contains(&i));
    if let Some(last) = f.source.last_mut() {
        while last.len() > 1 && hedged(last.end - 1) {
            last.end -= 1;
        }
    }
    if let Some(first) = f.source.first_mut() {
        while first.len() > 1 && hedged(first.start) {
            first.start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_hedge_leaves_the_source() {
        let text = "Tehran likely hopes to win. Reportedly Iran said so.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let mut f = Found {
            cue: 2..3,
            source: vec![0..2],
            content: vec![3..5],
        };
        run(&p, &mut f);
        assert_eq!(f.source, [0..1]);
        let mut f = Found {
            cue: 8..9,
            source: vec![6..8],
            content: vec![9..10],
        };
        run(&p, &mut f);
        assert_eq!(f.source, [7..8]);
    }
}
