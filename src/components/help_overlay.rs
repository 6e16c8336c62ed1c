//! The list of keyboard shortcuts, shown on `?`.

use leptos::prelude::*;

use crate::keys::SHORTCUTS;
use crate::workbench::Help;

/// `#help` (a dialog) and the `button#help-button` that opens it.
#[component]
pub fn HelpOverlay() -> impl IntoView {
    let bench = expect_context::<Help>();
    view! {
        <button id="help-button" type="button" class="button" title="Keyboard shortcuts (?)" on:click=move |_| bench.0.update(|h| *h = !*h)>
            "?"
        </button>
        <Show when=move || bench.0.get()>
            <div id="help" class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" on:click=move |_| bench.0.set(false)>
                <div class="overlay-box" on:click=|ev| ev.stop_propagation()>
                    <h2 id="help-title">"Keyboard shortcuts"</h2>
                    <dl class="shortcuts">
                        {SHORTCUTS
                            .iter()
                            .map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt> <dd>{*what}</dd> })
                            .collect_view()}
                    </dl>
                    <button type="button" class="button" on:click=move |_| bench.0.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
