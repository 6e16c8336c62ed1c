//! The export menu: every format, each a download made in the browser.

use leptos::prelude::*;

use crate::exports::Format;
use crate::workbench::Transfer;

/// `details#export-menu` with one `button[data-export]` per format.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let bench = expect_context::<Transfer>();
    view! {
        <details id="export-menu" class="menu">
            <summary class="button">"Export…"</summary>
            <ul class="menu-items">
                {Format::ALL
                    .into_iter()
                    .map(|f| {
                        view! {
                            <li>
                                <button type="button" data-export=f.id() on:click=move |_| bench.export(f)>
                                    {f.label()}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
