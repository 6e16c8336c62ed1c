//! What the taggers found for one cue, before it becomes a [`Claim`].
//!
//! [`Claim`]: crate::annotation::Claim

use std::ops::Range;

/// One cue and the runs of its source and content, as token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The cue's tokens.
    pub cue: Range<usize>,
    /// Runs of source tokens.
    pub source: Vec<Range<usize>>,
    /// Runs of content tokens.
    pub content: Vec<Range<usize>>,
}
