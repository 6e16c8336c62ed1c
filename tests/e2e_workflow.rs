#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests of the annotator workflow (issue 5): adding an entity by
//! selecting text, relabelling, deleting, undo and redo, autosave and
//! reload, export → import, and share links. They drive the released app in
//! headless Chromium through the harness of tests/e2e.rs.
//!
//! `SIFT_DIST=dist cargo test -p sift-web --test e2e_workflow -- --test-threads=1`

#[path = "e2e/harness.rs"]
#[allow(dead_code)] // each test file uses part of the harness
mod harness;

use std::time::Duration;

use anyhow::{bail, ensure, Result};
use harness::{pretty, Outcome, Session};
use serde_json::{json, Value};

const TEXT: &str = "Officials in Paris said on Monday that Ruth Okafor had denied the report. \
Okafor, who leads the Lagos office, said the figures were wrong.";

const SETTLE: Duration = Duration::from_secs(10);

/// Every entity highlight as `[label, text, source]`, in order.
const MARKS: &str = r#"
    return [...document.querySelectorAll('#annotated mark[data-label]')]
        .map(m => [m.getAttribute('data-label'), m.textContent, m.getAttribute('data-source')]);
"#;

async fn marks(s: &Session) -> Result<Value> {
    s.js(MARKS, vec![]).await
}

/// Waits until a highlight with `text` has `label` and `source`, or (with
/// `label` null) until no highlight has `text`.
async fn wait_mark(s: &Session, text: &str, label: Option<&str>, source: &str) -> Result<()> {
    s.wait_js(
        &format!("expected the highlight of {text:?} to be {label:?} from {source}"),
        SETTLE,
        &format!(
            "const all = (() => {{ {MARKS} }})();
             const hit = all.filter(m => m[1] === arguments[0]);
             const want = arguments[1];
             const ok = want === null ? hit.length === 0
                 : hit.length === 1 && hit[0][0] === want && hit[0][2] === arguments[2];
             return {{ ok, 'highlights of that text': hit, 'all highlights': all }};"
        ),
        vec![json!(text), json!(label), json!(source)],
    )
    .await?;
    Ok(())
}

/// Selects the `n`th occurrence of `text` inside #annotated (as a mouse
/// drag would) and releases the mouse there.
async fn select_text(s: &Session, text: &str) -> Result<()> {
    let v = s
        .js(
            r#"
            const root = document.querySelector('#annotated');
            const whole = root.textContent;
            const start = whole.indexOf(arguments[0]);
            if (start < 0) return { error: `"${arguments[0]}" is not in #annotated` };
            const end = start + arguments[0].length;
            // Find the text node and offset of a UTF-16 position.
            const at = (pos) => {
                const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                let seen = 0, node;
                while ((node = walk.nextNode())) {
                    if (pos <= seen + node.length) return [node, pos - seen];
                    seen += node.length;
                }
                return [root, root.childNodes.length];
            };
            const range = document.createRange();
            range.setStart(...at(start));
            range.setEnd(...at(end));
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
            return { selected: sel.toString() };
            "#,
            vec![json!(text)],
        )
        .await?;
    if let Some(e) = v.get("error") {
        bail!("cannot select: {e}");
    }
    ensure!(
        v["selected"] == json!(text),
        "selected {} instead of {text:?}",
        v["selected"]
    );
    Ok(())
}

/// Types `filter` into the label menu, then presses `key` there.
async fn pick_label(s: &Session, filter: &str, key: &str) -> Result<()> {
    s.wait_js(
        "expected the label menu #label-picker to open",
        SETTLE,
        "return { ok: !!document.querySelector('#label-picker input#label-filter') };",
        vec![],
    )
    .await?;
    s.js(
        r#"
        const f = document.querySelector('#label-filter');
        f.value = arguments[0];
        f.dispatchEvent(new Event('input', { bubbles: true }));
        f.dispatchEvent(new KeyboardEvent('keydown', { key: arguments[1], bubbles: true, cancelable: true }));
        "#,
        vec![json!(filter), json!(key)],
    )
    .await?;
    Ok(())
}

