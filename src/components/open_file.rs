//! Opening a text file.

use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// `input#open-file`: hands the chosen file to `on_open`, then clears
/// itself so the same file can be chosen again.
#[component]
pub fn OpenFile(
    /// Called with the file the reader chose.
    on_open: Callback<web_sys::File, ()>,
) -> impl IntoView {
    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            on_open.run(file);
        }
        input.set_value("");
    };
    view! {
        <span class="open-file">
            <label for="open-file" class="open-label">
                "Open a text file"
            </label>
            <input id="open-file" type="file" accept=".txt,.text,.md,text/plain" on:change=on_change />
        </span>
    }
}
