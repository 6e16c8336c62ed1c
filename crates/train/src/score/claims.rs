//! Port of `score_claims.py`: attribution (source, cue, content) scoring
//! against PolNeAR-style brat gold, at role level (exact, token-level soft,
//! span overlap) and relation level (greedy one-to-one matching under four
//! criteria). The script's docstring is the specification.
//!
//! ```
//! use std::collections::HashMap;
//! use sift_train::score::claims::{score, Doc};
//! let text = "Aides said the plan works.";
//! let ann = "T1\tSource 0 5\tAides\nT2\tCue 6 10\tsaid\nT3\tContent 11 25\tthe plan works\n\
//!            E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n";
//! let gold = [Doc { stem: "a".into(), text: text.into(), ann: ann.into() }];
//! let pred = HashMap::from([("a".to_string(), ann.to_string())]);
//! let report = score(&gold, &pred);
//! assert_eq!(report.content_soft_f1(), 1.0);
//! assert!(report.render().ends_with("\nF1 100.00\n"));
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use super::{universal_newlines, Prf};

mod ann;

pub use ann::tokenize;
use ann::{Ann, Relation, TokSet, TokenIndex};

/// One gold document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// File stem: `text/<stem>.txt`, `attributions/<stem>.ann`.
    pub stem: String,
    /// The article. `\r\n` and `\r` are read as `\n`, as the script's text mode does.
    pub text: String,
    /// The brat `.ann` content, code-point offsets into `text`.
    pub ann: String,
}

/// An attribution role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The words that mark the attribution ("said").
    Cue = 0,
    /// Who it is attributed to.
    Source = 1,
    /// What is attributed.
    Content = 2,
}

impl Role {
    /// In the script's (and the table's) order.
    pub const ALL: [Role; 3] = [Role::Cue, Role::Source, Role::Content];

    /// The brat label.
    pub fn name(self) -> &'static str {
        match self {
            Role::Cue => "Cue",
            Role::Source => "Source",
            Role::Content => "Content",
        }
    }

    fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// Relation-matching criteria, in the table's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// (c1) cues share a token.
    Cue = 0,
    /// (c2) c1, and the contents' overlap is at least half of each content.
    CueContent50 = 1,
    /// (c3) c2, and the gold has no source or the sources share a token.
    CueContent50Source = 2,
    /// (a) cue, content and source token sets all identical.
    Exact = 3,
}

impl Criterion {
    /// In the script's (and the table's) order.
    pub const ALL: [Criterion; 4] = [
        Criterion::Cue,
        Criterion::CueContent50,
        Criterion::CueContent50Source,
        Criterion::Exact,
    ];

    /// The script's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Criterion::Cue => "cue",
            Criterion::CueContent50 => "cue+content50",
            Criterion::CueContent50Source => "cue+content50+source",
            Criterion::Exact => "exact",
        }
    }

    fn accepts(self, p: &Relation, g: &Relation) -> bool {
        let cue = || intersects(p.get(Role::Cue), g.get(Role::Cue));
        match self {
            Criterion::Cue => cue(),
            Criterion::CueContent50 => cue() && content50(p, g),
            Criterion::CueContent50Source => cue() && content50(p, g) && source_ok(p, g),
            Criterion::Exact => p == g,
        }
    }
}

/// Role-level counts and scores, summed over documents.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RoleScore {
    /// Distinct gold spans (by token set, per document).
    pub n_gold: usize,
    /// Distinct predicted spans.
    pub n_pred: usize,
    /// Predicted spans equal to a gold span.
    pub n_exact: usize,
    /// Predicted spans sharing a token with a gold span.
    pub n_overlap_pred: usize,
    /// Gold spans sharing a token with a predicted span.
    pub n_overlap_gold: usize,
    /// Gold tokens (union of the role's spans, per document).
    pub tok_gold: usize,
    /// Predicted tokens.
    pub tok_pred: usize,
    /// Tokens in both.
    pub tok_both: usize,
    /// (a) exact span match.
    pub exact: Prf,
    /// (b) token-level P/R/F1.
    pub soft: Prf,
    /// (o) span overlap.
    pub overlap: Prf,
}

