//! The side panel's entity list.

use leptos::prelude::*;
use sift_core::{Annotation, Label};

use crate::dom;
use crate::state::{ModelState, Notice, Visibility};
use crate::summary::{self, LabelGroup, Mention};

/// One surface string: clicking it scrolls to its first mention, then the
/// next one on each click, and flashes it.
#[component]
fn MentionItem(
    /// The mention's label.
    label: Label,
    /// The surface string and where it occurs.
    mention: Mention,
    /// What is drawn (hidden mentions cannot be shown).
    visibility: Signal<Visibility>,
    /// Where to say that a label is switched off.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let next = StoredValue::new(0usize);
    let count = mention.entities.len();
    let entities = mention.entities;
    let on_click = move |_| {
        if !visibility.with_untracked(|v| v.shows(label)) {
            on_notice.run(Notice::Info(format!(
                "{label} highlights are switched off; switch them on in the legend."
            )));
            return;
        }
        let k = next.get_value();
        next.set_value(k.wrapping_add(1));
        if let Some(index) = entities.get(k % count.max(1)) {
            dom::reveal(&format!("#annotated [data-entity=\"{index}\"]"));
        }
    };
    let title = format!(
        "{}: {} ({count} mention{}); click to show the next one",
        label.as_str(),
        mention.surface,
        if count == 1 { "" } else { "s" }
    );
    view! {
        <li>
            <button type="button" class="mention" data-entity-item=label.as_str() title=title on:click=on_click>
                <span class="surface">{mention.surface}</span>
                <span class="count">{count}</span>
            </button>
        </li>
    }
}

/// How many names per label the list draws before "Show all".
const MENTION_LIMIT: usize = 60;

/// Entities grouped by label, then by surface string with mention counts
/// (`[data-entity-item]`), most mentioned first.
#[component]
pub fn EntityList(
    /// The annotated text.
    #[prop(into)]
    text: Signal<String>,
    /// Its annotation.
    #[prop(into)]
    annotation: Signal<Annotation>,
    /// What is drawn.
    #[prop(into)]
    visibility: Signal<Visibility>,
    /// The entity model's state: an empty list means something else while
    /// it loads or when it failed.
    #[prop(into)]
    model: Signal<ModelState>,
    /// Where to report that a mention cannot be shown.
    on_notice: Callback<Notice>,
) -> impl IntoView {
    let empty_hint = move || {
        model.with(|m| match m {
            ModelState::Loading => "Entities appear once the entity model has loaded…",
            ModelState::Ready => "No entities found.",
            ModelState::Error(_) => "The entity model is unavailable, so no entities are marked.",
        })
    };
    let groups =
        Memo::new(move |_| text.with(|t| annotation.with(|a| summary::entity_groups(t, a))));
    // A long text can name thousands of things; the list starts with the
    // most mentioned of each label.
    let show_all = RwSignal::new(false);
    view! {
        <section class="panel entities" aria-labelledby="entities-title">
            <h2 id="entities-title">"Entities"</h2>
            <Show when=move || groups.with(Vec::is_empty)>
                <p class="hint">{empty_hint}</p>
            </Show>
            <For each=move || groups.get() key=|g: &LabelGroup| g.clone() let(group)>
                {
                    let more = group.mentions.len().saturating_sub(MENTION_LIMIT);
                    view! {
                <section class="entity-group" aria-label=group.label.describe()>
                    <h3>
                        <span class="swatch" data-swatch=group.label.as_str() aria-hidden="true"></span>
                        <span class="name">{group.label.as_str()}</span>
                        <span class="describe">{group.label.describe()}</span>
                    </h3>
                    <ul role="list">
                        {move || {
                            let limit = if show_all.get() { usize::MAX } else { MENTION_LIMIT };
                            group
                                .mentions
                                .iter()
                                .take(limit)
                                .cloned()
                                .map(|mention| {
                                    view! { <MentionItem label=group.label mention visibility on_notice /> }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <Show when=move || { !show_all.get() && more > 0 }>
                        <button class="show-all" data-show-all-entities on:click=move |_| show_all.set(true)>
                            {format!("Show all ({more} more)")}
                        </button>
                    </Show>
                </section>
                    }
                }
            </For>
        </section>
    }
}
