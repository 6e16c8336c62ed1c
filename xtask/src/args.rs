//! Pure argument mapping: `cargo xtask <task> ...` → `sift ...` and friends.

use anyhow::{bail, Result};

/// Where the shared data lives when `SIFT_DATA` is not set (relative to the repo root).
pub const DEFAULT_DATA: &str = "../shared/data";

/// Maps `cargo xtask train|eval ...` to the arguments of the `sift` binary,
/// filling in the shared-data defaults. Extra arguments are passed through; a
/// default is left out when the extra arguments give the same option (or, for
/// `eval`, their own data path as the first extra argument).
pub fn sift_args(task: &str, rest: &[String], data: Option<&str>) -> Result<Vec<String>> {
    let data = data.unwrap_or(DEFAULT_DATA).trim_end_matches('/');
    let path = |rel: &str| format!("{data}/{rel}");
    let mut out: Vec<String> = vec![task.to_string()];
    match task {
        "train" => {
            let (model, extra) = model_kind(task, rest)?;
            let (train, dev, model_out) = match model {
                "ner" => (
                    path("ontonotes/train.jsonl"),
                    path("ontonotes/dev.jsonl"),
                    "models/ner.bin".to_string(),
                ),
                "syntax" => (
                    path("ontonotes/train.syntax.jsonl.gz"),
                    path("ontonotes/dev.syntax.jsonl.gz"),
                    "models/syntax.bin".to_string(),
                ),
                _ => (
                    path("polnear/train"),
                    path("polnear/dev"),
                    "models/claims.bin".to_string(),
                ),
            };
            out.push(model.to_string());
            let mut options = vec![("--train", train), ("--dev", dev), ("--out", model_out)];
            if model == "ner" {
                // Word clusters also learn from PolNeAR's unlabelled news text,
                // and the gazetteer takes place names from npm (`places.rs`).
                options.push(("--cluster-text", path("polnear/train/text")));
                options.push(("--places", crate::places::FILE.to_string()));
            }
            for (flag, value) in options {
                if !has_option(extra, flag) {
                    out.push(flag.to_string());
                    out.push(value);
                }
            }
            // The shipped claims model reads the shipped parser's trees.
            if model == "claims" && !has_option(extra, "--syntax") {
                out.push("--syntax".to_string());
            }
            out.extend(extra.iter().cloned());
        }
        "eval" => {
            let (model, extra) = model_kind(task, rest)?;
            out.push(model.to_string());
            if !starts_with_positional(extra) {
                out.push(match model {
                    "ner" => path("ontonotes/dev.jsonl"),
                    "syntax" => path("ontonotes/dev.syntax.jsonl.gz"),
                    _ => path("polnear/dev"),
                });
            }
            out.extend(extra.iter().cloned());
        }
        other => bail!("`{other}` is not a sift task (expected train or eval)"),
    }
    Ok(out)
}

fn model_kind<'a>(task: &str, rest: &'a [String]) -> Result<(&'a str, &'a [String])> {
    match rest.split_first() {
        Some((m, extra)) if ["ner", "claims", "syntax"].contains(&m.as_str()) => {
            Ok((m.as_str(), extra))
        }
        Some((m, _)) => bail!("`cargo xtask {task} {m}`: expected `ner`, `claims` or `syntax`"),
        None => bail!("`cargo xtask {task}` needs a model: `ner`, `claims` or `syntax`"),
    }
}

/// Whether `args` sets `flag`, as `--flag value` or `--flag=value`.
fn has_option(args: &[String], flag: &str) -> bool {
    args.iter().any(|a| {
        a == flag
            || a.strip_prefix(flag)
                .is_some_and(|rest| rest.starts_with('='))
    })
}

fn starts_with_positional(args: &[String]) -> bool {
    args.first().is_some_and(|a| !a.starts_with('-'))
}

