//! The annotator's bar: the document list, undo/redo and saving, export,
//! import, share and the shortcut list.

use leptos::prelude::*;

use super::{DocList, ExportMenu, HelpOverlay, HistoryButtons, ImportFile, ShareLink};
use crate::state::Notice;
use crate::workbench::Editing;

/// `nav.workbar`.
#[component]
pub fn Workbar(
    /// Where to report refused files.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let bench = expect_context::<Editing>();
    view! {
        <nav class="workbar" aria-label="Document">
            <DocList />
            <HistoryButtons />
            <span class="review">
                <button id="accept-all" type="button" class="button" title="Keep every model suggestion shown, whatever the model later says" on:click=move |_| bench.accept_all()>
                    "Accept all"
                </button>
                <label class="suggestions-toggle" title="Show the model's suggestions beside your own annotations">
                    <input
                        id="suggestions"
                        type="checkbox"
                        prop:checked=move || bench.session.with(|s| s.doc().suggestions())
                        on:change=move |ev| bench.set_suggestions(event_target_checked(&ev))
                    />
                    " Model suggestions"
                </label>
            </span>
            <span class="workbar-files">
                <ExportMenu />
                <ImportFile on_notice />
                <ShareLink />
                <HelpOverlay />
            </span>
        </nav>
    }
}
