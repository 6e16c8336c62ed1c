//! Any bytes given as an entity model load or fail with an error, never a
//! panic or an allocation beyond libFuzzer's memory limit. Inputs whose
//! first byte is odd get a valid header put in front, so the fuzzer spends
//! its time in the body rather than on the magic line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::ner::Model;

fuzz_target!(|data: &[u8]| {
    let bytes = match data.split_first() {
        Some((flag, rest)) if flag & 1 == 1 => {
            let empty = Model::empty().to_bytes();
            // The header is the magic line plus a u32 version.
            let header = empty.iter().position(|&b| b == b'\n').map_or(0, |n| n + 5);
            [&empty[..header], rest].concat()
        }
        _ => data.to_vec(),
    };
    if let Ok(model) = Model::from_bytes(&bytes) {
        // A model that loads must also annotate without panicking.
        let text = "Mr. Putin said on Monday that Moscow's 3.5% offer stood.";
        let tokens = sift_core::tokenize::Tokens::new(text);
        let _ = model.predict(text, &tokens);
    }
});
