//! The annotator's workflow in the app: the document being edited (a core
//! [`Session`]: text, user edits, undo history), the merged view shown and
//! exported, the selected highlight, the label picker, the document list
//! and autosave, import, export and share links.
//!
//! [`Workbench`] is a bundle of signals (`Copy`) with methods; components
//! call the methods. The rules live in the core (`sift_core::doc`,
//! `sift_core::formats`) and in the plain modules [`crate::keys`],
//! [`crate::library`], [`crate::share`] and [`crate::exports`].

use std::ops::Range;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use sift_core::doc::anchor::Shift;
use sift_core::doc::words::{self, Edge};
use sift_core::doc::{Document, Part, Provenance, Session, View};
use sift_core::formats::{brat, json};
use sift_core::text::Offsets;
use sift_core::{Annotation, ClaimKind, Error, Label};

use crate::browser::{self, LocalStorage};
use crate::exports::Format;
use crate::keys::{self, Command, Press};
use crate::library::{default_name, doc_key, Library, Store};
use crate::state::Notice;
use crate::{dom, share};

/// The name of the sample article's entry.
const SAMPLE_NAME: &str = "Sample article";

/// The name of a new, empty document.
const UNTITLED: &str = "Untitled";

/// How long changes rest before they are saved.
const AUTOSAVE: Duration = Duration::from_millis(300);

/// What the label picker will do with the label picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picking {
    /// Add an entity over this byte range.
    Add(Range<usize>),
    /// Relabel the entity with this byte range.
    Relabel(Range<usize>),
}

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

/// The workflow's signals. Create once with [`Workbench::new`].
#[derive(Clone, Copy)]
pub struct Workbench {
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
    /// The selected highlight's byte range.
    pub selected: RwSignal<Option<Range<usize>>>,
    /// The selected claim, by its cue ranges.
    pub selected_claim: RwSignal<Option<Vec<Range<usize>>>>,
    /// The part of the selected claim that the resize keys move (the part
    /// last clicked in the text or resized with a button; content at first).
    pub claim_part: RwSignal<Part>,
    /// The open label picker, if any.
    pub picker: RwSignal<Option<Picking>>,
    /// Whether the shortcut list is shown.
    pub help: RwSignal<bool>,
    /// The document list.
    pub library: RwSignal<Library>,
    /// Where saving stands.
    pub save_state: RwSignal<SaveState>,
    /// The last share link made.
    pub share_url: RwSignal<Option<String>>,
    /// The text last selected in the article (bytes), kept while it stays
    /// selected: what `#label-selection` labels on a touch screen, where no
    /// mouseup opens the label menu and a tap may clear the selection.
    pub selection: RwSignal<Option<Range<usize>>>,
    /// What the keyboard just selected, for screen readers
    /// (`#keyboard-status`, a live region).
    pub announce: RwSignal<String>,
    notice: RwSignal<Option<Notice>>,
    draft: RwSignal<String>,
    text: RwSignal<String>,
}

impl Workbench {
    /// Sets up the workflow over the app's text signals and the model's
    /// annotation: restores the open document (a share link in the URL
    /// first, then storage, else the sample already in `text`), follows
    /// the text as it is edited, autosaves, and listens for shortcuts.
    pub fn new(
        draft: RwSignal<String>,
        text: RwSignal<String>,
        model: Memo<Annotation>,
        notice: RwSignal<Option<Notice>>,
    ) -> Workbench {
        let (library, doc, message) = startup(&text.get_untracked());
        if let Some(m) = message {
            notice.set(Some(m));
        }
        let session = RwSignal::new(Session::new(doc));
        let view = Memo::new(move |_| model.with(|m| session.with(|s| s.doc().view(m))));
        let bench = Workbench {
            session,
            view,
            merged: Memo::new(move |_| view.with(|v| v.annotation.clone())),
            sources: Memo::new(move |_| view.with(|v| v.entities.clone())),
            claim_sources: Memo::new(move |_| view.with(|v| v.claims.clone())),
            selected: RwSignal::new(None),
            selected_claim: RwSignal::new(None),
            claim_part: RwSignal::new(Part::Content),
            picker: RwSignal::new(None),
            help: RwSignal::new(false),
            library: RwSignal::new(library),
            save_state: RwSignal::new(SaveState::Pending),
            share_url: RwSignal::new(None),
            selection: RwSignal::new(None),
            announce: RwSignal::new(String::new()),
            notice,
            draft,
            text,
        };
        bench.sync_text();
        bench.follow_text();
        bench.autosave();
        bench.listen();
        bench
    }

    fn say(&self, n: Notice) {
        self.notice.set(Some(n));
    }

