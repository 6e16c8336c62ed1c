//! `sift annotate`: JSONL documents on stdin, JSONL annotations on stdout.
//!
//! Documents are annotated by `--jobs N` worker threads (default: every core)
//! and written in input order. The input streams: a reader thread takes a
//! credit before it reads each line and the writer hands the credit back
//! once that line's record is out, so at most `jobs × IN_FLIGHT_PER_JOB`
//! documents are in memory whatever the input's size. A bad line is reported
//! by its number, in order with the output, and the rest goes on.

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};
use sift_core::formats::{brat, json};
use sift_core::Annotator;

use crate::args::Args;

/// Documents each worker may have waiting or in progress: enough that no
/// worker idles while one long document holds up the writer, few enough to
/// keep memory small.
const IN_FLIGHT_PER_JOB: usize = 16;

pub fn run(mut args: Args) -> Result<ExitCode> {
    let model = crate::load_model(args.option("model")?.as_deref())?;
    let passes = sift_core::claims::passes::Passes::without_named(
        args.option("without")?.as_deref().unwrap_or(""),
    )
    .map_err(anyhow::Error::msg)?;
    let claims =
        crate::load_claims_model(args.option("claims-model")?.as_deref())?.with_passes(passes);
    let brat_dir = args.option("brat")?;
    let syntax = args.flag("syntax");
    let syntax_model = crate::load_syntax_model(args.option("syntax-model")?.as_deref())?;
    let jobs = match args.option("jobs")? {
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => bail!("--jobs {v:?} must be a whole number of at least 1"),
        },
        None => default_jobs(),
    };
    args.finish()?;
    if let Some(dir) = &brat_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {dir}"))?;
    }
    let annotator = Annotator::new(model)
        .with_claims(claims)
        .with_syntax(syntax_model);
    // Read on the reader thread: a locked stdin cannot move between threads.
    let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let out = BufWriter::new(std::io::stdout().lock());
    let failed = annotate_stream(
        &annotator,
        stdin,
        out,
        jobs,
        |record| {
            if let (Some(dir), Some((id, text, ann))) = (&brat_dir, &record.brat) {
                let stem = safe_stem(id);
                let base = std::path::Path::new(dir).join(&stem);
                std::fs::write(base.with_extension("ann"), ann)
                    .with_context(|| format!("writing {stem}.ann"))?;
                std::fs::write(base.with_extension("txt"), text)
                    .with_context(|| format!("writing {stem}.txt"))?;
            }
            Ok(())
        },
        Want {
            brat: brat_dir.is_some(),
            syntax,
        },
    )?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every core the process may use (1 when that cannot be known).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What one input line became: its JSON record (or the message naming why
/// it has none) and, when asked for, what the brat export needs.
pub struct Record {
    pub line: Result<Vec<u8>, String>,
    /// (id, text, .ann contents)
    pub brat: Option<(String, String, String)>,
}

/// One line read from the input: its 1-based number and its text (or the
/// reason it could not be read).
struct Work {
    seq: usize,
    line_no: usize,
    line: std::io::Result<String>,
}

/// What a record carries besides entities and claims.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want {
    /// The brat export (`--brat DIR`).
    pub brat: bool,
    /// Tokens with their syntax (`--syntax`).
    pub syntax: bool,
}

/// Reads JSONL from `input`, annotates on `jobs` threads, writes records to
/// `out` in input order and error messages to stderr at their place in that
/// order; `each` sees every record as it is written. Returns the number of
/// lines that failed.
pub fn annotate_stream<R, W, F>(
    annotator: &Annotator,
    input: R,
    mut out: W,
    jobs: usize,
    mut each: F,
    want: Want,
) -> Result<usize>
where
    R: BufRead + Send,
    W: Write,
    F: FnMut(&Record) -> Result<()>,
{
    let jobs = jobs.max(1);
    let capacity = jobs * IN_FLIGHT_PER_JOB;
    let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(capacity);
    for _ in 0..capacity {
        credit_tx
            .send(())
            .expect("the credit channel has room for every credit");
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(capacity);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::channel::<(usize, Record)>();

    std::thread::scope(|scope| -> Result<usize> {
        scope.spawn(move || read_lines(input, credit_rx, work_tx));
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || worker(annotator, &work_rx, &done_tx, want));
        }
        drop(done_tx);

        // The writer: records arrive in any order and leave in input order.
        let mut waiting: BTreeMap<usize, Record> = BTreeMap::new();
        let mut next = 0usize;
        let mut failed = 0usize;
        let mut result = Ok(());
        'records: for (seq, record) in done_rx.iter() {
            waiting.insert(seq, record);
            while let Some(record) = waiting.remove(&next) {
                next += 1;
                result = write_record(&mut out, &record, &mut failed).and_then(|()| each(&record));
                if result.is_err() {
                    break 'records;
                }
                // Handing the credit back lets the reader take one more line.
                let _ = credit_tx.send(());
            }
        }
        // Without credits the reader stops, then the workers: after a write
        // error nothing more is read.
        drop(credit_tx);
        result?;
        out.flush()?;
        Ok(failed)
    })
}

