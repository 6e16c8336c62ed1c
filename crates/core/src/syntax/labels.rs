//! The tag sets of OntoNotes' syntax: Penn Treebank part-of-speech tags and
//! the dependency labels of `deps.conll` (see `shared/data/README.md`).
//! A model file stores tags by their index here, so the lists only grow
//! at the end, with a new model file version.

use crate::linear::argmax::tag_id;

/// Part-of-speech tags, most frequent in OntoNotes train first.
pub const POS: [&str; 49] = [
    "NN", "IN", "DT", "NNP", "JJ", "NNS", ",", ".", "RB", "PRP", "VB", "CC", "VBD", "VBZ", "CD",
    "VBN", "VBP", "VBG", "TO", "MD", "PRP$", "HYPH", "UH", "POS", "``", "''", "WDT", "WP", ":",
    "RP", "WRB", "JJR", "NNPS", "$", "JJS", "EX", "-RRB-", "RBR", "-LRB-", "PDT", "RBS", "FW",
    "NFP", "SYM", "LS", "WP$", "XX", "ADD", "AFX",
];

/// Dependency labels. `ROOT` first: a sentence's root carries it.
pub const DEPRELS: [&str; 14] = [
    "ROOT", "SBJ", "OBJ", "COMP", "SUB", "VC", "VMOD", "NMOD", "PMOD", "AMOD", "CC", "CONJ", "P",
    "DEP",
];

/// The label of a sentence root.
pub const ROOT: u8 = 0;

/// The index of a part-of-speech tag.
pub fn pos_id(tag: &str) -> Option<u8> {
    POS.iter().position(|&t| t == tag).map(tag_id)
}

/// The index of a dependency label.
pub fn deprel_id(label: &str) -> Option<u8> {
    DEPRELS.iter().position(|&t| t == label).map(tag_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids_round_trip() {
        for (i, t) in (0u8..).zip(POS) {
            assert_eq!(pos_id(t), Some(i));
        }
        for (i, t) in (0u8..).zip(DEPRELS) {
            assert_eq!(deprel_id(t), Some(i));
        }
        assert_eq!(DEPRELS[ROOT as usize], "ROOT");
        assert_eq!(pos_id("NOPE"), None);
    }
}
