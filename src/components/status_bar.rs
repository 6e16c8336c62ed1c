//! The status line: the model's state and the last action's outcome.

use std::time::Duration;

use leptos::prelude::*;

use crate::state::{Models, Notice};

/// How long a notice that something worked stays up. Errors stay until
/// dismissed or until their cause is gone (see `Workbench::save_now`).
const INFO_FOR: Duration = Duration::from_secs(15);

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
    // An "Exported …" or "Opened …" is news for a moment, not a state: it
    // goes by itself, unless another notice replaced it meanwhile.
    Effect::new(move |_| {
        if let Some(Notice::Info(text)) = notice.get() {
            set_timeout(
                move || {
                    if notice.with_untracked(|n| matches!(n, Some(Notice::Info(t)) if *t == text)) {
                        notice.set(None);
                    }
                },
                INFO_FOR,
            );
        }
    });
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
