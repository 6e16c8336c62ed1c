//! `sift train ner`.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use sift_train::ner::{self, Options};

use crate::args::Args;

pub fn run(mut args: Args) -> Result<ExitCode> {
    match args.next_positional().as_deref() {
        Some("ner") => train_ner(args),
        Some(other) => bail!("unknown model {other:?}: expected `ner`"),
        None => bail!("which model? `sift train ner ...`"),
    }
}

fn train_ner(mut args: Args) -> Result<ExitCode> {
    let train = args.option("train")?.context("--train FILE.jsonl is required")?;
    let out = args.option("out")?.unwrap_or_else(|| "models/ner.bin".into());
    let defaults = Options::default();
    let opts = Options {
        epochs: args.number("epochs", defaults.epochs)?,
        bits: args.number("bits", defaults.bits)?,
        seed: args.number("seed", defaults.seed)?,
        max_weights: args.number("max-weights", defaults.max_weights)?,
    };
    let dev = args.option("dev")?;
    args.finish()?;
    let started = Instant::now();
    let content = std::fs::read_to_string(&train).with_context(|| format!("reading {train}"))?;
    let docs = ner::read_jsonl(&content).map_err(anyhow::Error::msg).with_context(|| format!("in {train}"))?;
    eprintln!("training on {train} with {opts:?}");
    let model = ner::train(&docs, &opts, |line| eprintln!("[{:>5.0}s] {line}", started.elapsed().as_secs_f64()));
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!("wrote {out}: {} bytes in {:.0}s", bytes.len(), started.elapsed().as_secs_f64());
    if let Some(dev) = dev {
        let report = crate::eval::ner_report(&dev, &model)?;
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
