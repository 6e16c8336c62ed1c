//! The side panel's claim cards.

use leptos::prelude::*;
use sift_core::Annotation;

use crate::dom;
use crate::state::{Notice, Visibility};
use crate::summary::{self, ClaimCard};

/// One claim as "source → cue → content", with its kind as a badge and its
/// hedges. Hovering or focusing it lights its parts in the text; clicking
/// scrolls to them.
#[component]
fn ClaimCardView(
    /// The claim, spelled out.
    card: ClaimCard,
    /// Set to this claim's index while hovered or focused.
    hovered: RwSignal<Option<usize>>,
    /// What is drawn (hidden claims cannot be shown).
    visibility: Signal<Visibility>,
    /// Where to say that claims are switched off.
    on_notice: Callback<Notice>,
) -> impl IntoView {
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
    let linked = card.source_entity.map(|entity| {
        view! {
            <span class="card-linked" title="The entity the source refers to">
                " (" {entity} ")"
            </span>
        }
    });
    let hedges = (!card.hedges.is_empty()).then(|| {
        view! {
            <span class="card-hedges">
                "Hedged: " <span class="hedge-list">{card.hedges.join(", ")}</span>
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
                on:mouseenter=move |_| light()
                on:focus=move |_| light()
                on:mouseleave=move |_| unlight()
                on:blur=move |_| unlight()
                on:click=on_click
            >
                <span class="kind-badge" data-kind=card.kind.as_str()>
                    {card.kind.as_str()}
                </span>
                <span class="claim-line">
                    <span class="card-source" class:missing=no_source>
                        {source}
                    </span>
                    {linked}
                    <span class="arrow" aria-label="says">" → "</span>
                    <span class="card-cue">{card.cue}</span>
                    <span class="arrow" aria-label="what">" → "</span>
                    <span class="card-content" class:missing=no_content>
                        {content}
                    </span>
                </span>
                {hedges}
            </button>
        </li>
    }
}

/// The claims in text order, as cards (`[data-claim-card="<index>"]`).
#[component]
pub fn ClaimList(
    /// The annotated text.
    #[prop(into)]
    text: Signal<String>,
    /// Its annotation.
    #[prop(into)]
    annotation: Signal<Annotation>,
    /// What is drawn.
    #[prop(into)]
    visibility: Signal<Visibility>,
    /// The claim whose parts are lit in the text.
    hovered: RwSignal<Option<usize>>,
    /// Where to report that a claim cannot be shown.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let cards = Memo::new(move |_| text.with(|t| annotation.with(|a| summary::claim_cards(t, a))));
    view! {
        <section class="panel claims" aria-labelledby="claims-title">
            <h2 id="claims-title">"Claims"</h2>
            <Show when=move || cards.with(Vec::is_empty)>
                <p class="hint">"No claims found."</p>
            </Show>
            <ol class="claim-cards" role="list">
                <For each=move || cards.get() key=|c: &ClaimCard| c.clone() let(card)>
                    <ClaimCardView card hovered visibility on_notice />
                </For>
            </ol>
        </section>
    }
}
