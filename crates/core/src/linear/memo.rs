//! Score rows remembered by the feature buckets they came from.
//!
//! Many features of a token read only its own word, and a document says
//! the same words again and again. Summing such a group once per distinct
//! set of buckets, and adding the remembered row afterwards, saves most
//! of the table probes, which are the costly part of tagging. The row
//! depends only on the buckets, so the key is the buckets themselves:
//! two words whose features share buckets share their scores anyway.

use std::collections::HashMap;

use super::hash::IdBuild;
use super::weights::Weights;

/// Remembered sums of `N`-tag score rows.
#[derive(Debug, Default)]
pub struct Memo<T, const N: usize> {
    rows: HashMap<u64, [T; N], IdBuild>,
}

impl<T, const N: usize> Memo<T, N>
where
    T: Copy + Default + std::ops::AddAssign + From<i16>,
{
    /// Number of rows remembered.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no row is remembered.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds the weights of `buckets` to `scores`, summing them only the
    /// first time this set of buckets is seen.
    pub fn add(&mut self, weights: &Weights, buckets: &[u32], scores: &mut [T; N]) {
        let key = buckets.iter().fold(0x9E37_79B9_7F4A_7C15u64, |h, &b| {
            let h = (h ^ u64::from(b)).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 32)
        });
        let row = self.rows.entry(key).or_insert_with(|| {
            let mut r = [T::default(); N];
            weights.add_all(buckets, &mut r);
            r
        });
        for (s, &r) in scores.iter_mut().zip(row.iter()) {
            *s += r;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_rows_add_up_like_fresh_ones() {
        let w = Weights::from_triples(10, 3, vec![(1, 0, 1.0), (2, 2, -0.5), (3, 1, 0.25)]);
        let mut memo = Memo::<i32, 3>::default();
        for buckets in [&[1u32, 2][..], &[1, 2], &[2, 3], &[], &[1, 2]] {
            let (mut a, mut b) = ([5i32; 3], [5i32; 3]);
            memo.add(&w, buckets, &mut a);
            w.add_all(buckets, &mut b);
            assert_eq!(a, b, "{buckets:?}");
        }
        assert_eq!(memo.rows.len(), 3);
    }
}
