//! "Iran maintains that … and denies any intention …": a telling cue
//! after "and" (or a comma) inside another claim's content starts a claim
//! of its own, the rule finder's where the tagger found none, and the
//! first content ends before it; the second claim, when it has no source
//! or one inside the first content, shares the first claim's.

use super::context::{coordinated, overlaps, Context};
use crate::annotation::{Claim, ClaimKind};

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    let (text, rules) = (cx.text, cx.rules);
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

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, sources, span};
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_second_verb_after_and_is_a_claim_of_its_own() {
        let text =
            "Iran maintains that its program is peaceful and denies any plan to build bombs.";
        let tokens = Tokens::new(text);
        let mut denial = claim(text, None, "denies", "any plan to build bombs");
        denial.kind = ClaimKind::Denial;
        let rules = [denial];
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &rules,
        };
        let mut cs = vec![claim(
            text,
            Some("Iran"),
            "maintains",
            "that its program is peaceful and denies any plan to build bombs",
        )];
        run(&cx, &mut cs);
        assert_eq!(cs.len(), 2, "{cs:?}");
        assert_eq!(cs[0].content, [span(text, "that its program is peaceful")]);
        assert_eq!(cs[1].kind, ClaimKind::Denial);
        assert_eq!(sources(text, &cs), ["Iran", "Iran"]);
        // A statement cue of the rules' is not added.
        let rules = [claim(text, None, "denies", "any plan to build bombs")];
        let cx = Context {
            rules: &rules,
            ..cx
        };
        let mut cs = vec![claim(
            text,
            Some("Iran"),
            "maintains",
            "that its program is peaceful and denies any plan",
        )];
        run(&cx, &mut cs);
        assert_eq!(cs.len(), 1);
    }
}
