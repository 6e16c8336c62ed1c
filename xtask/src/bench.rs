//! `cargo xtask bench`: Sift, spaCy (en_core_web_sm) and compromise on the
//! same OntoNotes dev file in one run, and one table: strict F1 on the 18
//! labels, scored for every system by the shared `score_ner.py`, and
//! whitespace tokens per CPU-second of each system's annotation loop (model
//! load excluded), pinned to one core with one thread.
//!
//! The peers are installed into `target/bench-peers/` on first use; their
//! scripts are `xtask/bench/*`. Predictions land in `target/bench/`, the
//! table on stdout and in `target/bench.txt`, ready for the README.

mod peers;
pub(crate) mod report;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use crate::{args, proc};
use peers::quiet;
use report::{Measured, Row, Timing};

/// Environment that keeps numeric libraries to one thread.
const ONE_THREAD: [(&str, &str); 6] = [
    ("OMP_NUM_THREADS", "1"),
    ("OPENBLAS_NUM_THREADS", "1"),
    ("MKL_NUM_THREADS", "1"),
    ("BLIS_NUM_THREADS", "1"),
    ("VECLIB_MAXIMUM_THREADS", "1"),
    ("UV_THREADPOOL_SIZE", "1"),
];

struct Bench {
    root: PathBuf,
    gold: PathBuf,
    /// How the header names the data, e.g. `ontonotes/dev.jsonl, first 20 documents`.
    data_label: String,
    scorer: PathBuf,
    out: PathBuf,
    /// Whether `taskset -c 0` works here.
    pinned: bool,
    /// Lines for the header, e.g. `spaCy 3.8.7 + en_core_web_sm 3.8.0 (Python 3.11.7)`.
    versions: Vec<String>,
    /// Lines under the table about how a system ran.
    notes: Vec<String>,
}

pub fn run(root: &Path, rest: &[String]) -> Result<()> {
    let opts = report::parse_options(rest)?;
    let started = Instant::now();
    let data = root.join(std::env::var("SIFT_DATA").unwrap_or_else(|_| args::DEFAULT_DATA.into()));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let out = target.join("bench");
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut bench = Bench {
        root: root.to_path_buf(),
        gold: gold_file(&data.join("ontonotes/dev.jsonl"), opts.limit, &out)?,
        data_label: match opts.limit {
            Some(n) => format!("ontonotes/dev.jsonl, first {n} documents"),
            None => "ontonotes/dev.jsonl".into(),
        },
        scorer: data.join("../tools/score_ner.py"),
        out,
        pinned: proc::stdout_of(Command::new("taskset").args(["-c", "0", "true"])).is_some(),
        versions: Vec::new(),
        notes: Vec::new(),
    };
    anyhow::ensure!(
        bench.scorer.is_file(),
        "no scorer at {}",
        bench.scorer.display()
    );

    let peers_dir = target.join("bench-peers");
    let mut rows = Vec::new();
    if opts.runs("sift") {
        rows.push(Row {
            system: "Sift (entities, syntax, claims)".into(),
            result: bench.sift(&target),
        });
    }
    if opts.runs("spacy") {
        match peers::ensure_spacy(&peers_dir) {
            Ok(python) => {
                for (system, extra, file) in [
                    ("spaCy en_core_web_sm, full pipeline", None, "spacy.jsonl"),
                    (
                        "spaCy en_core_web_sm, NER only",
                        Some("--ner-only"),
                        "spacy-ner.jsonl",
                    ),
                ] {
                    let script = bench.root.join("xtask/bench/spacy_ner.py");
                    let result = bench.peer(&python, &[script.as_os_str()], extra, file);
                    if let (Ok(m), true) = (
                        &result,
                        bench.versions.iter().all(|v| !v.starts_with("spaCy")),
                    ) {
                        let v = |k| m.timing.get(k).unwrap_or("?").to_string();
                        let line = format!(
                            "spaCy {} + en_core_web_sm {} (Python {})",
                            v("version"),
                            v("model"),
                            v("python")
                        );
                        bench.versions.push(line);
                    }
                    rows.push(Row {
                        system: system.into(),
                        result,
                    });
                }
            }
            Err(why) => rows.push(Row {
                system: "spaCy en_core_web_sm".into(),
                result: Err(why),
            }),
        }
    }
    if opts.runs("compromise") {
        let result = peers::ensure_compromise(&peers_dir).and_then(|modules| {
            let script = bench.root.join("xtask/bench/compromise_ner.mjs");
            let m = bench.peer(
                Path::new("node"),
                &[script.as_os_str(), modules.as_os_str()],
                None,
                "compromise.jsonl",
            )?;
            let node = proc::stdout_of(Command::new("node").arg("--version")).unwrap_or_default();
            let v = |k| m.timing.get(k).unwrap_or("?").to_string();
            bench.versions.push(format!(
                "compromise {} + compromise-dates {} (Node {})",
                v("version"),
                v("dates"),
                node.trim().trim_start_matches('v')
            ));
            if let Some(n) = m.timing.get("skipped").filter(|n| *n != "0") {
                bench.notes.push(format!(
                    "compromise-dates threw on {n} sentence(s); their dates and times are left out (see compromise_ner.mjs)"
                ));
            }
            Ok(m)
        });
        rows.push(Row {
            system: "compromise + compromise-dates".into(),
            result,
        });
    }

    let text = bench.render(&rows);
    print!("{text}");
    let file = target.join("bench.txt");
    std::fs::write(&file, &text).with_context(|| format!("writing {}", file.display()))?;
    eprintln!(
        "xtask: bench took {:.0}s; table written to {}",
        started.elapsed().as_secs_f64(),
        file.display()
    );
    Ok(())
}