    /// Shows the document's text in the field and annotates it (after an
    /// undo, a switch or an import).
    fn sync_text(&self) {
        let t = self.session.with_untracked(|s| s.doc().text().to_string());
        if self.text.with_untracked(|x| *x != t) {
            self.draft.set(t.clone());
            self.text.set(t);
        }
    }

    /// Every text the editor commits becomes a step of the session; edits
    /// are carried over to the new text.
    fn follow_text(&self) {
        let (session, text, bench) = (self.session, self.text, *self);
        Effect::new(move |_| {
            let t = text.get();
            if session.with_untracked(|s| s.doc().text() == t) {
                return;
            }
            // A text replaced wholesale (a new paste, an opened file) over
            // a document with edits opens as a new document, so the edits
            // stay in the list instead of being dropped.
            let wholesale = session.with_untracked(|s| {
                let doc = s.doc();
                doc.has_edits() && replaces_wholesale(doc.text(), &t)
            });
            if wholesale {
                let old = bench.name();
                bench.save_now();
                if bench.save_state.get_untracked() != SaveState::Failed {
                    bench.open_new(&default_name(&t), Document::new(&t));
                    bench.say(Notice::Info(format!(
                        "The new text opened as a new document; “{old}” and your edits on it are in the document list."
                    )));
                    return;
                }
                // Unsaved, the old document would be lost as a list entry:
                // the new text replaces it in place, one undoable step.
                session.update(|s| {
                    let _ = s.apply(|d| Ok::<_, Error>(d.set_text(&t)));
                });
                bench.say(Notice::Error(format!(
                    "“{old}” could not be saved, so the new text replaced it in place: Ctrl+Z brings back the old text and your edits. Export it, or free some storage, to keep both."
                )));
                return;
            }
            // A new text over a document still named by Sift (the sample,
            // "Untitled", its first words) takes the new text's first words.
            let renamed = session.with_untracked(|s| {
                let old = s.doc().text();
                // Untracked: the library changing must not re-run this effect.
                let name = bench
                    .library
                    .with_untracked(|l| l.current().map(|e| e.name.clone()));
                let name = name.unwrap_or_else(|| UNTITLED.into());
                (replaces_wholesale(old, &t) || old.is_empty())
                    && [SAMPLE_NAME, UNTITLED, default_name(old).as_str()].contains(&name.as_str())
            });
            if renamed {
                bench.library.update(|l| {
                    let id = l.current.clone();
                    l.rename(&id, &default_name(&t));
                });
            }
            let mut lost = 0;
            session.update(|s| lost = s.apply(|d| Ok::<_, Error>(d.set_text(&t))).unwrap_or(0));
            if lost > 0 {
                bench.say(Notice::Info(format!(
                    "{lost} of your edits no longer match the text and were dropped; Ctrl+Z brings them back."
                )));
            }
        });
    }

