//! The CLI's JSON lines: one document in, one annotation record out.
//!
//! Offsets in records are Unicode code points, end exclusive:
//! `{"id": "a", "entities": [[0, 6, "GPE"]], "claims": [{"kind": "denial",
//! "cue": [[23, 29]], "source": [[0, 17]], "content": [], "hedges": [], "vague_source": false}]}`

use std::ops::Range;

use serde_json::{json, Value};

use super::Imported;
use crate::annotation::ClaimKind;
use crate::annotation::Label;
use crate::annotation::{Annotation, Claim, Entity};
use crate::claims::sources;
use crate::doc::{Provenance, View};
use crate::error::Error;
use crate::syntax::Parse;
use crate::text::Offsets;
use crate::tokenize::Tokens;

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The document's id, as given (a string or a number's text).
    pub id: String,
    /// The document's text.
    pub text: String,
}

/// Reads one input line, `{"id": ..., "text": ...}`; `line_no` is 1-based
/// and names the line in the error.
pub fn read_input(line: &str, line_no: usize) -> Result<Input, Error> {
    let err = |message: String| Error::Parse {
        line: line_no,
        message,
    };
    let value: Value =
        serde_json::from_str(line).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| err("expected a JSON object".into()))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(err("\"id\" must be a string or a number".into())),
        None => return Err(err("missing \"id\"".into())),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(err("\"text\" must be a string".into())),
        None => return Err(err("missing \"text\"".into())),
    };
    Ok(Input { id, text })
}

/// The annotation of `text` as a JSON value with code-point offsets.
pub fn to_value(id: &str, text: &str, annotation: &Annotation) -> Value {
    let offsets = Offsets::new(text);
    let spans = |ranges: &[Range<usize>]| -> Value {
        ranges
            .iter()
            .map(|r| {
                let (s, e) = offsets.chars_of(r);
                json!([s, e])
            })
            .collect()
    };
    let entities: Vec<Value> = annotation
        .entities
        .iter()
        .map(|e| {
            let (s, t) = offsets.chars_of(&e.range);
            json!([s, t, e.label.as_str()])
        })
        .collect();
    let claims: Vec<Value> = annotation
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = json!({
                "kind": c.kind.as_str(),
                "cue": spans(&c.cue),
                "source": spans(&c.source),
                "content": spans(&c.content),
                "hedges": spans(&c.hedges),
                // The ledger's judgement (missing, a bare pronoun, unnamed,
                // impersonal), so that corpus users filter as the page does.
                "vague_source": sources::vague_source(text, annotation, i).is_some(),
            });
            // Only when a source was linked, so records without one keep
            // exactly the fields DESIGN.md lists.
            if let (Some(r), Some(obj)) = (&c.source_entity, v.as_object_mut()) {
                let (s, e) = offsets.chars_of(r);
                obj.insert("source_entity".into(), json!([s, e]));
            }
            v
        })
        .collect();
    json!({"id": id, "entities": entities, "claims": claims})
}

/// The `"tokens"` field of `sift annotate --syntax`: for each token
/// `[start, end, "POS", head, "DEPREL"]`, code points, end exclusive,
/// `head` the index of the head token in this list and -1 for a root (the
/// layout `shared/tools/score_syntax.py` reads).
pub fn tokens_value(text: &str, tokens: &Tokens, parse: &Parse) -> Value {
    let offsets = Offsets::new(text);
    tokens
        .tokens
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (s, e) = offsets.chars_of(r);
            let head = parse.heads[i].map_or(-1, i64::from);
            json!([s, e, parse.pos(i), head, parse.deprel(i)])
        })
        .collect()
}

