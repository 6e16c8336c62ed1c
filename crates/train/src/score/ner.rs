//! Port of `score_ner.py`: span-level NER scoring, strict (exact span and
//! label after normalising predicted spans) and loose (overlap, same label).
//!
//! ```
//! use sift_train::score::ner::{read_jsonl, score};
//! let gold = read_jsonl(r#"{"id": "d", "text": "Acme Inc. hired Ann.", "entities": [[0, 9, "ORG"], [16, 19, "PERSON"]]}"#).unwrap();
//! // "Ann." loses its trailing period because the gold span has none.
//! let pred = read_jsonl(r#"{"id": "d", "entities": [[0, 9, "ORG"], [16, 20, "PERSON"]]}"#).unwrap();
//! let report = score(&gold, &pred, false);
//! assert_eq!(report.f1(), 1.0);
//! assert!(report.render().ends_with("F1 100.00\n"));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use super::{pychar, Prf};

mod jsonl;

pub use jsonl::read_jsonl_with_warnings;

/// One document: gold, or the predictions for the gold document with the same id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// Matches predictions to gold documents.
    pub id: String,
    /// The text (only the gold document's is used).
    pub text: String,
    /// `(start, end, label)`, Unicode code-point offsets into the gold text, end exclusive.
    pub entities: Vec<(usize, usize, String)>,
}

/// Parses a scorer JSONL file; see [`read_jsonl_with_warnings`] (this drops the warnings).
pub fn read_jsonl(content: &str) -> Result<Vec<Doc>, crate::Error> {
    read_jsonl_with_warnings(content).map(|(docs, _)| docs)
}

/// Scoring options, the script's command-line flags.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--loose`: also report overlap-based P/R/F1.
    pub loose: bool,
    /// `--map conll`: map predicted OntoNotes labels to CoNLL-2003 ones.
    pub map_conll: bool,
    /// `--labels`: score only these labels (gold, and predictions after mapping).
    pub labels: Option<BTreeSet<String>>,
}

/// Counts and scores for one label, or for all of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelScore {
    /// The label, or `OVERALL`.
    pub label: String,
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans (after normalisation, duplicates counted once).
    pub pred: usize,
    /// Predicted spans equal to a gold span.
    pub tp: usize,
    /// Predicted spans overlapping a gold span of the same label.
    pub loose_tp_pred: usize,
    /// Gold spans overlapped by a predicted span of the same label.
    pub loose_tp_gold: usize,
    /// Strict precision, recall, F1.
    pub strict: Prf,
    /// Loose precision, recall, F1.
    pub loose: Prf,
}

/// The result of [`score`]; [`Report::render`] prints it as the script does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Per-label rows in the script's order: most gold, then most predicted, then by name.
    pub labels: Vec<LabelScore>,
    /// Micro-averaged totals.
    pub overall: LabelScore,
    /// Whether loose columns are printed (`--loose`).
    pub loose: bool,
    /// Gold ids without a prediction (scored as predicting nothing).
    pub missing_docs: Vec<String>,
    /// Predicted ids not in the gold (ignored).
    pub extra_docs: Vec<String>,
    /// What the script would print on stderr.
    pub warnings: Vec<String>,
}

impl Report {
    /// Strict micro F1 as a fraction (the last line prints it as a percentage).
    pub fn f1(&self) -> f64 {
        self.overall.strict.f1
    }

    /// Loose micro F1 as a fraction.
    pub fn loose_f1(&self) -> f64 {
        self.overall.loose.f1
    }

    /// The row for `label`, if it occurs in the gold or the predictions.
    pub fn label(&self, label: &str) -> Option<&LabelScore> {
        self.labels.iter().find(|l| l.label == label)
    }