    /// Saves the document and the list a moment after each change.
    fn autosave(&self) {
        let bench = *self;
        let pending = StoredValue::new(None::<TimeoutHandle>);
        Effect::new(move |_| {
            bench.session.track();
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
            self.session
                .with_untracked(|s| lib.save_doc(&LocalStorage, &lib.current, s.doc()))
        });
        match result {
            Ok(()) => {
                // The "could not be saved" error outlives its cause no more.
                if self.save_state.get_untracked() == SaveState::Failed {
                    self.say(Notice::Info(
                        "Saved again: your work is in this browser's storage.".into(),
                    ));
                }
                self.save_state.set(SaveState::Saved);
            }
            Err(e) => {
                if self.save_state.get_untracked() != SaveState::Failed {
                    self.say(Notice::Error(format!(
                        "Your work could not be saved: {e}. It is still open here; export it to keep a copy."
                    )));
                }
                self.save_state.set(SaveState::Failed);
            }
        }
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

    /// The selected entity's index in the view.
    pub fn selected_index(&self) -> Option<usize> {
        let r = self.selected.get()?;
        self.view
            .with(|v| v.annotation.entities.iter().position(|e| e.range == r))
    }

    fn selected_index_untracked(&self) -> Option<usize> {
        let r = self.selected.get_untracked()?;
        self.view
            .with_untracked(|v| v.annotation.entities.iter().position(|e| e.range == r))
    }

    /// Selects entity `index` and scrolls it into view.
    pub fn select(&self, index: usize) {
        let range = self
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
                    .session
                    .with_untracked(|s| s.doc().check_span(range.clone()).ok());
                if self.edit(|d, v| d.add_entity(v, range, label)) {
                    self.selected.set(trimmed);
                }
            }
            Picking::Relabel(range) => {
                let index = self.view.with_untracked(|v| {
                    v.annotation.entities.iter().position(|e| e.range == range)
                });
                if let Some(i) = index {
                    self.edit(|d, v| d.relabel(v, i, label));
                }
            }
        }
        browser::clear_selection();
    }

    /// The text selected in the article, as a byte range of the document.
    fn text_selection(&self) -> Option<Range<usize>> {
        let (s, e) = browser::selection_in("annotated")?;
        Some(self.session.with_untracked(|x| {
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
        let (start, end, words) = self.session.with_untracked(|x| {
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
    fn step_word(&self, right: bool) {
        let text = self.session.with_untracked(|s| s.doc().text().to_string());
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
    fn extend_words(&self, grow: bool) {
        let Some(range) = self.text_selection() else {
            return;
        };
        let text = self.session.with_untracked(|s| s.doc().text().to_string());
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
            self.session.with_untracked(|s| s.doc().text().to_string()),
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
                if self.edit(|d, v| d.resize(v, i, new.clone())) {
                    self.selected.set(Some(new));
                }
            }
            None => self.say(Notice::Info(
                if grow {
                    "The highlight already reaches the edge of the text."
                } else {
                    "A highlight keeps at least one word."
                }
                .into(),
            )),
        }
    }

    /// Runs a shortcut.
    pub fn run(&self, cmd: Command) {
        let selected = self.selected_index_untracked();
        let count = self.view.with_untracked(|v| v.annotation.entities.len());
        match cmd {
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Help => self.help.update(|h| *h = !*h),
            Command::Escape => {
                self.help.set(false);
                self.picker.set(None);
                self.selected.set(None);
                self.selected_claim.set(None);
            }
            Command::Next | Command::Previous if count > 0 => {
                let next = match (cmd, selected) {
                    (Command::Next, Some(i)) => (i + 1) % count,
                    (Command::Next, None) => 0,
                    (_, Some(i)) => (i + count - 1) % count,
                    (_, None) => count - 1,
                };
                self.select(next);
            }
            // Words selected in the article (by mouse or by the keyboard's
            // word caret) come first: Enter labels them.
            Command::Relabel if self.label_selection() => {}
            Command::Relabel => {
                if let Some(r) = self.selected.get_untracked().filter(|_| selected.is_some()) {
                    self.picker.set(Some(Picking::Relabel(r)));
                }
            }
            Command::WordNext | Command::WordPrevious => {
                self.step_word(cmd == Command::WordNext);
            }
            Command::GrowEnd | Command::ShrinkEnd
                if selected.is_none() && self.text_selection().is_some() =>
            {
                self.extend_words(cmd == Command::GrowEnd);
            }
            Command::Delete => {
                if let Some(i) = selected {
                    if self.edit(|d, v| d.delete_entity(v, i)) {
                        self.selected.set(None);
                    }
                }
            }
            Command::Accept => {
                if let Some(i) = selected {
                    self.edit(|d, v| d.accept_entity(v, i));
                }
            }
            Command::GrowEnd | Command::ShrinkEnd | Command::GrowStart | Command::ShrinkStart => {
                let (edge, grow) = match cmd {
                    Command::GrowEnd => (Edge::End, true),
                    Command::ShrinkEnd => (Edge::End, false),
                    Command::GrowStart => (Edge::Start, true),
                    _ => (Edge::Start, false),
                };
                // The selected highlight, else the selected claim's part.
                if selected.is_none() && self.selected_claim_untracked().is_some() {
                    self.resize_claim(self.claim_part.get_untracked(), edge, grow);
                } else {
                    self.resize(edge, grow);
                }
            }
            Command::Next | Command::Previous => {}
        }
    }

    /// Selects claim `index` of the view.
    pub fn select_claim(&self, index: usize) {
        let cue = self
            .view
            .with_untracked(|v| v.annotation.claims.get(index).map(|c| c.cue.clone()));
        self.selected_claim.set(cue);
    }

    /// The selected claim's index in the view.
    pub fn selected_claim_index(&self) -> Option<usize> {
        let cue = self.selected_claim.get()?;
        self.view
            .with(|v| v.annotation.claims.iter().position(|c| c.cue == cue))
    }

    fn selected_claim_untracked(&self) -> Option<usize> {
        let cue = self.selected_claim.get_untracked()?;
        self.view
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
        if self.edit(|d, v| d.add_claim_part(v, i, part, range)) {
            // The claim keeps its cue unless the cue grew; follow it either way.
            let cue = self.view.with_untracked(|v| {
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
        let ok = self.edit(|d, v| {
            moved = d.resize_claim_part(v, i, part, edge, grow)?;
            Ok(())
        });
        if !ok {
            return;
        }
        if !moved {
            self.say(Notice::Info(
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
        if self.edit(|d, _| d.add_claim(ClaimKind::Statement, range)) {
            let cue = self.view.with_untracked(|v| {
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
            self.edit(|d, v| d.set_claim_kind(v, i, kind));
        }
    }

    /// Deletes the selected claim.
    pub fn delete_claim(&self) {
        if let Some(i) = self.selected_claim_untracked() {
            if self.edit(|d, v| d.delete_claim(v, i)) {
                self.selected_claim.set(None);
            }
        }
    }

    /// Accepts the selected claim (a model suggestion).
    pub fn accept_claim(&self) {
        if let Some(i) = self.selected_claim_untracked() {
            self.edit(|d, v| d.accept_claim(v, i));
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

    /// Window listeners: selecting text in `#annotated` opens the label
    /// picker; clicking a highlight selects it; keys run shortcuts.
    fn listen(&self) {
        let bench = *self;
        // A drag fires `selectionchange` at every mouse move, and reading
        // the selection's offsets walks the text: it is read once the
        // selection rests. A tap on `#label-selection` may clear the
        // selection before its click arrives, so a cleared one is forgotten
        // only a while later, if it is still gone.
        let pending = StoredValue::new(None::<TimeoutHandle>);
        browser::on_selection_change(move || {
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let rest = if browser::has_selection() { 100 } else { 400 };
            let read = move || {
                let now = bench.text_selection();
                if bench.selection.get_untracked() != now {
                    bench.selection.set(now);
                }
            };
            pending.set_value(set_timeout_with_handle(read, Duration::from_millis(rest)).ok());
        });
        let up = window_event_listener(ev::mouseup, move |ev| {
            if browser::inside(ev.target(), "annotated") {
                bench.label_selection();
            }
        });
        let click = window_event_listener(ev::click, move |ev| {
            if bench.picker.get_untracked().is_some() || !browser::inside(ev.target(), "annotated")
            {
                return;
            }
            if browser::selection_in("annotated").is_some() {
                return;
            }
            if let Some(i) = browser::entity_at(ev.target()) {
                bench.select(i);
            } else if let Some((c, role)) = browser::claim_at(ev.target()) {
                bench.selected.set(None);
                bench.select_claim(c);
                if let Some(part) = Part::ALL.into_iter().find(|p| p.as_str() == role) {
                    bench.claim_part.set(part);
                }
            } else {
                bench.selected.set(None);
                bench.selected_claim.set(None);
            }
        });
        let keys = window_event_listener(ev::keydown, move |ev| {
            if bench.picker.get_untracked().is_some() {
                return; // the picker's own field handles keys
            }
            let key = ev.key();
            let press = Press {
                key: &key,
                ctrl: ev.ctrl_key() || ev.meta_key(),
                shift: ev.shift_key(),
                alt: ev.alt_key(),
            };
            if browser::typing_in_field() {
                return;
            }
            if let Some(cmd) = keys::command(press) {
                ev.prevent_default();
                bench.run(cmd);
            }
        });
        // A share link opened in a tab that already shows Sift changes only
        // the fragment: no reload, so the page has to notice by itself.
        let hash = window_event_listener(ev::hashchange, move |_| bench.open_shared());
        on_cleanup(move || {
            hash.remove();
            up.remove();
            click.remove();
            keys.remove();
        });
    }

    /// The open document's name.
    pub fn name(&self) -> String {
        self.library.with(|l| {
            l.current()
                .map(|e| e.name.clone())
                .unwrap_or_else(|| UNTITLED.into())
        })
    }

    /// Offers the document as a download in `format`.
    pub fn export(&self, format: Format) {
        let name = self
            .library
            .with_untracked(|l| l.current().map(|e| e.name.clone()))
            .unwrap_or_default();
        let contents = self.session.with_untracked(|s| {
            self.view
                .with_untracked(|v| format.render(&name, s.doc().text(), v))
        });
        let file = format.file_name(&name);
        self.say(match dom::download(&file, format.mime(), &contents) {
            Ok(()) => Notice::Info(format!("Exported {file}.")),
            Err(e) => Notice::Error(format!("Export failed: {e}")),
        });
    }

    /// Opens `doc` as a new entry of the document list.
    pub fn open_new(&self, name: &str, doc: Document) {
        self.save_now();
        self.library.update(|l| {
            l.add(name);
        });
        self.session.update(|s| s.replace(doc));
        self.selected.set(None);
        self.sync_text();
    }

    /// Imports a file: `.json` (as a new document) or `.ann` (brat, over
    /// the open document's text, as one undoable step).
    pub fn import(&self, file_name: &str, contents: &str) {
        let lower = file_name.to_lowercase();
        if lower.ends_with(".ann") {
            let text = self.session.with_untracked(|s| s.doc().text().to_string());
            match brat::import("imported", &text, contents) {
                Ok(imp)
                    if imp.annotation.entities.is_empty() && imp.annotation.claims.is_empty() =>
                {
                    self.say(Notice::Error(format!(
                        "“{file_name}” has no entities or claims for this text, so nothing was changed."
                    )));
                }
                Ok(mut imp) => {
                    let mut kept = None;
                    if imp.annotation.entities.is_empty() {
                        imp = self.view.with_untracked(|v| {
                            kept = Some(v.annotation.entities.len());
                            imp.keeping_entities(v)
                        });
                    }
                    let doc = imp.document();
                    self.edit(|d, _| {
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
                    self.say(Notice::Info(message));
                }
                Err(e) => self.say(Notice::Error(format!(
                    "“{file_name}” could not be imported: {e}."
                ))),
            }
        } else {
            match json::import(contents) {
                Ok(_) if !self.saved_before_leaving() => {}
                Ok(imp) => {
                    let name = if imp.id.is_empty() || imp.id == "imported" {
                        default_name(&imp.text)
                    } else {
                        imp.id.clone()
                    };
                    self.open_new(&name, imp.document());
                    self.say(Notice::Info(format!(
                        "Imported “{file_name}” as a new document: {} entities, {} claims.",
                        imp.annotation.entities.len(),
                        imp.annotation.claims.len()
                    )));
                }
                Err(e) => self.say(Notice::Error(format!(
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
            Err(e) => return self.say(Notice::Error(e)),
        };
        self.save_now();
        if self.save_state.get_untracked() == SaveState::Failed
            && !browser::confirm(&format!(
                "“{}” has changes that could not be saved in this browser. Open the shared document anyway and lose them?",
                self.name()
            ))
        {
            return self.say(Notice::Error(
                "The shared document was not opened, so that your unsaved work stays open; export it, then open the link again.".into(),
            ));
        }
        self.open_new(&format!("{} (shared)", default_name(doc.text())), doc);
        self.say(Notice::Info(
            "Opened the shared document; it is saved in this browser's list.".into(),
        ));
    }

    /// Makes a share link for the open document, or says why not.
    pub fn share(&self) {
        let encoded = self.session.with_untracked(|s| share::encode(s.doc()));
        match encoded {
            Ok(fragment) => {
                self.share_url
                    .set(Some(format!("{}{fragment}", browser::page_url())));
                self.say(Notice::Info(
                    "Share link ready: the text and annotations travel inside the link itself, never through a server."
                        .into(),
                ));
            }
            Err(e) => {
                self.share_url.set(None);
                self.say(Notice::Error(e));
            }
        }
    }

    /// Saves the open document before another replaces it; when it cannot
    /// be saved, says so and returns `false`, so that it stays open rather
    /// than be lost.
    fn saved_before_leaving(&self) -> bool {
        self.save_now();
        if self.save_state.get_untracked() != SaveState::Failed {
            return true;
        }
        self.say(Notice::Error(format!(
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
                self.session.update(|s| s.replace(doc));
                self.selected.set(None);
                self.sync_text();
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
            self.say(Notice::Error(format!(
                "“{name}” is no longer in this browser's storage."
            )));
            return;
        };
        let file = format!("{}.damaged.json", crate::exports::file_stem(&name));
        if let Err(e) = dom::download(&file, "application/json", &raw) {
            self.say(Notice::Error(format!(
                "“{name}” is damaged and cannot be opened, and its stored text could not be downloaded: {e}."
            )));
            return;
        }
        if browser::confirm(&format!(
            "“{name}” is damaged and cannot be opened; its stored text was downloaded as {file}. Remove it from this browser?"
        )) {
            LocalStorage.remove(&doc_key(id));
            self.library.update(|l| l.forget(id));
            self.say(Notice::Info(format!(
                "Removed the damaged “{name}”; its stored text is in {file}."
            )));
        } else {
            self.say(Notice::Error(format!(
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
            self.say(Notice::Error("A document needs a name.".into()));
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
                self.session.update(|s| s.replace(doc));
                self.selected.set(None);
                self.sync_text();
            }
            // Damaged entries stay listed (their text is still stored).
            None => self.open_new(UNTITLED, Document::new("")),
        }
        self.say(Notice::Info(format!("Deleted “{name}”.")));
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
fn startup(sample: &str) -> (Library, Document, Option<Notice>) {
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
