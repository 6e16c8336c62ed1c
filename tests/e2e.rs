#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests: the released web app, served locally, driven in headless
//! Chromium through WebDriver. DOM hooks are those of shared/DESIGN.md.
//!
//! Run them with `cargo xtask test` (which builds the app and installs what is
//! missing), or `SIFT_DIST=dist cargo test -p sift-web --test e2e` against a
//! `trunk build --release` you made yourself.

#[path = "e2e/harness.rs"]
#[allow(dead_code)] // each test file uses part of the harness
mod harness;

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{bail, ensure, Result};
use harness::{describe_difference, pretty, Outcome, Session};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../assets/sample.txt");

/// Text that breaks naive offset handling: astral-plane emoji and ZWJ sequences, flags,
/// CJK, combining marks, RTL, curly quotes, NBSP, tabs, markup-like text, CRLF line ends.
const TRICKY: &str =
    "  Zoë Saldaña met 習近平 in Zürich 🇨🇭 — “quoted” ‘single’ «guillemets» „low“\r\n\
Family: 👩\u{200d}👩\u{200d}👧\u{200d}👦, thumbs 👍🏽, math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, café naïve résumé.\r\n\
\r\n\
東京都、日本語のテキスト。한국어 텍스트. Ελληνικά. עברית ومرحبا.\r\n\
Combining: e\u{301} A\u{30a}; NBSP:\u{a0}here; tab:\there; ZWSP:\u{200b}end.\r\n\
<b>not markup</b> &amp; <script>alert(1)</script>\r\n\
Trailing spaces   \r\n";

