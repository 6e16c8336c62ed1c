//! The document list and autosave: which document is open, its name,
//! saving it a moment after each change, and opening, switching,
//! renaming, deleting and rescuing documents.

use std::time::Duration;

use leptos::prelude::*;
use sift_core::doc::anchor::Shift;
use sift_core::doc::Document;
use sift_core::Error;

use super::editing::Editing;
use super::selection::Selection;
use crate::browser::{self, LocalStorage};
use crate::library::{default_name, doc_key, Library, Store};
use crate::state::Notice;
use crate::{dom, share};

/// The name of the sample article's entry.
const SAMPLE_NAME: &str = "Sample article";

/// The name of a new, empty document.
pub const UNTITLED: &str = "Untitled";

/// How long changes rest before they are saved.
const AUTOSAVE: Duration = Duration::from_millis(300);

/// Where saving stands, shown as `#save-state[data-state]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// Everything is in storage.
    Saved,
    /// A save is due.
    Pending,
    /// The last save failed; the work is only in this tab.
    Failed,
}

impl SaveState {
    /// `saved`, `pending` or `failed`.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Saved => "saved",
            SaveState::Pending => "pending",
            SaveState::Failed => "failed",
        }
    }
}

/// The document list. Create with [`Documents::new`].
#[derive(Clone, Copy)]
pub struct Documents {
    /// The open document.
    pub editing: Editing,
    /// Cleared when another document opens.
    pub selection: Selection,
    /// The document list.
    pub library: RwSignal<Library>,
    /// Where saving stands.
    pub save_state: RwSignal<SaveState>,
}

impl Documents {
    /// The list over `library`, saving `editing`'s document as it changes.
    pub fn new(editing: Editing, selection: Selection, library: Library) -> Documents {
        let documents = Documents {
            editing,
            selection,
            library: RwSignal::new(library),
            save_state: RwSignal::new(SaveState::Pending),
        };
        documents.autosave();
        documents
    }

    /// A text the field committed (typed, pasted, or an opened file): it
    /// is annotated, and becomes a step of the document, edits carried over
    /// to it. Called by the handlers that commit, not by an effect, so a
    /// text change is one plain call from input to document.
    pub fn commit_text(&self, t: &str) {
        self.editing.show_text(t);
        let (session, bench) = (self.editing.session, *self);
        {
            if session.with_untracked(|s| s.doc().text() == t) {
                return;
            }
            // A text replaced wholesale (a new paste, an opened file) over
            // a document with edits opens as a new document, so the edits
            // stay in the list instead of being dropped.
            let wholesale = session.with_untracked(|s| {
                let doc = s.doc();
                doc.has_edits() && replaces_wholesale(doc.text(), t)
            });
            if wholesale {
                let old = bench.name();
                bench.save_now();
                if bench.save_state.get_untracked() != SaveState::Failed {
                    bench.open_new(&default_name(t), Document::new(t));
                    bench.editing.say(Notice::Info(format!(
                        "The new text opened as a new document; “{old}” and your edits on it are in the document list."
                    )));
                    return;
                }
                // Unsaved, the old document would be lost as a list entry:
                // the new text replaces it in place, one undoable step.
                session.update(|s| {
                    let _ = s.apply(|d| Ok::<_, Error>(d.set_text(t)));
                });
                bench.editing.say(Notice::Error(format!(
                    "“{old}” could not be saved, so the new text replaced it in place: Ctrl+Z brings back the old text and your edits. Export it, or free some storage, to keep both."
                )));
                return;
            }
            // A new text over a document still named by Sift (the sample,
            // "Untitled", its first words) takes the new text's first words.
            let renamed = session.with_untracked(|s| {
                let old = s.doc().text();
                let name = bench
                    .library
                    .with_untracked(|l| l.current().map(|e| e.name.clone()));
                let name = name.unwrap_or_else(|| UNTITLED.into());
                (replaces_wholesale(old, t) || old.is_empty())
                    && [SAMPLE_NAME, UNTITLED, default_name(old).as_str()].contains(&name.as_str())
            });
            if renamed {
                bench.library.update(|l| {
                    let id = l.current.clone();
                    l.rename(&id, &default_name(t));
                });
            }
            let mut lost = 0;
            session.update(|s| lost = s.apply(|d| Ok::<_, Error>(d.set_text(t))).unwrap_or(0));
            if lost > 0 {
                bench.editing.say(Notice::Info(format!(
                    "{lost} of your edits no longer match the text and were dropped; Ctrl+Z brings them back."
                )));
            }
        }
    }

