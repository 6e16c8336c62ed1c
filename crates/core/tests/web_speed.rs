#![cfg(target_arch = "wasm32")]
//! The core's annotation speed inside Chromium (wasm, one thread): the
//! shipped entity, syntax and claims models, as the page loads them, over
//! the sample article and over a 100,000-word document, no rendering.
//! Prints milliseconds and words per second; run with `cargo xtask test` or
//! `cargo test --release --target wasm32-unknown-unknown -p sift-core --test web_speed`.

use sift_core::{claims, ner, syntax, Annotator};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NER: &[u8] = include_bytes!("../../../models/ner.bin");
const CLAIMS: &[u8] = include_bytes!("../../../models/claims.bin");
const SYNTAX: &[u8] = include_bytes!("../../../models/syntax.bin");
const SAMPLE: &str = include_str!("../../../assets/sample.txt");

/// Numbered sample paragraphs until the text holds `words` words.
fn document_of(words: usize) -> String {
    let paragraphs: Vec<&str> = SAMPLE.lines().filter(|p| !p.trim().is_empty()).collect();
    let (mut out, mut n, mut i) = (String::new(), 0, 0);
    while n < words {
        let p = format!("{}. {}\n", i + 1, paragraphs[i % paragraphs.len()].trim());
        n += p.split_whitespace().count();
        out.push_str(&p);
        i += 1;
    }
    out
}

#[wasm_bindgen_test]
fn annotation_speed_in_chromium() {
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .expect("performance clock");
    let started = performance.now();
    let annotator = Annotator::new(ner::Model::from_bytes(NER).expect("ner.bin loads"))
        .with_claims(claims::Model::from_bytes(CLAIMS).expect("claims.bin loads"))
        // Without the parser, a claims model that reads syntax gives way to
        // the rule finder, which is not what the page runs.
        .with_syntax(syntax::Model::from_bytes(SYNTAX).expect("syntax.bin loads"));
    console_log!(
        "FIGURES wasm: models loaded in {:.0} ms",
        performance.now() - started
    );
    for (name, text) in [
        ("sample article", SAMPLE.to_string()),
        ("100,000-word document", document_of(100_000)),
    ] {
        let words = text.split_whitespace().count();
        // A clone keeps no word scores: the 100,000-word document must not
        // find the sample's words already worked out.
        let annotator = annotator.clone();
        let t0 = performance.now();
        let found = annotator.annotate(&text);
        let ms = performance.now() - t0;
        console_log!(
            "FIGURES wasm: {name}: {words} words annotated (entities, syntax, claims) in {ms:.0} ms = {:.0} words/s; \
             {} entities, {} claims",
            words as f64 / (ms / 1000.0),
            found.entities.len(),
            found.claims.len()
        );
        assert!(
            !found.entities.is_empty() && !found.claims.is_empty(),
            "{name}: nothing found"
        );
    }
}
