//! Any UTF-8 text annotates without panicking with the shipped models, and
//! every range in the result lies inside the text on char boundaries.
#![no_main]

use std::ops::Range;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sift_core::{claims, ner, syntax, Annotator};

// The models the web app ships, loaded once (loading is the slow part).
static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| {
    let ner = ner::Model::from_bytes(include_bytes!("../../models/ner.bin"))
        .expect("the shipped entity model loads");
    let claims = claims::Model::from_bytes(include_bytes!("../../models/claims.bin"))
        .expect("the shipped claims model loads");
    let syntax = syntax::Model::from_bytes(include_bytes!("../../models/syntax.bin"))
        .expect("the shipped syntax model loads");
    Annotator::new(ner).with_claims(claims).with_syntax(syntax)
});

fn check(text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} outside the text"
    );
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
}

fuzz_target!(|text: &str| {
    let a = ANNOTATOR.annotate(text);
    let mut end = 0;
    for e in &a.entities {
        check(text, &e.range);
        assert!(e.range.start >= end, "entities overlap");
        end = e.range.end;
    }
    for c in &a.claims {
        for r in c
            .source
            .iter()
            .chain(&c.cue)
            .chain(&c.content)
            .chain(&c.hedges)
        {
            check(text, r);
        }
        if let Some(r) = &c.source_entity {
            check(text, r);
        }
    }
});
