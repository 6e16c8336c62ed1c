//! Installs the panic hook, then mounts the app.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sift_web::crash::install();
    leptos::mount::mount_to_body(sift_web::App);
}

/// Panics on purpose, so the end-to-end tests can check what the reader
/// sees after a panic (`window.wasmBindings.sift_test_panic()`). Harmless
/// to ship: it can only stop the page of whoever calls it.
#[wasm_bindgen]
pub fn sift_test_panic() {
    panic!("sift_test_panic was called (a test of the panic message)");
}
