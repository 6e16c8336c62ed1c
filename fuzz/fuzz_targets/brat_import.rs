//! The brat import (`formats::brat::import`) never panics. The input is a
//! text and a `.ann` file separated by the first NUL byte (no NUL: the
//! sample article's first lines are the text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::formats::brat::import;

const TEXT: &str = "Moscow and Tehran have denied the reports, Putin said.";

fuzz_target!(|src: &str| {
    let (text, ann) = src.split_once('\0').unwrap_or((TEXT, src));
    match import("doc", text, ann) {
        Ok(doc) => sift_fuzz::check_annotation(&doc.text, &doc.annotation),
        Err(e) => assert!(e.to_string().starts_with("line "), "{e}"),
    }
});
