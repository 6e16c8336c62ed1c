//! The app's state as plain Rust values: what the signals hold. Everything
//! here is unit-tested natively; components only call these methods.

use sift_core::Label;

use crate::render::Filter;

/// Where the lazily fetched entity model stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ModelState {
    /// Fetching `ner.bin`; the app annotates with an empty model meanwhile.
    #[default]
    Loading,
    /// The model is loaded and in use.
    Ready,
    /// Fetching or reading the model failed; claims still work.
    Error(String),
}

impl ModelState {
    /// The value of `data-model` on `#annotated`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ModelState::Loading => "loading",
            ModelState::Ready => "ready",
            ModelState::Error(_) => "error",
        }
    }

    /// A sentence for the status line.
    pub fn message(&self) -> String {
        match self {
            ModelState::Loading => "Loading entity model…".into(),
            ModelState::Ready => "Entity model ready.".into(),
            ModelState::Error(e) => {
                format!("The entity model could not be loaded ({e}). Claims are still marked; entities are not.")
            }
        }
    }
}

/// Which highlights are switched on in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    labels: [bool; Label::ALL.len()],
    claims: bool,
}

impl Default for Visibility {
    fn default() -> Self {
        Visibility {
            labels: [true; Label::ALL.len()],
            claims: true,
        }
    }
}

impl Visibility {
    /// Whether entities with `label` are highlighted.
    pub fn shows(&self, label: Label) -> bool {
        self.labels[label.index()]
    }

    /// Switches `label` on or off.
    pub fn toggle(&mut self, label: Label) {
        self.labels[label.index()] ^= true;
    }

    /// Whether claims are highlighted.
    pub fn claims(&self) -> bool {
        self.claims
    }

    /// Switches claims on or off.
    pub fn toggle_claims(&mut self) {
        self.claims ^= true;
    }
}

impl Filter for Visibility {
    fn shows_label(&self, label: Label) -> bool {
        self.shows(label)
    }
    fn shows_claims(&self) -> bool {
        self.claims
    }
}

/// The colour theme the reader picked; `None` in a signal means "follow the
/// system" (`prefers-color-scheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a light page.
    Light,
    /// Light text on a dark page.
    Dark,
}

impl Theme {
    /// The key stored in localStorage and set as `data-theme` on `<html>`.
    pub const STORAGE_KEY: &'static str = "sift-theme";

    /// The value stored and set as `data-theme`.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored value; anything unknown means "no preference".
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme.
    pub fn flipped(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

/// A message shown to the reader after an action (open, drop, export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Something worked.
    Info(String),
    /// Something was refused or failed; the current text is untouched.
    Error(String),
}

impl Notice {
    /// The message.
    pub fn text(&self) -> &str {
        match self {
            Notice::Info(s) | Notice::Error(s) => s,
        }
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        matches!(self, Notice::Error(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visibility_toggles() {
        let mut v = Visibility::default();
        assert!(Label::ALL.iter().all(|&l| v.shows(l)) && v.claims());
        v.toggle(Label::Person);
        assert!(!v.shows(Label::Person) && v.shows(Label::Org));
        assert!(!v.shows_label(Label::Person));
        v.toggle(Label::Person);
        assert!(v.shows(Label::Person));
        v.toggle_claims();
        assert!(!v.shows_claims());
    }

    #[test]
    fn model_state_names() {
        assert_eq!(ModelState::default().as_str(), "loading");
        assert_eq!(ModelState::Ready.as_str(), "ready");
        let e = ModelState::Error("HTTP 404".into());
        assert_eq!(e.as_str(), "error");
        assert!(e.message().contains("HTTP 404"));
        assert_eq!(ModelState::Loading.message(), "Loading entity model…");
    }

    #[test]
    fn theme_round_trips() {
        for t in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(t.as_str()), Some(t));
            assert_eq!(t.flipped().flipped(), t);
        }
        assert_eq!(Theme::parse("sepia"), None);
    }
}
