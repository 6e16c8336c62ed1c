//! Pruning trained weights to the ones a model file keeps.

use sift_core::linear::weights::Weights;

/// The `max` largest (in magnitude) of `averages`, one per (bucket, tag)
/// with `tags` tags per bucket, quantised into a table of `2^bits`
/// buckets. Small weights barely move a decision.
pub fn largest(averages: impl Iterator<Item = f64>, tags: usize, max: usize, bits: u8) -> Weights {
    let mut triples: Vec<(u32, u8, f32)> = Vec::new();
    for (i, avg) in averages.enumerate() {
        if avg.abs() > 1e-3 {
            triples.push(((i / tags) as u32, (i % tags) as u8, avg as f32));
        }
    }
    if triples.len() > max {
        triples.select_nth_unstable_by(max, |a, b| b.2.abs().total_cmp(&a.2.abs()));
        triples.truncate(max);
    }
    Weights::from_triples(bits, tags as u8, triples)
}
