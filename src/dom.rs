//! The few places the app talks to the browser directly: fetching the
//! model, reading files, downloading, scrolling, storage and theme. Each
//! helper returns a `Result` or an `Option` and never panics: a missing
//! window, storage that throws, or an element that is not there are all
//! ordinary outcomes.

use std::time::Duration;

use js_sys::Uint8Array;
use sift_core::{claims, ner, syntax};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, Document, Element, File, HtmlAnchorElement, HtmlElement, Response,
    ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Storage, Url, Window,
};

use crate::files;
use crate::state::{ModelFile, Theme};

/// The CSS class that plays the "flash" animation on a revealed element.
const FLASH_CLASS: &str = "flash";

fn window() -> Option<Window> {
    web_sys::window()
}

fn document() -> Option<Document> {
    window()?.document()
}

/// A readable message from a JavaScript error value.
fn js_error(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Fetches the bytes at `url` (relative to the page).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_error)?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| "fetch gave no response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {} for {url}", response.status()));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Fetches and reads the entity model.
pub async fn fetch_ner_model() -> Result<ner::Model, String> {
    let bytes = fetch_bytes(ModelFile::Entities.url()).await?;
    ner::Model::from_bytes(&bytes).map_err(|e| e.to_string())
}

/// Fetches and reads the claims model.
pub async fn fetch_claims_model() -> Result<claims::Model, String> {
    let bytes = fetch_bytes(ModelFile::Claims.url()).await?;
    claims::Model::from_bytes(&bytes).map_err(|e| e.to_string())
}

/// Fetches and reads the syntax model.
pub async fn fetch_syntax_model() -> Result<syntax::Model, String> {
    let bytes = fetch_bytes(ModelFile::Syntax.url()).await?;
    syntax::Model::from_bytes(&bytes).map_err(|e| e.to_string())
}

/// Reads a file the reader opened or dropped, after checking its type and
/// size. Returns the text; errors are sentences to show as they are.
pub async fn read_text_file(file: &File) -> Result<String, String> {
    let name = file.name();
    files::check_file(&name, &file.type_(), file.size())?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("“{name}” could not be read: {}", js_error(e)))?;
    files::decode_text(&name, &Uint8Array::new(&buffer).to_vec())
}

/// Offers `contents` as a download called `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "could not create a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&anchor).map_err(js_error)?;
    anchor.click();
    anchor.remove();
    // Give the download a moment to start before releasing the blob.
    leptos::prelude::set_timeout(
        move || _ = Url::revoke_object_url(&url),
        Duration::from_secs(10),
    );
    Ok(())
}

/// Whether the reader asked for less motion.
fn reduced_motion() -> bool {
    window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Restarts the flash animation on `el`.
fn flash(el: &Element) {
    let classes = el.class_list();
    _ = classes.remove_1(FLASH_CLASS);
    // Reading layout forces a reflow, so re-adding the class restarts the
    // animation even if it was already playing.
    if let Some(html) = el.dyn_ref::<HtmlElement>() {
        _ = html.offset_width();
    }
    _ = classes.add_1(FLASH_CLASS);
}

/// Scrolls the first element matching `selector` into view and flashes
/// every match. Returns whether anything matched.
pub fn reveal(selector: &str) -> bool {
    let Some(document) = document() else {
        return false;
    };
    let Ok(list) = document.query_selector_all(selector) else {
        return false;
    };
    let elements: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect();
    let Some(first) = elements.first() else {
        return false;
    };
    // Only the newly revealed elements flash.
    if let Ok(old) = document.query_selector_all(&format!(".{FLASH_CLASS}")) {
        for el in (0..old.length()).filter_map(|i| old.item(i)?.dyn_into::<Element>().ok()) {
            _ = el.class_list().remove_1(FLASH_CLASS);
        }
    }
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(if reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    options.set_block(ScrollLogicalPosition::Center);
    first.scroll_into_view_with_scroll_into_view_options(&options);
    elements.iter().for_each(flash);
    true
}

/// Scrolls the element matching `selector` to the top of the view and
/// moves the focus there (for the phone layout's jump to the ledger).
pub fn jump_to(selector: &str) {
    let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()) else {
        return;
    };
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        _ = el.focus();
    }
}

fn local_storage() -> Option<Storage> {
    // Both the lookup and the access can throw (private modes, sandboxed
    // frames, file:// pages); either way there is simply no storage.
    window()?.local_storage().ok().flatten()
}

/// The theme the reader picked last time, if storage is available.
pub fn stored_theme() -> Option<Theme> {
    local_storage()?
        .get_item(Theme::STORAGE_KEY)
        .ok()
        .flatten()
        .as_deref()
        .and_then(Theme::parse)
}

/// Remembers the reader's theme; silently does nothing without storage.
pub fn store_theme(theme: Theme) {
    if let Some(storage) = local_storage() {
        _ = storage.set_item(Theme::STORAGE_KEY, theme.as_str());
    }
}

/// Whether the system asks for a dark page.
pub fn system_prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Sets `data-theme` on `<html>`, or removes it to follow the system.
pub fn apply_theme(theme: Option<Theme>) {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return;
    };
    _ = match theme {
        Some(t) => root.set_attribute("data-theme", t.as_str()),
        None => root.remove_attribute("data-theme"),
    };
}
