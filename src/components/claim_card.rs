//! One claim card of the ledger.

use leptos::prelude::*;

use crate::dom;
use crate::ledger::{Entry, Vagueness};
use crate::state::{Notice, Visibility};

/// A claim as a button (`[data-claim-card="<index>"]`, with `data-kind`
/// and, for a vague source, `data-vague`): its kind as a badge, its hedges
/// and a vague source marked, then who (and the entity meant, "he → Esmaeil
/// Baqaei"), the cue and the content (clamped to a few lines; the whole of
/// it in the tooltip and while the card has focus). Hovering or focusing it
/// lights its parts in the text; clicking scrolls to them.
#[component]
pub fn ClaimCardView(
    /// The claim.
    entry: Entry,
    /// Set to this claim's index while hovered or focused.
    hovered: RwSignal<Option<usize>>,
    /// What is drawn (hidden claims cannot be shown).
    visibility: Signal<Visibility>,
    /// Where to say that claims are switched off.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let card = entry.card;
    let index = card.index;
    let light = move || hovered.set(Some(index));
    let unlight = move || {
        hovered.update(|h| {
            if *h == Some(index) {
                *h = None;
            }
        })
    };
    let on_click = move |_| {
        if !visibility.with_untracked(Visibility::claims) {
            on_notice.run(Notice::Info(
                "Claims are switched off; switch them on in the legend.".into(),
            ));
        } else {
            dom::reveal(&format!("#annotated [data-claim=\"{index}\"]"));
        }
    };
    let no_source = card.source.is_empty();
    let no_content = card.content.is_empty();
    let source = if no_source {
        "(no source)".to_string()
    } else {
        card.source
    };
    let content = if no_content {
        "(no content)".to_string()
    } else {
        card.content
    };
    let full = format!("{} {content}", card.cue);
    let linked = card.source_entity.map(|entity| {
        view! {
            <span class="arrow" aria-label="refers to">" → "</span>
            <span class="card-linked" title="The entity the source refers to">{entity}</span>
        }
    });
    let hedges = (!card.hedges.is_empty()).then(|| {
        let words = card.hedges.join(", ");
        view! {
            <span class="hedge-badge" title=format!("Hedged by: {words}")>
                "hedged: " <span class="hedge-list">{words.clone()}</span>
            </span>
        }
    });
    let vague = entry.vague.map(|v| {
        view! {
            <span class="vague-badge" data-vague=v.as_str() title=v.describe()>
                "vague source"
            </span>
        }
    });
    view! {
        <li>
            <button
                type="button"
                class="claim-card"
                class:lit=move || hovered.get() == Some(index)
                data-claim-card=index.to_string()
                data-kind=card.kind.as_str()
                data-vague=entry.vague.map(Vagueness::as_str)
                on:mouseenter=move |_| light()
                on:focus=move |_| light()
                on:mouseleave=move |_| unlight()
                on:blur=move |_| unlight()
                on:click=on_click
            >
                <span class="card-meta">
                    <span class="kind-badge" data-kind=card.kind.as_str()>
                        {card.kind.as_str()}
                    </span>
                    {hedges}
                    {vague}
                </span>
                <span class="card-source-line">
                    <span class="card-source" class:missing=no_source>
                        {source}
                    </span>
                    {linked}
                </span>
                <span class="claim-line" title=full>
                    <span class="card-cue">{card.cue}</span>
                    " "
                    <span class="card-content" class:missing=no_content>
                        {content}
                    </span>
                </span>
            </button>
        </li>
    }
}
