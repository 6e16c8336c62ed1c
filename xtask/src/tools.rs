//! Finding the tools a task needs, and installing the missing ones.
//!
//! Each `ensure_*` is a no-op when the right tool is already there, so tasks
//! stay fast on a warm machine and still work on a fresh one.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::lock;
use crate::proc;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The Trunk release series the project is built with (Trunk.toml, CI and docs agree).
pub const TRUNK_SERIES: &str = "0.21";

pub struct Tools {
    root: PathBuf,
    /// `$CARGO_HOME/bin` (where `cargo install` puts things) first, then the inherited PATH.
    path: OsString,
}

/// The browser pair for the WebDriver tests.
pub struct Browser {
    pub chrome: PathBuf,
    pub chromedriver: PathBuf,
}

impl Tools {
    pub fn new(root: &Path) -> Result<Tools> {
        let cargo_bin = cargo_home()?.join("bin");
        let mut dirs = vec![cargo_bin];
        if let Some(path) = env::var_os("PATH") {
            dirs.extend(env::split_paths(&path));
        }
        let path = env::join_paths(dirs).context("PATH contains an invalid entry")?;
        Ok(Tools {
            root: root.to_path_buf(),
            path,
        })
    }

    /// The full path of `name` on our PATH, if it is there.
    pub fn which(&self, name: &str) -> Option<PathBuf> {
        env::split_paths(&self.path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    }

    /// A command for `program` (resolved on our PATH) with our PATH in its environment,
    /// so that e.g. trunk finds the wasm-bindgen we installed.
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.which(program).unwrap_or_else(|| program.into()));
        cmd.env("PATH", &self.path);
        cmd
    }

    /// `cargo` (the one running us) with our PATH, so cargo finds runners we installed.
    pub fn cargo(&self) -> Command {
        let mut cmd = proc::cargo();
        cmd.env("PATH", &self.path);
        cmd
    }

    /// Everything `trunk build` needs: the wasm target, trunk, and the wasm-bindgen CLI.
    pub fn ensure_web_build(&self) -> Result<()> {
        self.ensure_wasm_target()?;
        self.ensure_trunk()?;
        self.ensure_wasm_bindgen()?;
        Ok(())
    }

    pub fn ensure_wasm_target(&self) -> Result<()> {
        let sysroot = proc::stdout_of(Command::new("rustc").args(["--print", "sysroot"]))
            .map(|s| PathBuf::from(s.trim()));
        if let Some(sysroot) = &sysroot {
            if sysroot.join("lib/rustlib").join(WASM_TARGET).is_dir() {
                return Ok(());
            }
        }
        if self.which("rustup").is_none() {
            bail!(
                "the Rust target {WASM_TARGET} is not installed and rustup is not available; \
                 install the target for this toolchain"
            );
        }
        eprintln!("xtask: installing the Rust target {WASM_TARGET}");
        proc::run(self.command("rustup").args(["target", "add", WASM_TARGET]))
    }

    pub fn ensure_trunk(&self) -> Result<()> {
        let found = self.tool_version("trunk");
        if let Some(v) = &found {
            if lock::in_series(v, TRUNK_SERIES) {
                return Ok(());
            }
        }
        eprintln!(
            "xtask: installing trunk {TRUNK_SERIES}.x (found: {}); this takes several minutes",
            found.as_deref().unwrap_or("none")
        );
        proc::run(self.cargo().args([
            "install",
            "trunk",
            "--version",
            &format!("~{TRUNK_SERIES}"),
            "--locked",
        ]))?;
        self.check_installed("trunk", TRUNK_SERIES)
    }

    /// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in
    /// Cargo.lock (trunk and wasm-bindgen-test-runner refuse anything else).
    pub fn ensure_wasm_bindgen(&self) -> Result<String> {
        let want = self.locked_wasm_bindgen()?;
        let found = self.tool_version("wasm-bindgen");
        let runner_ok = self.which("wasm-bindgen-test-runner").is_some();
        if found.as_deref() == Some(want.as_str()) && runner_ok {
            return Ok(want);
        }
        eprintln!(
            "xtask: installing wasm-bindgen-cli {want} (found: {}); this takes a few minutes",
            found.as_deref().unwrap_or("none")
        );
        proc::run(
            self.cargo()
                .args(["install", "wasm-bindgen-cli", "--version", &want]),
        )?;
        self.check_installed("wasm-bindgen", &want)?;
        Ok(want)
    }

    fn locked_wasm_bindgen(&self) -> Result<String> {
        let lock_path = self.root.join("Cargo.lock");
        let text = std::fs::read_to_string(&lock_path)
            .with_context(|| format!("reading {}", lock_path.display()))?;
        lock::locked_version(&text, "wasm-bindgen")
            .with_context(|| format!("no `wasm-bindgen` package in {}", lock_path.display()))
    }

    fn tool_version(&self, tool: &str) -> Option<String> {
        let path = self.which(tool)?;
        let out = proc::stdout_of(Command::new(path).arg("--version"))?;
        lock::tool_version(&out, tool)
    }

    fn check_installed(&self, tool: &str, series: &str) -> Result<()> {
        match self.tool_version(tool) {
            Some(v) if lock::in_series(&v, series) => Ok(()),
            other => bail!(
                "after installing, `{tool} --version` reports {} (wanted {series}); \
                 is another {tool} earlier on PATH?",
                other.as_deref().unwrap_or("nothing")
            ),
        }
    }

    /// Chromium + ChromeDriver, installed with apt when missing and we may.
    pub fn ensure_browser(&self) -> Result<Browser> {
        if let Some(b) = self.find_browser() {
            return Ok(b);
        }
        let is_root =
            proc::stdout_of(Command::new("id").arg("-u")).is_some_and(|s| s.trim() == "0");
        if is_root && self.which("apt-get").is_some() {
            eprintln!("xtask: installing chromium and chromium-driver with apt-get");
            proc::run(
                self.command("apt-get")
                    .arg("update")
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )?;
            proc::run(
                self.command("apt-get")
                    .args(["install", "-y", "chromium", "chromium-driver"])
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )?;
            if let Some(b) = self.find_browser() {
                return Ok(b);
            }
        }
        bail!(
            "the browser tests need Chromium and a ChromeDriver of the same version.\n  \
             On Debian/Ubuntu: sudo apt-get install chromium chromium-driver\n  \
             Or point CHROME and CHROMEDRIVER at the executables.\n  \
             (found chromium: {}, chromedriver: {})",
            self.find_chrome()
                .map_or("no".into(), |p| p.display().to_string()),
            self.find_chromedriver()
                .map_or("no".into(), |p| p.display().to_string()),
        )
    }

    fn find_browser(&self) -> Option<Browser> {
        Some(Browser {
            chrome: self.find_chrome()?,
            chromedriver: self.find_chromedriver()?,
        })
    }

    fn find_chromedriver(&self) -> Option<PathBuf> {
        env_executable("CHROMEDRIVER")
            .or_else(|| self.which("chromedriver"))
            .or_else(|| Some(PathBuf::from("/usr/bin/chromedriver")).filter(|p| is_executable(p)))
    }

    fn find_chrome(&self) -> Option<PathBuf> {
        env_executable("CHROME").or_else(|| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .into_iter()
            .find_map(|name| self.which(name))
        })
    }

    /// `trunk build --release --offline` into `dist`.
    pub fn trunk_build(&self, dist: &Path, public_url: Option<&str>) -> Result<()> {
        let mut cmd = self.command("trunk");
        cmd.current_dir(&self.root)
            .args(["build", "--release", "--offline", "--dist"])
            .arg(dist);
        if let Some(url) = public_url {
            cmd.args(["--public-url", url]);
        }
        proc::run(&mut cmd)?;
        // Trunk's own wasm-opt step is off (index.html): see wasm_opt.rs.
        crate::wasm_opt::optimise_dist(&self.root, dist)
    }
}

fn cargo_home() -> Result<PathBuf> {
    if let Some(home) = env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home));
    }
    let home = env::var_os("HOME").context("neither CARGO_HOME nor HOME is set")?;
    Ok(PathBuf::from(home).join(".cargo"))
}

fn env_executable(var: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env::var_os(var)?);
    is_executable(&p).then_some(p)
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}
