//! What a reader does on the page, as steps the end-to-end tests share:
//! select text, pick a label, press keys, reload, wait for autosave,
//! export and import files, switch documents.

use std::time::Duration;

use anyhow::{bail, ensure, Result};
use serde_json::{json, Value};

use crate::harness::Session;

/// A short article the tests annotate and edit.
pub const TEXT: &str = "Officials in Paris said on Monday that Ruth Okafor had denied the report. \
Okafor, who leads the Lagos office, said the figures were wrong.";

/// A second, unrelated article.
pub const OSLO: &str = "The weather in Oslo was cold, the Norwegian Meteorological Institute said.";

pub const SETTLE: Duration = Duration::from_secs(10);

/// Every entity highlight as `[label, text, source]`, in order.
pub const MARKS: &str = r#"
    return [...document.querySelectorAll('#annotated mark[data-label]')]
        .map(m => [m.getAttribute('data-label'), m.textContent, m.getAttribute('data-source')]);
"#;

pub async fn marks(s: &Session) -> Result<Value> {
    s.js(MARKS, vec![]).await
}

/// Waits until a highlight with `text` has `label` and `source`, or (with
/// `label` null) until no highlight has `text`.
pub async fn wait_mark(s: &Session, text: &str, label: Option<&str>, source: &str) -> Result<()> {
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

/// Selects the first occurrence of `text` inside #annotated (as a mouse
/// drag would) and releases the mouse there.
pub async fn select_text(s: &Session, text: &str) -> Result<()> {
    select(s, text, true).await
}

/// Selects the first occurrence of `text` inside #annotated and, when
/// `mouseup`, releases a mouse there (without: as a touch screen's
/// selection handles leave it).
pub async fn select(s: &Session, text: &str, mouseup: bool) -> Result<()> {
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
            if (arguments[1]) root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
            return { selected: sel.toString() };
            "#,
            vec![json!(text), json!(mouseup)],
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
pub async fn pick_label(s: &Session, filter: &str, key: &str) -> Result<()> {
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
pub async fn press(s: &Session, key: &str, ctrl: bool, shift: bool) -> Result<()> {
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
pub async fn reload(s: &Session, url: Option<&str>) -> Result<()> {
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
pub async fn saved(s: &Session) -> Result<()> {
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
pub async fn export(s: &Session, format: &str) -> Result<String> {
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
pub async fn import(s: &Session, name: &str, contents: &str) -> Result<()> {
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

/// Clicks the element matching `css` from the page (no scrolling needed).
pub async fn js_click(s: &Session, css: &str) -> Result<()> {
    let v = s
        .js(
            "const e = document.querySelector(arguments[0]); if (!e) return false; e.click(); return true;",
            vec![json!(css)],
        )
        .await?;
    ensure!(v == json!(true), "no element `{css}` to click");
    Ok(())
}

/// Picks document `index` of `select#doc-switch` (as a reader would).
pub async fn switch_to(s: &Session, index: usize) -> Result<()> {
    let v = s
        .js(
            "const sel = document.querySelector('#doc-switch');
             if (!sel.options[arguments[0]]) return false;
             sel.value = sel.options[arguments[0]].value;
             sel.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![json!(index)],
        )
        .await?;
    ensure!(v == json!(true), "no document {index} in #doc-switch");
    Ok(())
}

/// Waits until the list shows exactly `names`, with `current` selected.
pub async fn wait_docs(s: &Session, names: &[&str], current: &str) -> Result<()> {
    s.wait_js(
        &format!("expected the document list {names:?} with {current:?} open"),
        SETTLE,
        "const sel = document.querySelector('#doc-switch');
         const o = [...sel.options].map(o => o.textContent);
         const open = sel.options[sel.selectedIndex] ? sel.options[sel.selectedIndex].textContent : null;
         return { ok: JSON.stringify(o) === JSON.stringify(arguments[0]) && open === arguments[1]
                      && document.querySelector('#doc-name').value === arguments[1],
                  options: o, open, name: document.querySelector('#doc-name').value };",
        vec![json!(names), json!(current)],
    )
    .await?;
    Ok(())
}

/// Waits until the editor holds `text` and `#annotated` shows it.
pub async fn wait_text(s: &Session, text: &str) -> Result<()> {
    s.wait_js(
        "expected the editor and #annotated to hold the document's text",
        SETTLE,
        "const ta = document.querySelector('textarea#source-text').value;
         const shown = document.querySelector('#annotated').textContent;
         return { ok: ta === arguments[0] && shown === arguments[0], editor: ta, shown };",
        vec![json!(text)],
    )
    .await?;
    Ok(())
}
