//! The annotator's keyboard shortcuts: which key does what, as plain data
//! (the help overlay lists [`SHORTCUTS`]; [`command`] maps a key press).

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Select the next highlight.
    Next,
    /// Select the previous highlight.
    Previous,
    /// Open the label picker for the selected highlight.
    Relabel,
    /// Delete the selected highlight.
    Delete,
    /// Accept the selected model suggestion.
    Accept,
    /// Move the selected highlight's end one word right.
    GrowEnd,
    /// Move its end one word left.
    ShrinkEnd,
    /// Move its start one word left.
    GrowStart,
    /// Move its start one word right.
    ShrinkStart,
    /// Select the next word of the article (a caret for the keyboard).
    WordNext,
    /// Select the previous word.
    WordPrevious,
    /// Show or hide the list of shortcuts.
    Help,
    /// Close what is open; clear the selection.
    Escape,
}

/// A key press, as the browser reports it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Press<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Ctrl (or ⌘ on a Mac) is held.
    pub ctrl: bool,
    /// Shift is held.
    pub shift: bool,
    /// Alt is held.
    pub alt: bool,
}

/// The command for a key press outside text fields, if any.
pub fn command(p: Press) -> Option<Command> {
    use Command::*;
    let key = p.key;
    if p.ctrl {
        return match key.to_ascii_lowercase().as_str() {
            "z" if p.shift => Some(Redo),
            "z" => Some(Undo),
            "y" => Some(Redo),
            _ => None,
        };
    }
    if p.alt {
        return None;
    }
    Some(match key {
        "?" => Help,
        "Escape" => Escape,
        "j" | "ArrowDown" => Next,
        "k" | "ArrowUp" => Previous,
        "Enter" | "l" => Relabel,
        "Delete" | "Backspace" | "x" => Delete,
        "a" => Accept,
        "]" => GrowEnd,
        "[" => ShrinkEnd,
        "{" => GrowStart,
        "}" => ShrinkStart,
        "ArrowRight" if p.shift => GrowEnd,
        "ArrowLeft" if p.shift => ShrinkEnd,
        "ArrowRight" | "w" => WordNext,
        "ArrowLeft" | "b" => WordPrevious,
        _ => return None,
    })
}

/// The shortcuts as the help overlay lists them: keys, then what they do.
pub const SHORTCUTS: [(&str, &str); 18] = [
    ("Select text", "add an entity: pick its label in the menu"),
    (
        "→ / ←  or  w / b",
        "select the next / previous word of the article",
    ),
    (
        "Shift+→ / Shift+←",
        "extend / shrink the selected words by a word",
    ),
    (
        "Enter  or  l",
        "with words selected: open the label menu (an entity, or a claim part)",
    ),
    (
        "1 – 9",
        "in the label menu: pick the label with that number",
    ),
    (
        "type",
        "in the label menu: filter the labels; Enter picks the first",
    ),
    ("Click a highlight", "select it"),
    ("j / k  or  ↓ / ↑", "select the next / previous highlight"),
    ("Enter  or  l", "change the selected highlight's label"),
    ("Enter", "in the label menu: pick and close"),
    ("Delete  or  x", "delete the selected highlight"),
    ("a", "accept the selected model suggestion"),
    (
        "]  or  Shift+→",
        "extend the end by a word (a highlight, or the selected claim's part)",
    ),
    ("[  or  Shift+←", "shrink the end by a word (likewise)"),
    ("{  /  }", "extend / shrink the start by a word (likewise)"),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z  or  Ctrl+Y", "redo"),
    ("?  /  Esc", "show this list / close it"),
];

/// The labels a label-menu filter leaves, in menu order: those whose name
/// or description contains `filter` (any case), names starting with it
/// first.
pub fn filter_labels(filter: &str) -> Vec<sift_core::Label> {
    let f = filter.trim().to_lowercase();
    let mut starts = Vec::new();
    let mut contains = Vec::new();
    for label in sift_core::Label::ALL {
        let name = label.as_str().to_lowercase();
        if name.starts_with(&f) {
            starts.push(label);
        } else if name.contains(&f) || label.describe().to_lowercase().contains(&f) {
            contains.push(label);
        }
    }
    starts.extend(contains);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use sift_core::Label;

    fn key(key: &str) -> Press<'_> {
        Press {
            key,
            ..Press::default()
        }
    }

    #[test]
    fn maps_keys() {
        assert_eq!(
            command(Press {
                key: "z",
                ctrl: true,
                ..key("")
            }),
            Some(Command::Undo)
        );
        assert_eq!(
            command(Press {
                key: "Z",
                ctrl: true,
                shift: true,
                alt: false
            }),
            Some(Command::Redo)
        );
        assert_eq!(
            command(Press {
                key: "y",
                ctrl: true,
                ..key("")
            }),
            Some(Command::Redo)
        );
        assert_eq!(
            command(Press {
                key: "c",
                ctrl: true,
                ..key("")
            }),
            None
        );
        assert_eq!(command(key("?")), Some(Command::Help));
        assert_eq!(command(key("j")), Some(Command::Next));
        assert_eq!(command(key("]")), Some(Command::GrowEnd));
        assert_eq!(
            command(Press {
                key: "ArrowRight",
                shift: true,
                ..key("")
            }),
            Some(Command::GrowEnd)
        );
        assert_eq!(command(key("ArrowRight")), Some(Command::WordNext));
        assert_eq!(command(key("b")), Some(Command::WordPrevious));
        assert_eq!(command(key("q")), None);
    }

    #[test]
    fn filters_labels() {
        assert_eq!(filter_labels("").len(), 18);
        assert_eq!(filter_labels("per")[..2], [Label::Person, Label::Percent]);
        assert_eq!(filter_labels("gp"), vec![Label::Gpe]);
        assert!(filter_labels("countries").contains(&Label::Gpe));
        assert!(filter_labels("zzz").is_empty());
    }
}
