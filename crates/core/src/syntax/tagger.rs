//! The part-of-speech tagger: a greedy left-to-right linear model over
//! the words around a token and the two tags chosen before it.

use crate::linear::argmax::best;
use crate::linear::hash::{bucket, mix};
use crate::linear::weights::Weights;

use super::labels::POS;
use super::words::Word;

/// Features per token.
pub const FEATURES: usize = 32;

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
        // Word clusters.
        mix(26, &[w.cluster[0]]),
        mix(27, &[w.cluster[1]]),
        mix(28, &[before.cluster[1]]),
        mix(29, &[after.cluster[1]]),
        mix(30, &[after.cluster[0]]),
        mix(31, &[p1, after.cluster[1]]),
    ];
}

/// Tags a sentence's words into `tags` (indices into [`POS`]).
pub fn tag(weights: &Weights, words: &[Word], tags: &mut Vec<u8>) {
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
        weights.add_all(&buckets, &mut scores);
        let t = best(&scores, &|_| true);
        tags.push(t);
        p2 = p1;
        p1 = t;
    }
}
