//! A sparse table of quantised weights, and its file format.
//!
//! Training learns a weight for each (feature bucket, tag) pair; most are
//! zero and are dropped. What is left is stored bucket by bucket (the
//! model file around it adds a magic line and a version):
//!
//! ```text
//! u8  bits                the table has 2^bits buckets
//! u8  tags                number of tags (73 for BILOU over 18 labels)
//! f32 scale               a weight is its decoded value times scale
//! u32 buckets             number of non-empty buckets, then column by column:
//!   buckets × varint gap  bucket id minus the previous one (first: the id)
//!   buckets × u8 n        entries in each bucket
//!   Σn × u8 tag           each bucket's tags, ascending
//!   Σn × i8 code          their weights' codes, see `encode`
//! ```
//! Column by column, not bucket by bucket: each column is a run of
//! like values, which gzip (the page's transfer) packs better; the entity
//! model's file is 215 KB smaller gzipped than with the rows interleaved.
//! Weights are stored in 8 bits on a square-root scale: code `q` stands for
//! `sign(q) * (q / 127)^2 * 32767` times `scale`, so small weights, which are
//! most of them, keep fine steps while the few large ones stay in range.
//! Code 1 is 2, code 10 is 203, code 127 is 32767.
//!
//! Loading builds a bitmap of the buckets that have weights, in blocks of
//! 64 with a running count, so a bucket's rank among the stored ones is a
//! popcount away. Most features a text produces were never stored, and
//! the bitmap (a bit per bucket, 1 MB for 2^22) says so from the CPU's
//! caches; an open-addressing table had to walk a probe chain through
//! megabytes for every such miss. A stored bucket's rank picks its slot:
//! 16 bytes holding up to seven (tag, code) pairs itself, which covers
//! nine buckets in ten, so scoring a feature is one cache line read.

use crate::error::Error;
use crate::linear::bytes::{write_varint, Reader};

/// Quantised sparse weights.
#[derive(Debug, Clone)]
pub struct Weights {
    bits: u8,
    tags: u8,
    scale: f32,
    /// Which buckets have weights, 64 to a block, with the number of
    /// stored buckets before each block: a bucket's rank is a popcount.
    blocks: Vec<Block>,
    /// One slot per stored bucket, in bucket order (tables with many tags,
    /// the entity tagger's).
    slots: Vec<Slot>,
    /// (tag, weight) pairs of buckets too long to sit in their slot.
    entries: Vec<(u8, i16)>,
    /// Buckets with many weights (bias, shapes, clusters) as full rows of
    /// `tags` values, which add up faster than scattered pairs.
    dense: Vec<i16>,
    /// The weight of each 8-bit code, indexed by the code as a byte.
    codes: [i16; 256],
    /// For tables with few tags (the claim taggers, the parser's moves and
    /// labels), instead of slots:
    /// `tags` codes per stored bucket, in bucket order after a zero row.
    /// Scoring a feature is then a popcount and one read, with no branch
    /// on whether the bucket is stored, and both tables together fit in a
    /// CPU's L2 cache.
    packed: Vec<i8>,
    /// Number of stored weights.
    stored: usize,
    /// Bucket ids in file order, for writing back.
    ids: Vec<u32>,
}

/// A bucket with at least this many weights is stored as a dense row.
const DENSE_FROM: usize = 12;
/// Pairs a slot holds itself.
const INLINE: usize = 7;
/// Tables with at most this many tags keep packed rows instead of slots
/// (see `Weights::packed`). 16 takes in the parser's 14 labels: its label
/// table scored through packed rows made `sift bench`'s syntax stage 5%
/// faster (353,000 to 373,000 tokens per CPU-second, same parses).
const PACKED_TAGS: u8 = 16;
/// The largest table: 2^24 buckets, a 4 MB bitmap.
pub const MAX_BITS: u8 = 24;

/// 64 buckets of the bitmap: which have weights, and how many stored
/// buckets come before the block. (One count per 256 buckets, kept apart
/// from the bits, made the bitmap smaller but was no faster: a rank then
/// takes four popcounts and two loads.)
#[derive(Debug, Clone, Copy, Default)]
struct Block {
    has: u64,
    before: u32,
}

