//! The app's state as plain Rust values: what the signals hold. Everything
//! here is unit-tested natively; components only call these methods.

use sift_core::Label;

use crate::render::Filter;

/// Where one lazily fetched model stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ModelState {
    /// Being fetched; the app annotates without it meanwhile.
    #[default]
    Loading,
    /// Loaded and in use.
    Ready,
    /// Fetching or reading it failed; the message says why.
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
}

/// The three model files the app fetches after it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFile {
    /// `ner.bin`, the entity model. Without it no entities are marked.
    Entities,
    /// `claims.bin`, the claims model. Without it claims come from the
    /// core's rule-based finder.
    Claims,
    /// `syntax.bin`, the tagger and parser the claims model reads. Without
    /// it claims come from the rule-based finder too.
    Syntax,
}

impl ModelFile {
    /// Every model file, in the order the status line names them.
    pub const ALL: [ModelFile; 3] = [ModelFile::Entities, ModelFile::Claims, ModelFile::Syntax];

    /// The file's URL, relative to the page (the site may live under a
    /// sub-path, e.g. on GitHub Pages).
    pub fn url(self) -> &'static str {
        match self {
            ModelFile::Entities => "ner.bin",
            ModelFile::Claims => "claims.bin",
            ModelFile::Syntax => "syntax.bin",
        }
    }

    /// What the model is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            ModelFile::Entities => "entity model",
            ModelFile::Claims => "claims model",
            ModelFile::Syntax => "syntax model",
        }
    }

    /// What the app does without it.
    fn fallback(self) -> &'static str {
        match self {
            ModelFile::Entities => "Claims are still marked; entities are not.",
            ModelFile::Claims | ModelFile::Syntax => {
                "Claims come from the simpler rule-based finder."
            }
        }
    }
}

/// The models' states.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Models {
    /// The entity model (`ner.bin`).
    pub entities: ModelState,
    /// The claims model (`claims.bin`).
    pub claims: ModelState,
    /// The syntax model (`syntax.bin`).
    pub syntax: ModelState,
}

impl Models {
    /// One model's state.
    pub fn get(&self, file: ModelFile) -> &ModelState {
        match file {
            ModelFile::Entities => &self.entities,
            ModelFile::Claims => &self.claims,
            ModelFile::Syntax => &self.syntax,
        }
    }

    /// Sets one model's state.
    pub fn set(&mut self, file: ModelFile, state: ModelState) {
        match file {
            ModelFile::Entities => self.entities = state,
            ModelFile::Claims => self.claims = state,
            ModelFile::Syntax => self.syntax = state,
        }
    }

    /// The page's state, shown as `data-model`: loading while any model
    /// loads, then error if any failed, else ready. So "ready" means the
    /// annotations shown are the final ones.
    pub fn overall(&self) -> ModelState {
        let all = [&self.entities, &self.claims, &self.syntax];
        if all.iter().any(|s| **s == ModelState::Loading) {
            ModelState::Loading
        } else if let Some(e) = all.iter().find_map(|s| match s {
            ModelState::Error(e) => Some(e.clone()),
            _ => None,
        }) {
            ModelState::Error(e)
        } else {
            ModelState::Ready
        }
    }

    /// A sentence for the status line, or `None` once all are ready.
    pub fn message(&self) -> Option<String> {
        let files = ModelFile::ALL;
        let errors: Vec<String> = files
            .iter()
            .filter_map(|&f| match self.get(f) {
                ModelState::Error(e) => Some(format!(
                    "The {} could not be loaded ({e}). {}",
                    f.name(),
                    f.fallback()
                )),
                _ => None,
            })
            .collect();
        if !errors.is_empty() {
            return Some(errors.join(" "));
        }
        files
            .iter()
            .find(|&&f| *self.get(f) == ModelState::Loading)
            .map(|f| format!("Loading {}…", f.name()))
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
    fn model_states_combine() {
        let mut m = Models::default();
        assert_eq!(m.overall().as_str(), "loading");
        assert_eq!(m.message().as_deref(), Some("Loading entity model…"));
        m.set(ModelFile::Entities, ModelState::Ready);
        assert_eq!(m.overall(), ModelState::Loading);
        assert_eq!(m.message().as_deref(), Some("Loading claims model…"));
        m.set(ModelFile::Claims, ModelState::Ready);
        assert_eq!(m.message().as_deref(), Some("Loading syntax model…"));
        m.set(ModelFile::Syntax, ModelState::Ready);
        assert_eq!(m.overall().as_str(), "ready");
        assert_eq!(m.message(), None);
        m.set(
            ModelFile::Claims,
            ModelState::Error("HTTP 404 for claims.bin".into()),
        );
        assert_eq!(m.overall().as_str(), "error");
        let msg = m.message().unwrap_or_default();
        assert!(
            msg.contains("claims model") && msg.contains("HTTP 404") && msg.contains("rule-based"),
            "{msg}"
        );
        assert_eq!(m.get(ModelFile::Entities), &ModelState::Ready);
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