/// Relation-level results under one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RelationScore {
    /// Matched pairs.
    pub matched: usize,
    /// matched / predicted, matched / gold.
    pub prf: Prf,
}

/// The result of [`score`]; [`Report::render`] prints it as the script does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Gold documents scored.
    pub n_docs: usize,
    /// Per role, indexed by `Role as usize` (see [`Report::role`]).
    pub roles: [RoleScore; 3],
    /// Token-level scores over the three roles together.
    pub all_soft: Prf,
    /// Gold relations.
    pub n_gold_relations: usize,
    /// Predicted relations.
    pub n_pred_relations: usize,
    /// Per criterion, indexed by `Criterion as usize` (see [`Report::relation`]).
    pub relations: [RelationScore; 4],
    /// Notes about the input (the script prints none).
    pub warnings: Vec<String>,
}

impl Report {
    /// Scores of one role.
    pub fn role(&self, role: Role) -> &RoleScore {
        &self.roles[role as usize]
    }

    /// Relation scores under one criterion.
    pub fn relation(&self, criterion: Criterion) -> &RelationScore {
        &self.relations[criterion as usize]
    }

    /// Content token-level F1, a fraction: the script's headline ("F1 ..." line).
    pub fn content_soft_f1(&self) -> f64 {
        self.role(Role::Content).soft.f1
    }

    /// Relation F1 under c2 (cue + content ≥ 50%), a fraction.
    pub fn relation_c2_f1(&self) -> f64 {
        self.relation(Criterion::CueContent50).prf.f1
    }

    /// Exactly the script's stdout (without `--per-doc` or `--json`).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "docs: {}   gold relations: {}   predicted relations: {}\n",
            self.n_docs, self.n_gold_relations, self.n_pred_relations
        );
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>6} | {:<20} | {:<20} | {:<20}",
            "role",
            "#gold",
            "#pred",
            "exact  P     R     F1",
            "soft(token) P  R  F1",
            "overlap  P   R   F1"
        );
        for role in Role::ALL {
            let x = self.role(role);
            let _ = writeln!(
                out,
                "{:<8} {:>6} {:>6} | {} | {} | {}",
                role.name(),
                x.n_gold,
                x.n_pred,
                pct3(&x.exact),
                pct3(&x.soft),
                pct3(&x.overlap)
            );
        }
        let _ = writeln!(
            out,
            "{:<8} {:>6} {:>6} | {:>20} | {} |",
            "ALL",
            "",
            "",
            "",
            pct3(&self.all_soft)
        );
        out.push_str("\nrelations (1:1 greedy matching)        P      R      F1\n");
        for c in Criterion::ALL {
            let _ = writeln!(out, "  {:<28} {}", c.name(), pct3(&self.relation(c).prf));
        }
        let _ = writeln!(out, "\nF1 {:.2}", 100.0 * self.content_soft_f1());
        out
    }
}

/// The script's `pct` of P, R and F1, joined by spaces.
fn pct3(x: &Prf) -> String {
    format!(
        "{:>6.2} {:>6.2} {:>6.2}",
        100.0 * x.p,
        100.0 * x.r,
        100.0 * x.f1
    )
}

/// Reads `dir/attributions/*.ann` and the matching `dir/text/<stem>.txt`,
/// sorted by stem, as the script does; a missing text file is an error.
pub fn read_gold_dir(dir: &Path) -> std::io::Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for (stem, ann) in read_ann_dir(&dir.join("attributions"))? {
        let text = std::fs::read_to_string(dir.join("text").join(format!("{stem}.txt")))?;
        docs.push(Doc {
            stem,
            text: universal_newlines(&text).into_owned(),
            ann,
        });
    }
    Ok(docs)
}

/// Reads a prediction directory, `dir/attributions/<stem>.ann`, into the map
/// [`score`] takes. A missing `attributions` folder means no predictions.
pub fn read_pred_dir(dir: &Path) -> std::io::Result<HashMap<String, String>> {
    let dir = dir.join("attributions");
    if !dir.is_dir() {
        return Ok(HashMap::new());
    }
    Ok(read_ann_dir(&dir)?.into_iter().collect())
}

