//! The selected claim: its parts, kind and provenance, and the edits that
//! apply to it. Parts are added by selecting text (the label menu offers
//! "source / content / hedge of claim N").

use leptos::prelude::*;
use sift_core::ClaimKind;

use crate::workbench::Workbench;

/// `#claim-inspector`, shown while a claim is selected (click a claim part
/// outside any entity).
#[component]
pub fn ClaimInspector(
    /// The workflow.
    bench: Workbench,
) -> impl IntoView {
    let info = move || {
        let i = bench.selected_claim_index()?;
        bench.view.with(|v| {
            let c = v.annotation.claims.get(i)?;
            let quote = |ranges: &[std::ops::Range<usize>]| {
                bench.session.with(|s| {
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
                    <dt>"Source"</dt><dd>{source}</dd>
                    <dt>"Cue"</dt><dd>{cue}</dd>
                    <dt>"Content"</dt><dd>{content}</dd>
                </dl>
                <p class="hint">"Select text in the article to add a source, content or hedge to this claim."</p>
                <p class="inspector-actions">
                    <button id="accept-claim" type="button" class="button" on:click=move |_| bench.accept_claim()>"Accept"</button>
                    <button id="delete-claim" type="button" class="button" on:click=move |_| bench.delete_claim()>"Delete claim"</button>
                </p>
            </div>
        })}
    }
}
