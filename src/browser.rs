//! The web-sys calls the annotator workflow needs: storage, the text
//! selection, the URL fragment, focus. Everything returns an `Option` or a
//! `Result` instead of throwing.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::library::Store;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The browser's localStorage. Reading from a disabled storage gives
/// nothing; writing to a full or disabled one is an error.
pub struct LocalStorage;

impl LocalStorage {
    fn storage() -> Option<web_sys::Storage> {
        window()?.local_storage().ok().flatten()
    }
}

impl Store for LocalStorage {
    fn get(&self, key: &str) -> Option<String> {
        Self::storage()?.get_item(key).ok().flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        let storage = Self::storage().ok_or("this browser does not let the page store anything")?;
        storage.set_item(key, value).map_err(|e| {
            // A DOMException's name tells a full store from a refused one.
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            match name.as_str() {
                "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => {
                    "the browser's storage for this page is full".to_string()
                }
                "" => "the browser refused to store it".to_string(),
                other => format!("the browser refused to store it ({other})"),
            }
        })
    }

    fn remove(&self, key: &str) {
        if let Some(s) = Self::storage() {
            _ = s.remove_item(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        let Some(s) = Self::storage() else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
    }
}

/// The current text selection as UTF-16 offsets into the text content of
/// the element with id `container`, when both ends lie inside it and it is
/// not empty.
pub fn selection_in(container: &str) -> Option<(usize, usize)> {
    let document = document()?;
    let root = document.get_element_by_id(container)?;
    let selection = window()?.get_selection().ok().flatten()?;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    if !root.contains(Some(&start_node)) || !root.contains(Some(&end_node)) {
        return None;
    }
    // The length of the text from the container's start to a point.
    let offset_of = |node: &web_sys::Node, offset: u32| -> Option<usize> {
        let probe = document.create_range().ok()?;
        probe.set_start(&root, 0).ok()?;
        probe.set_end(node, offset).ok()?;
        Some(String::from(probe.to_string()).encode_utf16().count())
    };
    let start = offset_of(&start_node, range.start_offset().ok()?)?;
    let end = offset_of(&end_node, range.end_offset().ok()?)?;
    (start < end).then_some((start, end))
}

/// Selects the text between UTF-16 offsets `start` and `end` of the text
/// content of the element with id `container` (the inverse of
/// [`selection_in`]) and scrolls it into view. Returns whether it could.
pub fn select_in(container: &str, start: usize, end: usize) -> bool {
    (|| {
        let document = document()?;
        let root: web_sys::Node = document.get_element_by_id(container)?.into();
        // The text node and offset holding each end, in document order.
        let (mut from, mut to) = (None, None);
        let mut seen = 0;
        let mut node = root.first_child();
        while let Some(n) = node {
            if n.node_type() == web_sys::Node::TEXT_NODE {
                let len = n.text_content().unwrap_or_default().encode_utf16().count();
                if from.is_none() && start < seen + len {
                    from = Some((n.clone(), start - seen));
                }
                if to.is_none() && end <= seen + len {
                    to = Some((n.clone(), end - seen));
                }
                seen += len;
            }
            if to.is_some() {
                break;
            }
            // Depth first: a child, else the next sibling of the nearest
            // ancestor that has one, inside the container.
            node = n.first_child().or_else(|| {
                let mut up = Some(n);
                while let Some(u) = up {
                    if u == root {
                        return None;
                    }
                    if let Some(next) = u.next_sibling() {
                        return Some(next);
                    }
                    up = u.parent_node();
                }
                None
            });
        }
        let ((a, a_at), (b, b_at)) = (from?, to?);
        let range = document.create_range().ok()?;
        range.set_start(&a, u32::try_from(a_at).ok()?).ok()?;
        range.set_end(&b, u32::try_from(b_at).ok()?).ok()?;
        let selection = window()?.get_selection().ok().flatten()?;
        selection.remove_all_ranges().ok()?;
        selection.add_range(&range).ok()?;
        if let Some(el) = a.parent_element() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
        Some(())
    })()
    .is_some()
}

/// Calls `f` on every `selectionchange` of the page (fired at the
/// document, and not bubbling, so no window listener hears it). The
/// listener lives as long as the page.
pub fn on_selection_change(f: impl Fn() + 'static) {
    let Some(document) = document() else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    _ = document
        .add_event_listener_with_callback("selectionchange", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Whether anything is selected on the page (cheap: no offsets).
pub fn has_selection() -> bool {
    window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// Clears the text selection.
pub fn clear_selection() {
    if let Some(s) = window().and_then(|w| w.get_selection().ok().flatten()) {
        _ = s.remove_all_ranges();
    }
}

/// The entity index (`data-entity`) of the highlight an event happened in,
/// if it is inside `#annotated`.
pub fn entity_at(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let el: Element = target?.dyn_into::<web_sys::Node>().ok().and_then(|n| {
        n.dyn_ref::<Element>()
            .cloned()
            .or_else(|| n.parent_element())
    })?;
    let mark = el.closest("#annotated mark[data-entity]").ok().flatten()?;
    mark.get_attribute("data-entity")?.parse().ok()
}

/// The claim index (`data-claim`) and role (`data-role`) of the claim part
/// an event happened in, if it is inside `#annotated`.
pub fn claim_at(target: Option<web_sys::EventTarget>) -> Option<(usize, String)> {
    let el: Element = target?.dyn_into::<web_sys::Node>().ok().and_then(|n| {
        n.dyn_ref::<Element>()
            .cloned()
            .or_else(|| n.parent_element())
    })?;
    let part = el.closest("#annotated [data-claim]").ok().flatten()?;
    let claim = part.get_attribute("data-claim")?.parse().ok()?;
    Some((claim, part.get_attribute("data-role").unwrap_or_default()))
}

/// Whether the event happened inside the element with id `id`.
pub fn inside(target: Option<web_sys::EventTarget>, id: &str) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .and_then(|n| {
            n.dyn_ref::<Element>()
                .cloned()
                .or_else(|| n.parent_element())
        })
        .and_then(|el| el.closest(&format!("#{id}")).ok().flatten())
        .is_some()
}

/// Whether keys currently go to a text field (so shortcuts stay off).
pub fn typing_in_field() -> bool {
    document()
        .and_then(|d| d.active_element())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// Focuses the element matching `selector`.
pub fn focus(selector: &str) {
    if let Some(el) = document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        _ = el.focus();
    }
}

/// The URL's fragment, with its `#` (empty when there is none).
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading.
pub fn clear_hash() {
    let Some(w) = window() else { return };
    let location = w.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = w.history() {
        _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let href = w.location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Asks the reader to confirm; `false` when the dialog cannot be shown.
pub fn confirm(message: &str) -> bool {
    window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}
