//! Little helpers for Sift's binary model files: a bounds-checked reader
//! and the magic-line-plus-version header every model file starts with.

use crate::error::Error;

/// Reads a byte slice front to back; every read checks the length first,
/// so a truncated or hostile file gives an error, never a panic.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the beginning of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// The next `n` bytes; `what` names them in the error.
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(Error::Truncated(what))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    /// One byte.
    pub fn byte(&mut self, what: &'static str) -> Result<u8, Error> {
        Ok(self.take(1, what)?[0])
    }

    /// A little-endian u32.
    pub fn u32(&mut self, what: &'static str) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    /// A little-endian f32.
    pub fn f32(&mut self, what: &'static str) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(self.array(what)?))
    }

    /// A fixed-size array.
    pub fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], Error> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }

    /// A LEB128 varint of at most 32 bits.
    pub fn varint(&mut self, what: &'static str) -> Result<u32, Error> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.byte(what)?;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::Corrupt(format!("{what}: varint is too long")))
    }

    /// Checks the magic line and version at the start of a file.
    pub fn header(&mut self, magic: &'static str, version: u32) -> Result<(), Error> {
        if self
            .take(magic.len(), "magic")
            .map_err(|_| Error::BadMagic {
                expected: magic.trim_end(),
            })?
            != magic.as_bytes()
        {
            return Err(Error::BadMagic {
                expected: magic.trim_end(),
            });
        }
        let found = self.u32("version")?;
        if found != version {
            return Err(Error::BadVersion {
                found,
                supported: version,
            });
        }
        Ok(())
    }

    /// Fails unless everything was read.
    pub fn finish(&self) -> Result<(), Error> {
        if self.remaining() > 0 {
            return Err(Error::Corrupt(format!(
                "{} unexpected bytes at the end",
                self.remaining()
            )));
        }
        Ok(())
    }
}

/// Appends the magic line and version.
pub fn write_header(out: &mut Vec<u8>, magic: &str, version: u32) {
    out.extend_from_slice(magic.as_bytes());
    out.extend_from_slice(&version.to_le_bytes());
}

/// Appends a LEB128 varint.
// Each byte keeps the low 7 bits of `v` on purpose; the last is below 0x80.
#[allow(clippy::cast_possible_truncation)]
pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_varints() {
        let mut out = Vec::new();
        write_header(&mut out, "X\n", 3);
        for v in [0, 127, 128, 300_000, u32::MAX] {
            write_varint(&mut out, v);
        }
        let mut r = Reader::new(&out);
        r.header("X\n", 3).unwrap();
        for v in [0, 127, 128, 300_000, u32::MAX] {
            assert_eq!(r.varint("v").unwrap(), v);
        }
        r.finish().unwrap();
        assert!(matches!(
            Reader::new(&out).header("X\n", 4),
            Err(Error::BadVersion {
                found: 3,
                supported: 4
            })
        ));
        assert!(matches!(
            Reader::new(b"Y").header("X\n", 3),
            Err(Error::BadMagic { .. })
        ));
        assert!(Reader::new(&[0x80, 0x80]).varint("v").is_err());
    }
}
