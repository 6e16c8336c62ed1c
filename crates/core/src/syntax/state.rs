//! A parser configuration of the arc-hybrid transition system (Kuhlmann,
//! Gómez-Rodríguez and Satta 2011): a stack, the next buffer position, and
//! the arcs built so far. Token `n` of an `n`-token sentence is the root,
//! at the end of the buffer, so the root word is chosen by an ordinary
//! LEFT move.
//!
//! - SHIFT pushes the next token.
//! - LEFT(l) makes the next token the head of the stack's top, and pops it.
//! - RIGHT(l) makes the token under the top its head, and pops it.
//!
//! Every token is shifted once and popped once: `2n` moves in all.

use super::labels::{DEPRELS, ROOT};
use crate::linear::argmax::tag_id;

/// No token (an empty stack slot, a missing child).
pub const NONE: u32 = u32::MAX;

/// Moves: SHIFT, then LEFT and RIGHT with each label.
pub const MOVES: usize = 1 + 2 * DEPRELS.len();

/// Kinds of move, without their labels: SHIFT, LEFT, RIGHT. The parser
/// chooses the kind first and then, for an arc, its label (see `parser`).
pub const KINDS: usize = 3;
/// The kind of SHIFT.
pub const SHIFT: usize = 0;
/// The kind of LEFT.
pub const LEFT: usize = 1;
/// The kind of RIGHT.
pub const RIGHT: usize = 2;

/// A transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the next token.
    Shift,
    /// The next token becomes the head of the top, with this label.
    Left(u8),
    /// The token under the top becomes the head of the top.
    Right(u8),
}

impl Move {
    /// The move with index `id` (`0..MOVES`).
    pub fn from_id(id: usize) -> Move {
        let labels = DEPRELS.len();
        match id {
            0 => Move::Shift,
            i if i <= labels => Move::Left(tag_id(i - 1)),
            i => Move::Right(tag_id(i - 1 - labels)),
        }
    }

    /// The move of `kind` with `label` (ignored for SHIFT).
    pub fn of_kind(kind: usize, label: u8) -> Move {
        match kind {
            SHIFT => Move::Shift,
            LEFT => Move::Left(label),
            _ => Move::Right(label),
        }
    }

    /// This move's kind: [`SHIFT`], [`LEFT`] or [`RIGHT`].
    pub fn kind(self) -> usize {
        match self {
            Move::Shift => SHIFT,
            Move::Left(_) => LEFT,
            Move::Right(_) => RIGHT,
        }
    }

    /// This move's index.
    pub fn id(self) -> usize {
        match self {
            Move::Shift => 0,
            Move::Left(l) => 1 + l as usize,
            Move::Right(l) => 1 + DEPRELS.len() + l as usize,
        }
    }
}

/// The configuration of one sentence's parse.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Tokens in the sentence (the root is token `n`).
    pub n: u32,
    /// The stack, top last.
    pub stack: Vec<u32>,
    /// The next buffer position (`n` once only the root is left).
    pub next: u32,
    /// Each token's head (`n` for the root's dependents), or [`NONE`].
    pub heads: Vec<u32>,
    /// Each attached token's label.
    pub labels: Vec<u8>,
    /// The leftmost and second leftmost dependents of each token and the
    /// root, or [`NONE`].
    pub lefts: Vec<[u32; 2]>,
    /// The rightmost and second rightmost dependents.
    pub rights: Vec<[u32; 2]>,
    /// Number of left and right dependents.
    pub valency: Vec<[u8; 2]>,
    /// The labels of the left and right dependents, as bit sets.
    pub label_sets: Vec<[u16; 2]>,
}

