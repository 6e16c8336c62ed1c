//! The syntax stage: a part-of-speech tagger and a dependency parser over
//! Sift's own sentences and tokens, both linear models trained by
//! `sift-train` on OntoNotes' gold trees (see `models/README.md`).
//!
//! Tags and labels are those of `shared/data/ontonotes/*.deps.conll.gz`
//! ([`labels`]); trees are projective, every token has one head, and a
//! sentence's root words hang from no token.
//!
//! The model file:
//!
//! ```text
//! magic "SIFT-SYNTAX\n", u32 version   [`VERSION`]
//! clusters  word clusters, as in the entity model's file
//! weights   the tagger's, one tag per part of speech
//! weights   the parser's kinds of move, SHIFT / LEFT / RIGHT (see `state`)
//! weights   the parser's arc labels, one tag per label
//! ```
//! (each table as in `linear::weights`, the clusters as in
//! `linear::clusters`).

pub mod labels;
crate::internal! {
    mod oracle;
    mod parser;
    mod state;
    mod tagger;
    mod words;
}

use crate::error::Error;
use crate::linear::argmax::tag_id;
use crate::linear::bytes::{write_header, Reader};
use crate::linear::clusters::Clusters;
use crate::linear::weights::Weights;
use crate::tokenize::Tokens;
use state::{State, KINDS};
use words::Word;

const MAGIC: &str = "SIFT-SYNTAX\n";
/// The model file format version this build reads and writes.
pub const VERSION: u32 = 3;

/// The syntax of a text: for each token of its [`Tokens`], a part of
/// speech, a head and a label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parse {
    /// Each token's part of speech, an index into [`labels::POS`].
    pub tags: Vec<u8>,
    /// Each token's head, an index into the same tokens; `None` for a
    /// sentence's root words.
    pub heads: Vec<Option<u32>>,
    /// Each token's dependency label, an index into [`labels::DEPRELS`].
    pub labels: Vec<u8>,
}

impl Parse {
    /// The part of speech of token `i`.
    pub fn pos(&self, i: usize) -> &'static str {
        labels::POS[self.tags[i] as usize]
    }

    /// The dependency label of token `i`.
    pub fn deprel(&self, i: usize) -> &'static str {
        labels::DEPRELS[self.labels[i] as usize]
    }
}

/// A trained tagger and parser.
#[derive(Debug, Clone)]
pub struct Model {
    clusters: Clusters,
    tagger: Weights,
    moves: Weights,
    labels: Weights,
}

/// The tagger's score rows of words' own features, kept from one text to
/// the next (by an [`crate::pipeline::Annotator`]): words repeat, and
/// their rows are summed once.
#[derive(Debug, Default)]
pub struct Cache {
    own: std::sync::Mutex<tagger::OwnRows>,
}

impl Cache {
    /// Rows kept at most (196 bytes each, about 3 MB in all); past that
    /// the cache starts over.
    const ROWS: usize = 16_384;
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Cache::default()
    }
}

/// A model's three weight tables.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    /// The tagger's, one tag per part of speech.
    pub tagger: &'a Weights,
    /// The parser's kinds of move.
    pub moves: &'a Weights,
    /// The parser's arc labels.
    pub labels: &'a Weights,
}

impl Model {
    /// A model with no weights: every tag is the first, every tree a chain
    /// of SHIFTs and root attachments. For tests, and before a model loads.
    pub fn empty() -> Self {
        Model::from_parts(
            Clusters::default(),
            Weights::from_triples(8, tag_id(labels::POS.len()), Vec::new()),
            Weights::from_triples(8, tag_id(KINDS), Vec::new()),
            Weights::from_triples(8, tag_id(labels::DEPRELS.len()), Vec::new()),
        )
    }

    /// A model from its clusters and three weight tables (as training
    /// builds them): the tagger's, the parser's kinds of move, its labels.
    pub fn from_parts(
        clusters: Clusters,
        tagger: Weights,
        moves: Weights,
        labels: Weights,
    ) -> Self {
        Model {
            clusters,
            tagger,
            moves,
            labels,
        }
    }

    /// The word clusters.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// True for the model without weights.
    pub fn is_empty(&self) -> bool {
        self.tagger.is_empty() && self.moves.is_empty() && self.labels.is_empty()
    }

