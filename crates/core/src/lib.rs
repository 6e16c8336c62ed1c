//! Sift's core: everything that turns an article into entities and claims,
//! with no knowledge of the browser.
//!
//! Data flows one way: text → [`tokenize`] (sentences, tokens with exact byte
//! offsets) → [`syntax`] (parts of speech and dependency trees; no later
//! stage reads them yet) → [`ner`] (entity layer) → [`claims`] (claim layer) →
//! [`Annotation`] → [`doc`] (the user's edits, kept apart, with provenance
//! and undo) → [`formats`] (JSON, brat, CoNLL, W3C Web Annotation, CSV,
//! HTML). Offsets inside the core are
//! UTF-8 byte offsets into the original, unaltered text; [`text::Offsets`]
//! converts them to code points (CLI, exports) or UTF-16 (DOM) at the edges.
//!
//! ```
//! let annotator = sift_core::Annotator::new(sift_core::ner::Model::empty());
//! let text = "Moscow and Tehran have denied the reports.";
//! let annotation = annotator.annotate(text);
//! let claim = &annotation.claims[0];
//! assert_eq!(claim.kind, sift_core::ClaimKind::Denial);
//! assert_eq!(&text[claim.cue[0].clone()], "denied");
//! assert_eq!(&text[claim.source[0].clone()], "Moscow and Tehran");
//! ```
#![deny(missing_docs)]
// Offsets and tag ids are arithmetic: a silent truncation would corrupt a model file or a range.
#![warn(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

/// Declares the models' internal modules: public with the `train` feature,
/// which `sift-train` (and the CLI's `prune`) turn on to build and inspect
/// models, and private to the crate otherwise, so the page and other users
/// see only the stages' own API.
macro_rules! internal {
    ($($(#[$attr:meta])* mod $name:ident;)*) => {$(
        $(#[$attr])*
        #[cfg(feature = "train")]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "train"))]
        // Some items serve training only; the `train` build (the
        // workspace's clippy) still reports what nothing uses.
        #[allow(dead_code)]
        mod $name;
    )*};
}
pub(crate) use internal;

pub mod annotation;
pub mod blocks;
pub mod claims;
pub mod doc;
pub mod error;
pub mod formats;
pub mod language;
internal! {
    mod linear;
}
pub mod ner;
pub mod pipeline;
pub mod syntax;
#[doc(hidden)]
pub mod testgen;
pub mod text;
pub mod tokenize;

pub use annotation::{Annotation, Claim, ClaimKind, Entity, Label};
pub use error::Error;
pub use pipeline::Annotator;
