//! Reading and writing annotations in other tools' formats, one file per
//! format. Exports take the merged [`View`] of a document (so user edits
//! and their provenance go out with the model's output); imports give an
//! [`Imported`] document. Offsets in every format are Unicode code points,
//! end exclusive.
//!
//! | format | export | import |
//! |---|---|---|
//! | [`json`] (the CLI schema + text + provenance) | yes | yes |
//! | [`brat`] standoff `.ann` (PolNeAR claims) | yes | yes |
//! | [`conll`] BIO | yes | no |
//! | [`webanno`] W3C Web Annotation (JSON-LD) | yes | no |
//! | [`csv`] entities, claims | yes | no |
//! | [`html`] standalone report | yes | no |

pub mod brat;
pub mod conll;
pub mod csv;
pub mod html;
pub mod json;
pub mod webanno;

use crate::annotation::Annotation;
use crate::doc::{Document, Provenance, View};

/// A document read from a file: its text, its annotation and the
/// provenance of each entity and claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The document's id (from the file, or as the caller named it).
    pub id: String,
    /// The text.
    pub text: String,
    /// Entities (sorted) and claims.
    pub annotation: Annotation,
    /// Provenance of each entity.
    pub entities: Vec<Provenance>,
    /// Provenance of each claim.
    pub claims: Vec<Provenance>,
    /// What the import changed to fit Sift's model, one line each, naming
    /// the line of the file (e.g. a discontinuous brat entity split into
    /// one entity per fragment). Empty for Sift's own exports.
    pub notes: Vec<String>,
}

impl Imported {
    /// The document to edit: exactly this annotation, model suggestions off.
    pub fn document(&self) -> Document {
        Document::with_annotation(&self.text, &self.annotation, &self.entities, &self.claims)
    }

    /// This import with `view`'s entities (and their provenance) in place
    /// of its own: for a file that carries claims only (a brat `.ann` of
    /// attributions), which would otherwise wipe every entity.
    pub fn keeping_entities(mut self, view: &View) -> Imported {
        self.annotation.entities = view.annotation.entities.clone();
        self.entities = view.entities.clone();
        self
    }

    /// The view of [`Imported::document`].
    pub fn view(&self) -> View {
        self.document().view(&Annotation::default())
    }
}

/// A view with everything from the model: what exports of a bare
/// annotation (no edits) use.
pub fn model_view(annotation: &Annotation) -> View {
    View {
        entities: vec![Provenance::Model; annotation.entities.len()],
        claims: vec![Provenance::Model; annotation.claims.len()],
        entity_kept: vec![false; annotation.entities.len()],
        claim_kept: vec![false; annotation.claims.len()],
        annotation: annotation.clone(),
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;
    use crate::annotation::Label;
    use crate::annotation::{Claim, Entity};

    /// Every prefix of a valid file, and the file with each digit bumped,
    /// reads without panicking (an error or a document).
    #[test]
    fn damaged_imports_never_panic() {
        let text = "😀 Iran denied it.\r\nTehran \"said\" so.";
        let ann = Annotation {
            entities: vec![
                Entity {
                    range: 5..9,
                    label: Label::Gpe,
                },
                Entity {
                    range: 24..30,
                    label: Label::Gpe,
                },
            ],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![5..9],
                cue: vec![10..16],
                content: vec![17..19],
                hedges: vec![],
                source_entity: Some(5..9),
            }],
        };
        let view = model_view(&ann);
        let json_file = json::export("d", text, &view);
        let ann_file = brat::export(text, &view);
        let bump = |s: &str, i: usize| -> String {
            s.char_indices()
                .map(|(j, c)| {
                    if j == i && c.is_ascii_digit() {
                        char::from(b'0' + (c as u8 - b'0' + 7) % 10)
                    } else {
                        c
                    }
                })
                .collect()
        };
        for (i, _) in json_file.char_indices() {
            let _ = json::import(&json_file[..i]);
            let _ = json::import(&bump(&json_file, i));
        }
        for (i, _) in ann_file.char_indices() {
            let _ = brat::import("d", text, &ann_file[..i]);
            let _ = brat::import("d", text, &bump(&ann_file, i));
        }
        let saved = Imported {
            id: "d".into(),
            text: text.into(),
            annotation: ann,
            entities: vec![],
            claims: vec![],
            notes: vec![],
        }
        .document()
        .to_json();
        for (i, _) in saved.char_indices() {
            let _ = Document::from_json(&saved[..i]);
            let _ = Document::from_json(&bump(&saved, i));
        }
    }
}
