//! `sift`: batch annotation, evaluation, training and benchmarks.

mod annotate;
mod args;
mod eval;
mod train;

use std::process::ExitCode;

use anyhow::{bail, Result};

const USAGE: &str = "\
usage:
  sift annotate [--model FILE] [--brat DIR]      JSONL {id, text} on stdin -> annotations on stdout
  sift eval ner GOLD.jsonl [--model FILE] [--pred OUT.jsonl]
  sift eval claims GOLD_DIR [--model FILE] [--pred DIR]
  sift train ner --train FILE.jsonl [--dev FILE.jsonl] [--out FILE] [--epochs N] [--bits N] [--max-weights N]
  sift bench FILE.jsonl [--model FILE]
";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sift: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let mut args = args::Args::from_env();
    match args.next_positional().as_deref() {
        Some("annotate") => annotate::run(args),
        Some("eval") => eval::run(args),
        Some("train") => train::run(args),
        Some("bench") => eval::bench(args),
        Some("help") | Some("--help") | Some("-h") | None => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => bail!("unknown command {other:?}\n{USAGE}"),
    }
}

/// The entity model: `--model FILE`, or the one built into this binary.
fn load_model(path: Option<&str>) -> Result<sift_core::ner::Model> {
    use anyhow::Context;
    let bytes = match path {
        Some(p) => std::fs::read(p).with_context(|| format!("reading model {p}"))?,
        None => include_bytes!("../../../models/ner.bin").to_vec(),
    };
    sift_core::ner::Model::from_bytes(&bytes).context("loading the entity model")
}
