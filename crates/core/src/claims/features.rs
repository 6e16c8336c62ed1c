//! Hashed features of the two claim taggers.
//!
//! Hashing is the entity model's: each token's strings are hashed once
//! ([`crate::linear::hash::hash_str`], in [`Prepared`]) and a feature
//! mixes a template id with those hashes and small packed numbers
//! ([`crate::linear::hash::mix`]); the same bits on native and wasm.
//! Template ids below 128 belong to the cue tagger, the rest to the role
//! tagger; each tagger has its own weight table.
//!
//! Role features are read *relative to the cue*: which side of it the
//! token is on (`<` before, `>` after), how far, how many sentences,
//! commas, clause marks and other cue words lie between, and whether the
//! token shares a quotation with the cue or sits in the quotation that
//! ends right before it (`“…,” he said`) or starts right after it.

use std::ops::Range;

use super::prepared::Prepared;
use super::tree::Anchor;
use crate::linear::hash::{hash_str, mix};

/// Static cue features per token.
pub const CUE_STATIC: usize = 28;
/// The first `CUE_OWN` static cue features read only the token's word,
/// shape and lexicon code, so their scores can be remembered per word.
pub const CUE_OWN: usize = 6;
/// Dynamic cue features per token (they read the previous tag).
pub const CUE_DYNAMIC: usize = 4;
/// Static role features per token.
pub const ROLE_STATIC: usize = 30;
/// Dynamic role features per token.
pub const ROLE_DYNAMIC: usize = 7;
/// Cue features read from the dependency tree, per token, when the
/// document has one.
pub const CUE_SYNTAX: usize = 6;
/// Role features read from the dependency tree, per token, when the
/// document has one ([`Prepared::tree`]).
pub const ROLE_SYNTAX: usize = 11;

/// The hash standing for "no token here" (before or after the sentence).
fn none() -> u64 {
    hash_str("<s>")
}

/// Packs a few small numbers into one feature part.
fn pk(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0x5eed, |h, &b| (h << 8) | u64::from(b))
}

/// Classes of a neighbouring token that matter for cues: `t` "that",
/// `:` a colon, `q` a quote mark, `,` a comma, `.` other punctuation,
/// `w` a word.
fn class(p: &Prepared, i: Option<usize>) -> &'static [u8] {
    let Some(i) = i.filter(|&i| i < p.len()) else {
        return b"^";
    };
    match &*p.norm[i] {
        "that" => b"t",
        ":" => b":",
        "," => b",",
        "“" | "”" | "\"" | "'" | "‘" | "``" | "''" => b"q",
        _ if p.is_punct(i) => b".",
        _ => b"w",
    }
}

fn norm_at(p: &Prepared, sent: &Range<usize>, i: usize, d: isize) -> u64 {
    match i.checked_add_signed(d) {
        Some(j) if sent.contains(&j) => p.norm_h[j],
        _ => none(),
    }
}

/// Pronouns and determiners that start a subject.
fn subject_like(p: &Prepared, i: usize) -> bool {
    p.entity[i] != 0
        || matches!(
            &*p.norm[i],
            "he" | "she" | "they" | "we" | "i" | "it" | "you" | "who"
        )
        || p.capitalised[i]
}

