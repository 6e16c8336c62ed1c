//! The rule finder's claims of the telling kinds (accusation, denial,
//! assertion, report, belief, promise) where the tagger found nothing: no
//! tagged cue or content overlaps their cue. PolNeAR's annotators leave
//! many lexicon cue words unmarked, so the tagger learns to doubt them; a
//! reader still wants "which Moscow and Tehran have denied" as a denial.
//! On PolNeAR dev this trades 0.67 of relation F1 for 1.13 of content
//! token F1 (the table in `models/README.md`).

use super::context::{overlaps, Context};
use crate::annotation::{Claim, ClaimKind};

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    let n = claims.len();
    for c in cx.rules {
        let Some(cue) = c.cue.first() else { continue };
        let taken = claims[..n]
            .iter()
            .any(|o| o.cue.iter().chain(&o.content).any(|r| overlaps(r, cue)));
        if c.kind != ClaimKind::Statement && !taken {
            claims.push(c.clone());
        }
    }
    claims.sort_by_key(|c| c.cue.first().map_or(0, |r| r.start));
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::claim;
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn the_rules_telling_claims_fill_what_the_tagger_left() {
        let text = "The deliveries, which Moscow has denied, went on, officials said.";
        let tokens = Tokens::new(text);
        let mut denial = claim(text, Some("Moscow"), "has denied", "which");
        denial.kind = ClaimKind::Denial;
        let said = claim(text, Some("officials"), "said", "The deliveries");
        let rules = [denial.clone(), said.clone()];
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &rules,
        };
        // The tagger found only "said": the denial is added, in cue order;
        // the rules' statement is not.
        let mut cs = vec![claim(text, Some("officials"), "said", "went on")];
        run(&cx, &mut cs);
        assert_eq!(cs.len(), 2);
        assert_eq!(cs[0], denial);
        // A tagged claim over the cue keeps it out.
        let mut cs = vec![claim(text, Some("Moscow"), "denied", "which")];
        run(&cx, &mut cs);
        assert_eq!(cs.len(), 1);
    }
}
