//! A saved document (`doc::Document::from_json`, what the app keeps in
//! storage) never panics on load, whatever the storage holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::doc::Document;

fuzz_target!(|src: &str| {
    if let Ok(doc) = Document::from_json(src) {
        // What loads must save again.
        let _ = doc.to_json();
    }
});
