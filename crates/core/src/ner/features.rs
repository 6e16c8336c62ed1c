//! Hashed features of a token in its sentence.
//!
//! Each token's strings (its normalised word, shape, affixes) are hashed
//! once with 64-bit FNV-1a; a feature mixes a template id with a few of
//! those hashes ([`mix`], in [`crate::linear::hash`]). Static features depend only on the text and are computed once per
//! sentence, [`STATIC`] per token; [`MEMORY`] more depend on what the
//! document said earlier, and [`HISTORY`] on the tags already chosen, and
//! are added while decoding.

use std::ops::Range;

use super::gazetteer::{self, Gazetteer, MAX_TOKENS};
use crate::linear::clusters::{Clusters, UNKNOWN};
use crate::linear::hash::{hash, hash_str, mix, mix_step, IdBuild};

/// Static features per token.
pub const STATIC: usize = 38;
/// The first `OWN` static features of a token read nothing but its own
/// surface word, so their scores can be kept per word (see
/// `ner::Cached`).
pub const OWN: usize = 15;
/// Tag-history features per token and hypothesis.
pub const HISTORY: usize = 3;
/// Document-memory features per token.
pub const MEMORY: usize = 2;

/// What a token contributes to features, hashed once per sentence.
#[derive(Debug, Default, Clone, Copy)]
struct Tok {
    norm: u64,
    word: u64,
    shape: u64,
    short: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    cluster: (u16, u16, u16),
    /// The word's number among the distinct words the scratch has kept
    /// (in the order first seen), for per-word tables kept beside it.
    id: u32,
    capitalised: bool,
    /// Part (1 B, 2 I, 3 L, 4 U; 0 none) and label of the longest
    /// gazetteer name covering the token.
    gazetteer: (u8, u8),
}

/// Stand-in for positions before the first and after the last token.
fn edge() -> Tok {
    let h = hash(0, &[b"<s>"]);
    Tok {
        norm: h,
        word: h,
        shape: h,
        short: h,
        prefix: [h; 4],
        suffix: [h; 4],
        cluster: (UNKNOWN - 1, UNKNOWN - 1, UNKNOWN - 1),
        id: u32::MAX,
        capitalised: false,
        gazetteer: (0, 0),
    }
}

/// Per-sentence buffers, kept between sentences so decoding allocates
/// nothing in the steady state.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    toks: Vec<Tok>,
    norm: String,
    shape: String,
    short: String,
    /// Static feature hashes, [`STATIC`] per token.
    pub feats: Vec<u64>,
    /// What each surface word seen so far hashes to, by its hash: words
    /// repeat, and their strings need normalising and hashing only once.
    /// (A scratch is used with one model's clusters only.)
    words: std::collections::HashMap<u64, Tok, IdBuild>,
}

impl Scratch {
    /// Number of distinct words whose hashes are kept.
    pub fn words(&self) -> usize {
        self.words.len()
    }

    /// Forgets the kept words and their memory (a cache past its bound
    /// starts over).
    pub fn forget_words(&mut self) {
        self.words = Default::default();
    }

    /// Fills the static features of the sentence `tokens` of `text`.
    pub fn fill(
        &mut self,
        text: &str,
        tokens: &[Range<usize>],
        clusters: &Clusters,
        gazetteer: &Gazetteer,
    ) {
        self.toks.clear();
        for r in tokens {
            let word = &text[r.clone()];
            let wh = hash_str(word);
            let id = u32::try_from(self.words.len()).expect("fewer than 2^32 distinct words");
            let t = *self.words.entry(wh).or_insert_with(|| {
                let (norm, shape, short) = (&mut self.norm, &mut self.shape, &mut self.short);
                norm.clear();
                shape.clear();
                short.clear();
                normalise(word, norm);
                shapes(word, shape, short);
                let nh = hash_str(norm);
                let mut t = Tok {
                    norm: nh,
                    word: wh,
                    shape: hash_str(shape),
                    short: hash_str(short),
                    cluster: clusters.of_hash(nh),
                    id,
                    capitalised: short.starts_with('X'),
                    ..Tok::default()
                };
                for k in 0..4 {
                    t.prefix[k] = hash_str(prefix(norm, k + 1));
                    t.suffix[k] = hash_str(suffix(norm, k + 1));
                }
                t
            });
            self.toks.push(t);
        }
        let n = self.toks.len();
        self.mark_names(gazetteer);
        let e = edge();
        // References, not copies: each token is read five times.
        let toks = &self.toks;
        // Token `i + d`, or the edge outside the sentence.
        let at = |i: usize, d: isize| -> &Tok {
            i.checked_add_signed(d)
                .and_then(|j| toks.get(j))
                .unwrap_or(&e)
        };
        let f = &mut self.feats;
        f.clear();
        for i in 0..n {
            let (m2, m1, t, p1, p2) = (at(i, -2), at(i, -1), at(i, 0), at(i, 1), at(i, 2));
            let first = u64::from(i == 0);
            let (f0, mid0, c0) = t.cluster;
            let c = |x: u16| u64::from(x);
            // The token's own features first (`OWN` of them); the order
            // is free, as a feature's hash carries its template id.
            f.extend_from_slice(&[
                mix(1, &[]),
                mix(2, &[t.norm]),
                mix(3, &[t.word]),
                mix(8, &[t.shape]),
                mix(30, &[c(f0)]),
                mix(31, &[c(mid0), t.short]),
                mix(32, &[c(c0), t.short]),
            ]);
            for k in 0..4u8 {
                f.push(mix(11 + k, &[t.prefix[usize::from(k)]]));
                f.push(mix(15 + k, &[t.suffix[usize::from(k)]]));
            }
            f.extend_from_slice(&[
                mix(4, &[m1.norm]),
                mix(5, &[p1.norm]),
                mix(6, &[m2.norm]),
                mix(7, &[p2.norm]),
                mix(9, &[m1.short]),
                mix(10, &[p1.short]),
                mix(19, &[m1.norm, t.norm]),
                mix(20, &[t.norm, p1.norm]),
                mix(21, &[m1.short, t.short, p1.short]),
                mix(22, &[first, t.short]),
                mix(23, &[m1.norm, t.short]),
                mix(24, &[t.short, p1.norm]),
                mix(25, &[m2.norm, m1.norm]),
                mix(26, &[p1.norm, p2.norm]),
                mix(27, &[m1.norm, t.norm, p1.norm]),
                mix(28, &[t.short, p1.short, p2.short]),
                mix(29, &[m1.suffix[2], t.short]),
                mix(33, &[c(m1.cluster.1), c(mid0)]),
                mix(34, &[c(mid0), c(p1.cluster.1)]),
                mix(35, &[c(f0), c(p1.cluster.0)]),
                mix(36, &[u64::from(t.gazetteer.0), u64::from(t.gazetteer.1)]),
                mix(
                    37,
                    &[u64::from(t.gazetteer.0), u64::from(t.gazetteer.1), t.short],
                ),
                mix(38, &[u64::from(is_outlet(m1.norm)), t.short]),
            ]);
        }
        debug_assert_eq!(f.len(), n * STATIC);
    }

