//! The claim layer: cue, source, content, kind and hedges.

mod kind;

use crate::annotate::{Claim, Entity};
use crate::tokenize::Tokens;

pub use kind::ClaimKind;

/// Finds the claims in `text`.
pub fn find(_text: &str, _tokens: &Tokens, _entities: &[Entity]) -> Vec<Claim> {
    Vec::new()
}