fn read_lines<R: BufRead>(input: R, credits: Receiver<()>, work: SyncSender<Work>) {
    let mut seq = 0;
    for (n, line) in input.lines().enumerate() {
        if matches!(&line, Ok(l) if l.trim().is_empty()) {
            continue;
        }
        if credits.recv().is_err() {
            return;
        }
        let item = Work {
            seq,
            line_no: n + 1,
            line,
        };
        seq += 1;
        if work.send(item).is_err() {
            return;
        }
    }
}

fn worker(
    annotator: &Annotator,
    work: &Mutex<Receiver<Work>>,
    done: &mpsc::Sender<(usize, Record)>,
    want: Want,
) {
    loop {
        // The lock is held only to take the next line, not while annotating.
        let item = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(item) = item else { return };
        let record = annotate_line(annotator, item.line, item.line_no, want);
        if done.send((item.seq, record)).is_err() {
            return;
        }
    }
}

/// One input line to its record.
fn annotate_line(
    annotator: &Annotator,
    line: std::io::Result<String>,
    line_no: usize,
    want: Want,
) -> Record {
    let failed = |message: String| Record {
        line: Err(message),
        brat: None,
    };
    let line = match line {
        Ok(l) => l,
        Err(e) => return failed(format!("line {line_no}: cannot read: {e}")),
    };
    let input = match json::read_input(&line, line_no) {
        Ok(i) => i,
        Err(e) => return failed(e.to_string()),
    };
    let annotation = annotator.annotate(&input.text);
    let mut value = json::to_value(&input.id, &input.text, &annotation);
    if want.syntax {
        let (tokens, parse) = annotator.parse(&input.text);
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "tokens".into(),
                json::tokens_value(&input.text, &tokens, &parse),
            );
        }
    }
    let mut bytes = match serde_json::to_vec(&value) {
        Ok(b) => b,
        Err(e) => return failed(format!("line {line_no}: cannot write the record: {e}")),
    };
    bytes.push(b'\n');
    let brat = want.brat.then(|| {
        let ann = brat::to_ann(&input.text, &annotation);
        (input.id, input.text, ann)
    });
    Record {
        line: Ok(bytes),
        brat,
    }
}

fn write_record<W: Write>(out: &mut W, record: &Record, failed: &mut usize) -> Result<()> {
    match &record.line {
        Ok(bytes) => out.write_all(bytes)?,
        Err(message) => {
            // Flush first, so the message sits after the records before it.
            out.flush()?;
            eprintln!("sift: {message}");
            *failed += 1;
        }
    }
    Ok(())
}

