//! Hashed features of a token in its sentence.
//!
//! Each feature is a template id mixed with a string (a word, a shape, an
//! affix) into a 64-bit FNV-1a hash. Hashing is written out here, not taken
//! from `std`, so that training (native) and prediction (wasm) agree bit for
//! bit. Static features depend only on the text and are computed once per
//! sentence, [`STATIC`] per token; dynamic ones depend on the tags already
//! chosen and on what the document said earlier, and are added while
//! decoding.

use std::ops::Range;

use super::clusters::{Clusters, UNKNOWN};

/// Static features per token.
pub const STATIC: usize = 35;
/// Dynamic features per token.
pub const DYNAMIC: usize = 5;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hashes a template id and a sequence of byte strings.
pub fn hash(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET ^ u64::from(template);
    h = h.wrapping_mul(FNV_PRIME);
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The bucket of a feature hash in a table of `2^bits` buckets.
pub fn bucket(h: u64, bits: u8) -> u32 {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - u32::from(bits))) as u32
}

/// Per-token strings, computed once per sentence and kept for reuse.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    /// Lowercased word with digits replaced by `0`.
    norm: Vec<String>,
    /// Word shape: `Xxxx`, `dd,ddd` (first 6 characters, then the last 2).
    shape: Vec<String>,
    /// Shape with repeats collapsed: `Xx`, `d,d`.
    short: Vec<String>,
    /// Hash of the word as written, used by the document memory.
    word_hash: Vec<u64>,
    /// (fine, mid, coarse) word clusters.
    cluster: Vec<(u16, u16, u16)>,
    /// Static feature hashes, [`STATIC`] per token.
    pub feats: Vec<u64>,
}

impl Scratch {
    /// Fills the static features of the sentence `tokens` of `text`.
    pub fn fill(&mut self, text: &str, tokens: &[Range<usize>], clusters: &Clusters) {
        let n = tokens.len();
        for v in [&mut self.norm, &mut self.shape, &mut self.short] {
            v.resize_with(n, String::new);
            v.iter_mut().for_each(String::clear);
        }
        self.word_hash.clear();
        self.cluster.clear();
        for (i, r) in tokens.iter().enumerate() {
            let word = &text[r.clone()];
            normalise(word, &mut self.norm[i]);
            shapes(word, &mut self.shape[i], &mut self.short[i]);
            self.word_hash.push(hash(0, &[word.as_bytes()]));
            self.cluster.push(clusters.of(&self.norm[i]));
        }
        let cl = |j: isize| -> (u16, u16, u16) {
            if j < 0 || j >= n as isize {
                (UNKNOWN - 1, UNKNOWN - 1, UNKNOWN - 1)
            } else {
                self.cluster[j as usize]
            }
        };
        self.feats.clear();
        let none = "<s>";
        for i in 0..n {
            let w = |d: isize| -> &str {
                let j = i as isize + d;
                if j < 0 || j >= n as isize {
                    none
                } else {
                    &self.norm[j as usize]
                }
            };
            let sh = |d: isize| -> &str {
                let j = i as isize + d;
                if j < 0 || j >= n as isize {
                    none
                } else {
                    &self.short[j as usize]
                }
            };
            let word = &text[tokens[i].clone()];
            let norm = self.norm[i].as_str();
            let first = if i == 0 { "1" } else { "0" };
            let f = &mut self.feats;
            f.push(hash(1, &[]));
            f.push(hash(2, &[norm.as_bytes()]));
            f.push(hash(3, &[word.as_bytes()]));
            f.push(hash(4, &[w(-1).as_bytes()]));
            f.push(hash(5, &[w(1).as_bytes()]));
            f.push(hash(6, &[w(-2).as_bytes()]));
            f.push(hash(7, &[w(2).as_bytes()]));
            f.push(hash(8, &[self.shape[i].as_bytes()]));
            f.push(hash(9, &[sh(-1).as_bytes()]));
            f.push(hash(10, &[sh(1).as_bytes()]));
            for k in 1..=4u8 {
                f.push(hash(10 + k, &[prefix(norm, k as usize).as_bytes()]));
                f.push(hash(14 + k, &[suffix(norm, k as usize).as_bytes()]));
            }
            f.push(hash(19, &[w(-1).as_bytes(), norm.as_bytes()]));
            f.push(hash(20, &[norm.as_bytes(), w(1).as_bytes()]));
            f.push(hash(
                21,
                &[sh(-1).as_bytes(), sh(0).as_bytes(), sh(1).as_bytes()],
            ));
            f.push(hash(22, &[first.as_bytes(), sh(0).as_bytes()]));
            f.push(hash(23, &[w(-1).as_bytes(), sh(0).as_bytes()]));
            f.push(hash(24, &[sh(0).as_bytes(), w(1).as_bytes()]));
            f.push(hash(25, &[w(-2).as_bytes(), w(-1).as_bytes()]));
            f.push(hash(26, &[w(1).as_bytes(), w(2).as_bytes()]));
            f.push(hash(
                27,
                &[w(-1).as_bytes(), norm.as_bytes(), w(1).as_bytes()],
            ));
            f.push(hash(
                28,
                &[sh(0).as_bytes(), sh(1).as_bytes(), sh(2).as_bytes()],
            ));
            f.push(hash(29, &[suffix(w(-1), 3).as_bytes(), sh(0).as_bytes()]));
            let ii = i as isize;
            let (f0, m0, c0) = cl(ii);
            let (_, mp, _) = cl(ii - 1);
            let (fnx, mn, _) = cl(ii + 1);
            f.push(hash(30, &[&f0.to_le_bytes()]));
            f.push(hash(31, &[&m0.to_le_bytes(), sh(0).as_bytes()]));
            f.push(hash(32, &[&c0.to_le_bytes(), sh(0).as_bytes()]));
            f.push(hash(33, &[&mp.to_le_bytes(), &m0.to_le_bytes()]));
            f.push(hash(34, &[&m0.to_le_bytes(), &mn.to_le_bytes()]));
            f.push(hash(35, &[&f0.to_le_bytes(), &fnx.to_le_bytes()]));
        }
        debug_assert_eq!(self.feats.len(), n * STATIC);
    }