    /// Saves the document and the list a moment after each change.
    fn autosave(&self) {
        let bench = *self;
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            bench.editing.session.track();
            bench.library.track();
            // After a failure the indicator stays "Not saved" (and the
            // message is not repeated) until a save works again.
            if bench.save_state.get_untracked() != SaveState::Failed {
                bench.save_state.set(SaveState::Pending);
            }
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            pending.set_value(set_timeout_with_handle(move || bench.save_now(), AUTOSAVE).ok());
        });
    }

    /// Saves now; on failure says so once, and keeps everything open.
    pub fn save_now(&self) {
        let result = self.library.with_untracked(|lib| {
            self.editing
                .session
                .with_untracked(|s| lib.save_doc(&LocalStorage, &lib.current, s.doc()))
        });
        match result {
            Ok(()) => {
                // The "could not be saved" error outlives its cause no more.
                if self.save_state.get_untracked() == SaveState::Failed {
                    self.editing.say(Notice::Info(
                        "Saved again: your work is in this browser's storage.".into(),
                    ));
                }
                self.save_state.set(SaveState::Saved);
            }
            Err(e) => {
                if self.save_state.get_untracked() != SaveState::Failed {
                    self.editing.say(Notice::Error(format!(
                        "Your work could not be saved: {e}. It is still open here; export it to keep a copy."
                    )));
                }
                self.save_state.set(SaveState::Failed);
            }
        }
    }

    /// The open document's name.
    pub fn name(&self) -> String {
        self.library.with(|l| {
            l.current()
                .map(|e| e.name.clone())
                .unwrap_or_else(|| UNTITLED.into())
        })
    }

    /// Opens `doc` as a new entry of the document list.
    pub fn open_new(&self, name: &str, doc: Document) {
        self.save_now();
        self.library.update(|l| {
            l.add(name);
        });
        self.selection.clear();
        self.editing.replace(doc);
    }

    /// Saves the open document before another replaces it; when it cannot
    /// be saved, says so and returns `false`, so that it stays open rather
    /// than be lost.
    pub fn saved_before_leaving(&self) -> bool {
        self.save_now();
        if self.save_state.get_untracked() != SaveState::Failed {
            return true;
        }
        self.editing.say(Notice::Error(format!(
            "“{}” could not be saved, so it stays open: leaving it would lose your work. Export it, or free some storage, then try again.",
            self.name()
        )));
        false
    }

    /// Starts a new, empty document.
    pub fn new_doc(&self) {
        if self.saved_before_leaving() {
            self.open_new(UNTITLED, Document::new(""));
        }
    }

    /// Switches to document `id`.
    pub fn switch(&self, id: &str) {
        if self.library.with_untracked(|l| l.current == id) {
            return;
        }
        if !self.saved_before_leaving() {
            // Show the open document in the list again.
            self.library.update(|_| {});
            return;
        }
        match Library::load_doc(&LocalStorage, id) {
            Some(doc) => {
                self.library.update(|l| l.current = id.to_string());
                self.selection.clear();
                self.editing.replace(doc);
            }
            None => self.rescue(id),
        }
    }

    /// A damaged document was chosen: it cannot be opened, so its stored
    /// text is offered as a download, and then (if the reader agrees) it is
    /// removed. The open document stays open.
    fn rescue(&self, id: &str) {
        let name = self
            .library
            .with_untracked(|l| l.docs.iter().find(|e| e.id == id).map(|e| e.name.clone()))
            .unwrap_or_else(|| id.to_string());
        // Show the open document in the list again.
        self.library.update(|l| {
            if let Some(e) = l.docs.iter_mut().find(|e| e.id == id) {
                e.damaged = true;
            }
        });
        let Some(raw) = Library::raw_doc(&LocalStorage, id) else {
            self.library.update(|l| l.forget(id));
            self.editing.say(Notice::Error(format!(
                "“{name}” is no longer in this browser's storage."
            )));
            return;
        };
        let file = format!("{}.damaged.json", crate::exports::file_stem(&name));
        if let Err(e) = dom::download(&file, "application/json", &raw) {
            self.editing.say(Notice::Error(format!(
                "“{name}” is damaged and cannot be opened, and its stored text could not be downloaded: {e}."
            )));
            return;
        }
        if browser::confirm(&format!(
            "“{name}” is damaged and cannot be opened; its stored text was downloaded as {file}. Remove it from this browser?"
        )) {
            LocalStorage.remove(&doc_key(id));
            self.library.update(|l| l.forget(id));
            self.editing.say(Notice::Info(format!(
                "Removed the damaged “{name}”; its stored text is in {file}."
            )));
        } else {
            self.editing.say(Notice::Error(format!(
                "“{name}” is damaged and cannot be opened; its stored text was downloaded as {file}, and it stays in storage."
            )));
        }
    }

    /// Renames the open document.
    pub fn rename(&self, name: &str) {
        let mut ok = false;
        self.library.update(|l| {
            let id = l.current.clone();
            ok = l.rename(&id, name);
        });
        if !ok {
            self.editing
                .say(Notice::Error("A document needs a name.".into()));
        }
    }

    /// Deletes the open document (after asking) and opens another.
    pub fn delete_doc(&self) {
        let name = self.name();
        if !browser::confirm(&format!(
            "Delete “{name}” from this browser? This cannot be undone."
        )) {
            return;
        }
        let id = self.library.with_untracked(|l| l.current.clone());
        LocalStorage.remove(&doc_key(&id));
        let mut next = None;
        self.library.update(|l| next = l.remove(&id));
        match next.and_then(|n| Library::load_doc(&LocalStorage, &n)) {
            Some(doc) => {
                self.selection.clear();
                self.editing.replace(doc);
            }
            // Damaged entries stay listed (their text is still stored).
            None => self.open_new(UNTITLED, Document::new("")),
        }
        self.editing.say(Notice::Info(format!("Deleted “{name}”.")));
    }
}

