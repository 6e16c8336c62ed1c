#![cfg(not(target_arch = "wasm32"))]
//! Annotation speed in the browser: the sample article and a 100,000-word
//! document pasted into the released app in headless Chromium, timed in the
//! page from the paste to the last highlight drawn (annotation, entities
//! and claims, plus rendering). Prints milliseconds and words per second.
//!
//! Run with `cargo xtask test`, or `SIFT_DIST=dist cargo test -p sift-web
//! --test e2e_speed` against your own `trunk build --release`.

#[path = "e2e/harness.rs"]
#[allow(dead_code)] // each test file uses part of the harness
mod harness;

use std::time::Duration;

use anyhow::{ensure, Result};
use harness::{pretty, Outcome, Session};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../assets/sample.txt");

/// Paragraphs of the sample, numbered so that no two are identical, until
/// the text holds `words` whitespace-separated words.
fn document_of(words: usize) -> String {
    let paragraphs: Vec<&str> = SAMPLE.lines().filter(|p| !p.trim().is_empty()).collect();
    let mut out = String::new();
    let (mut n, mut i) = (0, 0);
    while n < words {
        let p = format!("{}. {}\n", i + 1, paragraphs[i % paragraphs.len()].trim());
        n += p.split_whitespace().count();
        out.push_str(&p);
        i += 1;
    }
    out
}

/// Pastes `text` and returns the page's timings: milliseconds from the
/// paste to the moment `#annotated` shows exactly the text with its
/// highlights and no annotation is in progress.
async fn timed_paste(s: &Session, text: &str, limit: Duration) -> Result<Value> {
    s.js(
        r#"
        const m = window.__speed = { t0: 0, done: null };
        const root = document.querySelector('#annotated');
        const ta = document.querySelector('textarea#source-text');
        const want = arguments[0].replace(/\r\n?/g, '\n');
        const check = () => {
            if (m.done !== null) return;
            const busy = document.querySelector('#annotate-progress');
            if (!busy && !root.hasAttribute('aria-busy') && root.textContent === want
                && root.querySelector('[data-label]')) {
                m.done = performance.now() - m.t0;
            } else {
                requestAnimationFrame(check);
            }
        };
        m.t0 = performance.now();
        ta.value = arguments[0];
        ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        requestAnimationFrame(check);
        return true;
        "#,
        vec![json!(text)],
    )
    .await?;
    s.wait_js(
        "expected the pasted text to be annotated and drawn",
        limit,
        "const m = window.__speed; return { ok: m.done !== null, ms: m.done, \
         entities: document.querySelectorAll('#annotated [data-label]').length, \
         claims: new Set([...document.querySelectorAll('#annotated [data-claim]')].map(e => e.dataset.claim)).size };",
        vec![],
    )
    .await
}

#[tokio::test]
async fn annotation_speed_in_chromium() -> Outcome {
    let s = Session::start("annotation_speed_in_chromium").await?;
    let result = async {
        s.open_app().await?;
        s.wait_ready().await?;
        for (name, text, limit) in [
            ("sample article", format!("{SAMPLE}\n"), Duration::from_secs(30)),
            ("100,000-word document", document_of(100_000), Duration::from_secs(300)),
        ] {
            let words = text.split_whitespace().count();
            let m = timed_paste(&s, &text, limit).await?;
            let ms = m["ms"].as_f64().unwrap_or(f64::NAN);
            eprintln!(
                "[e2e] FIGURES speed, {name}: {words} words, {} bytes, annotated and drawn in {ms:.0} ms \
                 = {:.0} words/s ({} entity highlights, {} claims)",
                text.len(),
                words as f64 / (ms / 1000.0),
                m["entities"],
                m["claims"],
            );
            ensure!(ms.is_finite() && ms > 0.0, "no timing for the {name}: {}", pretty(&m));
            ensure!(m["entities"].as_u64().unwrap_or(0) > 0, "no highlights for the {name}");
        }
        Ok(())
    }
    .await;
    s.finish(result).await
}
