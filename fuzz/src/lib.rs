//! Checks shared by the fuzz targets.

use std::ops::Range;

use sift_core::Annotation;

/// The fuzzer's bytes as a model file: when the first byte is odd, the
/// rest after the header (magic line and u32 version) of `valid`, a file
/// that loads, so the fuzzer spends its time in the body rather than on
/// the magic line; otherwise the bytes as they are.
pub fn model_bytes(valid: &[u8], data: &[u8]) -> Vec<u8> {
    match data.split_first() {
        Some((flag, rest)) if flag & 1 == 1 => {
            let header = valid.iter().position(|&b| b == b'\n').map_or(0, |n| n + 5);
            [&valid[..header], rest].concat()
        }
        _ => data.to_vec(),
    }
}

/// Panics unless `r` is a non-reversed range inside `text` on char boundaries.
pub fn check_range(text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} outside the text"
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{r:?} splits a char"
    );
}

/// Panics unless every range of `a` is inside `text` on char boundaries.
pub fn check_annotation(text: &str, a: &Annotation) {
    for e in &a.entities {
        check_range(text, &e.range);
    }
    for c in &a.claims {
        for r in c
            .source
            .iter()
            .chain(&c.cue)
            .chain(&c.content)
            .chain(&c.hedges)
        {
            check_range(text, r);
        }
        if let Some(r) = &c.source_entity {
            check_range(text, r);
        }
    }
}
