//! One source's claims in the ledger.

use leptos::prelude::*;

use crate::components::claim_card::ClaimCardView;
use crate::ledger::{Entry, SourceGroup};
use crate::state::{Notice, Visibility};

/// A source (`[data-source-group="<key>"]`, named in `data-source-name`)
/// with how many claims it makes and their cards, in text order.
#[component]
pub fn SourceGroupView(
    /// The source and its claims that pass the filters.
    group: SourceGroup,
    /// The claim whose parts are lit in the text.
    hovered: RwSignal<Option<usize>>,
    /// What is drawn.
    visibility: Signal<Visibility>,
    /// Where to report that a claim cannot be shown.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let count = group.entries.len();
    let count_label = if count == 1 {
        "1 claim".to_string()
    } else {
        format!("{count} claims")
    };
    let name = group.name.clone();
    let cards = group
        .entries
        .into_iter()
        .map(|entry: Entry| view! { <ClaimCardView entry hovered visibility on_notice /> })
        .collect_view();
    view! {
        <li
            class="source-group"
            class:no-source=group.key.is_empty()
            data-source-group=group.key
            data-source-name=name
        >
            <h3 class="group-title">
                <span class="group-name">{group.name}</span>
                <span class="count" title=count_label.clone() aria-label=count_label>
                    {count}
                </span>
            </h3>
            <ol class="claim-cards" role="list">
                {cards}
            </ol>
        </li>
    }
}
