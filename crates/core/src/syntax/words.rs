//! What the tagger and the parser know of a token's string: a handful of
//! hashes computed once per token (its lowercased form, the form as
//! written, affixes, a shape), so that features only mix numbers.

use crate::linear::clusters::Clusters;
use crate::linear::hash::{hash, hash_str};

/// Hashes of one token's string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Lowercased, digits as `0`: the form most features read.
    pub form: u64,
    /// The token as written (capitals tell proper nouns apart).
    pub raw: u64,
    /// The last 1, 2, 3 and 4 characters of `form`.
    pub suffix: [u64; 4],
    /// The first 1 and 2 characters of `form`.
    pub prefix: [u64; 2],
    /// Capitals, small letters, digits and other characters, runs collapsed
    /// ("Xx", "d,d", "x-x").
    pub shape: u64,
    /// The fine, mid and coarse word cluster of `form` (learned from raw
    /// text: words that occur in the same contexts share one), so that a
    /// rare word is read like the frequent words it resembles.
    pub cluster: [u64; 3],
}

/// The template ids of the strings above, so that a suffix "a" and a
/// prefix "a" hash apart.
const FORM: u8 = 1;
const RAW: u8 = 2;
const SUFFIX: u8 = 3;
const PREFIX: u8 = 7;
const SHAPE: u8 = 9;

impl Word {
    /// The hashes of `token`; `buf` is scratch space.
    pub fn new(token: &str, clusters: &Clusters, buf: &mut String) -> Word {
        buf.clear();
        for c in token.chars() {
            if c.is_ascii_digit() {
                buf.push('0');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
        let form = buf.as_str();
        let tail = |k: usize| match form.char_indices().rev().nth(k - 1) {
            Some((b, _)) => &form[b..],
            None => form,
        };
        let head = |k: usize| match form.char_indices().nth(k) {
            Some((b, _)) => &form[..b],
            None => form,
        };
        let suffix = [1u8, 2, 3, 4].map(|k| hash(SUFFIX + k - 1, &[tail(k.into()).as_bytes()]));
        let prefix = [1u8, 2].map(|k| hash(PREFIX + k - 1, &[head(k.into()).as_bytes()]));
        let mut shape = [0u8; 8];
        let mut n = 0;
        for c in token.chars() {
            let s = if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else if c.is_numeric() {
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'?'
            };
            if (n == 0 || shape[n - 1] != s) && n < shape.len() {
                shape[n] = s;
                n += 1;
            }
        }
        let (fine, mid, coarse) = clusters.of_hash(hash_str(form));
        Word {
            cluster: [fine, mid, coarse].map(|c| u64::from(c) | 0xc1u64 << 56),
            form: hash(FORM, &[form.as_bytes()]),
            raw: hash(RAW, &[token.as_bytes()]),
            suffix,
            prefix,
            shape: hash(SHAPE, &[&shape[..n]]),
        }
    }

    /// The stand-in for a position before the first or after the last
    /// token of a sentence.
    pub fn edge() -> &'static Word {
        static EDGE: std::sync::OnceLock<Word> = std::sync::OnceLock::new();
        EDGE.get_or_init(|| Word::new("\u{0}", &Clusters::default(), &mut String::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_ignore_case_and_digits_but_raw_does_not() {
        let mut buf = String::new();
        let none = Clusters::default();
        let a = Word::new("Said", &none, &mut buf);
        let b = Word::new("said", &none, &mut buf);
        assert_eq!(a.form, b.form);
        assert_ne!(a.raw, b.raw);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.suffix, b.suffix);
        assert_eq!(
            Word::new("1,200", &none, &mut buf).form,
            Word::new("3,456", &none, &mut buf).form
        );
        assert_ne!(a.suffix[0], a.prefix[0]);
    }

    #[test]
    fn short_and_odd_tokens_hash() {
        let mut buf = String::new();
        let none = Clusters::default();
        for t in ["", "a", "İ", "\u{202e}", "ﬀ", "————————————"] {
            let w = Word::new(t, &none, &mut buf);
            assert_eq!(w, Word::new(t, &none, &mut buf));
        }
    }

    #[test]
    fn clustered_words_share_their_cluster() {
        let mut buf = String::new();
        let clusters = Clusters::new(
            [
                ("denied".to_string(), 0),
                ("rejected".to_string(), 0),
                ("moscow".to_string(), 1),
            ],
            vec![(0, 0), (1, 0)],
        );
        let w = |t: &str| Word::new(t, &clusters, &mut String::new());
        assert_eq!(w("Denied").cluster, w("rejected").cluster);
        assert_ne!(w("denied").cluster[0], w("Moscow").cluster[0]);
        assert_eq!(w("denied").cluster[2], w("Moscow").cluster[2]);
        assert_ne!(
            w("denied").cluster,
            Word::new("denied", &Clusters::default(), &mut buf).cluster
        );
    }
}
