//! Saving a [`Document`] whole (text, kept and rejected items, whether
//! suggestions are on), e.g. to the browser's localStorage, and reading it
//! back exactly. Offsets are UTF-8 byte offsets into the saved text; every
//! span is checked on load.
//!
//! ```text
//! {"version": 1, "text": "Iran denied it.", "suggestions": true,
//!  "entities": [[0, 4, "GPE", "user"]], "rejected": [[5, 11, "ORG"]],
//!  "claims": [{"kind": "denial", "provenance": "user", "cue": [[5, 11]],
//!              "source": [[0, 4]], "content": [], "hedges": [], "source_entity": null}],
//!  "rejected_claims": [[[5, 11]]]}
//! ```

use std::ops::Range;

use serde_json::{json, Map, Value};

use super::{Document, KeptClaim, KeptEntity, Layer, Part, Provenance};
use crate::annotation::{Claim, Entity};
use crate::error::Error;

const VERSION: u64 = 1;

fn spans(ranges: &[Range<usize>]) -> Value {
    ranges.iter().map(|r| json!([r.start, r.end])).collect()
}

fn err(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

/// serde_json's message without its "at line 1 column N" (a saved document
/// is one line), and the character it names.
fn json_error(e: &serde_json::Error) -> Error {
    let full = e.to_string();
    let what = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(what, _)| what);
    if e.line() <= 1 {
        err(format!(
            "not valid JSON: {what}, at character {}",
            e.column()
        ))
    } else {
        err(format!(
            "not valid JSON: {what}, at line {} character {}",
            e.line(),
            e.column()
        ))
    }
}

struct Reader<'a> {
    text: &'a str,
}

impl Reader<'_> {
    fn span(&self, v: &Value, what: &str) -> Result<Range<usize>, Error> {
        let pair = v
            .as_array()
            .filter(|a| a.len() >= 2)
            .ok_or_else(|| err(format!("{what}: expected [start, end]")))?;
        let n = |x: &Value| x.as_u64().and_then(|n| usize::try_from(n).ok());
        let (Some(s), Some(e)) = (n(&pair[0]), n(&pair[1])) else {
            return Err(err(format!("{what}: offsets must be whole numbers")));
        };
        if s >= e || self.text.get(s..e).is_none() {
            return Err(err(format!("{what}: span {s}..{e} does not fit the text")));
        }
        Ok(s..e)
    }

    fn spans(&self, v: Option<&Value>, what: &str) -> Result<Vec<Range<usize>>, Error> {
        match v {
            None | Some(Value::Null) => Ok(vec![]),
            Some(Value::Array(a)) => a.iter().map(|s| self.span(s, what)).collect(),
            Some(_) => Err(err(format!("{what}: expected a list of spans"))),
        }
    }

    fn entity(&self, v: &Value, what: &str) -> Result<Entity, Error> {
        let range = self.span(v, what)?;
        let label = v
            .get(2)
            .and_then(Value::as_str)
            .ok_or_else(|| err(format!("{what}: missing label")))?
            .parse()
            .map_err(|e| err(format!("{what}: {e}")))?;
        Ok(Entity { range, label })
    }

    fn claim(&self, v: &Value) -> Result<KeptClaim, Error> {
        let o = v
            .as_object()
            .ok_or_else(|| err("claim: expected an object"))?;
        let kind = o
            .get("kind")
            .and_then(Value::as_str)
            .ok_or_else(|| err("claim: missing kind"))?;
        let kind = kind.parse().map_err(|e| err(format!("claim: {e}")))?;
        let provenance = provenance(o)?;
        let mut claim = Claim {
            kind,
            source: vec![],
            cue: vec![],
            content: vec![],
            hedges: vec![],
            source_entity: None,
        };
        for part in Part::ALL {
            let key = if part == Part::Hedge {
                "hedges"
            } else {
                part.as_str()
            };
            *part.of_mut(&mut claim) = self.spans(o.get(key), key)?;
        }
        if claim.cue.is_empty() {
            return Err(err("claim: a claim needs a cue"));
        }
        claim.source_entity = match o.get("source_entity") {
            None | Some(Value::Null) => None,
            Some(v) => Some(self.span(v, "source_entity")?),
        };
        Ok(KeptClaim { claim, provenance })
    }
}

