//! Making a share link: the document travels inside the link's fragment.

use leptos::prelude::*;

use crate::workbench::Transfer;

/// `button#share-link`; once made, the link shows in `input#share-url`.
#[component]
pub fn ShareLink() -> impl IntoView {
    let bench = expect_context::<Transfer>();
    let select_all = |ev: web_sys::FocusEvent| {
        let field: web_sys::HtmlInputElement = event_target(&ev);
        field.select();
    };
    view! {
        <span class="share">
            <button id="share-link" type="button" class="button" title="A link that carries the text and annotations; nothing is uploaded" on:click=move |_| bench.share()>
                "Share link"
            </button>
            <Show when=move || bench.share_url.with(Option::is_some)>
                <input
                    id="share-url"
                    type="text"
                    readonly=true
                    aria-label="Share link"
                    prop:value=move || bench.share_url.get().unwrap_or_default()
                    on:focus=select_all
                />
            </Show>
        </span>
    }
}
