//! Beam search over BILOU tags.
//!
//! A greedy tagger must commit to `B-GPE` at "Hong" before it has weighed
//! "Disneyland" two words on; keeping the best few tag sequences lets the
//! later words decide. Static feature scores are computed once per token
//! and shared by every hypothesis; only the few tag-history features are
//! scored per hypothesis, so a beam of 8 costs far less than 8 greedy runs.
//! Prediction also drops every hypothesis that trails the best by more
//! than [`PRUNE`]: most tokens are settled at once (" the", ","), and the
//! beam then carries one or two hypotheses instead of eight.

use std::collections::HashMap;

use super::features::{Scratch, HISTORY, MEMORY, STATIC};
use super::tags;
use crate::linear::hash::{bucket, IdBuild};

/// What the document has said so far: the label last given to a
/// capitalised word (label index + 1), keyed by the word's hash. A name
/// tends to keep its label through an article.
pub type Memory = HashMap<u64, u8, IdBuild>;

/// Hypotheses kept per token.
pub const WIDTH: usize = 8;

/// In prediction, hypotheses further than this below the best are dropped.
/// Scores are in weight units, where the largest single weight is 32,767
/// (see [`super::weights`]): a hypothesis two such weights behind rarely
/// comes back. The shipped model scores 86.07 on OntoNotes dev with it and
/// 86.09 without (`cargo xtask eval ner`, with the surnames pass after
/// decoding); `models/README.md` has the speed.
pub const PRUNE: f32 = 60_000.0;

/// A kept hypothesis: its tag, the hypothesis before it (`NONE` at the
/// start), and whether it lies on the gold path (training only).
#[derive(Debug, Clone, Copy)]
struct Step {
    tag: u8,
    back: u32,
    gold: bool,
}

const NONE: u32 = u32::MAX;

/// Reusable buffers for decoding one sentence after another.
#[derive(Debug, Default)]
pub struct Beam {
    steps: Vec<Step>,
    /// (score, index into `steps`) of the current hypotheses, best first.
    current: Vec<(f32, u32)>,
    /// Candidates for the next token: (score, parent step, tag).
    candidates: Vec<(f32, u32, u8)>,
}

/// The feature buckets of token `i` that do not depend on the tags
/// chosen: its static features and its document-memory features.
pub fn token_buckets(
    scratch: &Scratch,
    i: usize,
    memory: &Memory,
    bits: u8,
) -> [u32; STATIC + MEMORY] {
    let remembered = memory.get(&scratch.word_hash(i)).copied().unwrap_or(0);
    let mut out = [0u32; STATIC + MEMORY];
    let memory = scratch.memory(i, remembered);
    let hashes = scratch.feats[i * STATIC..(i + 1) * STATIC]
        .iter()
        .chain(memory.iter());
    for (o, &h) in out.iter_mut().zip(hashes) {
        *o = bucket(h, bits);
    }
    out
}

/// The tag-history feature buckets of token `i` after tags `prev1`, `prev2`.
pub fn history_buckets(
    scratch: &Scratch,
    i: usize,
    prev1: Option<u8>,
    prev2: Option<u8>,
    bits: u8,
) -> [u32; HISTORY] {
    scratch
        .history(i, prev1.unwrap_or(u8::MAX), prev2.unwrap_or(u8::MAX))
        .map(|h| bucket(h, bits))
}

/// Scores for the beam: what a token's tags score on their own, and what
/// a tag history adds.
pub trait Scorer {
    /// Adds the scores of token `i`'s tag-independent features to `row`.
    fn token(&mut self, scratch: &Scratch, i: usize, memory: &Memory, row: &mut [f32; tags::COUNT]);
    /// Sets `row` to `base` plus the scores of token `i`'s tag-history
    /// features (one pass, no copy of `base` first).
    fn history(
        &mut self,
        scratch: &Scratch,
        i: usize,
        prev1: Option<u8>,
        prev2: Option<u8>,
        base: &[f32; tags::COUNT],
        row: &mut [f32; tags::COUNT],
    );
    /// Called while token `i - 1` is being decoded: token `i` comes next,
    /// so a scorer can start fetching what it will read.
    fn ahead(&mut self, _scratch: &Scratch, _i: usize, _memory: &Memory) {}
    /// Called for every hypothesis before any [`Scorer::history`] call of
    /// token `i`, so that a scorer can fetch what it will need at once.
    fn will_score(
        &mut self,
        _scratch: &Scratch,
        _i: usize,
        _prev1: Option<u8>,
        _prev2: Option<u8>,
    ) {
    }
}

/// A [`Scorer`] from a function that adds the weights of some buckets.
pub struct Buckets<F> {
    /// Table size as a power of two.
    pub bits: u8,
    /// Adds the weights of the given buckets to a row.
    pub add: F,
}

impl<F: FnMut(&[u32], &mut [f32; tags::COUNT])> Scorer for Buckets<F> {
    fn token(
        &mut self,
        scratch: &Scratch,
        i: usize,
        memory: &Memory,
        row: &mut [f32; tags::COUNT],
    ) {
        (self.add)(&token_buckets(scratch, i, memory, self.bits), row);
    }

    fn history(
        &mut self,
        scratch: &Scratch,
        i: usize,
        prev1: Option<u8>,
        prev2: Option<u8>,
        base: &[f32; tags::COUNT],
        row: &mut [f32; tags::COUNT],
    ) {
        row.copy_from_slice(base);
        (self.add)(&history_buckets(scratch, i, prev1, prev2, self.bits), row);
    }
}

