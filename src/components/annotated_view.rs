//! The article with its entities and claims highlighted inline.
//!
//! A 1 MB paste has tens of thousands of highlights and is published
//! several times while it is annotated, so drawing is kept proportional to
//! what changed:
//!
//! - The article is drawn in pieces (`span.piece`, one per paragraph or
//!   line; see [`render::pieces`]), keyed by a hash of their text and
//!   highlights. When the annotation changes, only the pieces whose key
//!   changed are re-drawn.
//! - Highlights carry no reactive closures. The states that change without
//!   the annotation changing (the claim lit from the ledger, the claims its
//!   filters dim, the selected highlight, who made each one) are written
//!   when an element is created, from the values at that moment, and a few
//!   effects change only the elements concerned afterwards
//!   (`[data-claim="5"]`, …).

use std::ops::Range;
use std::sync::Arc;

use leptos::html::Article;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sift_core::doc::Provenance;
use sift_core::Annotation;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::render::{self, Node, Piece};
use crate::state::{ModelState, Visibility};

/// How many elements one step of drawing creates; a larger change is drawn
/// a step per turn of the event loop, so the page stays responsive.
const STEP_ELEMENTS: usize = 1500;

/// The states of the highlights when pieces are drawn, and the text they
/// are drawn from (read once per drawing, not once per element).
#[derive(Default)]
struct Marks {
    text: Arc<str>,
    hovered: Option<usize>,
    selected: Option<Range<usize>>,
    selected_claim: Option<usize>,
    dimmed: Vec<bool>,
    sources: Vec<Provenance>,
    claim_sources: Vec<Provenance>,
}

impl Marks {
    fn source(&self, index: usize) -> &'static str {
        self.sources
            .get(index)
            .copied()
            .unwrap_or(Provenance::Model)
            .as_str()
    }

    fn claim_source(&self, claim: usize) -> &'static str {
        self.claim_sources
            .get(claim)
            .copied()
            .unwrap_or(Provenance::Model)
            .as_str()
    }

    /// The classes of claim `claim`'s parts.
    fn part_class(&self, claim: usize) -> String {
        let mut class = String::from("part");
        if self.hovered == Some(claim) {
            class.push_str(" lit");
        }
        if self.dimmed.get(claim).copied().unwrap_or(false) {
            class.push_str(" dim");
        }
        if self.selected_claim == Some(claim) {
            class.push_str(" selected");
        }
        class
    }
}

/// Turns rendered nodes into elements. Entities become
/// `<mark data-label data-entity>` chips (the label tag is CSS
/// `::after` content, so it is not part of the text); claim parts become
/// `<span data-role data-claim>`, with class `lit` while their claim is
/// hovered, `dim` while the ledger's filters leave it out and `selected`
/// while it is selected.
fn view_nodes(nodes: &[Node], marks: &Marks) -> Vec<AnyView> {
    let text: &str = &marks.text;
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
                let class = if marks.selected.as_ref() == Some(range) {
                    "ent selected"
                } else {
                    "ent"
                };
                view! {
                    <mark
                        class=class
                        data-label=label.as_str()
                        data-entity=index.to_string()
                        data-source=marks.source(*index)
                        title=title
                    >
                        {view_nodes(children, marks)}
                    </mark>
                }
                .into_any()
            }
            Node::Part {
                claim,
                role,
                children,
                ..
            } => view! {
                <span
                    class=marks.part_class(*claim)
                    data-role=role.as_str()
                    data-claim=claim.to_string()
                    data-source=marks.claim_source(*claim)
                >
                    {view_nodes(children, marks)}
                </span>
            }
            .into_any(),
        })
        .collect()
}

/// Calls `f` on every element under `root` that matches `selector`.
fn for_each_match(root: &Element, selector: &str, mut f: impl FnMut(&Element)) {
    let Ok(list) = root.query_selector_all(selector) else {
        return;
    };
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            f(&el);
        }
    }
}