    /// Exactly the script's stdout (without `--quiet` or `--json`).
    pub fn render(&self) -> String {
        let mut head = format!(
            "{:<12}{:>7}{:>7}{:>7}{:>8}{:>8}{:>8}",
            "label", "gold", "pred", "tp", "P", "R", "F1"
        );
        if self.loose {
            head.push_str(&format!("{:>9}{:>9}{:>9}", "looseP", "looseR", "looseF1"));
        }
        let rule = "-".repeat(head.chars().count());
        let mut out = format!("{head}\n{rule}\n");
        for row in &self.labels {
            self.render_row(&mut out, row);
        }
        out.push_str(&rule);
        out.push('\n');
        self.render_row(&mut out, &self.overall);
        if self.loose {
            let _ = writeln!(out, "LOOSE_F1 {:.2}", 100.0 * self.overall.loose.f1);
        }
        let _ = writeln!(out, "F1 {:.2}", 100.0 * self.overall.strict.f1);
        out
    }

    fn render_row(&self, out: &mut String, v: &LabelScore) {
        let s = &v.strict;
        let _ = write!(
            out,
            "{:<12}{:>7}{:>7}{:>7}{:>8.2}{:>8.2}{:>8.2}",
            v.label,
            v.gold,
            v.pred,
            v.tp,
            100.0 * s.p,
            100.0 * s.r,
            100.0 * s.f1
        );
        if self.loose {
            let l = &v.loose;
            let _ = write!(
                out,
                "{:>9.2}{:>9.2}{:>9.2}",
                100.0 * l.p,
                100.0 * l.r,
                100.0 * l.f1
            );
        }
        out.push('\n');
    }
}

/// Scores `pred` against `gold` like `score_ner.py GOLD PRED [--loose]`.
pub fn score(gold: &[Doc], pred: &[Doc], loose: bool) -> Report {
    score_with(
        gold,
        pred,
        &Options {
            loose,
            ..Options::default()
        },
    )
}

/// Scores with all of the script's options.
pub fn score_with(gold: &[Doc], pred: &[Doc], opts: &Options) -> Report {
    let mut warnings = Vec::new();
    let gold = by_id(gold, "gold", &mut warnings);
    let pred = by_id(pred, "predicted", &mut warnings);
    let pred_of: HashMap<&str, &Doc> = pred.iter().map(|d| (d.id.as_str(), *d)).collect();
    let gold_ids: HashSet<&str> = gold.iter().map(|d| d.id.as_str()).collect();
    let missing_docs: Vec<String> = gold
        .iter()
        .filter(|d| !pred_of.contains_key(d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    let extra_docs: Vec<String> = pred
        .iter()
        .filter(|d| !gold_ids.contains(d.id.as_str()))
        .map(|d| d.id.clone())
        .collect();
    if !missing_docs.is_empty() {
        warnings.push(format!(
            "warning: {} gold documents have no prediction (counted as empty)",
            missing_docs.len()
        ));
    }
    if !extra_docs.is_empty() {
        warnings.push(format!(
            "warning: {} predicted documents are not in the gold file (ignored)",
            extra_docs.len()
        ));
    }

    let mut stats: BTreeMap<String, Counts> = BTreeMap::new();
    for g in &gold {
        let preds = pred_of.get(g.id.as_str()).map_or(&[][..], |p| &p.entities);
        score_doc(g, preds, opts, &mut stats);
    }

    let mut total = Counts::default();
    for c in stats.values() {
        total.add(c);
    }
    let mut labels: Vec<LabelScore> = stats
        .iter()
        .map(|(label, c)| c.to_score(label.clone()))
        .collect();
    labels.sort_by(|a, b| {
        (b.gold, b.pred)
            .cmp(&(a.gold, a.pred))
            .then_with(|| a.label.cmp(&b.label))
    });
    Report {
        labels,
        overall: total.to_score("OVERALL".into()),
        loose: opts.loose,
        missing_docs,
        extra_docs,
        warnings,
    }
}

/// The script keys documents by id in a dict: a later duplicate replaces the
/// earlier one but keeps its position.
fn by_id<'a>(docs: &'a [Doc], what: &str, warnings: &mut Vec<String>) -> Vec<&'a Doc> {
    let mut out: Vec<&Doc> = Vec::with_capacity(docs.len());
    let mut position: HashMap<&str, usize> = HashMap::new();
    for d in docs {
        match position.get(d.id.as_str()) {
            Some(&at) => {
                warnings.push(format!(
                    "warning: duplicate {what} id {:?}, later one kept",
                    d.id
                ));
                out[at] = d;
            }
            None => {
                position.insert(&d.id, out.len());
                out.push(d);
            }
        }
    }
    out
}

