//! `cargo xtask` — the project's task runner.
//!
//! Every task installs the tools it needs when (and only when) they are
//! missing, so a fresh clone on a fresh machine works with nothing but a Rust
//! toolchain (and, for the browser tests, root + apt or a preinstalled
//! Chromium/ChromeDriver).
//!
//! Kept deliberately small: std + anyhow, so it compiles in seconds.

mod args;
mod bench;
mod lock;
mod npm;
mod places;
mod proc;
mod python;
mod test;
mod tools;
mod wasm_opt;

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

const USAGE: &str = "\
usage: cargo xtask <task> [args...]

tasks:
  serve                    build the web app and serve it on http://127.0.0.1:8080
  test                     run every test: native, wasm-bindgen (browser), end-to-end (browser)
  dist [--public-url URL]  release build of the web app into dist/
  wheel                    build the Python package into target/wheels/ (sift-*.whl, models inside)
  corpus-bench [--repeat N]
                           corpus throughput on OntoNotes dev: CLI --jobs 1/2, Python, spaCy, Spark local[2]
  train ner|claims|syntax [ARGS]
                           train a model from the shared data (sift train ...)
  eval ner|claims|syntax [ARGS]
                           evaluate a model on the shared dev data (sift eval ...)
  bench [--only sift,spacy,compromise] [--limit N]
                           Sift vs spaCy vs compromise on the dev file: F1 and tokens/CPU-second

env:
  SIFT_DATA    data folder for train/eval/bench (default: ../shared/data, from the repo root)
  (bench installs spaCy and compromise into target/bench-peers/ on first use)
";

fn main() {
    if let Err(err) = run() {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = argv.split_first() else {
        eprint!("{USAGE}");
        bail!("no task given");
    };
    let root = repo_root();
    match task.as_str() {
        "serve" => serve(&root, rest),
        "test" => test::run(&root, rest),
        "dist" => dist(&root, rest),
        "bench" => bench::run(&root, rest),
        "wheel" => python::wheel(&root, rest),
        "corpus-bench" => python::corpus_bench(&root, rest),
        "train" | "eval" => {
            let data = std::env::var("SIFT_DATA").ok();
            let sift_args = args::sift_args(task, rest, data.as_deref())?;
            if sift_args.iter().any(|a| a == places::FILE) {
                places::ensure(&root)?;
            }
            let mut cmd = proc::cargo();
            cmd.current_dir(&root)
                .args(["run", "--release", "-p", "sift-cli", "--bin", "sift", "--"])
                .args(&sift_args);
            proc::run(&mut cmd)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprint!("{USAGE}");
            bail!("unknown task `{other}`")
        }
    }
}

/// The workspace root: the parent of this crate's manifest directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repo root")
        .to_path_buf()
}

fn serve(root: &Path, rest: &[String]) -> Result<()> {
    let tools = tools::Tools::new(root)?;
    tools.ensure_web_build()?;
    let mut cmd = tools.command("trunk");
    cmd.current_dir(root)
        .args(["serve", "--release", "--offline"])
        .args(["--address", "127.0.0.1", "--port", "8080"])
        .args(rest);
    proc::run(&mut cmd)
}

fn dist(root: &Path, rest: &[String]) -> Result<()> {
    let public_url = args::dist_public_url(rest)?;
    let tools = tools::Tools::new(root)?;
    tools.ensure_web_build()?;
    let out = root.join("dist");
    tools.trunk_build(&out, public_url.as_deref())?;
    println!("xtask: web app built into {}", out.display());
    Ok(())
}