/// Brings the elements carrying `attr` (`data-claim` or `data-entity`) up
/// to date after a per-index state went from `before` to `now` (indices
/// past either end have the state `default`): `set` is called on the
/// elements of each index whose state changed. A few changes are looked up
/// one index at a time; many in one pass over all such elements.
fn apply_changes<T: Copy + PartialEq>(
    root: &Element,
    attr: &str,
    before: &[T],
    now: &[T],
    default: T,
    set: impl Fn(&Element, T),
) {
    let at = |v: &[T], i: usize| v.get(i).copied().unwrap_or(default);
    let changed: Vec<usize> = (0..before.len().max(now.len()))
        .filter(|&i| at(before, i) != at(now, i))
        .collect();
    if changed.len() <= 16 {
        for i in changed {
            for_each_match(root, &format!("[{attr}=\"{i}\"]"), |el| set(el, at(now, i)));
        }
    } else {
        for_each_match(root, &format!("[{attr}]"), |el| {
            if let Some(i) = el.get_attribute(attr).and_then(|v| v.parse().ok()) {
                set(el, at(now, i));
            }
        });
    }
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
    let article = NodeRef::<Article>::new();
    // The pieces drawn, and whether more are on their way.
    let shown = RwSignal::new(Vec::<Arc<Piece>>::new());
    let drawing = RwSignal::new(false);
    // The text `shown` was drawn from, and the current drawing run (a newer
    // text or annotation stops an older run).
    let drawn_text = StoredValue::new(Arc::<str>::from(""));
    let run = StoredValue::new(0u64);
    Effect::new(move |_| {
        let target: Vec<Arc<Piece>> = text
            .with(|t| {
                annotation.with(|a| visibility.with(|v| render::pieces(t, render::build(t, a, v))))
            })
            .into_iter()
            .map(Arc::new)
            .collect();
        let id = run.get_value().wrapping_add(1);
        run.set_value(id);
        // A new text is drawn at once: the article never shows old text.
        let same_text = text.with_untracked(|t| drawn_text.with_value(|d| **d == **t));
        if !same_text {
            drawn_text.set_value(text.with_untracked(|t| Arc::from(t.as_str())));
            shown.set(target);
            drawing.set(false);
            return;
        }
        // New highlights on the same text: a step now, the rest a step per
        // turn of the event loop.
        let (next, more) = shown.with_untracked(|s| render::next_step(s, &target, STEP_ELEMENTS));
        shown.set(next);
        drawing.set(more);
        if more {
            spawn_local(async move {
                loop {
                    crate::chunked::yield_to_browser(false).await;
                    if run.try_get_value() != Some(id) {
                        return;
                    }
                    let (next, more) =
                        shown.with_untracked(|s| render::next_step(s, &target, STEP_ELEMENTS));
                    shown.set(next);
                    if !more {
                        drawing.set(false);
                        return;
                    }
                }
            });
        }
    });
    let marks = StoredValue::new(Marks::default());
    // The pieces to draw; the highlights' states as of now go with them.
    let pieces = move || {
        marks.set_value(Marks {
            text: drawn_text.get_value(),
            hovered: hovered.get_untracked(),
            selected: selected.get_untracked(),
            selected_claim: selected_claim.get_untracked(),
            dimmed: dimmed.get_untracked(),
            sources: sources.get_untracked(),
            claim_sources: claim_sources.get_untracked(),
        });
        shown.get()
    };
    let piece_key = |p: &Arc<Piece>| p.key;
    let draw = move |piece: Arc<Piece>| {
        let nodes = marks.with_value(|m| view_nodes(&piece.nodes, m));
        view! { <span class="piece">{nodes}</span> }
    };

    // The states that change without the text or its annotation changing,
    // applied to the elements concerned only.
    Effect::new(move |_| {
        let claim = hovered.get();
        if let Some(root) = article.get() {
            for_each_match(&root, ".part.lit", |el| {
                _ = el.class_list().remove_1("lit");
            });
            if let Some(c) = claim {
                for_each_match(&root, &format!("[data-claim=\"{c}\"]"), |el| {
                    _ = el.class_list().add_1("lit");
                });
            }
        }
    });
    Effect::new(move |_| {
        let (range, claim) = (selected.get(), selected_claim.get());
        if let Some(root) = article.get() {
            for_each_match(&root, ".selected", |el| {
                _ = el.class_list().remove_1("selected");
            });
            let entities: Vec<usize> = range.map_or_else(Vec::new, |r| {
                annotation.with_untracked(|a| {
                    (a.entities.iter().enumerate())
                        .filter(|(_, e)| e.range == r)
                        .map(|(i, _)| i)
                        .collect()
                })
            });
            for i in entities {
                for_each_match(&root, &format!("mark[data-entity=\"{i}\"]"), |el| {
                    _ = el.class_list().add_1("selected");
                });
            }
            if let Some(c) = claim {
                for_each_match(&root, &format!("[data-claim=\"{c}\"]"), |el| {
                    _ = el.class_list().add_1("selected");
                });
            }
        }
    });
    Effect::new(move |before: Option<Vec<bool>>| {
        let now = dimmed.get();
        if let Some(root) = article.get() {
            let before = before.unwrap_or_default();
            apply_changes(&root, "data-claim", &before, &now, false, |el, dim| {
                _ = el.class_list().toggle_with_force("dim", dim);
            });
        }
        now
    });
    let provenance = |signal: Signal<Vec<Provenance>>, attr: &'static str| {
        Effect::new(move |before: Option<Vec<Provenance>>| {
            let now = signal.get();
            if let Some(root) = article.get() {
                let before = before.unwrap_or_default();
                apply_changes(&root, attr, &before, &now, Provenance::Model, |el, p| {
                    _ = el.set_attribute("data-source", p.as_str());
                });
            }
            now
        });
    };
    provenance(sources, "data-entity");
    provenance(claim_sources, "data-claim");

    view! {
        <article
            id="annotated"
            class="annotated"
            aria-label="Annotated article"
            dir="auto"
            data-model=move || model.with(ModelState::as_str)
            aria-busy=move || drawing.get().then_some("true")
            node_ref=article
        >
            <For each=pieces key=piece_key children=draw />
        </article>
    }
}
