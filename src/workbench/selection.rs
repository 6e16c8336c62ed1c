//! What the reader has selected: a highlight, a claim and the part of it
//! the resize keys move, words of the article (by mouse, touch or the
//! keyboard's word caret), and the label menu open over them; and the
//! edits made on a selection.

use std::ops::Range;

use leptos::prelude::*;
use sift_core::doc::words::{self, Edge};
use sift_core::doc::{Part, Provenance};
use sift_core::text::Offsets;
use sift_core::{ClaimKind, Label};

use super::editing::Editing;
use crate::state::Notice;
use crate::{browser, dom};

/// What the label picker will do with the label picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picking {
    /// Add an entity over this byte range.
    Add(Range<usize>),
    /// Relabel the entity with this byte range.
    Relabel(Range<usize>),
}

/// The reader's selection. Create with [`Selection::new`].
#[derive(Clone, Copy)]
pub struct Selection {
    /// The document the selection is in.
    pub editing: Editing,
    /// The selected highlight's byte range.
    pub selected: RwSignal<Option<Range<usize>>>,
    /// The selected claim, by its cue ranges.
    pub selected_claim: RwSignal<Option<Vec<Range<usize>>>>,
    /// The part of the selected claim that the resize keys move (the part
    /// last clicked in the text or resized with a button; content at first).
    pub claim_part: RwSignal<Part>,
    /// The open label picker, if any.
    pub picker: RwSignal<Option<Picking>>,
    /// The text last selected in the article (bytes), kept while it stays
    /// selected: what `#label-selection` labels on a touch screen, where no
    /// mouseup opens the label menu and a tap may clear the selection.
    pub selection: RwSignal<Option<Range<usize>>>,
    /// What the keyboard just selected, for screen readers
    /// (`#keyboard-status`, a live region).
    pub announce: RwSignal<String>,
}

impl Selection {
    /// Nothing selected in `editing`'s document.
    pub fn new(editing: Editing) -> Selection {
        Selection {
            editing,
            selected: RwSignal::new(None),
            selected_claim: RwSignal::new(None),
            claim_part: RwSignal::new(Part::Content),
            picker: RwSignal::new(None),
            selection: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
        }
    }

    /// Selects nothing: no highlight, no claim, no menu.
    pub fn clear(&self) {
        self.picker.set(None);
        self.selected.set(None);
        self.selected_claim.set(None);
    }

    /// The selected entity's index in the view.
    pub fn selected_index(&self) -> Option<usize> {
        let r = self.selected.get()?;
        self.editing
            .view
            .with(|v| v.annotation.entities.iter().position(|e| e.range == r))
    }

    /// [`Selection::selected_index`], untracked.
    pub fn selected_index_untracked(&self) -> Option<usize> {
        let r = self.selected.get_untracked()?;
        self.editing
            .view
            .with_untracked(|v| v.annotation.entities.iter().position(|e| e.range == r))
    }

    /// Selects entity `index` and scrolls it into view.
    pub fn select(&self, index: usize) {
        let range = self
            .editing
            .view
            .with_untracked(|v| v.annotation.entities.get(index).map(|e| e.range.clone()));
        if let Some(r) = range {
            self.selected.set(Some(r));
            dom::reveal(&format!("#annotated [data-entity=\"{index}\"]"));
        }
    }

    /// Applies the label picked in the picker.
    pub fn pick(&self, label: Label) {
        let Some(picking) = self.picker.get_untracked() else {
            return;
        };
        self.picker.set(None);
        match picking {
            Picking::Add(range) => {
                // The new entity's range (the selection trimmed); it may
                // nest with others, so it is found by range, not position.
                let trimmed = self
                    .editing
                    .session
                    .with_untracked(|s| s.doc().check_span(range.clone()).ok());
                if self.editing.edit(|d, v| d.add_entity(v, range, label)) {
                    self.selected.set(trimmed);
                }
            }
            Picking::Relabel(range) => {
                let index = self.editing.view.with_untracked(|v| {
                    v.annotation.entities.iter().position(|e| e.range == range)
                });
                if let Some(i) = index {
                    self.editing.edit(|d, v| d.relabel(v, i, label));
                }
            }
        }
        browser::clear_selection();
    }

