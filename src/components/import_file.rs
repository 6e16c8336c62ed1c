//! Importing annotations: a `.json` export (opens as a new document) or a
//! brat `.ann` file (applied to the open text).

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::state::Notice;
use crate::workbench::Transfer;

/// The largest file imported (5 MB).
const MAX_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

/// `input#import-file`.
#[component]
pub fn ImportFile(
    /// Where to report a refused file.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let bench = expect_context::<Transfer>();
    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            let name = file.name();
            if file.size() > MAX_BYTES {
                on_notice.run(Notice::Error(format!(
                    "“{name}” is too large to import (over 5 MB)."
                )));
            } else {
                spawn_local(async move {
                    match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                        Ok(v) => bench.import(&name, &v.as_string().unwrap_or_default()),
                        Err(_) => {
                            on_notice.run(Notice::Error(format!("“{name}” could not be read.")))
                        }
                    }
                });
            }
        }
        input.set_value("");
    };
    view! {
        <span class="import-file">
            <label for="import-file" class="open-label" title="Import a Sift .json export, or a brat .ann file for the open text">
                "Import .json / .ann"
            </label>
            <input id="import-file" type="file" accept=".json,.ann,application/json" on:change=on_change />
        </span>
    }
}
