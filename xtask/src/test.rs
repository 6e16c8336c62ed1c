//! `cargo xtask test`: every test the project has, in order, stopping at the first failure.
//!
//! 1. native: `cargo test` for the workspace (the web package's unit tests only, not its
//!    browser test targets);
//!    then the Python package's tests (pytest: the package, the spaCy pipe,
//!    Spark local[2]) against the release CLI;
//! 2. wasm-bindgen tests of the web package in headless Chromium (`tests/web.rs`);
//! 3. a release build of the web app with trunk, then the WebDriver end-to-end tests
//!    (`tests/e2e.rs`) against it.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::proc::{self, Counts};
use crate::tools::{Browser, Tools};

/// Chromium flags for every browser the tests start (the machine has no network but
/// loopback: background services would only stall on failed look-ups).
pub const CHROME_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    // Nothing but loopback resolves: a stray request to another origin fails at once
    // (and still shows in the network log) instead of leaving the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

/// The axe-core release the accessibility test injects (tests/e2e_robust.rs).
const AXE_CORE: &str = "axe-core@4.14.1";

struct Step {
    name: &'static str,
    took: Duration,
    outcome: &'static str,
}

pub fn run(root: &Path, rest: &[String]) -> Result<()> {
    if let Some(arg) = rest.first() {
        bail!("`cargo xtask test` takes no arguments (got `{arg}`)");
    }
    let started = Instant::now();
    let mut steps: Vec<Step> = Vec::new();
    let mut counts = Counts::default();

    let t = Instant::now();
    let tools = Tools::new(root)?;
    tools.ensure_web_build()?;
    let browser = tools.ensure_browser()?;
    report_browser(&browser);
    steps.push(Step {
        name: "tools",
        took: t.elapsed(),
        outcome: "ok",
    });

    let result = run_steps(root, &tools, &browser, &mut steps, &mut counts);

    eprintln!();
    eprintln!("xtask test: steps");
    for s in &steps {
        eprintln!(
            "  {:<34} {:>8}  {}",
            s.name,
            format_duration(s.took),
            s.outcome
        );
    }
    eprintln!(
        "xtask test: {} in {}",
        if result.is_ok() {
            "all passed"
        } else {
            "FAILED"
        },
        format_duration(started.elapsed())
    );
    if result.is_err() && counts.failed == 0 {
        counts.failed = 1; // a build or harness failure counts as one failure
    }
    // The closing line CI reads: totals over every test binary that ran.
    println!(
        "summary: {} passed, {} failed, {} skipped",
        counts.passed, counts.failed, counts.ignored
    );
    result
}