/// The static cue features of token `i` of sentence `sent`.
pub fn cue_static(p: &Prepared, sent: &Range<usize>, i: usize, out: &mut Vec<u64>) {
    let w = |d: isize| norm_at(p, sent, i, d);
    let w0 = p.norm_h[i];
    let lem = p.lemma_h[i];
    let lex = pk(&[p.lex[i]]);
    let shape = p.shape_h[i];
    let prev_shape = if i > sent.start {
        p.shape_h[i - 1]
    } else {
        none()
    };
    let first = pk(&[u8::from(i == sent.start)]);
    let quoted = u8::from(p.quote[i] != 0);
    let prev_ent = if i > sent.start { p.entity[i - 1] } else { 255 };
    let subject = u8::from((i.saturating_sub(3).max(sent.start)..i).any(|j| subject_like(p, j)));
    let next = pk(class(p, Some(i + 1).filter(|&j| j < sent.end)));
    let prev = pk(class(p, i.checked_sub(1).filter(|&j| j >= sent.start)));
    let pos = match (i - sent.start, sent.end - i) {
        (0, _) => 0u8,
        (_, 1) => 1,
        (_, 2) => 2,
        (1..=3, _) => 3,
        _ => 4,
    };
    let f = out;
    // The token's own features first (`CUE_OWN` of them); the order is
    // free, as a feature's hash carries its template id.
    f.extend_from_slice(&[
        mix(1, &[]),
        mix(2, &[w0]),
        mix(3, &[lem]),
        mix(10, &[lex]),
        mix(13, &[shape]),
        mix(26, &[p.suffix_h[i]]),
        mix(4, &[w(-1)]),
        mix(5, &[w(1)]),
        mix(6, &[w(-2)]),
        mix(7, &[w(2)]),
        mix(8, &[w(-1), w0]),
        mix(9, &[w0, w(1)]),
        mix(11, &[lex, w(1)]),
        mix(12, &[lex, w(-1)]),
        mix(14, &[prev_shape, w0]),
        mix(15, &[first, shape]),
        mix(16, &[pk(&[quoted, p.lex[i]])]),
        mix(17, &[pk(&[prev_ent, p.lex[i]])]),
        mix(18, &[pk(&[subject, p.lex[i]])]),
        mix(19, &[pk(&[subject]), lem]),
        mix(20, &[w0, next]),
        mix(21, &[prev, w0]),
        mix(22, &[pk(&[u8::from(p.hedge[i])]), w0]),
        mix(23, &[lem, w(1)]),
        mix(24, &[pk(&[pos, p.lex[i]])]),
        mix(25, &[pk(&[p.entity[i]])]),
        mix(27, &[w(-1), w0, w(1)]),
        mix(28, &[pk(&[quoted]), prev, w0, next]),
    ]);
    debug_assert_eq!(f.len() % CUE_STATIC, 0);
}

/// The cue features of token `i` read from the tree, when there is one: a
/// cue is a verb with a subject and a clause or object under it, or the
/// noun or preposition heading such a phrase ("according to", "claims").
pub fn cue_syntax(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let Some(tree) = &p.tree else { return };
    let (tag, label, kids) = (tree.tags[i], tree.labels[i], tree.dependents[i]);
    let head_tag = match tree.heads[i] {
        h if (h as usize) < tree.tags.len() => tree.tags[h as usize],
        _ => 255,
    };
    let lem = p.lemma_h[i];
    let kid_bits = pk(&kids.to_be_bytes());
    out.extend_from_slice(&[
        mix(29, &[pk(&[tag])]),
        mix(30, &[pk(&[tag]), lem]),
        mix(31, &[pk(&[tag, label, head_tag])]),
        mix(32, &[kid_bits, pk(&[tag])]),
        mix(33, &[kid_bits, lem]),
        mix(34, &[pk(&[label, p.lex[i]]), kid_bits]),
    ]);
}

/// The dynamic cue features of token `i` after tag `prev`.
pub fn cue_dynamic(p: &Prepared, i: usize, prev: u8, out: &mut [u64; CUE_DYNAMIC]) {
    let pr = pk(&[prev]);
    out[0] = mix(40, &[pr]);
    out[1] = mix(41, &[pr, p.norm_h[i]]);
    out[2] = mix(42, &[pk(&[prev, p.lex[i]])]);
    out[3] = mix(43, &[pr, p.lemma_h[i]]);
}

