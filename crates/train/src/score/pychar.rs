//! Python's character classes, as the reference scorers see them.
//!
//! The scorers use `re` with `str` patterns (`\w`, `\s`, `\d`), `str.isspace()`,
//! `str.split()` and `int()`. Their Unicode semantics differ from Rust's
//! (`regex`'s `\w` includes combining marks, connector punctuation and
//! joiners but not `²` or `½`; `char::is_whitespace` excludes U+001C..U+001F),
//! so the classes are copied from Python into generated tables
//! (`tools/gen_pychar_tables.py`), which keeps the port exact.

mod tables;

/// Version of the Unicode database the tables were taken from (that of the
/// Python that generated them).
pub const UNICODE_VERSION: &str = tables::UNICODE_VERSION;

/// Index of the range in `ranges` (sorted, disjoint, inclusive) holding `c`.
fn find(ranges: &[(u32, u32)], c: char) -> Option<usize> {
    let cp = u32::from(c);
    let i = ranges.partition_point(|&(_, end)| end < cp);
    match ranges.get(i) {
        Some(&(start, _)) if start <= cp => Some(i),
        _ => None,
    }
}

/// Python's `\w`: letters, digits and numerics of any script, and `_`
/// (not combining marks).
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    find(tables::WORD, c).is_some()
}

/// Python's `\s`, `str.isspace()` and the separators of `str.split()`.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | '\x1c'..=' ');
    }
    find(tables::SPACE, c).is_some()
}

/// The value of a Python `\d` character (a decimal digit of any script).
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let (start, _) = tables::DECIMAL[find(tables::DECIMAL, c)?];
    // Each range is made of whole runs 0..9 (checked by the generator).
    Some((u32::from(c) - start) % 10)
}

/// Python's `int(s)` for a string of `\d` characters; `None` if `s` is empty or
/// holds anything else. Saturates instead of growing without bound: callers
/// only compare the result with text lengths.
pub fn parse_decimal(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0usize, |acc, c| {
        let d = decimal_value(c)?;
        Some(acc.saturating_mul(10).saturating_add(d as usize))
    })
}

/// Python's `s.strip()` (no argument): trims [`is_space`] characters.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `s.split()` (no argument): fields separated by runs of
/// [`is_space`] characters, without empty fields.
pub fn split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_follows_python_not_unicode_word() {
        for c in ['a', 'Z', '0', '_', 'é', '中', 'ß', '٣', '²', '½', 'Ⅻ'] {
            assert!(is_word(c), "{c:?} is \\w in Python");
        }
        // Combining marks, joiners and connector punctuation other than `_`
        // are not \w in Python (they are in the regex crate).
        for c in [
            '\u{301}', '\u{903}', '\u{200d}', '\u{203f}', '-', '"', ' ', '€',
        ] {
            assert!(!is_word(c), "{c:?} is not \\w in Python");
        }
    }

    #[test]
    fn space_includes_information_separators() {
        for c in [
            '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', ' ', '\u{85}', '\u{a0}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\u{2028}', '\u{3000}'] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\u{200b}', '\u{feff}', '\u{180e}', 'x', '\x1b'] {
            assert!(!is_space(c), "{c:?}");
        }
    }

    #[test]
    fn decimals_of_any_script() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('٣'), Some(3));
        assert_eq!(decimal_value('０'), Some(0));
        assert_eq!(decimal_value('²'), None);
        assert_eq!(parse_decimal("١٢"), Some(12));
        assert_eq!(parse_decimal("0042"), Some(42));
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("4 2"), None);
        assert_eq!(parse_decimal(&"9".repeat(40)), Some(usize::MAX));
    }

    #[test]
    fn strip_and_split_like_python() {
        assert_eq!(strip("\u{a0}\x1c ab c\t\n"), "ab c");
        let parts: Vec<_> = split_whitespace(" a\u{3000}b\t\tc ").collect();
        assert_eq!(parts, ["a", "b", "c"]);
    }
}