/// Where the `index`-th item of the top-level list `key` starts: its
/// 1-based line in `src` (for error messages). Falls back to line 1.
fn line_of_item(src: &str, key: &str, index: usize) -> usize {
    let line_at = |pos: usize| src[..pos].matches('\n').count() + 1;
    let Some(k) = src.find(&format!("\"{key}\"")) else {
        return 1;
    };
    let Some(open) = src[k..].find('[').map(|i| k + i) else {
        return line_at(k);
    };
    // Walk the list, counting items at depth 1, skipping strings.
    let (mut depth, mut in_str, mut escaped, mut count, mut expect_item) =
        (0usize, false, false, 0usize, true);
    for (i, ch) in src[open..].char_indices() {
        let pos = open + i;
        if in_str {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '[' | '{' if depth == 0 => depth = 1,
            _ if depth == 1 && expect_item && !ch.is_whitespace() && ch != ']' => {
                if count == index {
                    return line_at(pos);
                }
                count += 1;
                expect_item = false;
                match ch {
                    '[' | '{' => depth += 1,
                    '"' => in_str = true,
                    _ => {}
                }
            }
            ',' if depth == 1 => expect_item = true,
            '"' => in_str = true,
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    line_at(k)
}

/// A document with its text and provenance, as the app exports it:
/// `{"id", "text", "entities", "claims", "provenance": {"entities": [...],
/// "claims": [...]}}`, the CLI's record plus the text and, for each entity
/// and claim in order, `"model"` or `"user"`. One entity or claim per line.
pub fn export(id: &str, text: &str, view: &View) -> String {
    let value = to_value(id, text, &view.annotation);
    let list = |v: &Value| -> String {
        let items: Vec<String> = v
            .as_array()
            .map(|a| a.iter().map(Value::to_string).collect())
            .unwrap_or_default();
        if items.is_empty() {
            "[]".into()
        } else {
            format!("[\n    {}\n  ]", items.join(",\n    "))
        }
    };
    let names = |p: &[Provenance]| {
        Value::from(p.iter().map(|p| p.as_str()).collect::<Vec<_>>()).to_string()
    };
    format!(
        "{{\n  \"id\": {},\n  \"text\": {},\n  \"entities\": {},\n  \"claims\": {},\n  \"provenance\": {{\"entities\": {}, \"claims\": {}}}\n}}\n",
        Value::from(id),
        Value::from(text),
        list(&value["entities"]),
        list(&value["claims"]),
        names(&view.entities),
        names(&view.claims),
    )
}

/// Reads a document the app exported (or any object with `"text"` and the
/// CLI's `"entities"` and `"claims"`). `"id"` defaults to `"imported"`,
/// missing provenance to `"model"`. Errors name the line of the bad item.
pub fn import(src: &str) -> Result<Imported, Error> {
    let value: Value = serde_json::from_str(src).map_err(|e| Error::Parse {
        line: e.line().max(1),
        message: format!("not valid JSON: {e}"),
    })?;
    let at = |key: &str, index: usize, message: String| Error::Parse {
        line: line_of_item(src, key, index),
        message,
    };
    let obj = value.as_object().ok_or_else(|| Error::Parse {
        line: 1,
        message: "expected a JSON object".into(),
    })?;
    let top = |message: &str| Error::Parse {
        line: 1,
        message: message.into(),
    };
    let id = match obj.get("id") {
        None => "imported".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(top("\"id\" must be a string or a number")),
    };
    let text = obj
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| top("missing \"text\" (the document's text)"))?;
    let offsets = Offsets::new(text);
    let list = |key: &str| -> Result<Vec<Value>, Error> {
        match obj.get(key) {
            None => Ok(vec![]),
            Some(Value::Array(a)) => Ok(a.clone()),
            Some(_) => Err(top(&format!("\"{key}\" must be a list"))),
        }
    };
    let span = |v: &Value| -> Result<Range<usize>, String> {
        let a = v
            .as_array()
            .filter(|a| a.len() >= 2)
            .ok_or("expected [start, end]")?;
        let n = |x: &Value| x.as_u64().and_then(|n| usize::try_from(n).ok());
        let (Some(s), Some(e)) = (n(&a[0]), n(&a[1])) else {
            return Err("offsets must be whole numbers".into());
        };
        match offsets.bytes_of(s, e) {
            Some(r) if s < e => Ok(r),
            _ => Err(format!(
                "span [{s}, {e}] does not fit the text ({} characters)",
                offsets.chars()
            )),
        }
    };
    let provenance = obj.get("provenance");
    let prov = |kind: &str, i: usize| -> Result<Provenance, Error> {
        match provenance.and_then(|p| p.get(kind)).and_then(|l| l.get(i)) {
            None => Ok(Provenance::Model),
            Some(v) => v
                .as_str()
                .unwrap_or_default()
                .parse()
                .map_err(|e: String| at("provenance", 0, e)),
        }
    };
    let mut entities = Vec::new();
    for (i, v) in list("entities")?.iter().enumerate() {
        let err = |m: String| at("entities", i, format!("entity {}: {m}", i + 1));
        let range = span(v).map_err(err)?;
        let label = v
            .get(2)
            .and_then(Value::as_str)
            .ok_or_else(|| err("missing its label".into()))?;
        let label: Label = label.parse().map_err(err)?;
        entities.push((Entity { range, label }, prov("entities", i)?, i));
    }
    // Entities may nest (from edits) but not cross.
    entities.sort_by_key(|(e, _, _)| crate::doc::entity_order(&e.range));
    let ranges: Vec<_> = entities.iter().map(|e| e.0.range.clone()).collect();
    if let Some((_, j)) = crate::doc::first_clash(&ranges) {
        return Err(at(
            "entities",
            entities[j].2,
            format!(
                "entity {} overlaps another entity without nesting in it",
                entities[j].2 + 1
            ),
        ));
    }
    let mut claims = Vec::new();
    let mut claim_prov = Vec::new();
    for (i, v) in list("claims")?.iter().enumerate() {
        let err = |m: String| at("claims", i, format!("claim {}: {m}", i + 1));
        let o = v
            .as_object()
            .ok_or_else(|| err("expected an object".into()))?;
        let kind = o
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| err("missing \"kind\"".into()))?;
        let kind: ClaimKind = kind.parse().map_err(err)?;
        let part = |key: &str| -> Result<Vec<Range<usize>>, Error> {
            match o.get(key) {
                None => Ok(vec![]),
                Some(Value::Array(a)) => a
                    .iter()
                    .map(|s| span(s).map_err(|m| err(format!("{key}: {m}"))))
                    .collect(),
                Some(_) => Err(err(format!("\"{key}\" must be a list of spans"))),
            }
        };
        let claim = Claim {
            kind,
            cue: part("cue")?,
            source: part("source")?,
            content: part("content")?,
            hedges: part("hedges")?,
            source_entity: match o.get("source_entity") {
                None | Some(Value::Null) => None,
                Some(v) => Some(span(v).map_err(|m| err(format!("source_entity: {m}")))?),
            },
        };
        if claim.cue.is_empty() {
            return Err(err("a claim needs a cue".into()));
        }
        claims.push(claim);
        claim_prov.push(prov("claims", i)?);
    }
    Ok(Imported {
        id,
        text: text.to_string(),
        entities: entities.iter().map(|e| e.1).collect(),
        annotation: Annotation {
            entities: entities.into_iter().map(|e| e.0).collect(),
            claims,
        },
        claims: claim_prov,
        notes: vec![],
    })
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::Entity;
    use crate::annotation::Label;

    #[test]
    fn records_say_whether_a_source_is_vague() {
        let text = "Officials said it. Ruth Okafor denied it.";
        let claim = |source: Range<usize>, cue: Range<usize>| Claim {
            kind: ClaimKind::Statement,
            source: vec![source],
            cue: vec![cue],
            content: vec![],
            hedges: vec![],
            source_entity: None,
        };
        let annotation = Annotation {
            entities: vec![Entity {
                range: 19..30,
                label: Label::Person,
            }],
            claims: vec![claim(0..9, 10..14), claim(19..30, 31..37)],
        };
        let v = to_value("a", text, &annotation);
        assert_eq!(v["claims"][0]["vague_source"], json!(true));
        assert_eq!(v["claims"][1]["vague_source"], json!(false));
    }

    #[test]
    fn reads_and_names_bad_lines() {
        assert_eq!(
            read_input(r#"{"id": 7, "text": "x"}"#, 1).unwrap(),
            Input {
                id: "7".into(),
                text: "x".into()
            }
        );
        let e = read_input("{oops", 3).unwrap_err();
        assert!(e.to_string().starts_with("line 3: not valid JSON"), "{e}");
        assert!(read_input(r#"{"id": "a"}"#, 4)
            .unwrap_err()
            .to_string()
            .contains("missing \"text\""));
        assert!(read_input("[1]", 5).is_err());
    }

    #[test]
    fn writes_code_point_offsets() {
        let text = "😀 Moscow";
        let ann = Annotation {
            entities: vec![Entity {
                range: 5..11,
                label: Label::Gpe,
            }],
            claims: vec![],
        };
        let v = to_value("d", text, &ann);
        assert_eq!(v["entities"], json!([[2, 8, "GPE"]]));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
    fn source_entity_only_when_linked() {
        use crate::annotation::ClaimKind;
        let text = "😀 Putin. He said so.";
        let mut claim = crate::annotation::Claim {
            kind: ClaimKind::Statement,
            source: vec![12..14],
            cue: vec![15..19],
            content: vec![20..22],
            hedges: vec![],
            source_entity: None,
        };
        let ann = |c: &crate::annotation::Claim| Annotation {
            entities: vec![],
            claims: vec![c.clone()],
        };
        assert!(to_value("d", text, &ann(&claim))["claims"][0]
            .get("source_entity")
            .is_none());
        claim.source_entity = Some(5..10);
        assert_eq!(
            to_value("d", text, &ann(&claim))["claims"][0]["source_entity"],
            json!([2, 7])
        );
    }

    fn sample() -> (String, View) {
        use crate::doc::{Document, Part};
        let text = "😀 Putin said Moscow and Tehran \"denied\" it.\nNext line.";
        let model = Annotation {
            entities: vec![
                Entity {
                    range: 5..10,
                    label: Label::Person,
                },
                Entity {
                    range: 16..22,
                    label: Label::Gpe,
                },
            ],
            claims: vec![crate::annotation::Claim {
                kind: ClaimKind::Statement,
                source: vec![5..10],
                cue: vec![11..15],
                content: vec![16..49],
                hedges: vec![],
                source_entity: Some(5..10),
            }],
        };
        let mut doc = Document::new(text);
        let v = doc.view(&model);
        doc.add_entity(&v, 27..33, Label::Gpe).unwrap();
        doc.add_claim(ClaimKind::Denial, 35..41).unwrap();
        let v = doc.view(&model);
        doc.add_claim_part(&v, 1, Part::Source, 16..33).unwrap();
        let v = doc.view(&model);
        doc.add_claim_part(&v, 1, Part::Hedge, 5..10).unwrap();
        (text.to_string(), doc.view(&model))
    }

    #[test]
    fn export_import_export_is_identical() {
        let (text, view) = sample();
        let out = export("a\"b", &text, &view);
        let back = import(&out).unwrap();
        assert_eq!(back.text, text);
        assert_eq!(back.id, "a\"b");
        let again = back.view();
        assert_eq!(
            (&again.annotation, &again.entities, &again.claims),
            (&view.annotation, &view.entities, &view.claims)
        );
        assert_eq!(export(&back.id, &back.text, &again), out);
        assert!(out.contains("\"provenance\": {\"entities\": [\"model\",\"model\",\"user\"], \"claims\": [\"model\",\"user\"]}"), "{out}");
    }

    #[test]
    fn import_errors_name_the_line() {
        let (text, view) = sample();
        let good = export("a", &text, &view);
        // Break the second entity (line 6: id, text, "entities": [ then items).
        let bad = good.replacen("\"GPE\"]", "\"PLANET\"]", 1);
        let e = import(&bad).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 6: entity 2: unknown entity label"),
            "{e}"
        );
        let bad = good.replacen("[13,19,", "[13,999,", 1);
        let e = import(&bad).unwrap_err().to_string();
        assert!(
            e.starts_with("line 6: entity 2: span [13, 999] does not fit"),
            "{e}"
        );
        let e = import("{\n  \"text\": \"ab\",\n  \"claims\": [\n  {\"kind\": \"statement\", \"cue\": [[0, 1]]},\n  {\"kind\": \"shout\", \"cue\": [[0, 1]]}\n]}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 5: claim 2: unknown claim kind \"shout\""
        );
        assert!(import("{\"text\": 3}")
            .unwrap_err()
            .to_string()
            .contains("missing \"text\""));
        assert!(import("{\n\"text\": \"ab\",,}")
            .unwrap_err()
            .to_string()
            .starts_with("line 2: not valid JSON"));
        let overlapping = "{\"text\": \"abc\", \"entities\": [[0, 2, \"ORG\"], [1, 3, \"GPE\"]]}";
        assert!(import(overlapping)
            .unwrap_err()
            .to_string()
            .contains("overlaps"));
        for junk in ["", "[]", "null", "{\"text\": \"a\", \"entities\": [[1, 0, \"ORG\"]]}", "{\"text\": \"a\", \"claims\": [{\"kind\": \"report\"}]}", "{\"text\": \"a\", \"provenance\": {\"entities\": [\"robot\"]}, \"entities\": [[0, 1, \"ORG\"]]}"] {
            assert!(import(junk).is_err(), "{junk}");
        }
    }
}
