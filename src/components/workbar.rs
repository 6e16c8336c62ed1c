//! The annotator's bar: the document list, undo/redo and saving, export,
//! import, share and the shortcut list.

use leptos::prelude::*;

use super::{DocList, ExportMenu, HelpOverlay, HistoryButtons, ImportFile, ShareLink};
use crate::state::Notice;
use crate::workbench::Workbench;

/// `nav.workbar`.
#[component]
pub fn Workbar(
    /// The workflow.
    bench: Workbench,
    /// Where to report refused files.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    view! {
        <nav class="workbar" aria-label="Document">
            <DocList bench />
            <HistoryButtons bench />
            <span class="workbar-files">
                <ExportMenu bench />
                <ImportFile bench on_notice />
                <ShareLink bench />
                <HelpOverlay bench />
            </span>
        </nav>
    }
}
