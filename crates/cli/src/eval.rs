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
    let pred = args.option("pred")?;
    args.finish()?;
    match what.as_deref() {
        Some("ner") => {
            let (docs, gold_docs) = predict_ner(&gold, &model)?;
            if let Some(p) = pred {
                write_ner_predictions(&p, &docs)?;
            }
            print!("{}", score::ner::score(&gold_docs, &docs, false).render());
        }
        Some("claims") => {
            let claims = crate::load_claims_model(claims_model.as_deref())?;
            let (gold_docs, predicted) =
                predict_claims(&gold, Annotator::new(model).with_claims(claims))?;
            if let Some(dir) = pred {
                let dir = Path::new(&dir).join("attributions");
                std::fs::create_dir_all(&dir)?;
                for (stem, ann) in &predicted {
                    std::fs::write(dir.join(format!("{stem}.ann")), ann)?;
                }
            }
            print!("{}", score::claims::score(&gold_docs, &predicted).render());
        }
        Some(other) => bail!("unknown evaluation {other:?}: expected `ner` or `claims`"),
        None => bail!("what to evaluate? `sift eval ner FILE` or `sift eval claims DIR`"),
    }
    Ok(ExitCode::SUCCESS)
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
    args.finish()?;
    let content = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
    let texts: Vec<String> = content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| sift_core::formats::json::read_input(l, n + 1).map(|i| i.text))
        .collect::<Result<_, _>>()?;
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let annotator = Annotator::new(model).with_claims(claims);
    // A pass takes half a second, so a busy neighbour on a shared machine
    // can cost it a quarter: the median of five passes is reported. Each
    // pass starts from a clone, whose kept word scores are empty, so every
    // pass does the same work as the first.
    let mut passes = Vec::new();
    let mut found = 0;
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
        passes.push((secs, wall, clock));
    }
    passes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let all: Vec<String> = passes.iter().map(|p| format!("{:.3}", p.0)).collect();
    let (secs, wall, clock) = passes[PASSES / 2];
    println!(
        "{PASSES} passes: {} {clock} s; the median is reported",
        all.join(", ")
    );
    let docs = texts.len();
    println!("{docs} documents, {words} whitespace tokens, {found} entities+claims in {secs:.3} {clock} s ({wall:.3} s wall)");
    println!(
        "sift: {:.0} tokens per {clock}-second (one thread, entities and claims)",
        words as f64 / secs
    );
    // One machine-readable line for `cargo xtask bench`.
    println!(
        "BENCH docs={docs} tokens={words} found={found} {}_s={secs:.6} wall_s={wall:.6}",
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
