//! What the reader sees if the app panics: a message at the top of the page
//! instead of a page that silently stops responding.
//!
//! The wasm release build aborts on panic (`panic = "abort"`), so once the
//! hook has run the app is gone. The DOM is not: the text in
//! `textarea#source-text` stays where it is, and the message tells the
//! reader to copy it before reloading. The hook only ever adds one element
//! and sets its text (never HTML), so a panic message that quotes the
//! reader's text cannot inject markup.

use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

/// The id of the message element (a DOM hook for the end-to-end tests).
pub const CRASH_ID: &str = "crash";

/// What the reader is told; the technical detail follows in a `<details>`.
pub const CRASH_MESSAGE: &str = "Sift hit an internal error and has stopped working. \
Your text is still in the box below: copy it before you reload the page.";

/// Installs the hook: the browser console gets the panic as before (with
/// its stack), and the page gets [`show`].
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Puts the crash message at the top of the page, once; `detail` goes in a
/// collapsed `<details>`. Does nothing without a document. Never panics: a
/// panic here would abort inside the hook and hide the first one.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(CRASH_ID).is_some() {
        return; // a second panic keeps the first message
    }
    _ = build(&document, detail);
}

fn build(document: &Document, detail: &str) -> Option<()> {
    let element = |tag: &str, text: Option<&str>| -> Option<HtmlElement> {
        let el: HtmlElement = document.create_element(tag).ok()?.dyn_into().ok()?;
        if let Some(t) = text {
            el.set_text_content(Some(t));
        }
        Some(el)
    };
    let banner = element("div", None)?;
    banner.set_id(CRASH_ID);
    banner.set_class_name("crash");
    // An alert: screen readers announce it at once.
    banner.set_attribute("role", "alert").ok()?;
    let message = element("p", Some(CRASH_MESSAGE))?;
    banner.append_child(&message).ok()?;
    let details = element("details", None)?;
    let summary = element("summary", Some("Details"))?;
    details.append_child(&summary).ok()?;
    let pre = element("pre", Some(detail))?;
    details.append_child(&pre).ok()?;
    banner.append_child(&details).ok()?;
    let body = document.body()?;
    body.insert_before(&banner, body.first_child().as_ref())
        .ok()?;
    // The field keeps its text; put the reader's focus there so that
    // select-all and copy work straight away.
    if let Some(field) = document
        .get_element_by_id("source-text")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        _ = field.focus();
    }
    Some(())
}
