//! The light/dark theme switch.

use leptos::prelude::*;

use crate::dom;
use crate::state::Theme;

/// `button#theme-toggle`: switches between light and dark, starting from the
/// stored choice or the system's. The choice is remembered when storage is
/// available.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let chosen = RwSignal::new(dom::stored_theme());
    let system = if dom::system_prefers_dark() {
        Theme::Dark
    } else {
        Theme::Light
    };
    let current = move || chosen.get().unwrap_or(system);

    // DOM and storage sync.
    Effect::new(move |_| {
        let theme = chosen.get();
        dom::apply_theme(theme);
        if let Some(t) = theme {
            dom::store_theme(t);
        }
    });

    view! {
        <button
            id="theme-toggle"
            type="button"
            class="button"
            aria-pressed=move || (current() == Theme::Dark).to_string()
            on:click=move |_| chosen.set(Some(current().flipped()))
        >
            <span aria-hidden="true">"◐ "</span>
            "Dark theme"
        </button>
    }
}
