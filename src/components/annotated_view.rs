//! The article with its entities and claims highlighted inline.

use std::ops::Range;

use leptos::prelude::*;
use sift_core::doc::Provenance;
use sift_core::Annotation;

use crate::render::{self, Node};
use crate::state::{ModelState, Visibility};

/// What the annotator's edits add to highlights: who made each entity and
/// which one is selected.
#[derive(Clone, Copy)]
struct Edits {
    sources: Signal<Vec<Provenance>>,
    selected: Signal<Option<Range<usize>>>,
    claim_sources: Signal<Vec<Provenance>>,
    selected_claim: Signal<Option<usize>>,
}

impl Edits {
    /// `data-source` of entity `index` (an accepted or relabelled entity
    /// can keep its range and label, so this updates on its own).
    fn source(self, index: usize) -> &'static str {
        self.sources
            .with(|s| s.get(index).copied())
            .unwrap_or(Provenance::Model)
            .as_str()
    }

    /// `data-source` of claim `index`'s parts.
    fn claim_source(self, index: usize) -> &'static str {
        self.claim_sources
            .with(|s| s.get(index).copied())
            .unwrap_or(Provenance::Model)
            .as_str()
    }
}

/// Turns rendered nodes into elements. Entities become
/// `<mark data-label data-entity>` chips (the label tag is CSS
/// `::after` content, so it is not part of the text); claim parts become
/// `<span data-role data-claim>`, lit while their claim is `hovered` and
/// dimmed (class `dim`) while the ledger's filters leave it out.
fn view_nodes(
    text: &str,
    nodes: &[Node],
    hovered: Signal<Option<usize>>,
    dimmed: Signal<Vec<bool>>,
    edits: Edits,
) -> Vec<AnyView> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(r) => text
                .get(r.clone())
                .unwrap_or_default()
                .to_string()
                .into_any(),
            Node::Entity {
                index,
                label,
                range,
                children,
            } => {
                let title = format!(
                    "{}: {}",
                    label.as_str(),
                    text.get(range.clone()).unwrap_or_default()
                );
                view! {
                    <mark
                        class="ent"
                        class:selected={
                            let range = range.clone();
                            move || edits.selected.with(|s| s.as_ref() == Some(&range))
                        }
                        data-label=label.as_str()
                        data-entity=index.to_string()
                        data-source={
                            let index = *index;
                            move || edits.source(index)
                        }
                        title=title
                    >
                        {view_nodes(text, children, hovered, dimmed, edits)}
                    </mark>
                }
                .into_any()
            }
            Node::Part {
                claim,
                role,
                children,
                ..
            } => {
                let claim = *claim;
                view! {
                    <span
                        class="part"
                        class:lit=move || hovered.get() == Some(claim)
                        class:dim=move || dimmed.with(|d| d.get(claim).copied().unwrap_or(false))
                        class:selected=move || edits.selected_claim.get() == Some(claim)
                        data-role=role.as_str()
                        data-claim=claim.to_string()
                        data-source=move || edits.claim_source(claim)
                    >
                        {view_nodes(text, children, hovered, dimmed, edits)}
                    </span>
                }
                .into_any()
            }
        })
        .collect()
}

/// `#annotated`: the text exactly as given (its `textContent` equals
/// `text`), with highlights. `data-model` tells where the entity model
/// stands (`loading`, `ready`, `error`).
#[component]
pub fn AnnotatedView(
    /// The annotated text.
    #[prop(into)]
    text: Signal<String>,
    /// Its annotation; ranges are byte offsets into `text`.
    #[prop(into)]
    annotation: Signal<Annotation>,
    /// Which labels and whether claims are drawn.
    #[prop(into, optional)]
    visibility: Signal<Visibility>,
    /// The entity model's state, shown as `data-model`.
    #[prop(into, optional)]
    model: Signal<ModelState>,
    /// The claim whose parts are lit (its card is hovered or focused).
    #[prop(into, optional)]
    hovered: Signal<Option<usize>>,
    /// For each claim, whether the ledger's filters leave it out; its parts
    /// are then drawn faintly (not removed). Empty: nothing is dimmed.
    #[prop(into, optional)]
    dimmed: Signal<Vec<bool>>,
    /// Who made each entity (`data-source="model|user"`); empty: model.
    #[prop(into, optional)]
    sources: Signal<Vec<Provenance>>,
    /// The selected highlight's byte range (class `selected`).
    #[prop(into, optional)]
    selected: Signal<Option<Range<usize>>>,
    /// Who made each claim (`data-source` on its parts); empty: model.
    #[prop(into, optional)]
    claim_sources: Signal<Vec<Provenance>>,
    /// The selected claim's index (class `selected` on its parts).
    #[prop(into, optional)]
    selected_claim: Signal<Option<usize>>,
) -> impl IntoView {
    let edits = Edits {
        sources,
        selected,
        claim_sources,
        selected_claim,
    };
    let content = move || {
        text.with(|t| {
            annotation.with(|a| {
                visibility.with(|v| view_nodes(t, &render::build(t, a, v), hovered, dimmed, edits))
            })
        })
    };
    view! {
        <article
            id="annotated"
            class="annotated"
            aria-label="Annotated article"
            data-model=move || model.with(ModelState::as_str)
        >
            {content}
        </article>
    }
}
