//! Reading the scorer's JSONL files (`read_jsonl` in `score_ner.py`).

use crate::Error;
use std::collections::HashMap;

use serde_json::Value;

use super::Doc;
use crate::score::{pychar, universal_newlines};

/// Parses JSONL content, one document a line: `{"id", "text"?, "entities"?}`.
///
/// A later document with the same id replaces an earlier one and keeps its
/// position, as the script's dict does; each such duplicate gives a warning.
/// A missing `text` or `entities` reads as empty (prediction files need not
/// repeat the text).
///
/// Offsets must be numbers and labels strings (the script would accept
/// numeric strings); see `offset` for negative and fractional offsets.
pub fn read_jsonl_with_warnings(content: &str) -> Result<(Vec<Doc>, Vec<String>), Error> {
    let mut docs: Vec<Doc> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    // The script iterates a text-mode file: lines end at \n, \r\n or \r.
    for (i, line) in universal_newlines(content).split('\n').enumerate() {
        let n = i + 1;
        let line = pychar::strip(line);
        if line.is_empty() {
            continue;
        }
        let doc = parse_doc(line).map_err(|e| Error::line(n, e))?;
        match position.get(&doc.id) {
            Some(&at) => {
                warnings.push(format!(
                    "warning: line {n}: duplicate id {:?}, later one kept",
                    doc.id
                ));
                docs[at] = doc;
            }
            None => {
                position.insert(doc.id.clone(), docs.len());
                docs.push(doc);
            }
        }
    }
    Ok((docs, warnings))
}

fn parse_doc(line: &str) -> Result<Doc, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("\"id\" is not a string".into()),
        None => return Err("no \"id\"".into()),
    };
    let text = match obj.get("text") {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("\"text\" is not a string".into()),
    };
    let entities = match obj.get("entities") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(parse_entity)
            .collect::<Result<_, _>>()
            .map_err(|e| format!("doc {id:?}: {e}"))?,
        Some(_) => return Err("\"entities\" is not a list".into()),
    };
    Ok(Doc { id, text, entities })
}

fn parse_entity(v: &Value) -> Result<(usize, usize, String), String> {
    match v.as_array().map(Vec::as_slice) {
        Some([s, e, Value::String(label)]) => Ok((offset(s)?, offset(e)?, label.clone())),
        _ => Err(format!("entity {v} is not [start, end, \"LABEL\"]")),
    }
}

/// An offset as the script reads a predicted one: `int()` truncates floats
/// toward zero, and its clamping to `[0, len(text)]` makes a negative offset
/// the same as 0. (Gold offsets are not clamped by the script, but negative
/// or fractional gold offsets are malformed data.)
fn offset(v: &Value) -> Result<usize, String> {
    if let Some(u) = v.as_u64() {
        return Ok(usize::try_from(u).unwrap_or(usize::MAX));
    }
    match v.as_f64() {
        // `as` saturates: negatives become 0, huge values usize::MAX.
        Some(f) if f.is_finite() => Ok(f.trunc() as usize),
        _ => Err(format!("offset {v} is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_docs_and_skips_blank_lines() {
        let content = "{\"id\": \"a\", \"text\": \"Hi\", \"entities\": [[0, 2, \"X\"]]}\r\n\n  \n{\"id\": \"b\"}";
        let (docs, warnings) = read_jsonl_with_warnings(content).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].entities, vec![(0, 2, "X".to_string())]);
        assert_eq!(docs[1].text, "");
        assert!(docs[1].entities.is_empty());
    }

    #[test]
    fn later_duplicate_wins_in_first_position() {
        let content =
            "{\"id\": \"a\", \"text\": \"1\"}\n{\"id\": \"b\"}\n{\"id\": \"a\", \"text\": \"2\"}\n";
        let (docs, warnings) = read_jsonl_with_warnings(content).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!((docs[0].id.as_str(), docs[0].text.as_str()), ("a", "2"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("line 3"), "{warnings:?}");
    }

    #[test]
    fn offsets_read_like_python_int_then_clamped() {
        let line = "{\"id\": \"a\", \"entities\": [[1.0, 3.9, \"X\"], [-2, -0.5, \"Y\"], [0, 1e300, \"Z\"]]}";
        let (docs, _) = read_jsonl_with_warnings(line).unwrap();
        let offsets: Vec<_> = docs[0].entities.iter().map(|e| (e.0, e.1)).collect();
        assert_eq!(offsets, [(1, 3), (0, 0), (0, usize::MAX)]);
    }

    #[test]
    fn malformed_input_is_an_error_with_its_line() {
        for bad in [
            "{\"id\": \"a\"}\n{oops",
            "{\"id\": \"a\"}\n[1, 2]",
            "{\"id\": \"a\"}\n{\"text\": \"x\"}",
            "{\"id\": \"a\"}\n{\"id\": \"b\", \"entities\": [[0, 1]]}",
            "{\"id\": \"a\"}\n{\"id\": \"b\", \"entities\": [[\"0\", 1, \"X\"]]}",
            "{\"id\": \"a\"}\n{\"id\": \"b\", \"entities\": [[0, null, \"X\"]]}",
            "{\"id\": \"a\"}\n{\"id\": \"b\", \"entities\": [[0, 1, 7]]}",
        ] {
            let err = read_jsonl_with_warnings(bad).unwrap_err().to_string();
            assert!(err.starts_with("line 2:"), "{bad:?} -> {err}");
        }
    }
}
