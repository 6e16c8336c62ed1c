//! The entity model: a left-to-right beam-search tagger over BILOU tags
//! with a linear model of hashed features (an averaged perceptron when
//! trained by `sift-train`).
//!
//! Decoding is shared by prediction and training (`beam`), so the two
//! can never disagree about features or constraints.

pub(crate) mod credit;
pub(crate) mod surnames;
crate::internal! {
    mod beam;
    mod features;
    mod gazetteer;
    mod tags;
}

use std::ops::Range;

use crate::annotation::Entity;
use crate::annotation::Label;
use crate::error::Error;
use crate::linear::argmax::tag_id;
use crate::linear::bytes::{write_header, Reader};
use crate::linear::clusters::Clusters;
use crate::linear::hash;
use crate::linear::weights::{self, Weights};
use crate::tokenize::Tokens;
use beam::Beam;
use features::Scratch;
use gazetteer::Gazetteer;
use tags::Part;

pub use beam::Memory;

const MAGIC: &str = "SIFT-NER\n";
/// The model file format version this build reads and writes.
pub const VERSION: u32 = 7;

/// A trained entity model.
#[derive(Debug, Clone)]
pub struct Model {
    weights: Weights,
    clusters: Clusters,
    gazetteer: Gazetteer,
    history: HistoryTables,
}

impl Model {
    /// A model that finds nothing (for tests and before a model is loaded).
    pub fn empty() -> Self {
        Model::from_parts(
            Weights::from_triples(8, tag_id(tags::COUNT), Vec::new()),
            Clusters::default(),
            Gazetteer::default(),
        )
    }

    /// Wraps trained weights and the clusters and gazetteer their
    /// features used.
    pub fn from_parts(weights: Weights, clusters: Clusters, gazetteer: Gazetteer) -> Self {
        let history = HistoryTables::new(&weights);
        Model {
            weights,
            clusters,
            gazetteer,
            history,
        }
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The word clusters.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Reads a model file: the magic line `SIFT-NER`, a version, the
    /// weights (see `linear::weights`), the word clusters (see `linear::clusters`) and
    /// the gazetteer (see `gazetteer`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        r.header(MAGIC, VERSION)?;
        let weights = Weights::read(&mut r)?;
        let clusters = Clusters::read(&mut r)?;
        let gazetteer = Gazetteer::read(&mut r)?;
        r.finish()?;
        Ok(Model::from_parts(weights, clusters, gazetteer))
    }

    /// Writes the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        write_header(&mut out, MAGIC, VERSION);
        self.weights.write(&mut out);
        self.clusters.write(&mut out);
        self.gazetteer.write(&mut out);
        out
    }

    /// The weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// True for the model that finds nothing.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Finds the entities in `text`, tokenised as `tokens`.
    pub fn predict(&self, text: &str, tokens: &Tokens) -> Vec<Entity> {
        self.predict_cached(text, tokens, &Cache::default())
    }

    /// [`Model::predict`], reusing the word scores `cache` kept from
    /// earlier texts (a cache must serve one model only).
    pub fn predict_cached(&self, text: &str, tokens: &Tokens, cache: &Cache) -> Vec<Entity> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut kept = cache.kept.lock().unwrap_or_else(|e| e.into_inner());
        let (own, scratch) = &mut *kept;
        if scratch.words() > Cache::WORDS {
            // New tables, not cleared ones, which would keep their capacity.
            *own = OwnRows::default();
            scratch.forget_words();
        }
        let mut memory = Memory::default();
        let mut beam = Beam::default();
        let mut tags = Vec::new();
        let mut entities = Vec::new();
        let mut score = Cached {
            weights: &self.weights,
            tables: &self.history,
            own,
            next: None,
            after: None,
        };
        for sentence in &tokens.sentences {
            let toks = &tokens.tokens[sentence.clone()];
            scratch.fill(text, toks, &self.clusters, &self.gazetteer);
            score.own.grow(scratch.words());
            // What `ahead` fetched belongs to this sentence only.
            score.next = None;
            score.after = None;
            beam.decode(scratch, toks.len(), &memory, &mut score, None, &mut tags);
            beam::remember(scratch, &tags, &mut memory);
            spans(&tags, toks, &mut entities);
        }
        entities
    }
}

/// Score rows of words' own features, by [`Scratch::word_id`]: a word's
/// row is then a read at a known place, which can be fetched ahead,
/// rather than a second hash-map probe after the scratch's.
#[derive(Debug, Default)]
struct OwnRows {
    rows: Vec<[i32; tags::COUNT]>,
    /// Whether each row has been summed yet.
    ready: Vec<bool>,
}

impl OwnRows {
    /// Makes room for `words` words.
    fn grow(&mut self, words: usize) {
        if self.rows.len() < words {
            self.rows.resize(words, [0; tags::COUNT]);
            self.ready.resize(words, false);
        }
    }
}

