//! The article input.

use std::time::Duration;

use leptos::html::Textarea;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How long typing must pause before the text is annotated again.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Whether an input event replaced text wholesale (paste, drop, cut), in
/// which case it is annotated at once instead of after a pause.
fn is_bulk_edit(ev: &web_sys::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>()
        .map(|e| e.input_type())
        .is_some_and(|t| {
            matches!(
                t.as_str(),
                "insertFromPaste" | "insertFromDrop" | "deleteByCut" | "insertReplacementText"
            )
        })
}

/// The `textarea#source-text` the reader types or pastes the article into.
///
/// Typing updates `draft` at once and commits it (`on_commit`: the text to
/// annotate and keep as a step of the document) after a short pause; pasting, dropping and leaving the field
/// commit at once. Setting `draft` from outside (opening a file) updates the
/// field.
#[component]
pub fn Editor(
    /// What the field shows, keystroke by keystroke.
    draft: RwSignal<String>,
    /// Receives `draft` as of the last pause: the text to annotate.
    on_commit: Callback<String>,
) -> impl IntoView {
    let field = NodeRef::<Textarea>::new();
    let pending = StoredValue::new(None::<TimeoutHandle>);

    // DOM sync: show a draft set from outside. Skipped when the field
    // already holds it, so typing never moves the caret.
    Effect::new(move |_| {
        let value = draft.get();
        if let Some(el) = field.get() {
            if el.value() != value {
                el.set_value(&value);
            }
        }
    });

    let cancel = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(None);
    };
    let commit = move || {
        cancel();
        on_commit.run(draft.get_untracked());
    };
    let on_input = move |ev: web_sys::Event| {
        draft.set(event_target_value(&ev));
        if is_bulk_edit(&ev) {
            commit();
        } else {
            cancel();
            pending.set_value(set_timeout_with_handle(commit, DEBOUNCE).ok());
        }
    };

    view! {
        <section class="editor" aria-labelledby="source-label">
            <label id="source-label" for="source-text" class="pane-title">
                "Article text"
            </label>
            <textarea
                id="source-text"
                node_ref=field
                spellcheck="false"
                dir=move || if draft.with(|t| sift_core::language::right_to_left(t)) { "rtl" } else { "ltr" }
                placeholder="Paste a news article here…"
                prop:value=draft.get_untracked()
                on:input=on_input
                on:blur=move |_| {
                    if pending.get_value().is_some() {
                        commit();
                    }
                }
            ></textarea>
        </section>
    }
}
