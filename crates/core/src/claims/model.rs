//! The trained claims model and its file format.
//!
//! ```text
//! "SIFT-CLAIMS\n"   magic line
//! u32 version       [`VERSION`]
//! i32 cue margin    subtracted from the "outside" score of each token
//! weights           the cue tagger's table (3 tags), see linear::weights
//! weights           the role tagger's table (5 tags)
//! ```
//! A model whose role tagger reads the dependency tree ([`super::tree`])
//! is written as version [`SYNTAX_VERSION`], with the same layout.
//! Loading checks every length before reading, so a truncated or
//! corrupted file is an error, never a panic.

use super::assemble;
use super::decode::{self, Scratch};
use super::features::{Cue, CUE_DYNAMIC, CUE_OWN};
use super::found::Found;
use super::passes::{Context, Passes};
use super::prepared::{Prepared, Words};
use super::{rules, tags};
use crate::annotation::{Claim, Entity};
use crate::error::Error;
use crate::linear::bytes::{write_header, Reader};
use crate::linear::{
    argmax::{best, tag_id},
    memo::Memo,
    weights::Weights,
};
use crate::syntax::Parse;
use crate::tokenize::Tokens;

const MAGIC: &str = "SIFT-CLAIMS\n";
/// The model file format version this build reads and writes.
pub const VERSION: u32 = 3;
/// The version of a model that reads syntax.
pub const SYNTAX_VERSION: u32 = 4;

/// A claims model: a cue tagger and a cue-conditioned role tagger.
#[derive(Debug, Clone)]
pub struct Model {
    /// How much less a cue word must score than "outside" to be left out,
    /// in the cue table's quantised units: the perceptron is trained for
    /// accuracy, and PolNeAR rewards finding more cues than that gives.
    cue_margin: i32,
    cue: Weights,
    role: Weights,
    /// Whether the role tagger was trained with the syntax features (and
    /// so needs a parse).
    reads_syntax: bool,
    /// The rewrites after the taggers that run (all, unless measuring).
    passes: Passes,
}

impl Model {
    /// A model without weights: [`Model::find`] falls back to the
    /// rule-based finder, so an annotator works before a model is loaded.
    pub fn empty() -> Self {
        Model {
            cue_margin: 0,
            cue: Weights::from_triples(8, tag_id(tags::CUE_TAGS), Vec::new()),
            role: Weights::from_triples(8, tag_id(tags::ROLE_TAGS), Vec::new()),
            reads_syntax: false,
            passes: Passes::default(),
        }
    }

    /// Wraps trained tables; `cue_margin` is in the cue table's units.
    pub fn from_weights(cue: Weights, role: Weights, cue_margin: i32) -> Self {
        Model {
            cue_margin,
            cue,
            role,
            reads_syntax: false,
            passes: Passes::default(),
        }
    }

    /// This model, marked as reading syntax (trained with it) or not.
    pub fn reading_syntax(mut self, reads: bool) -> Self {
        self.reads_syntax = reads;
        self
    }

    /// This model with only `passes` of the rewrites after the taggers (for
    /// measuring what each buys; the file does not keep it).
    pub fn with_passes(mut self, passes: Passes) -> Self {
        self.passes = passes;
        self
    }

    /// The rewrites after the taggers that run.
    pub fn passes(&self) -> Passes {
        self.passes
    }

    /// Whether the role tagger reads the dependency tree.
    pub fn reads_syntax(&self) -> bool {
        self.reads_syntax
    }

