//! Keyboard shortcuts and the window's listeners: keys run commands,
//! selecting text in the article opens the label menu, a click selects a
//! highlight or a claim, and a changed fragment opens a share link.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use sift_core::doc::words::Edge;
use sift_core::doc::Part;

use super::selection::{Picking, Selection};
use super::transfer::Transfer;
use crate::browser;
use crate::keys::{self, Command, Press};

/// Whether the shortcut list is shown.
#[derive(Clone, Copy)]
pub struct Help(pub RwSignal<bool>);

/// What the keys and the window's events reach. Create with
/// [`Shortcuts::new`].
#[derive(Clone, Copy)]
pub struct Shortcuts {
    /// What commands select and edit.
    pub selection: Selection,
    /// The help overlay.
    pub help: Help,
    /// Share links opened by a changed fragment.
    pub transfer: Transfer,
}

impl Shortcuts {
    /// The shortcuts, with the help overlay closed.
    pub fn new(selection: Selection, transfer: Transfer) -> Shortcuts {
        Shortcuts {
            selection,
            help: Help(RwSignal::new(false)),
            transfer,
        }
    }

    /// Runs a shortcut.
    pub fn run(&self, cmd: Command) {
        let selected = self.selection.selected_index_untracked();
        let count = self
            .selection
            .editing
            .view
            .with_untracked(|v| v.annotation.entities.len());
        match cmd {
            Command::Undo => self.selection.editing.undo(),
            Command::Redo => self.selection.editing.redo(),
            Command::Help => self.help.0.update(|h| *h = !*h),
            Command::Escape => {
                self.help.0.set(false);
                self.selection.clear();
            }
            Command::Next | Command::Previous if count > 0 => {
                let next = match (cmd, selected) {
                    (Command::Next, Some(i)) => (i + 1) % count,
                    (Command::Next, None) => 0,
                    (_, Some(i)) => (i + count - 1) % count,
                    (_, None) => count - 1,
                };
                self.selection.select(next);
            }
            // Words selected in the article (by mouse or by the keyboard's
            // word caret) come first: Enter labels them.
            Command::Relabel if self.selection.label_selection() => {}
            Command::Relabel => {
                if let Some(r) = self
                    .selection
                    .selected
                    .get_untracked()
                    .filter(|_| selected.is_some())
                {
                    self.selection.picker.set(Some(Picking::Relabel(r)));
                }
            }
            Command::WordNext | Command::WordPrevious => {
                self.selection.step_word(cmd == Command::WordNext);
            }
            Command::GrowEnd | Command::ShrinkEnd
                if selected.is_none() && self.selection.text_selection().is_some() =>
            {
                self.selection.extend_words(cmd == Command::GrowEnd);
            }
            Command::Delete => {
                if let Some(i) = selected {
                    if self.selection.editing.edit(|d, v| d.delete_entity(v, i)) {
                        self.selection.selected.set(None);
                    }
                }
            }
            Command::Accept => {
                if let Some(i) = selected {
                    self.selection.editing.edit(|d, v| d.accept_entity(v, i));
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
                if selected.is_none() && self.selection.selected_claim_untracked().is_some() {
                    self.selection.resize_claim(
                        self.selection.claim_part.get_untracked(),
                        edge,
                        grow,
                    );
                } else {
                    self.selection.resize(edge, grow);
                }
            }
            Command::Next | Command::Previous => {}
        }
    }

    /// Window listeners: selecting text in `#annotated` opens the label
    /// picker; clicking a highlight selects it; keys run shortcuts.
    pub fn listen(&self) {
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
                let now = bench.selection.text_selection();
                if bench.selection.selection.get_untracked() != now {
                    bench.selection.selection.set(now);
                }
            };
            pending.set_value(set_timeout_with_handle(read, Duration::from_millis(rest)).ok());
        });
        let up = window_event_listener(ev::mouseup, move |ev| {
            if browser::inside(ev.target(), "annotated") {
                bench.selection.label_selection();
            }
        });
        let click = window_event_listener(ev::click, move |ev| {
            if bench.selection.picker.get_untracked().is_some()
                || !browser::inside(ev.target(), "annotated")
            {
                return;
            }
            if browser::selection_in("annotated").is_some() {
                return;
            }
            if let Some(i) = browser::entity_at(ev.target()) {
                bench.selection.select(i);
            } else if let Some((c, role)) = browser::claim_at(ev.target()) {
                bench.selection.selected.set(None);
                bench.selection.select_claim(c);
                if let Some(part) = Part::ALL.into_iter().find(|p| p.as_str() == role) {
                    bench.selection.claim_part.set(part);
                }
            } else {
                bench.selection.selected.set(None);
                bench.selection.selected_claim.set(None);
            }
        });
        let keys = window_event_listener(ev::keydown, move |ev| {
            if bench.selection.picker.get_untracked().is_some() {
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
        let hash = window_event_listener(ev::hashchange, move |_| bench.transfer.open_shared());
        on_cleanup(move || {
            hash.remove();
            up.remove();
            click.remove();
            keys.remove();
        });
    }
}