    /// The text selected in the article, as a byte range of the document.
    pub fn text_selection(&self) -> Option<Range<usize>> {
        let (s, e) = browser::selection_in("annotated")?;
        Some(self.editing.session.with_untracked(|x| {
            let o = Offsets::new(x.doc().text());
            o.byte_of_utf16(s)..o.byte_of_utf16(e)
        }))
    }

    /// Opens the label menu over the text selected in the article, if any
    /// (or the selection last seen there, which a tap on a button may have
    /// cleared).
    pub fn label_selection(&self) -> bool {
        match self
            .text_selection()
            .or_else(|| self.selection.get_untracked())
        {
            Some(range) => {
                self.picker.set(Some(Picking::Add(range)));
                true
            }
            None => false,
        }
    }

    /// Selects bytes `range` of the article as text (the keyboard's word
    /// caret) and says what is selected to screen readers.
    fn select_words(&self, range: Range<usize>) {
        let (start, end, words) = self.editing.session.with_untracked(|x| {
            let text = x.doc().text();
            let o = Offsets::new(text);
            let words = text.get(range.clone()).unwrap_or_default().to_string();
            (
                o.utf16_of_byte(range.start),
                o.utf16_of_byte(range.end),
                words,
            )
        });
        self.selected.set(None);
        self.selected_claim.set(None);
        if browser::select_in("annotated", start, end) {
            self.announce.set(format!(
                "Selected “{words}”. Enter opens the label menu; Shift+arrows extend it."
            ));
        }
    }

    /// Moves the word caret one word right or left: from the selected
    /// words, else the selected highlight, else the text's start (or end).
    pub fn step_word(&self, right: bool) {
        let text = self
            .editing
            .session
            .with_untracked(|s| s.doc().text().to_string());
        let from = self
            .text_selection()
            .or_else(|| self.selected.get_untracked());
        let word = match (from, right) {
            (Some(r), true) => words::next(&text, r.end),
            (Some(r), false) => words::previous(&text, r.start),
            (None, true) => words::next(&text, 0),
            (None, false) => words::previous(&text, text.len()),
        };
        match word {
            Some(w) => self.select_words(w),
            None => self.announce.set("No more words that way.".to_string()),
        }
    }

    /// Extends (or shrinks) the selected words by a word at their end.
    pub fn extend_words(&self, grow: bool) {
        let Some(range) = self.text_selection() else {
            return;
        };
        let text = self
            .editing
            .session
            .with_untracked(|s| s.doc().text().to_string());
        let new = if grow {
            words::grow(&text, &range, Edge::End)
        } else {
            words::shrink(&text, &range, Edge::End)
        };
        match new {
            Some(r) => self.select_words(r),
            None => self.announce.set(
                if grow {
                    "The selection already reaches the end of the text."
                } else {
                    "The selection keeps at least one word."
                }
                .to_string(),
            ),
        }
    }

    /// Moves an edge of the selected highlight by a word.
    pub fn resize(&self, edge: Edge, grow: bool) {
        let Some(i) = self.selected_index_untracked() else {
            return;
        };
        let (text, range) = (
            self.editing
                .session
                .with_untracked(|s| s.doc().text().to_string()),
            self.selected.get_untracked(),
        );
        let Some(range) = range else { return };
        let new = if grow {
            words::grow(&text, &range, edge)
        } else {
            words::shrink(&text, &range, edge)
        };
        match new {
            Some(new) => {
                if self.editing.edit(|d, v| d.resize(v, i, new.clone())) {
                    self.selected.set(Some(new));
                }
            }
            None => self.editing.say(Notice::Info(
                if grow {
                    "The highlight already reaches the edge of the text."
                } else {
                    "A highlight keeps at least one word."
                }
                .into(),
            )),
        }
    }

    /// Selects claim `index` of the view.
    pub fn select_claim(&self, index: usize) {
        let cue = self
            .editing
            .view
            .with_untracked(|v| v.annotation.claims.get(index).map(|c| c.cue.clone()));
        self.selected_claim.set(cue);
    }