    /// Reads a model file (layout above).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let reads_syntax = match r.header(MAGIC, VERSION) {
            Ok(()) => false,
            Err(Error::BadVersion {
                found: SYNTAX_VERSION,
                ..
            }) => true,
            Err(e) => return Err(e),
        };
        let cue_margin = i32::from_le_bytes(r.array("cue margin")?);
        let cue = Weights::read(&mut r)?;
        let role = Weights::read(&mut r)?;
        r.finish()?;
        Ok(Model {
            cue_margin,
            cue,
            role,
            reads_syntax,
            passes: Passes::default(),
        })
    }

    /// Writes the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let version = if self.reads_syntax {
            SYNTAX_VERSION
        } else {
            VERSION
        };
        write_header(&mut out, MAGIC, version);
        out.extend_from_slice(&self.cue_margin.to_le_bytes());
        self.cue.write(&mut out);
        self.role.write(&mut out);
        out
    }

    /// True for the model without weights (rule-based fallback).
    pub fn is_empty(&self) -> bool {
        self.cue.is_empty()
    }

    /// The cue tagger's weights.
    pub fn cue_weights(&self) -> &Weights {
        &self.cue
    }

    /// The role tagger's weights.
    pub fn role_weights(&self) -> &Weights {
        &self.role
    }

    /// Finds the claims in `text`, tokenised as `tokens`, with its entity
    /// layer. Never panics.
    pub fn find(&self, text: &str, tokens: &Tokens, entities: &[Entity]) -> Vec<Claim> {
        self.find_cached(text, tokens, entities, None, &Cache::default())
    }

    /// [`Model::find`] with the text's parse (read when the model reads
    /// syntax), reusing the score rows `cache` kept from earlier texts (a
    /// cache must serve one model only).
    pub fn find_cached(
        &self,
        text: &str,
        tokens: &Tokens,
        entities: &[Entity],
        parse: Option<&Parse>,
        cache: &Cache,
    ) -> Vec<Claim> {
        if self.is_empty() {
            let mut claims = rules::find(text, tokens, entities);
            let cx = Context {
                text,
                tokens,
                rules: &[],
            };
            self.passes.on_rule_claims(&cx, &mut claims);
            return claims;
        }
        let mut kept = cache.kept.lock().unwrap_or_else(|e| e.into_inner());
        let (own, dynamic, words) = &mut *kept;
        if own.len() + dynamic.len() > Cache::ROWS || words.len() > Cache::ROWS {
            // New maps, not cleared ones, which would keep their capacity.
            *own = Memo::default();
            *dynamic = Memo::default();
            *words = Words::default();
        }
        let mut p = Prepared::with_words(text, tokens, entities, words);
        if let (true, Some(parse)) = (self.reads_syntax, parse) {
            p = p.with_tree(parse);
        }
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        let mut found = Vec::new();
        for sent in tokens.sentences.iter() {
            let mut scores = [0i32; tags::CUE_TAGS];
            decode::cues(
                &p,
                sent.clone(),
                self.cue.bits(),
                &mut scratch,
                &mut out,
                |_, feats, allowed| {
                    scores.fill(0);
                    let (word, rest) = feats.split_at(CUE_OWN);
                    // The context features, those read from the tree
                    // included, then the ones that read the previous tag.
                    let (context, history) = rest.split_at(rest.len() - CUE_DYNAMIC);
                    self.cue.prefetch(context);
                    own.add(&self.cue, word, &mut scores);
                    dynamic.add(&self.cue, history, &mut scores);
                    for &b in context {
                        self.cue.add(b, &mut scores);
                    }
                    // The margin opens cues; it does not lengthen them.
                    if !allowed(tags::CUE_I) {
                        scores[usize::from(tags::O)] =
                            scores[usize::from(tags::O)].saturating_sub(self.cue_margin);
                    }
                    best(&scores, allowed)
                },
            );
            found.extend(
                tags::cue_spans(&out, sent.start)
                    .into_iter()
                    .map(|cue| Found {
                        cue,
                        source: Vec::new(),
                        content: Vec::new(),
                    }),
            );
        }
        for f in &mut found {
            let cue = Cue::new(&p, f.cue.clone());
            let window = cue.window(&p);
            let mut scores = [0i32; tags::ROLE_TAGS];
            decode::roles(
                &p,
                &cue,
                window.clone(),
                self.role.bits(),
                &mut scratch,
                &mut out,
                |_, feats, allowed| {
                    scores.fill(0);
                    self.role.add_all(feats, &mut scores);
                    best(&scores, allowed)
                },
            );
            (f.source, f.content) = tags::role_spans(&out, window.start);
        }
        let mut claims = assemble::claims(&p, &found);
        let rules = rules::find(text, tokens, entities);
        let cx = Context {
            text,
            tokens,
            rules: &rules,
        };
        self.passes.on_claims(&cx, &mut claims);
        claims
    }
}

