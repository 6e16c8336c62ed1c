//! The entity model.

use crate::annotate::Entity;
use crate::error::Error;
use crate::tokenize::Tokens;

/// A trained entity model.
#[derive(Debug, Clone, Default)]
pub struct Model {}

impl Model {
    /// A model that finds nothing (for tests and before a model is loaded).
    pub fn empty() -> Self {
        Model::default()
    }

    /// Reads a model file.
    pub fn from_bytes(_bytes: &[u8]) -> Result<Self, Error> {
        Ok(Model::default())
    }

    /// Finds the entities in `text`, tokenised as `tokens`.
    pub fn predict(&self, _text: &str, _tokens: &Tokens) -> Vec<Entity> {
        Vec::new()
    }
}
