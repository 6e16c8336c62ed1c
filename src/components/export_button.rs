//! Exporting the annotations.

use leptos::prelude::*;
use sift_core::Annotation;

use crate::dom;
use crate::files::{self, EXPORT_FILE_NAME};
use crate::state::Notice;

/// `button#export-json`: downloads `{"id", "text", "entities", "claims"}`
/// with code-point offsets.
#[component]
pub fn ExportButton(
    /// The annotated text.
    #[prop(into)]
    text: Signal<String>,
    /// Its annotation.
    #[prop(into)]
    annotation: Signal<Annotation>,
    /// Where to report the outcome.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let on_click = move |_| {
        let json = text.with_untracked(|t| annotation.with_untracked(|a| files::export_json(t, a)));
        on_notice.run(
            match dom::download(EXPORT_FILE_NAME, "application/json", &json) {
                Ok(()) => Notice::Info(format!("Exported {EXPORT_FILE_NAME}.")),
                Err(e) => Notice::Error(format!("Export failed: {e}")),
            },
        );
    };
    view! {
        <button id="export-json" type="button" class="button" on:click=on_click>
            "Export JSON"
        </button>
    }
}
