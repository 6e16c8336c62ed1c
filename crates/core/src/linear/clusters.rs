//! Word clusters: words that occur in similar contexts share a cluster, so
//! the model can generalise from "Tehran" to a city it never saw labelled.
//!
//! Each known word (normalised: lowercase, digits as `0`) has a fine
//! cluster; each fine cluster belongs to a mid and a coarse one. Layout in
//! the model file:
//!
//! ```text
//! u16 fine clusters F, then F times: u16 mid, u16 coarse
//! u32 words W, then W times (sorted by key): varint key gap, u16 fine
//! ```
//! A word's key is the low 32 bits of its hash.

use std::collections::HashMap;

use super::hash::{hash_str, IdBuild};

use crate::error::Error;
use crate::linear::bytes::{write_varint, Reader};

/// The cluster id of words the table does not know.
pub const UNKNOWN: u16 = u16::MAX;

/// Word → cluster ids at three granularities.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    words: HashMap<u32, u16, IdBuild>,
    /// For each fine cluster: (mid, coarse).
    parents: Vec<(u16, u16)>,
}

/// The table key of a normalised word.
pub fn key(norm: &str) -> u32 {
    key_of_hash(hash_str(norm))
}

/// The table key of a normalised word's hash.
// The low 32 bits of the folded hash, on purpose.
#[allow(clippy::cast_possible_truncation)]
fn key_of_hash(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

impl Clusters {
    /// Builds a table from (normalised word, fine cluster) pairs and the
    /// parents of each fine cluster.
    pub fn new(words: impl IntoIterator<Item = (String, u16)>, parents: Vec<(u16, u16)>) -> Self {
        let words = words
            .into_iter()
            .filter(|(_, c)| (*c as usize) < parents.len())
            .map(|(w, c)| (key(&w), c))
            .collect();
        Clusters { words, parents }
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the table knows no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// (fine, mid, coarse) of a normalised word, [`UNKNOWN`] for all three
    /// when the word is not in the table.
    pub fn of(&self, norm: &str) -> (u16, u16, u16) {
        self.of_hash(hash_str(norm))
    }

    /// Like [`Clusters::of`], given the word's [`hash_str`].
    pub fn of_hash(&self, h: u64) -> (u16, u16, u16) {
        match self.words.get(&key_of_hash(h)) {
            Some(&f) => {
                let (m, c) = self.parents[f as usize];
                (f, m, c)
            }
            None => (UNKNOWN, UNKNOWN, UNKNOWN),
        }
    }

    /// Appends the layout described above.
    pub fn write(&self, out: &mut Vec<u8>) {
        let fine =
            u16::try_from(self.parents.len()).expect("at most 65535 fine clusters (ids are u16)");
        out.extend_from_slice(&fine.to_le_bytes());
        for (m, c) in &self.parents {
            out.extend_from_slice(&m.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        let mut words: Vec<(u32, u16)> = self.words.iter().map(|(&k, &f)| (k, f)).collect();
        words.sort_unstable();
        let count = u32::try_from(words.len()).expect("fewer than 2^32 words");
        out.extend_from_slice(&count.to_le_bytes());
        let mut prev = 0;
        for (k, f) in words {
            write_varint(out, k - prev);
            prev = k;
            out.extend_from_slice(&f.to_le_bytes());
        }
    }

    /// Reads the layout described above.
    pub fn read(r: &mut Reader) -> Result<Clusters, Error> {
        let fine = u16::from_le_bytes(r.array("cluster count")?) as usize;
        let mut parents = Vec::with_capacity(fine);
        for _ in 0..fine {
            let m = u16::from_le_bytes(r.array("cluster parent")?);
            let c = u16::from_le_bytes(r.array("cluster parent")?);
            parents.push((m, c));
        }
        let n = r.u32("word count")? as usize;
        if n > r.remaining() / 3 {
            return Err(Error::Truncated("cluster words"));
        }
        let mut words = HashMap::with_capacity_and_hasher(n, IdBuild::default());
        let mut k = 0u32;
        for i in 0..n {
            let gap = r.varint("word key")?;
            if i > 0 && gap == 0 {
                return Err(Error::Corrupt("cluster word keys out of order".into()));
            }
            k = k
                .checked_add(gap)
                .ok_or_else(|| Error::Corrupt("cluster word key overflows".into()))?;
            let f = u16::from_le_bytes(r.array("word cluster")?);
            if f as usize >= fine {
                return Err(Error::Corrupt(format!("cluster {f} out of range")));
            }
            words.insert(k, f);
        }
        Ok(Clusters { words, parents })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let c = Clusters::new(
            [
                ("tehran".to_string(), 1),
                ("moscow".to_string(), 1),
                ("said".to_string(), 0),
            ],
            vec![(0, 0), (1, 0)],
        );
        assert_eq!(c.of("tehran"), (1, 1, 0));
        assert_eq!(c.of("paris"), (UNKNOWN, UNKNOWN, UNKNOWN));
        let mut bytes = Vec::new();
        c.write(&mut bytes);
        let back = Clusters::read(&mut Reader::new(&bytes)).unwrap();
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
        for cut in 0..bytes.len() {
            assert!(
                Clusters::read(&mut Reader::new(&bytes[..cut])).is_err(),
                "cut at {cut}"
            );
        }
    }
}
