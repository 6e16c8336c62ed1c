//! Unit tests of the edit layer.
#![allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges

use super::*;

const TEXT: &str = "Putin said Moscow and Tehran denied the reports.";

fn model() -> Annotation {
    Annotation {
        entities: vec![
            Entity {
                range: 0..5,
                label: Label::Person,
            },
            Entity {
                range: 11..17,
                label: Label::Org,
            },
        ],
        claims: vec![Claim {
            kind: ClaimKind::Statement,
            source: vec![0..5],
            cue: vec![6..10],
            content: vec![11..47],
            hedges: vec![],
            source_entity: None,
        }],
    }
}

fn surfaces(doc: &Document, view: &View) -> Vec<(String, Label, Provenance)> {
    view.annotation
        .entities
        .iter()
        .zip(&view.entities)
        .map(|(e, p)| (doc.text()[e.range.clone()].to_string(), e.label, *p))
        .collect()
}

#[test]
fn view_without_edits_is_the_model() {
    let doc = Document::new(TEXT);
    let view = doc.view(&model());
    assert_eq!(view.annotation, model());
    assert_eq!(view.entities, vec![Provenance::Model; 2]);
    assert!(!doc.has_edits());
}

#[test]
fn add_relabel_resize_delete() {
    let mut doc = Document::new(TEXT);
    let m = model();
    // Add Tehran (whitespace around the selection is trimmed).
    doc.add_entity(&doc.view(&m), 21..28, Label::Gpe).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        surfaces(&doc, &v),
        vec![
            ("Putin".into(), Label::Person, Provenance::Model),
            ("Moscow".into(), Label::Org, Provenance::Model),
            ("Tehran".into(), Label::Gpe, Provenance::User),
        ]
    );
    // Relabel the model's Moscow: it becomes a user entity.
    doc.relabel(&v, 1, Label::Gpe).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        v.annotation.entities[1],
        Entity {
            range: 11..17,
            label: Label::Gpe
        }
    );
    assert_eq!(v.entities[1], Provenance::User);
    // Resize Moscow over "Moscow and Tehran": Tehran is swallowed.
    doc.resize(&v, 1, 11..28).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        surfaces(&doc, &v)[1],
        ("Moscow and Tehran".into(), Label::Gpe, Provenance::User)
    );
    assert_eq!(v.annotation.entities.len(), 2);
    // Delete Putin (a model suggestion): it stays rejected.
    doc.delete_entity(&v, 0).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.entities.len(), 1);
    assert!(doc.layer().rejected.contains(&Entity {
        range: 0..5,
        label: Label::Person
    }));
}

#[test]
fn bad_edits_are_errors() {
    let mut doc = Document::new("é Paris");
    let v = doc.view(&Annotation::default());
    assert!(matches!(
        doc.add_entity(&v, 1..4, Label::Gpe),
        Err(Error::BadSpan { .. })
    ));
    assert!(doc.add_entity(&v, 2..3, Label::Gpe).is_err()); // only a space
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = 5..2;
    assert!(doc.add_entity(&v, reversed, Label::Gpe).is_err());
    assert!(doc.add_entity(&v, 0..99, Label::Gpe).is_err());
    assert!(matches!(
        doc.relabel(&v, 0, Label::Gpe),
        Err(Error::NoSuch {
            what: "entity",
            index: 0
        })
    ));
    assert!(doc.delete_claim(&v, 3).is_err());
    assert!(!doc.has_edits());
}

#[test]
fn accept_keeps_a_suggestion_whatever_the_model_says() {
    let mut doc = Document::new(TEXT);
    let v = doc.view(&model());
    doc.accept_entity(&v, 0).unwrap();
    let v = doc.view(&Annotation::default());
    assert_eq!(
        v.annotation.entities,
        vec![Entity {
            range: 0..5,
            label: Label::Person
        }]
    );
    assert_eq!(v.entities, vec![Provenance::Model]);
    assert_eq!(v.entity_kept, vec![true]);
}

#[test]
fn claim_edits() {
    let mut doc = Document::new(TEXT);
    let m = model();
    let v = doc.view(&m);
    doc.add_claim_part(&v, 0, Part::Hedge, 18..21).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        v.annotation.claims.len(),
        1,
        "the edited copy replaces the model's"
    );
    assert_eq!(v.claims, vec![Provenance::User]);
    assert_eq!(v.annotation.claims[0].hedges, vec![18..21]);
    doc.set_claim_kind(&v, 0, ClaimKind::Denial).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.claims[0].kind, ClaimKind::Denial);
    // A second claim: "denied" with source "Moscow and Tehran".
    doc.add_claim(ClaimKind::Denial, 29..35).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.claims.len(), 2);
    doc.add_claim_part(&v, 0, Part::Source, 11..28).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.claims[0].source, vec![0..5, 11..28]);
    doc.remove_claim_part(&v, 1, Part::Cue, 29..35).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.claims.len(), 1, "no cue left: the claim goes");
    doc.delete_claim(&v, 0).unwrap();
    assert!(
        doc.view(&m).annotation.claims.is_empty(),
        "the model's claim stays rejected"
    );
}

