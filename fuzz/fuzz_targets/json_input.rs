//! The JSON-lines reader (`sift annotate`'s input) never panics, and a line
//! it refuses is named in the error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::formats::json::read_input;

fuzz_target!(|line: &str| {
    if let Err(e) = read_input(line, 7) {
        assert!(e.to_string().starts_with("line 7: "), "{e}");
    }
});
