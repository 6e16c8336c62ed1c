//! The drawing scheduler: which pieces to draw in each step, so that a big
//! change is drawn a slice at a time.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::piece::Piece;

/// One step of drawing `target` over `shown` (pieces of the same text) a
/// slice at a time: the pieces to show now, and whether more steps are
/// needed. Pieces already shown stay; the new ones are drawn in text order
/// until they make `budget` elements (always at least one); past that, the
/// shown pieces with the same range, or the run of shown pieces that tiles
/// it exactly, stand in until a later step. A new piece that nothing shown
/// covers exactly is drawn at once, so the result always tiles the text
/// and every step makes progress.
pub fn next_step(
    shown: &[Arc<Piece>],
    target: &[Arc<Piece>],
    budget: usize,
) -> (Vec<Arc<Piece>>, bool) {
    let shown_keys: HashSet<u64> = shown.iter().map(|p| p.key).collect();
    let by_start: HashMap<usize, usize> = (shown.iter().enumerate())
        .map(|(i, p)| (p.range.start, i))
        .collect();
    // The shown pieces that tile `range` exactly, if any.
    let stand_in = |range: &Range<usize>| -> Option<&[Arc<Piece>]> {
        let first = *by_start.get(&range.start)?;
        let mut last = first;
        while shown[last].range.end < range.end {
            last += 1;
            if last >= shown.len() {
                return None;
            }
        }
        (shown[last].range.end == range.end).then(|| &shown[first..=last])
    };
    let (mut out, mut spent, mut more) = (Vec::with_capacity(target.len()), 0, false);
    for p in target {
        if shown_keys.contains(&p.key) {
            out.push(p.clone());
        } else if spent == 0 || spent + p.elements <= budget {
            spent += p.elements;
            out.push(p.clone());
        } else if let Some(old) = stand_in(&p.range) {
            out.extend(old.iter().cloned());
            more = true;
        } else {
            out.push(p.clone());
        }
    }
    (out, more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::piece::tests::check_pieces;
    use crate::render::tree::tests::{claim, ent};
    use sift_core::{Annotation, Label};

    #[test]
    fn drawing_in_steps_converges_and_always_tiles_the_text() {
        let text = "Putin said.\n\nMoscow wins.\n\nKyiv replied.\n\nParis too.";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let arcs = |a: &Annotation| -> Vec<Arc<Piece>> {
            check_pieces(text, a).into_iter().map(Arc::new).collect()
        };
        let plain = arcs(&Annotation::default());
        let names = ["Putin", "Moscow", "Kyiv", "Paris"];
        let full = arcs(&Annotation {
            entities: names.iter().map(|n| ent(at(n), Label::Gpe)).collect(),
            claims: vec![],
        });
        let tiles = |ps: &[Arc<Piece>]| {
            let mut end = 0;
            for p in ps {
                assert_eq!(p.range.start, end);
                end = p.range.end;
            }
            assert_eq!(end, text.len());
        };
        // Each highlighted piece costs 2 elements: one new piece per step.
        let mut shown = plain.clone();
        let mut steps = 0;
        loop {
            let (next, more) = next_step(&shown, &full, 3);
            tiles(&next);
            let new = next
                .iter()
                .filter(|p| !shown.iter().any(|s| s.key == p.key))
                .count();
            assert_eq!(new, 1, "step {steps}");
            shown = next;
            steps += 1;
            if !more {
                break;
            }
        }
        assert_eq!(steps, 4);
        let keys = |ps: &[Arc<Piece>]| ps.iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(keys(&shown), keys(&full));
        // A budget of 0 still draws one piece; a large one draws all.
        assert!(next_step(&plain, &full, 0).1);
        let (all, more) = next_step(&plain, &full, 100);
        assert!(!more);
        assert_eq!(keys(&all), keys(&full));
        // A new piece that merges two shown ones (a claim across the blank
        // line) stands in with both until it is drawn.
        let merged = arcs(&Annotation {
            entities: vec![ent(at("Putin"), Label::Person)],
            claims: vec![claim(
                vec![at("Kyiv")],
                vec![at("replied")],
                vec![at("replied.\n\nParis")],
            )],
        });
        assert_eq!(merged.len(), 3);
        let (next, more) = next_step(&plain, &merged, 1);
        assert!(more);
        tiles(&next);
        assert_eq!(
            keys(&next),
            [merged[0].key, plain[1].key, plain[2].key, plain[3].key]
        );
        // Nothing shown covers a piece exactly: it is drawn at once.
        let (next, _) = next_step(&merged, &full, 0);
        tiles(&next);
    }
}
