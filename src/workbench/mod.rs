//! The annotator's workflow in the app, in small pieces with one job each:
//! - [`Editing`]: the open document (a core `Session`: text, user edits,
//!   undo history) and the merged view shown and exported;
//! - [`Selection`]: the selected highlight, claim and words, the label
//!   menu, and the edits made on a selection;
//! - [`Documents`]: the document list and autosave;
//! - [`Transfer`]: import, export and share links;
//! - [`Shortcuts`]: keys and the window's listeners, and [`Help`].
//!
//! Each is a `Copy` bundle of signals with methods, provided as context by
//! [`Workbench::new`]; a component takes the piece it uses
//! (`expect_context::<Selection>()`). The rules live in the core
//! (`sift_core::doc`, `sift_core::formats`) and in the plain modules
//! [`crate::keys`], [`crate::library`], [`crate::share`] and
//! [`crate::exports`].

mod documents;
mod editing;
mod selection;
mod shortcuts;
mod transfer;

use leptos::prelude::*;
use sift_core::Annotation;

pub use documents::{replaces_wholesale, Documents, SaveState};
pub use editing::Editing;
pub use selection::{Picking, Selection};
pub use shortcuts::{Help, Shortcuts};
pub use transfer::Transfer;

use crate::state::Notice;

/// Every piece of the workflow, as the app sets them up.
#[derive(Clone, Copy)]
pub struct Workbench {
    /// The open document.
    pub editing: Editing,
    /// The reader's selection.
    pub selection: Selection,
    /// The document list.
    pub documents: Documents,
    /// Import, export, share links.
    pub transfer: Transfer,
    /// Keys and listeners.
    pub shortcuts: Shortcuts,
}

impl Workbench {
    /// Sets up the workflow over the app's text signals and the model's
    /// annotation: restores the open document (a share link in the URL
    /// first, then storage, else the sample already in `text`), autosaves,
    /// listens for shortcuts, and provides each piece as context.
    pub fn new(
        draft: RwSignal<String>,
        text: RwSignal<String>,
        model: Memo<Annotation>,
        notice: RwSignal<Option<Notice>>,
    ) -> Workbench {
        let (library, doc, message) = documents::startup(&text.get_untracked());
        if let Some(m) = message {
            notice.set(Some(m));
        }
        let editing = Editing::new(doc, draft, text, model, notice);
        let selection = Selection::new(editing);
        let documents = Documents::new(editing, selection, library);
        let transfer = Transfer::new(documents);
        let shortcuts = Shortcuts::new(selection, transfer);
        editing.sync_text();
        shortcuts.listen();
        provide_context(editing);
        provide_context(selection);
        provide_context(documents);
        provide_context(transfer);
        provide_context(shortcuts);
        provide_context(shortcuts.help);
        Workbench {
            editing,
            selection,
            documents,
            transfer,
            shortcuts,
        }
    }
}
