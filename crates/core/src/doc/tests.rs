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
fn entities_nest_from_edits_but_never_cross() {
    // TEXT: "Putin said Moscow and Tehran denied the reports."
    let m = model();
    let mut doc = Document::new(TEXT);
    // A user ORG around the model's ORG "Moscow" (11..17): both stay, the
    // model's as accepted; the outer one comes first.
    doc.add_entity(&doc.view(&m), 11..28, Label::Org).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        surfaces(&doc, &v),
        vec![
            ("Putin".into(), Label::Person, Provenance::Model),
            ("Moscow and Tehran".into(), Label::Org, Provenance::User),
            ("Moscow".into(), Label::Org, Provenance::Model),
        ]
    );
    assert_eq!(v.entity_kept, vec![false, true, true]);
    // A user GPE inside the outer one, "Tehran": three levels are fine.
    doc.add_entity(&v, 22..28, Label::Gpe).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        surfaces(&doc, &v)[1..],
        [
            ("Moscow and Tehran".into(), Label::Org, Provenance::User),
            ("Moscow".into(), Label::Org, Provenance::Model),
            ("Tehran".into(), Label::Gpe, Provenance::User),
        ]
    );
    // Relabelling the outer one keeps what is inside it.
    doc.relabel(&v, 1, Label::Gpe).unwrap();
    let v = doc.view(&m);
    assert_eq!(v.annotation.entities.len(), 4);
    assert_eq!(v.annotation.entities[1].label, Label::Gpe);
    // The same range again replaces; a crossing span removes what it
    // crosses: "Tehran denied" crosses "Moscow and Tehran".
    doc.add_entity(&v, 22..35, Label::Event).unwrap();
    let v = doc.view(&m);
    assert_eq!(
        surfaces(&doc, &v),
        vec![
            ("Putin".into(), Label::Person, Provenance::Model),
            ("Moscow".into(), Label::Org, Provenance::Model),
            ("Tehran denied".into(), Label::Event, Provenance::User),
            ("Tehran".into(), Label::Gpe, Provenance::User),
        ]
    );
    // Saved, reloaded, imported, re-anchored: nesting survives.
    let back = Document::from_json(&doc.to_json()).unwrap();
    assert_eq!(back.view(&m), v);
    let imported = Document::with_annotation(TEXT, &v.annotation, &v.entities, &v.claims);
    assert_eq!(
        imported.view(&Annotation::default()).annotation.entities,
        v.annotation.entities
    );
    let mut moved = doc.clone();
    assert_eq!(moved.set_text(&format!("Yes. {TEXT}")), 0);
    assert_eq!(
        moved.view(&m).annotation.entities.len() - 1,
        3,
        "the model's stale spans aside"
    );
    // Nested entities in a saved document read; crossing ones do not
    // (see malformed_saved_documents_are_errors).
    let nested =
        "{\"version\": 1, \"text\": \"abc\", \"entities\": [[0, 3, \"ORG\"], [1, 2, \"GPE\"]]}";
    assert_eq!(
        Document::from_json(nested).unwrap().layer().entities.len(),
        2
    );
}

#[test]
fn first_clash_finds_crossing_not_nesting() {
    assert_eq!(first_clash(&[0..10, 0..4, 2..3, 5..10, 12..14]), None);
    assert_eq!(first_clash(&[0..10, 5..12]), Some((0, 1)));
    assert_eq!(first_clash(&[0..10, 2..4, 3..6]), Some((1, 2)));
    assert_eq!(first_clash(&[0..4, 0..4]), Some((0, 1)));
}

