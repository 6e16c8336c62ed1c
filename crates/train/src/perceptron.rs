//! The averaged perceptron's weights while training, shared by the claims
//! and syntax trainers, and the seeded shuffle of the training order.

use sift_core::linear::argmax::best;

/// Dense weights with the averaging trick: the average of `w` over all
/// steps is `w - u / c`, where every update of `d` at step `c` also adds
/// `c * d` to `u`.
pub struct Dense {
    tags: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

impl Dense {
    /// Zero weights for `2^bits` buckets of `tags` tags.
    pub fn new(bits: u8, tags: usize) -> Self {
        let n = (1usize << bits) * tags;
        Dense {
            tags,
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }

    /// The score of each tag: the sum of the rows of `feats`.
    pub fn scores(&self, feats: &[u32], out: &mut [f32]) {
        out.fill(0.0);
        for &f in feats {
            let row = &self.w[f as usize * self.tags..(f as usize + 1) * self.tags];
            for (o, w) in out.iter_mut().zip(row) {
                *o += w;
            }
        }
    }

    /// Adds `d` to the weight of `tag` in every row of `feats`.
    pub fn update(&mut self, feats: &[u32], tag: u8, d: f32) {
        for &f in feats {
            let i = f as usize * self.tags + tag as usize;
            self.w[i] += d;
            self.u[i] += self.c * f64::from(d);
        }
    }

    /// Moves from `guess` towards `gold` (when they differ).
    pub fn correct(&mut self, feats: &[u32], gold: u8, guess: u8) {
        if guess != gold {
            self.update(feats, gold, 1.0);
            self.update(feats, guess, -1.0);
        }
    }

    /// Ends a step: the average counts one more.
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// One greedy step: guess, and on a mistake move towards the gold tag.
    /// Returns the gold tag, kept as history (see `ner`'s trainer).
    pub fn step(
        &mut self,
        feats: &[u32],
        gold: u8,
        allowed: &dyn Fn(u8) -> bool,
        scores: &mut [f32],
        errors: &mut usize,
    ) -> u8 {
        self.scores(feats, scores);
        let guess = best(scores, allowed);
        if guess != gold {
            self.correct(feats, gold, guess);
            *errors += 1;
        }
        self.tick();
        gold
    }

    /// Adds this run's averaged weights to `sum`.
    pub fn add_averaged(&self, sum: &mut [f64]) {
        for ((s, &w), &u) in sum.iter_mut().zip(&self.w).zip(&self.u) {
            *s += f64::from(w) - u / self.c;
        }
    }

    /// The averaged weights, one per (bucket, tag).
    pub fn averaged(&self) -> impl Iterator<Item = f64> + '_ {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| f64::from(w) - u / self.c)
    }
}

/// Fisher–Yates with xorshift: the same order for the same `rng` state,
/// which it advances.
pub fn shuffle<T>(order: &mut [T], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// The next number of the same xorshift generator, in `0..1`.
pub fn uniform(rng: &mut u64) -> f64 {
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    (*rng >> 11) as f64 / (1u64 << 53) as f64
}
