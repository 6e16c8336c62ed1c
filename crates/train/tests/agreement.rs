//! The Rust scorers must print exactly what the reference Python scorers in
//! `shared/tools` print. Each test runs both on the same files and compares
//! the output byte for byte. Without `python3` or the scripts (a checkout
//! without `shared/`) the tests print a notice and pass.
//!
//! The `#[ignore]`d tests do the same on the real dev sets, with predictions
//! made by perturbing the gold: `cargo test -p sift-train --test agreement -- --ignored`.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sift_train::score::{claims, ner, pychar, syntax};

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `python3 ARGS`, returning stdout; `None` (with a notice) if Python
/// cannot be run at all. A failing script fails the test.
fn python<S: AsRef<OsStr>>(args: &[S]) -> Option<String> {
    let out = match Command::new("python3").args(args).output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("notice: python3 not available ({e}); agreement not checked");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("python output is UTF-8"))
}

/// Runs a reference script from `shared/tools`, if it is there.
fn script<S: AsRef<OsStr>>(name: &str, args: &[S]) -> Option<String> {
    let path = shared_dir().join("tools").join(name);
    if !path.is_file() {
        eprintln!("notice: {} missing; agreement not checked", path.display());
        return None;
    }
    let mut all = vec![path.into_os_string()];
    all.extend(args.iter().map(|a| a.as_ref().to_owned()));
    python(&all)
}

/// A scratch directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("sift-train-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn read_ner(path: &Path) -> Vec<ner::Doc> {
    ner::read_jsonl(&fs::read_to_string(path).expect("read jsonl")).expect("parse jsonl")
}

/// Compares Rust and Python on a gold/pred pair, for the flag sets given.
fn check_ner(gold: &Path, pred: &Path, flag_sets: &[&[&str]]) {
    let (g, p) = (read_ner(gold), read_ner(pred));
    for flags in flag_sets {
        let mut args = vec![gold.as_os_str(), pred.as_os_str()];
        args.extend(flags.iter().map(OsStr::new));
        let Some(expected) = script("score_ner.py", &args) else {
            return;
        };
        let mut opts = ner::Options::default();
        let mut it = flags.iter();
        while let Some(&flag) = it.next() {
            match flag {
                "--loose" => opts.loose = true,
                "--map" => {
                    assert_eq!(it.next(), Some(&"conll"));
                    opts.map_conll = true;
                }
                "--labels" => {
                    let list = it.next().expect("labels");
                    opts.labels = Some(list.split(',').map(|l| l.trim().to_string()).collect());
                }
                other => panic!("unknown flag {other}"),
            }
        }
        let got = ner::score_with(&g, &p, &opts).render();
        assert_eq!(got, expected, "score_ner.py {flags:?}");
        // Shown with --nocapture, to see that the comparison was not trivial.
        eprintln!("score_ner.py {flags:?}: agrees\n{got}");
    }
}

fn check_claims(gold: &Path, pred: &Path) {
    let Some(expected) = script("score_claims.py", &[gold, pred]) else {
        return;
    };
    let g = claims::read_gold_dir(gold).expect("read gold");
    let p = claims::read_pred_dir(pred).expect("read pred");
    let got = claims::score(&g, &p).render();
    assert_eq!(got, expected);
    eprintln!("score_claims.py {}: agrees\n{got}", pred.display());
}

#[test]
fn ner_fixture_agrees() {
    let dir = fixtures().join("ner");
    check_ner(
        &dir.join("gold.jsonl"),
        &dir.join("pred.jsonl"),
        &[
            &[],
            &["--loose"],
            &["--map", "conll", "--loose"],
            &["--labels", "GPE,PERSON"],
        ],
    );
}

#[test]
fn ner_fixture_against_itself_and_nothing() {
    let gold = fixtures().join("ner/gold.jsonl");
    check_ner(&gold, &gold, &[&["--loose"]]);
    let tmp = TempDir::new("ner-empty");
    let empty = tmp.0.join("empty.jsonl");
    fs::write(&empty, "").expect("write");
    check_ner(&gold, &empty, &[&[], &["--loose"]]);
}

#[test]
fn claims_fixture_agrees() {
    let dir = fixtures().join("claims");
    check_claims(&dir.join("gold"), &dir.join("pred"));
    // Perfect, and empty predictions (no attributions folder at all).
    check_claims(&dir.join("gold"), &dir.join("gold"));
    check_claims(&dir.join("gold"), &dir.join("no-such-dir"));
}