/// Presses a shortcut with the focus outside any text field.
async fn press(s: &Session, key: &str, ctrl: bool, shift: bool) -> Result<()> {
    s.js(
        r#"
        if (document.activeElement) document.activeElement.blur();
        document.body.dispatchEvent(new KeyboardEvent('keydown', {
            key: arguments[0], ctrlKey: arguments[1], shiftKey: arguments[2], bubbles: true, cancelable: true }));
        "#,
        vec![json!(key), json!(ctrl), json!(shift)],
    )
    .await?;
    Ok(())
}

/// Reloads the page (`url`, or the same address) and waits for the model.
async fn reload(s: &Session, url: Option<&str>) -> Result<()> {
    s.js(
        "window.__before_reload = true;
         if (arguments[0]) { location.replace(arguments[0]); if (location.hash) location.reload(); }
         else location.reload();",
        vec![json!(url)],
    )
    .await?;
    s.wait_js(
        "expected the page to load again with its model ready",
        Duration::from_secs(60),
        r#"
        const a = document.querySelector('#annotated');
        return { ok: !window.__before_reload && !!a && a.getAttribute('data-model') === 'ready',
                 'data-model': a ? a.getAttribute('data-model') : null };
        "#,
        vec![],
    )
    .await?;
    Ok(())
}

/// Waits for autosave.
async fn saved(s: &Session) -> Result<()> {
    s.wait_js(
        "expected #save-state[data-state=saved]",
        SETTLE,
        "const e = document.querySelector('#save-state');
         return { ok: !!e && e.getAttribute('data-state') === 'saved', state: e && e.getAttribute('data-state'),
                  notice: document.body.innerText.slice(0, 400) };",
        vec![],
    )
    .await?;
    Ok(())
}

/// Clicks an export and returns the file's contents, caught at
/// `URL.createObjectURL`.
async fn export(s: &Session, format: &str) -> Result<String> {
    s.js(
        r#"
        window.__exports = [];
        if (!window.__orig_create) {
            window.__orig_create = URL.createObjectURL;
            URL.createObjectURL = (blob) => {
                blob.text().then(t => window.__exports.push(t));
                return window.__orig_create.call(URL, blob);
            };
        }
        document.querySelector('#export-menu').open = true;
        document.querySelector(`button[data-export="${arguments[0]}"]`).click();
        "#,
        vec![json!(format)],
    )
    .await?;
    let v = s
        .wait_js(
            "expected an export download",
            SETTLE,
            "return { ok: (window.__exports || []).length > 0, file: (window.__exports || [])[0] };",
            vec![],
        )
        .await?;
    Ok(v["file"].as_str().unwrap_or_default().to_string())
}

