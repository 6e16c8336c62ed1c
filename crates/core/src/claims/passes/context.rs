//! What the passes over claims read besides the claims themselves.

use std::ops::Range;

use crate::annotation::Claim;
use crate::tokenize::Tokens;

/// The document and the rule finder's reading of it.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The document.
    pub text: &'a str,
    /// Its tokens and sentences.
    pub tokens: &'a Tokens,
    /// The rule finder's claims (`claims::rules`), which some passes prefer
    /// on narrow constructions; empty when the rules' claims are the ones
    /// being rewritten.
    pub rules: &'a [Claim],
}

impl Context<'_> {
    /// The rules' claim whose first cue range overlaps `cue`, if any.
    pub fn rule_for(&self, cue: &Range<usize>) -> Option<&Claim> {
        self.rules
            .iter()
            .find(|r| r.cue.first().is_some_and(|rc| overlaps(rc, cue)))
    }
}

/// Whether two byte ranges share a byte.
pub fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether the cue at byte `at` follows "and" or a comma: a second verb
/// of the same subject.
pub fn coordinated(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("").trim_end();
    before.ends_with(" and") || before.ends_with(',')
}

/// Hand-built claims for the passes' tests.
#[cfg(test)]
pub mod testing {
    use crate::annotation::{Claim, ClaimKind};
    use std::ops::Range;

    /// The byte range of the first `s` in `text`.
    pub fn span(text: &str, s: &str) -> Range<usize> {
        let a = text.find(s).unwrap();
        a..a + s.len()
    }

    /// A claim with a cue and a content, and a source where one is given.
    pub fn claim(text: &str, source: Option<&str>, cue: &str, content: &str) -> Claim {
        Claim {
            kind: ClaimKind::Statement,
            source: source.map(|s| vec![span(text, s)]).unwrap_or_default(),
            cue: vec![span(text, cue)],
            content: vec![span(text, content)],
            hedges: vec![],
            source_entity: None,
        }
    }

    /// The text of each claim's source, its ranges joined.
    pub fn sources(text: &str, cs: &[Claim]) -> Vec<String> {
        cs.iter()
            .map(|c| c.source.iter().map(|r| &text[r.clone()]).collect())
            .collect()
    }
}
