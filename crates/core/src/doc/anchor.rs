//! Re-anchoring spans after the text changes.
//!
//! A user edit remembers a byte range of the old text. When the text is
//! edited, the range is first carried through the change ([`Shift`]: the
//! common prefix stays put, the common suffix moves by the length
//! difference), and the span's old surface text is looked for there. If it
//! is not there exactly, the nearest occurrence of the surface text within
//! [`WINDOW`] bytes of the carried position is taken, provided it does not
//! start or end inside a word. Otherwise the span is lost.
//!
//! Worked example: old `"Iran denied it."`, new `"Yesterday Iran denied
//! it."`. The common suffix is the whole old text, so `0..4` ("Iran") is
//! carried to `10..14`, where "Iran" still stands.

use std::ops::Range;

/// How far (in bytes) from its carried position a span's text is looked for.
pub const WINDOW: usize = 2_000;

/// The change between two texts: everything before `prefix` is the same,
/// and so is everything from `old_tail` in the old text and from `new_tail`
/// in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    prefix: usize,
    old_tail: usize,
    new_tail: usize,
}

impl Shift {
    /// Compares `old` and `new`. Positions are kept on char boundaries.
    pub fn between(old: &str, new: &str) -> Shift {
        let mut prefix = old
            .bytes()
            .zip(new.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
            prefix -= 1;
        }
        let max_suffix = old.len().min(new.len()) - prefix;
        let mut suffix = old
            .bytes()
            .rev()
            .zip(new.bytes().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        while !(old.is_char_boundary(old.len() - suffix)
            && new.is_char_boundary(new.len() - suffix))
        {
            suffix -= 1;
        }
        Shift {
            prefix,
            old_tail: old.len() - suffix,
            new_tail: new.len() - suffix,
        }
    }

    /// How many bytes of `old` (the text this shift was computed from)
    /// the change left alone: the common prefix and suffix.
    pub fn kept(&self, old: &str) -> usize {
        self.prefix + old.len().saturating_sub(self.old_tail)
    }

    /// Where byte `pos` of the old text lies in the new one. A position in
    /// the changed region maps to the start of the change.
    pub fn map(&self, pos: usize) -> usize {
        if pos <= self.prefix {
            pos
        } else if pos >= self.old_tail {
            pos - self.old_tail + self.new_tail
        } else {
            self.prefix
        }
    }
}

/// Whether `text[range]` starts and ends at word edges (a match of "Iran"
/// inside "Iranian" does not).
fn on_word_edges(text: &str, range: &Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let first = text[range.clone()].chars().next();
    let last = text[range.clone()].chars().next_back();
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let starts_ok = !(first.is_some_and(word) && before.is_some_and(word));
    let ends_ok = !(last.is_some_and(word) && after.is_some_and(word));
    starts_ok && ends_ok
}

/// Where `old[range]` now lies in `new`, or `None` when it is gone.
pub fn reanchor(old: &str, new: &str, shift: &Shift, range: &Range<usize>) -> Option<Range<usize>> {
    let surface = old.get(range.clone())?;
    if surface.is_empty() {
        return None;
    }
    let guess = shift.map(range.start);
    let at = guess..guess + surface.len();
    if new.get(at.clone()) == Some(surface) && on_word_edges(new, &at) {
        return Some(at);
    }
    let lo = guess.saturating_sub(WINDOW);
    let hi = (guess + surface.len() + WINDOW).min(new.len());
    // Widen to char boundaries.
    let lo = (0..=lo)
        .rev()
        .find(|&i| new.is_char_boundary(i))
        .unwrap_or(0);
    let hi = (hi..=new.len())
        .find(|&i| new.is_char_boundary(i))
        .unwrap_or(new.len());
    new[lo..hi]
        .match_indices(surface)
        .map(|(i, _)| lo + i..lo + i + surface.len())
        .filter(|r| on_word_edges(new, r))
        .min_by_key(|r| r.start.abs_diff(guess))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carry(old: &str, new: &str, range: Range<usize>) -> Option<Range<usize>> {
        reanchor(old, new, &Shift::between(old, new), &range)
    }

    #[test]
    fn counts_what_is_kept() {
        let old = "Iran denied it.";
        assert_eq!(
            Shift::between(old, "Yesterday Iran denied it.").kept(old),
            old.len()
        );
        assert_eq!(Shift::between(old, "Iran said it.").kept(old), 5 + 5); // "Iran " and "d it."
        assert_eq!(Shift::between(old, "Something else").kept(old), 0);
    }

    #[test]
    fn worked_example() {
        assert_eq!(
            carry("Iran denied it.", "Yesterday Iran denied it.", 0..4),
            Some(10..14)
        );
    }

    #[test]
    fn follows_edits_before_and_after() {
        let old = "Putin met Xi in Beijing.";
        let new = "Vladimir Putin met Xi Jinping in Beijing on Monday.";
        assert_eq!(carry(old, new, 0..5).map(|r| &new[r]), Some("Putin"));
        assert_eq!(carry(old, new, 10..12).map(|r| &new[r]), Some("Xi"));
        assert_eq!(carry(old, new, 16..23).map(|r| &new[r]), Some("Beijing"));
    }

    #[test]
    fn drops_spans_whose_text_is_gone() {
        assert_eq!(carry("Iran denied it.", "Iraq denied it.", 0..4), None);
        // Not inside a longer word.
        assert_eq!(
            carry("Iran denied it.", "Iranian officials denied it.", 0..4),
            None
        );
        assert_eq!(carry("abc", "abc", 5..9), None);
        assert_eq!(carry("abc", "abc", 1..1), None);
    }

    #[test]
    fn keeps_char_boundaries() {
        let old = "é Paris";
        let new = "è Paris";
        let s = Shift::between(old, new);
        assert!(new.is_char_boundary(s.map(1)));
        assert_eq!(carry(old, new, 3..8), Some(3..8));
        assert_eq!(carry("😀x", "😁x", 4..5), Some(4..5));
    }

    #[test]
    fn picks_the_nearest_occurrence() {
        let old = "Iran said. Iran denied.";
        let new = "Iran said. Then Iran denied.";
        assert_eq!(carry(old, new, 11..15), Some(16..20));
    }
}