/// Chooses a file with `contents` in `input#import-file`.
async fn import(s: &Session, name: &str, contents: &str) -> Result<()> {
    s.js(
        r#"
        const input = document.querySelector('input#import-file');
        const dt = new DataTransfer();
        dt.items.add(new File([arguments[1]], arguments[0], { type: 'application/json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        "#,
        vec![json!(name), json!(contents)],
    )
    .await?;
    Ok(())
}

/// Pastes TEXT and adds a PERSON entity over "Ruth Okafor" by selection.
async fn start_with_user_entity(s: &Session) -> Result<()> {
    s.open_app().await?;
    s.paste(TEXT).await?;
    select_text(s, "Ruth Okafor").await?;
    pick_label(s, "per", "1").await?;
    wait_mark(s, "Ruth Okafor", Some("PERSON"), "user").await?;
    s.mark("entity added by selection");
    Ok(())
}

#[tokio::test]
async fn add_relabel_delete_undo_redo() -> Outcome {
    let s = Session::start("add_relabel_delete_undo_redo").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        // The new highlight is selected: Enter opens the menu to relabel it.
        press(&s, "Enter", false, false).await?;
        pick_label(&s, "org", "Enter").await?;
        wait_mark(&s, "Ruth Okafor", Some("ORG"), "user").await?;
        // Extend by a word and shrink back.
        press(&s, "]", false, false).await?;
        wait_mark(&s, "Ruth Okafor had", Some("ORG"), "user").await?;
        press(&s, "[", false, false).await?;
        wait_mark(&s, "Ruth Okafor", Some("ORG"), "user").await?;
        press(&s, "Delete", false, false).await?;
        wait_mark(&s, "Ruth Okafor", None, "user").await?;
        s.mark("relabelled, resized, deleted");
        press(&s, "z", true, false).await?;
        wait_mark(&s, "Ruth Okafor", Some("ORG"), "user").await?;
        for _ in 0..3 {
            press(&s, "z", true, false).await?;
        }
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        press(&s, "Z", true, true).await?;
        wait_mark(&s, "Ruth Okafor", Some("ORG"), "user").await?;
        // The help overlay lists the shortcuts.
        press(&s, "?", false, false).await?;
        s.wait_js(
            "expected the shortcut list #help",
            SETTLE,
            "const h = document.querySelector('#help'); return { ok: !!h && h.innerText.includes('Ctrl+Z') };",
            vec![],
        )
        .await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn reload_restores_text_and_edits() -> Outcome {
    let s = Session::start("reload_restores_text_and_edits").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        saved(&s).await?;
        let before = marks(&s).await?;
        reload(&s, None).await?;
        let text = s
            .js(
                "return document.querySelector('textarea#source-text').value;",
                vec![],
            )
            .await?;
        ensure!(text == json!(TEXT), "the text after reload is {text}");
        let after = marks(&s).await?;
        ensure!(
            before == after,
            "highlights before reload:\n{}\nafter:\n{}",
            pretty(&before),
            pretty(&after)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn export_json_then_import_gives_the_same() -> Outcome {
    let s = Session::start("export_json_then_import_gives_the_same").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        let first = export(&s, "json").await?;
        let v: Value = serde_json::from_str(&first)?;
        ensure!(v["text"] == json!(TEXT), "exported text: {}", v["text"]);
        ensure!(
            v["provenance"]["entities"]
                .as_array()
                .is_some_and(|a| a.contains(&json!("user"))),
            "no user provenance in {first}"
        );
        let before = marks(&s).await?;
        import(&s, "exported.json", &first).await?;
        s.wait_js(
            "expected the import to open as a second document",
            SETTLE,
            "return { ok: document.querySelectorAll('#doc-switch option').length === 2 };",
            vec![],
        )
        .await?;
        let after = marks(&s).await?;
        ensure!(
            before == after,
            "before import:\n{}\nafter:\n{}",
            pretty(&before),
            pretty(&after)
        );
        let second = export(&s, "json").await?;
        ensure!(
            first == second,
            "export → import → export differs:\n{first}\n---\n{second}"
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn share_link_round_trip() -> Outcome {
    let s = Session::start("share_link_round_trip").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        let before = marks(&s).await?;
        s.click("#share-link").await?;
        let v = s
            .wait_js(
                "expected a link in #share-url",
                SETTLE,
                "const i = document.querySelector('#share-url'); return { ok: !!i && i.value.includes('#doc='), url: i && i.value };",
                vec![],
            )
            .await?;
        let url = v["url"].as_str().unwrap_or_default().to_string();
        ensure!(url.starts_with(&s.server.origin()), "the link {url} is not on the app's origin");
        s.mark(&format!("share link of {} characters", url.len()));
        reload(&s, Some(&url)).await?;
        let text = s.js("return document.querySelector('textarea#source-text').value;", vec![]).await?;
        ensure!(text == json!(TEXT), "the shared text is {text}");
        let after = marks(&s).await?;
        ensure!(before == after, "before sharing:\n{}\nopened from the link:\n{}", pretty(&before), pretty(&after));
        let hash = s.js("return location.hash;", vec![]).await?;
        ensure!(hash == json!(""), "the fragment stays in the address bar: {hash}");
        // The fragment never reaches the server.
        let leaked: Vec<String> = s.server.log().into_iter().map(|r| r.target).filter(|t| t.contains("doc=")).collect();
        ensure!(leaked.is_empty(), "the server saw the document: {leaked:?}");
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn new_text_keeps_the_edited_document_in_the_list() -> Outcome {
    let s = Session::start("new_text_keeps_the_edited_document_in_the_list").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        // Rename the document.
        s.js(
            "const n = document.querySelector('#doc-name'); n.value = 'Okafor story';
             n.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
        s.paste("The weather in Oslo was cold, the Norwegian Meteorological Institute said.")
            .await?;
        let v = s
            .wait_js(
                "expected the edited document to stay in the list beside the new one",
                SETTLE,
                "const o = [...document.querySelectorAll('#doc-switch option')].map(o => o.textContent);
                 return { ok: o.length === 2 && o[0] === 'Okafor story', options: o };",
                vec![],
            )
            .await?;
        s.mark(&format!("documents: {}", v["options"]));
        saved(&s).await?;
        // Switch back: the text and the edit are there.
        s.js(
            "const sel = document.querySelector('#doc-switch');
             sel.value = sel.options[0].value;
             sel.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
        s.wait_js(
            "expected switching back to restore the first text",
            SETTLE,
            "return { ok: document.querySelector('textarea#source-text').value === arguments[0] };",
            vec![json!(TEXT)],
        )
        .await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// Clicks the element matching `css` from the page (no scrolling needed).
async fn js_click(s: &Session, css: &str) -> Result<()> {
    let v = s
        .js(
            "const e = document.querySelector(arguments[0]); if (!e) return false; e.click(); return true;",
            vec![json!(css)],
        )
        .await?;
    ensure!(v == json!(true), "no element `{css}` to click");
    Ok(())
}

#[tokio::test]
async fn claim_by_selection() -> Outcome {
    let s = Session::start("claim_by_selection").await?;
    let result = async {
        s.open_app().await?;
        s.paste(TEXT).await?;
        // "denied" becomes the cue of a new claim.
        select_text(&s, "denied").await?;
        pick_label(&s, "", "Shift").await?;
        js_click(&s, "[data-pick-claim=new]").await?;
        let v = s
            .wait_js(
                "expected a user claim with the cue \"denied\", selected in #claim-inspector",
                SETTLE,
                r#"
                const cue = [...document.querySelectorAll('#annotated [data-role=cue][data-source=user]')]
                    .find(e => e.textContent === 'denied');
                const inspector = document.querySelector('#claim-inspector');
                return { ok: !!cue && !!inspector, claim: cue && cue.getAttribute('data-claim'),
                         inspector: inspector && inspector.innerText };
                "#,
                vec![],
            )
            .await?;
        let claim = v["claim"].clone();
        // "Ruth Okafor" becomes its source; the kind becomes denial.
        select_text(&s, "Ruth Okafor").await?;
        pick_label(&s, "", "Shift").await?;
        js_click(&s, "[data-pick-claim=source]").await?;
        s.wait_js(
            "expected \"Ruth Okafor\" as the source of the new claim",
            SETTLE,
            r#"
            const cue = [...document.querySelectorAll('#annotated [data-role=cue][data-source=user]')]
                .find(e => e.textContent === 'denied');
            const claim = cue && cue.getAttribute('data-claim');
            const src = [...document.querySelectorAll(`#annotated [data-role=source][data-claim="${claim}"]`)]
                .map(e => e.textContent);
            return { ok: src.includes('Ruth Okafor'), claim, sources: src, was: arguments[0] };
            "#,
            vec![claim],
        )
        .await?;
        s.js(
            "const k = document.querySelector('#claim-kind'); k.value = 'denial';
             k.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let file = export(&s, "json").await?;
        let v: Value = serde_json::from_str(&file)?;
        let claims = v["claims"].as_array().cloned().unwrap_or_default();
        let provenance = v["provenance"]["claims"].as_array().cloned().unwrap_or_default();
        let user: Vec<&Value> =
            claims.iter().zip(&provenance).filter(|(_, p)| **p == json!("user")).map(|(c, _)| c).collect();
        ensure!(
            user.len() == 1 && user[0]["kind"] == json!("denial") && user[0]["source"].as_array().is_some_and(|a| a.len() == 1),
            "expected one user claim, a denial with one source, in the export: {}",
            pretty(&json!(user))
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}