#[test]
fn edits_survive_text_changes_by_their_surface_text() {
    let mut doc = Document::new(TEXT);
    let m = model();
    doc.add_entity(&doc.view(&m), 22..28, Label::Gpe).unwrap(); // Tehran
    doc.delete_entity(&doc.view(&m), 0).unwrap(); // reject Putin
    let v = doc.view(&m);
    doc.add_claim_part(&v, 0, Part::Hedge, 36..39).unwrap();
    let new = "Yesterday, Putin said Moscow and Tehran flatly denied the reports.";
    assert_eq!(doc.set_text(new), 0);
    let l = doc.layer();
    assert_eq!(&new[l.entities[0].entity.range.clone()], "Tehran");
    assert_eq!(&new[l.rejected[0].range.clone()], "Putin");
    assert_eq!(&new[l.claims[0].claim.cue[0].clone()], "said");
    assert_eq!(&new[l.claims[0].claim.hedges[0].clone()], "the");
    // The model now annotates the new text; the rejection still holds.
    let model2 = Annotation {
        entities: vec![Entity {
            range: 11..16,
            label: Label::Person,
        }],
        claims: vec![],
    };
    let v = doc.view(&model2);
    assert_eq!(
        surfaces(&doc, &v),
        vec![("Tehran".into(), Label::Gpe, Provenance::User)]
    );
    // Removing Tehran from the text loses the edit, and says so.
    let lost = doc.set_text("Yesterday, Putin said Moscow flatly denied the reports.");
    assert_eq!(lost, 1);
    assert!(doc.layer().entities.is_empty());
}

#[test]
fn stale_model_spans_are_ignored() {
    let doc = Document::new("abc");
    let v = doc.view(&model());
    assert!(v.annotation.entities.is_empty() && v.annotation.claims.is_empty());
}

#[test]
fn with_annotation_is_exactly_the_annotation() {
    let m = model();
    let doc = Document::with_annotation(
        TEXT,
        &m,
        &[Provenance::User, Provenance::Model],
        &[Provenance::User],
    );
    let v = doc.view(&Annotation::default());
    assert_eq!(v.annotation, m);
    assert_eq!(v.entities, vec![Provenance::User, Provenance::Model]);
    assert_eq!(v.claims, vec![Provenance::User]);
    // Live suggestions are off: another model's output does not leak in.
    let other = Annotation {
        entities: vec![Entity {
            range: 22..28,
            label: Label::Gpe,
        }],
        claims: vec![],
    };
    assert_eq!(doc.view(&other).annotation, m);
}

#[test]
fn session_undo_redo() {
    let m = model();
    let mut s = Session::new(Document::new(TEXT));
    let v = s.doc().view(&m);
    s.apply(|d| d.delete_entity(&v, 0)).unwrap();
    let v = s.doc().view(&m);
    s.apply(|d| d.relabel(&v, 0, Label::Gpe)).unwrap();
    assert!(s.apply(|d| d.relabel(&v, 7, Label::Gpe)).is_err());
    s.apply(|d| Ok(d.set_text(&format!("{TEXT} More."))))
        .unwrap();
    assert_eq!(s.doc().text().len(), TEXT.len() + 6);
    assert!(s.undo());
    assert_eq!(s.doc().text(), TEXT);
    assert!(s.undo());
    assert_eq!(s.doc().view(&m).annotation.entities[0].label, Label::Org);
    assert!(s.undo());
    assert_eq!(s.doc().view(&m).annotation, m);
    assert!(!s.undo());
    assert!(s.redo() && s.redo());
    assert_eq!(
        s.doc().view(&m).annotation.entities,
        vec![Entity {
            range: 11..17,
            label: Label::Gpe
        }]
    );
    // An edit that changes nothing is not a step.
    let v = s.doc().view(&m);
    s.apply(|d| d.relabel(&v, 0, Label::Gpe)).unwrap();
    assert!(s.redo());
    assert!(!s.redo());
}

#[test]
fn saved_documents_round_trip_exactly() {
    let m = model();
    let mut doc = Document::new("😀 ".to_string().as_str());
    doc.set_text(&format!("😀 {TEXT}"));
    let v = doc.view(&m);
    let _ = doc.add_entity(&v, 5..10, Label::Person);
    let v = doc.view(&m);
    let _ = doc.add_claim(ClaimKind::Denial, 38..44);
    let v2 = doc.view(&m);
    let _ = doc.add_claim_part(&v2, 0, Part::Source, 5..10);
    doc.delete_entity(&v, 0).unwrap_or_default();
    doc.set_suggestions(false);
    let json = doc.to_json();
    let back = Document::from_json(&json).unwrap();
    assert_eq!(back, doc);
    assert_eq!(back.to_json(), json);
}

#[test]
fn malformed_saved_documents_are_errors() {
    for bad in [
        "",
        "[]",
        "{\"version\": 2, \"text\": \"\"}",
        "{\"version\": 1}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[0, 9, \"GPE\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[0, 1, \"XYZ\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[0, 2, \"GPE\"], [1, 2, \"ORG\"]]}",
        "{\"version\": 1, \"text\": \"é\", \"entities\": [[0, 1, \"GPE\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"claims\": [{\"kind\": \"statement\", \"cue\": []}]}",
        "{\"version\": 1, \"text\": \"ab\", \"claims\": [{\"kind\": \"x\", \"cue\": [[0, 1]]}]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[-1, 1, \"GPE\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": {}}",
    ] {
        assert!(Document::from_json(bad).is_err(), "{bad}");
    }
}
