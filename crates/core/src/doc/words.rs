//! Moving, growing and shrinking a span by one token, for keyboard
//! selection and resizing.

use std::ops::Range;

use crate::tokenize::Tokens;

/// Which end of a span moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The start.
    Start,
    /// The end.
    End,
}

/// `range` with one more token at `edge`, or `None` at the text's edge.
pub fn grow(text: &str, range: &Range<usize>, edge: Edge) -> Option<Range<usize>> {
    let tokens = Tokens::new(text).tokens;
    match edge {
        Edge::End => tokens
            .iter()
            .find(|t| t.start >= range.end)
            .map(|t| range.start..t.end),
        Edge::Start => tokens
            .iter()
            .rev()
            .find(|t| t.end <= range.start)
            .map(|t| t.start..range.end),
    }
}

/// `range` with one token fewer at `edge`, or `None` when it holds only one.
pub fn shrink(text: &str, range: &Range<usize>, edge: Edge) -> Option<Range<usize>> {
    let tokens = Tokens::new(text).tokens;
    let inside: Vec<&Range<usize>> = tokens
        .iter()
        .filter(|t| t.start >= range.start && t.end <= range.end)
        .collect();
    if inside.len() < 2 {
        return None;
    }
    match edge {
        Edge::End => Some(range.start..inside[inside.len() - 2].end),
        Edge::Start => Some(inside[1].start..range.end),
    }
}

/// The first token that starts at or after byte `at`, if any: where a word
/// caret moving right lands.
pub fn next(text: &str, at: usize) -> Option<Range<usize>> {
    Tokens::new(text).tokens.into_iter().find(|t| t.start >= at)
}

/// The last token that ends at or before byte `at`, if any: where a word
/// caret moving left lands.
pub fn previous(text: &str, at: usize) -> Option<Range<usize>> {
    Tokens::new(text)
        .tokens
        .into_iter()
        .rev()
        .find(|t| t.end <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_and_shrinks_by_tokens() {
        let text = "President Joe Biden's office said";
        let biden = 14..19;
        assert_eq!(grow(text, &biden, Edge::Start), Some(10..19));
        assert_eq!(grow(text, &biden, Edge::End), Some(14..21)); // 's
        assert_eq!(shrink(text, &(10..19), Edge::Start), Some(14..19));
        assert_eq!(shrink(text, &(10..19), Edge::End), Some(10..13));
        assert_eq!(shrink(text, &biden, Edge::End), None);
        assert_eq!(grow(text, &(29..33), Edge::End), None);
        assert_eq!(grow(text, &(0..9), Edge::Start), None);
    }

    #[test]
    fn steps_word_by_word() {
        let text = "Iran denied it.";
        assert_eq!(next(text, 0), Some(0..4));
        assert_eq!(next(text, 4), Some(5..11));
        assert_eq!(next(text, 14), Some(14..15));
        assert_eq!(next(text, 15), None);
        assert_eq!(previous(text, 15), Some(14..15));
        assert_eq!(previous(text, 5), Some(0..4));
        assert_eq!(previous(text, 3), None);
    }
}
