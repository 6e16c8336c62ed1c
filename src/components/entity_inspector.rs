//! The selected highlight: its text, label and provenance, and the edits
//! that apply to it (each also a key, see the help overlay).

use leptos::prelude::*;

use crate::keys::Command;
use crate::workbench::Shortcuts;

/// `#entity-inspector`, shown while a highlight is selected.
#[component]
pub fn EntityInspector() -> impl IntoView {
    let bench = expect_context::<Shortcuts>();
    let info = move || {
        let i = bench.selection.selected_index()?;
        bench.selection.editing.view.with(|v| {
            let e = v.annotation.entities.get(i)?;
            let text = bench.selection.editing.session.with(|s| {
                s.doc()
                    .text()
                    .get(e.range.clone())
                    .unwrap_or_default()
                    .to_string()
            });
            Some((text, e.label, v.entities[i], v.entity_kept[i]))
        })
    };
    let button = move |id: &'static str, label: &'static str, keys: &'static str, cmd: Command| {
        view! {
            <button id=id type="button" class="button" title=keys on:click=move |_| bench.run(cmd)>{label}</button>
        }
    };
    view! {
        {move || info().map(|(text, label, source, kept)| view! {
            <div id="entity-inspector" class="inspector" data-source=source.as_str() aria-live="polite">
                <p>
                    <strong class="inspector-text">{text}</strong>
                    " " <span class="inspector-label" data-label=label.as_str()>{label.as_str()}</span>
                    " " <span class="inspector-source">{match (source.as_str(), kept) {
                        ("user", _) => "added or changed by you",
                        (_, true) => "model suggestion, accepted",
                        _ => "model suggestion",
                    }}</span>
                </p>
                <p class="inspector-actions">
                    {button("relabel", "Label…", "Enter or l", Command::Relabel)}
                    {button("grow-start", "⟵ word", "{", Command::GrowStart)}
                    {button("shrink-start", "word ⟶", "}", Command::ShrinkStart)}
                    {button("shrink-end", "⟵ word", "[ or Shift+←", Command::ShrinkEnd)}
                    {button("grow-end", "word ⟶", "] or Shift+→", Command::GrowEnd)}
                    {button("accept", "Accept", "a", Command::Accept)}
                    {button("delete-entity", "Delete", "Delete or x", Command::Delete)}
                </p>
            </div>
        })}
    }
}
