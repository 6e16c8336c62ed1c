//! The dependency parser: the arc-hybrid moves of [`super::state`], each
//! chosen greedily by a linear model over the words and tags at the top of
//! the stack and the front of the buffer, and the arcs built around them
//! (the feature set follows Zhang and Nivre 2011, cut down for a greedy
//! parser).

use crate::linear::hash::{bucket, mix};
use crate::linear::weights::Weights;

use super::state::{Move, State, MOVES, NONE};
use super::words::Word;

/// Features per configuration.
pub const FEATURES: usize = 60;

/// The tag value of the root and of a missing token.
const ROOT_TAG: u64 = 254;
const NO_TAG: u64 = 255;
const NO_LABEL: u64 = 255;

/// The feature hashes of a configuration; `words` and `tags` are the
/// sentence's.
pub fn features(s: &State, words: &[Word], tags: &[u8], out: &mut [u64; FEATURES]) {
    let n = s.n;
    let root_form = 0x5157_0f70_0000_0001u64;
    let cluster = |x: u32| -> u64 {
        if x == NONE || x == n {
            u64::from(x == n)
        } else {
            words[x as usize].cluster[1]
        }
    };
    let form = |x: u32| -> u64 {
        if x == NONE {
            Word::edge().form
        } else if x == n {
            root_form
        } else {
            words[x as usize].form
        }
    };
    let tag = |x: u32| -> u64 {
        if x == NONE {
            NO_TAG
        } else if x == n {
            ROOT_TAG
        } else {
            u64::from(tags[x as usize])
        }
    };
    let label = |x: u32| -> u64 {
        if x == NONE || x == n {
            NO_LABEL
        } else {
            u64::from(s.labels[x as usize])
        }
    };
    let kid = |x: u32, side: usize, k: usize| -> u32 {
        if x == NONE {
            NONE
        } else if side == 0 {
            s.lefts[x as usize][k]
        } else {
            s.rights[x as usize][k]
        }
    };
    let valency = |x: u32, side: usize| -> u64 {
        if x == NONE {
            99
        } else {
            u64::from(s.valency[x as usize][side])
        }
    };
    let labels_of = |x: u32, side: usize| -> u64 {
        if x == NONE {
            u64::MAX
        } else {
            u64::from(s.label_sets[x as usize][side])
        }
    };
    let (s0, s1, s2) = (s.stack_at(0), s.stack_at(1), s.stack_at(2));
    let (b0, b1, b2) = (s.buffer_at(0), s.buffer_at(1), s.buffer_at(2));
    let (s0w, s0t, s1w, s1t, s2t) = (form(s0), tag(s0), form(s1), tag(s1), tag(s2));
    let (b0w, b0t, b1w, b1t, b2t) = (form(b0), tag(b0), form(b1), tag(b1), tag(b2));
    let (s0l, s0l2, s0r, s0r2) = (kid(s0, 0, 0), kid(s0, 0, 1), kid(s0, 1, 0), kid(s0, 1, 1));
    let (b0l, b0l2) = (kid(b0, 0, 0), kid(b0, 0, 1));
    let s1r = kid(s1, 1, 0);
    let distance = if s0 == NONE {
        0
    } else {
        match b0 - s0 {
            d @ 1..=4 => u64::from(d),
            5..=6 => 5,
            7..=9 => 6,
            _ => 7,
        }
    };
    *out = [
        mix(0, &[]),
        // Single positions.
        mix(1, &[s0w]),
        mix(2, &[s0t]),
        mix(3, &[s0w, s0t]),
        mix(4, &[b0w]),
        mix(5, &[b0t]),
        mix(6, &[b0w, b0t]),
        mix(7, &[b1w]),
        mix(8, &[b1t]),
        mix(9, &[b1w, b1t]),
        mix(10, &[b2t]),
        mix(11, &[s1w]),
        mix(12, &[s1t]),
        mix(13, &[s1w, s1t]),
        mix(14, &[s2t]),
        // Pairs of the top and the next token.
        mix(15, &[s0w, b0w]),
        mix(16, &[s0t, b0t]),
        mix(17, &[s0w, s0t, b0t]),
        mix(18, &[s0t, b0w, b0t]),
        mix(19, &[s0w, s0t, b0w]),
        mix(20, &[s0w, b0w, b0t]),
        mix(21, &[s0w, s0t, b0w, b0t]),
        // Tag triples.
        mix(22, &[b0t, b1t]),
        mix(23, &[b0t, b1t, b2t]),
        mix(24, &[s0t, b0t, b1t]),
        mix(25, &[s1t, s0t, b0t]),
        mix(26, &[s1t, s0t]),
        mix(27, &[s1w, s0w]),
        mix(28, &[s1t, s0w]),
        mix(29, &[s1w, s0t]),
        mix(30, &[s2t, s1t, s0t]),
        // Dependents built so far.
        mix(31, &[s0t, tag(s0l), b0t]),
        mix(32, &[s0t, tag(s0r), b0t]),
        mix(33, &[s0t, b0t, tag(b0l)]),
        mix(34, &[s0t, tag(s0l), tag(s0l2)]),
        mix(35, &[s0t, tag(s0r), tag(s0r2)]),
        mix(36, &[b0t, tag(b0l), tag(b0l2)]),
        mix(37, &[s0t, label(s0l)]),
        mix(38, &[s0t, label(s0r)]),
        mix(39, &[b0t, label(b0l)]),
        mix(40, &[s0w, label(s0r)]),
        mix(41, &[b0w, label(b0l)]),
        mix(42, &[s1t, tag(s1r), s0t]),
        // Distance between the top and the next token.
        mix(43, &[s0w, distance]),
        mix(44, &[s0t, distance]),
        mix(45, &[s0t, b0t, distance]),
        mix(46, &[b0w, distance]),
        // Valency.
        mix(47, &[s0w, valency(s0, 1)]),
        mix(48, &[s0t, valency(s0, 1)]),
        mix(49, &[s0t, valency(s0, 0)]),
        mix(50, &[b0t, valency(b0, 0)]),
        // Label sets.
        mix(51, &[s0t, labels_of(s0, 1)]),
        mix(52, &[s0t, labels_of(s0, 0)]),
        mix(53, &[b0t, labels_of(b0, 0)]),
        // Word clusters (mid).
        mix(54, &[cluster(s0)]),
        mix(55, &[cluster(b0)]),
        mix(56, &[cluster(b1)]),
        mix(57, &[cluster(s0), cluster(b0)]),
        mix(58, &[s0t, cluster(b0)]),
        mix(59, &[cluster(s0), b0t]),
    ];
}

