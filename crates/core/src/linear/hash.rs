//! Feature hashing, shared by every model: a feature is a template id
//! mixed with the hashes of a few strings, and its weights sit in the
//! bucket it hashes to. Written out here, not taken from `std`, so that
//! training (native) and prediction (wasm) agree bit for bit.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hashes a template id and a sequence of byte strings.
pub fn hash(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FNV_OFFSET ^ u64::from(template);
    h = h.wrapping_mul(FNV_PRIME);
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(FNV_PRIME);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The bucket of a feature hash in a table of `2^bits` buckets.
// The shift leaves the top `bits` bits, and tables have at most 2^24
// buckets (`weights::MAX_BITS`), so the value fits in a u32.
#[allow(clippy::cast_possible_truncation)]
pub fn bucket(h: u64, bits: u8) -> u32 {
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - u32::from(bits))) as u32
}

/// Mixes a template id with already-hashed parts: cheap, because every
/// part was hashed once per token.
pub fn mix(template: u8, parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(mix_start(template), |h, &p| mix_step(h, p))
}

/// [`mix`] of a template and no parts yet.
#[inline]
pub fn mix_start(template: u8) -> u64 {
    (u64::from(template) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// [`mix`] of what `h` mixed, and `part` after it.
#[inline]
pub fn mix_step(h: u64, part: u64) -> u64 {
    let h = (h ^ part).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 32)
}

/// A hasher for keys that are already hashes: it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.0 = u64::from(v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// Builds [`IdHasher`]s for hash maps keyed by hashes.
pub type IdBuild = std::hash::BuildHasherDefault<IdHasher>;

/// The hash of a token string (a normalised word, a shape, an affix).
pub fn hash_str(s: &str) -> u64 {
    hash(0, &[s.as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_is_stable() {
        // Fixed values: a change here silently invalidates shipped models.
        assert_eq!(hash(1, &[b"putin"]), 0x835f_7d5e_4f56_01d3);
        assert_ne!(hash(2, &[b"ab", b"c"]), hash(2, &[b"a", b"bc"]));
        assert!(bucket(u64::MAX, 20) < 1 << 20);
    }
}