/// `(stem, content)` of every `*.ann` file in `dir`, sorted by stem.
fn read_ann_dir(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(stem) = name.strip_suffix(".ann") {
            let ann = std::fs::read_to_string(&path)?;
            out.push((stem.to_string(), universal_newlines(&ann).into_owned()));
        }
    }
    out.sort();
    Ok(out)
}

/// Scores predictions (stem → `.ann` content; a missing stem predicts
/// nothing) against the gold documents, like `score_claims.py GOLD PRED`.
///
/// Text and `.ann` content may keep their `\r\n`: they are read as the
/// script's text mode reads them. With no gold document at all the script
/// stops with a `KeyError`; this returns an all-zero report instead.
pub fn score(gold: &[Doc], pred: &HashMap<String, String>) -> Report {
    let mut warnings = Vec::new();
    // The script scores each stem once; keep the later of duplicates.
    let mut by_stem: HashMap<&str, &Doc> = HashMap::new();
    for d in gold {
        if by_stem.insert(&d.stem, d).is_some() {
            warnings.push(format!("duplicate gold stem {:?}, later one kept", d.stem));
        }
    }
    let mut extra: Vec<&String> = pred
        .keys()
        .filter(|s| !by_stem.contains_key(s.as_str()))
        .collect();
    extra.sort();
    for stem in extra {
        warnings.push(format!(
            "prediction {stem:?} has no gold document (ignored)"
        ));
    }

    let mut totals = Totals::default();
    for doc in by_stem.values() {
        let index = TokenIndex::new(&universal_newlines(&doc.text));
        let g = ann::parse(&universal_newlines(&doc.ann), &index);
        let p = pred
            .get(&doc.stem)
            .map_or_else(Ann::default, |a| ann::parse(&universal_newlines(a), &index));
        totals.add_doc(&g, &p);
    }
    totals.into_report(by_stem.len(), warnings)
}

/// Counters summed over documents (the script's `c`).
#[derive(Default)]
struct Totals {
    roles: [RoleScore; 3],
    n_gold_relations: usize,
    n_pred_relations: usize,
    matched: [usize; 4],
}

impl Totals {
    fn add_doc(&mut self, g: &Ann, p: &Ann) {
        for role in Role::ALL {
            let (gs, ps) = (&g.role_spans[role as usize], &p.role_spans[role as usize]);
            let c = &mut self.roles[role as usize];
            c.n_gold += gs.len();
            c.n_pred += ps.len();
            c.n_exact += gs.intersection(ps).count();
            c.n_overlap_pred += ps
                .iter()
                .filter(|x| gs.iter().any(|y| intersects(x, y)))
                .count();
            c.n_overlap_gold += gs
                .iter()
                .filter(|y| ps.iter().any(|x| intersects(x, y)))
                .count();
            let (gt, pt) = (union(gs), union(ps));
            c.tok_gold += gt.len();
            c.tok_pred += pt.len();
            c.tok_both += common(&gt, &pt);
        }
        self.n_gold_relations += g.relations.len();
        self.n_pred_relations += p.relations.len();
        for crit in Criterion::ALL {
            self.matched[crit as usize] += greedy_match(&p.relations, &g.relations, crit);
        }
    }

    fn into_report(mut self, n_docs: usize, warnings: Vec<String>) -> Report {
        for c in &mut self.roles {
            c.exact = Prf::new(c.n_exact, c.n_pred, c.n_exact, c.n_gold);
            c.soft = Prf::new(c.tok_both, c.tok_pred, c.tok_both, c.tok_gold);
            c.overlap = Prf::new(c.n_overlap_pred, c.n_pred, c.n_overlap_gold, c.n_gold);
        }
        let sum = |f: fn(&RoleScore) -> usize| self.roles.iter().map(f).sum::<usize>();
        let both = sum(|c| c.tok_both);
        let all_soft = Prf::new(both, sum(|c| c.tok_pred), both, sum(|c| c.tok_gold));
        let relations = self.matched.map(|m| RelationScore {
            matched: m,
            prf: Prf::new(m, self.n_pred_relations, m, self.n_gold_relations),
        });
        Report {
            n_docs,
            roles: self.roles,
            all_soft,
            n_gold_relations: self.n_gold_relations,
            n_pred_relations: self.n_pred_relations,
            relations,
            warnings,
        }
    }
}

