//! Long texts in blocks: what every user of the pipeline (the page, the
//! CLI, the Python package) does with a text too long for one pass.
//!
//! A text up to [`ONE_PASS_BYTES`] is annotated in one pass. A longer one
//! (a 1 MB paste is ~170,000 words) is cut into blocks of about
//! [`BLOCK_BYTES`] at paragraph breaks ([`plan`]); each block is annotated
//! on its own and its ranges shifted to the whole text ([`shift`]). The page
//! gives the browser the event loop back between blocks; the CLI simply
//! runs them in a row; both get the same answer because both plan here.
//!
//! Blocks are annotated independently, so nothing spans a block boundary,
//! and the entity model's memory of earlier mentions starts afresh in each
//! block: results on a long text can differ slightly from one pass. Breaks
//! fall at blank lines where possible, then at line ends (where the
//! tokeniser ends sentences anyway), so little is lost.

// A plan of one block is a list of one range.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;

use crate::annotation::Annotation;

/// Texts up to this size are annotated in one pass.
pub const ONE_PASS_BYTES: usize = 64 * 1024;

/// The size a block of a longer text aims at.
pub const BLOCK_BYTES: usize = 32 * 1024;

/// The blocks `text` is annotated in: the whole text when it is at most
/// [`ONE_PASS_BYTES`] long, else [`plan`] with [`BLOCK_BYTES`].
pub fn of(text: &str) -> Vec<Range<usize>> {
    if text.len() <= ONE_PASS_BYTES {
        vec![0..text.len()]
    } else {
        plan(text, BLOCK_BYTES)
    }
}

/// Cuts `text` into consecutive byte ranges of at most `max` bytes (more
/// only when a single character is longer), each ending after a blank line
/// if one lies in its second half, else after a line end, else after
/// whitespace, else at a char boundary. The ranges tile the text.
pub fn plan(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        if text.len() - start <= max {
            out.push(start..text.len());
            break;
        }
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = window.len() / 2;
        let after = |i: Option<usize>, len: usize| i.filter(|&i| i >= half).map(|i| i + len);
        let cut = after(window.rfind("\n\n"), 2)
            .or_else(|| after(window.rfind('\n'), 1))
            .or_else(|| {
                let (i, c) = window
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())?;
                (i >= half).then(|| i + c.len_utf8())
            })
            .unwrap_or(window.len());
        // A window with no boundary at all (one huge character run) still
        // moves on by at least one character.
        let cut = if cut == 0 {
            text[start..].chars().next().map_or(1, char::len_utf8)
        } else {
            cut
        };
        out.push(start..start + cut);
        start += cut;
    }
    out
}

/// `part`, annotated on a block starting at byte `by`, in whole-text offsets.
pub fn shift(mut part: Annotation, by: usize) -> Annotation {
    let move_range = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    for e in &mut part.entities {
        move_range(&mut e.range);
    }
    for c in &mut part.claims {
        for r in c
            .source
            .iter_mut()
            .chain(&mut c.cue)
            .chain(&mut c.content)
            .chain(&mut c.hedges)
        {
            move_range(r);
        }
        if let Some(r) = &mut c.source_entity {
            move_range(r);
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Claim, ClaimKind, Entity, Label};
    use crate::testgen::{self, Rng};

    fn check_plan(text: &str, max: usize) -> Vec<Range<usize>> {
        let p = plan(text, max);
        let mut at = 0;
        for r in &p {
            assert_eq!(r.start, at, "blocks tile the text");
            assert!(r.start < r.end);
            assert!(text.is_char_boundary(r.end));
            let biggest_char = text[r.clone()]
                .chars()
                .map(char::len_utf8)
                .max()
                .unwrap_or(1);
            assert!(r.len() <= max.max(biggest_char), "{r:?} longer than {max}");
            at = r.end;
        }
        assert_eq!(at, text.len());
        p
    }

    #[test]
    fn plans_break_at_paragraphs_then_lines_then_spaces() {
        let text = "aaaa bbbb\n\ncccc dddd\neeee ffff gggg hhhh";
        let p = check_plan(text, 14);
        assert_eq!(&text[p[0].clone()], "aaaa bbbb\n\n");
        assert_eq!(&text[p[1].clone()], "cccc dddd\n");
        assert_eq!(&text[p[2].clone()], "eeee ffff ");
        assert_eq!(&text[p[3].clone()], "gggg hhhh");
        assert!(plan("", 10).is_empty());
        assert_eq!(plan("short", 10), vec![0..5]);
    }

    #[test]
    fn plans_cope_with_no_breaks_and_wide_characters() {
        check_plan(&"x".repeat(100), 7);
        check_plan(&"😀".repeat(50), 7);
        check_plan(&"😀".repeat(50), 1);
        check_plan("a\u{3000}b\u{2029}c😀 d\r\ne", 3);
        let mut rng = Rng::new(0xb10c);
        for _ in 0..200 {
            let n = 1 + rng.below(200);
            let text = testgen::text(&mut rng, n);
            let max = 1 + rng.below(64);
            check_plan(&text, max);
        }
    }

    #[test]
    fn short_texts_are_one_block_and_long_ones_are_planned() {
        assert_eq!(of(""), vec![0..0]);
        assert_eq!(of("Putin said."), vec![0..11]);
        let long = "Putin said Moscow wins.\n\n".repeat(ONE_PASS_BYTES / 20);
        let blocks = of(&long);
        assert_eq!(blocks, plan(&long, BLOCK_BYTES));
        assert!(blocks.len() >= 3 && blocks.iter().all(|b| b.len() <= BLOCK_BYTES));
    }

    #[test]
    fn shifting_moves_every_range() {
        let part = Annotation {
            entities: vec![Entity {
                range: 0..5,
                label: Label::Person,
            }],
            claims: vec![Claim {
                kind: ClaimKind::Statement,
                source: vec![0..5],
                cue: vec![6..10],
                content: vec![11..15],
                hedges: vec![1..2],
                source_entity: Some(0..5),
            }],
        };
        let moved = shift(part, 100);
        assert_eq!(moved.entities[0].range, 100..105);
        let c = &moved.claims[0];
        assert_eq!(
            (
                c.source.clone(),
                c.cue.clone(),
                c.content.clone(),
                c.hedges.clone()
            ),
            (
                vec![100..105],
                vec![106..110],
                vec![111..115],
                vec![101..102]
            )
        );
        assert_eq!(c.source_entity, Some(100..105));
    }
}