/// What the role features need to know about one cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// The cue's tokens.
    pub range: Range<usize>,
    /// Hash of its words joined by spaces (at most four).
    key: u64,
    /// Lexicon code of its most telling word.
    lex: u8,
    /// Hashes of the words (or classes) right before and after it.
    before: u64,
    after: u64,
    /// The cue's sentence.
    sent: u32,
    /// The cue's quotation, and the quotations right before and after it.
    quote: u32,
    quote_before: u32,
    quote_after: u32,
    /// The cue's place in the dependency tree, when there is one.
    anchor: Option<Anchor>,
}

impl Cue {
    /// Describes the cue at tokens `range`.
    pub fn new(p: &Prepared, range: Range<usize>) -> Cue {
        let range = range.start.min(p.len())..range.end.min(p.len()).max(range.start.min(p.len()));
        let key = hash_str(
            &p.norm[range.clone()]
                .iter()
                .take(4)
                .map(|w| &**w)
                .collect::<Vec<_>>()
                .join(" "),
        );
        let lex = p.lex[range.clone()]
            .iter()
            .copied()
            .find(|&l| l != 0)
            .unwrap_or(0);
        let word_or_class = |j: Option<usize>| -> u64 {
            match j.filter(|&j| j < p.len()) {
                Some(j) if !p.is_punct(j) && p.entity[j] == 0 => p.norm_h[j],
                Some(j) if p.entity[j] != 0 => pk(&[b'E', p.entity[j]]),
                j => pk(class(p, j)),
            }
        };
        let before = word_or_class(range.start.checked_sub(1));
        let after = word_or_class(Some(range.end));
        let sent = p.sent_of.get(range.start).copied().unwrap_or(0);
        let quote = p.quote.get(range.start).copied().unwrap_or(0);
        // A quotation ending within three tokens before the cue, or
        // starting within three after it.
        let near = |js: &mut dyn Iterator<Item = usize>| -> u32 {
            js.filter(|&j| j < p.len())
                .map(|j| p.quote[j])
                .find(|&q| q != 0 && q != quote)
                .unwrap_or(0)
        };
        let quote_before = near(&mut (range.start.saturating_sub(3)..range.start).rev());
        let quote_after = near(&mut (range.end..range.end + 3));
        let anchor = p.tree.as_ref().and_then(|t| t.anchor(range.clone()));
        Cue {
            anchor,
            range,
            key,
            lex,
            before,
            after,
            sent,
            quote,
            quote_before,
            quote_after,
        }
    }

    /// The index of the cue's sentence.
    pub fn sentence(&self) -> u32 {
        self.sent
    }

    /// The token window its source and content are looked for in: the
    /// cue's sentence, up to [`SENTENCES_BEFORE`] sentences before it while
    /// they end inside a quotation ("“A. B,” he said." is split after "A."),
    /// and up to [`SENTENCES_AFTER`] after it.
    pub fn window(&self, p: &Prepared) -> Range<usize> {
        let s = self.sent as usize;
        let mut first_sentence = s.min(p.sentences.len().saturating_sub(1));
        while first_sentence > 0 && s - first_sentence < SENTENCES_BEFORE {
            let quoted_end = p.sentences.get(first_sentence - 1).is_some_and(|r| {
                r.end
                    .checked_sub(1)
                    .and_then(|e| p.quote.get(e))
                    .is_some_and(|&q| q != 0)
            });
            if !quoted_end {
                break;
            }
            first_sentence -= 1;
        }
        let first = p.sentences.get(first_sentence).map_or(0, |r| r.start);
        let last_sentence = (s + SENTENCES_AFTER).min(p.sentences.len().saturating_sub(1));
        let last = p.sentences.get(last_sentence).map_or(p.len(), |r| r.end);
        first..last.max(first)
    }
}

/// Sentences before a cue's that may hold its content: a quote runs over
/// several sentences before "…,” he said."
pub const SENTENCES_BEFORE: usize = 2;
/// Sentences after a cue's that may hold its content: "He said: “A. B. C.”"
/// (on PolNeAR train, going from one to three halves the role tokens left
/// outside the window).
pub const SENTENCES_AFTER: usize = 3;