    /// The selected claim's index in the view.
    pub fn selected_claim_index(&self) -> Option<usize> {
        let cue = self.selected_claim.get()?;
        self.editing
            .view
            .with(|v| v.annotation.claims.iter().position(|c| c.cue == cue))
    }

    /// [`Selection::selected_claim_index`], untracked.
    pub fn selected_claim_untracked(&self) -> Option<usize> {
        let cue = self.selected_claim.get_untracked()?;
        self.editing
            .view
            .with_untracked(|v| v.annotation.claims.iter().position(|c| c.cue == cue))
    }

    /// With the label menu open on a text selection: adds the selection to
    /// the selected claim as `part` (source, content, hedge, or one more
    /// cue word).
    pub fn pick_claim_part(&self, part: Part) {
        let Some(Picking::Add(range)) = self.picker.get_untracked() else {
            return;
        };
        let Some(i) = self.selected_claim_untracked() else {
            return;
        };
        self.picker.set(None);
        browser::clear_selection();
        if self
            .editing
            .edit(|d, v| d.add_claim_part(v, i, part, range))
        {
            // The claim keeps its cue unless the cue grew; follow it either way.
            let cue = self.editing.view.with_untracked(|v| {
                self.selected_claim.with_untracked(|old| {
                    let old = old.as_deref().unwrap_or_default();
                    v.annotation
                        .claims
                        .iter()
                        .map(|c| &c.cue)
                        .find(|cue| old.iter().all(|r| cue.contains(r)))
                        .cloned()
                })
            });
            self.selected_claim.set(cue);
        }
    }

    /// Moves an edge of `part` of the selected claim by a word (one undo
    /// step); `part` becomes the one the resize keys move.
    pub fn resize_claim(&self, part: Part, edge: Edge, grow: bool) {
        let Some(i) = self.selected_claim_untracked() else {
            return;
        };
        self.claim_part.set(part);
        let mut moved = false;
        let ok = self.editing.edit(|d, v| {
            moved = d.resize_claim_part(v, i, part, edge, grow)?;
            Ok(())
        });
        if !ok {
            return;
        }
        if !moved {
            self.editing.say(Notice::Info(
                if grow {
                    "That part already reaches the edge of the text."
                } else {
                    "A claim part keeps at least one word."
                }
                .into(),
            ));
            return;
        }
        // The edited claim is the last one kept; a resized cue is its new
        // identity, so the selection follows it.
        let cue = self
            .editing
            .session
            .with_untracked(|s| s.doc().layer().claims.last().map(|k| k.claim.cue.clone()));
        if cue.is_some() {
            self.selected_claim.set(cue);
        }
    }

    /// Starts a new claim (kind: statement) whose cue is the text selection.
    pub fn new_claim(&self) {
        let Some(Picking::Add(range)) = self.picker.get_untracked() else {
            return;
        };
        self.picker.set(None);
        browser::clear_selection();
        let (at, end) = (range.start, range.end);
        if self
            .editing
            .edit(|d, _| d.add_claim(ClaimKind::Statement, range))
        {
            let cue = self.editing.view.with_untracked(|v| {
                v.claims
                    .iter()
                    .zip(&v.annotation.claims)
                    .filter(|(p, _)| **p == Provenance::User)
                    .map(|(_, c)| c.cue.clone())
                    .find(|cue| cue.iter().any(|r| r.start >= at && r.end <= end))
            });
            self.selected_claim.set(cue);
        }
    }

    /// Changes the selected claim's kind.
    pub fn set_claim_kind(&self, kind: ClaimKind) {
        if let Some(i) = self.selected_claim_untracked() {
            self.editing.edit(|d, v| d.set_claim_kind(v, i, kind));
        }
    }

    /// Deletes the selected claim.
    pub fn delete_claim(&self) {
        if let Some(i) = self.selected_claim_untracked() {
            if self.editing.edit(|d, v| d.delete_claim(v, i)) {
                self.selected_claim.set(None);
            }
        }
    }

    /// Accepts the selected claim (a model suggestion).
    pub fn accept_claim(&self) {
        if let Some(i) = self.selected_claim_untracked() {
            self.editing.edit(|d, v| d.accept_claim(v, i));
        }
    }
}
