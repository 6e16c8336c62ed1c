//! A gazetteer of names seen labelled in the training data: "Hong Kong
//! Disneyland" is a facility wherever it appears.
//!
//! Keys are hashes of a name's normalised tokens, so a lookup needs no
//! strings. Only names labelled in at least two training documents are
//! kept (a name seen once would just echo its own label back during
//! training). Layout in the model file:
//!
//! ```text
//! u32 names N, then N times (sorted by key): varint key gap, u8 label index
//! ```

use std::collections::HashMap;

use crate::annotation::Label;
use crate::error::Error;
use crate::linear::bytes::{write_varint, Reader};
use crate::linear::hash::{mix, mix_start, IdBuild};

/// The longest name, in tokens, the gazetteer looks up.
pub const MAX_TOKENS: usize = 6;

/// Names (as hashes of their normalised tokens) and their labels.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    names: HashMap<u32, u8, IdBuild>,
}

/// The key of a name given its tokens' normalised-word hashes.
pub fn key(norms: &[u64]) -> u32 {
    finish(mix(70, norms))
}

/// What [`key`] mixes before any token: with [`crate::linear::hash::mix_step`] per
/// token and [`finish`], the keys of a name's prefixes come one token at a
/// time.
pub fn start() -> u64 {
    mix_start(70)
}

/// The key of what `h` has mixed so far.
// The low 32 bits of the folded hash, on purpose.
#[allow(clippy::cast_possible_truncation)]
pub fn finish(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

impl Gazetteer {
    /// A gazetteer of these (key, label) pairs.
    pub fn new(names: impl IntoIterator<Item = (u32, Label)>) -> Self {
        Gazetteer {
            names: names.into_iter().map(|(k, l)| (k, l.id())).collect(),
        }
    }

    /// Adds these (key, label) pairs; a key already there keeps its label.
    pub fn extend(&mut self, names: impl IntoIterator<Item = (u32, Label)>) {
        for (k, l) in names {
            self.names.entry(k).or_insert(l.id());
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there are no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The label of the name whose [`key`] is `key`, if known.
    pub fn label_of(&self, key: u32) -> Option<u8> {
        self.names.get(&key).copied()
    }

    /// The label of the name whose tokens hash to `norms`, if known.
    pub fn label(&self, norms: &[u64]) -> Option<u8> {
        self.label_of(key(norms))
    }

    /// Appends the layout described above.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut names: Vec<(u32, u8)> = self.names.iter().map(|(&k, &l)| (k, l)).collect();
        names.sort_unstable();
        let count = u32::try_from(names.len()).expect("fewer than 2^32 names");
        out.extend_from_slice(&count.to_le_bytes());
        let mut prev = 0;
        for (k, l) in names {
            write_varint(out, k - prev);
            prev = k;
            out.push(l);
        }
    }

    /// Reads the layout described above.
    pub fn read(r: &mut Reader) -> Result<Gazetteer, Error> {
        let n = r.u32("gazetteer size")? as usize;
        if n > r.remaining() / 2 {
            return Err(Error::Truncated("gazetteer"));
        }
        let mut names = HashMap::with_capacity_and_hasher(n, IdBuild::default());
        let mut k = 0u32;
        for i in 0..n {
            let gap = r.varint("gazetteer key")?;
            if i > 0 && gap == 0 {
                return Err(Error::Corrupt("gazetteer keys out of order".into()));
            }
            k = k
                .checked_add(gap)
                .ok_or_else(|| Error::Corrupt("gazetteer key overflows".into()))?;
            let l = r.byte("gazetteer label")?;
            if l as usize >= Label::ALL.len() {
                return Err(Error::Corrupt(format!("gazetteer label {l} out of range")));
            }
            names.insert(k, l);
        }
        Ok(Gazetteer { names })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linear::hash::hash_str;

    #[test]
    fn round_trip_and_lookup() {
        let hk = [hash_str("hong"), hash_str("kong")];
        let g = Gazetteer::new([(key(&hk), Label::Gpe), (key(&hk[..1]), Label::Person)]);
        assert_eq!(g.label(&hk), Some(Label::Gpe.id()));
        assert_eq!(g.label(&[hash_str("kong")]), None);
        // Keys built one token at a time are the keys of the prefixes.
        let mut h = start();
        for (n, &t) in hk.iter().enumerate() {
            h = crate::linear::hash::mix_step(h, t);
            assert_eq!(finish(h), key(&hk[..=n]));
        }
        let mut bytes = Vec::new();
        g.write(&mut bytes);
        let back = Gazetteer::read(&mut Reader::new(&bytes)).unwrap();
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
        for cut in 0..bytes.len() {
            assert!(Gazetteer::read(&mut Reader::new(&bytes[..cut])).is_err());
        }
    }
}