#[test]
fn claim_parts_resize_by_a_word_and_undo() {
    use words::Edge;
    // TEXT: "Putin said Moscow and Tehran denied the reports."
    let m = model();
    let mut session = Session::new(Document::new(TEXT));
    let part_text = |s: &Session, part: Part| -> Vec<String> {
        let v = s.doc().view(&m);
        part.of(&v.annotation.claims[0])
            .iter()
            .map(|r| TEXT[r.clone()].to_string())
            .collect()
    };
    let resize = |s: &mut Session, part: Part, edge: Edge, grow: bool| {
        let v = s.doc().view(&m);
        s.apply(|d| d.resize_claim_part(&v, 0, part, edge, grow))
    };
    // The content shrinks from its end and start, one word at a time.
    assert_eq!(
        resize(&mut session, Part::Content, Edge::End, false),
        Ok(true)
    );
    assert_eq!(
        part_text(&session, Part::Content),
        ["Moscow and Tehran denied the"]
    );
    assert_eq!(
        resize(&mut session, Part::Content, Edge::Start, false),
        Ok(true)
    );
    assert_eq!(
        part_text(&session, Part::Content),
        ["and Tehran denied the"]
    );
    let v = session.doc().view(&m);
    assert_eq!(
        v.claims,
        vec![Provenance::User],
        "the edited copy replaces the model's"
    );
    assert_eq!(v.annotation.claims.len(), 1);
    // The source grows by a word at its end; the cue grows at its start.
    assert_eq!(
        resize(&mut session, Part::Source, Edge::End, true),
        Ok(true)
    );
    assert_eq!(part_text(&session, Part::Source), ["Putin said"]);
    assert_eq!(resize(&mut session, Part::Cue, Edge::Start, true), Ok(true));
    assert_eq!(part_text(&session, Part::Cue), ["Putin said"]);
    // At the text's start nothing moves, and no step is recorded.
    assert_eq!(
        resize(&mut session, Part::Cue, Edge::Start, true),
        Ok(false)
    );
    // A one-word part cannot shrink; an empty part is an error.
    let mut one = Session::new(Document::new(TEXT));
    assert_eq!(resize(&mut one, Part::Source, Edge::End, false), Ok(false));
    assert!(!one.can_undo());
    assert!(resize(&mut one, Part::Hedge, Edge::End, true).is_err());
    assert!(!one.can_undo());
    // Every change is one undo step, back to the model's claim.
    for _ in 0..4 {
        assert!(session.undo());
    }
    assert!(!session.can_undo());
    assert_eq!(session.doc().view(&m).annotation, m);
    assert!(session.redo());
    assert_eq!(
        part_text(&session, Part::Content),
        ["Moscow and Tehran denied the"]
    );
}

#[test]
fn a_claim_part_in_pieces_moves_its_outer_edges() {
    use words::Edge;
    // TEXT: "Putin said Moscow and Tehran denied the reports."
    let m = model();
    let mut doc = Document::new(TEXT);
    let v = doc.view(&m);
    // Source in two pieces: "Putin" and "Moscow".
    doc.add_claim_part(&v, 0, Part::Source, 11..17).unwrap();
    let source = |doc: &Document| doc.view(&m).annotation.claims[0].source.clone();
    assert_eq!(source(&doc), vec![0..5, 11..17]);
    // The end edge is the last piece's: "Moscow and".
    let v = doc.view(&m);
    assert_eq!(
        doc.resize_claim_part(&v, 0, Part::Source, Edge::End, true),
        Ok(true)
    );
    assert_eq!(source(&doc), vec![0..5, 11..21]);
    // The start edge is the first piece's, already at the text's start.
    let v = doc.view(&m);
    assert_eq!(
        doc.resize_claim_part(&v, 0, Part::Source, Edge::Start, true),
        Ok(false)
    );
    assert_eq!(source(&doc), vec![0..5, 11..21]);
    // Shrinking the last piece's start leaves the first piece alone.
    let v = doc.view(&m);
    assert_eq!(
        doc.resize_claim_part(&v, 0, Part::Source, Edge::Start, false),
        Ok(false),
        "the first piece is one word"
    );
    let v = doc.view(&m);
    assert_eq!(
        doc.resize_claim_part(&v, 0, Part::Source, Edge::End, false),
        Ok(true)
    );
    assert_eq!(source(&doc), vec![0..5, 11..17]);
    // A claim that is not there is an error.
    let v = doc.view(&m);
    assert!(doc
        .resize_claim_part(&v, 3, Part::Source, Edge::End, true)
        .is_err());
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
        "{\"version\": 1, \"text\": \"abc\", \"entities\": [[0, 2, \"GPE\"], [1, 3, \"ORG\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[0, 2, \"GPE\"], [0, 2, \"ORG\"]]}",
        "{\"version\": 1, \"text\": \"é\", \"entities\": [[0, 1, \"GPE\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"claims\": [{\"kind\": \"statement\", \"cue\": []}]}",
        "{\"version\": 1, \"text\": \"ab\", \"claims\": [{\"kind\": \"x\", \"cue\": [[0, 1]]}]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": [[-1, 1, \"GPE\"]]}",
        "{\"version\": 1, \"text\": \"ab\", \"entities\": {}}",
    ] {
        assert!(Document::from_json(bad).is_err(), "{bad}");
    }
}

#[test]
fn damaged_saved_documents_say_where_not_which_line() {
    let e = Document::from_json(r#"{"version":"1","text":"x"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"saved-document version "1" is not supported (this build reads 1)"#
    );
    let e = Document::from_json(r#"{"text":"x"}"#).unwrap_err();
    assert_eq!(e.to_string(), r#"no "version""#);
    let e = Document::from_json(r#"{"version":1,"text":"x""#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not valid JSON: EOF while parsing an object, at character 23"
    );
    let e = Document::from_json("{\n\"version\":1,\n\"text\" 3}").unwrap_err();
    assert!(e.to_string().ends_with("at line 3 character 8"), "{e}");
}
