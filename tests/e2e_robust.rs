#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests for issue 6, "robust and private by construction": hostile
//! text is shown as text, the Content-Security-Policy holds and the app runs
//! under it, a panic leaves a message and the reader's text, a 1 MB paste
//! stays responsive, nothing leaves the origin, and the page works offline
//! after the first visit.
//!
//! Run: `SIFT_DIST=<trunk build --release output> cargo test -p sift-web --test
//! e2e_robust -- --test-threads=1 --nocapture` (figures are printed).

#[path = "e2e/actions.rs"]
#[allow(dead_code)]
mod actions;
#[path = "e2e/harness.rs"]
#[allow(dead_code)] // each test file uses part of the harness
mod harness;

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Result};
use harness::{describe_difference, pretty, Outcome, Session};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../assets/sample.txt");

/// Markup, script, event handlers and links that must stay text, with bidi
/// and zero-width controls around them. Each payload that ran would set
/// `window.__pwned`.
const HOSTILE: &str = "Putin said <b>bold</b> & <i>it</i>.\n\
<script>window.__pwned = 'script'</script>\n\
<img src=x onerror=\"window.__pwned = 'img'\">\n\
<a href=\"javascript:window.__pwned='link'\">click me</a> javascript:alert(1)\n\
<svg onload=\"window.__pwned='svg'\"></svg><iframe src=\"javascript:parent.__pwned='frame'\"></iframe>\n\
&lt;escaped&gt; &amp;amp; {{ moustache }} ${template} </textarea><textarea>\n\
Bidi: \u{202e}txt.exe\u{202c} \u{2066}isolate\u{2069} \u{200f}rtl mark\u{200e}\n\
Zero width: Mos\u{200b}cow Teh\u{200d}ran \u{feff}BOM \u{2060}joiner \u{00ad}soft hyphen\n\
Moscow denied the report, officials said.\n";

