//! Undo and redo buttons (Ctrl+Z, Ctrl+Shift+Z) and the save indicator.

use leptos::prelude::*;

use crate::workbench::{Documents, SaveState};

/// `button#undo`, `button#redo` and `#save-state[data-state]`.
#[component]
pub fn HistoryButtons() -> impl IntoView {
    let bench = expect_context::<Documents>();
    let can_undo = move || bench.editing.session.with(|s| s.can_undo());
    let can_redo = move || bench.editing.session.with(|s| s.can_redo());
    let state = move || bench.save_state.get();
    view! {
        <span class="history">
            <button id="undo" type="button" class="button" title="Undo (Ctrl+Z)" disabled=move || !can_undo() on:click=move |_| bench.editing.undo()>
                "Undo"
            </button>
            <button id="redo" type="button" class="button" title="Redo (Ctrl+Shift+Z)" disabled=move || !can_redo() on:click=move |_| bench.editing.redo()>
                "Redo"
            </button>
            <span id="save-state" class="save-state" data-state=move || state().as_str() role="status">
                {move || match state() {
                    SaveState::Saved => "Saved in this browser",
                    SaveState::Pending => "Saving…",
                    SaveState::Failed => "Not saved",
                }}
            </span>
        </span>
    }
}