/// The feature buckets of a configuration in a table of `2^bits`.
pub fn buckets(s: &State, words: &[Word], tags: &[u8], bits: u8, out: &mut [u32; FEATURES]) {
    let mut feats = [0u64; FEATURES];
    features(s, words, tags, &mut feats);
    for (b, &h) in out.iter_mut().zip(&feats) {
        *b = bucket(h, bits);
    }
}

/// The allowed move with the highest score (SHIFT when none is allowed,
/// which cannot happen in a state that is not final).
pub fn best_allowed<T: PartialOrd + Copy>(s: &State, scores: &[T; MOVES]) -> Move {
    let mut best: Option<(T, Move)> = None;
    for (id, &score) in scores.iter().enumerate() {
        let m = Move::from_id(id);
        if s.allows(m) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, m));
        }
    }
    best.map_or(Move::Shift, |(_, m)| m)
}

/// Parses one sentence, leaving the arcs in `state`.
pub fn parse(weights: &Weights, words: &[Word], tags: &[u8], state: &mut State) {
    state.reset(words.len());
    let mut feats = [0u32; FEATURES];
    while !state.is_final() {
        buckets(state, words, tags, weights.bits(), &mut feats);
        let mut scores = [0i32; MOVES];
        weights.add_all(&feats, &mut scores);
        state.apply(best_allowed(state, &scores));
    }
}
