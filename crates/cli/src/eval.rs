//! `sift eval ner|claims` and `sift bench`: run the pipeline over gold data
//! and score it with the ports of the reference scorers.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use sift_core::formats::brat;
use sift_core::ner::Model;
use sift_core::text::Offsets;
use sift_core::Annotator;
use sift_train::score;

use crate::args::Args;

pub fn run(mut args: Args) -> Result<ExitCode> {
    let what = args.next_positional();
    let gold = args
        .next_positional()
        .context("the gold data path is required")?;
    let model = crate::load_model(args.option("model")?.as_deref())?;
    let claims_model = args.option("claims-model")?;
    let syntax_model = args.option("syntax-model")?;
    let without = args.option("without")?;
    let pred = args.option("pred")?;
    args.finish()?;
    match what.as_deref() {
        Some("syntax") => {
            let syntax = crate::load_syntax_model(syntax_model.as_deref())?;
            let split = sift_train::syntax::read_split(Path::new(&gold))?;
            print!("{}", syntax_report(&split, &syntax, pred.as_deref())?);
        }
        Some("ner") => {
            let (docs, gold_docs) = predict_ner(&gold, &model)?;
            if let Some(p) = pred {
                write_ner_predictions(&p, &docs)?;
            }
            print!("{}", score::ner::score(&gold_docs, &docs, false).render());
        }
        Some("claims") => {
            let passes = sift_core::claims::passes::Passes::without_named(without.as_deref().unwrap_or(""))
                .map_err(anyhow::Error::msg)?;
            let claims = crate::load_claims_model(claims_model.as_deref())?.with_passes(passes);
            let syntax = crate::load_syntax_model(syntax_model.as_deref())?;
            let annotator = Annotator::new(model).with_claims(claims).with_syntax(syntax);
            let (gold_docs, predicted) = predict_claims(&gold, annotator)?;
            if let Some(dir) = pred {
                let dir = Path::new(&dir).join("attributions");
                std::fs::create_dir_all(&dir)?;
                for (stem, ann) in &predicted {
                    std::fs::write(dir.join(format!("{stem}.ann")), ann)?;
                }
            }
            print!("{}", score::claims::score(&gold_docs, &predicted).render());
        }
        Some(other) => bail!("unknown evaluation {other:?}: expected `ner`, `claims` or `syntax`"),
        None => bail!(
            "what to evaluate? `sift eval ner FILE`, `sift eval claims DIR` or `sift eval syntax FILE`"
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// Parses the raw text of every document of an OntoNotes split (see
/// [`sift_train::syntax::Split`]) and scores it as `score_syntax.py` does;
/// `pred` keeps the predictions.
pub fn syntax_report(
    split: &sift_train::syntax::Split,
    model: &sift_core::syntax::Model,
    pred: Option<&str>,
) -> Result<String> {
    use sift_core::formats::json;
    use sift_core::tokenize::Tokens;
    let mut lines = String::new();
    for line in split.syntax.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).context("reading the gold file")?;
        let Some(id) = v["id"].as_str() else { continue };
        let text = split
            .texts
            .get(id)
            .with_context(|| format!("no text for {id} beside the gold file"))?;
        let tokens = Tokens::new(text);
        let parse = model.parse(text, &tokens);
        let record =
            serde_json::json!({"id": id, "tokens": json::tokens_value(text, &tokens, &parse)});
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    if let Some(p) = pred {
        std::fs::write(p, &lines).with_context(|| format!("writing {p}"))?;
    }
    let predictions = score::syntax::read_predictions(&lines)?;
    let report = score::syntax::score(&split.syntax, &predictions)?;
    Ok(report.render())
}

/// Annotates every PolNeAR document in `gold`; returns the gold documents
/// and the predicted `.ann` per stem.
fn predict_claims(
    gold: &str,
    annotator: Annotator,
) -> Result<(Vec<score::claims::Doc>, HashMap<String, String>)> {
    let gold_docs =
        score::claims::read_gold_dir(Path::new(gold)).with_context(|| format!("reading {gold}"))?;
    let mut predicted = HashMap::new();
    for d in &gold_docs {
        let ann = brat::to_ann(&d.text, &annotator.annotate(&d.text));
        predicted.insert(d.stem.clone(), ann);
    }
    Ok((gold_docs, predicted))
}

/// The claims score table for a PolNeAR directory (used after training).
pub fn claims_report(gold: &str, annotator: Annotator) -> Result<String> {
    let (gold_docs, predicted) = predict_claims(gold, annotator)?;
    Ok(score::claims::score(&gold_docs, &predicted).render())
}

/// Annotates every gold document; returns (predictions, gold).
fn predict_ner(gold: &str, model: &Model) -> Result<(Vec<score::ner::Doc>, Vec<score::ner::Doc>)> {
    let content = std::fs::read_to_string(gold).with_context(|| format!("reading {gold}"))?;
    let gold_docs = score::ner::read_jsonl(&content)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {gold}"))?;
    let annotator = Annotator::new(model.clone());
    let docs = gold_docs
        .iter()
        .map(|g| {
            let offsets = Offsets::new(&g.text);
            let entities = annotator
                .annotate(&g.text)
                .entities
                .iter()
                .map(|e| {
                    let (s, t) = offsets.chars_of(&e.range);
                    (s, t, e.label.as_str().to_string())
                })
                .collect();
            score::ner::Doc {
                id: g.id.clone(),
                text: g.text.clone(),
                entities,
            }
        })
        .collect();
    Ok((docs, gold_docs))
}

fn write_ner_predictions(path: &str, docs: &[score::ner::Doc]) -> Result<()> {
    let mut out = String::new();
    for d in docs {
        let ents: Vec<serde_json::Value> = d
            .entities
            .iter()
            .map(|(s, e, l)| serde_json::json!([s, e, l]))
            .collect();
        out.push_str(&serde_json::json!({"id": d.id, "entities": ents}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {path}"))
}

/// The NER score table for a gold file (used after training).
pub fn ner_report(gold: &str, model: &Model) -> Result<String> {
    let (docs, gold_docs) = predict_ner(gold, model)?;
    Ok(score::ner::score(&gold_docs, &docs, false).render())
}

/// Passes over the file in `sift bench`.
const PASSES: usize = 5;

/// `sift bench FILE.jsonl`: tokens (whitespace-separated) per CPU-second of
/// the whole pipeline, entities and claims, on one core (the median of
/// [`PASSES`] passes).
pub fn bench(mut args: Args) -> Result<ExitCode> {
    let file = args
        .next_positional()
        .context("a JSONL file to annotate is required")?;
    let model = crate::load_model(args.option("model")?.as_deref())?;
    let claims = crate::load_claims_model(args.option("claims-model")?.as_deref())?;
    let syntax = crate::load_syntax_model(args.option("syntax-model")?.as_deref())?;
    args.finish()?;
    let content = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
    let texts: Vec<String> = content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| sift_core::formats::json::read_input(l, n + 1).map(|i| i.text))
        .collect::<Result<_, _>>()?;
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let annotator = Annotator::new(model)
        .with_claims(claims)
        .with_syntax(syntax);
    // A pass takes half a second, so a busy neighbour on a shared machine
    // can cost it a quarter: the median of five passes is reported. Each
    // pass starts from a clone, whose kept word scores are empty, so every
    // pass does the same work as the first.
    let mut passes = Vec::new();
    let mut found = 0;
    let mut found_tokens = 0;
    for _ in 0..PASSES {
        let annotator = annotator.clone();
        // CPU time rather than wall time: a shared machine's other load
        // would otherwise count against us. The loop is single-threaded,
        // so this thread's CPU time is "one core".
        let cpu_start = thread_cpu_seconds();
        let started = Instant::now();
        found = 0;
        for t in &texts {
            let a = annotator.annotate(t);
            found += a.entities.len() + a.claims.len();
        }
        let wall = started.elapsed().as_secs_f64();
        let (secs, clock) = match (cpu_start, thread_cpu_seconds()) {
            (Some(a), Some(b)) => (b - a, "CPU"),
            _ => (wall, "wall"),
        };
        // The syntax stage on the same texts, timed alone: its share of the
        // pipeline's time. (Annotating also tokenizes, which this repeats,
        // so the share is an upper bound by the tokenizer's small cost.)
        let syntax_start = thread_cpu_seconds();
        let syntax_started = Instant::now();
        for t in &texts {
            let (_, parse) = annotator.parse(t);
            found_tokens += parse.tags.len();
        }
        let syntax_secs = match (syntax_start, thread_cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => syntax_started.elapsed().as_secs_f64(),
        };
        passes.push((secs, wall, clock, syntax_secs));
    }
    passes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let all: Vec<String> = passes.iter().map(|p| format!("{:.3}", p.0)).collect();
    let (secs, wall, clock, _) = passes[PASSES / 2];
    let mut syntax: Vec<f64> = passes.iter().map(|p| p.3).collect();
    syntax.sort_by(f64::total_cmp);
    let syntax_secs = syntax[PASSES / 2];
    // `annotate` parses only for a claims model that reads syntax; for
    // one that does not, the share is of a pipeline that also parsed.
    let in_pipeline = annotator.parses();
    let share = if in_pipeline {
        100.0 * syntax_secs / secs
    } else {
        100.0 * syntax_secs / (secs + syntax_secs)
    };
    let stages = if in_pipeline {
        "entities, syntax and claims"
    } else {
        "entities and claims"
    };
    println!(
        "{PASSES} passes: {} {clock} s; the median is reported",
        all.join(", ")
    );
    let docs = texts.len();
    println!("{docs} documents, {words} whitespace tokens, {found} entities+claims in {secs:.3} {clock} s ({wall:.3} s wall)");
    println!(
        "sift: {:.0} tokens per {clock}-second (one thread, {stages})",
        words as f64 / secs
    );
    println!(
        "syntax (tagger and parser, median pass): {:.0} tokens per {clock}-second alone, {share:.1}% of the pipeline's time ({} Sift tokens)",
        words as f64 / syntax_secs,
        found_tokens / PASSES
    );
    // One machine-readable line for `cargo xtask bench`.
    println!(
        "BENCH docs={docs} tokens={words} found={found} {}_s={secs:.6} wall_s={wall:.6} syntax_s={syntax_secs:.6} syntax_share={share:.1}",
        clock.to_lowercase()
    );
    Ok(ExitCode::SUCCESS)
}

/// CPU seconds used so far by the calling thread, from /proc (no libc):
/// nanoseconds from `schedstat`, else clock ticks from `stat` (USER_HZ is
/// 100 in Linux's user ABI). `None` off Linux.
fn thread_cpu_seconds() -> Option<f64> {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
        {
            return Some(ns as f64 / 1e9);
        }
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name start at field 3 (state);
    // utime and stime are fields 14 and 15.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}