/// Per-label counters, summed over documents.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
    loose_tp_pred: usize,
    loose_tp_gold: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
        self.loose_tp_pred += o.loose_tp_pred;
        self.loose_tp_gold += o.loose_tp_gold;
    }

    fn to_score(self, label: String) -> LabelScore {
        LabelScore {
            label,
            gold: self.gold,
            pred: self.pred,
            tp: self.tp,
            loose_tp_pred: self.loose_tp_pred,
            loose_tp_gold: self.loose_tp_gold,
            strict: Prf::new(self.tp, self.pred, self.tp, self.gold),
            loose: Prf::new(self.loose_tp_pred, self.pred, self.loose_tp_gold, self.gold),
        }
    }
}

type Span<'a> = (usize, usize, &'a str);

fn score_doc(
    g: &Doc,
    raw_preds: &[(usize, usize, String)],
    opts: &Options,
    stats: &mut BTreeMap<String, Counts>,
) {
    let keep = |label: &str| opts.labels.as_ref().is_none_or(|ls| ls.contains(label));
    let text: Vec<char> = g.text.chars().collect();
    let gold: HashSet<Span> = g
        .entities
        .iter()
        .filter(|(_, _, l)| keep(l))
        .map(|(s, e, l)| (*s, *e, l.as_str()))
        .collect();
    let mut preds: HashSet<Span> = HashSet::new();
    for (s, e, label) in raw_preds {
        let label = if opts.map_conll {
            match conll_label(label) {
                Some(l) => l,
                None => continue,
            }
        } else {
            label.as_str()
        };
        if !keep(label) {
            continue;
        }
        let p = normalise(&text, *s, *e, label, &gold);
        if p.0 < p.1 {
            preds.insert(p);
        }
    }

    for &(_, _, l) in &gold {
        counter(stats, l).gold += 1;
    }
    for p in &preds {
        let c = counter(stats, p.2);
        c.pred += 1;
        if gold.contains(p) {
            c.tp += 1;
        }
    }
    // Loose: overlap with a span of the same label, counted from each side.
    let gold_by_label = group_by_label(&gold);
    let pred_by_label = group_by_label(&preds);
    let overlaps = |(s, e): (usize, usize), others: &[(usize, usize)]| {
        others.iter().any(|&(os, oe)| s < oe && os < e)
    };
    for (label, ps) in &pred_by_label {
        let gs = gold_by_label.get(label).map_or(&[][..], Vec::as_slice);
        counter(stats, label).loose_tp_pred += ps.iter().filter(|&&p| overlaps(p, gs)).count();
    }
    for (label, gs) in &gold_by_label {
        let ps = pred_by_label.get(label).map_or(&[][..], Vec::as_slice);
        counter(stats, label).loose_tp_gold += gs.iter().filter(|&&g| overlaps(g, ps)).count();
    }
}

fn counter<'s>(stats: &'s mut BTreeMap<String, Counts>, label: &str) -> &'s mut Counts {
    stats.entry(label.to_string()).or_default()
}

fn group_by_label<'a>(spans: &HashSet<Span<'a>>) -> HashMap<&'a str, Vec<(usize, usize)>> {
    let mut out: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for &(s, e, l) in spans {
        out.entry(l).or_default().push((s, e));
    }
    out
}

/// Characters dropped one at a time from the end of a predicted span that does
/// not match the gold.
const TRAIL_PUNCT: [char; 4] = ['.', ',', ';', ':'];

