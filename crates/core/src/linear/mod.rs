//! The machinery of Sift's linear models, below every stage that uses it
//! (the tagger and parser, the entity model, the claim taggers): feature
//! hashing, weight tables read from model files, per-word score memos,
//! argmax, word clusters and the byte reader of model files.

pub mod argmax;
pub mod bytes;
pub mod clusters;
pub mod hash;
pub mod memo;
pub mod weights;