/// Records the labels a decoded (or gold) sentence gave its capitalised
/// words, for the document memory.
pub fn remember(scratch: &Scratch, tags_of: &[u8], memory: &mut Memory) {
    for (i, &t) in tags_of.iter().enumerate() {
        if let (_, Some(label)) = tags::split(t) {
            if scratch.capitalised(i) {
                memory.insert(scratch.word_hash(i), label.id() + 1);
            }
        }
    }
}

/// Whether candidate `a` ranks before `b`: higher score first; ties go to
/// the earlier parent and the lower tag, so decoding is deterministic.
fn before(a: &(f32, u32, u8), b: &(f32, u32, u8)) -> bool {
    b.0.total_cmp(&a.0)
        .then(a.1.cmp(&b.1))
        .then(a.2.cmp(&b.2))
        .is_lt()
}

/// Inserts `c` into the sorted list `top` if it ranks among the best
/// [`WIDTH`]; cheaper than sorting every candidate.
fn keep_best(top: &mut Vec<(f32, u32, u8)>, c: (f32, u32, u8)) {
    if top.len() == WIDTH && !before(&c, &top[WIDTH - 1]) {
        return;
    }
    let at = top.iter().position(|x| before(&c, x)).unwrap_or(top.len());
    top.insert(at, c);
    top.truncate(WIDTH);
}

impl Beam {
    /// Decodes one sentence of `n` tokens into `out`.
    ///
    /// With `gold` (training), decoding stops as soon as the gold sequence
    /// falls out of the beam, and returns that token's index; `out` then
    /// holds the best prefix up to it (early update). It also returns the
    /// last index when the best full sequence is not the gold one. `None`
    /// means the prediction equals the gold tags (or there is no gold).
    pub fn decode(
        &mut self,
        scratch: &Scratch,
        n: usize,
        memory: &Memory,
        score: &mut impl Scorer,
        gold: Option<&[u8]>,
        out: &mut Vec<u8>,
    ) -> Option<usize> {
        self.steps.clear();
        self.current.clear();
        out.clear();
        if n == 0 {
            return None;
        }
        let mut base = [0f32; tags::COUNT];
        let mut row = [0f32; tags::COUNT];
        // Training keeps the whole beam, so that the gold sequence is
        // compared with every hypothesis it competes with.
        let prune = if gold.is_none() { PRUNE } else { f32::INFINITY };
        for i in 0..n {
            let parents = if i == 0 { 1 } else { self.current.len() };
            // First the hypotheses' fetches, so that they arrive while the
            // token's own features are scored.
            for p in 0..parents {
                let at = if i == 0 { NONE } else { self.current[p].1 };
                let (prev1, prev2) = self.history(at);
                score.will_score(scratch, i, prev1, prev2);
            }
            base.fill(0.0);
            score.token(scratch, i, memory, &mut base);
            if i + 1 < n {
                score.ahead(scratch, i + 1, memory);
            }
            self.candidates.clear();
            let last = i + 1 == n;
            for p in 0..parents {
                let (total, at) = if i == 0 { (0.0, NONE) } else { self.current[p] };
                let (prev1, prev2) = self.history(at);
                score.history(scratch, i, prev1, prev2, &base, &mut row);
                let allowed = tags::allowed_list(prev1, last);
                // Most candidates lose to the current worst kept one, or
                // trail the best by more than the pruning margin; a plain
                // float test skips them before the full comparison.
                let floor = |c: &[(f32, u32, u8)]| {
                    let kth = if c.len() == WIDTH {
                        c[WIDTH - 1].0
                    } else {
                        f32::NEG_INFINITY
                    };
                    c.first().map_or(kth, |b| kth.max(b.0 - prune))
                };
                let mut worst = floor(&self.candidates);
                for &t in allowed {
                    let s = row[t as usize];
                    if total + s >= worst {
                        keep_best(&mut self.candidates, (total + s, at, t));
                        worst = floor(&self.candidates);
                    }
                }
            }
            if let Some(&(best, ..)) = self.candidates.first() {
                self.candidates.retain(|c| c.0 >= best - prune);
            }
            self.current.clear();
            let mut gold_alive = false;
            for &(s, back, tag) in &self.candidates {
                let on_gold = gold.is_some_and(|g| {
                    g.get(i) == Some(&tag) && (back == NONE || self.steps[back as usize].gold)
                });
                gold_alive |= on_gold;
                let step =
                    u32::try_from(self.steps.len()).expect("fewer than 2^32 steps in a sentence");
                self.current.push((s, step));
                self.steps.push(Step {
                    tag,
                    back,
                    gold: on_gold,
                });
            }
            if gold.is_some() && !gold_alive {
                self.backtrack(out);
                return Some(i);
            }
        }
        self.backtrack(out);
        match gold {
            Some(g) if g != out.as_slice() => Some(n - 1),
            _ => None,
        }
    }

    /// The tags of hypothesis `at` and of the one before it.
    fn history(&self, at: u32) -> (Option<u8>, Option<u8>) {
        if at == NONE {
            return (None, None);
        }
        let s = self.steps[at as usize];
        let prev2 = (s.back != NONE).then(|| self.steps[s.back as usize].tag);
        (Some(s.tag), prev2)
    }

    /// Writes the best current hypothesis's tags into `out`.
    fn backtrack(&self, out: &mut Vec<u8>) {
        out.clear();
        let mut at = self.current.first().map_or(NONE, |c| c.1);
        while at != NONE {
            let s = self.steps[at as usize];
            out.push(s.tag);
            at = s.back;
        }
        out.reverse();
    }
}