/// What the tagger works out per distinct word, kept from one text to the
/// next (by an [`crate::pipeline::Annotator`]): the word's hashes (in the
/// `features::Scratch`) and the scores of its own features. A common word then
/// costs one read instead of normalising, hashing and `features::OWN`
/// table lookups in every text, not just the first time in each. Both
/// depend on nothing but the word, so the cache changes no output.
/// Cloning gives an empty cache.
#[derive(Debug, Default)]
pub struct Cache {
    kept: std::sync::Mutex<(OwnRows, Scratch)>,
}

impl Cache {
    /// Words kept at most (about 7 MB); past that the cache starts over.
    const WORDS: usize = 16_384;
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Cache::default()
    }
}

/// The summed score rows of the two features that depend only on the
/// previous tags (`prev1`, and the pair `prev2`, `prev1`), computed once
/// per model. Only pairs the tag constraints allow are kept, which keeps
/// the table small enough to stay in the CPU's caches.
#[derive(Debug, Clone)]
struct HistoryTables {
    /// Row index of each (`prev2`, `prev1`) pair, `COUNT` standing for
    /// none; pairs that cannot occur share the zero row 0.
    index: Vec<u16>,
    rows: Vec<[f32; tags::COUNT]>,
}

impl HistoryTables {
    fn new(weights: &Weights) -> Self {
        let bits = weights.bits();
        let n = tags::COUNT + 1;
        let code = |t: usize| if t == tags::COUNT { u8::MAX } else { tag_id(t) };
        let tag = |t: usize| (t < tags::COUNT).then_some(tag_id(t));
        let mut index = vec![0u16; n * n];
        let mut rows = vec![[0f32; tags::COUNT]];
        for p2 in 0..n {
            for p1 in 0..n {
                let possible = match (tag(p2), tag(p1)) {
                    (None, None) => true,
                    (Some(_), None) => false,
                    (prev, Some(t)) => tags::mask(prev, false)[t as usize],
                };
                if !possible {
                    continue;
                }
                let mut row = [0f32; tags::COUNT];
                weights.add(
                    hash::bucket(hash::mix(40, &[u64::from(code(p1))]), bits),
                    &mut row,
                );
                weights.add(
                    hash::bucket(
                        hash::mix(41, &[u64::from(code(p2)), u64::from(code(p1))]),
                        bits,
                    ),
                    &mut row,
                );
                index[p2 * n + p1] = u16::try_from(rows.len()).expect("at most 74 * 74 + 1 rows");
                rows.push(row);
            }
        }
        HistoryTables { index, rows }
    }

    /// The summed row of `prev1` and (`prev2`, `prev1`).
    fn row(&self, prev1: Option<u8>, prev2: Option<u8>) -> &[f32; tags::COUNT] {
        let n = tags::COUNT + 1;
        let at = |t: Option<u8>| t.map_or(tags::COUNT, |t| (t as usize).min(tags::COUNT));
        &self.rows[usize::from(self.index[at(prev2) * n + at(prev1)])]
    }
}

/// The inference [`beam::Scorer`]: with the history tables a hypothesis
/// costs one table lookup instead of three, and a word seen before costs
/// one read for its [`features::OWN`] features. (Weights are whole numbers
/// well below 2^24, so sums are exact in any order, as integers or floats,
/// and the shortcuts change no score.)
struct Cached<'a> {
    weights: &'a Weights,
    tables: &'a HistoryTables,
    /// Score rows of the words' own features.
    own: &'a mut OwnRows,
    /// The buckets of the next token, worked out by [`beam::Scorer::ahead`]
    /// while the one before it was decoded, and its index.
    next: Option<(usize, TokenBuckets)>,
    /// The same for the token after that, whose bitmap lines `ahead` has
    /// started to fetch.
    after: Option<(usize, TokenBuckets)>,
}

type TokenBuckets = [u32; features::STATIC + features::MEMORY];

impl Cached<'_> {
    /// Where token `i`'s features to fetch start: past its own features
    /// when its word's row is kept.
    fn known(&self, scratch: &Scratch, i: usize) -> usize {
        if self.own.ready[scratch.word_id(i)] {
            features::OWN
        } else {
            0
        }
    }

    /// The bucket of [`Scratch::word_after`]; the other two history
    /// features are in [`HistoryTables`].
    fn pair(&self, scratch: &Scratch, i: usize, prev1: Option<u8>) -> u32 {
        hash::bucket(
            scratch.word_after(i, prev1.unwrap_or(u8::MAX)),
            self.weights.bits(),
        )
    }
}