/// One-to-one matching, greedily by decreasing (cue overlap, content
/// overlap), ties by prediction index then gold index, as the script sorts.
fn greedy_match(preds: &[Relation], golds: &[Relation], crit: Criterion) -> usize {
    let mut cands: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in golds.iter().enumerate() {
            if crit.accepts(p, g) {
                let cue = common(p.get(Role::Cue), g.get(Role::Cue));
                let content = common(p.get(Role::Content), g.get(Role::Content));
                cands.push((cue, content, i, j));
            }
        }
    }
    cands.sort_by(|a, b| (b.0, b.1, a.2, a.3).cmp(&(a.0, a.1, b.2, b.3)));
    let (mut used_p, mut used_g) = (vec![false; preds.len()], vec![false; golds.len()]);
    let mut n = 0;
    for (_, _, i, j) in cands {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            n += 1;
        }
    }
    n
}

fn content50(p: &Relation, g: &Relation) -> bool {
    let (a, b) = (p.get(Role::Content), g.get(Role::Content));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    // `o >= 0.5 * len` in the script; exact in integers as 2 * o >= len.
    let o = common(a, b);
    2 * o >= b.len() && 2 * o >= a.len()
}

fn source_ok(p: &Relation, g: &Relation) -> bool {
    g.get(Role::Source).is_empty() || intersects(p.get(Role::Source), g.get(Role::Source))
}

/// Size of the intersection of two sorted sets.
fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn intersects(a: &[u32], b: &[u32]) -> bool {
    common(a, b) > 0
}

