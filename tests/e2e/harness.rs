//! The end-to-end test harness: a static file server for the built app, a
//! ChromeDriver process, and a headless Chromium session driven with fantoccini.
//!
//! Every test gets its own server (so its request log is its own), its own
//! ChromeDriver and a fresh Chromium profile. Tests run one at a time (a lock),
//! because each one is a whole browser on a small machine.
//!
//! Environment:
//! - `SIFT_DIST`: the built app (`trunk build --release`); when unset, the harness
//!   runs `trunk build --release --offline` itself and serves `<root>/dist`;
//! - `CHROMEDRIVER` (default: `chromedriver` on PATH, then /usr/bin/chromedriver);
//! - `CHROME` (default: `chromium` on PATH, then /usr/bin/chromium; else ChromeDriver's choice);
//! - `SIFT_E2E_READY_SECS`: how long to wait for the model to load (default 120).

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

/// Chromium flags (the same set `cargo xtask test` gives wasm-bindgen-test-runner).
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
    "--window-size=1400,1000",
];

/// The repository root (the `sift-web` package is the workspace root).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// The built app

/// The folder with the built app: `SIFT_DIST`, or a fresh `trunk build` (once per run).
pub fn dist_dir() -> Result<PathBuf> {
    static DIST: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    DIST.get_or_init(|| find_or_build_dist().map_err(|e| format!("{e:#}")))
        .clone()
        .map_err(|e| anyhow!(e))
}

fn find_or_build_dist() -> Result<PathBuf> {
    let dist = match std::env::var_os("SIFT_DIST") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_relative() {
                repo_root().join(d)
            } else {
                d
            }
        }
        None => {
            let dist = repo_root().join("dist");
            eprintln!(
                "[e2e] SIFT_DIST is not set: building the app with `trunk build --release --offline` \
                 (`cargo xtask test` does this for you)"
            );
            let t = Instant::now();
            let status = Command::new("trunk")
                .current_dir(repo_root())
                .args(["build", "--release", "--offline", "--public-url", "/", "--dist"])
                .arg(&dist)
                .status()
                .context(
                    "could not run `trunk` (not installed?). Run the tests with `cargo xtask test`, \
                     which installs it, or set SIFT_DIST to a built app",
                )?;
            if !status.success() {
                bail!("`trunk build --release --offline` failed ({status})");
            }
            eprintln!("[e2e] trunk build took {:.1}s", t.elapsed().as_secs_f64());
            dist
        }
    };
    if !dist.join("index.html").is_file() {
        bail!(
            "{} has no index.html: SIFT_DIST must point at the output of `trunk build --release`",
            dist.display()
        );
    }
    Ok(dist)
}

// ---------------------------------------------------------------------------
// Static file server

/// One request the server answered.
#[derive(Clone, Debug)]
pub struct Served {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    pub status: u16,
}

/// A minimal HTTP/1.1 static file server on 127.0.0.1, one thread per connection.
pub struct StaticServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Served>>>,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    pub fn start(root: PathBuf) -> Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0").context("binding the static server")?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log2, stop2) = (log.clone(), stop.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (root, log) = (root.clone(), log2.clone());
                std::thread::spawn(move || {
                    if let Err(e) = serve_one(conn, &root, &log) {
                        eprintln!("[server] connection error: {e}");
                    }
                });
            }
        });
        Ok(StaticServer { addr, log, stop })
    }

    /// `http://127.0.0.1:<port>`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn log(&self) -> Vec<Served> {
        lock(&self.log).clone()
    }

    // Each test binary uses its own share of the harness.
    #[allow(dead_code)]
    /// Stops answering: the listening socket closes, so the page is offline
    /// (for the service-worker test). Connections already open finish.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wake the accept loop, which then exits
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr); // wake the accept loop
    }
}

