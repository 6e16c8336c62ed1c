//! Offsets between the three ways of counting a position in a text.
//!
//! The core works in UTF-8 byte offsets into the original text. Exports and
//! the CLI speak Unicode code points; the DOM speaks UTF-16 code units. An
//! [`Offsets`] table is built once per text and converts in either direction.
//!
//! For `"a€😀"`: bytes `a`=0, `€`=1..4, `😀`=4..8; code points 0, 1, 2;
//! UTF-16 units 0, 1, 2..4. So byte 4 is code point 2 and UTF-16 unit 2.

/// Position tables for one text. `byte_at[c]` is the byte offset of code
/// point `c`, and `utf16_at[c]` its UTF-16 offset; both have one extra entry
/// for the end of the text.
#[derive(Debug, Clone)]
pub struct Offsets {
    byte_at: Vec<usize>,
    utf16_at: Vec<usize>,
}

impl Offsets {
    /// Builds the tables for `text`.
    pub fn new(text: &str) -> Self {
        let mut byte_at = Vec::with_capacity(text.len() + 1);
        let mut utf16_at = Vec::with_capacity(text.len() + 1);
        let mut u16_pos = 0;
        for (b, ch) in text.char_indices() {
            byte_at.push(b);
            utf16_at.push(u16_pos);
            u16_pos += ch.len_utf16();
        }
        byte_at.push(text.len());
        utf16_at.push(u16_pos);
        Offsets { byte_at, utf16_at }
    }

    /// Number of code points in the text.
    pub fn chars(&self) -> usize {
        self.byte_at.len() - 1
    }

    /// The code point index at byte offset `byte`. A byte inside a code
    /// point maps to that code point's start.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.byte_at.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of code point `ch`, or `None` past the end.
    pub fn byte_of_char(&self, ch: usize) -> Option<usize> {
        self.byte_at.get(ch).copied()
    }

    /// The UTF-16 offset of byte offset `byte`.
    pub fn utf16_of_byte(&self, byte: usize) -> usize {
        self.utf16_at[self.char_of_byte(byte)]
    }

    /// The byte offset of UTF-16 offset `unit`; a unit inside a surrogate
    /// pair maps to the start of its code point.
    pub fn byte_of_utf16(&self, unit: usize) -> usize {
        let c = match self.utf16_at.binary_search(&unit) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        self.byte_at[c]
    }

    /// Converts a byte range to a code-point range.
    pub fn chars_of(&self, range: &std::ops::Range<usize>) -> (usize, usize) {
        (self.char_of_byte(range.start), self.char_of_byte(range.end))
    }

    /// Converts a code-point range to a byte range, or `None` when it is out
    /// of bounds or reversed.
    pub fn bytes_of(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if start > end {
            return None;
        }
        Some(self.byte_of_char(start)?..self.byte_of_char(end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        let o = Offsets::new("a€😀");
        assert_eq!(o.chars(), 3);
        assert_eq!(o.char_of_byte(4), 2);
        assert_eq!(o.utf16_of_byte(4), 2);
        assert_eq!(o.utf16_of_byte(8), 4);
        assert_eq!(o.byte_of_utf16(3), 4);
        assert_eq!(o.byte_of_char(3), Some(8));
        assert_eq!(o.byte_of_char(4), None);
    }

    #[test]
    fn round_trips_on_mixed_scripts() {
        for text in [
            "Café “naïve” 東京 😀👍🏽\r\nnext",
            "e\u{301}\u{200b}\u{202e}abc",
            "",
        ] {
            let o = Offsets::new(text);
            for (b, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let c = o.char_of_byte(b);
                assert_eq!(o.byte_of_char(c), Some(b));
                assert_eq!(o.byte_of_utf16(o.utf16_of_byte(b)), b);
            }
            let utf16_len: usize = text.encode_utf16().count();
            assert_eq!(o.utf16_of_byte(text.len()), utf16_len);
        }
    }

    #[test]
    fn rejects_bad_ranges() {
        let o = Offsets::new("abc");
        assert_eq!(o.bytes_of(2, 1), None);
        assert_eq!(o.bytes_of(0, 9), None);
        assert_eq!(o.bytes_of(1, 3), Some(1..3));
    }
    /// Property (seeded, 500 random texts): every code-point boundary maps
    /// byte → char → byte and byte → UTF-16 → byte unchanged; a byte inside
    /// a code point maps to that code point's start; ranges convert back.
    #[test]
    fn property_offsets_round_trip() {
        let mut rng = crate::testgen::Rng::new(0x5eed_0ff5);
        for round in 0..500 {
            let text = crate::testgen::text(&mut rng, 40);
            let o = Offsets::new(&text);
            assert_eq!(o.chars(), text.chars().count(), "round {round}");
            assert_eq!(o.utf16_of_byte(text.len()), text.encode_utf16().count());
            let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            starts.push(text.len());
            for (c, &b) in starts.iter().enumerate() {
                assert_eq!(o.char_of_byte(b), c, "round {round}: {text:?} byte {b}");
                assert_eq!(o.byte_of_char(c), Some(b));
                assert_eq!(o.byte_of_utf16(o.utf16_of_byte(b)), b);
                let utf16 = text[..b].encode_utf16().count();
                assert_eq!(
                    o.utf16_of_byte(b),
                    utf16,
                    "round {round}: {text:?} byte {b}"
                );
            }
            for b in 0..=text.len() {
                let c = o.char_of_byte(b);
                let start = o.byte_of_char(c).expect("in range");
                assert!(start <= b && text.is_char_boundary(start));
            }
            let (a, z) = (rng.below(starts.len()), rng.below(starts.len()));
            let (a, z) = (a.min(z), a.max(z));
            let bytes = o.bytes_of(a, z).expect("a valid range converts");
            assert_eq!(o.chars_of(&bytes), (a, z));
            assert_eq!(o.byte_of_char(starts.len()), None);
        }
    }
}
