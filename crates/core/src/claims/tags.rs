//! The tags of the two claim taggers and the rules of their order.
//!
//! The cue tagger tags each token of a sentence `O`, `B` (first word of a
//! cue) or `I` (a later word). The role tagger tags the tokens around one
//! cue `O`, `B`/`I` of the source or `B`/`I` of the content; a part that
//! is interrupted ("We won, he said, and will win again") is two runs of
//! the same role.

use std::ops::Range;

/// Outside any cue or role.
pub const O: u8 = 0;
/// Cue tags: first word and later word of a cue.
pub const CUE_B: u8 = 1;
/// See [`CUE_B`].
pub const CUE_I: u8 = 2;
/// Number of cue tags.
pub const CUE_TAGS: usize = 3;

/// Role tags: source begin/inside, content begin/inside.
pub const SRC_B: u8 = 1;
/// See [`SRC_B`].
pub const SRC_I: u8 = 2;
/// See [`SRC_B`].
pub const CON_B: u8 = 3;
/// See [`SRC_B`].
pub const CON_I: u8 = 4;
/// Number of role tags.
pub const ROLE_TAGS: usize = 5;
/// The history value of a cue token in the role tagger (never chosen).
pub const AT_CUE: u8 = 5;
/// The history value before the first token.
pub const START: u8 = 6;

/// Whether the cue tag `t` may follow `prev`.
pub fn cue_allowed(prev: u8, t: u8) -> bool {
    t != CUE_I || matches!(prev, CUE_B | CUE_I)
}

/// Whether the role tag `t` may follow `prev`.
pub fn role_allowed(prev: u8, t: u8) -> bool {
    match t {
        SRC_I => matches!(prev, SRC_B | SRC_I),
        CON_I => matches!(prev, CON_B | CON_I),
        _ => true,
    }
}

/// The cue spans of a sentence's tags, as token ranges offset by `base`.
pub fn cue_spans(tags: &[u8], base: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        match t {
            CUE_B => out.push(base + i..base + i + 1),
            CUE_I => {
                if let Some(last) = out.last_mut().filter(|r| r.end == base + i) {
                    last.end += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// The (source, content) runs of a window's role tags, as token ranges
/// offset by `base`.
pub fn role_spans(tags: &[u8], base: usize) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut src, mut con): (Vec<Range<usize>>, Vec<Range<usize>>) = (Vec::new(), Vec::new());
    for (i, &t) in tags.iter().enumerate() {
        let at = base + i;
        let (list, inside) = match t {
            SRC_B => (&mut src, false),
            SRC_I => (&mut src, true),
            CON_B => (&mut con, false),
            CON_I => (&mut con, true),
            _ => continue,
        };
        match list.last_mut() {
            Some(last) if inside && last.end == at => last.end += 1,
            _ => list.push(at..at + 1),
        }
    }
    (src, con)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_from_tags() {
        assert_eq!(
            cue_spans(&[O, CUE_B, CUE_I, O, CUE_B], 10),
            vec![11..13, 14..15]
        );
        let (s, c) = role_spans(&[CON_B, CON_I, O, AT_CUE, SRC_B, O, CON_B, CON_I], 0);
        assert_eq!((s, c), (vec![4..5], vec![0..2, 6..8]));
        assert!(
            !role_allowed(O, SRC_I) && role_allowed(SRC_B, SRC_I) && !role_allowed(SRC_B, CON_I)
        );
        assert!(!cue_allowed(O, CUE_I) && cue_allowed(CUE_B, CUE_I));
    }
}