const SETTLE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn sample_entities_are_highlighted() -> Outcome {
    let s = Session::start("sample_entities_are_highlighted").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        let expected = json!([
            ["PERSON", "Vladimir Putin"],
            ["GPE", "Moscow"],
            ["NORP", "Iranian"],
        ]);
        s.wait_js(
            "expected entity highlights in #annotated: an element [data-label=PERSON] with text \
             \"Vladimir Putin\", [data-label=GPE] \"Moscow\", [data-label=NORP] \"Iranian\"",
            SETTLE,
            r#"
            const missing = [], seen = {};
            for (const [label, text] of arguments[0]) {
                const els = [...document.querySelectorAll('#annotated [data-label]')]
                    .filter(e => e.getAttribute('data-label') === label);
                if (!els.some(e => e.textContent === text)) missing.push(`${label} "${text}"`);
                seen[label] = [...new Set(els.map(e => e.textContent))].slice(0, 12);
            }
            const holders = {};
            for (const [label, text] of arguments[0]) {
                // Which labels, if any, the expected strings do carry.
                holders[text] = [...document.querySelectorAll('#annotated [data-label]')]
                    .filter(e => e.textContent === text).map(e => e.getAttribute('data-label'));
            }
            return { ok: missing.length === 0, missing, 'seen per expected label': seen,
                     'labels the expected texts carry': holders };
            "#,
            vec![expected],
        )
        .await?;
        s.mark("entities found");
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn denial_claim_names_its_sources() -> Outcome {
    let s = Session::start("denial_claim_names_its_sources").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        let found = s
            .wait_js(
                "expected a claim whose [data-role=cue] is \"denied\" with [data-role=source] \
                 parts (same data-claim) reading \"Moscow and Tehran\"",
                SETTLE,
                r#"
                const want = 'Moscow and Tehran';
                const root = document.querySelector('#annotated');
                if (!root) return { ok: false, error: 'no #annotated' };
                const parts = role => [...root.querySelectorAll('[data-role]')]
                    .filter(e => e.getAttribute('data-role') === role);
                const cues = parts('cue');
                const candidates = cues.filter(c => c.textContent === 'denied').map(cue => {
                    const id = cue.getAttribute('data-claim');
                    const sources = parts('source').filter(e => e.getAttribute('data-claim') === id);
                    const joined = sources.map(e => e.textContent).join('');
                    let spanned = null;
                    if (sources.length) {
                        const r = document.createRange();
                        r.setStartBefore(sources[0]);
                        r.setEndAfter(sources[sources.length - 1]);
                        spanned = r.toString();
                    }
                    return { claim: id, sources: sources.map(e => e.textContent), joined, spanned,
                             ok: joined === want || spanned === want };
                });
                return {
                    ok: candidates.some(c => c.ok),
                    'claims with cue "denied"': candidates,
                    'all cues (first 15)': cues.slice(0, 15).map(c => c.textContent),
                };
                "#,
                vec![],
            )
            .await?;
        eprintln!("[e2e] denial claim: {}", found["claims with cue \"denied\""]);
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// Counts the `[data-label=LABEL]` elements in `#annotated` that a reader can see.
const VISIBLE_LABELS: &str = r#"
    const label = arguments[0];
    const visible = e => {
        if (!e.isConnected || e.closest('[hidden]')) return false;
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse') return false;
        return e.getClientRects().length > 0;
    };
    const els = [...document.querySelectorAll('#annotated [data-label]')]
        .filter(e => e.getAttribute('data-label') === label);
    const shown = els.filter(visible);
    const want = arguments[1];
    return {
        ok: want === null ? shown.length > 0 : shown.length === want,
        visible: shown.length,
        'in the DOM': els.length,
        'visible texts (first 10)': shown.slice(0, 10).map(e => e.textContent),
    };
"#;

#[tokio::test]
async fn legend_toggle_hides_and_restores_person() -> Outcome {
    let s = Session::start("legend_toggle_hides_and_restores_person").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        let before = s
            .wait_js(
                "expected visible PERSON highlights before toggling",
                SETTLE,
                VISIBLE_LABELS,
                vec![json!("PERSON"), Value::Null],
            )
            .await?;
        let n = before["visible"].as_u64().unwrap_or(0);
        s.mark(&format!("{n} PERSON highlights visible"));

        let button = r#"button[data-toggle-label="PERSON"]"#;
        s.click(button).await?;
        s.wait_js(
            "after clicking the PERSON legend toggle, expected no visible [data-label=PERSON] \
             element in #annotated",
            Duration::from_secs(5),
            VISIBLE_LABELS,
            vec![json!("PERSON"), json!(0)],
        )
        .await?;
        s.mark("PERSON hidden");

        s.click(button).await?;
        s.wait_js(
            &format!(
                "after clicking the PERSON legend toggle again, expected the {n} PERSON \
                 highlights to be visible again"
            ),
            Duration::from_secs(5),
            VISIBLE_LABELS,
            vec![json!("PERSON"), json!(n)],
        )
        .await?;
        s.mark("PERSON restored");
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// Pastes `text`, then checks that `#annotated` reproduces the textarea's value exactly.
async fn check_fidelity(s: &Session, text: &str) -> Result<()> {
    s.open_app().await?;
    let value = s.paste(text).await?;
    let normalised = text.replace("\r\n", "\n");
    ensure!(
        value == normalised,
        "expected the textarea to hold the pasted text (CRLF → LF); {}",
        describe_difference(&normalised, &value)
    );
    let shown = s
        .js(
            "const a = document.querySelector('#annotated'); return a ? a.textContent : null;",
            vec![],
        )
        .await?;
    let Some(shown) = shown.as_str() else {
        bail!("expected an #annotated element; there is none");
    };
    ensure!(
        shown == value,
        "expected #annotated's text to equal the pasted text exactly; {}",
        describe_difference(&value, shown)
    );
    eprintln!(
        "[e2e] #annotated reproduces {} code points exactly",
        value.chars().count()
    );
    Ok(())
}

#[tokio::test]
async fn annotated_text_reproduces_sample() -> Outcome {
    let s = Session::start("annotated_text_reproduces_sample").await?;
    let result = check_fidelity(&s, SAMPLE).await;
    s.finish(result).await
}

#[tokio::test]
async fn annotated_text_reproduces_tricky_text() -> Outcome {
    let s = Session::start("annotated_text_reproduces_tricky_text").await?;
    let result = check_fidelity(&s, TRICKY).await;
    s.finish(result).await
}

/// Whether `url` is a request to `origin` (`http://127.0.0.1:PORT`), or no request at all.
fn same_origin_or_local(url: &str, origin: &str) -> bool {
    let rest = url.strip_prefix(origin);
    let same = rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#']));
    same || ["data:", "blob:", "about:"]
        .iter()
        .any(|p| url.starts_with(p))
}

fn path_of<'a>(url: &'a str, origin: &str) -> &'a str {
    let rest = url.strip_prefix(origin).unwrap_or(url);
    let rest = rest.split('#').next().unwrap_or(rest);
    if rest.is_empty() {
        "/"
    } else {
        rest
    }
}

#[tokio::test]
async fn page_requests_only_its_own_origin() -> Outcome {
    let s = Session::start("page_requests_only_its_own_origin").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        tokio::time::sleep(Duration::from_secs(1)).await; // late, lazy loads
        let origin = s.server.origin();

        let page = s
            .js(
                r#"
                return {
                    url: document.URL,
                    origin: location.origin,
                    resources: performance.getEntriesByType('resource').map(e => e.name),
                };
                "#,
                vec![],
            )
            .await?;
        let network = s.network_requests().await?;
        let served = s.server.log();

        let mut problems = Vec::new();
        if page["origin"] != json!(origin) {
            problems.push(format!(
                "the page's origin is {} (expected {origin})",
                page["origin"]
            ));
        }
        let doc_url = page["url"].as_str().unwrap_or("");
        if !same_origin_or_local(doc_url, &origin) {
            problems.push(format!("the document URL is {doc_url} (expected {origin}/...)"));
        }
        let resources: Vec<&str> = page["resources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for r in &resources {
            if !same_origin_or_local(r, &origin) {
                problems.push(format!("resource timing lists a request to another origin: {r}"));
            }
        }
        for u in &network {
            if !same_origin_or_local(u, &origin) {
                problems.push(format!("Chromium's network log has a request to another origin: {u}"));
            }
        }
        // Every request the page made must have reached (and been answered by) our server.
        let served_paths: BTreeSet<&str> = served.iter().map(|r| r.target.as_str()).collect();
        for u in resources.iter().copied().chain(network.iter().map(String::as_str)) {
            if u.starts_with(&origin) && !served_paths.contains(path_of(u, &origin)) {
                problems.push(format!("{u} was requested but our server never saw it"));
            }
        }
        if !served_paths.contains("/") {
            problems.push("our server never served the page itself (`/`)".into());
        }

        let missing: Vec<String> = served
            .iter()
            .filter(|r| r.status != 200 && r.target != "/favicon.ico")
            .map(|r| format!("{} {} -> {}", r.method, r.target, r.status))
            .collect();
        eprintln!(
            "[e2e] requests: {} in resource timing, {} in the network log, {} served ({} not 200 besides favicon: {:?})",
            resources.len(),
            network.len(),
            served.len(),
            missing.len(),
            missing
        );
        if !problems.is_empty() {
            bail!(
                "expected every request to go to the page's own origin {origin} and be served \
                 by the test server; found:\n  {}\nserved: {}",
                problems.join("\n  "),
                pretty(&json!(served
                    .iter()
                    .map(|r| format!("{} {} -> {}", r.method, r.target, r.status))
                    .collect::<Vec<_>>()))
            );
        }
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[test]
fn origin_helpers() {
    let o = "http://127.0.0.1:4000";
    assert!(same_origin_or_local("http://127.0.0.1:4000/", o));
    assert!(same_origin_or_local("http://127.0.0.1:4000/a.wasm?x=1", o));
    assert!(same_origin_or_local("data:text/plain,hi", o));
    assert!(!same_origin_or_local("http://127.0.0.1:40001/", o));
    assert!(!same_origin_or_local("https://fonts.example.com/x.css", o));
    assert_eq!(path_of("http://127.0.0.1:4000", o), "/");
    assert_eq!(path_of("http://127.0.0.1:4000/m.bin#f", o), "/m.bin");
}
