//! `sift`: batch annotation, evaluation, training and benchmarks.

mod annotate;
mod args;
mod eval;
mod train;

use std::process::ExitCode;

use anyhow::{bail, Result};

const USAGE: &str = "\
usage:
  sift annotate [--model FILE] [--claims-model FILE] [--without PASS,…] [--brat DIR] [--jobs N] [--syntax] [--syntax-model FILE]
                JSONL {id, text} on stdin -> annotations on stdout (--syntax: with tokens and their syntax)
  sift eval ner GOLD.jsonl [--model FILE] [--pred OUT.jsonl]
  sift eval syntax GOLD.syntax.jsonl[.gz] [--syntax-model FILE] [--pred OUT.jsonl]
  sift eval claims GOLD_DIR [--model FILE] [--claims-model FILE|rules] [--syntax-model FILE] [--without PASS,…] [--pred DIR]
  sift train ner --train FILE.jsonl [--dev FILE.jsonl] [--out FILE] [--epochs N] [--bits N] [--max-weights N] [--code-step N] [--runs N] [--folds N] [--cluster-text DIR] [--places FILE]
  sift train syntax --train FILE.syntax.jsonl.gz [--dev FILE.syntax.jsonl.gz] [--out FILE] [--tagger-epochs N] [--parser-epochs N]
                    [--tagger-bits N] [--parser-bits N] [--label-bits N] [--tagger-weights N] [--parser-weights N]
                    [--label-weights N] [--code-step N] [--folds N] [--explore P]
  sift train claims --train DIR [--dev DIR] [--syntax [--syntax-model FILE]] [--out FILE] [--epochs N] [--cue-bits N] [--role-bits N] [--max-weights N] [--runs N]
  sift prune ner|syntax FILE --out FILE [--weights N | --tagger-weights N --parser-weights N --label-weights N] [--code-step N]
  sift bench FILE.jsonl [--model FILE] [--claims-model FILE|rules]
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
        Some("prune") => train::prune(args),
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

/// The claims model: `--claims-model FILE`, `rules` for the rule-based
/// finder, or the one built into this binary.
fn load_claims_model(path: Option<&str>) -> Result<sift_core::claims::Model> {
    use anyhow::Context;
    let bytes = match path {
        Some("rules") => return Ok(sift_core::claims::Model::empty()),
        Some(p) => std::fs::read(p).with_context(|| format!("reading claims model {p}"))?,
        None => CLAIMS_MODEL.to_vec(),
    };
    sift_core::claims::Model::from_bytes(&bytes).context("loading the claims model")
}

/// The syntax model: `--syntax-model FILE`, or the one built into this
/// binary.
fn load_syntax_model(path: Option<&str>) -> Result<sift_core::syntax::Model> {
    use anyhow::Context;
    let bytes = match path {
        Some(p) => std::fs::read(p).with_context(|| format!("reading syntax model {p}"))?,
        None => SYNTAX_MODEL.to_vec(),
    };
    sift_core::syntax::Model::from_bytes(&bytes).context("loading the syntax model")
}

/// The shipped syntax model.
const SYNTAX_MODEL: &[u8] = include_bytes!("../../../models/syntax.bin");

/// The shipped claims model.
const CLAIMS_MODEL: &[u8] = include_bytes!("../../../models/claims.bin");

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample article's claims with the shipped models (the browser's
    /// end-to-end test relies on the denial).
    #[test]
    fn shipped_claims_model_reads_the_sample_article() {
        let annotator = sift_core::Annotator::new(load_model(None).unwrap())
            .with_claims(load_claims_model(None).unwrap())
            .with_syntax(load_syntax_model(None).unwrap());
        assert!(!annotator.claims().is_empty());
        // Three paragraphs of the app's sample article (assets/sample.txt).
        let text = "Ukraine and the West have accused Tehran of providing Moscow with hundreds of exploding drones \
                    for use on the battlefield in Ukraine and helping launch their production in Russia. The Iranian \
                    drone deliveries, which Moscow and Tehran have denied, have allowed for a barrage of long-range \
                    drone strikes on Ukraine’s infrastructure.\n\
                    Under that agreement, both sides committed to provide military assistance in case the other was \
                    invaded or attacked. North Korea has since sent thousands of soldiers to fight against Ukrainian \
                    troops in Russia’s western Kursk region, hundreds of whom have been killed or wounded, according \
                    to South Korean, Ukrainian and Western intelligence.\n";
        let claims = annotator.annotate(text).claims;
        let part = |rs: &[std::ops::Range<usize>]| {
            rs.iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let find = |cue: &str| {
            claims
                .iter()
                .find(|c| part(&c.cue).contains(cue))
                .unwrap_or_else(|| panic!("no claim with cue {cue:?}"))
        };
        let accused = find("accused");
        assert_eq!(
            (accused.kind.as_str(), part(&accused.source).as_str()),
            ("accusation", "Ukraine and the West")
        );
        assert!(part(&accused.content).starts_with("Tehran of providing Moscow"));
        let denied = find("denied");
        assert_eq!(
            (denied.kind.as_str(), part(&denied.source).as_str()),
            ("denial", "Moscow and Tehran")
        );
        let according = find("according to");
        assert_eq!(according.kind.as_str(), "report");
        assert!(part(&according.source).starts_with("South Korean"));
    }

    #[test]
    fn shipped_claims_model_survives_odd_input() {
        let annotator = sift_core::Annotator::new(sift_core::ner::Model::empty())
            .with_claims(load_claims_model(None).unwrap())
            .with_syntax(load_syntax_model(None).unwrap());
        let long_quote = format!("“{}” he said.", "It is. ".repeat(200));
        for text in [
            "",
            "“",
            "”,” he said",
            "said said said",
            "\u{202e}x said “y",
            "a\r\n\r\nb said: “c",
            long_quote.as_str(),
        ] {
            for c in annotator.annotate(text).claims {
                for r in c
                    .cue
                    .iter()
                    .chain(&c.source)
                    .chain(&c.content)
                    .chain(&c.hedges)
                    .chain(&c.source_entity)
                {
                    assert!(text.get(r.clone()).is_some(), "{r:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn rules_stay_available() {
        assert!(load_claims_model(Some("rules")).unwrap().is_empty());
        assert!(load_claims_model(Some("/nonexistent/claims.bin")).is_err());
    }
}