fn union(sets: &BTreeSet<TokSet>) -> TokSet {
    let mut out: TokSet = sets.iter().flatten().copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Aides said the plan works. Critics: \"It fails.\"";
    //                  0     6    11  15   20    26 27     34 36  40   45 47

    fn gold_ann() -> String {
        [
            "T1\tSource 0 5\tAides",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 11 25\tthe plan works",
            "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3",
            "T5\tSource 27 34\tCritics",
            "T6\tCue 34 35\t:",
            "T7\tContent 36 47\t\"It fails.\"",
            "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        ]
        .join("\n")
    }

    fn run(pred_ann: Option<&str>) -> Report {
        let gold = [Doc {
            stem: "d".into(),
            text: TEXT.into(),
            ann: gold_ann(),
        }];
        let pred = pred_ann
            .map(|a| HashMap::from([("d".to_string(), a.to_string())]))
            .unwrap_or_default();
        score(&gold, &pred)
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let r = run(Some(&gold_ann()));
        for role in Role::ALL {
            assert_eq!(r.role(role).exact.f1, 1.0, "{role:?}");
            assert_eq!(r.role(role).soft.f1, 1.0, "{role:?}");
        }
        for c in Criterion::ALL {
            assert_eq!(r.relation(c).matched, 2, "{c:?}");
        }
    }

    #[test]
    fn missing_prediction_scores_zero_recall() {
        let r = run(None);
        assert_eq!((r.n_gold_relations, r.n_pred_relations), (2, 0));
        assert_eq!(r.role(Role::Content).tok_gold, 5);
        assert_eq!(r.content_soft_f1(), 0.0);
        assert!(r.render().ends_with("\nF1 0.00\n"));
    }

    #[test]
    fn quotes_and_periods_do_not_matter_but_words_do() {
        // Content without its quotes and period is still exact; the source
        // is short by a word, so only soft/overlap credit.
        let pred = [
            "T1\tSource 0 3\tAid",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 11 26\tthe plan works.",
            "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3",
            "T7\tContent 37 45\tIt fails",
            "T6\tCue 34 35\t:",
            "E2\tAttribution:T8 Cue:T6 Content:T7",
        ]
        .join("\n");
        let r = run(Some(&pred));
        assert_eq!(r.role(Role::Content).n_exact, 2);
        assert_eq!(
            r.role(Role::Source).n_exact,
            1,
            "Aid ~ Aides shares the token"
        );
        assert_eq!(r.role(Role::Cue).n_exact, 2, "the ':' cue keeps its token");
        // E2 lacks the gold source: c3 fails for it, exact too.
        assert_eq!(r.relation(Criterion::CueContent50).matched, 2);
        assert_eq!(r.relation(Criterion::CueContent50Source).matched, 1);
        assert_eq!(r.relation(Criterion::Exact).matched, 1);
    }

    #[test]
    fn content50_needs_half_of_both_sides() {
        // Gold content "the plan works" (3 tokens); "plan" alone covers 1/3.
        let pred = "T2\tCue 6 10\tsaid\nT3\tContent 15 19\tplan\nE1\tCue:T2 Content:T3";
        let r = run(Some(pred));
        assert_eq!(r.relation(Criterion::Cue).matched, 1);
        assert_eq!(r.relation(Criterion::CueContent50).matched, 0);
        let pred = "T2\tCue 6 10\tsaid\nT3\tContent 15 25\tplan works\nE1\tCue:T2 Content:T3";
        assert_eq!(run(Some(pred)).relation(Criterion::CueContent50).matched, 1);
    }

    #[test]
    fn greedy_matching_prefers_larger_overlap_and_is_one_to_one() {
        let a = |cue: &[u32], content: &[u32]| Relation {
            roles: [cue.to_vec(), vec![], content.to_vec()],
        };
        let golds = [a(&[1], &[5, 6]), a(&[1, 2], &[7])];
        let preds = [a(&[1, 2], &[5, 6]), a(&[1], &[9])];
        assert_eq!(greedy_match(&preds, &golds, Criterion::Cue), 2);
        // Two predictions for one gold: only one matches.
        let golds = [a(&[1], &[5])];
        assert_eq!(greedy_match(&preds, &golds, Criterion::Cue), 1);
        // Larger cue overlap first, even when matching by index would pair more.
        let preds = [a(&[1], &[5]), a(&[1, 2], &[5])];
        let golds = [a(&[1, 2], &[5]), a(&[2], &[5])];
        assert_eq!(greedy_match(&preds, &golds, Criterion::Cue), 1);
        assert_eq!(greedy_match(&preds, &[], Criterion::Cue), 0);
    }

    #[test]
    fn crlf_text_is_read_like_python_text_mode() {
        let text = "A\r\nAides said it.";
        // Offsets count "\r\n" as one character, as Python reads the file.
        let ann = "T1\tSource 2 7\tAides\r\nT2\tCue 8 12\tsaid\r\nE1\tCue:T2 Source:T1\r\n";
        let gold = [Doc {
            stem: "d".into(),
            text: text.into(),
            ann: ann.into(),
        }];
        let pred = HashMap::from([("d".to_string(), ann.replace("\r\n", "\n"))]);
        let r = score(&gold, &pred);
        assert_eq!(r.role(Role::Source).n_exact, 1);
        assert_eq!(r.relation(Criterion::Exact).matched, 1);
    }

    #[test]
    fn render_layout() {
        let out = run(Some(&gold_ann())).render();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "docs: 1   gold relations: 2   predicted relations: 2"
        );
        assert_eq!(lines[1], "");
        assert_eq!(
            lines[2],
            "role      #gold  #pred | exact  P     R     F1 | soft(token) P  R  F1 | overlap  P   R   F1 "
        );
        assert_eq!(
            lines[3],
            "Cue           2      2 | 100.00 100.00 100.00 | 100.00 100.00 100.00 | 100.00 100.00 100.00"
        );
        assert_eq!(
            lines[6],
            "ALL                    |                      | 100.00 100.00 100.00 |"
        );
        assert_eq!(
            lines[9],
            "  cue                          100.00 100.00 100.00"
        );
        assert_eq!(lines[13..], ["", "F1 100.00"]);
    }

    #[test]
    fn extra_predictions_are_ignored_with_a_warning() {
        let gold = [Doc {
            stem: "d".into(),
            text: TEXT.into(),
            ann: gold_ann(),
        }];
        let pred = HashMap::from([("zzz".to_string(), gold_ann())]);
        let r = score(&gold, &pred);
        assert_eq!(r.n_pred_relations, 0);
        assert_eq!(r.warnings.len(), 1);
    }
}
