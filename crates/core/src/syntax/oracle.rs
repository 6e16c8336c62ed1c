//! The dynamic oracle of the arc-hybrid system (Goldberg and Nivre 2013):
//! from any configuration, which moves lose no gold arc that could still
//! be built. Training follows the model's own moves and learns from every
//! configuration, so the parser also learns to recover from its mistakes.

use super::state::{Move, State, MOVES};
use crate::linear::argmax::tag_id;

/// Marks in `zero_cost` the allowed moves that lose no reachable gold arc.
/// `gold_heads[i]` is token `i`'s gold head (`n` for the root), and
/// `gold_labels[i]` its label.
pub fn zero_cost(s: &State, gold_heads: &[u32], gold_labels: &[u8], zero_cost: &mut [bool; MOVES]) {
    zero_cost.fill(false);
    let n = s.n;
    let next = s.next;
    // Gold dependents of `x` still in the buffer (they can only get their
    // head while `x` is on the stack).
    let buffer_kids = |x: u32| (next..n).filter(|&k| gold_heads[k as usize] == x).count();
    let top = s.stack.last().copied();
    let under = s.stack.len().checked_sub(2).map(|i| s.stack[i]);
    if let Some(s0) = top {
        let head = gold_heads[s0 as usize];
        let kids = buffer_kids(s0);
        // LEFT: s0 takes `next` as head; a gold head under it or further
        // in the buffer is lost.
        let left = kids + usize::from(Some(head) == under || head > next);
        // RIGHT: s0 takes the token under it; a gold head in the buffer is lost.
        let right = kids + usize::from(head >= next);
        for l in 0..tag_id(super::labels::DEPRELS.len()) {
            let m = Move::Left(l);
            let right_label = head != next || l == gold_labels[s0 as usize];
            if left == 0 && right_label && s.allows(m) {
                zero_cost[m.id()] = true;
            }
            let m = Move::Right(l);
            let right_label = Some(head) != under || l == gold_labels[s0 as usize];
            if right == 0 && right_label && s.allows(m) {
                zero_cost[m.id()] = true;
            }
        }
    }
    if s.allows(Move::Shift) {
        // SHIFT: `next` can no longer be the head of anything on the stack,
        // nor take a head from under the top.
        let head = gold_heads[next as usize];
        let lost = s
            .stack
            .iter()
            .filter(|&&k| gold_heads[k as usize] == next)
            .count()
            + usize::from(s.stack.contains(&head) && Some(head) != top);
        if lost == 0 {
            zero_cost[Move::Shift.id()] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::labels::ROOT;
    use crate::syntax::state::NONE;

    /// Following the oracle from the start builds the gold tree exactly,
    /// for every projective tree of up to five tokens.
    #[test]
    fn following_the_oracle_builds_the_gold_tree() {
        for n in 1..=5u32 {
            let mut trees = 0;
            for code in 0..(n + 1).pow(n) {
                let mut heads = vec![0u32; n as usize];
                let mut c = code;
                for h in heads.iter_mut() {
                    *h = c % (n + 1);
                    c /= n + 1;
                }
                if !is_projective_tree(&heads) {
                    continue;
                }
                trees += 1;
                let labels: Vec<u8> = heads
                    .iter()
                    .zip((0..5u8).cycle())
                    .map(|(&h, i)| if h == n { ROOT } else { 1 + i })
                    .collect();
                let mut s = State::default();
                s.reset(n as usize);
                let mut zero = [false; MOVES];
                while !s.is_final() {
                    zero_cost(&s, &heads, &labels, &mut zero);
                    let id = zero.iter().position(|&z| z).expect("no zero-cost move");
                    s.apply(Move::from_id(id));
                }
                assert_eq!(s.heads, heads, "tree {heads:?}");
                assert_eq!(s.labels, labels);
            }
            assert!(trees > 0);
        }
    }

    /// After a wrong move the oracle still finds the best tree left: here,
    /// every gold arc but the one the mistake lost.
    #[test]
    fn after_a_mistake_the_rest_is_still_built() {
        // 0 <- 1 -> 2, 1 the root. Shifting 1 instead of attaching 0 to it
        // loses 0 <- 1 and nothing else.
        let heads = [1u32, 3, 1];
        let labels = [1u8, ROOT, 2];
        let mut s = State::default();
        s.reset(3);
        for m in [Move::Shift, Move::Shift] {
            s.apply(m);
        }
        let mut zero = [false; MOVES];
        while !s.is_final() {
            zero_cost(&s, &heads, &labels, &mut zero);
            let id = zero
                .iter()
                .position(|&z| z)
                .unwrap_or_else(|| (0..MOVES).find(|&i| s.allows(Move::from_id(i))).unwrap());
            s.apply(Move::from_id(id));
        }
        assert_eq!(s.heads[1..], [3, 1], "the arcs the mistake left are built");
        assert_eq!(s.labels[1..], [ROOT, 2]);
        assert!(s.heads.iter().all(|&h| h != NONE));
    }

    fn is_projective_tree(heads: &[u32]) -> bool {
        let n = u32::try_from(heads.len()).unwrap();
        if heads.iter().filter(|&&h| h == n).count() != 1 {
            return false;
        }
        // Acyclic: from every token, the root is reached.
        for i in 0..n {
            let mut x = i;
            for _ in 0..=n {
                if x == n {
                    break;
                }
                x = heads[x as usize];
            }
            if x != n {
                return false;
            }
        }
        for (i, &h) in (0u32..).zip(heads) {
            // Projective: every token between a dependent and its head
            // descends from the head.
            let (a, b) = if h < i { (h, i) } else { (i, h) };
            for k in a + 1..b {
                let mut y = k;
                while y != h && y != n {
                    y = heads[y as usize];
                }
                if y != h {
                    return false;
                }
            }
        }
        true
    }
}