fn provenance(o: &Map<String, Value>) -> Result<Provenance, Error> {
    match o.get("provenance") {
        None => Ok(Provenance::Model),
        Some(v) => v.as_str().unwrap_or_default().parse().map_err(err),
    }
}

fn list<'a>(o: &'a Map<String, Value>, key: &str) -> Result<&'a [Value], Error> {
    match o.get(key) {
        None => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(err(format!("\"{key}\" must be a list"))),
    }
}

impl Document {
    /// The whole document as JSON (see the module docs).
    pub fn to_json(&self) -> String {
        let l = &self.layer;
        json!({
            "version": VERSION,
            "text": &*self.text,
            "suggestions": self.suggestions,
            "entities": l.entities.iter().map(|k| json!([k.entity.range.start, k.entity.range.end, k.entity.label.as_str(), k.provenance.as_str()])).collect::<Vec<_>>(),
            "rejected": l.rejected.iter().map(|e| json!([e.range.start, e.range.end, e.label.as_str()])).collect::<Vec<_>>(),
            "claims": l.claims.iter().map(|k| {
                let c = &k.claim;
                json!({
                    "kind": c.kind.as_str(), "provenance": k.provenance.as_str(),
                    "cue": spans(&c.cue), "source": spans(&c.source), "content": spans(&c.content),
                    "hedges": spans(&c.hedges),
                    "source_entity": c.source_entity.as_ref().map(|r| json!([r.start, r.end])),
                })
            }).collect::<Vec<_>>(),
            "rejected_claims": l.rejected_claims.iter().map(|cue| spans(cue)).collect::<Vec<_>>(),
        })
        .to_string()
    }

    /// Reads what [`Document::to_json`] wrote. Anything malformed is an
    /// error, never a panic; kept entities that cross (overlap without
    /// nesting) are refused.
    pub fn from_json(s: &str) -> Result<Document, Error> {
        let v: Value = serde_json::from_str(s).map_err(|e| json_error(&e))?;
        let o = v.as_object().ok_or_else(|| err("expected a JSON object"))?;
        match o.get("version") {
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) => {
                return Err(err(format!(
                    "saved-document version {v} is not supported (this build reads {VERSION})"
                )))
            }
            None => return Err(err("no \"version\"")),
        }
        let text = o
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| err("missing \"text\""))?;
        let suggestions = o
            .get("suggestions")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let r = Reader { text };
        let mut entities = Vec::new();
        for (i, e) in list(o, "entities")?.iter().enumerate() {
            let what = format!("entities[{i}]");
            let entity = r.entity(e, &what)?;
            let provenance = match e.get(3) {
                None => Provenance::Model,
                Some(p) => p.as_str().unwrap_or_default().parse().map_err(err)?,
            };
            entities.push(KeptEntity { entity, provenance });
        }
        entities.sort_by_key(|k: &KeptEntity| super::entity_order(&k.entity.range));
        let ranges: Vec<_> = entities.iter().map(|k| k.entity.range.clone()).collect();
        if super::first_clash(&ranges).is_some() {
            return Err(err("entities overlap without nesting"));
        }
        let rejected = list(o, "rejected")?
            .iter()
            .enumerate()
            .map(|(i, e)| r.entity(e, &format!("rejected[{i}]")))
            .collect::<Result<_, _>>()?;
        let claims = list(o, "claims")?
            .iter()
            .map(|c| r.claim(c))
            .collect::<Result<_, _>>()?;
        let rejected_claims = list(o, "rejected_claims")?
            .iter()
            .map(|c| r.spans(Some(c), "rejected_claims"))
            .collect::<Result<_, _>>()?;
        Ok(Document {
            text: text.into(),
            layer: Layer {
                entities,
                rejected,
                claims,
                rejected_claims,
            },
            suggestions,
        })
    }
}
