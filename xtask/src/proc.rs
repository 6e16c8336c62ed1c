//! Running child processes: echo, check the exit status, tee test output.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// `cargo`, as the one that runs us (`$CARGO`), falling back to the one on PATH.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `cargo` arguments that build the release `sift` binary (`target/release/sift`).
pub const BUILD_CLI: &[&str] = &["build", "--release", "-p", "sift-cli", "--bin", "sift"];

/// A shell-like rendering of `cmd`, for logs and error messages.
pub fn display(cmd: &Command) -> String {
    let program = cmd.get_program().to_string_lossy();
    let program = program.rsplit('/').next().unwrap_or(&program).to_string();
    std::iter::once(program)
        .chain(cmd.get_args().map(quote))
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote(arg: &OsStr) -> String {
    let s = arg.to_string_lossy();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%~".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Runs `cmd` with inherited stdio; an error unless it exits 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = display(cmd);
    eprintln!("xtask: $ {shown}");
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// The stdout of `cmd` when it runs and exits 0, `None` otherwise (e.g. not installed).
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Tests counted from libtest's `test result:` lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }

    /// Parses pytest's closing line, `=== 1 failed, 10 passed, 2 skipped, 1 warning in 3.2s ===`
    /// (errors count as failures, skips as ignored).
    pub fn parse_pytest_line(line: &str) -> Option<Counts> {
        let body = line.trim().trim_matches('=').trim();
        let (tally, time) = body.rsplit_once(" in ")?;
        if !time.ends_with('s') {
            return None;
        }
        let mut counts = Counts::default();
        let mut seen = false;
        for part in tally.split(", ") {
            let (n, what) = part.trim().split_once(' ')?;
            let n: u64 = n.parse().ok()?;
            match what {
                "passed" => counts.passed += n,
                "failed" | "error" | "errors" => counts.failed += n,
                "skipped" | "deselected" | "xfailed" => counts.ignored += n,
                _ => continue,
            }
            seen = true;
        }
        seen.then_some(counts)
    }

    /// Parses `test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; ...`.
    pub fn parse_line(line: &str) -> Option<Counts> {
        if let Some(c) = Self::parse_pytest_line(line) {
            return Some(c);
        }
        let rest = line.trim().strip_prefix("test result: ")?;
        let (_, rest) = rest.split_once(". ")?;
        let mut counts = Counts::default();
        for part in rest.split(';') {
            let mut words = part.split_whitespace();
            let (Some(n), Some(what)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match what {
                "passed" => counts.passed = n,
                "failed" => counts.failed = n,
                "ignored" => counts.ignored = n,
                _ => {}
            }
        }
        Some(counts)
    }
}

/// Runs a test command, streaming its stdout through while counting results.
/// Returns whether it exited 0, and the counts it printed.
pub fn run_tests(cmd: &mut Command) -> Result<(bool, Counts)> {
    let shown = display(cmd);
    eprintln!("xtask: $ {shown}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{shown}`"))?;
    let mut counts = Counts::default();
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut out = std::io::stdout();
    for line in BufReader::new(stdout).split(b'\n') {
        let line = line.context("reading test output")?;
        let text = String::from_utf8_lossy(&line);
        if let Some(c) = Counts::parse_line(&text) {
            counts.add(c);
        }
        out.write_all(&line)?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    let status = child.wait()?;
    Ok((status.success(), counts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pytest_summary() {
        let c = Counts::parse_line("==== 1 failed, 10 passed, 2 skipped, 1 warning in 12.95s ====");
        assert_eq!(
            c,
            Some(Counts {
                passed: 10,
                failed: 1,
                ignored: 2
            })
        );
        assert_eq!(
            Counts::parse_line("11 passed in 3.00s").map(|c| c.passed),
            Some(11)
        );
        assert_eq!(
            Counts::parse_line("1 error in 0.5s").map(|c| c.failed),
            Some(1)
        );
        assert_eq!(Counts::parse_line("documents read in 3s"), None);
        assert_eq!(Counts::parse_line("the plan, in 2s"), None);
    }

    #[test]
    fn parses_libtest_summary() {
        let c = Counts::parse_line(
            "test result: ok. 12 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s",
        );
        assert_eq!(
            c,
            Some(Counts {
                passed: 12,
                failed: 0,
                ignored: 2
            })
        );
        let c = Counts::parse_line("test result: FAILED. 1 passed; 3 failed; 0 ignored").unwrap();
        assert_eq!((c.passed, c.failed), (1, 3));
        assert_eq!(Counts::parse_line("running 3 tests"), None);
    }

    #[test]
    fn displays_commands_quoted() {
        let mut cmd = Command::new("/usr/bin/cargo");
        cmd.args(["test", "--", "a b", "it's"]);
        assert_eq!(display(&cmd), r"cargo test -- 'a b' 'it'\''s'");
    }
}
