//! Pure helpers of `cargo xtask bench`: the options, the `BENCH` lines the
//! systems print, and the table that goes into the README.

use anyhow::{bail, Context, Result};

/// The systems `--only` can pick.
pub const SYSTEMS: [&str; 3] = ["sift", "spacy", "compromise"];

#[derive(Debug, Default, PartialEq)]
pub struct Options {
    /// Systems to run; empty: all.
    pub only: Vec<String>,
    /// The first N documents only, for a quick run.
    pub limit: Option<usize>,
}

impl Options {
    pub fn runs(&self, system: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == system)
    }
}

/// `--only a,b` (repeatable, also `--only=a`) and `--limit N`.
pub fn parse_options(rest: &[String]) -> Result<Options> {
    let mut opts = Options::default();
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .with_context(|| format!("`{flag}` needs a value"))
        };
        match flag {
            "--only" => {
                for s in value()?.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    if !SYSTEMS.contains(&s) {
                        bail!("`--only {s}`: expected one of {}", SYSTEMS.join(", "));
                    }
                    opts.only.push(s.to_string());
                }
            }
            "--limit" => {
                let v = value()?;
                match v.parse::<usize>() {
                    Ok(n) if n > 0 => opts.limit = Some(n),
                    _ => bail!("`--limit {v}`: expected a number of documents > 0"),
                }
            }
            _ => bail!(
                "`cargo xtask bench`: unexpected argument `{arg}` (--only SYSTEMS, --limit N)"
            ),
        }
    }
    Ok(opts)
}

/// What one system reports on its last `BENCH key=value ...` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub docs: u64,
    pub tokens: u64,
    pub cpu_s: f64,
    /// Extra `key=value` pairs (versions).
    pub extra: Vec<(String, String)>,
}

impl Timing {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The last `BENCH ...` line of a system's stdout.
pub fn parse_bench(stdout: &str) -> Result<Timing> {
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("BENCH "))
        .context("no `BENCH ...` line in the output")?;
    let (mut docs, mut tokens, mut cpu_s) = (None, None, None);
    let mut extra = Vec::new();
    for pair in line.split_whitespace() {
        let (k, v) = pair
            .split_once('=')
            .with_context(|| format!("`{pair}` is not key=value"))?;
        let bad = || format!("bad value in `{pair}`");
        match k {
            "docs" => docs = Some(v.parse().with_context(bad)?),
            "tokens" => tokens = Some(v.parse().with_context(bad)?),
            "cpu_s" => cpu_s = Some(v.parse().with_context(bad)?),
            _ => extra.push((k.to_string(), v.to_string())),
        }
    }
    Ok(Timing {
        docs: docs.context("BENCH line without docs=")?,
        tokens: tokens.context("BENCH line without tokens=")?,
        // `sift bench` says wall_s and no cpu_s where /proc is missing: refuse
        // to put wall time in a CPU-time column.
        cpu_s: cpu_s.context("BENCH line without cpu_s= (no CPU clock?)")?,
        extra,
    })
}

/// The strict F1 from the last `F1 <value>` line of score_ner.py (or `sift eval ner`).
pub fn parse_f1(stdout: &str) -> Option<f64> {
    stdout
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("F1 "))
        .and_then(|v| v.trim().parse().ok())
}

/// One line of the table: a result, or why there is none.
pub struct Row {
    pub system: String,
    pub result: Result<Measured, String>,
}

pub struct Measured {
    pub f1: f64,
    pub timing: Timing,
}

/// The table, as Markdown, then one line per system that did not run.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| system | strict F1, 18 labels | tokens per CPU-second, one core | CPU s |\n|---|---:|---:|---:|\n",
    );
    for row in rows {
        match &row.result {
            Ok(m) => out.push_str(&format!(
                "| {} | {:.2} | {} | {:.2} |\n",
                row.system,
                m.f1,
                thousands(m.timing.tokens as f64 / m.timing.cpu_s),
                m.timing.cpu_s
            )),
            Err(_) => out.push_str(&format!("| {} | — | — | — |\n", row.system)),
        }
    }
    for row in rows {
        if let Err(why) = &row.result {
            out.push_str(&format!("\nnot measured: {} — {}\n", row.system, why));
        }
    }
    out
}

/// `1234567.8` → `1,234,568`.
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `YYYY-MM-DD` (UTC) for seconds since the Unix epoch (Hinnant's civil_from_days).
pub fn utc_date(unix_secs: u64) -> String {
    let z = (unix_secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The CPU model from /proc/cpuinfo's first `model name` line.
pub fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == "model name").then(|| v.trim().to_string())
    })
}

