//! BILOU tags over the 18 labels, and which tag may follow which.
//!
//! Tag 0 is `O`; label `l` (its index in [`Label::ALL`]) owns tags
//! `1 + 4l` (B), `2 + 4l` (I), `3 + 4l` (L, last) and `4 + 4l` (U, unit).
//! So `B-PERSON` = 1, `U-PERSON` = 4, `B-NORP` = 5.

use crate::label::Label;

/// Number of tags: `O` plus four per label.
pub const COUNT: usize = 1 + 4 * Label::ALL.len();

/// The part of an entity a tag marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Outside any entity.
    Outside,
    /// First token of a multi-token entity.
    Begin,
    /// Inside a multi-token entity.
    Inside,
    /// Last token of a multi-token entity.
    Last,
    /// A one-token entity.
    Unit,
}

/// The tag for `part` of an entity labelled `label`.
pub fn tag(part: Part, label: Label) -> u8 {
    let base = 1 + 4 * label.index() as u8;
    match part {
        Part::Outside => 0,
        Part::Begin => base,
        Part::Inside => base + 1,
        Part::Last => base + 2,
        Part::Unit => base + 3,
    }
}

/// The part and label a tag stands for (`None` label for `O`).
pub fn split(tag: u8) -> (Part, Option<Label>) {
    if tag == 0 || tag as usize >= COUNT {
        return (Part::Outside, None);
    }
    let t = tag - 1;
    let part = match t % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    (part, Some(Label::ALL[(t / 4) as usize]))
}

/// Whether `next` may follow `prev` (`None` = sentence start); `last` is
/// true when `next` is the sentence's final token.
pub fn allowed(prev: Option<u8>, next: u8, last: bool) -> bool {
    let (pp, pl) = prev.map_or((Part::Outside, None), split);
    let (np, nl) = split(next);
    let open = matches!(pp, Part::Begin | Part::Inside);
    let ok = if open {
        matches!(np, Part::Inside | Part::Last) && nl == pl
    } else {
        matches!(np, Part::Outside | Part::Begin | Part::Unit)
    };
    ok && !(last && matches!(np, Part::Begin | Part::Inside))
}

/// Names a tag for debugging, e.g. `B-PERSON`.
pub fn name(tag: u8) -> String {
    match split(tag) {
        (_, None) => "O".to_string(),
        (p, Some(l)) => {
            let c = match p {
                Part::Begin => 'B',
                Part::Inside => 'I',
                Part::Last => 'L',
                _ => 'U',
            };
            format!("{c}-{l}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        assert_eq!(tag(Part::Begin, Label::Person), 1);
        assert_eq!(tag(Part::Unit, Label::Person), 4);
        assert_eq!(tag(Part::Begin, Label::Norp), 5);
        assert_eq!(name(4), "U-PERSON");
        for t in 0..COUNT as u8 {
            let (p, l) = split(t);
            assert_eq!(l.map_or(0, |l| tag(p, l)), t);
        }
    }

    #[test]
    fn transitions() {
        let b_per = tag(Part::Begin, Label::Person);
        assert!(allowed(None, b_per, false));
        assert!(!allowed(None, b_per, true));
        assert!(allowed(Some(b_per), tag(Part::Last, Label::Person), true));
        assert!(!allowed(Some(b_per), tag(Part::Last, Label::Gpe), true));
        assert!(!allowed(Some(b_per), 0, false));
        assert!(!allowed(None, tag(Part::Inside, Label::Person), false));
    }
}
