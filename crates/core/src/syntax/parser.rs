//! The dependency parser: the arc-hybrid moves of [`super::state`], each
//! chosen greedily in two steps by two linear models. The first picks the
//! kind of move (SHIFT, LEFT or RIGHT) from the words and tags at the top
//! of the stack and the front of the buffer and the arcs built around them
//! (the feature set follows Zhang and Nivre 2011, cut down for a greedy
//! parser); for an arc, the second picks its label from the head and the
//! dependent, whose subtree is complete by then.
//!
//! Two small tables, not one over every labelled move: a feature's weights
//! for SHIFT, LEFT and RIGHT are learnt from every arc whatever its label,
//! and the table needs 3 weights a feature, not 29, so the parser keeps
//! its accuracy in a file the page can carry.

use crate::linear::argmax::tag_id;
use crate::linear::hash::{bucket, mix};
use crate::linear::weights::Weights;

use super::labels::{DEPRELS, ROOT};
use super::state::{Move, State, KINDS, LEFT, NONE, SHIFT};
use super::words::Word;

/// Features per configuration.
pub const FEATURES: usize = 60;

/// The tag value of the root and of a missing token.
const ROOT_TAG: u64 = 254;
const NO_TAG: u64 = 255;
const NO_LABEL: u64 = 255;

/// The tag of position `x` of a sentence of `n` words (`n` is the root).
fn tag_at(tags: &[u8], n: u32, x: u32) -> u64 {
    if x == NONE {
        NO_TAG
    } else if x == n {
        ROOT_TAG
    } else {
        u64::from(tags[x as usize])
    }
}

/// The mid word cluster of position `x`; the root and a missing token
/// have values of their own.
fn cluster_at(words: &[Word], n: u32, x: u32) -> u64 {
    if x == NONE || x >= n {
        u64::from(x == n)
    } else {
        words[x as usize].cluster[1]
    }
}

/// The feature hashes of a configuration; `words` and `tags` are the
/// sentence's.
pub fn features(s: &State, words: &[Word], tags: &[u8], out: &mut [u64; FEATURES]) {
    let n = s.n;
    let root_form = 0x5157_0f70_0000_0001u64;
    let cluster = |x: u32| cluster_at(words, n, x);
    let form = |x: u32| -> u64 {
        if x == NONE {
            Word::edge().form
        } else if x == n {
            root_form
        } else {
            words[x as usize].form
        }
    };
    let tag = |x: u32| tag_at(tags, n, x);
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

/// The allowed kind of move with the highest score (SHIFT when none is
/// allowed, which cannot happen in a state that is not final).
pub fn best_kind<T: PartialOrd + Copy>(s: &State, scores: &[T; KINDS]) -> usize {
    let mut best: Option<(T, usize)> = None;
    for (kind, &score) in scores.iter().enumerate() {
        if s.allows_kind(kind) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, kind));
        }
    }
    best.map_or(SHIFT, |(_, k)| k)
}

/// Whether an arc of `kind` must carry ROOT: a LEFT from the root, which
/// only ROOT arcs are.
pub fn root_arc(s: &State, kind: usize) -> bool {
    kind == LEFT && s.next == s.n
}

/// The label with the highest score for an arc of `kind` (ROOT exactly
/// for arcs from the root).
pub fn best_label<T: PartialOrd + Copy>(s: &State, kind: usize, scores: &[T; DEPRELS.len()]) -> u8 {
    if root_arc(s, kind) {
        return ROOT;
    }
    let mut best: Option<(T, usize)> = None;
    for (l, &score) in scores.iter().enumerate() {
        if l != ROOT as usize && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, l));
        }
    }
    best.map_or(ROOT + 1, |(_, l)| tag_id(l))
}

/// Features of the label of an arc of `kind` (LEFT or RIGHT) from the
/// stack's top.
pub const LABEL_FEATURES: usize = 26;

