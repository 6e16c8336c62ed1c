#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests of the annotator workflow (issue 5): adding an entity by
//! selecting text, relabelling, deleting, undo and redo, autosave and
//! reload, export → import, and share links. They drive the released app in
//! headless Chromium through the harness of tests/e2e.rs.
//!
//! `SIFT_DIST=dist cargo test -p sift-web --test e2e_workflow -- --test-threads=1`

#[path = "e2e/actions.rs"]
#[allow(dead_code)]
mod actions;
#[path = "e2e/harness.rs"]
#[allow(dead_code)] // each test file uses part of the harness
mod harness;

use std::time::Duration;

use actions::*;
use anyhow::{bail, ensure, Result};
use harness::{pretty, Outcome, Session};
use serde_json::{json, Value};

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

#[tokio::test]
async fn document_list_rename_switch_delete() -> Outcome {
    let s = Session::start("document_list_rename_switch_delete").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        // Rename.
        s.js(
            "const n = document.querySelector('#doc-name'); n.value = '  Okafor story ';
             n.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
        wait_docs(&s, &["Okafor story"], "Okafor story").await?;
        // A second document with its own text and edit.
        js_click(&s, "#doc-new").await?;
        wait_docs(&s, &["Okafor story", "Untitled"], "Untitled").await?;
        wait_text(&s, "").await?;
        s.paste(OSLO).await?;
        select_text(&s, "Oslo").await?;
        pick_label(&s, "gpe", "Enter").await?;
        wait_mark(&s, "Oslo", Some("GPE"), "user").await?;
        saved(&s).await?;
        let oslo_marks = marks(&s).await?;
        // Switch to the first: its text and edit come back, the other's go.
        switch_to(&s, 0).await?;
        wait_docs(
            &s,
            &["Okafor story", "The weather in Oslo was cold, the"],
            "Okafor story",
        )
        .await?;
        wait_text(&s, TEXT).await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        wait_mark(&s, "Oslo", None, "user").await?;
        s.mark("switched to the first document");
        // And back: exactly as it was.
        switch_to(&s, 1).await?;
        wait_text(&s, OSLO).await?;
        wait_mark(&s, "Oslo", Some("GPE"), "user").await?;
        let again = marks(&s).await?;
        ensure!(
            again == oslo_marks,
            "highlights before switching away:\n{}\nafter switching back:\n{}",
            pretty(&oslo_marks),
            pretty(&again)
        );
        // Delete it (confirming): the first opens, and storage forgets it.
        s.js("window.confirm = () => true;", vec![]).await?;
        js_click(&s, "#doc-delete").await?;
        wait_docs(&s, &["Okafor story"], "Okafor story").await?;
        wait_text(&s, TEXT).await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        saved(&s).await?;
        let keys = s
            .js(
                "return Object.keys(localStorage).filter(k => k.startsWith('sift-doc-')).sort();",
                vec![],
            )
            .await?;
        ensure!(
            keys.as_array().is_some_and(|k| k.len() == 1),
            "expected one saved document left in localStorage, found {keys}"
        );
        // A reload shows the same list and document.
        reload(&s, None).await?;
        wait_docs(&s, &["Okafor story"], "Okafor story").await?;
        wait_text(&s, TEXT).await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}

#[tokio::test]
async fn storage_full_says_so_and_keeps_the_text() -> Outcome {
    let s = Session::start("storage_full_says_so_and_keeps_the_text").await?;
    let result = async {
        start_with_user_entity(&s).await?;
        saved(&s).await?;
        // From now on every write to storage fails as a full store does.
        s.js(
            "window.__realSetItem = Storage.prototype.setItem;
             Storage.prototype.setItem = function () {
                 throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
             };",
            vec![],
        )
        .await?;
        let more = format!("{TEXT} Lagos police declined to comment.");
        s.paste(&more).await?;
        select_text(&s, "Lagos police").await?;
        pick_label(&s, "org", "Enter").await?;
        wait_mark(&s, "Lagos police", Some("ORG"), "user").await?;
        let v = s
            .wait_js(
                "expected a clear message that the work could not be saved, and #save-state failed",
                SETTLE,
                "const n = document.querySelector('#notice').innerText;
                 const st = document.querySelector('#save-state');
                 return { ok: /could not be saved/.test(n) && /full/.test(n) && /export/i.test(n)
                              && st.getAttribute('data-state') === 'failed' && /not saved/i.test(st.innerText),
                          notice: n, state: st.getAttribute('data-state'), indicator: st.innerText };",
                vec![],
            )
            .await?;
        s.mark(&format!("message: {}", v["notice"]));
        // Nothing typed is lost: the editor and the article keep it all.
        wait_text(&s, &more).await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        // Leaving the unsaved document is refused rather than losing it.
        js_click(&s, "#doc-new").await?;
        s.wait_js(
            "expected a new document to be refused while the open one cannot be saved",
            SETTLE,
            "const n = document.querySelector('#notice').innerText;
             return { ok: /stays open/.test(n) && document.querySelectorAll('#doc-switch option').length === 1,
                      notice: n };",
            vec![],
        )
        .await?;
        wait_text(&s, &more).await?;
        wait_mark(&s, "Lagos police", Some("ORG"), "user").await?;
        // A wholly new text pasted over it cannot open as a new document
        // (the old one could not be kept in the list): it replaces the text
        // in place, and one undo brings the old text and edits back.
        s.paste(COURT).await?;
        wait_text(&s, COURT).await?;
        s.wait_js(
            "expected the new text to replace the unsaved document in place, with a message saying how to undo it",
            SETTLE,
            "const n = document.querySelector('#notice').innerText;
             return { ok: /replaced it in place/.test(n) && /Ctrl\\+Z/.test(n)
                          && document.querySelectorAll('#doc-switch option').length === 1,
                      notice: n };",
            vec![],
        )
        .await?;
        press(&s, "z", true, false).await?;
        wait_text(&s, &more).await?;
        wait_mark(&s, "Lagos police", Some("ORG"), "user").await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        // Importing a JSON document (which opens as a new one) is refused
        // too, and the open document stays as it is.
        let json = export(&s, "json").await?;
        import(&s, "other.json", &json.replace("Lagos police", "Abuja police")).await?;
        s.wait_js(
            "expected the JSON import to be refused while the open document cannot be saved",
            SETTLE,
            "const n = document.querySelector('#notice').innerText;
             return { ok: /stays open/.test(n) && document.querySelectorAll('#doc-switch option').length === 1,
                      notice: n };",
            vec![],
        )
        .await?;
        wait_text(&s, &more).await?;
        // Storage works again: the next change saves everything.
        s.js(
            "Storage.prototype.setItem = window.__realSetItem;",
            vec![],
        )
        .await?;
        let last = format!("{more} More.");
        s.paste(&last).await?;
        saved(&s).await?;
        reload(&s, None).await?;
        wait_text(&s, &last).await?;
        wait_mark(&s, "Lagos police", Some("ORG"), "user").await?;
        wait_mark(&s, "Ruth Okafor", Some("PERSON"), "user").await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}

const COURT: &str = "The Paris Court of Appeal ruled on Monday that the law stands.";

#[tokio::test]
async fn nested_entity_from_edits_renders_legibly() -> Outcome {
    let s = Session::start("nested_entity_from_edits_renders_legibly").await?;
    let result = async {
        s.open_app().await?;
        s.paste(COURT).await?;
        select_text(&s, "Paris Court of Appeal").await?;
        pick_label(&s, "org", "Enter").await?;
        wait_mark(&s, "Paris Court of Appeal", Some("ORG"), "user").await?;
        // A second label for a word inside it.
        select_text(&s, "Paris").await?;
        pick_label(&s, "gpe", "Enter").await?;
        wait_mark(&s, "Paris", Some("GPE"), "user").await?;
        wait_mark(&s, "Paris Court of Appeal", Some("ORG"), "user").await?;
        let v = s
            .js(
                r#"
                const a = document.querySelector('#annotated');
                const all = [...a.querySelectorAll('mark[data-label]')];
                const org = all.find(m => m.textContent === 'Paris Court of Appeal');
                const gpe = all.find(m => m.textContent === 'Paris');
                // The label chip (CSS ::after, content: attr(data-label)).
                const chip = (m) => {
                    if (!m) return null;
                    const c = getComputedStyle(m, '::after').content;
                    const l = m.getAttribute('data-label');
                    return c === `"${l}"` || c === 'attr(data-label)' ? l : `no chip (${c})`;
                };
                const box = (m) => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
                return {
                    text: a.textContent,
                    times: a.textContent.split('Paris').length - 1,
                    nested: !!org && !!gpe && gpe.parentElement.closest('mark[data-label]') === org,
                    chips: [chip(org), chip(gpe)],
                    visible: !!org && !!gpe && box(org) && box(gpe),
                    colours: org && gpe ? [getComputedStyle(org).backgroundColor, getComputedStyle(gpe).backgroundColor] : null,
                };
                "#,
                vec![],
            )
            .await?;
        ensure!(v["text"] == json!(COURT), "the article reads {} (want {COURT:?})", v["text"]);
        ensure!(v["times"] == json!(1), "\"Paris\" is rendered {} times", v["times"]);
        ensure!(v["nested"] == json!(true), "the GPE is not inside the ORG: {}", pretty(&v));
        ensure!(
            v["chips"] == json!(["ORG", "GPE"]),
            "both labels must show as chips: {}",
            pretty(&v)
        );
        ensure!(v["visible"] == json!(true), "a highlight has no box: {}", pretty(&v));
        ensure!(
            v["colours"][0] != v["colours"][1],
            "the two highlights look the same: {}",
            pretty(&v)
        );
        // Both are reachable: j / k select each in turn (the outer first).
        let mut seen = Vec::new();
        for _ in 0..8 {
            press(&s, "j", false, false).await?;
            let i = s
                .js(
                    "const i = document.querySelector('#entity-inspector');
                     return i ? [i.querySelector('.inspector-label').textContent,
                                 i.querySelector('.inspector-text').textContent] : null;",
                    vec![],
                )
                .await?;
            seen.push(i);
        }
        let org = json!(["ORG", "Paris Court of Appeal"]);
        let gpe = json!(["GPE", "Paris"]);
        let at = |x: &Value| seen.iter().position(|y| y == x);
        ensure!(
            matches!((at(&org), at(&gpe)), (Some(o), Some(g)) if g == o + 1),
            "j should select the ORG and then the GPE inside it: {}",
            pretty(&json!(seen))
        );
        // Clicking inside the inner one selects it.
        s.js(
            "[...document.querySelectorAll('#annotated mark[data-label=GPE]')]
                .find(m => m.textContent === 'Paris').click();",
            vec![],
        )
        .await?;
        s.wait_js(
            "expected a click on \"Paris\" to select the GPE",
            SETTLE,
            "const i = document.querySelector('#entity-inspector .inspector-label');
             return { ok: !!i && i.textContent === 'GPE' };",
            vec![],
        )
        .await?;
        // Both survive a reload; undo takes back the inner one only.
        saved(&s).await?;
        let before = marks(&s).await?;
        reload(&s, None).await?;
        let after = marks(&s).await?;
        ensure!(
            before == after,
            "before reload:\n{}\nafter:\n{}",
            pretty(&before),
            pretty(&after)
        );
        Ok(())
    }
    .await;
    s.finish(result).await
}

/// The text of the user claim whose cue is `cue`: its `role` pieces, joined.
async fn claim_part_text(s: &Session, cue: &str, role: &str) -> Result<Value> {
    s.js(
        r#"
        const c = [...document.querySelectorAll('#annotated [data-role=cue][data-source=user]')]
            .find(e => e.textContent === arguments[0]);
        if (!c) return null;
        const id = c.getAttribute('data-claim');
        return [...document.querySelectorAll(`#annotated [data-role="${arguments[1]}"][data-claim="${id}"]`)]
            .map(e => e.textContent).join('');
        "#,
        vec![json!(cue), json!(role)],
    )
    .await
}

/// Waits until the user claim with cue `cue` has `role` reading `want`.
async fn wait_part(s: &Session, cue: &str, role: &str, want: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        let got = claim_part_text(s, cue, role).await?;
        if got == json!(want) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            bail!("expected the {role} of the claim cued {cue:?} to read {want:?}, it reads {got}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn claim_part_resize_by_a_word() -> Outcome {
    let s = Session::start("claim_part_resize_by_a_word").await?;
    let result = async {
        s.open_app().await?;
        s.paste(TEXT).await?;
        select_text(&s, "denied").await?;
        pick_label(&s, "", "Shift").await?;
        js_click(&s, "[data-pick-claim=new]").await?;
        s.wait_js(
            "expected #claim-inspector for the new claim",
            SETTLE,
            "return { ok: !!document.querySelector('#claim-inspector') };",
            vec![],
        )
        .await?;
        select_text(&s, "report").await?;
        pick_label(&s, "", "Shift").await?;
        js_click(&s, "[data-pick-claim=content]").await?;
        wait_part(&s, "denied", "content", "report").await?;
        // Buttons: widen the content's start by a word, then its end.
        js_click(&s, "#claim-content-grow-start").await?;
        wait_part(&s, "denied", "content", "the report").await?;
        js_click(&s, "#claim-content-grow-end").await?;
        wait_part(&s, "denied", "content", "the report.").await?;
        // Keys act on the part last resized: narrow the end again.
        press(&s, "[", false, false).await?;
        wait_part(&s, "denied", "content", "the report").await?;
        // The source, with its own buttons: add one, then widen it.
        select_text(&s, "Okafor").await?;
        pick_label(&s, "", "Shift").await?;
        js_click(&s, "[data-pick-claim=source]").await?;
        wait_part(&s, "denied", "source", "Okafor").await?;
        js_click(&s, "#claim-source-grow-start").await?;
        wait_part(&s, "denied", "source", "Ruth Okafor").await?;
        press(&s, "}", false, false).await?;
        wait_part(&s, "denied", "source", "Okafor").await?;
        // The cue too ("had denied"); the claim stays selected.
        js_click(&s, "#claim-cue-grow-start").await?;
        s.wait_js(
            "expected the cue to read \"had denied\" with the claim still selected",
            SETTLE,
            "const i = document.querySelector('#claim-inspector');
             return { ok: !!i && /“had denied”/.test(i.innerText), inspector: i && i.innerText };",
            vec![],
        )
        .await?;
        wait_part(&s, "had denied", "content", "the report").await?;
        // A one-word part cannot shrink: a message, no change.
        js_click(&s, "#claim-source-shrink-end").await?;
        s.wait_js(
            "expected a message that a claim part keeps a word",
            SETTLE,
            "return { ok: /keeps at least one word/.test(document.querySelector('#notice').innerText) };",
            vec![],
        )
        .await?;
        wait_part(&s, "had denied", "source", "Okafor").await?;
        // Every step undoes.
        press(&s, "z", true, false).await?;
        wait_part(&s, "denied", "source", "Okafor").await?;
        press(&s, "z", true, false).await?;
        wait_part(&s, "denied", "source", "Ruth Okafor").await?;
        press(&s, "z", true, false).await?;
        wait_part(&s, "denied", "source", "Okafor").await?;
        press(&s, "z", true, false).await?;
        press(&s, "z", true, false).await?;
        wait_part(&s, "denied", "content", "the report.").await?;
        press(&s, "Z", true, true).await?;
        wait_part(&s, "denied", "content", "the report").await?;
        Ok(())
    }
    .await;
    s.finish(result).await
}
