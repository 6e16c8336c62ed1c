//! Tools from the npm registry, each installed once into its own folder under
//! `target/tools/` (`npm install --prefix`), never globally.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::proc;

/// Where `package` lives once installed into `target/tools/<folder>`.
pub fn package_dir(root: &Path, folder: &str, package: &str) -> PathBuf {
    root.join("target/tools")
        .join(folder)
        .join("node_modules")
        .join(package)
}

/// Installs `spec` (`name@version`) into `target/tools/<folder>` unless
/// `marker` (a path inside the package) is already there; returns the
/// package's folder.
pub fn ensure(root: &Path, folder: &str, spec: &str, marker: &str) -> Result<PathBuf> {
    let name = spec.rsplit_once('@').map_or(spec, |(n, _)| n);
    let dir = package_dir(root, folder, name);
    if dir.join(marker).exists() {
        return Ok(dir);
    }
    let prefix = root.join("target/tools").join(folder);
    std::fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    eprintln!(
        "xtask: installing {spec} from npm into {}",
        prefix.display()
    );
    let mut cmd = Command::new("npm");
    cmd.args([
        "install",
        "--no-audit",
        "--no-fund",
        "--no-save",
        "--prefix",
    ])
    .arg(&prefix)
    .arg(spec);
    proc::run(&mut cmd)
        .with_context(|| format!("`npm install {spec}` failed (is Node.js with npm installed?)"))?;
    if !dir.join(marker).exists() {
        bail!(
            "npm installed {spec} but {} is missing",
            dir.join(marker).display()
        );
    }
    Ok(dir)
}
