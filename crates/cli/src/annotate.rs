//! `sift annotate`: JSONL documents on stdin, JSONL annotations on stdout.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use sift_core::formats::{brat, json};
use sift_core::Annotator;

use crate::args::Args;

pub fn run(mut args: Args) -> Result<ExitCode> {
    let model = crate::load_model(args.option("model")?.as_deref())?;
    let claims = crate::load_claims_model(args.option("claims-model")?.as_deref())?;
    let brat_dir = args.option("brat")?;
    args.finish()?;
    if let Some(dir) = &brat_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {dir}"))?;
    }
    let annotator = Annotator::new(model).with_claims(claims);
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = 0;
    for (n, line) in stdin.lines().enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("sift: line {line_no}: cannot read: {e}");
                failed += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let input = match json::read_input(&line, line_no) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("sift: {e}");
                failed += 1;
                continue;
            }
        };
        let annotation = annotator.annotate(&input.text);
        serde_json::to_writer(
            &mut out,
            &json::to_value(&input.id, &input.text, &annotation),
        )?;
        out.write_all(b"\n")?;
        if let Some(dir) = &brat_dir {
            let stem = safe_stem(&input.id);
            let base = std::path::Path::new(dir).join(&stem);
            std::fs::write(
                base.with_extension("ann"),
                brat::to_ann(&input.text, &annotation),
            )
            .with_context(|| format!("writing {stem}.ann"))?;
            std::fs::write(base.with_extension("txt"), &input.text)
                .with_context(|| format!("writing {stem}.txt"))?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A file name for a document id: path separators and other awkward
/// characters become `_`, so an id can never write outside the directory.
pub fn safe_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "doc".into()
    } else {
        s
    }
}
