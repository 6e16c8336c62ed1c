//! The open document and its undo history: the core [`Session`], the view
//! merged from the model's output and the reader's edits, and the text
//! field that mirrors the document's text.

use leptos::prelude::*;
use sift_core::doc::{Document, Provenance, Session, View};
use sift_core::{Annotation, Error};

use crate::state::Notice;

/// The document being edited. Create with [`Editing::new`].
#[derive(Clone, Copy)]
pub struct Editing {
    /// The document and its undo history.
    pub session: RwSignal<Session>,
    /// The merged view (model output + user edits).
    pub view: Memo<View>,
    /// The merged annotation, what the panels show.
    pub merged: Memo<Annotation>,
    /// Provenance of each merged entity.
    pub sources: Memo<Vec<Provenance>>,
    /// Provenance of each merged claim.
    pub claim_sources: Memo<Vec<Provenance>>,
    /// The status bar's message.
    notice: RwSignal<Option<Notice>>,
    /// The text field's contents.
    draft: RwSignal<String>,
    /// The text being annotated.
    text: RwSignal<String>,
}

impl Editing {
    /// `doc` opened over the app's text signals and the model's annotation.
    pub fn new(
        doc: Document,
        draft: RwSignal<String>,
        text: RwSignal<String>,
        model: Memo<Annotation>,
        notice: RwSignal<Option<Notice>>,
    ) -> Editing {
        let session = RwSignal::new(Session::new(doc));
        let view = Memo::new(move |_| model.with(|m| session.with(|s| s.doc().view(m))));
        Editing {
            session,
            view,
            merged: Memo::new(move |_| view.with(|v| v.annotation.clone())),
            sources: Memo::new(move |_| view.with(|v| v.entities.clone())),
            claim_sources: Memo::new(move |_| view.with(|v| v.claims.clone())),
            notice,
            draft,
            text,
        }
    }

    /// Shows `n` in the status bar.
    pub fn say(&self, n: Notice) {
        self.notice.set(Some(n));
    }

    /// The document's text.
    pub fn text_untracked(&self) -> String {
        self.session.with_untracked(|s| s.doc().text().to_string())
    }

    /// Shows the document's text in the field and annotates it (after an
    /// undo, a switch or an import).
    pub fn sync_text(&self) {
        let t = self.text_untracked();
        if self.text.with_untracked(|x| *x != t) {
            self.draft.set(t.clone());
            self.text.set(t);
        }
    }

    /// Annotates `t`, the text the field committed, before it becomes a
    /// step of the document (see `Documents::commit_text`).
    pub fn show_text(&self, t: &str) {
        if self.text.with_untracked(|x| x != t) {
            self.text.set(t.to_string());
        }
    }

    /// Replaces the document with `doc`, one whole new session.
    pub fn replace(&self, doc: Document) {
        self.session.update(|s| s.replace(doc));
        self.sync_text();
    }

    /// Applies one edit to the document as one undo step; says why when it
    /// cannot be made.
    pub fn edit(&self, f: impl FnOnce(&mut Document, &View) -> Result<(), Error>) -> bool {
        let v = self.view.get_untracked();
        let mut out = Ok(());
        self.session.update(|s| out = s.apply(|d| f(d, &v)));
        match out {
            Ok(()) => true,
            Err(e) => {
                self.say(Notice::Error(format!("That edit was not made: {e}.")));
                false
            }
        }
    }

    /// Accepts every model suggestion shown.
    pub fn accept_all(&self) {
        let n = self.view.with_untracked(|v| {
            v.entity_kept
                .iter()
                .chain(&v.claim_kept)
                .filter(|k| !**k)
                .count()
        });
        if self.edit(|d, v| {
            d.accept_all(v);
            Ok(())
        }) {
            self.say(Notice::Info(format!("Accepted {n} model suggestions.")));
        }
    }

    /// Shows or hides the model's suggestions (kept items stay).
    pub fn set_suggestions(&self, on: bool) {
        self.edit(|d, _| {
            d.set_suggestions(on);
            Ok(())
        });
    }

    /// Undoes the last change.
    pub fn undo(&self) {
        let mut done = false;
        self.session.update(|s| done = s.undo());
        if done {
            self.sync_text();
        } else {
            self.say(Notice::Info("Nothing to undo.".into()));
        }
    }

    /// Redoes the last undone change.
    pub fn redo(&self) {
        let mut done = false;
        self.session.update(|s| done = s.redo());
        if done {
            self.sync_text();
        } else {
            self.say(Notice::Info("Nothing to redo.".into()));
        }
    }
}
