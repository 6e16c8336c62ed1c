//! The ledger's filter chips.

use leptos::prelude::*;
use sift_core::ClaimKind;

use crate::ledger::ClaimFilter;

/// One chip per claim kind (`button[data-filter-kind="<kind>"]`), then
/// "hedged only" (`button[data-filter-hedged]`) and "vague sources only"
/// (`button[data-filter-vague]`). Each is a toggle with `aria-pressed` and
/// a count; with no kind picked, every kind is shown.
#[component]
pub fn ClaimFilters(
    /// Claims per kind, in `ClaimKind::ALL` order.
    #[prop(into)]
    kinds: Signal<[usize; ClaimKind::ALL.len()]>,
    /// How many claims are hedged.
    #[prop(into)]
    hedged: Signal<usize>,
    /// How many claims have a vague source.
    #[prop(into)]
    vague: Signal<usize>,
    /// The filter the chips flip.
    filter: RwSignal<ClaimFilter>,
) -> impl IntoView {
    let kind_chips = ClaimKind::ALL
        .iter()
        .enumerate()
        .map(|(i, &kind)| {
            let count = move || kinds.with(|c| c[i]);
            let on = move || filter.with(|f| f.picks(kind));
            view! {
                <li>
                    <button
                        type="button"
                        class="chip"
                        class:empty=move || count() == 0
                        data-filter-kind=kind.as_str()
                        aria-pressed=move || on().to_string()
                        title=format!("Show only claims of kind “{}”", kind.as_str())
                        on:click=move |_| filter.update(|f| f.toggle_kind(kind))
                    >
                        <span class="kind-dot" data-kind=kind.as_str() aria-hidden="true"></span>
                        <span class="name">{kind.as_str()}</span>
                        <span class="count">{count}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="claim-filters" role="group" aria-label="Filter claims">
            <ul class="chip-list" role="list">
                {kind_chips}
            </ul>
            <ul class="chip-list" role="list">
                <li>
                    <button
                        type="button"
                        class="chip"
                        data-filter-hedged=""
                        aria-pressed=move || filter.with(ClaimFilter::hedged_only).to_string()
                        title="Show only claims weakened by hedges (“reportedly”, “likely”)"
                        on:click=move |_| filter.update(ClaimFilter::toggle_hedged)
                    >
                        <span class="name">"hedged only"</span>
                        <span class="count">{hedged}</span>
                    </button>
                </li>
                <li>
                    <button
                        type="button"
                        class="chip"
                        data-filter-vague=""
                        aria-pressed=move || filter.with(ClaimFilter::vague_only).to_string()
                        title="Show only claims with no source, or an unnamed one (“officials”, “a source”)"
                        on:click=move |_| filter.update(ClaimFilter::toggle_vague)
                    >
                        <span class="name">"vague sources only"</span>
                        <span class="count">{vague}</span>
                    </button>
                </li>
                <Show when=move || filter.with(ClaimFilter::is_active)>
                    <li>
                        <button
                            type="button"
                            class="chip clear-filters"
                            data-filter-clear=""
                            on:click=move |_| filter.set(ClaimFilter::default())
                        >
                            "Clear filters"
                        </button>
                    </li>
                </Show>
            </ul>
        </div>
    }
}