/// Checks that `#annotated` shows exactly the textarea's text, with no element
/// the text could have created, and that no payload ran.
async fn check_inert(s: &Session) -> Result<Value> {
    let v = s
        .js(
            r#"
            const a = document.querySelector('#annotated');
            const want = document.querySelector('textarea#source-text').value;
            const allowed = new Set(['MARK', 'SPAN']);
            const odd = [...a.querySelectorAll('*')].map(e => e.tagName).filter(t => !allowed.has(t));
            const js = [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')]
                .map(e => e.outerHTML.slice(0, 80));
            const handlers = [...document.querySelectorAll('*')].filter(e =>
                [...e.attributes].some(at => at.name.toLowerCase().startsWith('on'))).map(e => e.tagName);
            return {
                same: a.textContent === want,
                want: want, got: a.textContent,
                'elements in #annotated other than mark/span': [...new Set(odd)],
                'javascript: URLs in the page': js,
                'elements with on* attributes': handlers,
                pwned: window.__pwned === undefined ? null : String(window.__pwned),
                scripts: document.scripts.length,
            };
            "#,
            vec![],
        )
        .await?;
    if v["same"] != json!(true) {
        bail!(
            "#annotated differs from the pasted text: {}",
            describe_difference(
                v["want"].as_str().unwrap_or(""),
                v["got"].as_str().unwrap_or("")
            )
        );
    }
    let empty = json!([]);
    ensure!(
        v["elements in #annotated other than mark/span"] == empty
            && v["javascript: URLs in the page"] == empty
            && v["elements with on* attributes"] == empty
            && v["pwned"].is_null(),
        "hostile text became markup or ran: {}",
        pretty(&json!({
            "odd elements": v["elements in #annotated other than mark/span"],
            "javascript: URLs": v["javascript: URLs in the page"],
            "on* attributes": v["elements with on* attributes"],
            "window.__pwned": v["pwned"],
        }))
    );
    Ok(v)
}

#[tokio::test]
async fn hostile_text_is_shown_as_text_never_run() -> Outcome {
    let s = Session::start("hostile_text_is_shown_as_text_never_run").await?;
    let result = async {
        s.open_app().await?;
        s.paste(HOSTILE).await?;
        tokio::time::sleep(Duration::from_millis(500)).await; // an onerror would have fired
        check_inert(&s).await?;
        // The side panels quote the text too (entity names, claim cards).
        let panels = s
            .js(
                r#"
                const side = document.querySelector('.side-panel') || document.body;
                return { odd: [...side.querySelectorAll('script, img, iframe, svg, b, i')]
                    .map(e => e.outerHTML.slice(0, 80)) };
                "#,
                vec![],
            )
            .await?;
        ensure!(
            panels["odd"] == json!([]),
            "the panels turned text into markup: {}",
            panels["odd"]
        );
        // The image payload would have requested /x.
        let asked: Vec<String> = s.server.log().iter().map(|r| r.target.clone()).collect();
        ensure!(
            !asked.iter().any(|t| t == "/x"),
            "the <img> payload was loaded: {asked:?}"
        );

        // 10,000 emoji, with skin tones, ZWJ families and flags among them.
        let emoji: String = ["😀", "👍🏽", "👩\u{200d}👩\u{200d}👧", "🇨🇭", "🧪"]
            .iter()
            .cycle()
            .take(10_000)
            .copied()
            .collect();
        let t = Instant::now();
        s.paste(&format!("Putin said {emoji} in Moscow.")).await?;
        eprintln!(
            "[e2e] 10,000 emoji rendered in {:.2}s",
            t.elapsed().as_secs_f64()
        );
        check_inert(&s).await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn csp_is_strict_and_the_app_runs_under_it() -> Outcome {
    let s = Session::start("csp_is_strict_and_the_app_runs_under_it").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        // Loading, annotating and rendering made no CSP complaint (read before
        // the probe below, whose blocked script and eval do complain).
        let console = s.console().await?;
        let complaints: Vec<&(String, String)> = console
            .iter()
            .filter(|(_, m)| {
                m.contains("Content Security Policy") || m.contains("Content-Security-Policy")
            })
            .collect();
        ensure!(
            complaints.is_empty(),
            "CSP errors in the console: {complaints:#?}"
        );
        let severe: Vec<&(String, String)> =
            console.iter().filter(|(l, _)| l == "SEVERE").collect();
        ensure!(severe.is_empty(), "errors in the console: {severe:#?}");
        let v = s
            .js(
                r#"
                const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
                const violations = [];
                document.addEventListener('securitypolicyviolation',
                    e => violations.push(e.violatedDirective));
                // An inline script added now must not run.
                const el = document.createElement('script');
                el.textContent = 'window.__inline = 1';
                document.body.appendChild(el);
                // Nor may a string be run as code. (eval itself cannot be tested
                // from here: WebDriver's scripts run through DevTools, which CSP
                // exempts; a string timer runs later, as the page.)
                try { setTimeout('window.__evalRan = true', 0); } catch (e) {}
                await new Promise(r => setTimeout(r, 200));
                const evalRan = window.__evalRan === true;
                return {
                    csp: meta ? meta.getAttribute('content') : null,
                    inlineRan: window.__inline === 1,
                    evalRan,
                    violations,
                    // Scripts without src: only the test's own blocked one.
                    inlineScripts: [...document.scripts].filter(x => !x.src).length,
                    highlights: document.querySelectorAll('#annotated [data-label]').length,
                };
                "#,
                vec![],
            )
            .await?;
        eprintln!("[e2e] CSP: {}", v["csp"]);
        let csp = v["csp"].as_str().unwrap_or_default();
        ensure!(
            csp.contains("default-src 'none'"),
            "no strict CSP meta tag: {csp:?}"
        );
        ensure!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "CSP allows inline or eval: {csp}"
        );
        ensure!(
            !csp.contains("http:") && !csp.contains("https:") && !csp.contains('*'),
            "CSP names another origin: {csp}"
        );
        ensure!(
            v["inlineRan"] == json!(false)
                && v["evalRan"] == json!(false)
                && v["inlineScripts"] == json!(1),
            "CSP did not block, or the page has inline scripts: {}",
            pretty(&v)
        );
        ensure!(
            v["highlights"].as_u64().unwrap_or(0) > 0,
            "the app did not annotate under the CSP: {}",
            pretty(&v)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn panic_shows_a_message_and_keeps_the_text() -> Outcome {
    let s = Session::start("panic_shows_a_message_and_keeps_the_text").await?;
    let result = async {
        s.open_app().await?;
        let text = "My unsaved article: Putin said Moscow denied it.\nSecond line 😀.";
        let pasted = s.paste(text).await?;
        let v = s
            .js(
                r#"
                let threw = null;
                try { window.wasmBindings.sift_test_panic(); } catch (e) { threw = String(e); }
                const crash = document.querySelector('#crash');
                return {
                    threw,
                    crash: crash ? crash.textContent : null,
                    role: crash ? crash.getAttribute('role') : null,
                    first: document.body.firstElementChild === crash,
                    value: document.querySelector('textarea#source-text').value,
                    focused: document.activeElement && document.activeElement.id,
                };
                "#,
                vec![],
            )
            .await?;
        eprintln!("[e2e] after a panic: {}", pretty(&v));
        ensure!(
            v["threw"].is_string(),
            "the panic did not reach JavaScript: {}",
            pretty(&v)
        );
        let crash = v["crash"].as_str().unwrap_or_default();
        ensure!(
            crash.contains("stopped working")
                && crash.contains("still in the box")
                && crash.contains("sift_test_panic"),
            "no crash message (or not the expected one): {}",
            pretty(&v)
        );
        ensure!(
            v["role"] == json!("alert") && v["first"] == json!(true),
            "crash message not an alert at the top: {}",
            pretty(&v)
        );
        ensure!(
            v["value"] == json!(pasted),
            "the text was lost: {}",
            pretty(&v)
        );
        ensure!(
            v["focused"] == json!("source-text"),
            "focus not on the text: {}",
            pretty(&v)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// About 1 MB of news text: the sample article's paragraphs, numbered so no
/// two are alike.
fn megabyte_text() -> String {
    let paragraphs: Vec<&str> = SAMPLE
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut out = String::with_capacity(1_050_000);
    let mut i = 0;
    while out.len() < 1_000_000 {
        out.push_str(&format!("{}. ", i + 1));
        out.push_str(paragraphs[i % paragraphs.len()].trim());
        out.push_str("\n\n");
        i += 1;
    }
    out
}

/// About 200 KB of news text, longer than one pass: the page annotates it
/// in blocks, giving the browser the event loop back in between.
fn long_text() -> String {
    let mut text = megabyte_text();
    let mut end = 200_000;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// The page, annotating a long text block by block between yields, shows
/// exactly what `sift annotate` prints for it: the core's `Annotator` with
/// the shipped models, whose `annotate` plans the same blocks, and the
/// CLI's record (`formats::json::to_value`), which the JSON export carries.
#[tokio::test]
async fn a_long_paste_gives_what_sift_annotate_prints() -> Outcome {
    let s = Session::start("a_long_paste_gives_what_sift_annotate_prints").await?;
    let result = async {
        s.open_app().await?;
        let text = long_text();
        ensure!(text.len() > sift_core::blocks::ONE_PASS_BYTES * 2);
        s.paste(&text).await?;
        s.wait_js(
            "expected the long text to be annotated (no progress bar, highlights drawn)",
            Duration::from_secs(120),
            "const root = document.querySelector('#annotated');
             return { ok: !document.querySelector('#annotate-progress')
                          && !root.hasAttribute('aria-busy')
                          && !!root.querySelector('[data-label]') };",
            vec![],
        )
        .await?;
        let page: Value = serde_json::from_str(&actions::export(&s, "json").await?)?;
        ensure!(
            page["text"] == json!(text),
            "the export's text differs from the paste"
        );

        let models = harness::repo_root().join("models");
        let ner = sift_core::ner::Model::from_bytes(&std::fs::read(models.join("ner.bin"))?)?;
        let claims =
            sift_core::claims::Model::from_bytes(&std::fs::read(models.join("claims.bin"))?)?;
        let syntax =
            sift_core::syntax::Model::from_bytes(&std::fs::read(models.join("syntax.bin"))?)?;
        let annotator = sift_core::Annotator::new(ner)
            .with_claims(claims)
            .with_syntax(syntax);
        let cli = sift_core::formats::json::to_value("doc", &text, &annotator.annotate(&text));
        ensure!(
            cli["claims"].as_array().is_some_and(|c| c.len() > 100),
            "expected many claims natively: {}",
            cli["claims"].as_array().map_or(0, Vec::len)
        );
        for layer in ["entities", "claims"] {
            ensure!(
                page[layer] == cli[layer],
                "the page's {layer} differ from sift annotate's: {}",
                describe_difference(&pretty(&cli[layer]), &pretty(&page[layer]))
            );
        }
        eprintln!(
            "[e2e] {} bytes: page and core agree on {} entities and {} claims",
            text.len(),
            cli["entities"].as_array().map_or(0, Vec::len),
            cli["claims"].as_array().map_or(0, Vec::len)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// Pastes `text` (about 1 MB) in a task of its own and measures in the
/// page when the first highlight appears, when annotation and drawing are
/// done, and the long tasks (main thread busy > 50 ms); prints the figures
/// as `what` and checks the text is shown exactly, with no task over 400 ms.
async fn paste_and_measure(s: &Session, text: &str, what: &str) -> Result<()> {
    let words = text.split_whitespace().count();
    // Measured in the page: when the first highlight appears, when the
    // progress bar goes, and the long tasks (main thread busy > 50 ms).
    s.js(
        r#"
        const m = window.__m = { t0: 0, first: null, done: null, sawProgress: false,
                                 longest: 0, longTasks: 0, busy: 0, tasks: [] };
        new PerformanceObserver(list => {
            for (const e of list.getEntries()) {
                if (!m.t0 || e.startTime + e.duration < m.t0) continue;
                m.longTasks++; m.busy += e.duration; m.longest = Math.max(m.longest, e.duration);
                m.tasks.push([Math.round(e.startTime - m.t0), Math.round(e.duration)]);
            }
        }).observe({ type: 'longtask' });
        const root = document.querySelector('#annotated');
        const obs = new MutationObserver(() => {
            if (m.first === null && root.querySelector('[data-label]')) {
                m.first = performance.now() - m.t0; obs.disconnect();
            }
        });
        m.timeline = [];
        setInterval(() => {
            if (!m.t0 || m.done !== null) return;
            const bar = document.querySelector('#annotate-progress');
            const pc = bar ? bar.getAttribute('data-percent') : null;
            const last = m.timeline[m.timeline.length - 1];
            if (!last || last[1] !== pc) m.timeline.push([Math.round(performance.now() - m.t0), pc]);
            if (bar) m.sawProgress = true;
            else if (m.sawProgress && !root.hasAttribute('aria-busy') && root.querySelector('[data-label]')) m.done = performance.now() - m.t0;
        }, 20);
        const ta = document.querySelector('textarea#source-text');
        root.textContent; // settle
        // The paste runs in a task of its own, so the long tasks count
        // it (and what the app does with it) too.
        const text = arguments[0];
        setTimeout(() => {
            m.t0 = performance.now();
            obs.observe(root, { childList: true, subtree: true });
            ta.value = text;
            ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
        }, 0);
        return true;
        "#,
        vec![json!(text)],
    )
    .await?;
    let t = Instant::now();
    let m = s
        .wait_js(
            "expected the 1 MB text to be annotated (progress shown, then gone, highlights drawn)",
            Duration::from_secs(240),
            "return Object.assign({ ok: window.__m.done !== null }, window.__m);",
            vec![],
        )
        .await?;
    let check = s
        .js(
            r#"
            const a = document.querySelector('#annotated');
            return {
                same: a.textContent === document.querySelector('textarea#source-text').value,
                entities: a.querySelectorAll('[data-label]').length,
                parts: a.querySelectorAll('[data-role]').length,
            };
            "#,
            vec![],
        )
        .await?;
    let secs = |k: &str| m[k].as_f64().unwrap_or(f64::NAN) / 1000.0;
    eprintln!(
        "[e2e] FIGURES {what}: {} bytes, {words} words; first highlights after {:.2}s, \
         all highlights after {:.2}s; {} long tasks (> 50 ms), longest {:.0} ms, {:.1}s busy in all; \
         {} entity highlights, {} claim parts (wall clock in the test: {:.1}s)",
        text.len(),
        secs("first"),
        secs("done"),
        m["longTasks"],
        m["longest"].as_f64().unwrap_or(0.0),
        secs("busy"),
        check["entities"],
        check["parts"],
        t.elapsed().as_secs_f64()
    );
    eprintln!("[e2e] progress timeline (ms, percent): {}", m["timeline"]);
    eprintln!(
        "[e2e] long tasks (ms from the paste, duration ms): {}",
        m["tasks"]
    );
    ensure!(
        check["same"] == json!(true),
        "the highlighted text differs from the pasted text"
    );
    ensure!(
        m["sawProgress"] == json!(true),
        "no progress was shown: {}",
        pretty(&m)
    );
    ensure!(
        secs("first") < 15.0,
        "first highlights took {:.1}s",
        secs("first")
    );
    // The longest task measured on the 2-core development machine (with
    // a training run on the other core) was 178-212 ms: the paste
    // itself, with Chromium laying out the 1 MB text in the text field;
    // later tasks took at most ~115 ms. Before the article was drawn in
    // pieces it was 1.6-2.2 s on the same machine (1.0-1.1 s unloaded).
    // The bound leaves twice the room for a slower machine and still
    // catches a return of whole-article redraws.
    let longest = m["longest"].as_f64().unwrap_or(f64::NAN);
    ensure!(
        longest < 400.0,
        "a task kept the page busy for {longest:.0} ms; long tasks: {}",
        m["tasks"]
    );
    Ok(())
}

#[tokio::test]
async fn megabyte_paste_stays_responsive() -> Outcome {
    let s = Session::start("megabyte_paste_stays_responsive").await?;
    let result = async {
        s.open_app().await?;
        paste_and_measure(&s, &megabyte_text(), "1 MB paste").await?;

        // Hovering a card and filtering stay quick on the long text: only
        // the elements concerned change.
        let v = s
            .js(
                r#"
                const root = document.querySelector('#annotated');
                const turn = () => new Promise(r => setTimeout(r, 0));
                const card = document.querySelector('[data-claim-card]');
                const id = card.getAttribute('data-claim-card');
                let t = performance.now();
                card.dispatchEvent(new MouseEvent('mouseenter'));
                await turn();
                const hover = performance.now() - t;
                const lit = root.querySelectorAll('.lit').length;
                const parts = root.querySelectorAll(`[data-claim="${id}"]`).length;
                card.dispatchEvent(new MouseEvent('mouseleave'));
                await turn();
                const unlit = root.querySelectorAll('.lit').length;
                const chip = document.querySelector('button[data-filter-kind="denial"]');
                t = performance.now();
                chip.click();
                await turn();
                const filter = performance.now() - t;
                const dimmed = root.querySelectorAll('.dim').length;
                t = performance.now();
                chip.click();
                await turn();
                const unfilter = performance.now() - t;
                const undimmed = root.querySelectorAll('.dim').length;
                return { hover, lit, parts, unlit, filter, dimmed, unfilter, undimmed };
                "#,
                vec![],
            )
            .await?;
        let ms = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        eprintln!(
            "[e2e] FIGURES 1 MB hover and filter: a card's {} parts lit after {:.0} ms; \
             the denial filter dimmed {} parts after {:.0} ms, undimmed after {:.0} ms",
            v["lit"],
            ms("hover"),
            v["dimmed"],
            ms("filter"),
            ms("unfilter")
        );
        ensure!(
            v["lit"] == v["parts"] && v["lit"].as_u64() > Some(0) && v["unlit"] == json!(0),
            "hovering a card did not light exactly its parts: {}",
            pretty(&v)
        );
        ensure!(
            v["dimmed"].as_u64() > Some(0) && v["undimmed"] == json!(0),
            "the denial filter did not dim, then undim, the other claims: {}",
            pretty(&v)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// The same 1 MB with no line break at all (text copied out of some
/// PDFs): the article is then cut at sentence ends, so no task has to draw
/// or lay out the whole line.
#[tokio::test]
async fn megabyte_single_line_paste_stays_responsive() -> Outcome {
    let s = Session::start("megabyte_single_line_paste_stays_responsive").await?;
    let result = async {
        s.open_app().await?;
        let text = megabyte_text().replace(['\n', '\r'], " ");
        paste_and_measure(&s, &text, "1 MB paste, one line").await
    }
    .await;
    s.finish(result).await
}

/// Whether `url` is the page's own origin (or a URL that makes no request).
fn own(url: &str, origin: &str) -> bool {
    ["data:", "blob:", "about:"]
        .iter()
        .any(|p| url.starts_with(p))
        || url == origin
        || url
            .strip_prefix(origin)
            .is_some_and(|rest| rest.starts_with(['/', '?', '#']))
}

#[tokio::test]
async fn whole_session_stays_on_origin_and_works_offline() -> Outcome {
    let s = Session::start("whole_session_stays_on_origin_and_works_offline").await?;
    let result = async {
        let origin = s.server.origin();
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        s.paste(HOSTILE).await?;
        // Export: the download is a blob: URL, never a request.
        s.js("document.querySelector('#export-menu').open = true;", vec![]).await?;
        s.click("button[data-export=\"json\"]").await?;
        // The service worker caches the page, the app and the models.
        let cached = s
            .wait_js(
                "expected the service worker to control the page and cache the app and models",
                Duration::from_secs(30),
                r#"
                const sw = navigator.serviceWorker;
                const keys = await caches.keys();
                const urls = [];
                for (const k of keys) for (const r of await (await caches.open(k)).keys()) urls.push(r.url);
                const has = ext => urls.some(u => u.endsWith(ext));
                return { ok: !!sw.controller && has('.wasm') && has('ner.bin') && has('claims.bin') && has('syntax.bin') && has('/'),
                         controller: !!sw.controller, urls };
                "#,
                vec![],
            )
            .await?;
        eprintln!("[e2e] service worker cache: {}", cached["urls"]);

        let network = s.network_requests().await?;
        let foreign: Vec<&String> = network.iter().filter(|u| !own(u, &origin)).collect();
        let resources = s
            .js("return performance.getEntriesByType('resource').map(e => e.name);", vec![])
            .await?;
        let foreign_resources: Vec<&Value> = resources
            .as_array()
            .into_iter()
            .flatten()
            .filter(|u| !own(u.as_str().unwrap_or(""), &origin))
            .collect();
        eprintln!(
            "[e2e] session requests: {} in Chromium's network log (page and service worker), {} served",
            network.len(),
            s.server.log().len()
        );
        ensure!(
            foreign.is_empty() && foreign_resources.is_empty(),
            "requests left the origin {origin}: {foreign:?} {foreign_resources:?}"
        );

        // Offline: the server stops, the page reloads from the service worker.
        s.server.stop();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let served_before = s.server.log().len();
        s.reload().await?;
        s.wait_ready().await?;
        s.paste("Offline, Vladimir Putin said Moscow denied it.").await?;
        let v = s
            .wait_js(
                "expected highlights offline",
                Duration::from_secs(15),
                r#"
                const n = document.querySelectorAll('#annotated [data-label]').length;
                return { ok: n > 0, highlights: n };
                "#,
                vec![],
            )
            .await?;
        ensure!(s.server.log().len() == served_before, "the stopped server answered requests");
        eprintln!("[e2e] offline reload works: {} highlights", v["highlights"]);
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// The gzip size of `bytes` (`gzip -9`, what a static host would serve);
/// `None` when gzip is not installed.
fn gzip_size(path: &std::path::Path) -> Option<u64> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

/// 2.5 MB: every file of the built page, `gzip -9` each, summed.
const PAGE_BUDGET_GZIP: u64 = 2_500_000;

#[tokio::test]
async fn page_weight_and_start_up() -> Outcome {
    let s = Session::start("page_weight_and_start_up").await?;
    let result = async {
        // What the built page weighs, by kind of file.
        let dist = harness::dist_dir()?;
        let mut rows = Vec::new();
        let mut total = (0u64, 0u64);
        let mut files: Vec<_> = std::fs::read_dir(&dist)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .collect();
        files.sort_by_key(|e| e.file_name());
        for e in files {
            let path = e.path();
            let raw = e.metadata()?.len();
            let gz = gzip_size(&path).unwrap_or(0);
            total = (total.0 + raw, total.1 + gz);
            rows.push(format!(
                "  {:<42} {:>10} {:>10}",
                e.file_name().to_string_lossy(),
                raw,
                gz
            ));
        }
        eprintln!(
            "[e2e] FIGURES page weight (bytes)\n  {:<42} {:>10} {:>10}\n{}\n  {:<42} {:>10} {:>10}",
            "file",
            "raw",
            "gzip -9",
            rows.join("\n"),
            "total",
            total.0,
            total.1
        );
        // The syntax issue's budget for the whole page, models included.
        ensure!(
            total.1 <= PAGE_BUDGET_GZIP,
            "the page is {} bytes gzip, over its budget of {PAGE_BUDGET_GZIP}",
            total.1
        );
        // Start-up: navigation to first paint, to the app mounted, to models ready.
        s.open_app().await?;
        let t = s
            .js(
                r#"
                const nav = performance.getEntriesByType('navigation')[0];
                const paint = performance.getEntriesByName('first-contentful-paint')[0];
                const wasm = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
                return {
                    domContentLoaded: nav.domContentLoadedEventEnd,
                    firstContentfulPaint: paint ? paint.startTime : null,
                    wasmFetched: wasm ? wasm.responseEnd : null,
                    ready: performance.now(),
                };
                "#,
                vec![],
            )
            .await?;
        eprintln!("[e2e] FIGURES start-up (ms from navigation; 'ready' is when the test saw the models loaded, an upper bound): {}", t);
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// axe-core's browser build: `SIFT_AXE_JS`, or where `cargo xtask test`
/// installs it (target/tools/axe-core).
fn axe_source() -> Result<String> {
    let path = std::env::var_os("SIFT_AXE_JS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            harness::repo_root().join("target/tools/axe-core/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).map_err(|e| {
        anyhow::anyhow!(
            "axe-core not found at {} ({e}): run `cargo xtask test`, which installs it, \
             or set SIFT_AXE_JS to axe.min.js",
            path.display()
        )
    })
}

#[tokio::test]
async fn axe_finds_no_violations_in_either_theme() -> Outcome {
    let s = Session::start("axe_finds_no_violations_in_either_theme").await?;
    let result = async {
        let axe = axe_source()?;
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        // Injected through WebDriver, from the file: no network, and the
        // page's CSP does not apply to scripts the driver runs.
        s.js(&format!("{axe}\n;window.axe = axe; return true;"), vec![])
            .await?;
        let mut problems = Vec::new();
        for theme in ["light", "dark"] {
            let v = s
                .js(
                    r#"
                    document.documentElement.dataset.theme = arguments[0];
                    await new Promise(r => setTimeout(r, 300)); // let transitions end
                    const r = await axe.run(document, { resultTypes: ['violations'] });
                    return r.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                        first: v.nodes.slice(0, 3).map(n => [n.target.join(' '), n.failureSummary]),
                    }));
                    "#,
                    vec![json!(theme)],
                )
                .await?;
            let n = v.as_array().map_or(0, Vec::len);
            eprintln!("[e2e] axe-core, {theme} theme: {n} violations");
            if n > 0 {
                problems.push(format!("{theme} theme: {}", pretty(&v)));
            }
        }
        ensure!(
            problems.is_empty(),
            "axe-core violations:\n{}",
            problems.join("\n")
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn keyboard_reaches_every_control_with_a_visible_focus() -> Outcome {
    let s = Session::start("keyboard_reaches_every_control_with_a_visible_focus").await?;
    let result = async {
        s.open_app().await?;
        s.paste(SAMPLE).await?;
        s.js(
            "document.activeElement.blur(); document.body.focus(); return true;",
            vec![],
        )
        .await?;
        // Tab through the whole page once (until focus comes back round).
        let mut seen = Vec::new();
        for _ in 0..150 {
            s.press('\u{E004}').await?;
            let v = s
                .js(
                    r#"
                    const el = document.activeElement;
                    if (!el || el === document.body) return null;
                    const st = getComputedStyle(el);
                    const r = el.getBoundingClientRect();
                    const name = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent
                        || el.textContent || el.getAttribute('title') || '').trim().slice(0, 40);
                    return {
                        key: el.id || (el.tagName + ':' + name),
                        tag: el.tagName, id: el.id, name,
                        ring: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0
                            || st.boxShadow !== 'none',
                        visible: r.width > 0 && r.height > 0,
                    };
                    "#,
                    vec![],
                )
                .await?;
            if v.is_null() {
                continue;
            }
            if seen.first().is_some_and(|f: &Value| f["key"] == v["key"]) {
                break; // round the page once
            }
            seen.push(v);
        }
        let keys: Vec<&str> = seen.iter().filter_map(|v| v["key"].as_str()).collect();
        eprintln!("[e2e] keyboard: {} stops: {keys:?}", seen.len());
        let has = |f: &dyn Fn(&Value) -> bool| seen.iter().any(f);
        ensure!(
            has(&|v| v["id"] == "source-text"),
            "Tab never reaches the text field"
        );
        ensure!(
            has(&|v| v["name"].as_str().is_some_and(|n| n.contains("Export"))),
            "Tab never reaches the export control"
        );
        let unnamed: Vec<&Value> = seen.iter().filter(|v| v["name"] == "").collect();
        ensure!(unnamed.is_empty(), "focusable without a name: {unnamed:?}");
        let no_ring: Vec<&Value> = seen
            .iter()
            .filter(|v| v["ring"] != json!(true) || v["visible"] != json!(true))
            .collect();
        ensure!(
            no_ring.is_empty(),
            "focus not visible on: {}",
            pretty(&json!(no_ring))
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}
