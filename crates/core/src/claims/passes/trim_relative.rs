//! "which Moscow and Tehran have denied": the relative pronoun opening a
//! longer source is the object of the cue, not part of who speaks. (Alone,
//! as in "the report, which said", it is the source.)
//! Runs on the taggers' token runs, before they become a claim.

use super::super::found::Found;
use super::super::prepared::Prepared;

pub fn run(p: &Prepared, f: &mut Found) {
    if let Some(first) = f.source.first_mut() {
        let relative = p
            .norm
            .get(first.start)
            .is_some_and(|w| matches!(&**w, "which" | "that" | "whom"));
        if relative && first.len() > 1 {
            first.start += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn relative_pronouns_leave_longer_sources() {
        let text = "The deliveries, which Moscow and Tehran have denied, went on. A report, which said so, ran.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let mut f = Found {
            cue: 8..9,
            source: vec![3..7],
            content: vec![0..2],
        };
        run(&p, &mut f);
        assert_eq!(f.source, [4..7], "Moscow and Tehran");
        // Alone, it is the source.
        let mut f = Found {
            cue: 17..18,
            source: vec![16..17],
            content: vec![18..19],
        };
        run(&p, &mut f);
        assert_eq!(f.source, [16..17], "which");
    }
}
