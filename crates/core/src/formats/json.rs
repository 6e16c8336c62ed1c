//! The CLI's JSON lines: one document in, one annotation record out.
//!
//! Offsets in records are Unicode code points, end exclusive:
//! `{"id": "a", "entities": [[0, 6, "GPE"]], "claims": [{"kind": "denial",
//! "cue": [[23, 29]], "source": [[0, 17]], "content": [], "hedges": []}]}`

use std::ops::Range;

use serde_json::{json, Value};

use crate::annotate::Annotation;
use crate::error::Error;
use crate::text::Offsets;

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
    let err = |message: String| Error::Parse { line: line_no, message };
    let value: Value = serde_json::from_str(line).map_err(|e| err(format!("not valid JSON: {e}")))?;
    let obj = value.as_object().ok_or_else(|| err("expected a JSON object".into()))?;
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
        .map(|c| {
            let mut v = json!({
                "kind": c.kind.as_str(),
                "cue": spans(&c.cue),
                "source": spans(&c.source),
                "content": spans(&c.content),
                "hedges": spans(&c.hedges),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Entity;
    use crate::label::Label;

    #[test]
    fn reads_and_names_bad_lines() {
        assert_eq!(read_input(r#"{"id": 7, "text": "x"}"#, 1).unwrap(), Input { id: "7".into(), text: "x".into() });
        let e = read_input("{oops", 3).unwrap_err();
        assert!(e.to_string().starts_with("line 3: not valid JSON"), "{e}");
        assert!(read_input(r#"{"id": "a"}"#, 4).unwrap_err().to_string().contains("missing \"text\""));
        assert!(read_input("[1]", 5).is_err());
    }

    #[test]
    fn writes_code_point_offsets() {
        let text = "😀 Moscow";
        let ann = Annotation { entities: vec![Entity { range: 5..11, label: Label::Gpe }], claims: vec![] };
        let v = to_value("d", text, &ann);
        assert_eq!(v["entities"], json!([[2, 8, "GPE"]]));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
    fn source_entity_only_when_linked() {
        use crate::claims::ClaimKind;
        let text = "😀 Putin. He said so.";
        let mut claim = crate::annotate::Claim {
            kind: ClaimKind::Statement,
            source: vec![12..14],
            cue: vec![15..19],
            content: vec![20..22],
            hedges: vec![],
            source_entity: None,
        };
        let ann = |c: &crate::annotate::Claim| Annotation { entities: vec![], claims: vec![c.clone()] };
        assert!(to_value("d", text, &ann(&claim))["claims"][0].get("source_entity").is_none());
        claim.source_entity = Some(5..10);
        assert_eq!(to_value("d", text, &ann(&claim))["claims"][0]["source_entity"], json!([2, 7]));
    }
}
