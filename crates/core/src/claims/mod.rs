//! The claim layer: cue, source, content, kind and hedges.
//!
//! Two finders share one output, [`Claim`]:
//! - the trained [`Model`]: a cue tagger over each sentence, then, for every
//!   cue, a tagger of its source and content over a window of sentences
//!   around it (both greedy linear taggers over hashed features, trained by
//!   `sift-train` on PolNeAR);
//! - the rule-based finder (`rules`), used while no trained model is
//!   loaded ([`Model::empty`]).
//!
//! The kind of a claim comes from its cue words (`cues`); hedges are
//! lexicon spans (`hedges`) attached to the claim they sit in, and a
//! hedged sentence without a cue is a claim without a source. The
//! `passes` then rewrite what the taggers found, one named rewrite each,
//! and `link` ties pronoun and role sources to an entity.

// A claim part is a list of ranges; a list of one range is what we mean.
#![allow(clippy::single_range_in_vec_init)]

mod assemble;
mod cues;
mod found;
mod hedges;
pub(crate) mod link;
mod model;
pub mod passes;
mod rules;
pub mod sources;
crate::internal! {
    mod decode;
    mod features;
    mod prepared;
    mod tags;
    mod tree;
}

use crate::annotation::{Claim, Entity};
use crate::tokenize::Tokens;

pub use cues::kind_of_cue;
pub use model::{Cache, Model, VERSION};

/// Finds the claims in `text` with the rule-based finder.
pub fn find(text: &str, tokens: &Tokens, entities: &[Entity]) -> Vec<Claim> {
    rules::find(text, tokens, entities)
}
