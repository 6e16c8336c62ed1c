//! Moving documents in and out: export in every format, import of
//! Sift's JSON and brat files, and share links (made, and opened).

use leptos::prelude::*;
use sift_core::formats::{brat, json};

use super::documents::{Documents, SaveState};
use super::editing::Editing;
use crate::exports::Format;
use crate::library::default_name;
use crate::state::Notice;
use crate::{browser, dom, share};

/// Import, export and share links. Create with [`Transfer::new`].
#[derive(Clone, Copy)]
pub struct Transfer {
    /// The open document.
    pub editing: Editing,
    /// Where imported and shared documents open.
    pub documents: Documents,
    /// The last share link made.
    pub share_url: RwSignal<Option<String>>,
}

impl Transfer {
    /// Transfer of `documents`' open document.
    pub fn new(documents: Documents) -> Transfer {
        Transfer {
            editing: documents.editing,
            documents,
            share_url: RwSignal::new(None),
        }
    }

    /// Offers the document as a download in `format`.
    pub fn export(&self, format: Format) {
        let name = self
            .documents
            .library
            .with_untracked(|l| l.current().map(|e| e.name.clone()))
            .unwrap_or_default();
        let contents = self.editing.session.with_untracked(|s| {
            self.editing
                .view
                .with_untracked(|v| format.render(&name, s.doc().text(), v))
        });
        let file = format.file_name(&name);
        self.editing
            .say(match dom::download(&file, format.mime(), &contents) {
                Ok(()) => Notice::Info(format!("Exported {file}.")),
                Err(e) => Notice::Error(format!("Export failed: {e}")),
            });
    }

    /// Imports a file: `.json` (as a new document) or `.ann` (brat, over
    /// the open document's text, as one undoable step).
    pub fn import(&self, file_name: &str, contents: &str) {
        let lower = file_name.to_lowercase();
        if lower.ends_with(".ann") {
            let text = self
                .editing
                .session
                .with_untracked(|s| s.doc().text().to_string());
            match brat::import("imported", &text, contents) {
                Ok(imp)
                    if imp.annotation.entities.is_empty() && imp.annotation.claims.is_empty() =>
                {
                    self.editing.say(Notice::Error(format!(
                        "“{file_name}” has no entities or claims for this text, so nothing was changed."
                    )));
                }
                Ok(mut imp) => {
                    let mut kept = None;
                    if imp.annotation.entities.is_empty() {
                        imp = self.editing.view.with_untracked(|v| {
                            kept = Some(v.annotation.entities.len());
                            imp.keeping_entities(v)
                        });
                    }
                    let doc = imp.document();
                    self.editing.edit(|d, _| {
                        *d = doc;
                        Ok(())
                    });
                    let mut message = match kept {
                        Some(n) => format!(
                            "Imported “{file_name}”: {} claims. It has no entities, so the document's {n} entities were kept.",
                            imp.annotation.claims.len()
                        ),
                        None => format!(
                            "Imported “{file_name}”: {} entities, {} claims.",
                            imp.annotation.entities.len(),
                            imp.annotation.claims.len()
                        ),
                    };
                    for note in &imp.notes {
                        message.push(' ');
                        message.push_str(note);
                        message.push('.');
                    }
                    self.editing.say(Notice::Info(message));
                }
                Err(e) => self.editing.say(Notice::Error(format!(
                    "“{file_name}” could not be imported: {e}."
                ))),
            }
        } else {
            match json::import(contents) {
                Ok(_) if !self.documents.saved_before_leaving() => {}
                Ok(imp) => {
                    let name = if imp.id.is_empty() || imp.id == "imported" {
                        default_name(&imp.text)
                    } else {
                        imp.id.clone()
                    };
                    self.documents.open_new(&name, imp.document());
                    self.editing.say(Notice::Info(format!(
                        "Imported “{file_name}” as a new document: {} entities, {} claims.",
                        imp.annotation.entities.len(),
                        imp.annotation.claims.len()
                    )));
                }
                Err(e) => self.editing.say(Notice::Error(format!(
                    "“{file_name}” could not be imported: {e}."
                ))),
            }
        }
    }

    /// Opens the share link in the address bar (after a `hashchange`) as a
    /// new document. The open one is saved first; when it cannot be, the
    /// reader is asked before it is left.
    pub fn open_shared(&self) {
        let Some(shared) = share::decode(&browser::hash()) else {
            return;
        };
        browser::clear_hash();
        let doc = match shared {
            Ok(doc) => doc,
            Err(e) => return self.editing.say(Notice::Error(e)),
        };
        self.documents.save_now();
        if self.documents.save_state.get_untracked() == SaveState::Failed
            && !browser::confirm(&format!(
                "“{}” has changes that could not be saved in this browser. Open the shared document anyway and lose them?",
                self.documents.name()
            ))
        {
            return self.editing.say(Notice::Error(
                "The shared document was not opened, so that your unsaved work stays open; export it, then open the link again.".into(),
            ));
        }
        self.documents
            .open_new(&format!("{} (shared)", default_name(doc.text())), doc);
        self.editing.say(Notice::Info(
            "Opened the shared document; it is saved in this browser's list.".into(),
        ));
    }

    /// Makes a share link for the open document, or says why not.
    pub fn share(&self) {
        let encoded = self
            .editing
            .session
            .with_untracked(|s| share::encode(s.doc()));
        match encoded {
            Ok(fragment) => {
                self.share_url
                    .set(Some(format!("{}{fragment}", browser::page_url())));
                self.editing.say(Notice::Info(
                    "Share link ready: the text and annotations travel inside the link itself, never through a server."
                        .into(),
                ));
            }
            Err(e) => {
                self.share_url.set(None);
                self.editing.say(Notice::Error(e));
            }
        }
    }
}
