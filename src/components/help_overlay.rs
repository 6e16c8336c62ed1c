//! The list of keyboard shortcuts, shown on `?`.

use leptos::prelude::*;

use crate::keys::SHORTCUTS;
use crate::workbench::Workbench;

/// `#help` (a dialog) and the `button#help-button` that opens it.
#[component]
pub fn HelpOverlay(
    /// The workflow.
    bench: Workbench,
) -> impl IntoView {
    view! {
        <button id="help-button" type="button" class="button" title="Keyboard shortcuts (?)" on:click=move |_| bench.help.update(|h| *h = !*h)>
            "?"
        </button>
        <Show when=move || bench.help.get()>
            <div id="help" class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" on:click=move |_| bench.help.set(false)>
                <div class="overlay-box" on:click=|ev| ev.stop_propagation()>
                    <h2 id="help-title">"Keyboard shortcuts"</h2>
                    <dl class="shortcuts">
                        {SHORTCUTS
                            .iter()
                            .map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt> <dd>{*what}</dd> })
                            .collect_view()}
                    </dl>
                    <button type="button" class="button" on:click=move |_| bench.help.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