fn serve_one(mut conn: TcpStream, root: &Path, log: &Mutex<Vec<Served>>) -> io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut buf)?;
        if n == 0 {
            return Ok(()); // closed before a full request (e.g. our own wake-up)
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > 64 * 1024 {
            return respond(
                &mut conn,
                431,
                "text/plain",
                b"request head too large",
                false,
            );
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or("").split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let head_only = method == "HEAD";

    let (status, ctype, body): (u16, &str, Vec<u8>) = if method != "GET" && !head_only {
        (405, "text/plain", b"method not allowed".to_vec())
    } else {
        match resolve(root, &target) {
            None => (403, "text/plain", b"forbidden".to_vec()),
            Some(path) => match std::fs::read(&path) {
                Ok(bytes) => (200, content_type(&path), bytes),
                Err(_) => (404, "text/plain", b"not found".to_vec()),
            },
        }
    };
    eprintln!(
        "[server] {method} {target} -> {status} ({} bytes)",
        body.len()
    );
    lock(log).push(Served {
        method,
        target,
        status,
    });
    respond(&mut conn, status, ctype, &body, head_only)
}

fn respond(
    conn: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(header.as_bytes())?;
    if !head_only {
        conn.write_all(body)?;
    }
    conn.flush()?;
    let _ = conn.shutdown(Shutdown::Write);
    Ok(())
}

/// Maps a request target to a file under `root`; `None` for anything that would escape it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    let rel = decoded.strip_prefix('/')?;
    let mut out = root.to_path_buf();
    for comp in Path::new(rel).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if rel.is_empty() || rel.ends_with('/') || out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream", // .bin model files among them
    }
}

