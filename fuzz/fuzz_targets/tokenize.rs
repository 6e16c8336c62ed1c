//! Any UTF-8 text tokenises without panicking, and the tokens and sentences
//! keep the promises `Tokens` documents: in order, never empty, never
//! overlapping, on char boundaries, sentences covering the tokens in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::tokenize::Tokens;

fuzz_target!(|text: &str| {
    let t = Tokens::new(text);
    let mut end = 0;
    for r in &t.tokens {
        assert!(r.start >= end && r.start < r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        end = r.end;
    }
    let mut next = 0;
    for s in &t.sentences {
        assert!(s.start == next && s.start < s.end && s.end <= t.tokens.len());
        next = s.end;
    }
    assert_eq!(next, t.tokens.len());
});