impl beam::Scorer for Cached<'_> {
    fn token(
        &mut self,
        scratch: &Scratch,
        i: usize,
        memory: &Memory,
        row: &mut [f32; tags::COUNT],
    ) {
        let buckets = match self.next.take() {
            Some((at, buckets)) if at == i => buckets,
            _ => {
                let buckets = beam::token_buckets(scratch, i, memory, self.weights.bits());
                self.weights.prefetch(&buckets[features::OWN..]);
                buckets
            }
        };
        let (own, rest) = buckets.split_at(features::OWN);
        let id = scratch.word_id(i);
        let own_row = &mut self.own.rows[id];
        if !self.own.ready[id] {
            *own_row = [0; tags::COUNT];
            self.weights.add_all(own, own_row);
            self.own.ready[id] = true;
        }
        // Whole numbers add up as integers, with no conversion per row;
        // the sum is converted once.
        let mut sum = *own_row;
        for &b in rest {
            self.weights.add(b, &mut sum);
        }
        for (x, s) in row.iter_mut().zip(sum) {
            *x += s as f32;
        }
    }

    /// The next token's context features, its own too if its word is new,
    /// and its word after an outside tag, the likeliest history: their
    /// cache misses then overlap with decoding this token. Finding where
    /// a feature's weights lie reads the bitmap, so the token after next
    /// has its bitmap lines fetched now, for the same reason. (Going one
    /// token further, to fetch the dense rows that slots point to, was 5%
    /// slower: reading the slots early stalls.)
    fn ahead(&mut self, scratch: &Scratch, i: usize, memory: &Memory) {
        // Without a real prefetch instruction (WebAssembly), fetching this
        // early stalls more than it saves.
        if !cfg!(target_arch = "x86_64") {
            return;
        }
        let bits = self.weights.bits();
        let buckets = match self.after.take() {
            Some((at, buckets)) if at == i => buckets,
            _ => beam::token_buckets(scratch, i, memory, bits),
        };
        let from = self.known(scratch, i);
        if from > 0 {
            prefetch_row(&self.own.rows[scratch.word_id(i)]);
        }
        self.weights.prefetch(&buckets[from..]);
        self.weights.prefetch(&[self.pair(scratch, i, Some(0))]);
        self.next = Some((i, buckets));
        if i + 1 < scratch.len() {
            let later = beam::token_buckets(scratch, i + 1, memory, bits);
            let from = self.known(scratch, i + 1);
            self.weights.prefetch_index(&later[from..]);
            self.weights
                .prefetch_index(&[self.pair(scratch, i + 1, Some(0))]);
            self.after = Some((i + 1, later));
        }
    }

    fn will_score(&mut self, scratch: &Scratch, i: usize, prev1: Option<u8>, _prev2: Option<u8>) {
        self.weights.prefetch(&[self.pair(scratch, i, prev1)]);
    }

    fn history(
        &mut self,
        scratch: &Scratch,
        i: usize,
        prev1: Option<u8>,
        prev2: Option<u8>,
        base: &[f32; tags::COUNT],
        row: &mut [f32; tags::COUNT],
    ) {
        let pair = self.pair(scratch, i, prev1);
        let history = self.tables.row(prev1, prev2);
        for ((r, b), h) in row.iter_mut().zip(base).zip(history) {
            *r = b + h;
        }
        self.weights.add(pair, row);
    }
}

/// Starts fetching a score row's cache lines (x86-64 only).
#[inline]
fn prefetch_row(row: &[i32; tags::COUNT]) {
    // 16 numbers are a cache line.
    for line in row.chunks(16) {
        weights::fetch(&line[0]);
    }
}

/// Turns a sentence's tags into entities.
pub fn spans(tags: &[u8], tokens: &[Range<usize>], out: &mut Vec<Entity>) {
    let mut open: Option<(usize, Label)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tags::split(t) {
            (Part::Unit, Some(l)) => {
                out.push(Entity {
                    range: tokens[i].clone(),
                    label: l,
                });
                open = None;
            }
            (Part::Begin, Some(l)) => open = Some((i, l)),
            (Part::Last, Some(l)) => {
                if let Some((s, ol)) = open.take() {
                    if ol == l {
                        out.push(Entity {
                            range: tokens[s].start..tokens[i].end,
                            label: l,
                        });
                    }
                }
            }
            (Part::Inside, _) => {}
            _ => open = None,
        }
    }
}

/// The gold BILOU tags of a sentence, given its entities as token index
/// ranges.
pub fn gold_tags(n: usize, entities: &[(Range<usize>, Label)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for (r, l) in entities {
        if r.is_empty() || r.end > n {
            continue;
        }
        if r.len() == 1 {
            out[r.start] = tags::tag(Part::Unit, *l);
        } else {
            out[r.start] = tags::tag(Part::Begin, *l);
            for t in &mut out[r.start + 1..r.end - 1] {
                *t = tags::tag(Part::Inside, *l);
            }
            out[r.end - 1] = tags::tag(Part::Last, *l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_to_spans_and_back() {
        let toks = vec![0..8, 9..14, 15..20, 21..27];
        let gold = gold_tags(4, &[(0..2, Label::Person), (3..4, Label::Gpe)]);
        let mut out = Vec::new();
        spans(&gold, &toks, &mut out);
        assert_eq!(
            out,
            vec![
                Entity {
                    range: 0..14,
                    label: Label::Person
                },
                Entity {
                    range: 21..27,
                    label: Label::Gpe
                }
            ]
        );
    }

    #[test]
    fn empty_model_finds_nothing_and_loads_back() {
        let m = Model::empty();
        assert!(m
            .predict(
                "Putin went to Moscow.",
                &Tokens::new("Putin went to Moscow.")
            )
            .is_empty());
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.is_empty());
        assert!(Model::from_bytes(b"").is_err());
    }
}