/// The gist of a failed command's stderr, for one line of the report: the
/// first line that names an error, and the last line, stack frames and
/// bare `npm error` prefixes skipped (pip, npm and node put the cause in
/// different places).
pub fn failure_reason(stderr: &str) -> String {
    // What is left of a line without npm's prefix: empty, a stack frame or a message.
    fn content(l: &str) -> &str {
        l.trim().trim_start_matches("npm error").trim()
    }
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| {
            let c = content(l);
            !c.is_empty() && !c.starts_with("at ")
        })
        .collect();
    let first = lines.iter().find(|l| l.to_lowercase().contains("error"));
    let mut picked: Vec<&str> = first.into_iter().copied().collect();
    if let Some(last) = lines.last() {
        if Some(last) != first {
            picked.push(last);
        }
    }
    let reason = picked.join(" … ");
    match reason.char_indices().nth(300) {
        Some((i, _)) => format!("{}…", &reason[..i]),
        None if reason.is_empty() => "no error output".into(),
        None => reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(parse_options(&[]).unwrap(), Options::default());
        let o = parse_options(&s(&["--only", "sift,spacy", "--limit=20"])).unwrap();
        assert_eq!(o.only, s(&["sift", "spacy"]));
        assert_eq!(o.limit, Some(20));
        assert!(o.runs("spacy") && !o.runs("compromise"));
        assert!(Options::default().runs("compromise"));
        assert!(parse_options(&s(&["--only", "stanza"])).is_err());
        assert!(parse_options(&s(&["--limit", "0"])).is_err());
        assert!(parse_options(&s(&["--limit"])).is_err());
        assert!(parse_options(&s(&["dev.jsonl"])).is_err());
    }

    #[test]
    fn bench_and_f1_lines() {
        let t = parse_bench(
            "430 documents ...\nBENCH docs=430 tokens=217636 found=9 cpu_s=0.785 wall_s=2.4\n",
        )
        .unwrap();
        assert_eq!((t.docs, t.tokens, t.cpu_s), (430, 217636, 0.785));
        assert_eq!(t.get("wall_s"), Some("2.4"));
        assert_eq!(t.get("version"), None);
        // Wall time only (no /proc): no CPU figure, so an error rather than a wrong one.
        assert!(parse_bench("BENCH docs=1 tokens=2 wall_s=0.1").is_err());
        assert!(parse_bench("nothing here").is_err());
        assert_eq!(parse_f1("label ...\nOVERALL ...\nF1 82.40\n"), Some(82.40));
        assert_eq!(parse_f1("no score"), None);
    }

    #[test]
    fn table_rows_and_reasons() {
        let timing = Timing {
            docs: 2,
            tokens: 1_000_000,
            cpu_s: 4.0,
            extra: vec![],
        };
        let rows = [
            Row {
                system: "Sift".into(),
                result: Ok(Measured { f1: 82.404, timing }),
            },
            Row {
                system: "spaCy".into(),
                result: Err("pip install failed: no network".into()),
            },
        ];
        let t = table(&rows);
        assert!(t.contains("| Sift | 82.40 | 250,000 | 4.00 |\n"), "{t}");
        assert!(t.contains("| spaCy | — | — | — |\n"), "{t}");
        assert!(
            t.ends_with("not measured: spaCy — pip install failed: no network\n"),
            "{t}"
        );
    }

    #[test]
    fn failure_reasons() {
        let npm = "npm error code ECONNREFUSED\nnpm error FetchError: request failed\nnpm error     at ClientRequest.<anonymous> (x.js:1:2)\nnpm error\nnpm error If you are behind a proxy, see 'npm help config'\n";
        assert_eq!(
            failure_reason(npm),
            "npm error code ECONNREFUSED … npm error If you are behind a proxy, see 'npm help config'"
        );
        let node = "/x.cjs:3598\n    t.isValid()\n      ^\n\nTypeError: t.isValid is not a function\n    at parseRanges (/x.cjs:3598:16)\n\nNode.js v20.20.2\n";
        assert_eq!(
            failure_reason(node),
            "TypeError: t.isValid is not a function … Node.js v20.20.2"
        );
        let pip = "ERROR: No matching distribution found for spacy~=3.8.0\n";
        assert_eq!(
            failure_reason(pip),
            "ERROR: No matching distribution found for spacy~=3.8.0"
        );
        assert_eq!(failure_reason(""), "no error output");
    }

    #[test]
    fn helpers() {
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1234567.8), "1,234,568");
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_764_276_000), "2025-11-27");
        assert_eq!(
            cpu_model("processor\t: 0\nmodel name\t: AMD EPYC\n").as_deref(),
            Some("AMD EPYC")
        );
    }
}
