//! CoNLL-style BIO: one token per line, `token<TAB>tag`, a blank line
//! between sentences. Tags are `B-LABEL`, `I-LABEL` or `O`; a token is
//! inside an entity when it overlaps it (entity edges normally fall between
//! tokens). BIO cannot nest: of nested entities (from edits) the outer one
//! is written. Export only.
//!
//! ```text
//! Putin<TAB>B-PERSON
//! said<TAB>O
//! ```

use crate::doc::View;
use crate::tokenize::Tokens;

/// The BIO lines for `text` and `view`'s entities.
pub fn export(text: &str, view: &View) -> String {
    let tokens = Tokens::new(text);
    let entities = &view.annotation.entities;
    let mut out = String::new();
    let mut next = 0; // first entity that may still overlap a token
    let mut last_entity = None;
    for sentence in &tokens.sentences {
        for t in tokens.tokens.get(sentence.clone()).unwrap_or_default() {
            while next < entities.len() && entities[next].range.end <= t.start {
                next += 1;
            }
            let tag = match entities.get(next) {
                Some(e) if e.range.start < t.end => {
                    let prefix = if last_entity == Some(next) { "I" } else { "B" };
                    last_entity = Some(next);
                    format!("{prefix}-{}", e.label.as_str())
                }
                _ => {
                    last_entity = None;
                    "O".to_string()
                }
            };
            out.push_str(text.get(t.clone()).unwrap_or_default());
            out.push('\t');
            out.push_str(&tag);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Label;
    use crate::annotation::{Annotation, Entity};
    use crate::formats::model_view;

    #[test]
    fn writes_bio_tags() {
        let text = "Vladimir Putin visited New York.\nIt rained.";
        let ann = Annotation {
            entities: vec![
                Entity {
                    range: 0..14,
                    label: Label::Person,
                },
                Entity {
                    range: 23..31,
                    label: Label::Gpe,
                },
            ],
            claims: vec![],
        };
        assert_eq!(
            export(text, &model_view(&ann)),
            "Vladimir\tB-PERSON\nPutin\tI-PERSON\nvisited\tO\nNew\tB-GPE\nYork\tI-GPE\n.\tO\n\nIt\tO\nrained\tO\n.\tO\n\n"
        );
    }

    #[test]
    fn adjacent_entities_each_begin() {
        let text = "Iran Iraq";
        let ann = Annotation {
            entities: vec![
                Entity {
                    range: 0..4,
                    label: Label::Gpe,
                },
                Entity {
                    range: 5..9,
                    label: Label::Gpe,
                },
            ],
            claims: vec![],
        };
        assert_eq!(
            export(text, &model_view(&ann)),
            "Iran\tB-GPE\nIraq\tB-GPE\n\n"
        );
        assert_eq!(export("", &model_view(&Annotation::default())), "");
    }
}
