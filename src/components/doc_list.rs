//! The document list: switch, rename, new, delete. A damaged document is
//! listed as such; choosing it downloads its stored text.

use leptos::prelude::*;

use crate::workbench::Documents;

/// `select#doc-switch`, `input#doc-name`, `button#doc-new`,
/// `button#doc-delete`.
#[component]
pub fn DocList() -> impl IntoView {
    let bench = expect_context::<Documents>();
    let entries = move || bench.library.with(|l| l.docs.clone());
    let current = move || bench.library.with(|l| l.current.clone());
    view! {
        <span class="doc-list">
            <label for="doc-switch" class="visually-hidden">"Document"</label>
            <select id="doc-switch" on:change=move |ev| bench.switch(&event_target_value(&ev)) prop:value=current>
                <For each=entries key=|e| (e.id.clone(), e.name.clone(), e.damaged) let:entry>
                    <option value=entry.id.clone() selected=move || current() == entry.id data-damaged=entry.damaged.then_some("true")>
                        {if entry.damaged { format!("{} (damaged)", entry.name) } else { entry.name.clone() }}
                    </option>
                </For>
            </select>
            <label for="doc-name" class="visually-hidden">"Name"</label>
            <input id="doc-name" type="text" title="Rename this document" prop:value=move || bench.name() on:change=move |ev| bench.rename(&event_target_value(&ev)) />
            <button id="doc-new" type="button" class="button" on:click=move |_| bench.new_doc()>"New"</button>
            <button id="doc-delete" type="button" class="button" on:click=move |_| bench.delete_doc()>"Delete"</button>
        </span>
    }
}
