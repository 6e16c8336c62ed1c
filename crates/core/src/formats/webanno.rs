//! W3C Web Annotation (JSON-LD): an `AnnotationCollection` whose items
//! point into the document with both a `TextQuoteSelector` (the exact text,
//! with up to 32 characters of prefix and suffix) and a
//! `TextPositionSelector` (code-point offsets, as the model specifies).
//!
//! - An entity is an annotation with motivation `tagging` and a
//!   `TextualBody` holding its label.
//! - Each span of a claim part is an annotation with motivation
//!   `classifying` and three bodies: its role (`tagging`: `source`, `cue`,
//!   `content`, `hedge`), the claim's kind (`classifying`) and the claim it
//!   belongs to (`identifying`: `claim-1`, ...).
//! - Provenance is the `creator`: `Software` for the model, `Person` for
//!   user edits.
//!
//! Export only.

use std::ops::Range;

use serde_json::{json, Value};

use crate::doc::{Part, Provenance, View};
use crate::text::Offsets;

const CONTEXT_CHARS: usize = 32;

/// The document's IRI: `urn:sift:` and its id, with anything but ASCII
/// letters, digits, `-`, `.` and `_` written as `-`.
pub fn source_iri(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("urn:sift:{safe}")
}

fn creator(p: Provenance) -> Value {
    match p {
        Provenance::Model => json!({"type": "Software", "name": "Sift model"}),
        Provenance::User => json!({"type": "Person", "name": "annotator"}),
    }
}

fn target(source: &str, text: &str, offsets: &Offsets, r: &Range<usize>) -> Value {
    let (s, e) = offsets.chars_of(r);
    let before = offsets
        .byte_of_char(s.saturating_sub(CONTEXT_CHARS))
        .unwrap_or(0);
    let after = offsets
        .byte_of_char((e + CONTEXT_CHARS).min(offsets.chars()))
        .unwrap_or(text.len());
    json!({
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text.get(r.clone()).unwrap_or_default(),
                "prefix": text.get(before..r.start).unwrap_or_default(),
                "suffix": text.get(r.end..after).unwrap_or_default(),
            },
            {"type": "TextPositionSelector", "start": s, "end": e},
        ],
    })
}

/// The collection for `text` (named `id`) and `view`, as pretty JSON.
pub fn export(id: &str, text: &str, view: &View) -> String {
    let source = source_iri(id);
    let offsets = Offsets::new(text);
    let mut items = Vec::new();
    for (n, (e, p)) in view
        .annotation
        .entities
        .iter()
        .zip(&view.entities)
        .enumerate()
    {
        items.push(json!({
            "id": format!("{source}#entity-{}", n + 1),
            "type": "Annotation",
            "motivation": "tagging",
            "creator": creator(*p),
            "body": {"type": "TextualBody", "purpose": "tagging", "value": e.label.as_str()},
            "target": target(&source, text, &offsets, &e.range),
        }));
    }
    for (n, (c, p)) in view.annotation.claims.iter().zip(&view.claims).enumerate() {
        let mut k = 0;
        for part in [Part::Source, Part::Cue, Part::Content, Part::Hedge] {
            for r in part.of(c) {
                k += 1;
                items.push(json!({
                    "id": format!("{source}#claim-{}-{k}", n + 1),
                    "type": "Annotation",
                    "motivation": "classifying",
                    "creator": creator(*p),
                    "body": [
                        {"type": "TextualBody", "purpose": "tagging", "value": part.as_str()},
                        {"type": "TextualBody", "purpose": "classifying", "value": c.kind.as_str()},
                        {"type": "TextualBody", "purpose": "identifying", "value": format!("claim-{}", n + 1)},
                    ],
                    "target": target(&source, text, &offsets, r),
                }));
            }
        }
    }
    let collection = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("{source}#annotations"),
        "type": "AnnotationCollection",
        "label": format!("Sift annotations of {id}"),
        "total": items.len(),
        "first": {
            "id": format!("{source}#annotations-page-1"),
            "type": "AnnotationPage",
            "partOf": format!("{source}#annotations"),
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;
    use crate::annotation::Label;
    use crate::annotation::{Annotation, Claim, Entity};
    use crate::formats::model_view;

    #[test]
    fn selectors_point_at_the_text() {
        let text = "😀 Iran denied it.";
        let ann = Annotation {
            entities: vec![Entity {
                range: 5..9,
                label: Label::Gpe,
            }],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![5..9],
                cue: vec![10..16],
                content: vec![],
                hedges: vec![],
                source_entity: None,
            }],
        };
        let mut view = model_view(&ann);
        view.claims[0] = Provenance::User;
        let v: Value = serde_json::from_str(&export("my doc", text, &view)).unwrap();
        assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(v["total"], 3);
        let items = v["first"]["items"].as_array().unwrap();
        let e = &items[0];
        assert_eq!(e["body"]["value"], "GPE");
        assert_eq!(e["target"]["source"], "urn:sift:my-doc");
        assert_eq!(
            e["target"]["selector"][0],
            json!({"type": "TextQuoteSelector", "exact": "Iran", "prefix": "😀 ", "suffix": " denied it."})
        );
        assert_eq!(
            e["target"]["selector"][1],
            json!({"type": "TextPositionSelector", "start": 2, "end": 6})
        );
        assert_eq!(e["creator"]["type"], "Software");
        let cue = &items[2];
        assert_eq!(cue["body"][0]["value"], "cue");
        assert_eq!(cue["body"][1]["value"], "denial");
        assert_eq!(cue["body"][2]["value"], "claim-1");
        assert_eq!(cue["creator"]["type"], "Person");
        assert_eq!(cue["target"]["selector"][1]["start"], 7);
    }
}
