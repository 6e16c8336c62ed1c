//! BILOU tags over the 18 labels, and which tag may follow which.
//!
//! Tag 0 is `O`; label `l` (its index in [`Label::ALL`]) owns tags
//! `1 + 4l` (B), `2 + 4l` (I), `3 + 4l` (L, last) and `4 + 4l` (U, unit).
//! So `B-PERSON` = 1, `U-PERSON` = 4, `B-NORP` = 5.

use crate::annotation::Label;
use crate::linear::argmax::tag_id;

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
    let base = 1 + 4 * label.id();
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

/// Which tags may follow `prev` (`None` = sentence start), as a table
/// computed once: decoding asks this for every token.
pub fn mask(prev: Option<u8>, last: bool) -> &'static [bool; COUNT] {
    static TABLE: std::sync::OnceLock<Vec<[bool; COUNT]>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Vec::with_capacity(2 * (COUNT + 1));
        for last in [false, true] {
            for p in 0..=COUNT {
                let prev = (p < COUNT).then_some(tag_id(p));
                let mut row = [false; COUNT];
                for (n, slot) in row.iter_mut().enumerate() {
                    *slot = allowed(prev, tag_id(n), last);
                }
                t.push(row);
            }
        }
        t
    });
    let p = prev.map_or(COUNT, |p| (p as usize).min(COUNT));
    &table[usize::from(last) * (COUNT + 1) + p]
}

/// The tags that may follow `prev`, in order: [`mask`] as a list, so that
/// decoding visits only those (after `B-X` just two of the 73).
pub fn allowed_list(prev: Option<u8>, last: bool) -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Vec::with_capacity(2 * (COUNT + 1));
        for last in [false, true] {
            for p in 0..=COUNT {
                let prev = (p < COUNT).then_some(tag_id(p));
                let row = mask(prev, last);
                t.push((0..tag_id(COUNT)).filter(|&n| row[n as usize]).collect());
            }
        }
        t
    });
    let p = prev.map_or(COUNT, |p| (p as usize).min(COUNT));
    &table[usize::from(last) * (COUNT + 1) + p]
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
        for t in 0..tag_id(COUNT) {
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
        for prev in [None, Some(0), Some(b_per), Some(72)] {
            for last in [false, true] {
                let m = mask(prev, last);
                for n in 0..tag_id(COUNT) {
                    assert_eq!(m[n as usize], allowed(prev, n, last));
                }
            }
        }
    }
}