impl State {
    /// Starts a sentence of `n` tokens, reusing the buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = u32::try_from(n).expect("a sentence has fewer than 2^32 tokens");
        self.stack.clear();
        self.next = 0;
        self.heads.clear();
        self.heads.resize(n, NONE);
        self.labels.clear();
        self.labels.resize(n, ROOT);
        self.lefts.clear();
        self.lefts.resize(n + 1, [NONE; 2]);
        self.rights.clear();
        self.rights.resize(n + 1, [NONE; 2]);
        self.valency.clear();
        self.valency.resize(n + 1, [0; 2]);
        self.label_sets.clear();
        self.label_sets.resize(n + 1, [0; 2]);
    }

    /// True once every token has its head.
    pub fn is_final(&self) -> bool {
        self.stack.is_empty() && self.next == self.n
    }

    /// The `k`-th token from the stack's top, or [`NONE`].
    pub fn stack_at(&self, k: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NONE, |i| self.stack[i])
    }

    /// The buffer token `k` places after the next one: the root at `n`,
    /// [`NONE`] beyond it.
    // `i` ≤ `n`, a u32, where it is cast.
    #[allow(clippy::cast_possible_truncation)]
    pub fn buffer_at(&self, k: usize) -> u32 {
        let i = self.next as usize + k;
        if i <= self.n as usize {
            i as u32
        } else {
            NONE
        }
    }

    /// Whether `m` can be made now. Arcs from the root, and only they,
    /// carry the label ROOT. The root may take more than one dependent: a
    /// sentence of Sift's may hold two of the treebank's.
    pub fn allows(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.next < self.n,
            Move::Left(l) => !self.stack.is_empty() && ((self.next == self.n) == (l == ROOT)),
            Move::Right(l) => self.stack.len() >= 2 && l != ROOT,
        }
    }

    /// Whether a move of `kind` can be made now with some label.
    pub fn allows_kind(&self, kind: usize) -> bool {
        match kind {
            SHIFT => self.next < self.n,
            LEFT => !self.stack.is_empty(),
            _ => self.stack.len() >= 2,
        }
    }

    /// The head an arc of `kind` would give the stack's top: the next
    /// token for LEFT, the token under the top for RIGHT.
    pub fn arc_head(&self, kind: usize) -> u32 {
        if kind == LEFT {
            self.next
        } else {
            self.stack_at(1)
        }
    }

    /// Makes `m`, which must be allowed.
    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.next);
                self.next += 1;
            }
            Move::Left(l) => {
                let d = self.stack.pop().expect("LEFT on an empty stack");
                self.attach(self.next, d, l);
            }
            Move::Right(l) => {
                let d = self.stack.pop().expect("RIGHT on a short stack");
                let h = *self.stack.last().expect("RIGHT on a short stack");
                self.attach(h, d, l);
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, l: u8) {
        self.heads[d as usize] = h;
        self.labels[d as usize] = l;
        let side = usize::from(d > h);
        let h = h as usize;
        self.valency[h][side] = self.valency[h][side].saturating_add(1);
        self.label_sets[h][side] |= 1 << l;
        // Keep the two outermost: smallest on the left, largest on the right.
        let outer = |a: u32, b: u32| if side == 0 { a < b } else { a > b };
        let kids = if side == 0 {
            &mut self.lefts[h]
        } else {
            &mut self.rights[h]
        };
        if kids[0] == NONE || outer(d, kids[0]) {
            kids[1] = kids[0];
            kids[0] = d;
        } else if kids[1] == NONE || outer(d, kids[1]) {
            kids[1] = d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn move_ids_round_trip() {
        for id in 0..MOVES {
            let m = Move::from_id(id);
            assert_eq!(m.id(), id);
            let label = match m {
                Move::Shift => 0,
                Move::Left(l) | Move::Right(l) => l,
            };
            assert_eq!(Move::of_kind(m.kind(), label), m);
        }
    }

    #[test]
    fn a_sentence_parses_in_two_n_moves() {
        // "She denied it": She <-SBJ- denied -OBJ-> it, denied the root.
        let mut s = State::default();
        s.reset(3);
        let (sbj, obj) = (1, 2);
        for m in [
            Move::Shift,
            Move::Left(sbj),
            Move::Shift,
            Move::Shift,
            Move::Right(obj),
            Move::Left(ROOT),
        ] {
            assert!(s.allows(m), "{m:?}");
            s.apply(m);
        }
        assert!(s.is_final());
        assert_eq!(s.heads, [1, 3, 1]);
        assert_eq!(s.labels, [sbj, ROOT, obj]);
        assert_eq!(s.lefts[1], [0, NONE]);
        assert_eq!(s.rights[1], [2, NONE]);
        assert_eq!(s.valency[1], [1, 1]);
    }

    #[test]
    fn a_kind_is_allowed_when_one_of_its_moves_is() {
        let mut s = State::default();
        s.reset(3);
        for m in [Move::Shift, Move::Shift, Move::Right(2), Move::Shift, Move::Shift] {
            for kind in [SHIFT, LEFT, RIGHT] {
                let some = (0..MOVES)
                    .map(Move::from_id)
                    .any(|m| m.kind() == kind && s.allows(m));
                assert_eq!(s.allows_kind(kind), some, "{kind} before {m:?}");
            }
            if s.allows(m) {
                s.apply(m);
            }
        }
        // The stack is [0, 2] and only the root is left in the buffer.
        assert_eq!((s.arc_head(LEFT), s.arc_head(RIGHT)), (3, 0));
    }

    #[test]
    fn only_arcs_from_the_root_are_labelled_root() {
        let mut s = State::default();
        s.reset(2);
        s.apply(Move::Shift);
        assert!(!s.allows(Move::Left(ROOT)));
        assert!(s.allows(Move::Left(1)));
        s.apply(Move::Shift);
        assert!(s.allows(Move::Left(ROOT)));
        assert!(!s.allows(Move::Left(1)));
        assert!(!s.allows(Move::Shift));
        assert!(s.allows(Move::Right(2)));
        assert!(!s.allows(Move::Right(ROOT)));
    }
}
