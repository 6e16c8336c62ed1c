//! Port of `shared/tools/score_syntax.py`: part-of-speech accuracy and
//! unlabelled / labelled attachment of a pipeline run from raw text.
//!
//! A gold token counts only where a predicted token has exactly its
//! character span (code points), so tokenisation errors cost; punctuation
//! (by gold tag) is left out of UAS and LAS; a head is right when the
//! predicted head token has the gold head's span, or both are roots.

use std::collections::HashMap;

use crate::Error;

/// One predicted token: `[start, end, "POS", head, "DEPREL"]`, head an
/// index into the document's token list or `None` / negative for a root.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Start (code points).
    pub start: i64,
    /// End, exclusive.
    pub end: i64,
    /// Part of speech.
    pub pos: String,
    /// The head's index, `None` for a root.
    pub head: Option<i64>,
    /// Dependency label.
    pub deprel: String,
}

/// The figures the script prints.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Report {
    /// Gold tokens.
    pub tokens: usize,
    /// Percent of gold tokens with a predicted token of the same span.
    pub aligned: f64,
    /// Percent of gold tokens with the right tag.
    pub pos: f64,
    /// Percent of non-punctuation gold tokens with the right head.
    pub uas: f64,
    /// ... and the right label too.
    pub las: f64,
}

impl Report {
    /// What `score_syntax.py` prints.
    pub fn render(&self) -> String {
        format!(
            "tokens {}  aligned {:.2}  POS {:.2}  UAS {:.2}  LAS {:.2}\n",
            self.tokens, self.aligned, self.pos, self.uas, self.las
        )
    }
}

/// The gold tags left out of UAS and LAS.
pub const PUNCT: [&str; 9] = [",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP"];

/// Reads prediction lines `{"id", "tokens": [...]}`; a later line for the
/// same id replaces an earlier one, as in the script.
pub fn read_predictions(content: &str) -> Result<HashMap<String, Vec<Token>>, Error> {
    let mut out = HashMap::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |m: &str| Error::Line {
            file: "prediction ",
            line: n + 1,
            message: m.to_string(),
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| at(&e.to_string()))?;
        let id = crate::doc_id(&v["id"]);
        let mut tokens = Vec::new();
        for t in v["tokens"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(start), Some(end)) = (t[0].as_i64(), t[1].as_i64()) else {
                return Err(at(&format!("bad token {t}")));
            };
            tokens.push(Token {
                start,
                end,
                pos: t[2].as_str().unwrap_or("").to_string(),
                head: t[3].as_i64(),
                deprel: t[4].as_str().unwrap_or("").to_string(),
            });
        }
        out.insert(id, tokens);
    }
    Ok(out)
}

/// Scores predictions against the gold `SPLIT.syntax.jsonl` content.
pub fn score(gold: &str, pred: &HashMap<String, Vec<Token>>) -> Result<Report, Error> {
    let (mut n, mut pos_ok, mut n_dep, mut uas, mut las, mut aligned) = (0usize, 0, 0, 0, 0, 0);
    let empty = Vec::new();
    for (k, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |m: &str| Error::Line {
            file: "gold ",
            line: k + 1,
            message: m.to_string(),
        };
        let g: serde_json::Value = serde_json::from_str(line).map_err(|e| at(&e.to_string()))?;
        let id = g["id"].as_str().ok_or_else(|| at("no id"))?;
        let ptoks = pred.get(id).unwrap_or(&empty);
        let mut by_span = HashMap::new();
        for (i, t) in ptoks.iter().enumerate() {
            by_span.insert((t.start, t.end), i);
        }
        for s in g["sentences"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let list = |k: &str| s[k].as_array().cloned().unwrap_or_default();
            let offs: Vec<(i64, i64)> = list("offsets")
                .iter()
                .map(|o| (o[0].as_i64().unwrap_or(-1), o[1].as_i64().unwrap_or(-1)))
                .collect();
            let (gpos, gheads, grels) = (list("pos"), list("heads"), list("deprels"));
            // `zip` in the script: the shortest list sets the length.
            let len = offs
                .len()
                .min(gpos.len())
                .min(gheads.len())
                .min(grels.len());
            for i in 0..len {
                n += 1;
                let hit = by_span.get(&offs[i]).map(|&j| &ptoks[j]);
                if hit.is_some() {
                    aligned += 1;
                }
                let gp = gpos[i].as_str().unwrap_or("");
                if hit.is_some_and(|t| t.pos == gp) {
                    pos_ok += 1;
                }
                if PUNCT.contains(&gp) {
                    continue;
                }
                n_dep += 1;
                let Some(t) = hit else { continue };
                let gh = gheads[i].as_i64().ok_or_else(|| at("bad head"))?;
                let want = if gh == 0 {
                    None
                } else {
                    Some(
                        *offs
                            .get((gh - 1) as usize)
                            .ok_or_else(|| at("head out of range"))?,
                    )
                };
                let got = match t.head {
                    Some(h) if h >= 0 && (h as usize) < ptoks.len() => {
                        Some((ptoks[h as usize].start, ptoks[h as usize].end))
                    }
                    _ => None,
                };
                if want == got {
                    uas += 1;
                    if Some(t.deprel.as_str()) == grels[i].as_str() {
                        las += 1;
                    }
                }
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    Ok(Report {
        tokens: n,
        aligned: pct(aligned, n),
        pos: pct(pos_ok, n),
        uas: pct(uas, n_dep),
        las: pct(las, n_dep),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tokenisation_error_costs_its_tokens() {
        let gold = r#"{"id": "d", "sentences": [{"offsets": [[0,3],[4,10],[10,11]], "pos": ["PRP","VBD","."], "heads": [2,0,2], "deprels": ["SBJ","ROOT","P"]}]}"#;
        let pred = read_predictions(
            r#"{"id": "d", "tokens": [[0,3,"PRP",1,"SBJ"],[4,11,"VBD",-1,"ROOT"]]}"#,
        )
        .unwrap();
        let r = score(gold, &pred).unwrap();
        assert_eq!(r.tokens, 3);
        assert_eq!(
            r.render(),
            "tokens 3  aligned 33.33  POS 33.33  UAS 0.00  LAS 0.00\n"
        );
    }
}