/// A file name for a document id: path separators and other awkward
/// characters become `_`, so an id can never write outside the directory.
pub fn safe_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.').to_string();
    if s.is_empty() {
        "doc".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotator() -> Annotator {
        Annotator::new(crate::load_model(None).unwrap())
            .with_claims(crate::load_claims_model(None).unwrap())
            .with_syntax(crate::load_syntax_model(None).unwrap())
    }

    fn run_jobs(annotator: &Annotator, input: &str, jobs: usize) -> (Vec<u8>, usize, Vec<String>) {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let failed = annotate_stream(
            annotator,
            input.as_bytes(),
            &mut out,
            jobs,
            |r| {
                if let Some((id, _, _)) = &r.brat {
                    seen.push(id.clone());
                }
                Ok(())
            },
            Want {
                brat: true,
                syntax: false,
            },
        )
        .unwrap();
        (out, failed, seen)
    }

    /// `--syntax` adds a token list in the layout `score_syntax.py` reads:
    /// code-point offsets, a tag, the head's index (-1 for a root), a label.
    #[test]
    fn syntax_records_carry_every_token_with_its_head() {
        let annotator = annotator().with_syntax(crate::load_syntax_model(None).unwrap());
        let line = r#"{"id": "z", "text": "Zoë said Moscow denied it."}"#.to_string();
        let want = Want {
            brat: false,
            syntax: true,
        };
        let record = annotate_line(&annotator, Ok(line), 1, want);
        let v: serde_json::Value = serde_json::from_slice(&record.line.unwrap()).unwrap();
        let tokens = v["tokens"].as_array().unwrap();
        let spans: Vec<(u64, u64)> = tokens
            .iter()
            .map(|t| (t[0].as_u64().unwrap(), t[1].as_u64().unwrap()))
            .collect();
        // Code points: "Zoë" is 3, though 4 bytes.
        assert_eq!(
            spans,
            [(0, 3), (4, 8), (9, 15), (16, 22), (23, 25), (25, 26)]
        );
        let roots = tokens.iter().filter(|t| t[3] == -1).count();
        assert_eq!(roots, 1, "{tokens:?}");
        for t in tokens {
            let head = t[3].as_i64().unwrap();
            assert!(head >= -1 && head < tokens.len() as i64);
            assert!(sift_core::syntax::labels::pos_id(t[2].as_str().unwrap()).is_some());
            assert!(sift_core::syntax::labels::deprel_id(t[4].as_str().unwrap()).is_some());
        }
        // Without --syntax, no tokens.
        let plain = annotate_line(
            &annotator,
            Ok(r#"{"id": 1, "text": "a"}"#.into()),
            1,
            Want::default(),
        );
        let v: serde_json::Value = serde_json::from_slice(&plain.line.unwrap()).unwrap();
        assert!(v.get("tokens").is_none());
    }

    /// Many documents of very different lengths, so workers finish out of
    /// order, and bad lines among them: every job count writes the same bytes.
    #[test]
    fn any_number_of_jobs_writes_the_same_bytes_in_input_order() {
        let annotator = annotator();
        let sentences = [
            "Moscow and Tehran have denied the deliveries.",
            "The minister said on Tuesday that the talks would resume in Geneva.",
            "Officials reportedly believe the plan is likely to fail.",
        ];
        let mut input = String::new();
        for i in 0..300 {
            if i % 37 == 5 {
                input.push_str("{not json\n");
                continue;
            }
            if i % 53 == 7 {
                input.push('\n');
            }
            let repeat = 1 + (i * 7919) % 40;
            let text: Vec<&str> = (0..repeat).map(|k| sentences[(i + k) % 3]).collect();
            let line = serde_json::json!({"id": format!("d{i}"), "text": text.join(" ")});
            input.push_str(&line.to_string());
            input.push('\n');
        }
        let (one, failed_one, ids_one) = run_jobs(&annotator, &input, 1);
        let bad = (0..300).filter(|i| i % 37 == 5).count();
        assert_eq!(failed_one, bad);
        assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 300 - bad);
        let ids: Vec<String> = String::from_utf8(one.clone())
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(ids, ids_one, "records and brat exports in the same order");
        let expected: Vec<String> = (0..300)
            .filter(|i| i % 37 != 5)
            .map(|i| format!("d{i}"))
            .collect();
        assert_eq!(ids, expected);
        for jobs in [2, 3, 8] {
            let (many, failed, ids_many) = run_jobs(&annotator, &input, jobs);
            assert_eq!(failed, failed_one, "jobs {jobs}");
            assert_eq!(ids_many, ids_one, "jobs {jobs}");
            assert!(many == one, "jobs {jobs}: output differs from --jobs 1");
        }
    }

    /// However long the input, the reader keeps at most `jobs × IN_FLIGHT_PER_JOB`
    /// lines ahead of the writer: an endless generated input is read only as
    /// fast as records are written.
    #[test]
    fn the_reader_stays_a_bounded_distance_ahead_of_the_writer() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        struct Endless<'a> {
            made: &'a AtomicUsize,
            pending: Vec<u8>,
        }
        impl std::io::Read for Endless<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.pending.is_empty() {
                    let n = self.made.fetch_add(1, Ordering::SeqCst);
                    self.pending =
                        format!("{{\"id\": {n}, \"text\": \"Paris said so.\"}}\n").into_bytes();
                    if n >= 2_000 {
                        return Ok(0);
                    }
                }
                let k = buf.len().min(self.pending.len());
                buf[..k].copy_from_slice(&self.pending[..k]);
                self.pending.drain(..k);
                Ok(k)
            }
        }
        let annotator = annotator();
        let made = AtomicUsize::new(0);
        let input = std::io::BufReader::with_capacity(
            16,
            Endless {
                made: &made,
                pending: Vec::new(),
            },
        );
        let jobs = 2;
        let mut written = 0usize;
        let mut most_ahead = 0usize;
        annotate_stream(
            &annotator,
            input,
            std::io::sink(),
            jobs,
            |_| {
                written += 1;
                most_ahead = most_ahead.max(made.load(Ordering::SeqCst) - written);
                Ok(())
            },
            Want::default(),
        )
        .unwrap();
        assert_eq!(written, 2_000);
        // The credits, plus the line being read and one in the reader's buffer.
        assert!(
            most_ahead <= jobs * IN_FLIGHT_PER_JOB + 2,
            "{most_ahead} lines ahead"
        );
    }

    /// A write that fails (a closed pipe, a full disk) ends the run with the
    /// error instead of hanging the reader or the workers.
    #[test]
    fn a_failing_writer_ends_the_run() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(
                    std::io::ErrorKind::BrokenPipe,
                    "closed",
                ))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let annotator = annotator();
        let input: String = (0..200)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"Paris said so.\"}}\n"))
            .collect();
        let got = annotate_stream(
            &annotator,
            input.as_bytes(),
            Broken,
            2,
            |_| Ok(()),
            Want::default(),
        );
        assert!(got.is_err());
    }
}
