//! The pieces the article is cut into: consecutive top-level nodes of the
//! tree, drawn (and re-drawn) one element per piece.

use std::ops::Range;

use super::tree::Node;

/// A piece of the article that is drawn on its own: consecutive top-level
/// nodes of the tree, from just after a line break to just after a later
/// one that no highlight covers (or the end of the text), about
/// [`PIECE_BYTES`] long.
///
/// The page draws one element per piece and, when the text or its
/// annotation changes, re-draws only the pieces whose [`key`](Piece::key)
/// changed: on a long text annotated block by block, a publication adds
/// highlights to a few paragraphs and leaves the others alone. Cuts depend
/// only on the text and the highlights around them (never on how long the
/// pieces before got), so a change in one paragraph changes no other
/// piece's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The byte range the piece covers.
    pub range: Range<usize>,
    /// Its nodes; they tile `range`.
    pub nodes: Vec<Node>,
    /// A hash of the range, the text in it and the nodes: equal keys, same
    /// drawing.
    pub key: u64,
    /// How many elements drawing it creates (one for the piece itself).
    pub elements: usize,
}

/// How many elements `nodes` become.
fn count_elements(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(_) => 0,
            Node::Entity { children, .. } | Node::Part { children, .. } => {
                1 + count_elements(children)
            }
        })
        .sum()
}

/// How long a piece of the article is, roughly: a few paragraphs. A 1 MB
/// text is then about 500 pieces.
pub const PIECE_BYTES: usize = 2048;

/// A line longer than this is also cut at sentence ends (see [`pieces`]).
pub const LONG_LINE_BYTES: usize = 8 * PIECE_BYTES;

/// Cuts a tree (from [`build`](super::tree::build)) into [`Piece`]s of
/// about [`PIECE_BYTES`].
/// Cuts go after runs of line breaks (`\n`, with any `\r`) in top-level
/// text, so a line break inside a highlight is never cut and every node
/// stays whole. A line longer than [`LONG_LINE_BYTES`] (a 1 MB paste with
/// no line breaks) may also be cut after the space that follows a
/// sentence's end: each piece is a block, so such a line then shows a
/// break where it was cut, but it never has to be drawn or laid out whole.
/// The pieces tile the text in order.
pub fn pieces(text: &str, nodes: Vec<Node>) -> Vec<Piece> {
    pieces_of(text, nodes, PIECE_BYTES, LONG_LINE_BYTES)
}

/// Where a piece may end in `text[r]` (top-level text): after a run of
/// line breaks, and, in a line longer than `long_line`, after the space
/// that follows `.`, `!` or `?` (and any closing quote or bracket). The
/// flag marks the line break that ends a long line: always a cut, so that
/// the line's last piece does not run into the next line.
/// `newlines` are the byte offsets of the text's `\n`s, in order.
fn cut_candidates(
    text: &str,
    newlines: &[usize],
    r: Range<usize>,
    long_line: usize,
) -> Vec<(usize, bool)> {
    let bytes = text.as_bytes();
    // Whether the `\n` ending at `p` ends its run of breaks.
    let is_break_end = |p: usize| p == bytes.len() || !matches!(bytes[p], b'\n' | b'\r');
    let line_len = |p: usize| {
        let n = newlines.partition_point(|&i| i < p);
        let start = n.checked_sub(1).map_or(0, |k| newlines[k] + 1);
        let end = newlines.get(n).copied().unwrap_or(text.len());
        end - start
    };
    let mut out = Vec::new();
    // Whether the line the last sentence end was in is long, until a break.
    let mut long: Option<bool> = None;
    // Whether the last line with any text before a break was long.
    let mut ends_long = false;
    let chunk = text.get(r.clone()).unwrap_or_default();
    for (i, c) in chunk.char_indices() {
        let p = r.start + i + c.len_utf8();
        if c == '\n' {
            // A run of breaks ends the last line in it with any text.
            let len = line_len(p - 1);
            if len > 1 || (len == 1 && bytes[p - 2] != b'\r') {
                ends_long = len > long_line;
            }
            long = None;
            if is_break_end(p) {
                out.push((p, ends_long));
            }
        } else if c == ' '
            && !matches!(bytes.get(p), None | Some(b'\n' | b'\r'))
            && sentence_end_before(&text[..p - 1])
        {
            let is_long = *long.get_or_insert_with(|| line_len(p) > long_line);
            if is_long {
                out.push((p, false));
            }
        }
    }
    out
}

/// Whether `before` ends a sentence: `.`, `!` or `?`, then any closing
/// quotes or brackets.
fn sentence_end_before(before: &str) -> bool {
    let trimmed = before.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    trimmed.ends_with(['.', '!', '?'])
}

