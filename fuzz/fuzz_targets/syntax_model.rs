//! Any bytes given as a syntax model load or fail with an error, never a
//! panic. As in `ner_model`, an odd first byte puts a valid header in front.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_core::syntax::Model;

fuzz_target!(|data: &[u8]| {
    let bytes = sift_fuzz::model_bytes(&Model::empty().to_bytes(), data);
    if let Ok(model) = Model::from_bytes(&bytes) {
        // A model that loads must also parse without panicking, and give
        // every token a tag and a head inside its sentence.
        let text = "“Nobody,” he said, “lied.” Moscow denied it.\n\nAnd";
        let tokens = sift_core::tokenize::Tokens::new(text);
        let parse = model.parse(text, &tokens);
        assert_eq!(parse.heads.len(), tokens.tokens.len());
    }
});
