//! The selected claim: its parts, kind and provenance, and the edits that
//! apply to it. Parts are added by selecting text (the label menu offers
//! "source / content / hedge of claim N"); each of source, cue and content
//! is widened or narrowed by a word with its buttons, or with the same keys
//! as an entity (`]` `[` `{` `}`) for the part last clicked or resized.

use leptos::prelude::*;
use sift_core::doc::words::Edge;
use sift_core::doc::Part;
use sift_core::ClaimKind;

use crate::workbench::Selection;

/// `#claim-inspector`, shown while a claim is selected (click a claim part
/// outside any entity).
#[component]
pub fn ClaimInspector() -> impl IntoView {
    let bench = expect_context::<Selection>();
    let info = move || {
        let i = bench.selected_claim_index()?;
        bench.editing.view.with(|v| {
            let c = v.annotation.claims.get(i)?;
            let quote = |ranges: &[std::ops::Range<usize>]| {
                bench.editing.session.with(|s| {
                    let parts: Vec<&str> = ranges
                        .iter()
                        .filter_map(|r| s.doc().text().get(r.clone()))
                        .collect();
                    if parts.is_empty() {
                        "—".to_string()
                    } else {
                        format!("“{}”", parts.join(" … "))
                    }
                })
            };
            Some((
                i,
                c.kind,
                quote(&c.source),
                quote(&c.cue),
                quote(&c.content),
                v.claims[i],
                v.claim_kept[i],
            ))
        })
    };
    // The four word-step buttons of one part, like the entity inspector's.
    let resize = move |part: Part| {
        let button = move |what: &'static str,
                           label: &'static str,
                           keys: &'static str,
                           edge: Edge,
                           grow: bool| {
            let name = part.as_str();
            view! {
                <button id=format!("claim-{name}-{what}") type="button" class="button button-small"
                    data-part=name data-resize=what
                    title=format!("{keys} (after clicking the {name} or one of these buttons)")
                    aria-label=format!("{name}: {label}")
                    on:click=move |_| bench.resize_claim(part, edge, grow)>{label}</button>
            }
        };
        view! {
            <span class="part-resize" role="group" aria-label=format!("Resize the {}", part.as_str())>
                {button("grow-start", "⟵ word", "{", Edge::Start, true)}
                {button("shrink-start", "word ⟶", "}", Edge::Start, false)}
                {button("shrink-end", "⟵ word", "[", Edge::End, false)}
                {button("grow-end", "word ⟶", "]", Edge::End, true)}
            </span>
        }
    };
    let row = move |part: Part, title: &'static str, quote: String| {
        view! {
            <dt data-part=part.as_str() class:active-part=move || bench.claim_part.get() == part>{title}</dt>
            <dd data-part=part.as_str() class:active-part=move || bench.claim_part.get() == part>
                <span class="part-text">{quote}</span> " " {resize(part)}
            </dd>
        }
    };
    view! {
        {move || info().map(|(i, kind, source, cue, content, provenance, kept)| view! {
            <div id="claim-inspector" class="inspector" data-source=provenance.as_str() data-selected-claim=i.to_string() aria-live="polite">
                <p>
                    <strong>{format!("Claim {}", i + 1)}</strong>
                    " "
                    <label for="claim-kind" class="visually-hidden">"Kind"</label>
                    <select id="claim-kind" on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<ClaimKind>() {
                            bench.set_claim_kind(k);
                        }
                    }>
                        {ClaimKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=k == kind>{k.as_str()}</option>
                        }).collect_view()}
                    </select>
                    " " <span class="inspector-source">{match (provenance.as_str(), kept) {
                        ("user", _) => "added or changed by you",
                        (_, true) => "model suggestion, accepted",
                        _ => "model suggestion",
                    }}</span>
                </p>
                <dl class="claim-parts">
                    {row(Part::Source, "Source", source)}
                    {row(Part::Cue, "Cue", cue)}
                    {row(Part::Content, "Content", content)}
                </dl>
                <p class="hint">"Select text in the article to add a source, content or hedge to this claim. Keys ] [ { } widen or narrow the highlighted part by a word."</p>
                <p class="inspector-actions">
                    <button id="accept-claim" type="button" class="button" on:click=move |_| bench.accept_claim()>"Accept"</button>
                    <button id="delete-claim" type="button" class="button" on:click=move |_| bench.delete_claim()>"Delete claim"</button>
                </p>
            </div>
        })}
    }
}