/// [`pieces`], cutting at a candidate (see [`cut_candidates`]) when a
/// multiple of `grid` lies between it and the candidate before: whether a
/// candidate is a cut depends only on it and the candidate before, so a
/// highlight added or removed changes the pieces around it and no others.
fn pieces_of(text: &str, nodes: Vec<Node>, grid: usize, long_line: usize) -> Vec<Piece> {
    let grid = grid.max(1);
    use std::hash::{DefaultHasher, Hash, Hasher};
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let finish = |range: Range<usize>, nodes: Vec<Node>, out: &mut Vec<Piece>| {
        let mut h = DefaultHasher::new();
        range.hash(&mut h);
        text.get(range.clone()).unwrap_or_default().hash(&mut h);
        nodes.hash(&mut h);
        let key = h.finish();
        let elements = 1 + count_elements(&nodes);
        out.push(Piece {
            range,
            nodes,
            key,
            elements,
        });
    };
    let mut out = Vec::new();
    let mut current = Vec::new();
    let (mut start, mut previous) = (0, 0);
    for node in nodes {
        let Node::Text(r) = node else {
            current.push(node);
            continue;
        };
        let mut from = r.start;
        for (cut, always) in cut_candidates(text, &newlines, r.clone(), long_line) {
            let far_enough = always || cut / grid != previous / grid;
            previous = cut;
            if !far_enough {
                continue;
            }
            current.push(Node::Text(from..cut));
            finish(start..cut, std::mem::take(&mut current), &mut out);
            (start, from) = (cut, cut);
        }
        if from < r.end {
            current.push(Node::Text(from..r.end));
        }
    }
    if !current.is_empty() {
        finish(start..text.len(), current, &mut out);
    }
    out
}

#[cfg(test)]
// Claim parts are lists of ranges; a list of one range is what we mean.
#[allow(clippy::single_range_in_vec_init)]
pub(super) mod tests {
    use super::*;
    use crate::render::tree::tests::{check_tiling, claim, ent, entity_nodes, part_nodes, Lcg};
    use crate::render::tree::{build, text_of, ShowAll};
    use sift_core::{Annotation, Label};
    use std::collections::HashSet;

    /// Pieces tile the text, keep every node whole and cut only after line
    /// breaks in top-level text.
    pub(crate) fn check_pieces(text: &str, ann: &Annotation) -> Vec<Piece> {
        check_pieces_of(text, ann, 1)
    }

    fn check_pieces_of(text: &str, ann: &Annotation, grid: usize) -> Vec<Piece> {
        let tree = build(text, ann, &ShowAll);
        let ps = pieces_of(text, tree.clone(), grid, usize::MAX);
        let mut at = 0;
        for p in &ps {
            assert_eq!(p.range.start, at, "pieces tile the text");
            assert!(p.range.start < p.range.end);
            check_tiling(&p.nodes, p.range.clone());
            at = p.range.end;
        }
        assert_eq!(at, text.len());
        let joined: Vec<Node> = ps.iter().flat_map(|p| p.nodes.clone()).collect();
        assert_eq!(text_of(text, &joined), text);
        let (mut whole, mut cut) = (vec![], vec![]);
        entity_nodes(&tree, &mut whole);
        entity_nodes(&joined, &mut cut);
        assert_eq!(whole, cut, "entities stay whole");
        let (mut whole, mut cut) = (vec![], vec![]);
        part_nodes(&tree, &mut whole);
        part_nodes(&joined, &mut cut);
        assert_eq!(whole, cut, "parts stay whole");
        ps
    }

    #[test]
    fn pieces_cut_after_line_breaks_outside_highlights() {
        let text = "Putin said\n\nMoscow wins.\r\n\r\nA\nB";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let ann = Annotation {
            entities: vec![
                ent(at("Putin"), Label::Person),
                ent(at("Moscow"), Label::Gpe),
            ],
            claims: vec![],
        };
        let ps = check_pieces(text, &ann);
        let shown: Vec<&str> = ps.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(
            shown,
            ["Putin said\n\n", "Moscow wins.\r\n\r\n", "A\n", "B"]
        );
        // A claim whose content spans the blank line keeps both paragraphs
        // in one piece.
        let ann = Annotation {
            entities: ann.entities.clone(),
            claims: vec![claim(vec![at("Putin")], vec![at("said")], vec![7..18])],
        };
        let ps = check_pieces(text, &ann);
        assert_eq!(
            &text[ps[0].range.clone()],
            "Putin said\n\nMoscow wins.\r\n\r\n"
        );
        assert!(pieces("", Vec::new()).is_empty());
        assert_eq!(check_pieces_of(text, &ann, PIECE_BYTES).len(), 1);
        assert_eq!(check_pieces("no breaks", &Annotation::default()).len(), 1);
        assert_eq!(check_pieces("\n\n\n", &Annotation::default()).len(), 1);
    }

