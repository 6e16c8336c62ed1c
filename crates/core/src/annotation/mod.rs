//! The annotated document, the one leaf every stage shares: entity and
//! claim spans, their labels and kinds. It imports nothing from the
//! stages, so each stage can name its own output without reaching back
//! into the pipeline that calls it.

mod kind;
mod label;

use std::ops::Range;

pub use kind::ClaimKind;
pub use label::Label;

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

impl Claim {
    /// Where the claim begins: the first byte of any of its cue, source and
    /// content ranges. Claims are listed in this order, by the pipeline and
    /// by the edited document alike.
    pub fn start(&self) -> usize {
        self.cue
            .iter()
            .chain(&self.source)
            .chain(&self.content)
            .map(|r| r.start)
            .min()
            .unwrap_or(0)
    }
}

/// Everything Sift found in one text. Ranges are sorted by start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// Entities, sorted, never overlapping one another.
    pub entities: Vec<Entity>,
    /// Claims in text order ([`Claim::start`]).
    pub claims: Vec<Claim>,
}
