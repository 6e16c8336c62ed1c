//! Learning word clusters from raw text, for the entity model's features.
//!
//! Each frequent word is described by the words seen around it (one and two
//! positions to the left and right, weighted by positive pointwise mutual
//! information), and spherical k-means groups the descriptions. The fine
//! clusters' centroids are then grouped again into mid and coarse clusters.
//! Nothing is random: the first centroids are words spread evenly over the
//! frequency ranking, and ties go to the lower index.

use std::collections::HashMap;

use sift_core::linear::clusters::Clusters;
use sift_core::ner::features::normalise;
use sift_core::tokenize::Tokens;

/// Clustering settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Words seen fewer times are left out.
    pub min_count: u32,
    /// At most this many words get a cluster.
    pub max_words: usize,
    /// The most frequent words used as context.
    pub contexts: usize,
    /// Fine, mid and coarse cluster counts.
    pub sizes: (usize, usize, usize),
    /// k-means rounds.
    pub rounds: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 3,
            max_words: 40_000,
            contexts: 800,
            sizes: (512, 96, 24),
            rounds: 12,
        }
    }
}

type Sparse = Vec<(u32, f32)>;

/// Learns clusters from `texts`.
pub fn learn<'a>(texts: impl Iterator<Item = &'a str>, opts: &Options) -> Clusters {
    let sentences = normalised_sentences(texts);
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, u32)> = counts.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocab: Vec<&str> = ranked
        .iter()
        .filter(|(_, c)| *c >= opts.min_count)
        .take(opts.max_words)
        .map(|(w, _)| *w)
        .collect();
    if vocab.is_empty() {
        return Clusters::default();
    }
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i as u32))
        .collect();
    let context_of = |w: Option<&String>| -> Option<u32> {
        match w {
            None => Some(opts.contexts as u32), // sentence edge
            Some(w) => index
                .get(w.as_str())
                .copied()
                .filter(|&i| (i as usize) < opts.contexts),
        }
    };
    let dims = opts.contexts + 1;
    let mut rows: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            for (slot, d) in [(0usize, -1isize), (1, 1), (2, -2), (3, 2)] {
                let j = i as isize + d;
                let ctx = if j < 0 || j >= s.len() as isize {
                    context_of(None)
                } else {
                    context_of(Some(&s[j as usize]))
                };
                if let Some(c) = ctx {
                    *rows[wi as usize]
                        .entry((slot * dims) as u32 + c)
                        .or_default() += 1.0;
                }
            }
        }
    }
    let vectors = ppmi(rows, 4 * dims);
    let fine = kmeans(
        &vectors,
        opts.sizes.0.min(vectors.len()),
        4 * dims,
        opts.rounds,
    );
    let centroids: Vec<Sparse> = fine.centroids.iter().map(|c| dense_to_sparse(c)).collect();
    let mid = kmeans(
        &centroids,
        opts.sizes.1.min(centroids.len()),
        4 * dims,
        opts.rounds,
    );
    let coarse = kmeans(
        &centroids,
        opts.sizes.2.min(centroids.len()),
        4 * dims,
        opts.rounds,
    );
    let parents = (0..centroids.len())
        .map(|f| (mid.assignment[f] as u16, coarse.assignment[f] as u16))
        .collect();
    Clusters::new(
        vocab
            .iter()
            .zip(&fine.assignment)
            .map(|(w, &c)| (w.to_string(), c as u16)),
        parents,
    )
}

fn normalised_sentences<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for text in texts {
        let tokens = Tokens::new(text);
        for s in &tokens.sentences {
            out.push(
                tokens.tokens[s.clone()]
                    .iter()
                    .map(|r| {
                        let mut n = String::new();
                        normalise(&text[r.clone()], &mut n);
                        n
                    })
                    .collect(),
            );
        }
    }
    out
}

/// Positive PMI weights, each row scaled to unit length.
fn ppmi(rows: Vec<HashMap<u32, f32>>, dims: usize) -> Vec<Sparse> {
    let mut col = vec![0f64; dims];
    let mut total = 0f64;
    for r in &rows {
        for (&c, &v) in r {
            col[c as usize] += f64::from(v);
            total += f64::from(v);
        }
    }
    rows.into_iter()
        .map(|r| {
            let row_total: f64 = r.values().map(|&v| f64::from(v)).sum();
            let mut v: Sparse = r
                .into_iter()
                .filter_map(|(c, n)| {
                    let pmi = (f64::from(n) * total / (row_total * col[c as usize])).ln();
                    (pmi > 0.0).then_some((c, pmi as f32))
                })
                .collect();
            v.sort_unstable_by_key(|e| e.0);
            let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|e| e.1 /= norm);
            }
            v
        })
        .collect()
}

fn dense_to_sparse(c: &[f32]) -> Sparse {
    c.iter()
        .enumerate()
        .filter(|(_, &v)| v != 0.0)
        .map(|(i, &v)| (i as u32, v))
        .collect()
}

struct KMeans {
    assignment: Vec<usize>,
    centroids: Vec<Vec<f32>>,
}

/// Spherical k-means: assign by largest dot product, centroids re-normalised.
fn kmeans(vectors: &[Sparse], k: usize, dims: usize, rounds: usize) -> KMeans {
    let k = k.max(1);
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|j| {
            let mut c = vec![0f32; dims];
            if let Some(v) = vectors.get(j * vectors.len() / k) {
                for &(i, x) in v {
                    c[i as usize] = x;
                }
            }
            c
        })
        .collect();
    let mut assignment = vec![0usize; vectors.len()];
    for _ in 0..rounds {
        for (v, a) in vectors.iter().zip(assignment.iter_mut()) {
            let mut best = (0usize, f32::MIN);
            for (j, c) in centroids.iter().enumerate() {
                let dot: f32 = v.iter().map(|&(i, x)| x * c[i as usize]).sum();
                if dot > best.1 {
                    best = (j, dot);
                }
            }
            *a = best.0;
        }
        let mut sums = vec![vec![0f32; dims]; k];
        let mut sizes = vec![0usize; k];
        for (v, &a) in vectors.iter().zip(&assignment) {
            sizes[a] += 1;
            for &(i, x) in v {
                sums[a][i as usize] += x;
            }
        }
        for ((c, s), n) in centroids.iter_mut().zip(sums).zip(sizes) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0 && norm > 0.0 {
                *c = s.into_iter().map(|x| x / norm).collect();
            }
        }
    }
    KMeans {
        assignment,
        centroids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_cluster_together() {
        let mut text = String::new();
        for city in ["paris", "tehran", "moscow"] {
            for _ in 0..5 {
                text.push_str(&format!("he flew to {city} on monday .\n"));
            }
        }
        for verb in ["said", "denied", "claimed"] {
            for _ in 0..5 {
                text.push_str(&format!("the minister {verb} that it rained .\n"));
            }
        }
        let c = learn(
            std::iter::once(text.as_str()),
            &Options {
                min_count: 2,
                contexts: 20,
                sizes: (4, 2, 1),
                ..Options::default()
            },
        );
        assert_eq!(c.of("paris").0, c.of("tehran").0);
        assert_eq!(c.of("moscow").0, c.of("tehran").0);
        assert_eq!(c.of("said").0, c.of("denied").0);
        assert_ne!(c.of("said").0, c.of("paris").0);
    }
}