fn check_syntax(gold: &Path, pred: &Path) {
    let Some(expected) = script("score_syntax.py", &[gold, pred]) else {
        return;
    };
    let read = |p: &Path| sift_train::syntax::read_text(p).expect("read");
    let predictions = syntax::read_predictions(&read(pred)).expect("read predictions");
    let got = syntax::score(&read(gold), &predictions)
        .expect("score")
        .render();
    assert_eq!(got, expected);
    eprintln!("score_syntax.py {}: agrees\n{got}", pred.display());
}

#[test]
fn syntax_fixture_agrees() {
    let dir = fixtures().join("syntax");
    check_syntax(&dir.join("gold.syntax.jsonl"), &dir.join("pred.jsonl"));
    let tmp = TempDir::new("syntax-empty");
    let empty = tmp.0.join("empty.jsonl");
    fs::write(&empty, "").expect("write");
    check_syntax(&dir.join("gold.syntax.jsonl"), &empty);
}

/// The real dev set, parsed by the shipped model (`sift eval syntax` writes
/// the predictions).
#[test]
#[ignore]
fn syntax_dev_set_agrees() {
    let gold = shared_dir().join("data/ontonotes/dev.syntax.jsonl.gz");
    let tmp = TempDir::new("syntax-dev");
    let pred = tmp.0.join("pred.jsonl");
    let sift = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/sift");
    let status = Command::new(sift)
        .args(["eval", "syntax"])
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .status()
        .expect("run target/release/sift (build it first)");
    assert!(status.success());
    check_syntax(&gold, &pred);
}

#[test]
fn claims_crlf_files_agree() {
    // Python's text mode reads "\r\n" (and "\r") as one "\n"; offsets count that.
    let tmp = TempDir::new("claims-crlf");
    let gold = tmp.0.join("gold");
    let pred = tmp.0.join("pred");
    for d in [
        gold.join("text"),
        gold.join("attributions"),
        pred.join("attributions"),
    ] {
        fs::create_dir_all(d).expect("mkdir");
    }
    let text = "Intro line.\r\nAides said\rthe plan works.\r\n";
    let ann =
        "T1\tSource 12 17\tAides\r\nT2\tCue 18 22\tsaid\r\nT3\tContent 23 37\tthe plan works\r\n\
               E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\r\n";
    fs::write(gold.join("text/x.txt"), text).expect("write");
    fs::write(gold.join("attributions/x.ann"), ann).expect("write");
    fs::write(
        pred.join("attributions/x.ann"),
        ann.replace("23 37", "24 40"),
    )
    .expect("write");
    check_claims(&gold, &pred);
}

/// The generated tables must match the `python3` that runs the scripts.
#[test]
fn char_classes_agree_with_python() {
    let code = r#"
import re, sys, unicodedata
W, S, D = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
out = []
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    if D.match(c):
        out.append(chr(ord("a") + unicodedata.decimal(c)))
    else:
        out.append(str((W.match(c) is not None) + 2 * (S.match(c) is not None)))
sys.stdout.write("".join(out))
"#;
    let Some(expected) = python(&["-c", code]) else {
        return;
    };
    let got: String = (0..0x110000u32)
        .filter_map(char::from_u32)
        .map(|c| match pychar::decimal_value(c) {
            Some(d) => char::from(b'a' + d as u8),
            None => char::from(b'0' + pychar::is_word(c) as u8 + 2 * pychar::is_space(c) as u8),
        })
        .collect();
    assert_eq!(got.len(), expected.len());
    if got != expected {
        let (i, c) = (0..0x110000u32)
            .filter_map(char::from_u32)
            .zip(got.chars().zip(expected.chars()))
            .find(|(_, (a, b))| a != b)
            .expect("a difference");
        panic!(
            "U+{:04X}: rust {:?}, python {:?} (tables from Unicode {})",
            i as u32,
            c.0,
            c.1,
            pychar::UNICODE_VERSION
        );
    }
}