    /// The weight tables.
    pub fn weights(&self) -> Tables<'_> {
        Tables {
            tagger: &self.tagger,
            moves: &self.moves,
            labels: &self.labels,
        }
    }

    /// Reads a model file (see the module comment); never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        r.header(MAGIC, VERSION)?;
        let clusters = Clusters::read(&mut r)?;
        let tagger = Weights::read(&mut r)?;
        let moves = Weights::read(&mut r)?;
        let arc_labels = Weights::read(&mut r)?;
        r.finish()?;
        for (table, what, want) in [
            (&tagger, "tagger", labels::POS.len()),
            (&moves, "parser's moves", KINDS),
            (&arc_labels, "parser's labels", labels::DEPRELS.len()),
        ] {
            if table.tags() as usize != want {
                return Err(Error::Corrupt(format!(
                    "the {what} has {} tags, not {want}",
                    table.tags()
                )));
            }
        }
        Ok(Model::from_parts(clusters, tagger, moves, arc_labels))
    }

    /// Writes the model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        write_header(&mut out, MAGIC, VERSION);
        self.clusters.write(&mut out);
        self.tagger.write(&mut out);
        self.moves.write(&mut out);
        self.labels.write(&mut out);
        out
    }

    /// Tags and parses every sentence of `text`, tokenised as `tokens`.
    pub fn parse(&self, text: &str, tokens: &Tokens) -> Parse {
        self.parse_cached(text, tokens, &Cache::default())
    }

    /// [`Model::parse`], reusing the tagger's score rows `cache` kept from
    /// earlier texts (a cache must serve one model only).
    pub fn parse_cached(&self, text: &str, tokens: &Tokens, cache: &Cache) -> Parse {
        let mut own = cache.own.lock().unwrap_or_else(|e| e.into_inner());
        if own.len() > Cache::ROWS {
            // A new map, not a cleared one, which would keep its capacity.
            *own = tagger::OwnRows::default();
        }
        let n = tokens.tokens.len();
        let mut out = Parse {
            tags: Vec::with_capacity(n),
            heads: Vec::with_capacity(n),
            labels: Vec::with_capacity(n),
        };
        let mut words = Vec::new();
        let mut buf = String::new();
        let mut state = State::default();
        let mut tags = Vec::new();
        for sentence in &tokens.sentences {
            words.clear();
            words.extend(
                tokens.tokens[sentence.clone()]
                    .iter()
                    .map(|r| Word::new(&text[r.clone()], &self.clusters, &mut buf)),
            );
            tags.clear();
            tagger::tag_cached(&self.tagger, &words, &mut own, &mut tags);
            parser::parse(&self.moves, &self.labels, &words, &tags, &mut state);
            let root = state.n;
            let start = u32::try_from(sentence.start).expect("a text has fewer than 2^32 tokens");
            out.tags.extend_from_slice(&tags);
            out.heads.extend(
                state
                    .heads
                    .iter()
                    .map(|&h| (h != root && h != state::NONE).then_some(start + h)),
            );
            out.labels.extend_from_slice(&state.labels);
        }
        // Tokens outside every sentence (there are none today) get a tag and
        // no head, so the lists always match the tokens.
        while out.tags.len() < n {
            out.tags.push(0);
            out.heads.push(None);
            out.labels.push(labels::ROOT);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_model_gives_every_token_a_tag_and_a_tree() {
        let text = "Moscow denied it. Tehran, too.\n\nAnd";
        let tokens = Tokens::new(text);
        let p = Model::empty().parse(text, &tokens);
        assert_eq!(p.tags.len(), tokens.tokens.len());
        assert_eq!(p.heads.len(), tokens.tokens.len());
        for (s, sentence) in tokens.sentences.iter().enumerate() {
            for i in sentence.clone() {
                if let Some(h) = p.heads[i] {
                    assert!(
                        sentence.contains(&(h as usize)),
                        "sentence {s}: head outside"
                    );
                }
            }
        }
    }

    #[test]
    fn files_round_trip_and_bad_bytes_fail_cleanly() {
        let bytes = Model::empty().to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        for cut in 0..bytes.len() {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_err());
        assert!(Model::from_bytes(&crate::ner::Model::empty().to_bytes()).is_err());
    }
}