// ---------------------------------------------------------------------------
// ChromeDriver

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn find_executable(env: &str, names: &[&str], fallbacks: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    names
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .chain(fallbacks.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

/// A ChromeDriver process, killed on drop.
struct Driver {
    child: Child,
    url: String,
    log_path: PathBuf,
}

impl Driver {
    fn start(scratch: &Path) -> Result<Driver> {
        let exe = find_executable(
            "CHROMEDRIVER",
            &["chromedriver"],
            &["/usr/bin/chromedriver"],
        )
        .ok_or_else(|| {
            anyhow!(
                "ChromeDriver not found: the end-to-end tests need Chromium and ChromeDriver \
                     (`apt-get install chromium chromium-driver`, or `cargo xtask test`, which \
                     installs them), or CHROMEDRIVER=/path/to/chromedriver"
            )
        })?;
        if !exe.is_file() {
            bail!("CHROMEDRIVER={} does not exist", exe.display());
        }
        let port = free_port()?;
        let log_path = scratch.join("chromedriver.log");
        let child = Command::new(&exe)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log_path.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", exe.display()))?;
        let mut driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}/"),
            log_path,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(driver);
            }
            if let Some(status) = driver.child.try_wait()? {
                bail!(
                    "{} exited at start ({status}); its log:\n{}",
                    exe.display(),
                    driver.log_tail(40)
                );
            }
            if Instant::now() > deadline {
                bail!(
                    "{} did not listen on port {port} within 20s; its log:\n{}",
                    exe.display(),
                    driver.log_tail(40)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Result<TempDir> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "sift-e2e-{tag}-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `POST /session/{id}/se/log`: ChromeDriver's log endpoint (browser console, performance).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or("")))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

// ---------------------------------------------------------------------------
// A browser session on the app

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One browser on one freshly served app. Create with [`Session::start`], end with
/// [`Session::finish`], which adds diagnostics to a failure.
pub struct Session {
    client: Client,
    pub server: StaticServer,
    name: &'static str,
    started: Instant,
    driver: Driver,
    _profile: TempDir,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

/// How long to wait for the model to load.
pub fn ready_timeout() -> Duration {
    let secs = std::env::var("SIFT_E2E_READY_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(120);
    Duration::from_secs(secs)
}

impl Session {
    pub async fn start(name: &'static str) -> Result<Session> {
        // One browser at a time, across the test threads (each has its own runtime).
        static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
        let serial = SERIAL.lock().await;
        let started = Instant::now();
        eprintln!("\n[e2e] === {name}");
        let dist = dist_dir()?;
        let server = StaticServer::start(dist)?;
        let profile = TempDir::new(name)?;
        let driver = Driver::start(&profile.0)?;

        let mut args: Vec<String> = CHROME_ARGS.iter().map(|s| s.to_string()).collect();
        args.push(format!(
            "--user-data-dir={}",
            profile.0.join("chrome").display()
        ));
        let mut chrome_options = json!({ "args": args });
        if let Some(chrome) = find_executable(
            "CHROME",
            &["chromium", "chromium-browser", "google-chrome"],
            &["/usr/bin/chromium"],
        ) {
            chrome_options["binary"] = json!(chrome);
        }
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": chrome_options,
            "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .map_err(|e| {
                anyhow!(
                    "could not start Chromium through ChromeDriver: {e}\n\
                     (is Chromium installed, and the same version as ChromeDriver? \
                     `apt-get install chromium chromium-driver`)\nChromeDriver log:\n{}",
                    driver.log_tail(30)
                )
            })?;
        let session = Session {
            client,
            server,
            name,
            started,
            driver,
            _profile: profile,
            _serial: serial,
        };
        session.mark("browser started");
        Ok(session)
    }

    /// Prints the time since the session started.
    pub fn mark(&self, what: &str) {
        eprintln!(
            "[e2e] {}: {what} at {:.2}s",
            self.name,
            self.started.elapsed().as_secs_f64()
        );
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.client
            .execute(script, args)
            .await
            .map_err(|e| anyhow!("script failed in the page: {e}\nscript: {script}"))
    }

    /// Polls `script` until it returns an object with `ok: true`, and returns that object.
    /// On timeout the error says what was awaited and the last object seen.
    pub async fn wait_js(
        &self,
        what: &str,
        timeout: Duration,
        script: &str,
        args: Vec<Value>,
    ) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.js(script, args.clone()).await?;
            if v.get("ok") == Some(&Value::Bool(true)) {
                return Ok(v);
            }
            if v.get("fatal") == Some(&Value::Bool(true)) || Instant::now() >= deadline {
                bail!(
                    "{what}: not so after {:.1}s.\nLast seen: {}",
                    timeout.as_secs_f64(),
                    pretty(&v)
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens the app and waits for `#annotated[data-model="ready"]`.
    pub async fn open_app(&self) -> Result<()> {
        let url = format!("{}/", self.server.origin());
        // Drop what the network log holds from before the app (Chromium's start page).
        let _ = self.client.issue_cmd(GetLog("performance")).await;
        self.client
            .goto(&url)
            .await
            .with_context(|| format!("opening {url}"))?;
        self.mark("page loaded");
        self.wait_js(
            "expected the model to load: #annotated[data-model=\"ready\"]",
            ready_timeout(),
            r#"
            const a = document.querySelector('#annotated');
            const model = a ? a.getAttribute('data-model') : null;
            return {
                ok: model === 'ready',
                fatal: model === 'error',
                annotated: a ? 'present' : 'missing',
                'data-model': model,
                textarea: document.querySelector('textarea#source-text') ? 'present' : 'missing',
                body: document.body ? document.body.innerText.slice(0, 300) : null,
            };
            "#,
            vec![],
        )
        .await?;
        self.mark("model ready");
        Ok(())
    }

    /// Puts `text` in `textarea#source-text` as a paste would (value + `input` event), then
    /// waits until `#annotated` shows it. Returns the textarea's value (the browser turns
    /// CRLF into LF there).
    pub async fn paste(&self, text: &str) -> Result<String> {
        let v = self
            .js(
                r#"
            const ta = document.querySelector('textarea#source-text');
            if (!ta) return { error: 'no textarea#source-text on the page' };
            ta.focus();
            ta.value = arguments[0];
            ta.dispatchEvent(new Event('input', { bubbles: true }));
            return { value: ta.value };
            "#,
                vec![json!(text)],
            )
            .await?;
        if let Some(err) = v.get("error") {
            bail!("cannot paste: {err}");
        }
        let value = v["value"].as_str().unwrap_or_default().to_string();
        // Let the app's ~200 ms debounce pass before looking at the result.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.wait_js(
            "expected #annotated to show the pasted text",
            Duration::from_secs(15),
            r#"
            const want = document.querySelector('textarea#source-text').value;
            const a = document.querySelector('#annotated');
            const got = a ? a.textContent : null;
            let at = -1;
            if (got !== null && got !== want) {
                at = 0;
                while (at < want.length && want[at] === got[at]) at++;
            }
            return {
                ok: got === want,
                'textarea length (UTF-16)': want.length,
                '#annotated length (UTF-16)': got === null ? null : got.length,
                'first difference at (UTF-16)': at,
                'textarea there': at < 0 ? null : JSON.stringify(want.slice(Math.max(0, at - 20), at + 20)),
                '#annotated there': at < 0 || got === null ? null : JSON.stringify(got.slice(Math.max(0, at - 20), at + 20)),
            };
            "#,
            vec![],
        )
        .await?;
        self.mark("pasted text rendered");
        Ok(value)
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) -> Result<()> {
        let el = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| anyhow!("expected an element `{css}` to click: {e}"))?;
        el.click()
            .await
            .map_err(|e| anyhow!("clicking `{css}` failed: {e}"))?;
        Ok(())
    }

    /// The URLs of every request the page made, from Chromium's network log
    /// (`Network.requestWillBeSent`), including any that failed or were blocked.
    pub async fn network_requests(&self) -> Result<Vec<String>> {
        let entries = self
            .client
            .issue_cmd(GetLog("performance"))
            .await
            .map_err(|e| anyhow!("reading ChromeDriver's performance log: {e}"))?;
        let mut urls = Vec::new();
        for entry in entries.as_array().into_iter().flatten() {
            let Some(msg) = entry.get("message").and_then(Value::as_str) else {
                continue;
            };
            let Ok(msg) = serde_json::from_str::<Value>(msg) else {
                continue;
            };
            let inner = &msg["message"];
            // Requests made for Chromium's own pages (the new-tab page it starts on) are not
            // the app's.
            let document = inner["params"]["documentURL"].as_str().unwrap_or("");
            if ["chrome:", "chrome-untrusted:", "devtools:"]
                .iter()
                .any(|p| document.starts_with(p))
            {
                continue;
            }
            match inner["method"].as_str() {
                Some("Network.requestWillBeSent") => {
                    if let Some(u) = inner["params"]["request"]["url"].as_str() {
                        urls.push(u.to_string());
                    }
                }
                Some("Network.webSocketCreated") => {
                    if let Some(u) = inner["params"]["url"].as_str() {
                        urls.push(u.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(urls)
    }

    #[allow(dead_code)]
    /// Presses and releases `key` on the keyboard, wherever the focus is
    /// (WebDriver key codes: '\u{E004}' is Tab, '\u{E007}' Enter). Uses
    /// input actions, not element send-keys, which a file input would take
    /// for a path.
    pub async fn press(&self, key: char) -> Result<()> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client
            .perform_actions(actions)
            .await
            .map_err(|e| anyhow!("pressing {key:?}: {e}"))
    }

    /// Resizes the browser window (the viewport, in headless Chromium).
    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.client
            .set_window_size(width, height)
            .await
            .map_err(|e| anyhow!("resizing the window to {width}×{height}: {e}"))
    }

    /// Touches the first element matching `css` at its centre (plus `dx`
    /// pixels), through WebDriver touch actions, holding for `hold`: a tap,
    /// or with a long hold a long press.
    pub async fn touch(&self, css: &str, dx: f64, hold: Duration) -> Result<()> {
        use fantoccini::actions::{InputSource, PointerAction, TouchActions, MOUSE_BUTTON_LEFT};
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| anyhow!("no element `{css}` to touch: {e}"))?;
        let actions = TouchActions::new("finger".into())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: dx,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Pause { duration: hold })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        self.client
            .perform_actions(actions)
            .await
            .map_err(|e| anyhow!("touching `{css}`: {e}"))
    }

    /// Writes a PNG screenshot of the viewport to `path`.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self
            .client
            .screenshot()
            .await
            .map_err(|e| anyhow!("taking a screenshot: {e}"))?;
        std::fs::write(path, png).map_err(|e| anyhow!("writing {}: {e}", path.display()))
    }

    #[allow(dead_code)]
    /// Reloads the page (the service worker, if any, answers when offline).
    pub async fn reload(&self) -> Result<()> {
        self.client
            .refresh()
            .await
            .map_err(|e| anyhow!("reloading the page: {e}"))
    }

    #[allow(dead_code)]
    /// Waits for `#annotated[data-model="ready"]` on the page as it is now
    /// (after a reload, say), without navigating.
    pub async fn wait_ready(&self) -> Result<()> {
        self.wait_js(
            "expected the model to load: #annotated[data-model=\"ready\"]",
            ready_timeout(),
            r#"
            const a = document.querySelector('#annotated');
            const model = a ? a.getAttribute('data-model') : null;
            return { ok: model === 'ready', fatal: model === 'error', 'data-model': model,
                     body: document.body ? document.body.innerText.slice(0, 300) : null };
            "#,
            vec![],
        )
        .await?;
        Ok(())
    }

    #[allow(dead_code)]
    /// The browser console since the last call, as (level, message) pairs
    /// (ChromeDriver's `browser` log: console calls, uncaught errors, CSP
    /// violations).
    pub async fn console(&self) -> Result<Vec<(String, String)>> {
        let logs = self
            .client
            .issue_cmd(GetLog("browser"))
            .await
            .map_err(|e| anyhow!("reading the browser console: {e}"))?;
        Ok(logs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| {
                Some((
                    l.get("level")?.as_str()?.to_string(),
                    l.get("message")?.as_str()?.to_string(),
                ))
            })
            .collect())
    }

    /// Ends the session; on failure, adds what the page and the browser showed, and
    /// saves a screenshot under target/e2e/.
    pub async fn finish(self, result: Result<()>) -> Outcome {
        let result = match result {
            Ok(()) => Ok(()),
            Err(e) => Err(Failure(format!("{e:#}\n\n{}", self.diagnostics().await))),
        };
        let _ = self.client.clone().close().await;
        eprintln!(
            "[e2e] {}: {} in {:.2}s",
            self.name,
            if result.is_ok() { "passed" } else { "FAILED" },
            self.started.elapsed().as_secs_f64()
        );
        drop(self.driver);
        result
    }

    async fn diagnostics(&self) -> String {
        let mut out = format!("--- diagnostics for `{}`", self.name);
        let state = self
            .js(
                r#"
                const a = document.querySelector('#annotated');
                const labels = {};
                for (const e of document.querySelectorAll('#annotated [data-label]')) {
                    const l = e.getAttribute('data-label');
                    (labels[l] = labels[l] || []).length < 8 && labels[l].push(e.textContent);
                }
                return {
                    url: document.URL,
                    'data-model': a ? a.getAttribute('data-model') : '(no #annotated)',
                    'entity highlights in #annotated (first 8 per label)': labels,
                    'claim parts in #annotated': document.querySelectorAll('#annotated [data-role]').length,
                };
                "#,
                vec![],
            )
            .await;
        match state {
            Ok(v) => {
                let _ = write!(out, "\npage state: {}", pretty(&v));
            }
            Err(e) => {
                let _ = write!(out, "\npage state: unavailable ({e})");
            }
        }
        if let Ok(Value::Array(logs)) = self.client.issue_cmd(GetLog("browser")).await {
            let lines: Vec<String> = logs
                .iter()
                .filter_map(|l| {
                    Some(format!(
                        "  {} {}",
                        l.get("level")?.as_str()?,
                        l.get("message")?.as_str()?
                    ))
                })
                .collect();
            let start = lines.len().saturating_sub(20);
            let _ = write!(
                out,
                "\nbrowser console (last {}):\n{}",
                lines.len() - start,
                lines[start..].join("\n")
            );
        }
        if let Ok(png) = self.client.screenshot().await {
            let dir = repo_root().join("target/e2e");
            let path = dir.join(format!("{}.png", self.name));
            if std::fs::create_dir_all(&dir).is_ok() && std::fs::write(&path, png).is_ok() {
                let _ = write!(out, "\nscreenshot: {}", path.display());
            }
        }
        out
    }
}

/// What an end-to-end test returns.
pub type Outcome = std::result::Result<(), Failure>;

/// A test failure, shown as plain text (what was expected, what was seen) without a backtrace.
pub struct Failure(String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure(format!("{e:#}"))
    }
}

pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Where `got` first differs from `want`, shown with escapes, for failure messages.
pub fn describe_difference(want: &str, got: &str) -> String {
    if want == got {
        return "identical".into();
    }
    let common = want
        .chars()
        .zip(got.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let from = common.saturating_sub(15);
        let to = (common + 15).min(chars.len());
        format!("{:?}", chars[from.min(to)..to].iter().collect::<String>())
    };
    format!(
        "expected {} code points, saw {}; first difference at code point {common}:\n  \
         expected …{}…\n  saw      …{}…",
        want.chars().count(),
        got.chars().count(),
        around(want),
        around(got)
    )
}
