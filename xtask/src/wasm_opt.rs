//! Shrinks the release wasm with binaryen's `wasm-opt` after `trunk build`.
//!
//! Why not Trunk's own `data-wasm-opt`: Trunk would take whatever `wasm-opt`
//! is on PATH, and Debian's (binaryen 108) produces a wasm that breaks the
//! Leptos page (`WebAssembly.Table.set(): Argument 1 is invalid`). The npm
//! package binaryen@132 ships a working one (as JavaScript + wasm, run by
//! Node), installed once into `target/tools/binaryen`. The optimised file
//! replaces the built one under the same name, and the `integrity` of its
//! preload link in index.html is recomputed. `SIFT_WASM_OPT=0` skips it.
//! Measured in docs/robustness.md: 1.37 MB → 0.81 MB raw, 423 KB → 329 KB gzip.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{npm, proc};

/// The binaryen release whose `wasm-opt` is known to give a working page.
const BINARYEN: &str = "binaryen@132";

/// The flags: size first, and the wasm features Rust 1.95's wasm32 target
/// emits, with SIMD as `.cargo/config.toml` turns it on (wasm-opt refuses a
/// module using features it was not told about).
const FLAGS: &[&str] = &[
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-simd",
];

/// Optimises the `*_bg.wasm` in `dist` in place, unless `SIFT_WASM_OPT=0`.
pub fn optimise_dist(root: &Path, dist: &Path) -> Result<()> {
    if std::env::var("SIFT_WASM_OPT").is_ok_and(|v| v == "0") {
        eprintln!("xtask: SIFT_WASM_OPT=0: the wasm is left as cargo built it");
        return Ok(());
    }
    let binaryen = npm::ensure(root, "binaryen", BINARYEN, "bin/wasm-opt")?;
    let wasm = find_wasm(dist)?;
    let before = file_len(&wasm)?;
    let out = wasm.with_extension("opt.wasm");
    let mut cmd = Command::new("node");
    cmd.arg(binaryen.join("bin/wasm-opt"))
        .args(FLAGS)
        .arg(&wasm)
        .arg("-o")
        .arg(&out);
    proc::run(&mut cmd).context("wasm-opt failed")?;
    std::fs::rename(&out, &wasm).with_context(|| format!("replacing {}", wasm.display()))?;
    let after = file_len(&wasm)?;
    let name = wasm
        .file_name()
        .and_then(|n| n.to_str())
        .context("odd wasm file name")?;
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
    let html = set_integrity(&html, name, &sri_sha384(&wasm)?)?;
    std::fs::write(&index, html).with_context(|| format!("writing {}", index.display()))?;
    eprintln!(
        "xtask: wasm-opt ({BINARYEN}) {name}: {before} -> {after} bytes ({:.1}% smaller)",
        100.0 * (before.saturating_sub(after)) as f64 / before.max(1) as f64
    );
    Ok(())
}

fn file_len(p: &Path) -> Result<u64> {
    Ok(std::fs::metadata(p)
        .with_context(|| format!("reading {}", p.display()))?
        .len())
}

fn find_wasm(dist: &Path) -> Result<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let p = e?.path();
        if p.to_str().is_some_and(|s| s.ends_with("_bg.wasm")) {
            found.push(p);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "expected one *_bg.wasm in {}, found {found:?}",
            dist.display()
        ),
    }
}

/// The SRI value (`sha384-<base64>`) of a file, computed by Node (which runs
/// wasm-opt anyway), so xtask needs no hashing crate.
fn sri_sha384(file: &Path) -> Result<String> {
    let script = "const c=require('crypto'),f=require('fs');\
        process.stdout.write('sha384-'+c.createHash('sha384').update(f.readFileSync(process.argv[1])).digest('base64'))";
    let out = proc::stdout_of(Command::new("node").args(["-e", script]).arg(file))
        .context("node could not hash the wasm")?;
    if !out.starts_with("sha384-") {
        bail!("unexpected hash from node: {out:?}");
    }
    Ok(out)
}

/// `html` with the `integrity` of every tag that names `file` and has one
/// (Trunk's preload link) set to `sri`. Errors when no tag names `file`.
fn set_integrity(html: &str, file: &str, sri: &str) -> Result<String> {
    let needle = format!("{file}\"");
    if !html.contains(&needle) {
        bail!("index.html does not name {file}");
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Tag by tag: text up to and including each `>`.
    while let Some(close) = rest.find('>') {
        let (tag, tail) = rest.split_at(close + 1);
        rest = tail;
        match (tag.contains(&needle), tag.find("integrity=\"")) {
            (true, Some(i)) => {
                let from = i + "integrity=\"".len();
                let to = from + tag[from..].find('"').context("unclosed integrity")?;
                out.push_str(&tag[..from]);
                out.push_str(sri);
                out.push_str(&tag[to..]);
            }
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_wasm_links_integrity() {
        let html = r#"<link rel="modulepreload" href="./a.js" integrity="sha384-JS"><link rel="preload" href="./a_bg.wasm" crossorigin="anonymous" integrity="sha384-OLD" as="fetch">"#;
        let out = set_integrity(html, "a_bg.wasm", "sha384-NEW").unwrap();
        assert!(out.contains(r#"integrity="sha384-JS""#), "{out}");
        assert!(
            out.contains(r#"a_bg.wasm" crossorigin="anonymous" integrity="sha384-NEW""#),
            "{out}"
        );
        assert!(!out.contains("OLD"));
        // The loader names the wasm too (first), without an integrity.
        let both = format!(r#"<script data-sift-wasm="./a_bg.wasm"></script>{html}"#);
        let out = set_integrity(&both, "a_bg.wasm", "sha384-NEW").unwrap();
        assert!(
            out.contains("sha384-NEW") && out.starts_with("<script data-sift-wasm"),
            "{out}"
        );
        let plain = r#"<script data-sift-wasm="./a_bg.wasm"></script>"#;
        assert_eq!(set_integrity(plain, "a_bg.wasm", "x").unwrap(), plain);
        assert!(set_integrity(plain, "b_bg.wasm", "x").is_err());
    }
}
