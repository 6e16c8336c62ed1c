//! `sift train ner` and `sift train claims`.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use sift_train::ner::{self, Options};

use crate::args::Args;

pub fn run(mut args: Args) -> Result<ExitCode> {
    match args.next_positional().as_deref() {
        Some("ner") => train_ner(args),
        Some("claims") => train_claims(args),
        Some(other) => bail!("unknown model {other:?}: expected `ner` or `claims`"),
        None => bail!("which model? `sift train ner ...` or `sift train claims ...`"),
    }
}

fn train_ner(mut args: Args) -> Result<ExitCode> {
    let train = args
        .option("train")?
        .context("--train FILE.jsonl is required")?;
    let out = args
        .option("out")?
        .unwrap_or_else(|| "models/ner.bin".into());
    let defaults = Options::default();
    let opts = Options {
        epochs: args.number("epochs", defaults.epochs)?,
        bits: args.number("bits", defaults.bits)?,
        seed: args.number("seed", defaults.seed)?,
        max_weights: args.number("max-weights", defaults.max_weights)?,
        runs: args.number("runs", defaults.runs)?,
        folds: args.number("folds", defaults.folds)?,
        places: match args.option("places")? {
            Some(path) => std::fs::read_to_string(&path)
                .with_context(|| format!("reading {path}"))?
                .lines()
                .filter_map(|l| l.split('\t').next())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect(),
            None => Vec::new(),
        },
    };
    check_bits("bits", opts.bits)?;
    let dev = args.option("dev")?;
    let cluster_dir = args.option("cluster-text")?;
    args.finish()?;
    let started = Instant::now();
    let log = |line: &str| eprintln!("[{:>5.0}s] {line}", started.elapsed().as_secs_f64());
    let content = std::fs::read_to_string(&train).with_context(|| format!("reading {train}"))?;
    let docs = ner::read_jsonl(&content)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {train}"))?;
    // Clusters come from the training text plus, optionally, a folder of
    // unlabelled .txt files (PolNeAR's news articles).
    let extra = match &cluster_dir {
        Some(dir) => read_texts(dir)?,
        None => Vec::new(),
    };
    let texts = docs
        .iter()
        .map(|d| d.text.as_str())
        .chain(extra.iter().map(String::as_str));
    let clusters = sift_train::clusters::learn(texts, &Default::default());
    log(&format!(
        "{} words clustered ({} extra texts)",
        clusters.len(),
        extra.len()
    ));
    eprintln!("training on {train} with {opts:?}");
    let model = ner::train(&docs, clusters, &opts, log);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!(
        "wrote {out}: {} bytes in {:.0}s",
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(dev) = dev {
        let report = crate::eval::ner_report(&dev, &model)?;
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The contents of every `.txt` file in `dir`, in file-name order.
fn read_texts(dir: &str) -> Result<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {dir}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display())))
        .collect()
}

fn train_claims(mut args: Args) -> Result<ExitCode> {
    use sift_train::claims;
    let train = args
        .option("train")?
        .context("--train DIR (a PolNeAR split) is required")?;
    let out = args
        .option("out")?
        .unwrap_or_else(|| "models/claims.bin".into());
    let ner_model = crate::load_model(args.option("model")?.as_deref())?;
    let defaults = claims::Options::default();
    let opts = claims::Options {
        epochs: args.number("epochs", defaults.epochs)?,
        cue_bits: args.number("cue-bits", defaults.cue_bits)?,
        role_bits: args.number("role-bits", defaults.role_bits)?,
        seed: args.number("seed", defaults.seed)?,
        runs: args.number("runs", defaults.runs)?,
        max_weights: args.number("max-weights", defaults.max_weights)?,
        cue_margin: args.number("cue-margin", defaults.cue_margin)?,
    };
    check_bits("cue-bits", opts.cue_bits)?;
    check_bits("role-bits", opts.role_bits)?;
    let dev = args.option("dev")?;
    args.finish()?;
    let started = Instant::now();
    let docs = claims::read_dir(std::path::Path::new(&train)).map_err(anyhow::Error::msg)?;
    eprintln!("training on {train} with {opts:?}");
    let model = claims::train(&docs, &ner_model, &opts, |line| {
        eprintln!("[{:>5.0}s] {line}", started.elapsed().as_secs_f64())
    });
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    eprintln!(
        "wrote {out}: {} bytes in {:.0}s",
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(dev) = dev {
        let annotator = sift_core::Annotator::new(ner_model).with_claims(model);
        print!("{}", crate::eval::claims_report(&dev, annotator)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// A table size the model files can hold (a larger one would train for
/// hours and then not load).
fn check_bits(name: &str, bits: u8) -> Result<()> {
    let max = sift_core::ner::weights::MAX_BITS;
    if !(8..=max).contains(&bits) {
        bail!("--{name} {bits}: a table of 2^{bits} buckets is out of range (8 to {max})");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sizes_the_files_cannot_hold_are_refused_before_training() {
        assert!(check_bits("bits", 22).is_ok());
        let e = check_bits("bits", 30).unwrap_err().to_string();
        assert!(e.contains("--bits 30") && e.contains("8 to 24"), "{e}");
        assert!(check_bits("cue-bits", 4).is_err());
    }
}