    /// The hash of token `i`'s surface word (for the document memory).
    pub fn word_hash(&self, i: usize) -> u64 {
        self.word_hash[i]
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.short[i].starts_with('X')
    }

    /// The dynamic features of token `i` given the two previous tags and
    /// the label the document last gave this word (`0` for none, else
    /// label index + 1).
    pub fn dynamic(&self, i: usize, prev1: u8, prev2: u8, memory: u8, out: &mut [u64; DYNAMIC]) {
        let norm = self.norm[i].as_bytes();
        out[0] = hash(40, &[&[prev1]]);
        out[1] = hash(41, &[&[prev2, prev1]]);
        out[2] = hash(42, &[&[prev1], norm]);
        out[3] = hash(43, &[&[memory]]);
        out[4] = hash(44, &[&[memory], self.short[i].as_bytes()]);
    }
}

/// Lowercases `word` into `out`, with ASCII digits as `0`.
pub fn normalise(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn shape_of(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

fn shapes(word: &str, shape: &mut String, short: &mut String) {
    let count = word.chars().count();
    for (k, c) in word.chars().enumerate() {
        let s = shape_of(c);
        if k < 6 || k + 2 >= count {
            shape.push(s);
        } else if k == 6 {
            shape.push('~');
        }
        if !short.ends_with(s) {
            short.push(s);
        }
    }
}

fn prefix(s: &str, k: usize) -> &str {
    match s.char_indices().nth(k) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

fn suffix(s: &str, k: usize) -> &str {
    let n = s.chars().count();
    if n <= k {
        return s;
    }
    match s.char_indices().nth(n - k) {
        Some((b, _)) => &s[b..],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_affixes() {
        let (mut a, mut b) = (String::new(), String::new());
        shapes("Putin", &mut a, &mut b);
        assert_eq!((a.as_str(), b.as_str()), ("Xxxxx", "Xx"));
        let (mut a, mut b) = (String::new(), String::new());
        shapes("1,200,000", &mut a, &mut b);
        assert_eq!((a.as_str(), b.as_str()), ("d,ddd,~dd", "d,d,d"));
        assert_eq!(prefix("über", 2), "üb");
        assert_eq!(suffix("über", 2), "er");
        assert_eq!(suffix("ab", 4), "ab");
        let mut n = String::new();
        normalise("Su-35", &mut n);
        assert_eq!(n, "su-00");
    }

    #[test]
    fn hashing_is_stable() {
        // Fixed values: a change here silently invalidates shipped models.
        assert_eq!(hash(1, &[b"putin"]), 0x835f_7d5e_4f56_01d3);
        assert_ne!(hash(2, &[b"ab", b"c"]), hash(2, &[b"a", b"bc"]));
        assert!(bucket(u64::MAX, 20) < 1 << 20);
    }

    #[test]
    fn one_row_of_static_features_per_token() {
        let text = "Vladimir Putin spoke";
        let toks = [0..8, 9..14, 15..20];
        let mut s = Scratch::default();
        s.fill(text, &toks, &Clusters::default());
        assert_eq!(s.feats.len(), 3 * STATIC);
        assert!(s.capitalised(1) && !s.capitalised(2));
    }
}
