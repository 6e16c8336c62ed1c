//! Any bytes given as an entity model load or fail with an error, never a
//! panic or an allocation beyond libFuzzer's memory limit. Inputs whose
//! first byte is odd get a valid header put in front, so the fuzzer spends
//! its time in the body rather than on the magic line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::ner::Model;

fuzz_target!(|data: &[u8]| {
    let bytes = sift_fuzz::model_bytes(&Model::empty().to_bytes(), data);
    if let Ok(model) = Model::from_bytes(&bytes) {
        // A model that loads must also annotate without panicking.
        let text = "Mr. Putin said on Monday that Moscow's 3.5% offer stood.";
        let tokens = sift_core::tokenize::Tokens::new(text);
        let _ = model.predict(text, &tokens);
    }
});