/// A tiny deterministic generator, so that perturbations are reproducible.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
#[ignore = "reads the real dev set from shared/data; run with --ignored"]
fn ner_dev_set_agrees() {
    let gold = shared_dir().join("data/ontonotes/dev.jsonl");
    if !gold.is_file() {
        eprintln!("notice: {} missing", gold.display());
        return;
    }
    let docs = read_ner(&gold);
    let mut rng = Lcg(7);
    let labels = ["PERSON", "ORG", "GPE", "DATE", "NORP", "CARDINAL"];
    let mut lines = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        if k % 17 == 3 {
            continue; // a missing document
        }
        let n = d.text.chars().count();
        let mut ents = Vec::new();
        for (s, e, l) in &d.entities {
            let (mut s, mut e, mut l) = (*s as i64, *e as i64, l.clone());
            match rng.below(12) {
                0 => continue,                                 // dropped
                1 => e += 1, // often trailing punctuation or space
                2 => s -= 1, // often a leading space
                3 => e -= 1, // too short
                4 => l = labels[rng.below(6) as usize].into(), // relabelled
                5 => ents.push(serde_json::json!([s, e, l])), // duplicated
                6 => e += 2,
                _ => {}
            }
            ents.push(serde_json::json!([s.max(0), e.max(0), l]));
        }
        for _ in 0..rng.below(4) {
            let s = rng.below(n as u64 + 1);
            ents.push(serde_json::json!([
                s,
                s + 1 + rng.below(20),
                labels[rng.below(6) as usize]
            ]));
        }
        lines.push(serde_json::json!({"id": d.id, "entities": ents}).to_string());
    }
    let tmp = TempDir::new("ner-dev");
    let pred = tmp.0.join("pred.jsonl");
    fs::write(&pred, lines.join("\n")).expect("write");
    check_ner(
        &gold,
        &pred,
        &[&[], &["--loose"], &["--map", "conll", "--loose"]],
    );
}

#[test]
#[ignore = "reads the real dev set from shared/data; run with --ignored"]
fn claims_dev_set_agrees() {
    let gold = shared_dir().join("data/polnear/dev");
    if !gold.is_dir() {
        eprintln!("notice: {} missing", gold.display());
        return;
    }
    let docs = claims::read_gold_dir(&gold).expect("read gold");
    let mut rng = Lcg(11);
    let mut pred: HashMap<String, String> = HashMap::new();
    for (k, d) in docs.iter().enumerate() {
        if k % 13 == 5 {
            continue; // no prediction file
        }
        let mut out = Vec::new();
        for line in d.ann.lines() {
            out.push(perturb_ann_line(line, &mut rng));
        }
        pred.insert(d.stem.clone(), out.join("\n"));
    }
    let tmp = TempDir::new("claims-dev");
    fs::create_dir_all(tmp.0.join("attributions")).expect("mkdir");
    for (stem, ann) in &pred {
        fs::write(tmp.0.join(format!("attributions/{stem}.ann")), ann).expect("write");
    }
    check_claims(&gold, &tmp.0);
    // The in-memory map gives the same report as the directory.
    let Some(expected) = script("score_claims.py", &[&gold, &tmp.0]) else {
        return;
    };
    assert_eq!(claims::score(&docs, &pred).render(), expected);
}

/// Moves span boundaries, drops lines and roles, so that every score moves.
fn perturb_ann_line(line: &str, rng: &mut Lcg) -> String {
    let fields: Vec<&str> = line.splitn(3, '\t').collect();
    match fields.first().and_then(|f| f.chars().next()) {
        Some('T') if fields.len() >= 2 => {
            if rng.below(15) == 0 {
                return String::new();
            }
            let Some((label, offsets)) = fields[1].split_once(' ') else {
                return line.to_string();
            };
            let frags: Vec<String> = offsets
                .split(';')
                .map(|frag| {
                    let nums: Vec<i64> = frag.split(' ').filter_map(|x| x.parse().ok()).collect();
                    match nums[..] {
                        [s, e] => {
                            let d = |r: u64| [0, 0, 0, 1, -1, 5, -7][r as usize];
                            let s = (s + d(rng.below(7))).max(0);
                            let e = (e + d(rng.below(7))).max(0);
                            format!("{s} {e}")
                        }
                        _ => frag.to_string(),
                    }
                })
                .collect();
            format!("{}\t{label} {}\tx", fields[0], frags.join(";"))
        }
        Some('E') if fields.len() == 2 => match rng.below(10) {
            0 => String::new(),
            1 => fields[0].to_string() + "\t" + &fields[1].replace("Source:", "Src:"),
            2 => fields[0].to_string() + "\t" + &fields[1].replace("Content:", "Content3:"),
            _ => line.to_string(),
        },
        _ => line.to_string(),
    }
}
