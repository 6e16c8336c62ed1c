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
    keep(triples, tags, max, bits)
}

/// As [`largest`], for a model that picks each tag by one argmax over one
/// set of features (a greedy tagger, not a beam): first each bucket's
/// median weight is taken from all of its weights. Every score of a step
/// then moves by the same amount, so no decision changes, and the weights
/// left are smaller in sum (the median minimises it) and often zero. For
/// three tags, one weight of every bucket becomes zero: the parser's move
/// table keeps as many features in two thirds of the weights.
pub fn centred(averages: impl Iterator<Item = f64>, tags: usize, max: usize, bits: u8) -> Weights {
    let mut triples: Vec<(u32, u8, f32)> = Vec::new();
    let mut row: Vec<f64> = Vec::with_capacity(tags);
    let mut sorted: Vec<f64> = Vec::with_capacity(tags);
    let mut averages = averages.peekable();
    let mut bucket = 0u32;
    while averages.peek().is_some() {
        row.clear();
        row.extend(averages.by_ref().take(tags));
        sorted.clear();
        sorted.extend_from_slice(&row);
        sorted.sort_by(f64::total_cmp);
        let median = sorted[(sorted.len() - 1) / 2];
        for (t, &w) in row.iter().enumerate() {
            let w = w - median;
            if w.abs() > 1e-3 {
                triples.push((bucket, t as u8, w as f32));
            }
        }
        bucket += 1;
    }
    keep(triples, tags, max, bits)
}

fn keep(mut triples: Vec<(u32, u8, f32)>, tags: usize, max: usize, bits: u8) -> Weights {
    if triples.len() > max {
        triples.select_nth_unstable_by(max, |a, b| b.2.abs().total_cmp(&a.2.abs()));
        triples.truncate(max);
    }
    Weights::from_triples(bits, tags as u8, triples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centring_keeps_every_argmax_and_drops_a_weight_of_three() {
        // Two buckets of three tags; every sum of rows keeps its argmax.
        let w = [5.0, -3.0, -2.0, 0.5, 1.5, -2.0];
        let plain = largest(w.iter().copied(), 3, 100, 4);
        let centred = centred(w.iter().copied(), 3, 100, 4);
        assert_eq!(plain.len(), 6);
        assert_eq!(centred.len(), 4);
        for feats in [&[0u32][..], &[1], &[0, 1]] {
            let (mut a, mut b) = ([0i32; 3], [0i32; 3]);
            plain.add_all(feats, &mut a);
            centred.add_all(feats, &mut b);
            let top = |s: &[i32; 3]| (0..3).max_by_key(|&i| s[i]).unwrap();
            assert_eq!(top(&a), top(&b), "{feats:?}: {a:?} {b:?}");
        }
    }
}
