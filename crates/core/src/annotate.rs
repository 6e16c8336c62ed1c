//! The annotated document: the entity layer and the claim layer over one text.

use std::ops::Range;

use crate::claims::{self, ClaimKind};
use crate::label::Label;
use crate::ner;
use crate::tokenize::Tokens;

/// A named entity: a byte range of the original text and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Byte range into the original text.
    pub range: Range<usize>,
    /// The entity's label.
    pub label: Label,
}

/// A claim: who (source) says (cue) what (content), in which way (kind), and
/// how firmly (hedges). Each part is a list of byte ranges because parts can
/// be discontinuous; any list but `cue` may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The way the claim is made.
    pub kind: ClaimKind,
    /// Who makes the claim; empty when the source is absent.
    pub source: Vec<Range<usize>>,
    /// The words that signal the claim ("said", "denied", "according to").
    pub cue: Vec<Range<usize>>,
    /// What is claimed.
    pub content: Vec<Range<usize>>,
    /// Words that weaken the claim ("reportedly", "is thought likely to").
    pub hedges: Vec<Range<usize>>,
    /// The entity the source refers to, when the source is a pronoun or a
    /// role ("he", "the spokesman") or names a person inside a longer
    /// phrase: a byte range of one entity of the entity layer.
    pub source_entity: Option<Range<usize>>,
}

/// Everything Sift found in one text. Ranges are sorted by start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// Entities, sorted, never overlapping one another.
    pub entities: Vec<Entity>,
    /// Claims in text order.
    pub claims: Vec<Claim>,
}

/// Runs the whole pipeline. Build it once (loading a model is the expensive
/// part) and call [`Annotator::annotate`] for each text.
#[derive(Debug, Clone)]
pub struct Annotator {
    ner: ner::Model,
    claims: claims::Model,
}

impl Annotator {
    /// An annotator using this entity model. Claims come from the rule-based
    /// finder until a trained claims model is given ([`Annotator::with_claims`]).
    pub fn new(ner: ner::Model) -> Self {
        Annotator { ner, claims: claims::Model::empty() }
    }

    /// This annotator with a trained claims model.
    pub fn with_claims(mut self, claims: claims::Model) -> Self {
        self.claims = claims;
        self
    }

    /// Swaps in a claims model, e.g. once the app has fetched it.
    pub fn set_claims(&mut self, claims: claims::Model) {
        self.claims = claims;
    }

    /// The claims model in use (empty: the rule-based finder).
    pub fn claims(&self) -> &claims::Model {
        &self.claims
    }

    /// The entity model in use.
    pub fn ner(&self) -> &ner::Model {
        &self.ner
    }

    /// Annotates `text`. Never panics, whatever the input.
    pub fn annotate(&self, text: &str) -> Annotation {
        let tokens = Tokens::new(text);
        let entities = self.ner.predict(text, &tokens);
        let mut claims = self.claims.find(text, &tokens, &entities);
        claims::link::sources(text, &tokens, &entities, &mut claims);
        Annotation { entities, claims }
    }
}
