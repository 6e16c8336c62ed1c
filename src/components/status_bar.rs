//! The status line: the model's state and the last action's outcome.

use leptos::prelude::*;

use crate::state::{Models, Notice};

/// `#model-status` (while a model loads, or when one failed) and `#notice`, both live
/// regions so screen readers hear them.
#[component]
pub fn StatusBar(
    /// The models' states.
    #[prop(into)]
    models: Signal<Models>,
    /// The last action's outcome; the dismiss button clears it.
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    view! {
        <div class="status-bar">
            <p
                id="model-status"
                role="status"
                class="model-status"
                data-model=move || models.with(|m| m.overall().as_str())
            >
                {move || models.with(Models::message)}
            </p>
            <div id="notice" class="notice" role="status" aria-live="polite">
                {move || {
                    notice
                        .get()
                        .map(|n| {
                            view! {
                                <p class="notice-text" class:error=n.is_error()>
                                    {n.text().to_string()}
                                    <button
                                        type="button"
                                        class="dismiss"
                                        aria-label="Dismiss message"
                                        on:click=move |_| notice.set(None)
                                    >
                                        "×"
                                    </button>
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
