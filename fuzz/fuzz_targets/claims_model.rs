//! Any bytes given as a claims model load or fail with an error, never a
//! panic. As in `ner_model`, an odd first byte puts a valid header in front.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::claims::Model;

fuzz_target!(|data: &[u8]| {
    let bytes = sift_fuzz::model_bytes(&Model::empty().to_bytes(), data);
    if let Ok(model) = Model::from_bytes(&bytes) {
        let text = "The ministry denied that it had, reportedly, said so.";
        let tokens = sift_core::tokenize::Tokens::new(text);
        let _ = model.find(text, &tokens, &[]);
    }
});
