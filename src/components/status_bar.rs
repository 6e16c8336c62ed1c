//! The status line: the model's state and the last action's outcome.

use leptos::prelude::*;

use crate::state::{ModelState, Notice};

/// `#model-status` (while loading or on error) and `#notice`, both live
/// regions so screen readers hear them.
#[component]
pub fn StatusBar(
    /// The entity model's state.
    #[prop(into)]
    model: Signal<ModelState>,
    /// The last action's outcome; the dismiss button clears it.
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    view! {
        <div class="status-bar">
            <p
                id="model-status"
                role="status"
                class="model-status"
                data-model=move || model.with(ModelState::as_str)
            >
                {move || model.with(|m| (*m != ModelState::Ready).then(|| m.message()))}
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