/// The feature hashes of the label of an arc of `kind` that makes
/// [`State::arc_head`] the head of the stack's top.
pub fn label_features(
    s: &State,
    words: &[Word],
    tags: &[u8],
    kind: usize,
    out: &mut [u64; LABEL_FEATURES],
) {
    let n = s.n;
    let d = s.stack_at(0);
    let h = s.arc_head(kind);
    let tag = |x: u32| tag_at(tags, n, x);
    let form = |x: u32| -> u64 {
        if x == NONE || x >= n {
            Word::edge().form
        } else {
            words[x as usize].form
        }
    };
    let cluster = |x: u32| cluster_at(words, n, x);
    let at = |x: u32, side: usize| -> (u32, u64, u64) {
        // The outermost dependent of `x` on `side`, its number and labels.
        if x == NONE {
            return (NONE, 99, u64::MAX);
        }
        let i = x as usize;
        let kid = if side == 0 { s.lefts[i][0] } else { s.rights[i][0] };
        (kid, u64::from(s.valency[i][side]), u64::from(s.label_sets[i][side]))
    };
    let label = |x: u32| -> u64 {
        if x == NONE || x >= n {
            NO_LABEL
        } else {
            u64::from(s.labels[x as usize])
        }
    };
    let k = kind as u64;
    let (dw, dt, hw, ht) = (form(d), tag(d), form(h), tag(h));
    let (dl, dlv, dls) = at(d, 0);
    let (dr, drv, drs) = at(d, 1);
    // The head's dependents on the dependent's side so far.
    let side = usize::from(h != NONE && d > h);
    let (_, hv, hls) = at(h, side);
    let distance = if h == NONE || h == n {
        0
    } else {
        match d.abs_diff(h) {
            x @ 1..=4 => u64::from(x),
            5..=9 => 5,
            _ => 6,
        }
    };
    let before = if d == 0 || d == NONE { NO_TAG } else { tag(d - 1) };
    let after = if d == NONE || d + 1 >= n { NO_TAG } else { tag(d + 1) };
    *out = [
        mix(100, &[k]),
        mix(101, &[k, dw]),
        mix(102, &[k, dt]),
        mix(103, &[k, hw]),
        mix(104, &[k, ht]),
        mix(105, &[k, dt, ht]),
        mix(106, &[k, dw, ht]),
        mix(107, &[k, dt, hw]),
        mix(108, &[k, dw, hw]),
        mix(109, &[k, cluster(d)]),
        mix(110, &[k, cluster(h)]),
        mix(111, &[k, cluster(d), ht]),
        mix(112, &[k, dt, dls]),
        mix(113, &[k, dt, drs]),
        mix(114, &[k, dt, ht, hls]),
        mix(115, &[k, dt, distance]),
        mix(116, &[k, dt, ht, distance]),
        mix(117, &[k, dt, tag(dl)]),
        mix(118, &[k, dt, tag(dr)]),
        mix(119, &[k, dt, label(dl)]),
        mix(120, &[k, dt, label(dr)]),
        mix(121, &[k, dt, after]),
        mix(122, &[k, dt, before]),
        mix(123, &[k, dt, dlv.min(3), drv.min(3)]),
        mix(124, &[k, ht, hv.min(3)]),
        mix(125, &[k, dw, form(dl)]),
    ];
}

/// The label feature buckets of an arc of `kind` in a table of `2^bits`.
pub fn label_buckets(
    s: &State,
    words: &[Word],
    tags: &[u8],
    kind: usize,
    bits: u8,
    out: &mut [u32; LABEL_FEATURES],
) {
    let mut feats = [0u64; LABEL_FEATURES];
    label_features(s, words, tags, kind, &mut feats);
    for (b, &h) in out.iter_mut().zip(&feats) {
        *b = bucket(h, bits);
    }
}

/// Parses one sentence with the kind table `moves` and the label table
/// `labels`, leaving the arcs in `state`.
pub fn parse(moves: &Weights, labels: &Weights, words: &[Word], tags: &[u8], state: &mut State) {
    state.reset(words.len());
    let mut feats = [0u32; FEATURES];
    let mut label_feats = [0u32; LABEL_FEATURES];
    while !state.is_final() {
        // A move with no rival (SHIFT onto an empty stack, the last LEFT
        // from the root) is taken unscored: `best_kind` would pick it
        // whatever the scores.
        let mut allowed = (0..KINDS).filter(|&k| state.allows_kind(k));
        let kind = match (allowed.next(), allowed.next()) {
            (Some(only), None) => only,
            _ => {
                buckets(state, words, tags, moves.bits(), &mut feats);
                let mut scores = [0i32; KINDS];
                moves.add_all(&feats, &mut scores);
                best_kind(state, &scores)
            }
        };
        let label = if kind == SHIFT || root_arc(state, kind) {
            ROOT
        } else {
            label_buckets(state, words, tags, kind, labels.bits(), &mut label_feats);
            let mut scores = [0i32; DEPRELS.len()];
            labels.add_all(&label_feats, &mut scores);
            best_label(state, kind, &scores)
        };
        state.apply(Move::of_kind(kind, label));
    }
}