// The first arm's `d` is at most 5.
#[allow(clippy::cast_possible_truncation)]
fn bucket(d: usize) -> u8 {
    match d {
        0..=5 => d as u8,
        6..=8 => 6,
        9..=12 => 7,
        13..=20 => 8,
        21..=35 => 9,
        _ => 10,
    }
}

fn few(n: u32) -> u8 {
    n.min(3) as u8
}

/// Side of the cue (`<` or `>`) and distance bucket of token `i`.
fn side(cue: &Cue, i: usize) -> (u8, usize) {
    if i < cue.range.start {
        (b'<', cue.range.start - i)
    } else if i >= cue.range.end {
        (b'>', i + 1 - cue.range.end)
    } else {
        (b'=', 0)
    }
}

/// The static role features of token `i` for `cue`.
pub fn role_static(p: &Prepared, cue: &Cue, i: usize, out: &mut Vec<u64>) {
    let (d, dist) = side(cue, i);
    let dist_b = bucket(dist);
    // The sentence offset, clamped to -3..=3, as the byte of its two's
    // complement (-1 is 255) on purpose: what the models were trained on.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let soff = (i64::from(p.sent_of[i]) - i64::from(cue.sent)).clamp(-3, 3) as i8 as u8;
    let (lo, hi) = if i < cue.range.start {
        (i + 1, cue.range.start)
    } else {
        (cue.range.end, i)
    };
    let between = |v: &[u32]| if lo < hi { v[hi] - v[lo] } else { 0 };
    let commas = few(between(&p.commas));
    let marks = few(between(&p.marks));
    let cues = few(between(&p.cue_words));
    let q = p.quote[i];
    let qrel = match q {
        0 => 0u8,
        _ if q == cue.quote => 1,
        _ if q == cue.quote_before => 2,
        _ if q == cue.quote_after => 3,
        _ => 4,
    };
    let w0 = p.norm_h[i];
    let prev = if i > 0 { p.norm_h[i - 1] } else { none() };
    let next = if i + 1 < p.len() {
        p.norm_h[i + 1]
    } else {
        none()
    };
    let ent = p.entity[i];
    let near_w0 = if dist <= 3 { w0 } else { 0 };
    let ends_sentence = u8::from(
        p.sentences
            .get(p.sent_of[i] as usize)
            .is_some_and(|s| s.end == i + 1),
    );
    let (dir, db, so) = (pk(&[d]), pk(&[d, dist_b]), pk(&[d, soff]));
    let key = cue.key;
    let f = out;
    f.extend_from_slice(&[
        mix(128, &[dir]),
        mix(129, &[db]),
        mix(130, &[so]),
        mix(131, &[dir, w0]),
        mix(132, &[db, near_w0]),
        mix(133, &[dir, prev]),
        mix(134, &[dir, next]),
        mix(135, &[dir, p.shape_h[i]]),
        mix(136, &[pk(&[d, ent])]),
        mix(137, &[pk(&[d, commas])]),
        mix(138, &[pk(&[d, qrel])]),
        mix(139, &[pk(&[d, soff, qrel])]),
        mix(140, &[dir, key]),
        mix(141, &[db, key]),
        mix(142, &[so, key]),
        mix(143, &[pk(&[d, dist_b, cue.lex])]),
        mix(144, &[dir, cue.before, cue.after]),
        mix(145, &[db, cue.before]),
        mix(146, &[db, cue.after]),
        mix(147, &[pk(&[d, soff, commas, dist_b])]),
        mix(148, &[pk(&[d, marks])]),
        mix(149, &[pk(&[d, soff, ends_sentence])]),
        mix(150, &[pk(&[d, dist_b, ent])]),
        mix(151, &[pk(&[qrel]), w0]),
        mix(152, &[dir, key, near_w0]),
        mix(153, &[pk(&[d, p.lex[i]])]),
        mix(154, &[pk(&[d, cues])]),
        mix(155, &[pk(&[d, cues, commas, marks])]),
        mix(156, &[pk(&[d, cue.lex]), cue.before]),
        mix(157, &[pk(&[d, soff, qrel, commas])]),
    ]);
    if let (Some(tree), Some(anchor)) = (&p.tree, cue.anchor) {
        let at = tree.place(anchor, i);
        let none = super::tree::Place {
            relation: 9,
            branch: 9,
            branch_tag: 9,
            depth: 0,
        };
        // Neighbours in the cue's window only: its own tokens count as such.
        let near = |j: Option<usize>| match j {
            Some(j) if j < p.len() && !cue.range.contains(&j) => tree.place(anchor, j),
            Some(j) if cue.range.contains(&j) => super::tree::Place {
                relation: 8,
                ..none
            },
            _ => none,
        };
        let (before, after) = (near(i.checked_sub(1)), near(Some(i + 1)));
        let (tag, label) = (tree.tags[i], tree.labels[i]);
        let rel = pk(&[d, at.relation, at.branch]);
        f.extend_from_slice(&[
            mix(160, &[rel]),
            mix(161, &[pk(&[d, at.relation, at.branch, at.depth.min(3)])]),
            mix(162, &[pk(&[d, tag])]),
            mix(163, &[pk(&[d, label, at.relation])]),
            mix(164, &[rel, key]),
            mix(165, &[pk(&[d, tag, label, at.branch])]),
            mix(166, &[pk(&[d, at.relation, at.branch, at.branch_tag])]),
            mix(167, &[pk(&[d, at.relation, at.branch, qrel])]),
            // Where the branch changes, a part ends: the token before and
            // after, in the same terms.
            mix(168, &[rel, pk(&[before.relation, before.branch])]),
            mix(169, &[rel, pk(&[after.relation, after.branch])]),
            mix(
                170,
                &[pk(&[
                    d,
                    at.relation,
                    at.branch,
                    before.relation,
                    before.branch,
                    after.relation,
                    after.branch,
                ])],
            ),
        ]);
    } else if p.tree.is_some() {
        // A cue outside the tree: the same number of features, all "none".
        for t in (160u8..).take(ROLE_SYNTAX) {
            f.push(mix(t, &[pk(&[d, 255])]));
        }
    }
}

