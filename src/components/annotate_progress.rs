//! The progress of a long annotation (see `chunked`).

use leptos::prelude::*;

use crate::chunked::Progress;

/// `#annotate-progress`: shown only while a long text is being annotated in
/// blocks; a live region, so screen readers hear that work is going on.
#[component]
pub fn AnnotateProgress(
    /// How far the annotation has got; `None` hides the bar.
    #[prop(into)]
    progress: Signal<Option<Progress>>,
) -> impl IntoView {
    view! {
        <div class="annotate-progress" role="status" aria-live="polite">
            {move || {
                progress
                    .get()
                    .map(|p| {
                        let percent = p.percent();
                        view! {
                            <label id="annotate-progress" data-percent=percent.to_string()>
                                {format!("Annotating a long text… {percent}%")}
                                <progress max="100" value=percent.to_string()></progress>
                            </label>
                        }
                    })
            }}
        </div>
    }
}