    /// Marks each token with the longest gazetteer name covering it; names
    /// starting earlier win.
    fn mark_names(&mut self, gazetteer: &Gazetteer) {
        if gazetteer.is_empty() {
            return;
        }
        let n = self.toks.len();
        for i in 0..n {
            // A name marked earlier covers this token: every range from
            // here would overlap it.
            if self.toks[i].gazetteer.0 != 0 {
                continue;
            }
            let most = MAX_TOKENS.min(n - i);
            // The keys of the 1 to `most` tokens from here, built up one
            // token at a time.
            let mut keys = [0u32; MAX_TOKENS];
            let mut h = gazetteer::start();
            for (key, t) in keys.iter_mut().zip(&self.toks[i..i + most]) {
                h = mix_step(h, t.norm);
                *key = gazetteer::finish(h);
            }
            for len in (1..=most).rev() {
                if let Some(label) = gazetteer.label_of(keys[len - 1]) {
                    for (k, t) in self.toks[i..i + len].iter_mut().enumerate() {
                        let part = if len == 1 {
                            4
                        } else if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        t.gazetteer = (part, label);
                    }
                    break;
                }
            }
        }
    }

    /// The normalised-word hashes of the sentence's tokens.
    pub fn norms(&self) -> impl Iterator<Item = u64> + '_ {
        self.toks.iter().map(|t| t.norm)
    }

    /// The hash of token `i`'s surface word (for the document memory).
    pub fn word_hash(&self, i: usize) -> u64 {
        self.toks[i].word
    }

    /// Number of tokens in the sentence.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when the sentence is empty.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Token `i`'s word's number among the distinct words kept (below
    /// [`Scratch::words`]).
    pub fn word_id(&self, i: usize) -> usize {
        self.toks[i].id as usize
    }

    /// Whether token `i` starts with an uppercase letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.toks[i].capitalised
    }

    /// The tag-history features of token `i` after tags `prev1`, `prev2`
    /// (`u8::MAX` for none).
    pub fn history(&self, i: usize, prev1: u8, prev2: u8) -> [u64; HISTORY] {
        let (p1, p2) = (u64::from(prev1), u64::from(prev2));
        [
            mix(40, &[p1]),
            mix(41, &[p2, p1]),
            self.word_after(i, prev1),
        ]
    }

    /// The one history feature that reads the word: token `i`'s word
    /// after tag `prev1` (the last of [`Scratch::history`]).
    pub fn word_after(&self, i: usize, prev1: u8) -> u64 {
        mix(42, &[u64::from(prev1), self.toks[i].norm])
    }

    /// The document-memory features of token `i`, given the label the
    /// document last gave this word (`0` for none, else label index + 1).
    pub fn memory(&self, i: usize, memory: u8) -> [u64; MEMORY] {
        let m = u64::from(memory);
        [mix(43, &[m]), mix(44, &[m, self.toks[i].short])]
    }
}

/// Nouns for news outlets: "the newspaper Daily Mirror", "news website
/// Axios". A capitalised word after one of them mostly begins or goes on
/// with an organisation's name (71 of 87 in OntoNotes train), but each
/// noun alone is too rare for its own weights to say so.
const OUTLET_NOUNS: [&str; 9] = [
    "newspaper",
    "newspapers",
    "magazine",
    "website",
    "daily",
    "weekly",
    "broadcaster",
    "tabloid",
    "outlet",
];

/// Whether `norm` is the hash of one of the [`OUTLET_NOUNS`].
fn is_outlet(norm: u64) -> bool {
    static OUTLETS: std::sync::OnceLock<[u64; OUTLET_NOUNS.len()]> = std::sync::OnceLock::new();
    OUTLETS
        .get_or_init(|| OUTLET_NOUNS.map(hash_str))
        .contains(&norm)
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
    fn one_row_of_static_features_per_token() {
        let text = "Vladimir Putin spoke";
        let toks = [0..8, 9..14, 15..20];
        let mut s = Scratch::default();
        s.fill(text, &toks, &Clusters::default(), &Gazetteer::default());
        assert_eq!(s.feats.len(), 3 * STATIC);
        assert!(s.capitalised(1) && !s.capitalised(2));
    }
}