/// The weights of one stored bucket, a quarter of a cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(16))]
struct Slot {
    /// Inline (tag, code) pairs; for the other two kinds, bytes 0..4 are
    /// the start in `entries` or `dense` (first, so that they are aligned).
    pairs: [u8; 2 * INLINE],
    /// How the weights are kept: up to [`INLINE`] pairs in `pairs`, more
    /// in `entries`, or [`DENSE`] (a row of `dense`).
    len: u8,
    _pad: u8,
}

/// `Slot::len` of a dense row (other buckets have fewer than
/// [`DENSE_FROM`] weights).
const DENSE: u8 = u8::MAX;

impl Slot {
    fn start(&self) -> usize {
        u32::from_le_bytes([self.pairs[0], self.pairs[1], self.pairs[2], self.pairs[3]]) as usize
    }

    fn at(len: u8, start: usize) -> Slot {
        let mut pairs = [0; 2 * INLINE];
        let start = u32::try_from(start).expect("a weight table holds fewer than 2^32 weights");
        pairs[..4].copy_from_slice(&start.to_le_bytes());
        Slot {
            pairs,
            len,
            _pad: 0,
        }
    }
}

impl Weights {
    /// Builds the table from `(bucket, tag, weight)` triples (any order).
    pub fn from_triples(bits: u8, tags: u8, mut triples: Vec<(u32, u8, f32)>) -> Weights {
        triples.retain(|t| t.2 != 0.0 && t.0 < (1u32 << bits) && t.1 < tags);
        triples.sort_by_key(|t| (t.0, t.1));
        let max = triples.iter().fold(0f32, |m, t| m.max(t.2.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut grouped: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
        for (b, t, w) in triples {
            // Clamped to the i16 range first, so the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            let q = decode(encode((w / scale).round().clamp(-32767.0, 32767.0) as i16));
            if q == 0 {
                continue;
            }
            match grouped.last_mut() {
                Some((last, v)) if *last == b && v.len() < 255 => v.push((t, q)),
                _ => grouped.push((b, vec![(t, q)])),
            }
        }
        Self::build(bits, tags, scale, grouped)
    }

    fn build(bits: u8, tags: u8, scale: f32, grouped: Vec<(u32, Vec<(u8, i16)>)>) -> Weights {
        let mut codes = [0i16; 256];
        for (b, c) in (0..=u8::MAX).zip(codes.iter_mut()) {
            *c = decode(code_of_byte(b));
        }
        // `grouped` is in bucket order (both callers sort it), so ranks
        // follow it. The bitmap ends at the last stored bucket.
        let last = grouped.last().map_or(0, |g| g.0 as usize);
        let mut blocks = vec![Block::default(); last / 64 + 1];
        for (b, _) in &grouped {
            blocks[*b as usize / 64].has |= 1 << (b % 64);
        }
        let mut before = 0u32;
        for block in &mut blocks {
            block.before = before;
            before += block.has.count_ones();
        }
        let mut w = Weights {
            bits,
            tags,
            scale,
            blocks,
            slots: Vec::new(),
            entries: Vec::new(),
            dense: Vec::new(),
            codes,
            packed: Vec::new(),
            stored: grouped.iter().map(|g| g.1.len()).sum(),
            ids: grouped.iter().map(|g| g.0).collect(),
        };
        let t = tags as usize;
        if tags <= PACKED_TAGS {
            w.packed = vec![0i8; t * (grouped.len() + 1)];
            for (n, (_, es)) in grouped.iter().enumerate() {
                for &(tag, q) in es {
                    w.packed[(n + 1) * t + tag as usize] = encode(q);
                }
            }
            return w;
        }
        w.slots.reserve_exact(grouped.len());
        for (_, es) in grouped {
            // At most 255 pairs: `from_triples` starts a new group at 255,
            // and `read` reads the count as a byte.
            #[allow(clippy::cast_possible_truncation)]
            let len = es.len() as u8;
            let slot = if es.len() >= DENSE_FROM {
                let start = w.dense.len();
                w.dense.resize(start + t, 0);
                for (tag, q) in es {
                    w.dense[start + tag as usize] = q;
                }
                Slot::at(DENSE, start)
            } else if es.len() <= INLINE {
                let mut slot = Slot::at(len, 0);
                for (k, &(tag, q)) in es.iter().enumerate() {
                    slot.pairs[2 * k] = tag;
                    slot.pairs[2 * k + 1] = byte_of_code(encode(q));
                }
                slot
            } else {
                let start = w.entries.len();
                w.entries.extend_from_slice(&es);
                Slot::at(len, start)
            };
            w.slots.push(slot);
        }
        w
    }

    /// Whether `bucket` is stored, and how many stored buckets come
    /// before it.
    #[inline(always)]
    fn locate(&self, bucket: u32) -> (bool, usize) {
        let Some(block) = self.blocks.get(bucket as usize / 64) else {
            return (false, 0);
        };
        let bit = 1u64 << (bucket % 64);
        let below = block.before + (block.has & (bit - 1)).count_ones();
        (block.has & bit != 0, below as usize)
    }

    /// The rank of `bucket` among the stored buckets, if it is stored.
    #[inline(always)]
    fn rank(&self, bucket: u32) -> Option<usize> {
        let (stored, n) = self.locate(bucket);
        stored.then_some(n)
    }

    /// Number of tags (weights per bucket).
    pub fn tags(&self) -> u8 {
        self.tags
    }

    /// Table size as a power of two.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Number of stored (bucket, tag) weights.
    pub fn len(&self) -> usize {
        self.stored
    }

    /// True when no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.stored == 0
    }

    /// Adds the weights of `bucket` to `scores` (one per tag): integer
    /// scores for the claims taggers, float rows for the beam search.
    #[inline(always)]
    pub fn add<T: Copy + std::ops::AddAssign + From<i16>>(&self, bucket: u32, scores: &mut [T]) {
        if self.packed.is_empty() {
            self.add_slot(bucket, scores);
            return;
        }
        let t = self.tags as usize;
        // Row 0 is zeros: a bucket without weights reads it.
        let (stored, below) = self.locate(bucket);
        let n = if stored { below + 1 } else { 0 };
        if let Some(row) = self.packed.get(n * t..n * t + t) {
            for (x, &q) in scores.iter_mut().zip(row) {
                *x += T::from(self.codes[usize::from(byte_of_code(q))]);
            }
        }
    }

    /// [`Weights::add`] through the slots.
    #[inline(always)]
    fn add_slot<T: Copy + std::ops::AddAssign + From<i16>>(&self, bucket: u32, scores: &mut [T]) {
        let Some(slot) = self.find(bucket) else {
            return;
        };
        let n = slot.len as usize;
        if slot.len == DENSE {
            let start = slot.start();
            let row = &self.dense[start..start + self.tags as usize];
            for (x, &w) in scores.iter_mut().zip(row) {
                *x += T::from(w);
            }
        } else if n <= INLINE {
            for pair in slot.pairs[..2 * n].chunks_exact(2) {
                if let Some(x) = scores.get_mut(pair[0] as usize) {
                    *x += T::from(self.codes[pair[1] as usize]);
                }
            }
        } else {
            let start = slot.start();
            for &(t, w) in &self.entries[start..start + n] {
                if let Some(x) = scores.get_mut(t as usize) {
                    *x += T::from(w);
                }
            }
        }
    }

    /// Adds the weights of every bucket in `buckets` to `scores`, after
    /// [`Weights::prefetch`] on all of them.
    #[inline]
    pub fn add_all<T: Copy + std::ops::AddAssign + From<i16>>(
        &self,
        buckets: &[u32],
        scores: &mut [T],
    ) {
        self.prefetch(buckets);
        for &b in buckets {
            self.add(b, scores);
        }
    }

    /// Starts fetching the slot of each stored bucket.
    ///
    /// The slots do not fit in the CPU caches, so most reads miss.
    /// Fetches that nothing waits on let those misses overlap instead of
    /// coming one after another; the reads that follow then find their
    /// lines in cache. On x86-64 this is the prefetch instruction, which
    /// never stalls (measured 5% faster than loads); WebAssembly has none,
    /// so there it is plain loads whose result nothing uses.
    #[inline]
    pub fn prefetch(&self, buckets: &[u32]) {
        if !self.packed.is_empty() {
            return; // packed reads do not wait on each other anyway
        }
        #[cfg(target_arch = "x86_64")]
        for &b in buckets {
            if let Some(slot) = self.rank(b).and_then(|n| self.slots.get(n)) {
                fetch(slot);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let mut touched = 0u8;
            for &b in buckets {
                if let Some(slot) = self.rank(b).and_then(|n| self.slots.get(n)) {
                    touched ^= slot.len;
                }
            }
            std::hint::black_box(touched);
        }
    }

    /// Starts fetching the bitmap lines of each bucket, so that a later
    /// [`Weights::prefetch`] or [`Weights::add`] finds them in cache
    /// (x86-64 only).
    #[inline]
    pub fn prefetch_index(&self, buckets: &[u32]) {
        for &b in buckets {
            if let Some(block) = self.blocks.get(b as usize / 64) {
                fetch(block);
            }
        }
    }

    /// The slot of `bucket`, if it has weights.
    #[inline]
    fn find(&self, bucket: u32) -> Option<&Slot> {
        self.slots.get(self.rank(bucket)?)
    }

    /// The weights of one bucket as (tag, quantised weight) pairs.
    fn row(&self, bucket: u32) -> Vec<(u8, i16)> {
        if !self.packed.is_empty() {
            let t = self.tags as usize;
            let Some(n) = self.rank(bucket) else {
                return Vec::new();
            };
            return (0..self.tags)
                .zip(&self.packed[(n + 1) * t..(n + 2) * t])
                .filter(|(_, &q)| q != 0)
                .map(|(tag, &q)| (tag, self.codes[usize::from(byte_of_code(q))]))
                .collect();
        }
        let Some(slot) = self.find(bucket) else {
            return Vec::new();
        };
        let n = slot.len as usize;
        if slot.len == DENSE {
            let start = slot.start();
            let row = &self.dense[start..start + self.tags as usize];
            (0..self.tags)
                .zip(row)
                .filter(|(_, &q)| q != 0)
                .map(|(t, &q)| (t, q))
                .collect()
        } else if n <= INLINE {
            slot.pairs[..2 * n]
                .chunks_exact(2)
                .map(|p| (p[0], self.codes[p[1] as usize]))
                .collect()
        } else {
            let start = slot.start();
            self.entries[start..start + n].to_vec()
        }
    }

    /// The weight of (`bucket`, `tag`) as a float, for tests and inspection.
    pub fn get(&self, bucket: u32, tag: u8) -> f32 {
        let mut scores = vec![0i32; self.tags as usize];
        self.add(bucket, &mut scores);
        scores
            .get(tag as usize)
            .map_or(0.0, |&q| q as f32 * self.scale)
    }

    /// Every stored weight as `(bucket, tag, weight)`, in bucket order: what
    /// [`Weights::from_triples`] takes, to prune a trained table further.
    pub fn triples(&self) -> Vec<(u32, u8, f32)> {
        let mut out = Vec::with_capacity(self.stored);
        for &b in &self.ids {
            for (t, w) in self.row(b) {
                out.push((b, t, f32::from(w) * self.scale));
            }
        }
        out
    }

    /// The `max` largest weights (in magnitude) of this table, quantised
    /// again: a smaller model file from a trained one, without training.
    pub fn largest(&self, max: usize) -> Weights {
        let mut triples = self.triples();
        if triples.len() > max {
            triples.select_nth_unstable_by(max, |a, b| b.2.abs().total_cmp(&a.2.abs()));
            triples.truncate(max);
        }
        Weights::from_triples(self.bits, self.tags, triples)
    }

    /// This table with every code rounded to a multiple of `step`: fewer
    /// distinct codes, which gzip packs into fewer bits. With `step` 8 the
    /// codes take 31 values, not 255, and the entity model's file is 18%
    /// smaller gzipped at the same dev F1 (see `models/README.md`). Weights
    /// that round to zero are dropped.
    pub fn coarsened(&self, step: u8) -> Weights {
        let grouped = self
            .ids
            .iter()
            .map(|&b| {
                let row = self
                    .row(b)
                    .into_iter()
                    .map(|(t, w)| (t, decode(coarse(encode(w), step))))
                    .filter(|&(_, w)| w != 0)
                    .collect::<Vec<_>>();
                (b, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        Self::build(self.bits, self.tags, self.scale, grouped)
    }

    /// Appends the layout described above.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.reserve(self.stored * 2 + self.ids.len() * 3 + 16);
        out.push(self.bits);
        out.push(self.tags);
        out.extend_from_slice(&self.scale.to_le_bytes());
        let count = u32::try_from(self.ids.len()).expect("fewer than 2^32 buckets (ids are u32)");
        out.extend_from_slice(&count.to_le_bytes());
        let rows: Vec<Vec<(u8, i16)>> = self.ids.iter().map(|&b| self.row(b)).collect();
        let mut prev = 0u32;
        for (i, &b) in self.ids.iter().enumerate() {
            write_varint(out, if i == 0 { b } else { b - prev });
            prev = b;
        }
        for row in &rows {
            out.push(u8::try_from(row.len()).expect("a bucket holds at most 255 weights"));
        }
        out.extend(rows.iter().flatten().map(|&(t, _)| t));
        out.extend(rows.iter().flatten().map(|&(_, w)| byte_of_code(encode(w))));
    }

    /// Reads the layout described above; never panics on bad bytes.
    pub fn read(r: &mut Reader) -> Result<Weights, Error> {
        let bits = r.byte("bits")?;
        if !(8..=MAX_BITS).contains(&bits) {
            return Err(Error::Corrupt(format!(
                "table size 2^{bits} is out of range"
            )));
        }
        let tags = r.byte("tags")?;
        let scale = r.f32("scale")?;
        if !scale.is_finite() {
            return Err(Error::Corrupt("weight scale is not finite".into()));
        }
        let count = r.u32("bucket count")? as usize;
        // Each bucket takes at least 2 bytes; refuse counts the file cannot hold.
        if count > r.remaining() / 2 {
            return Err(Error::Truncated("bucket list"));
        }
        let mut ids = Vec::with_capacity(count);
        let mut id = 0u32;
        for i in 0..count {
            let gap = r.varint("bucket id")?;
            id = if i == 0 {
                gap
            } else {
                id.checked_add(gap)
                    .ok_or_else(|| Error::Corrupt("bucket id overflows".into()))?
            };
            if id >= 1u32 << bits || (i > 0 && gap == 0) {
                return Err(Error::Corrupt(format!(
                    "bucket id {id} is out of order or range"
                )));
            }
            ids.push(id);
        }
        let counts = r.take(count, "entry counts")?;
        let total: usize = counts.iter().map(|&n| usize::from(n)).sum();
        let tag_column = r.take(total, "tags")?;
        let code_column = r.take(total, "weights")?;
        let mut grouped = Vec::with_capacity(count);
        let mut at = 0;
        for (&id, &n) in ids.iter().zip(counts) {
            let end = at + usize::from(n);
            let mut es = Vec::with_capacity(usize::from(n));
            for (&t, &code) in tag_column[at..end].iter().zip(&code_column[at..end]) {
                if t >= tags {
                    return Err(Error::Corrupt(format!("tag {t} out of range")));
                }
                // Tags come in order, each once (as `write` puts them), so
                // every way of scoring a bucket sums the same weights.
                if es.last().is_some_and(|&(prev, _)| prev >= t) {
                    return Err(Error::Corrupt(format!("tag {t} repeated or out of order")));
                }
                es.push((t, decode(code_of_byte(code))));
            }
            grouped.push((id, es));
            at = end;
        }
        Ok(Self::build(bits, tags, scale, grouped))
    }
}

/// Starts fetching the cache line that holds `item`, with the x86-64
/// prefetch instruction; does nothing elsewhere.
#[inline(always)]
pub fn fetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (item as *const T).cast(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}

/// Code `q` rounded to the nearest multiple of `step` (ties away from
/// zero), within ±127.
fn coarse(q: i8, step: u8) -> i8 {
    let (q, step) = (i32::from(q), i32::from(step.max(1)));
    let half = step / 2;
    let r = if q >= 0 {
        (q + half) / step * step
    } else {
        -((-q + half) / step * step)
    };
    // Within ±127 by the clamp, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let r = r.clamp(-127, 127) as i8;
    r
}

/// The 8-bit code of a weight (see the module documentation).
// `m` is in 0..=127 (clamped), so the cast is exact.
#[allow(clippy::cast_possible_truncation)]
fn encode(w: i16) -> i8 {
    let m = (f64::from(w.unsigned_abs()) / 32767.0).sqrt() * 127.0;
    let q = m.round().min(127.0) as i8;
    if w < 0 {
        -q
    } else {
        q
    }
}

/// A code as the byte the file and `Weights::codes` hold: the same
/// bits (two's complement), on purpose.
#[allow(clippy::cast_sign_loss)]
#[inline(always)]
fn byte_of_code(q: i8) -> u8 {
    q as u8
}

/// The code a byte of the file stands for: [`byte_of_code`] undone.
#[allow(clippy::cast_possible_wrap)]
#[inline(always)]
fn code_of_byte(b: u8) -> i8 {
    b as i8
}

/// The weight a code stands for.
// `m` is at most 32767 for every code a writer makes (|q| ≤ 127); code
// -128, from a stray byte 0x80, saturates to 32767, as `as` always did.
#[allow(clippy::cast_possible_truncation)]
fn decode(q: i8) -> i16 {
    let m = (f64::from(q.unsigned_abs()) / 127.0).powi(2) * 32767.0;
    let w = m.round() as i16;
    if q < 0 {
        -w
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_the_largest_weights() {
        let w = Weights::from_triples(
            10,
            3,
            vec![(1, 0, 1.0), (2, 2, -0.5), (3, 1, 0.25), (9, 1, -2.0)],
        );
        assert_eq!(w.triples().len(), 4);
        let kept = w.largest(2);
        assert_eq!(kept.len(), 2);
        assert!(kept.get(9, 1) < -1.9 && kept.get(1, 0) > 0.9);
        assert_eq!((kept.get(2, 2), kept.get(3, 1)), (0.0, 0.0));
        assert_eq!(w.largest(10).triples().len(), 4);
    }

    // Test weights are within the i16 range.
    #[allow(clippy::cast_possible_truncation)]
    fn f32_to_i16(x: f32) -> i16 {
        x.round() as i16
    }

    #[test]
    fn coarser_codes_are_multiples_of_the_step() {
        assert_eq!(
            [coarse(3, 8), coarse(4, 8), coarse(-4, 8), coarse(-12, 8), coarse(126, 8)],
            [0, 8, -8, -16, 127]
        );
        let triples: Vec<(u32, u8, f32)> = (0..200u32)
            .map(|i| (i / 3, (i % 3) as u8, (i as f32 - 100.0).powi(3)))
            .collect();
        let w = Weights::from_triples(8, 3, triples);
        assert_eq!(bytes_of(&w.coarsened(1)), bytes_of(&w));
        let coarse8 = w.coarsened(8);
        assert!(coarse8.len() < w.len(), "small weights round to zero");
        assert_eq!(bytes_of(&coarse8.coarsened(8)), bytes_of(&coarse8));
        for (b, t, x) in coarse8.triples() {
            let q = encode(f32_to_i16(x / coarse8.scale));
            assert!(q % 8 == 0 || q.abs() == 127, "{b} {t}: code {q}");
            // Never further than half a step from the weight it stood for.
            let was = f64::from(encode(f32_to_i16(w.get(b, t) / w.scale)));
            assert!((f64::from(q) - was).abs() <= 4.0, "{b} {t}");
        }
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!((decode(1), decode(10), decode(127)), (2, 203, 32767));
        for q in -127..=127i8 {
            assert_eq!(encode(decode(q)), q);
        }
        assert_eq!(encode(-32767), -127);
    }

    fn sample() -> Weights {
        Weights::from_triples(
            12,
            5,
            vec![(7, 1, 0.5), (7, 3, -1.0), (4000, 0, 2.0), (300, 4, 0.25)],
        )
    }

    #[test]
    fn scores_and_round_trips() {
        let w = sample();
        assert_eq!(w.len(), 4);
        assert!(
            (w.get(7, 3) + 1.0).abs() < 0.02,
            "8-bit codes keep weights within 1% of the largest"
        );
        assert_eq!(w.get(8, 3), 0.0);
        let bytes = bytes_of(&w);
        let back = Weights::read(&mut Reader::new(&bytes)).unwrap();
        assert_eq!(bytes_of(&back), bytes, "write → read → write is identical");
        let mut s = [0i32; 5];
        back.add(7, &mut s);
        assert!(s[1] > 0 && s[3] < 0 && s[0] == 0);
    }

    fn bytes_of(w: &Weights) -> Vec<u8> {
        let mut out = Vec::new();
        w.write(&mut out);
        out
    }

    #[test]
    fn dense_rows_score_like_sparse_ones() {
        let triples: Vec<(u32, u8, f32)> = (0..20)
            .map(|t| (9, t, t as f32 - 10.0))
            .chain([(3, 2, 4.0)])
            .collect();
        let w = Weights::from_triples(10, 20, triples);
        let mut s = [0i32; 20];
        w.add(9, &mut s);
        w.add(3, &mut s);
        assert!(s[0] < 0 && s[10] == 0 && s[19] > 0 && s[2] < 0);
        assert!((w.get(9, 19) - 9.0).abs() < 0.1);
        let bytes = bytes_of(&w);
        assert_eq!(
            bytes_of(&Weights::read(&mut Reader::new(&bytes)).unwrap()),
            bytes
        );
    }

    #[test]
    fn every_stored_bucket_is_found_and_no_other() {
        // Buckets in several blocks, at both ends of a block, and rows
        // of every kind (inline, in `entries`, dense), in tables with
        // slots (73 tags) and packed rows (5 tags).
        for tags in [73u8, 5] {
            let mut triples = Vec::new();
            for (k, b) in (0u8..).zip([0u32, 1, 63, 64, 65, 127, 500, 4095]) {
                for t in 0..(k * 2 + 1).min(tags) {
                    // A value per bucket and tag, so a wrong row shows.
                    triples.push((b, t, 10.0 * f32::from(k) + f32::from(t) + 10.0));
                }
            }
            let w = Weights::from_triples(12, tags, triples.clone());
            for &(b, t, v) in &triples {
                let got = w.get(b, t);
                assert!(
                    (got - v).abs() < 0.05 * v,
                    "{tags} tags: ({b}, {t}) {got} vs {v}"
                );
            }
            for b in [2u32, 62, 66, 128, 499, 501, 4094] {
                let mut s = vec![0i32; tags as usize];
                w.add(b, &mut s);
                assert!(
                    s.iter().all(|&x| x == 0),
                    "{tags} tags: bucket {b} is empty"
                );
            }
        }
    }

    #[test]
    fn tables_larger_than_the_limit_are_refused() {
        let mut bytes = bytes_of(&sample());
        bytes[0] = MAX_BITS + 1;
        assert!(Weights::read(&mut Reader::new(&bytes)).is_err());
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let bytes = bytes_of(&sample());
        for cut in 0..bytes.len() {
            let mut r = Reader::new(&bytes[..cut]);
            assert!(Weights::read(&mut r).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        for i in 0..flipped.len() {
            flipped[i] ^= 0x5a;
            let _ = Weights::read(&mut Reader::new(&flipped));
            flipped[i] ^= 0x5a;
        }
    }
}
