//! Training and evaluation for Sift's models (native only).
//!
//! [`ner`] trains the entity model. [`score`] holds Rust ports of the
//! reference scorers in `shared/tools` (`score_ner.py`, `score_claims.py`),
//! so that Sift's own evaluation prints the same figures, byte for byte, as
//! the scripts.

pub mod claims;
pub mod clusters;
pub mod error;
pub mod kept;
pub mod ner;
pub mod perceptron;
pub mod score;
pub mod syntax;

pub use error::Error;

/// A document id as the scripts read it: a string as it is, anything else
/// (a number) as its JSON text.
pub fn doc_id(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