fn run_steps(
    root: &Path,
    tools: &Tools,
    browser: &Browser,
    steps: &mut Vec<Step>,
    counts: &mut Counts,
) -> Result<()> {
    // 0. The code's shape: formatting, lints as errors, and the core building
    //    for the browser on its own (the app would hide a core that only
    //    builds with the app's features).
    ensure_components(tools)?;
    let mut cmd = tools.cargo();
    cmd.current_dir(root).args(["fmt", "--all", "--check"]);
    check_step("lint: cargo fmt --check", &mut cmd, steps)?;
    let mut cmd = tools.cargo();
    cmd.current_dir(root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    check_step("lint: cargo clippy -D warnings", &mut cmd, steps)?;
    let mut cmd = tools.cargo();
    cmd.current_dir(root).args([
        "build",
        "-p",
        "sift-core",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    check_step("build: sift-core for wasm32", &mut cmd, steps)?;

    // 1. Native tests. The web package's test targets are browser tests, so it only
    //    contributes its unit tests here.
    let mut cmd = tools.cargo();
    cmd.current_dir(root)
        // The Python extension is built and tested by maturin and pytest below.
        .args([
            "test",
            "--workspace",
            "--exclude",
            "sift-web",
            "--exclude",
            "sift-python",
        ]);
    test_step("native: workspace", &mut cmd, steps, counts)?;

    let mut cmd = tools.cargo();
    cmd.current_dir(root)
        .args(["test", "-p", "sift-web", "--lib", "--bins"]);
    test_step("native: sift-web unit tests", &mut cmd, steps, counts)?;

    // The Python package, the spaCy pipe and Spark local[2] (issue 16), against
    // the release CLI's output.
    python_step(root, tools, steps, counts)?;

    // 2. wasm-bindgen tests in the browser.
    if root.join("tests/web.rs").is_file() {
        let scratch = root.join("target/xtask");
        let profile = scratch.join(format!("wasm-test-profile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile)
            .with_context(|| format!("creating {}", profile.display()))?;
        let config = scratch.join("webdriver.json");
        std::fs::write(&config, webdriver_json(browser, &profile))
            .with_context(|| format!("writing {}", config.display()))?;
        let mut cmd = tools.cargo();
        cmd.current_dir(root)
            .args(["test", "--target", "wasm32-unknown-unknown"])
            .args(["-p", "sift-web", "--test", "web"])
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &config);
        for (var, default) in [
            ("WASM_BINDGEN_TEST_TIMEOUT", "180"),
            ("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "30"),
        ] {
            if std::env::var_os(var).is_none() {
                cmd.env(var, default);
            }
        }
        let mut result = test_step("wasm: tests/web.rs (Chromium)", &mut cmd, steps, counts);
        if result.is_ok() {
            // The core's annotation speed in Chromium (issue 3): a release build,
            // since a debug build's timings mean nothing; it prints the figures.
            let mut cmd = tools.cargo();
            cmd.current_dir(root)
                .args(["test", "--release", "--target", "wasm32-unknown-unknown"])
                .args([
                    "-p",
                    "sift-core",
                    "--test",
                    "web_speed",
                    "--",
                    "--nocapture",
                ])
                .env("CHROMEDRIVER", &browser.chromedriver)
                .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &config)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
            result = test_step(
                "wasm: crates/core/tests/web_speed.rs (Chromium)",
                &mut cmd,
                steps,
                counts,
            );
        }
        let _ = std::fs::remove_dir_all(&profile);
        result?;
    } else {
        eprintln!(
            "xtask: NOTICE: tests/web.rs does not exist yet; skipping the wasm-bindgen tests"
        );
        steps.push(Step {
            name: "wasm: tests/web.rs (Chromium)",
            took: Duration::ZERO,
            outcome: "skipped (no tests/web.rs)",
        });
    }

    // 3. Release build with trunk, then the end-to-end tests against it.
    let dist = root.join("dist");
    let t = Instant::now();
    let built = tools.trunk_build(&dist, Some("/"));
    steps.push(Step {
        name: "trunk build --release",
        took: t.elapsed(),
        outcome: if built.is_ok() { "ok" } else { "FAILED" },
    });
    built?;

    let mut cmd = tools.cargo();
    cmd.current_dir(root)
        .args(["test", "-p", "sift-web", "--test", "e2e", "--"])
        .args(["--test-threads=1", "--nocapture"])
        .env("SIFT_DIST", &dist)
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("CHROME", &browser.chrome);
    let e2e = test_step("e2e: tests/e2e.rs (WebDriver)", &mut cmd, steps, counts);

    // The annotator workflow (issue 5): edit, undo, reload, export/import, share.
    let mut cmd = tools.cargo();
    cmd.current_dir(root)
        .args(["test", "-p", "sift-web", "--test", "e2e_workflow", "--"])
        .args(["--test-threads=1", "--nocapture"])
        .env("SIFT_DIST", &dist)
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("CHROME", &browser.chrome);
    let workflow = test_step(
        "e2e: tests/e2e_workflow.rs (WebDriver)",
        &mut cmd,
        steps,
        counts,
    );

    // Robustness (issue 6): hostile, huge and offline input, the CSP, a panic,
    // and the page's weight and start-up (it prints the figures).
    // axe-core's browser build, for the accessibility check (installed once).
    let axe = crate::npm::ensure(root, "axe-core", AXE_CORE, "axe.min.js")?;
    let mut cmd = tools.cargo();
    cmd.current_dir(root)
        .args(["test", "-p", "sift-web", "--test", "e2e_robust", "--"])
        .args(["--test-threads=1", "--nocapture"])
        .env("SIFT_DIST", &dist)
        .env("SIFT_AXE_JS", axe.join("axe.min.js"))
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("CHROME", &browser.chrome);
    let robust = test_step(
        "e2e: tests/e2e_robust.rs (WebDriver)",
        &mut cmd,
        steps,
        counts,
    );
    // The claims ledger (issue 4), the speed of the built page (issue 3), and
    // what a demanding first week of use found (issue 17).
    let mut others = Ok(());
    for (test, name) in [
        ("e2e_ledger", "e2e: tests/e2e_ledger.rs (WebDriver)"),
        ("e2e_speed", "e2e: tests/e2e_speed.rs (WebDriver)"),
        ("e2e_first_week", "e2e: tests/e2e_first_week.rs (WebDriver)"),
    ] {
        let mut cmd = tools.cargo();
        cmd.current_dir(root)
            .args(["test", "-p", "sift-web", "--test", test, "--"])
            .args(["--test-threads=1", "--nocapture"])
            .env("SIFT_DIST", &dist)
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("CHROME", &browser.chrome);
        others = others.and(test_step(name, &mut cmd, steps, counts));
    }
    e2e.and(workflow).and(robust).and(others)
}

fn python_step(
    root: &Path,
    tools: &Tools,
    steps: &mut Vec<Step>,
    counts: &mut Counts,
) -> Result<()> {
    let t = Instant::now();
    let prepared = crate::python::prepare(root, tools.cargo());
    steps.push(Step {
        name: "python: venv, java, wheel",
        took: t.elapsed(),
        outcome: if prepared.is_ok() { "ok" } else { "FAILED" },
    });
    let python = prepared?;
    let mut cmd = Command::new(&python);
    cmd.current_dir(root.join("crates/python/tests"))
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "."])
        .env("SIFT_BIN", root.join("target/release/sift"));
    test_step(
        "python: crates/python/tests (pytest)",
        &mut cmd,
        steps,
        counts,
    )
}

/// rustfmt and clippy, from rustup when they are missing.
fn ensure_components(tools: &Tools) -> Result<()> {
    for (probe, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let mut cmd = tools.cargo();
        cmd.args([probe, "--version"]);
        if proc::stdout_of(&mut cmd).is_none() {
            proc::run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

/// A step that is a command, not a test binary: it passes or fails whole.
fn check_step(name: &'static str, cmd: &mut Command, steps: &mut Vec<Step>) -> Result<()> {
    eprintln!("\nxtask: ==> {name}");
    let t = Instant::now();
    let result = proc::run(cmd);
    steps.push(Step {
        name,
        took: t.elapsed(),
        outcome: if result.is_ok() { "ok" } else { "FAILED" },
    });
    result
}

fn test_step(
    name: &'static str,
    cmd: &mut Command,
    steps: &mut Vec<Step>,
    counts: &mut Counts,
) -> Result<()> {
    eprintln!("\nxtask: ==> {name}");
    let t = Instant::now();
    let (ok, c) = proc::run_tests(cmd)?;
    counts.add(c);
    steps.push(Step {
        name,
        took: t.elapsed(),
        outcome: if ok { "ok" } else { "FAILED" },
    });
    if !ok {
        bail!("{name} failed: `{}`", proc::display(cmd));
    }
    Ok(())
}

fn report_browser(b: &Browser) {
    let version = |p: &Path| {
        proc::stdout_of(Command::new(p).arg("--version"))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    eprintln!(
        "xtask: browser: {} ({}), driver: {} ({})",
        b.chrome.display(),
        version(&b.chrome),
        b.chromedriver.display(),
        version(&b.chromedriver)
    );
}

/// Capabilities for wasm-bindgen-test-runner (read from `WASM_BINDGEN_TEST_WEBDRIVER_JSON`).
fn webdriver_json(b: &Browser, profile: &Path) -> String {
    let mut args: Vec<String> = CHROME_ARGS.iter().map(|a| json_string(a)).collect();
    args.push(json_string(&format!(
        "--user-data-dir={}",
        profile.display()
    )));
    format!(
        "{{\n  \"goog:chromeOptions\": {{\n    \"binary\": {},\n    \"args\": [{}]\n  }}\n}}\n",
        json_string(&b.chrome.to_string_lossy()),
        args.join(", ")
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn webdriver_json_is_valid_shape() {
        let b = Browser {
            chrome: PathBuf::from("/usr/bin/chromium"),
            chromedriver: PathBuf::from("/usr/bin/chromedriver"),
        };
        let j = webdriver_json(&b, Path::new("/tmp/p \"q\""));
        assert!(j.contains(r#""binary": "/usr/bin/chromium""#), "{j}");
        assert!(j.contains(r#""--user-data-dir=/tmp/p \"q\"""#), "{j}");
        assert!(j.contains(r#""--headless""#), "{j}");
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(format_duration(Duration::from_secs(125)), "2m05s");
    }
}