/// The cue tagger's score rows of words' own features and of the features
/// that add the previous tag, and what both taggers need of each distinct
/// word, kept from one text to the next (by an
/// [`crate::pipeline::Annotator`]): words repeat, within a text and across
/// texts, so most are worked out once. A row depends only on its feature
/// buckets and a word's facts only on the word, so the cache changes no
/// output. Cloning gives an empty cache.
#[derive(Debug, Default)]
pub struct Cache {
    kept: std::sync::Mutex<(CueMemo, CueMemo, Words)>,
}

type CueMemo = Memo<i32, { tags::CUE_TAGS }>;

impl Cache {
    /// Rows, and words, kept at most (about 8 MB in all); past that the
    /// cache starts over.
    const ROWS: usize = 65_536;
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Cache::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        Model::from_weights(
            Weights::from_triples(12, 3, vec![(5, 1, 0.5), (900, 2, -1.0)]),
            Weights::from_triples(14, 5, vec![(7, 4, 2.0), (3000, 0, 0.25), (3001, 3, -0.5)]),
            -3,
        )
    }

    #[test]
    fn file_round_trip_is_identical() {
        let bytes = sample().to_bytes();
        assert!(bytes.starts_with(b"SIFT-CLAIMS\n"));
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes, "write → read → write is identical");
        let empty = Model::from_bytes(&Model::empty().to_bytes()).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn a_model_that_reads_syntax_says_so_in_its_version() {
        let plain = sample().to_bytes();
        let reading = sample().reading_syntax(true).to_bytes();
        assert_eq!(plain[12..16], VERSION.to_le_bytes());
        assert_eq!(reading[12..16], SYNTAX_VERSION.to_le_bytes());
        assert_eq!(plain[16..], reading[16..], "the same layout");
        assert!(!Model::from_bytes(&plain).unwrap().reads_syntax());
        let back = Model::from_bytes(&reading).unwrap();
        assert!(back.reads_syntax());
        assert_eq!(back.to_bytes(), reading);
        // Given a parse, it reads the tree; given none, it still runs.
        let text = "Iran denied it, officials said.";
        let tokens = Tokens::new(text);
        let parse = crate::syntax::Model::empty().parse(text, &tokens);
        back.find_cached(text, &tokens, &[], Some(&parse), &Cache::default());
        back.find(text, &tokens, &[]);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(Model::from_bytes(&longer), Err(Error::Corrupt(_))));
        assert!(matches!(
            Model::from_bytes(b"SIFT-NER\n\x02\0\0\0"),
            Err(Error::BadMagic { .. })
        ));
        let mut v2 = bytes.clone();
        v2[12] = 9;
        assert_eq!(Model::from_bytes(&bytes).unwrap().cue_margin, -3);
        assert!(matches!(
            Model::from_bytes(&v2),
            Err(Error::BadVersion { found: 9, .. })
        ));
        let mut flipped = bytes.clone();
        for i in 0..flipped.len() {
            flipped[i] ^= 0x5a;
            if let Ok(m) = Model::from_bytes(&flipped) {
                // Whatever loads must also run without panicking.
                let text = "Iran denied it, officials said.";
                m.find(text, &Tokens::new(text), &[]);
            }
            flipped[i] ^= 0x5a;
        }
    }

    #[test]
    fn any_input_runs() {
        let m = sample();
        for text in [
            "",
            " ",
            "“",
            "said",
            "\u{202e}said “x",
            "a.\n\n“b,” c said. reportedly",
        ] {
            m.find(text, &Tokens::new(text), &[]);
        }
    }
}