/// Parses the arguments of `cargo xtask dist`: only `--public-url URL` (or `--public-url=URL`).
pub fn dist_public_url(rest: &[String]) -> Result<Option<String>> {
    let mut url = None;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        if arg == "--public-url" {
            match it.next() {
                Some(v) => url = Some(v.clone()),
                None => bail!("`--public-url` needs a value, e.g. `--public-url /sift/`"),
            }
        } else if let Some(v) = arg.strip_prefix("--public-url=") {
            url = Some(v.to_string());
        } else {
            bail!("`cargo xtask dist`: unexpected argument `{arg}` (only --public-url URL)");
        }
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn train_ner_uses_shared_data_defaults() {
        assert_eq!(
            sift_args("train", &s(&["ner"]), None).unwrap(),
            s(&[
                "train",
                "ner",
                "--train",
                "../shared/data/ontonotes/train.jsonl",
                "--dev",
                "../shared/data/ontonotes/dev.jsonl",
                "--out",
                "models/ner.bin",
                "--cluster-text",
                "../shared/data/polnear/train/text",
                "--places",
                "target/tools/places-300000.txt",
            ])
        );
    }

    #[test]
    fn train_claims_uses_polnear_and_passes_extra_args() {
        assert_eq!(
            sift_args("train", &s(&["claims", "--epochs", "3"]), None).unwrap(),
            s(&[
                "train",
                "claims",
                "--train",
                "../shared/data/polnear/train",
                "--dev",
                "../shared/data/polnear/dev",
                "--out",
                "models/claims.bin",
                "--syntax",
                "--epochs",
                "3",
            ])
        );
    }

    #[test]
    fn train_and_eval_syntax_use_the_ontonotes_trees() {
        assert_eq!(
            sift_args("train", &s(&["syntax"]), None).unwrap(),
            s(&[
                "train",
                "syntax",
                "--train",
                "../shared/data/ontonotes/train.syntax.jsonl.gz",
                "--dev",
                "../shared/data/ontonotes/dev.syntax.jsonl.gz",
                "--out",
                "models/syntax.bin",
            ])
        );
        assert_eq!(
            sift_args("eval", &s(&["syntax"]), None).unwrap(),
            s(&[
                "eval",
                "syntax",
                "../shared/data/ontonotes/dev.syntax.jsonl.gz"
            ])
        );
    }

    #[test]
    fn train_option_given_by_user_replaces_default() {
        let got = sift_args("train", &s(&["ner", "--out=/tmp/n.bin"]), Some("/data/")).unwrap();
        assert_eq!(
            got,
            s(&[
                "train",
                "ner",
                "--train",
                "/data/ontonotes/train.jsonl",
                "--dev",
                "/data/ontonotes/dev.jsonl",
                "--cluster-text",
                "/data/polnear/train/text",
                "--places",
                "target/tools/places-300000.txt",
                "--out=/tmp/n.bin",
            ])
        );
        let got = sift_args("train", &s(&["ner", "--dev", "d.jsonl"]), None).unwrap();
        assert_eq!(got.iter().filter(|a| *a == "--dev").count(), 1);
        assert!(!got.iter().any(|a| a.ends_with("ontonotes/dev.jsonl")));
    }

    #[test]
    fn eval_defaults() {
        assert_eq!(
            sift_args("eval", &s(&["ner"]), None).unwrap(),
            s(&["eval", "ner", "../shared/data/ontonotes/dev.jsonl"])
        );
        assert_eq!(
            sift_args("eval", &s(&["claims", "--model", "m.bin"]), Some("d")).unwrap(),
            s(&["eval", "claims", "d/polnear/dev", "--model", "m.bin"])
        );
        // A data path of one's own replaces the default.
        assert_eq!(
            sift_args("eval", &s(&["ner", "my.jsonl"]), None).unwrap(),
            s(&["eval", "ner", "my.jsonl"])
        );
        // `bench` is xtask's own task now (bench.rs), not a sift pass-through.
        assert!(sift_args("bench", &[], None).is_err());
    }

    #[test]
    fn bad_model_kind_is_an_error() {
        assert!(sift_args("train", &[], None).is_err());
        assert!(sift_args("eval", &s(&["pos"]), None).is_err());
        assert!(sift_args("serve", &[], None).is_err());
    }

    #[test]
    fn dist_public_url_forms() {
        assert_eq!(dist_public_url(&[]).unwrap(), None);
        assert_eq!(
            dist_public_url(&s(&["--public-url", "/sift/"])).unwrap(),
            Some("/sift/".into())
        );
        assert_eq!(
            dist_public_url(&s(&["--public-url=/x/"])).unwrap(),
            Some("/x/".into())
        );
        assert!(dist_public_url(&s(&["--public-url"])).is_err());
        assert!(dist_public_url(&s(&["--release"])).is_err());
    }
}
