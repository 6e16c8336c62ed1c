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
        Some("syntax") => train_syntax(args),
        Some(other) => bail!("unknown model {other:?}: expected `ner`, `claims` or `syntax`"),
        None => bail!("which model? `sift train ner|claims|syntax ...`"),
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
        code_step: args.number("code-step", defaults.code_step)?,
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
    // `--syntax`: the role tagger also reads the syntax model's trees.
    let syntax = if args.flag("syntax") {
        Some(crate::load_syntax_model(
            args.option("syntax-model")?.as_deref(),
        )?)
    } else {
        None
    };
    check_bits("cue-bits", opts.cue_bits)?;
    check_bits("role-bits", opts.role_bits)?;
    let dev = args.option("dev")?;
    args.finish()?;
    let started = Instant::now();
    let docs = claims::read_dir(std::path::Path::new(&train)).map_err(anyhow::Error::msg)?;
    eprintln!("training on {train} with {opts:?}");
    let model = claims::train(&docs, &ner_model, syntax.as_ref(), &opts, |line| {
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
        let mut annotator = sift_core::Annotator::new(ner_model).with_claims(model);
        if let Some(syntax) = syntax {
            annotator = annotator.with_syntax(syntax);
        }
        print!("{}", crate::eval::claims_report(&dev, annotator)?);
    }
    Ok(ExitCode::SUCCESS)
}

fn train_syntax(mut args: Args) -> Result<ExitCode> {
    use sift_train::syntax::{self, read_sentences, read_split};
    let train = args
        .option("train")?
        .context("--train FILE.syntax.jsonl.gz is required")?;
    let out = args
        .option("out")?
        .unwrap_or_else(|| "models/syntax.bin".into());
    let d = syntax::Options::default();
    let opts = syntax::Options {
        tagger_epochs: args.number("tagger-epochs", d.tagger_epochs)?,
        parser_epochs: args.number("parser-epochs", d.parser_epochs)?,
        tagger_bits: args.number("tagger-bits", d.tagger_bits)?,
        parser_bits: args.number("parser-bits", d.parser_bits)?,
        label_bits: args.number("label-bits", d.label_bits)?,
        tagger_weights: args.number("tagger-weights", d.tagger_weights)?,
        parser_weights: args.number("parser-weights", d.parser_weights)?,
        label_weights: args.number("label-weights", d.label_weights)?,
        code_step: args.number("code-step", d.code_step)?,
        folds: args.number("folds", d.folds)?,
        explore: args.number("explore", d.explore)?,
        seed: args.number("seed", d.seed)?,
    };
    check_bits("tagger-bits", opts.tagger_bits)?;
    check_bits("parser-bits", opts.parser_bits)?;
    check_bits("label-bits", opts.label_bits)?;
    let dev = args.option("dev")?;
    args.finish()?;
    let started = Instant::now();
    let log = |line: &str| eprintln!("[{:>5.0}s] {line}", started.elapsed().as_secs_f64());
    let split = read_split(std::path::Path::new(&train))?;
    let texts = &split.texts;
    // Clusters from the training documents' raw text, in id order (a map's
    // order would change the clusters from run to run).
    let mut ids: Vec<&String> = texts.keys().collect();
    ids.sort();
    let clusters = sift_train::clusters::learn(
        ids.iter().map(|id| texts[*id].as_str()),
        &Default::default(),
    );
    log(&format!("{} words clustered", clusters.len()));
    let sentences =
        read_sentences(&split.syntax, texts, &clusters).with_context(|| format!("in {train}"))?;
    log(&format!("{} training sentences", sentences.len()));
    eprintln!("training on {train} with {opts:?}");
    let model = syntax::train(&sentences, clusters, &opts, log);
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("writing {out}"))?;
    let tables = model.weights();
    eprintln!(
        "wrote {out}: {} bytes ({} tagger, {} move and {} label weights) in {:.0}s",
        bytes.len(),
        tables.tagger.len(),
        tables.moves.len(),
        tables.labels.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(dev) = dev {
        let dev = read_split(std::path::Path::new(&dev))?;
        let dev_sentences = read_sentences(&dev.syntax, &dev.texts, model.clusters())?;
        let (pos, uas, las) = syntax::accuracy(&model, &dev_sentences);
        eprintln!("dev, gold tokens: POS {pos:.2}  UAS {uas:.2}  LAS {las:.2}");
        print!("{}", crate::eval::syntax_report(&dev, &model, None)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// `sift prune ner|syntax IN --out OUT --weights N` (syntax: `--tagger-weights N
/// --parser-weights N --label-weights N`; both: `--code-step N`): keeps the largest weights of a trained model, to
/// weigh file size against accuracy without training again.
pub fn prune(mut args: Args) -> Result<ExitCode> {
    let what = args.next_positional();
    let input = args
        .next_positional()
        .context("the model file to prune is required")?;
    let out = args.option("out")?.context("--out FILE is required")?;
    let bytes = std::fs::read(&input).with_context(|| format!("reading {input}"))?;
    let pruned = match what.as_deref() {
        Some("ner") => {
            let m = sift_core::ner::Model::from_bytes(&bytes)?;
            let n = args.number("weights", m.weights().len())?;
            let step = args.number("code-step", 1u8)?;
            args.finish()?;
            sift_core::ner::Model::from_parts(
                m.weights().largest(n).coarsened(step),
                m.clusters().clone(),
                m.gazetteer().clone(),
            )
            .to_bytes()
        }
        Some("syntax") => {
            let m = sift_core::syntax::Model::from_bytes(&bytes)?;
            let t = m.weights();
            let (nt, np, nl) = (
                args.number("tagger-weights", t.tagger.len())?,
                args.number("parser-weights", t.moves.len())?,
                args.number("label-weights", t.labels.len())?,
            );
            let step = args.number("code-step", 1u8)?;
            args.finish()?;
            sift_core::syntax::Model::from_parts(
                m.clusters().clone(),
                t.tagger.largest(nt).coarsened(step),
                t.moves.largest(np).coarsened(step),
                t.labels.largest(nl).coarsened(step),
            )
            .to_bytes()
        }
        _ => bail!("which model? `sift prune ner|syntax FILE --out FILE ...`"),
    };
    std::fs::write(&out, &pruned).with_context(|| format!("writing {out}"))?;
    eprintln!("wrote {out}: {} bytes (from {})", pruned.len(), bytes.len());
    Ok(ExitCode::SUCCESS)
}

/// A table size the model files can hold (a larger one would train for
/// hours and then not load).
fn check_bits(name: &str, bits: u8) -> Result<()> {
    let max = sift_core::linear::weights::MAX_BITS;
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
