//! "…, the Kremlin said Monday.": when the tagger takes a cue's content
//! from another sentence but the rule finder finds it in the cue's own
//! sentence, the cue's sentence is the likelier reading.

use super::context::{overlaps, Context};
use crate::annotation::Claim;

pub fn run(cx: &Context, claims: &mut Vec<Claim>) {
    for c in claims.iter_mut() {
        let Some(cue) = c.cue.first().cloned() else {
            continue;
        };
        let (Some(r), Some(sentence)) = (cx.rule_for(&cue), cx.sentence_of(cue.start)) else {
            continue;
        };
        let inside = |rs: &[std::ops::Range<usize>]| rs.iter().any(|x| overlaps(x, &sentence));
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

#[cfg(test)]
mod tests {
    use super::super::context::testing::{claim, span};
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn a_content_from_another_sentence_gives_way_to_one_in_the_cues() {
        let text = "Talks began. Putin will visit Tehran, the Kremlin said.";
        let tokens = Tokens::new(text);
        let rules = [claim(
            text,
            Some("the Kremlin"),
            "said",
            "Putin will visit Tehran",
        )];
        let cx = Context {
            text,
            tokens: &tokens,
            rules: &rules,
        };
        let mut cs = vec![claim(text, Some("the Kremlin"), "said", "Talks began")];
        run(&cx, &mut cs);
        assert_eq!(cs[0].content, [span(text, "Putin will visit Tehran")]);
        // A content in the cue's sentence stays the tagger's.
        let mut cs = vec![claim(text, Some("the Kremlin"), "said", "Putin will visit")];
        run(&cx, &mut cs);
        assert_eq!(cs[0].content, [span(text, "Putin will visit")]);
    }
}
