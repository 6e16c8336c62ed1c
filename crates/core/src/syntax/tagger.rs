//! The part-of-speech tagger: a greedy left-to-right linear model over
//! the words around a token and the two tags chosen before it.

use crate::linear::argmax::best;
use crate::linear::hash::{bucket, mix};
use crate::linear::memo::Memo;
use crate::linear::weights::Weights;

use super::labels::POS;
use super::words::Word;

/// Features per token.
pub const FEATURES: usize = 32;

/// The first `OWN` features read only the token's own word.
pub const OWN: usize = 12;

/// The tag history value before a sentence's first token.
pub const NO_TAG: u8 = u8::MAX;

/// The feature hashes of token `i` of a sentence, given the tags chosen
/// for the two tokens before it.
pub fn features(words: &[Word], i: usize, prev1: u8, prev2: u8, out: &mut [u64; FEATURES]) {
    let edge = Word::edge();
    let at = |k: isize| -> &Word {
        i.checked_add_signed(k)
            .and_then(|j| words.get(j))
            .unwrap_or(edge)
    };
    let (w, before, after) = (at(0), at(-1), at(1));
    let (before2, after2) = (at(-2), at(2));
    let p1 = u64::from(prev1);
    let p2 = u64::from(prev2);
    *out = [
        // The word's own features first (see `OWN`).
        mix(0, &[]),
        mix(1, &[w.form]),
        mix(2, &[w.raw]),
        mix(3, &[w.suffix[0]]),
        mix(4, &[w.suffix[1]]),
        mix(5, &[w.suffix[2]]),
        mix(6, &[w.suffix[3]]),
        mix(7, &[w.prefix[0]]),
        mix(8, &[w.prefix[1]]),
        mix(9, &[w.shape]),
        mix(26, &[w.cluster[0]]),
        mix(27, &[w.cluster[1]]),
        // Its neighbours, and the tags chosen before it.
        mix(10, &[before.form]),
        mix(11, &[after.form]),
        mix(12, &[before2.form]),
        mix(13, &[after2.form]),
        mix(14, &[before.suffix[2]]),
        mix(15, &[after.suffix[2]]),
        mix(16, &[after.shape]),
        mix(17, &[before.shape]),
        mix(18, &[p1]),
        mix(19, &[p2, p1]),
        mix(20, &[p1, w.form]),
        mix(21, &[before.form, w.form]),
        mix(22, &[w.form, after.form]),
        mix(23, &[p1, w.suffix[2]]),
        mix(24, &[after.suffix[1]]),
        mix(25, &[before.form, after.form]),
        mix(28, &[before.cluster[1]]),
        mix(29, &[after.cluster[1]]),
        mix(30, &[after.cluster[0]]),
        mix(31, &[p1, after.cluster[1]]),
    ];
}

/// Tags a sentence's words into `tags` (indices into [`POS`]).
pub fn tag(weights: &Weights, words: &[Word], tags: &mut Vec<u8>) {
    tag_cached(weights, words, &mut Memo::default(), tags);
}

/// Score rows of words' own features, by their buckets.
pub type OwnRows = Memo<i32, { POS.len() }>;

/// [`tag`], taking the rows of the words' own features from `own` (and
/// keeping new ones there): a text says the same words again and again,
/// and the sum is the same whichever way it is made.
pub fn tag_cached(weights: &Weights, words: &[Word], own: &mut OwnRows, tags: &mut Vec<u8>) {
    let bits = weights.bits();
    let mut feats = [0u64; FEATURES];
    let mut buckets = [0u32; FEATURES];
    let (mut p1, mut p2) = (NO_TAG, NO_TAG);
    for i in 0..words.len() {
        features(words, i, p1, p2, &mut feats);
        for (b, &h) in buckets.iter_mut().zip(&feats) {
            *b = bucket(h, bits);
        }
        let mut scores = [0i32; POS.len()];
        let (word, context) = buckets.split_at(OWN);
        own.add(weights, word, &mut scores);
        weights.add_all(context, &mut scores);
        let t = best(&scores, &|_| true);
        tags.push(t);
        p2 = p1;
        p1 = t;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::clusters::Clusters;

    #[test]
    fn remembered_rows_tag_as_fresh_ones() {
        // A table with weights on every template, so that the split into
        // own and context features is exercised.
        let mut triples = Vec::new();
        let mut buf = String::new();
        let none = Clusters::default();
        let text = ["The", "press", "said", "the", "press", "lied", "."];
        let words: Vec<Word> = text.iter().map(|t| Word::new(t, &none, &mut buf)).collect();
        let mut feats = [0u64; FEATURES];
        for i in 0..words.len() {
            features(&words, i, NO_TAG, NO_TAG, &mut feats);
            for (k, &h) in feats.iter().enumerate() {
                let tag = u8::try_from((i * 7 + k) % POS.len()).unwrap();
                triples.push((bucket(h, 12), tag, 1.0 + (k % 3) as f32));
            }
        }
        let w = Weights::from_triples(12, u8::try_from(POS.len()).unwrap(), triples);
        let mut fresh = Vec::new();
        tag(&w, &words, &mut fresh);
        let mut own = OwnRows::default();
        for _ in 0..2 {
            let mut cached = Vec::new();
            tag_cached(&w, &words, &mut own, &mut cached);
            assert_eq!(cached, fresh);
        }
        assert!(!own.is_empty());
    }
}
