//! "…, according to South Korean, Ukrainian and Western intelligence": the
//! source runs to the end of the clause, commas and all, while the tagger
//! tends to stop at the first comma. Where the rule finder's source starts
//! at the same word as the tagger's and runs on, the rules' source wins.

use super::context::Context;
use crate::annotation::Claim;

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    for c in claims.iter_mut() {
        let Some(r) = c.cue.first().and_then(|cue| cx.rule_for(cue)) else {
            continue;
        };
        if let ([mine], [theirs]) = (c.source.as_slice(), r.source.as_slice()) {
            if theirs.start == mine.start && mine.end < theirs.end {
                c.source = r.source.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, sources};
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_source_cut_short_takes_the_rules_longer_one() {
        let text = "Troops went, according to South Korean, Ukrainian and Western intelligence.";
        let tokens = Tokens::new(text);
        let rules = [claim(
            text,
            Some("South Korean, Ukrainian and Western intelligence"),
            "according to",
            "Troops went",
        )];
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &rules,
        };
        let mut cs = vec![claim(
            text,
            Some("South Korean"),
            "according to",
            "Troops went",
        )];
        run(&cx, &mut cs);
        assert_eq!(
            sources(text, &cs),
            ["South Korean, Ukrainian and Western intelligence"]
        );
        // A source that starts elsewhere is the tagger's call.
        let mut cs = vec![claim(
            text,
            Some("Ukrainian"),
            "according to",
            "Troops went",
        )];
        run(&cx, &mut cs);
        assert_eq!(sources(text, &cs), ["Ukrainian"]);
    }
}