/// The gold file, or with `--limit N` a copy of its first N documents.
fn gold_file(dev: &Path, limit: Option<usize>, out: &Path) -> Result<PathBuf> {
    let Some(n) = limit else {
        return Ok(dev.to_path_buf());
    };
    let text =
        std::fs::read_to_string(dev).with_context(|| format!("reading {}", dev.display()))?;
    let head: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .map(|l| format!("{l}\n"))
        .collect();
    let path = out.join(format!("gold-{n}.jsonl"));
    std::fs::write(&path, head).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

impl Bench {
    /// `program args...`, on CPU 0 when taskset works, numeric libraries on one thread.
    fn command(&self, program: &Path) -> Command {
        let mut cmd = if self.pinned {
            let mut c = Command::new("taskset");
            c.args(["-c", "0"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.envs(ONE_THREAD).current_dir(&self.root);
        cmd
    }

    fn sift(&mut self, target: &Path) -> Result<Measured, String> {
        let mut build = proc::cargo();
        build.current_dir(&self.root).args(proc::BUILD_CLI);
        eprintln!("xtask: $ {}", proc::display(&build));
        quiet(&mut build).map_err(|e| format!("building sift failed: {e}"))?;
        let sift = target.join("release/sift");
        let pred = self.out.join("sift.jsonl");
        eprintln!("xtask: sift eval ner + sift bench");
        let eval = quiet(
            self.command(&sift)
                .arg("eval")
                .arg("ner")
                .arg(&self.gold)
                .arg("--pred")
                .arg(&pred),
        )
        .map_err(|e| format!("sift eval failed: {e}"))?;
        let bench = quiet(self.command(&sift).arg("bench").arg(&self.gold))
            .map_err(|e| format!("sift bench failed: {e}"))?;
        let timing = report::parse_bench(&bench).map_err(|e| format!("sift bench: {e:#}"))?;
        if let Some(share) = timing.get("syntax_share") {
            self.notes.push(format!(
                "Sift's syntax stage (tagger and parser), which the claims model reads, takes {share}% of the pipeline's CPU time (`sift bench` times it alone)"
            ));
        }
        let f1 = self.score(&pred)?;
        // The Rust port of the scorer and score_ner.py must agree to the digit.
        if report::parse_f1(&eval) != Some(f1) {
            return Err(format!(
                "score_ner.py says F1 {f1:.2}, `sift eval ner` {:?}",
                report::parse_f1(&eval)
            ));
        }
        let commit = proc::stdout_of(
            Command::new("git")
                .current_dir(&self.root)
                .args(["describe", "--always", "--dirty"]),
        );
        let rustc = proc::stdout_of(Command::new("rustc").arg("--version")).unwrap_or_default();
        self.versions.insert(
            0,
            format!(
                "Sift {} ({})",
                commit.as_deref().map_or("?", str::trim),
                rustc
                    .trim()
                    .split(' ')
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        Ok(Measured { f1, timing })
    }

    /// Runs a peer script `program args... GOLD PRED [extra]` and scores its predictions.
    fn peer(
        &self,
        program: &Path,
        args: &[&std::ffi::OsStr],
        extra: Option<&str>,
        file: &str,
    ) -> Result<Measured, String> {
        let pred = self.out.join(file);
        let mut cmd = self.command(program);
        cmd.args(args).arg(&self.gold).arg(&pred).args(extra);
        eprintln!("xtask: $ {}", proc::display(&cmd));
        let stdout = quiet(&mut cmd)?;
        let timing: Timing = report::parse_bench(&stdout).map_err(|e| format!("{e:#}"))?;
        Ok(Measured {
            f1: self.score(&pred)?,
            timing,
        })
    }

    fn score(&self, pred: &Path) -> Result<f64, String> {
        let out = quiet(
            Command::new("python3")
                .arg(&self.scorer)
                .arg(&self.gold)
                .arg(pred)
                .arg("--quiet"),
        )
        .map_err(|e| format!("score_ner.py failed: {e}"))?;
        report::parse_f1(&out).ok_or_else(|| "score_ner.py printed no `F1` line".to_string())
    }

    fn render(&self, rows: &[Row]) -> String {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
        let measured: Vec<&Timing> = rows
            .iter()
            .filter_map(|r| r.result.as_ref().ok())
            .map(|m| &m.timing)
            .collect();
        let mut out = format!(
            "Sift NER benchmark ({}, `cargo xtask bench`)\n\n",
            report::utc_date(secs)
        );
        if let Some(t) = measured.first() {
            out.push_str(&format!(
                "- data: OntoNotes 5.0 dev ({}): {} documents, {} whitespace tokens\n",
                self.data_label,
                t.docs,
                report::thousands(t.tokens as f64)
            ));
        }
        out.push_str(&format!(
            "- machine: {}, nproc {nproc}; {}, one thread (OMP/BLAS threads = 1)\n",
            report::cpu_model(&cpuinfo).unwrap_or_else(|| "unknown CPU".into()),
            if self.pinned {
                "each system pinned to CPU 0 (taskset -c 0)"
            } else {
                "not pinned (no taskset)"
            },
        ));
        out.push_str(&format!("- versions: {}\n", self.versions.join("; ")));
        out.push_str(
            "- F1: exact span and label, ../shared/tools/score_ner.py; speed: whitespace tokens ÷ CPU time of \
             the annotation loop (process CPU clock; model load, reading and writing excluded)\n\n",
        );
        if measured
            .iter()
            .any(|t| (t.docs, t.tokens) != (measured[0].docs, measured[0].tokens))
        {
            out.push_str("- warning: the systems counted different documents or tokens\n\n");
        }
        out.push_str(&report::table(rows));
        for note in &self.notes {
            out.push_str(&format!("\nnote: {note}\n"));
        }
        out
    }
}
