//! The legend: one toggle per label, and one for claims.

use leptos::prelude::*;
use sift_core::Label;

use crate::state::Visibility;

/// A toggle button per label (`button[data-toggle-label]`, with
/// `aria-pressed`), its colour swatch and count, and a claims toggle
/// (`button[data-toggle-claims]`). Labels with no mention are hidden behind
/// `button[data-toggle-all-labels]` ("all labels"), so the legend shows
/// what the text has, not all eighteen labels.
#[component]
pub fn Legend(
    /// Entities per label, indexed by `Label::index`.
    #[prop(into)]
    counts: Signal<[usize; Label::ALL.len()]>,
    /// How many claims there are.
    #[prop(into)]
    claims: Signal<usize>,
    /// What is drawn; the toggles flip it.
    visibility: RwSignal<Visibility>,
) -> impl IntoView {
    let all = RwSignal::new(false);
    let empty = move || counts.with(|c| c.iter().filter(|&&n| n == 0).count());
    let label_items = Label::ALL
        .iter()
        .map(|&label| {
            let count = move || counts.with(|c| c[label.index()]);
            let on = move || visibility.with(|v| v.shows(label));
            view! {
                <li hidden=move || count() == 0 && !all.get()>
                    <button
                        type="button"
                        class="toggle"
                        class:empty=move || count() == 0
                        data-toggle-label=label.as_str()
                        aria-pressed=move || on().to_string()
                        title=format!("{} — {}", label.as_str(), label.describe())
                        on:click=move |_| visibility.update(|v| v.toggle(label))
                    >
                        <span class="swatch" data-swatch=label.as_str() aria-hidden="true"></span>
                        <span class="name">{label.as_str()}</span>
                        <span class="count">{count}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="legend" aria-labelledby="legend-title">
            <h2 id="legend-title" class="visually-hidden">
                "Legend"
            </h2>
            <ul class="legend-list" role="list">
                <li>
                    <button
                        type="button"
                        class="toggle claims-toggle"
                        data-toggle-claims=""
                        aria-pressed=move || visibility.with(|v| v.claims()).to_string()
                        title="Claims: source, cue, content and hedges"
                        on:click=move |_| visibility.update(Visibility::toggle_claims)
                    >
                        <span class="swatch claim-swatch" aria-hidden="true"></span>
                        <span class="name">"Claims"</span>
                        <span class="count">{claims}</span>
                    </button>
                </li>
                {label_items}
                <li hidden=move || empty() == 0>
                    <button
                        type="button"
                        class="toggle more-labels"
                        data-toggle-all-labels=""
                        aria-expanded=move || all.get().to_string()
                        on:click=move |_| all.update(|a| *a = !*a)
                    >
                        {move || if all.get() {
                            "fewer labels".to_string()
                        } else {
                            format!("all labels (+{})", empty())
                        }}
                    </button>
                </li>
            </ul>
        </section>
    }
}
