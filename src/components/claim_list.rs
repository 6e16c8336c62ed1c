//! The side panel's "who says what" ledger.

use leptos::prelude::*;

use crate::components::claim_filters::ClaimFilters;
use crate::components::source_group::SourceGroupView;
use crate::ledger::{self, ClaimFilter, Entry, SourceGroup};
use crate::state::{Notice, Visibility};

/// How many claim cards the ledger draws before "Show all".
const CARD_LIMIT: usize = 300;

/// The claims grouped by who makes them, most quoted first, each as a card
/// (`[data-claim-card="<index>"]`), above filter chips by kind, hedges and
/// vague sources. Filtering narrows the ledger; the text only dims the
/// claims left out (see `AnnotatedView`'s `dimmed`).
#[component]
pub fn ClaimList(
    /// Every claim as a ledger entry, in text order.
    #[prop(into)]
    entries: Signal<Vec<Entry>>,
    /// What the ledger shows.
    filter: RwSignal<ClaimFilter>,
    /// What is drawn.
    #[prop(into)]
    visibility: Signal<Visibility>,
    /// The claim whose parts are lit in the text.
    hovered: RwSignal<Option<usize>>,
    /// Where to report that a claim cannot be shown.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let groups = Memo::new(move |_| entries.with(|e| filter.with(|f| ledger::groups(e, f))));
    // A long text can hold thousands of claims; drawing every card froze
    // the page for seconds, so the ledger starts with the first few hundred.
    let show_all = RwSignal::new(false);
    let drawn = Memo::new(move |_| {
        groups.with(|g| {
            if show_all.get() {
                g.clone()
            } else {
                ledger::first_cards(g, CARD_LIMIT)
            }
        })
    });
    let hidden = move || {
        let all = groups.with(|g| g.iter().map(|g| g.entries.len()).sum::<usize>());
        all - drawn.with(|g| g.iter().map(|g| g.entries.len()).sum::<usize>())
    };
    let kinds = Signal::derive(move || entries.with(|e| ledger::kind_counts(e)));
    let hedged = Signal::derive(move || entries.with(|e| e.iter().filter(|e| e.hedged()).count()));
    let vague =
        Signal::derive(move || entries.with(|e| e.iter().filter(|e| e.vague.is_some()).count()));
    let total = move || entries.with(Vec::len);
    let shown = move || groups.with(|g| g.iter().map(|g| g.entries.len()).sum::<usize>());
    let summary = move || {
        let (shown, total) = (shown(), total());
        let sources = groups.with(|g| g.iter().filter(|g| !g.key.is_empty()).count());
        let of = if shown == total {
            format!("{total} claim{}", if total == 1 { "" } else { "s" })
        } else {
            format!("{shown} of {total} claims")
        };
        format!(
            "{of} from {sources} source{}",
            if sources == 1 { "" } else { "s" }
        )
    };
    view! {
        <section id="ledger" class="panel claims" aria-labelledby="claims-title" tabindex="-1">
            <h2 id="claims-title">"Who says what"</h2>
            <Show
                when=move || { total() > 0 }
                fallback=|| view! { <p class="hint">"No claims found."</p> }
            >
                <ClaimFilters kinds hedged vague filter />
                <p class="ledger-summary" aria-live="polite">
                    {summary}
                </p>
                <Show when=move || groups.with(Vec::is_empty)>
                    <p class="hint">"No claims match these filters."</p>
                </Show>
            </Show>
            <ul class="source-groups" role="list">
                <For each=move || drawn.get() key=|g: &SourceGroup| g.clone() let(group)>
                    <SourceGroupView group hovered visibility on_notice />
                </For>
            </ul>
            <Show when=move || { hidden() > 0 }>
                <button class="show-all" data-show-all-claims on:click=move |_| show_all.set(true)>
                    {move || format!("Show all claims ({} more)", hidden())}
                </button>
            </Show>
        </section>
    }
}
