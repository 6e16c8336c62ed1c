//! Greedy left-to-right decoding of the two taggers, shared by prediction
//! and training so that the two never disagree about features or
//! constraints. `choose` gets a token's index, its feature buckets and
//! which tags the previous one allows, and returns the tag to keep:
//! prediction picks the best allowed tag, training also updates weights.

use std::ops::Range;

use super::features::{
    self, Cue, CUE_DYNAMIC, CUE_STATIC, CUE_SYNTAX, ROLE_DYNAMIC, ROLE_STATIC, ROLE_SYNTAX,
};
use super::prepared::Prepared;
use super::tags;
use crate::linear::hash::bucket;

/// Reused buffers.
#[derive(Debug, Default, Clone)]
pub struct Scratch {
    hashes: Vec<u64>,
    buckets: Vec<u32>,
}

/// Tags the tokens of sentence `sent` with cue tags, into `out` (one tag
/// per token of the sentence).
pub fn cues<F>(
    p: &Prepared,
    sent: Range<usize>,
    bits: u8,
    s: &mut Scratch,
    out: &mut Vec<u8>,
    mut choose: F,
) where
    F: FnMut(usize, &[u32], &dyn Fn(u8) -> bool) -> u8,
{
    out.clear();
    let sent = sent.start.min(p.len())..sent.end.min(p.len());
    let mut dynamic = [0u64; CUE_DYNAMIC];
    for i in sent.clone() {
        s.hashes.clear();
        features::cue_static(p, &sent, i, &mut s.hashes);
        features::cue_syntax(p, i, &mut s.hashes);
        let prev = out.last().copied().unwrap_or(tags::START);
        features::cue_dynamic(p, i, prev, &mut dynamic);
        s.buckets.clear();
        s.buckets
            .extend(s.hashes.iter().chain(&dynamic).map(|&h| bucket(h, bits)));
        debug_assert_eq!(
            s.buckets.len(),
            CUE_STATIC + CUE_DYNAMIC + if p.tree.is_some() { CUE_SYNTAX } else { 0 }
        );
        let allowed = |t: u8| tags::cue_allowed(prev, t);
        out.push(choose(i, &s.buckets, &allowed));
    }
}

/// Tags the tokens of `window` with role tags for `cue`, into `out` (one
/// tag per token of the window; the cue's own tokens get [`tags::O`] and
/// are not scored).
pub fn roles<F>(
    p: &Prepared,
    cue: &Cue,
    window: Range<usize>,
    bits: u8,
    s: &mut Scratch,
    out: &mut Vec<u8>,
    mut choose: F,
) where
    F: FnMut(usize, &[u32], &dyn Fn(u8) -> bool) -> u8,
{
    out.clear();
    let window = window.start.min(p.len())..window.end.min(p.len());
    let mut dynamic = [0u64; ROLE_DYNAMIC];
    let mut prev = tags::START;
    let mut seen = 0u8;
    // Past the cue's sentence, a sentence without any role ends the search:
    // content runs on from sentence to sentence or not at all. Most cues
    // then cost one sentence after theirs, not three.
    let mut tagged_in_sentence = false;
    for i in window.clone() {
        let sentence = p.sent_of[i];
        if i > window.start && sentence != p.sent_of[i - 1] {
            if sentence > cue.sentence() + 1 && !tagged_in_sentence {
                out.resize(window.len(), tags::O);
                break;
            }
            tagged_in_sentence = false;
        }
        if cue.range.contains(&i) {
            out.push(tags::O);
            prev = tags::AT_CUE;
            continue;
        }
        s.hashes.clear();
        features::role_static(p, cue, i, &mut s.hashes);
        features::role_dynamic(p, cue, i, prev, seen, &mut dynamic);
        s.buckets.clear();
        s.buckets
            .extend(s.hashes.iter().chain(&dynamic).map(|&h| bucket(h, bits)));
        debug_assert_eq!(
            s.buckets.len(),
            ROLE_STATIC + ROLE_DYNAMIC + if p.tree.is_some() { ROLE_SYNTAX } else { 0 }
        );
        let before = prev;
        let allowed = |t: u8| tags::role_allowed(before, t);
        let t = choose(i, &s.buckets, &allowed);
        let role = match t {
            tags::SRC_B | tags::SRC_I => 1,
            tags::CON_B | tags::CON_I => 2,
            _ => 0,
        };
        seen |= role;
        tagged_in_sentence |= role != 0;
        out.push(t);
        prev = t;
    }
}
