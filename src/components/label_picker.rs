//! The label menu: opened by selecting text (add an entity) or by
//! relabelling a highlight. Type to filter; 1–9 or Enter pick; Esc closes.

use leptos::html::Input;
use leptos::prelude::*;

use sift_core::doc::Part;

use crate::browser;
use crate::keys::filter_labels;
use crate::workbench::{Picking, Selection};

/// `#label-picker` with `input#label-filter` and one `button[data-pick]`
/// per label left by the filter.
#[component]
pub fn LabelPicker() -> impl IntoView {
    let bench = expect_context::<Selection>();
    let filter = RwSignal::new(String::new());
    let field = NodeRef::<Input>::new();
    let labels = Memo::new(move |_| filter.with(|f| filter_labels(f)));
    let open = move || bench.picker.with(Option::is_some);
    // Focus the filter when the menu opens; start unfiltered.
    Effect::new(move |_| {
        if open() {
            filter.set(String::new());
            if let Some(el) = field.get() {
                _ = el.focus();
            }
        }
    });
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let pick_nth = |n: usize| labels.with_untracked(|l| l.get(n).copied());
        let chosen = match key.as_str() {
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                bench.picker.set(None);
                browser::clear_selection();
                return;
            }
            "Enter" => pick_nth(0),
            k if k.len() == 1 && k.as_bytes()[0].is_ascii_digit() && k != "0" => {
                pick_nth(usize::from(k.as_bytes()[0] - b'1'))
            }
            _ => return,
        };
        ev.prevent_default();
        // The menu closes as it picks: the key must not go on to the
        // window's shortcuts, where Enter would open it again.
        ev.stop_propagation();
        if let Some(label) = chosen {
            bench.pick(label);
        }
    };
    let title = move || match bench.picker.get() {
        Some(Picking::Relabel(_)) => "Change the label",
        _ => "Label the selection",
    };
    view! {
        <Show when=open>
            <div id="label-picker" class="picker" role="dialog" aria-label=title>
                <p class="picker-title">{title}</p>
                <input
                    id="label-filter"
                    node_ref=field
                    type="text"
                    placeholder="Type to filter, 1–9 to pick"
                    autocomplete="off"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                    on:keydown=on_key
                />
                <ol class="picker-labels">
                    <For each=move || labels.get().into_iter().enumerate() key=|(i, l)| (*i, *l) let:item>
                        <li>
                            <button type="button" data-pick=item.1.as_str() title=item.1.describe() on:click=move |_| bench.pick(item.1)>
                                <kbd>{if item.0 < 9 { (item.0 + 1).to_string() } else { String::new() }}</kbd>
                                " "
                                {item.1.as_str()}
                            </button>
                        </li>
                    </For>
                </ol>
                <Show when=move || matches!(bench.picker.get(), Some(Picking::Add(_)))>
                    <p class="picker-claims">
                        "Claim: "
                        <button type="button" class="button" data-pick-claim="new" on:click=move |_| bench.new_claim()>
                            "New claim (this is its cue)"
                        </button>
                        {move || bench.selected_claim_index().map(|n| {
                            Part::ALL
                                .into_iter()
                                .map(|part| view! {
                                    <button type="button" class="button" data-pick-claim=part.as_str() on:click=move |_| bench.pick_claim_part(part)>
                                        {format!("{} of claim {}", part.as_str(), n + 1)}
                                    </button>
                                })
                                .collect_view()
                        })}
                    </p>
                </Show>
                <button type="button" class="button" on:click=move |_| bench.picker.set(None)>"Cancel"</button>
            </div>
        </Show>
    }
}