/// The script's `normalise`: clamp to the text, trim whitespace, then drop
/// trailing `.,;:` only if that yields a gold span of the same label.
fn normalise<'a>(
    text: &[char],
    s: usize,
    e: usize,
    label: &'a str,
    gold: &HashSet<Span>,
) -> Span<'a> {
    let s = s.min(text.len());
    let e = e.min(text.len()).max(s);
    let (s, e) = trim_ws(text, s, e);
    if gold.contains(&(s, e, label)) {
        return (s, e, label);
    }
    let mut e2 = e;
    while e2 > s && TRAIL_PUNCT.contains(&text[e2 - 1]) {
        e2 -= 1;
        let (s2, e3) = trim_ws(text, s, e2);
        if gold.contains(&(s2, e3, label)) {
            return (s2, e3, label);
        }
    }
    (s, e, label)
}

fn trim_ws(text: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && pychar::is_space(text[s]) {
        s += 1;
    }
    while e > s && pychar::is_space(text[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// The script's `CONLL_MAP`; labels it lacks are dropped.
fn conll_label(label: &str) -> Option<&'static str> {
    Some(match label {
        "PERSON" | "PER" => "PER",
        "GPE" | "LOC" | "FAC" => "LOC",
        "ORG" => "ORG",
        "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" | "MISC" => "MISC",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, ents: &[(usize, usize, &str)]) -> Doc {
        Doc {
            id: id.into(),
            text: text.into(),
            entities: ents
                .iter()
                .map(|&(s, e, l)| (s, e, l.to_string()))
                .collect(),
        }
    }

    #[test]
    fn trailing_punctuation_dropped_only_when_gold_lacks_it() {
        //                  0123456789012345678901234
        let text = "Acme Inc. met in Paris, then";
        let gold = [doc("d", text, &[(0, 9, "ORG"), (17, 22, "GPE")])];
        // "Acme Inc." keeps its period, "Paris," loses its comma, " Paris, " is trimmed.
        let pred = [doc("d", "", &[(0, 9, "ORG"), (16, 24, "GPE")])];
        let r = score(&gold, &pred, false);
        assert_eq!((r.overall.tp, r.overall.pred, r.overall.gold), (2, 2, 2));
        // "Acme Inc" without the period is not shortened into a match.
        let pred = [doc("d", "", &[(0, 8, "ORG")])];
        assert_eq!(score(&gold, &pred, false).overall.tp, 0);
    }

    #[test]
    fn punctuation_stripped_span_must_match_same_label() {
        let text = "Paris, France";
        let gold = [doc("d", text, &[(0, 5, "GPE")])];
        let pred = [doc("d", "", &[(0, 6, "ORG")])];
        let r = score(&gold, &pred, true);
        assert_eq!(r.overall.tp, 0);
        // Kept as "Paris," (6 chars); no loose match either, the label differs.
        assert_eq!(r.overall.loose_tp_pred, 0);
    }

    #[test]
    fn duplicates_after_normalisation_count_once() {
        let text = "Bonn. ";
        let gold = [doc("d", text, &[(0, 4, "GPE")])];
        let pred = [doc("d", "", &[(0, 4, "GPE"), (0, 5, "GPE"), (0, 6, "GPE")])];
        let r = score(&gold, &pred, false);
        assert_eq!((r.overall.pred, r.overall.tp), (1, 1));
    }

    #[test]
    fn out_of_range_and_empty_predictions_are_dropped() {
        let gold = [doc("d", "ab", &[(0, 2, "X")])];
        let pred = [doc("d", "", &[(5, 9, "X"), (1, 1, "X"), (0, 99, "X")])];
        let r = score(&gold, &pred, false);
        // (0, 99) is clamped to (0, 2) and matches; the others are empty.
        assert_eq!((r.overall.pred, r.overall.tp), (1, 1));
    }

    #[test]
    fn code_point_offsets_and_unicode_whitespace() {
        // "😀" is one code point; U+00A0 and U+001C are whitespace to Python.
        let text = "😀 Zoë\u{a0}\x1c!";
        let gold = [doc("d", text, &[(2, 5, "PERSON")])];
        let pred = [doc("d", "", &[(1, 7, "PERSON")])];
        assert_eq!(score(&gold, &pred, false).overall.tp, 1);
    }

    #[test]
    fn missing_extra_and_duplicate_docs() {
        let gold = [
            doc("a", "x y", &[(0, 1, "X")]),
            doc("b", "x y", &[(2, 3, "X")]),
        ];
        let pred = [
            doc("a", "", &[(2, 3, "X")]),
            doc("a", "", &[(0, 1, "X")]),
            doc("z", "", &[(0, 1, "X")]),
        ];
        let r = score(&gold, &pred, false);
        assert_eq!(r.missing_docs, ["b"]);
        assert_eq!(r.extra_docs, ["z"]);
        assert_eq!((r.overall.tp, r.overall.pred, r.overall.gold), (1, 1, 2));
        assert_eq!(r.warnings.len(), 3, "{:?}", r.warnings);
    }

    #[test]
    fn loose_counts_each_side() {
        let text = "New York City and Boston";
        let gold = [doc("d", text, &[(0, 13, "GPE"), (18, 24, "GPE")])];
        let pred = [doc(
            "d",
            "",
            &[(0, 3, "GPE"), (4, 8, "GPE"), (14, 17, "GPE")],
        )];
        let r = score(&gold, &pred, true);
        assert_eq!(r.overall.loose_tp_pred, 2);
        assert_eq!(r.overall.loose_tp_gold, 1);
        assert_eq!(r.overall.loose.p, 2.0 / 3.0);
        assert_eq!(r.overall.loose.r, 0.5);
    }

    #[test]
    fn conll_map_and_label_filter() {
        let text = "Obama in Paris on Monday";
        let gold = [doc("d", text, &[(0, 5, "PER"), (9, 14, "LOC")])];
        let pred = [doc(
            "d",
            "",
            &[(0, 5, "PERSON"), (9, 14, "GPE"), (18, 24, "DATE")],
        )];
        let opts = Options {
            map_conll: true,
            ..Options::default()
        };
        let r = score_with(&gold, &pred, &opts);
        assert_eq!((r.overall.tp, r.overall.pred), (2, 2));
        let opts = Options {
            map_conll: true,
            labels: Some(["LOC".to_string()].into()),
            ..Options::default()
        };
        let r = score_with(&gold, &pred, &opts);
        assert_eq!((r.overall.tp, r.overall.pred, r.overall.gold), (1, 1, 1));
    }

    #[test]
    fn render_matches_script_layout() {
        let text = "Ann met Bob in Rome";
        let gold = [doc(
            "d",
            text,
            &[(0, 3, "PERSON"), (8, 11, "PERSON"), (15, 19, "GPE")],
        )];
        let pred = [doc("d", "", &[(0, 3, "PERSON"), (15, 18, "GPE")])];
        let expected = "\
label          gold   pred     tp       P       R      F1   looseP   looseR  looseF1
------------------------------------------------------------------------------------
PERSON            2      1      1  100.00   50.00   66.67   100.00    50.00    66.67
GPE               1      1      0    0.00    0.00    0.00   100.00   100.00   100.00
------------------------------------------------------------------------------------
OVERALL           3      2      1   50.00   33.33   40.00   100.00    66.67    80.00
LOOSE_F1 80.00
F1 40.00
";
        assert_eq!(score(&gold, &pred, true).render(), expected);
        let strict = score(&gold, &pred, false).render();
        assert!(strict
            .starts_with("label          gold   pred     tp       P       R      F1\n-------"));
        assert!(strict.ends_with("  40.00\nF1 40.00\n"), "{strict}");
    }

    #[test]
    fn rows_sorted_by_gold_then_pred_then_name() {
        let text = "a b c d e";
        let gold = [doc(
            "d",
            text,
            &[(0, 1, "B"), (2, 3, "A"), (4, 5, "C"), (6, 7, "C")],
        )];
        let pred = [doc("d", "", &[(0, 1, "B"), (8, 9, "D")])];
        let r = score(&gold, &pred, false);
        let order: Vec<_> = r.labels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(order, ["C", "B", "A", "D"]);
    }
}
