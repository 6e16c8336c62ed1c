//! The app's JSON import (`formats::json::import`) never panics; what it
//! accepts has every range inside the text on char boundaries, and what it
//! refuses names a line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::formats::json::import;

fuzz_target!(|src: &str| {
    match import(src) {
        Ok(doc) => sift_fuzz::check_annotation(&doc.text, &doc.annotation),
        Err(e) => assert!(e.to_string().starts_with("line "), "{e}"),
    }
});
