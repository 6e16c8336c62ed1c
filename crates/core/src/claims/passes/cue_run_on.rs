//! A cue the tagger ran on into the content ("have accused Tehran of |
//! providing …"): where the rule finder's content starts inside the
//! tagger's cue, after the rules' own cue, the cue ends there, and a
//! content right after the cue starts there.

use super::context::Context;
use crate::annotation::Claim;

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    let text = cx.text;
    for c in claims.iter_mut() {
        let Some(cue) = c.cue.first().cloned() else {
            continue;
        };
        let Some(r) = cx.rule_for(&cue) else {
            continue;
        };
        let (1, Some(rc), Some(rx)) = (c.cue.len(), r.cue.last(), r.content.first()) else {
            continue;
        };
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
}

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, span};
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_cue_run_into_the_content_ends_where_the_content_starts() {
        let text = "Iran was accused of arming Moscow, denying claims that it had.";
        let tokens = Tokens::new(text);
        let rules = [claim(text, None, "denying", "claims that it had")];
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &rules,
        };
        let mut cs = vec![claim(text, None, "denying claims", "that it had")];
        run(&cx, &mut cs);
        assert_eq!(cs[0].cue, [span(text, "denying")]);
        assert_eq!(cs[0].content, [span(text, "claims that it had")]);
        // Where the rules' content starts after the cue, nothing moves.
        let mut cs = vec![claim(text, None, "denying", "claims that it had")];
        let before = cs.clone();
        run(&cx, &mut cs);
        assert_eq!(cs, before);
    }
}