/// The dynamic role features of token `i`: the previous tag and which
/// roles were already tagged (bit 1 source, bit 2 content).
pub fn role_dynamic(
    p: &Prepared,
    cue: &Cue,
    i: usize,
    prev: u8,
    seen: u8,
    out: &mut [u64; ROLE_DYNAMIC],
) {
    let (d, dist) = side(cue, i);
    let pr = pk(&[prev]);
    out[0] = mix(200, &[pr]);
    out[1] = mix(201, &[pk(&[prev, d])]);
    out[2] = mix(202, &[pr, p.norm_h[i]]);
    out[3] = mix(203, &[pk(&[prev, d, bucket(dist)])]);
    out[4] = mix(204, &[pk(&[prev, d, seen])]);
    out[5] = mix(205, &[pr, p.shape_h[i]]);
    out[6] = mix(
        206,
        &[pk(&[
            prev,
            d,
            p.quote[i].min(1) as u8,
            u8::from(p.quote[i] == cue.quote),
        ])],
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokens;

    #[test]
    fn one_row_per_token_and_cue_context() {
        let text = "“We won,” he said. Then he left.";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let mut out = Vec::new();
        let s = &tokens.sentences[0];
        for i in s.clone() {
            cue_static(&p, s, i, &mut out);
        }
        assert_eq!(out.len(), s.len() * CUE_STATIC);
        let cue = Cue::new(&p, 6..7);
        assert_eq!(cue.key, hash_str("said"));
        assert_eq!(cue.quote_before, 1);
        assert_eq!(cue.window(&p), 0..p.len());
        out.clear();
        role_static(&p, &cue, 1, &mut out);
        assert_eq!(out.len(), ROLE_STATIC);
    }
}