    #[test]
    fn a_long_line_is_cut_at_sentence_ends() {
        let sentence = "Someone said “something here.” "; // 34 bytes
        let text = format!(
            "{}\r\n\r\nShort. Line.\n{}",
            sentence.repeat(12),
            sentence.repeat(3)
        );
        let tree = build(&text, &Annotation::default(), &ShowAll);
        // Lines over 200 bytes are cut at sentence ends too (the first),
        // the others only after their line break.
        let ps = pieces_of(&text, tree.clone(), 100, 200);
        let shown: Vec<&str> = ps.iter().map(|p| &text[p.range.clone()]).collect();
        assert!(ps.len() > 3, "{shown:?}");
        for p in &shown[..shown.len() - 1] {
            assert!(p.ends_with("” ") || p.ends_with('\n'), "{p:?}");
        }
        // The long line's break ends a piece; the short line is not cut.
        assert!(shown.iter().any(|p| p.ends_with("” \r\n\r\n")), "{shown:?}");
        assert!(
            shown.iter().any(|p| p.contains("Short. Line.\n")),
            "{shown:?}"
        );
        assert_eq!(shown.concat(), text);
        // The shipped threshold leaves such short lines alone.
        assert_eq!(pieces(&text, tree).len(), 1);
        assert!(sentence_end_before("He won.") && sentence_end_before("“Go!”"));
        assert!(!sentence_end_before("Mr") && !sentence_end_before(""));
    }

    #[test]
    fn pieces_gather_paragraphs_up_to_the_grid_and_change_only_locally() {
        let paragraph = "Someone said something here.\n\n"; // 30 bytes
        let text = paragraph.repeat(40);
        let plain = check_pieces_of(&text, &Annotation::default(), 100);
        // A cut after the first paragraph end past each multiple of 100.
        let starts: Vec<usize> = plain.iter().map(|p| p.range.start).collect();
        assert_eq!(starts[..4], [0, 120, 210, 300]);
        assert!(plain.iter().all(|p| p.range.len() <= 120));
        assert_eq!(check_pieces(&text, &Annotation::default()).len(), 40);
        // A claim over the blank line ending paragraph 20 (a cut, at 600)
        // moves that cut to the next paragraph end (630); the cut after
        // stays (720), and so do the other pieces' keys.
        let ann = Annotation {
            entities: vec![],
            claims: vec![claim(vec![], vec![570..574], vec![580..620])],
        };
        let changed = check_pieces_of(&text, &ann, 100);
        let old: HashSet<u64> = plain.iter().map(|p| p.key).collect();
        let new: Vec<&Piece> = changed.iter().filter(|p| !old.contains(&p.key)).collect();
        let ranges: Vec<Range<usize>> = new.iter().map(|p| p.range.clone()).collect();
        assert_eq!(ranges, [510..630, 630..720]);
        assert_eq!(changed.len(), plain.len());
    }

    #[test]
    fn a_change_in_one_paragraph_changes_only_its_piece() {
        let text = "Putin said.\n\nMoscow wins.\n\nKyiv replied.\n";
        let at = |s: &str| text.find(s).map(|i| i..i + s.len()).unwrap_or(0..0);
        let before = Annotation {
            entities: vec![ent(at("Putin"), Label::Person)],
            claims: vec![],
        };
        let mut after = before.clone();
        after.entities.push(ent(at("Kyiv"), Label::Gpe));
        let keys =
            |a: &Annotation| -> Vec<u64> { check_pieces(text, a).iter().map(|p| p.key).collect() };
        let (k0, k1) = (keys(&before), keys(&after));
        assert_eq!(k0.len(), 3);
        assert_eq!(k0[..2], k1[..2]);
        assert_ne!(k0[2], k1[2]);
        // The same highlights over different text make a different piece.
        let other = text.replace("Moscow", "Madrid");
        let k2: Vec<u64> = check_pieces(&other, &before)
            .iter()
            .map(|p| p.key)
            .collect();
        assert_eq!((k0[0], k0[2]), (k2[0], k2[2]));
        assert_ne!(k0[1], k2[1]);
    }

    #[test]
    fn pieces_keep_every_invariant_on_random_overlaps() {
        let text = "One said\n\ntwo 😀 denied\r\nthree\n\n\nfour reported\nfive";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut rng = Lcg(11);
        for _ in 0..300 {
            let mut pick = || {
                let a = bounds[rng.below(bounds.len())];
                let b = bounds[rng.below(bounds.len())];
                a.min(b)..a.max(b)
            };
            let entities = vec![ent(pick(), Label::Org)];
            let claims = vec![claim(vec![pick()], vec![pick()], vec![pick()])];
            check_pieces(text, &Annotation { entities, claims });
        }
    }
}