/// Whether `new` replaces `old` rather than edits it: less than a tenth
/// of the old text is left at its start and end.
pub fn replaces_wholesale(old: &str, new: &str) -> bool {
    let kept = Shift::between(old, new).kept(old);
    !old.is_empty() && kept * 10 < old.len()
}

/// The document list and the document to open at start, with a message
/// when a share link was opened or could not be, or when storage needed
/// mending (see [`Library::open`]).
pub(super) fn startup(sample: &str) -> (Library, Document, Option<Notice>) {
    let store = LocalStorage;
    let (mut library, repairs) = Library::open(&store);
    let repaired = repairs.message();
    let (doc, message) = match share::decode(&browser::hash()) {
        Some(shared) => {
            browser::clear_hash();
            match shared {
                Ok(doc) => {
                    library.add(&format!("{} (shared)", default_name(doc.text())));
                    let msg = "Opened the shared document; it is saved in this browser's list.";
                    (doc, Some(Notice::Info(msg.into())))
                }
                Err(e) => (opened(&mut library, sample), Some(Notice::Error(e))),
            }
        }
        None => (opened(&mut library, sample), None),
    };
    // Mended storage outranks a plain "opened": the reader must hear of it.
    let message = match (repaired, message) {
        (Some(r), Some(Notice::Error(e))) => Some(Notice::Error(format!("{e} {r}"))),
        (Some(r), Some(Notice::Info(i))) => Some(Notice::Error(format!("{r} {i}"))),
        (Some(r), None) => Some(Notice::Error(r)),
        (None, m) => m,
    };
    (library, doc, message)
}

/// The current document of `library`, else the sample as a new entry.
fn opened(library: &mut Library, sample: &str) -> Document {
    if let Some(doc) = Library::load_doc(&LocalStorage, &library.current) {
        return doc;
    }
    library.add(SAMPLE_NAME);
    Document::new(sample)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_a_new_text_from_an_edit() {
        let old = "Officials in Paris said on Monday that Ruth Okafor had denied the report.";
        assert!(!replaces_wholesale(old, &format!("{old} More.")));
        assert!(!replaces_wholesale(
            old,
            "Officials in Paris said that Ruth Okafor had denied the report."
        ));
        assert!(replaces_wholesale(
            old,
            "A completely different article about the weather."
        ));
        assert!(!replaces_wholesale("", "Anything"));
    }
}
