//! Checks shared by the fuzz targets.

use std::ops::Range;

use sift_core::Annotation;

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
