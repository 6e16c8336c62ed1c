//! What the role tagger reads of a sentence's dependency tree (from
//! [`crate::syntax`]): where a token hangs relative to the cue. Content is
//! mostly a clause or object under the cue's verb ("said **that** …",
//! "denied **the reports**"), the source is the subject of the cue's verb
//! chain ("Moscow **has** denied": the subject hangs from the auxiliary),
//! and a token whose subtree holds the cue is outside both.

use crate::syntax::labels::deprel_id;
use crate::syntax::Parse;

/// No head (a root) or no such token.
const NONE: u32 = u32::MAX;
/// Steps a walk up the tree takes at most (trees are shallow; a bound
/// keeps a malformed tree from looping).
const MAX_DEPTH: usize = 48;

/// The parse of a document, one entry per token.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Part-of-speech tags (indices into `syntax::labels::POS`).
    pub tags: Vec<u8>,
    /// Each token's head, `NONE` for a root.
    pub heads: Vec<u32>,
    /// Dependency labels.
    pub labels: Vec<u8>,
    /// The labels of each token's dependents, as a bit set.
    pub dependents: Vec<u16>,
}

/// Where a token sits relative to a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 0 unrelated, 1 under the cue's head word, 2 under the top of its
    /// verb chain (an auxiliary above it) but not under the cue, 3 an
    /// ancestor of the cue, 4 the cue's head word or chain top itself.
    pub relation: u8,
    /// The label of the dependent of the cue (or chain top) the token hangs
    /// under: SBJ, OBJ, COMP…; 255 when unrelated.
    pub branch: u8,
    /// That dependent's tag; 255 when unrelated.
    pub branch_tag: u8,
    /// Steps from the token up to the cue (or chain top), at most 7.
    pub depth: u8,
}

/// The cue's place in the tree: its head word and the top of its verb chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The cue token whose head lies outside the cue.
    pub head: u32,
    /// The highest token reached from `head` through verb-chain arcs (VC).
    pub top: u32,
}

impl Tree {
    /// The tree of a parse.
    pub fn new(parse: &Parse) -> Tree {
        let mut dependents = vec![0u16; parse.heads.len()];
        for (h, &l) in parse.heads.iter().zip(&parse.labels) {
            if let Some(slot) = h.and_then(|h| dependents.get_mut(h as usize)) {
                *slot |= 1 << (l & 15);
            }
        }
        Tree {
            tags: parse.tags.clone(),
            heads: parse.heads.iter().map(|h| h.unwrap_or(NONE)).collect(),
            labels: parse.labels.clone(),
            dependents,
        }
    }

    fn head_of(&self, i: u32) -> u32 {
        self.heads.get(i as usize).copied().unwrap_or(NONE)
    }

    /// The anchor of the cue at tokens `range`, if the tree covers it.
    pub fn anchor(&self, range: std::ops::Range<usize>) -> Option<Anchor> {
        let inside = |h: u32| h != NONE && range.contains(&(h as usize));
        let head = range
            .clone()
            .find(|&i| i < self.heads.len() && !inside(self.heads[i]))?;
        let head = u32::try_from(head).ok()?;
        let vc = deprel_id("VC").unwrap_or(u8::MAX);
        let mut top = head;
        for _ in 0..MAX_DEPTH {
            let up = self.head_of(top);
            if up == NONE || self.labels[top as usize] != vc {
                break;
            }
            top = up;
        }
        Some(Anchor { head, top })
    }

    /// Where token `i` sits relative to the cue anchored at `a`.
    pub fn place(&self, a: Anchor, i: usize) -> Place {
        let unrelated = Place {
            relation: 0,
            branch: u8::MAX,
            branch_tag: u8::MAX,
            depth: 0,
        };
        if i >= self.heads.len() {
            return unrelated;
        }
        let Ok(i) = u32::try_from(i) else {
            return unrelated;
        };
        if i == a.head || i == a.top {
            return Place {
                relation: 4,
                ..unrelated
            };
        }
        // Walk up from i; the last token before the anchor is the branch.
        let mut x = i;
        let mut depth = 0u8;
        for _ in 0..MAX_DEPTH {
            let up = self.head_of(x);
            if up == NONE {
                break;
            }
            depth = depth.saturating_add(1);
            if up == a.head || up == a.top {
                return Place {
                    relation: if up == a.head { 1 } else { 2 },
                    branch: self.labels[x as usize],
                    branch_tag: self.tags[x as usize],
                    depth: depth.min(7),
                };
            }
            x = up;
        }
        // Is the cue under i?
        let mut y = a.top;
        for _ in 0..MAX_DEPTH {
            y = self.head_of(y);
            if y == NONE {
                break;
            }
            if y == i {
                return Place {
                    relation: 3,
                    ..unrelated
                };
            }
        }
        unrelated
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::labels::pos_id;

    /// "Moscow has denied the reports ." with has → denied (VC), Moscow
    /// the subject of "has", reports the object of "denied".
    fn tree() -> Tree {
        let l = |s: &str| deprel_id(s).unwrap();
        let t = |s: &str| pos_id(s).unwrap();
        Tree {
            tags: vec![t("NNP"), t("VBZ"), t("VBN"), t("DT"), t("NNS"), t(".")],
            heads: vec![1, NONE, 1, 4, 2, 1],
            labels: vec![l("SBJ"), l("ROOT"), l("VC"), l("NMOD"), l("OBJ"), l("P")],
            dependents: vec![0; 6],
        }
    }

    #[test]
    fn the_subject_hangs_from_the_chain_top_and_the_object_from_the_cue() {
        let tree = tree();
        let a = tree.anchor(2..3).unwrap();
        assert_eq!(a, Anchor { head: 2, top: 1 });
        let moscow = tree.place(a, 0);
        assert_eq!(
            (moscow.relation, moscow.branch),
            (2, deprel_id("SBJ").unwrap())
        );
        let the = tree.place(a, 3);
        assert_eq!(
            (the.relation, the.branch, the.depth),
            (1, deprel_id("OBJ").unwrap(), 2)
        );
        assert_eq!(tree.place(a, 1).relation, 4);
        assert_eq!(tree.place(a, 99).relation, 0);
    }

    #[test]
    fn a_cue_under_the_token_and_a_broken_tree() {
        let mut tree = tree();
        // "the" as the cue: "reports", "denied", "has" are above it.
        let a = tree.anchor(3..4).unwrap();
        assert_eq!(tree.place(a, 2).relation, 3);
        assert_eq!(tree.place(a, 0).relation, 0);
        // A cycle ends the walks instead of looping.
        tree.heads = vec![1, 0, 1, 4, 2, 1];
        let a = tree.anchor(2..3).unwrap();
        let _ = tree.place(a, 3);
        assert_eq!(tree.anchor(9..10), None);
    }
}
