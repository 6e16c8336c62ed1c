//! Training the claims model on PolNeAR: an averaged perceptron for each of
//! the two taggers of [`sift_core::claims`] (cues per sentence; source and
//! content per cue), over the same greedy decoders prediction uses, on
//! documents tokenised by Sift's tokenizer and tagged by Sift's entity
//! model (so training sees exactly what prediction will see).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use sift_core::claims::decode::{self, Scratch};
use sift_core::claims::features::Cue;
use sift_core::claims::prepared::Prepared;
use sift_core::claims::{tags, Model};
use sift_core::ner;
use sift_core::syntax::{self, Parse};
use sift_core::text::Offsets;
use sift_core::tokenize::Tokens;
use sift_core::Entity;

use crate::perceptron::{shuffle, Dense};
use crate::Error;

/// One gold attribution, as byte ranges (parts may be discontinuous).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The cue's fragments; empty for the few unfinished relations.
    pub cue: Vec<Range<usize>>,
    /// The source's fragments; empty when the source is absent.
    pub source: Vec<Range<usize>>,
    /// The content's fragments.
    pub content: Vec<Range<usize>>,
}

/// One training document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File stem.
    pub stem: String,
    /// The article.
    pub text: String,
    /// Its attributions.
    pub attributions: Vec<Attribution>,
}

/// Reads PolNeAR brat standoff: `T` lines labelled `Source`, `Cue` or
/// `Content` with code-point spans (`s e;s e` when discontinuous), grouped
/// by `E` lines (`Attribution:T4 Cue:T2 Source:T1 Content:T3`; a role key
/// with a number, `Content2`, joins its role). Other labels and lines are
/// bookkeeping and skipped. Errors name the line.
pub fn read_ann(text: &str, ann: &str) -> Result<Vec<Attribution>, Error> {
    let offsets = Offsets::new(text);
    let mut spans: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let err = |m: &str| Error::line(n + 1, m);
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((label, frags)) = body.split_once(' ') else {
                return Err(err("a T line needs a label and spans"));
            };
            if !matches!(label, "Source" | "Cue" | "Content") {
                continue;
            }
            let mut ranges = Vec::new();
            for frag in frags.split(';') {
                let mut nums = frag.split_whitespace().map(str::parse::<usize>);
                let (Some(Ok(s)), Some(Ok(e)), None) = (nums.next(), nums.next(), nums.next())
                else {
                    return Err(err(&format!("bad span {frag:?}")));
                };
                ranges.push(
                    offsets
                        .bytes_of(s, e)
                        .ok_or_else(|| err(&format!("span {s} {e} is out of range")))?,
                );
            }
            spans.insert(id, ranges);
        } else if id.starts_with('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|a| a.split_once(':'))
                    .collect(),
            );
        }
    }
    let mut out = Vec::new();
    for args in events {
        let mut a = Attribution::default();
        for (key, t) in args {
            let role = key.trim_end_matches(|c: char| c.is_ascii_digit());
            let list = match role {
                "Cue" => &mut a.cue,
                "Source" => &mut a.source,
                "Content" => &mut a.content,
                _ => continue,
            };
            list.extend(spans.get(t).into_iter().flatten().cloned());
        }
        for list in [&mut a.cue, &mut a.source, &mut a.content] {
            list.sort_by_key(|r| (r.start, r.end));
        }
        if !a.cue.is_empty() || !a.content.is_empty() {
            out.push(a);
        }
    }
    Ok(out)
}

/// Reads a PolNeAR split: `DIR/text/<stem>.txt` and `DIR/attributions/<stem>.ann`.
pub fn read_dir(dir: &Path) -> Result<Vec<Doc>, Error> {
    let gold = crate::score::claims::read_gold_dir(dir).map_err(|source| Error::Io {
        path: dir.display().to_string(),
        source,
    })?;
    gold.into_iter()
        .map(|d| {
            let attributions =
                read_ann(&d.text, &d.ann).map_err(|e| e.inside(format!("{}.ann", d.stem)))?;
            Ok(Doc {
                stem: d.stem,
                text: d.text,
                attributions,
            })
        })
        .collect()
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training documents.
    pub epochs: usize,
    /// The cue tagger's table has `2^cue_bits` buckets.
    pub cue_bits: u8,
    /// The role tagger's table has `2^role_bits` buckets.
    pub role_bits: u8,
    /// Seed of the document shuffle (of the first run; run `k` adds
    /// `1000 * k`).
    pub seed: u64,
    /// Training runs, each with its own document order; the model keeps
    /// the mean of their averaged weights.
    pub runs: usize,
    /// Keep at most this many weights per table (the largest in magnitude).
    pub max_weights: usize,
    /// At prediction, a token opens a cue unless "outside" beats the cue
    /// tags by more than this, as a fraction of the largest cue weight;
    /// trades precision for recall.
    pub cue_margin: f32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 8,
            cue_bits: 20,
            role_bits: 20,
            seed: 17,
            runs: 5,
            max_weights: 120_000,
            // Reading the parse, the cue tagger needs no push towards
            // opening cues: on PolNeAR dev 0.0 keeps relation F1 (63.56
            // against 63.54 at 0.25) with 222 fewer spurious cues and
            // content exact F1 +0.22.
            cue_margin: 0.0,
        }
    }
}

/// A document prepared once: tokens, predicted entities and gold tags.
struct Prepped {
    text: String,
    tokens: Tokens,
    entities: Vec<Entity>,
    /// Gold cue tags, one per token of the document.
    cue_tags: Vec<u8>,
    /// Each gold cue (token range) with its gold role tag per token.
    cues: Vec<(Range<usize>, Vec<u8>)>,
    /// The parse, when the model learns to read syntax.
    parse: Option<Parse>,
}

impl Prepped {
    /// The facts both taggers read, with the tree when there is a parse.
    fn facts(&self) -> Prepared<'_> {
        let p = Prepared::new(&self.text, &self.tokens, &self.entities);
        match &self.parse {
            Some(parse) => p.with_tree(parse),
            None => p,
        }
    }
}

/// Byte ranges of one part.
type Fragments = Vec<Range<usize>>;

fn overlaps(t: &Range<usize>, frags: &[Range<usize>]) -> bool {
    frags.iter().any(|f| t.start < f.end && f.start < t.end)
}

fn prepare(
    doc: &Doc,
    ner: &ner::Model,
    syntax: Option<&syntax::Model>,
    stats: &mut [usize; 3],
) -> Prepped {
    let tokens = Tokens::new(&doc.text);
    let entities = ner.predict(&doc.text, &tokens);
    let parse = syntax.map(|m| m.parse(&doc.text, &tokens));
    let toks = &tokens.tokens;
    let n = toks.len();
    let mut cue_tags = vec![tags::O; n];
    // Relations sharing a cue are one cue with the union of their roles.
    let mut by_cue: BTreeMap<(usize, usize), (Fragments, Fragments)> = BTreeMap::new();
    for a in doc.attributions.iter().filter(|a| !a.cue.is_empty()) {
        let hit: Vec<usize> = (0..n).filter(|&i| overlaps(&toks[i], &a.cue)).collect();
        let (Some(&s), Some(&e)) = (hit.first(), hit.last()) else {
            continue;
        };
        let entry = by_cue.entry((s, e + 1)).or_default();
        entry.0.extend(a.source.iter().cloned());
        entry.1.extend(a.content.iter().cloned());
    }
    let mut p = Prepared::new(&doc.text, &tokens, &entities);
    if let Some(parse) = &parse {
        p = p.with_tree(parse);
    }
    let mut cues = Vec::new();
    let mut roles = vec![0u8; n];
    for ((s, e), (src, con)) in by_cue {
        if cue_tags[s..e].iter().any(|&t| t != tags::O) {
            continue; // overlaps an earlier cue
        }
        cue_tags[s] = tags::CUE_B;
        cue_tags[s + 1..e].iter_mut().for_each(|t| *t = tags::CUE_I);
        let cue = s..e;
        let window = Cue::new(&p, cue.clone()).window(&p);
        // 0 outside, 1 source, 2 content; the source wins a token in both.
        for (i, slot) in roles.iter_mut().enumerate() {
            *slot = if cue.contains(&i) {
                0
            } else if overlaps(&toks[i], &src) {
                1
            } else if overlaps(&toks[i], &con) {
                2
            } else {
                0
            };
            if *slot != 0 {
                stats[usize::from(!window.contains(&i))] += 1;
            }
        }
        let gold = window
            .clone()
            .map(|i| {
                let continues = i > window.start && roles[i - 1] == roles[i];
                match (roles[i], continues) {
                    (1, false) => tags::SRC_B,
                    (1, true) => tags::SRC_I,
                    (2, false) => tags::CON_B,
                    (2, true) => tags::CON_I,
                    _ => tags::O,
                }
            })
            .collect();
        stats[2] += 1;
        cues.push((cue, gold));
    }
    drop(p);
    Prepped {
        text: doc.text.clone(),
        tokens,
        entities,
        cue_tags,
        cues,
        parse,
    }
}

/// Trains a claims model; `ner` tags the entities the features read, and
/// `log` receives one line per epoch.
/// With `syntax`, the role tagger also reads the dependency trees that
/// model gives (and the model needs them in prediction).
pub fn train(
    docs: &[Doc],
    ner: &ner::Model,
    syntax: Option<&syntax::Model>,
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Model {
    let mut stats = [0usize; 3];
    let prepared: Vec<Prepped> = docs
        .iter()
        .map(|d| prepare(d, ner, syntax, &mut stats))
        .collect();
    log(&format!(
        "{} documents, {} tokens, {} attributions, {} cues; role tokens in window {}, outside {}",
        docs.len(),
        prepared.iter().map(|p| p.tokens.len()).sum::<usize>(),
        docs.iter().map(|d| d.attributions.len()).sum::<usize>(),
        stats[2],
        stats[0],
        stats[1],
    ));
    let runs = opts.runs.max(1);
    let mut cue_sum = vec![0f64; (1usize << opts.cue_bits) * tags::CUE_TAGS];
    let mut role_sum = vec![0f64; (1usize << opts.role_bits) * tags::ROLE_TAGS];
    for run in 0..runs {
        let seed = opts.seed + 1000 * run as u64;
        let (cue_w, role_w) = train_run(&prepared, opts, seed, &mut log);
        cue_w.add_averaged(&mut cue_sum);
        role_w.add_averaged(&mut role_sum);
    }
    let mean = |sum: Vec<f64>| sum.into_iter().map(move |x| x / runs as f64);
    let cue = crate::kept::largest(
        mean(cue_sum),
        tags::CUE_TAGS,
        opts.max_weights,
        opts.cue_bits,
    );
    let role = crate::kept::largest(
        mean(role_sum),
        tags::ROLE_TAGS,
        opts.max_weights,
        opts.role_bits,
    );
    log(&format!(
        "kept {} cue weights and {} role weights",
        cue.len(),
        role.len()
    ));
    // `Weights::from_triples` stores the largest weight as 32767.
    let margin = (opts.cue_margin.clamp(0.0, 100.0) * 32767.0).round() as i32;
    Model::from_weights(cue, role, margin).reading_syntax(syntax.is_some())
}

/// One training run over `prepared` with documents shuffled by `seed`.
fn train_run(
    prepared: &[Prepped],
    opts: &Options,
    seed: u64,
    log: &mut impl FnMut(&str),
) -> (Dense, Dense) {
    let mut cue_w = Dense::new(opts.cue_bits, tags::CUE_TAGS);
    let mut role_w = Dense::new(opts.role_bits, tags::ROLE_TAGS);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = seed.max(1);
    let mut scratch = Scratch::default();
    let mut out = Vec::new();
    let mut scores = [0f32; 8];
    for epoch in 1..=opts.epochs {
        shuffle(&mut order, &mut rng);
        let (mut cue_err, mut cue_seen, mut role_err, mut role_seen) =
            (0usize, 0usize, 0usize, 0usize);
        for &d in &order {
            let doc = &prepared[d];
            let p = doc.facts();
            for sent in &doc.tokens.sentences {
                let gold = &doc.cue_tags[sent.clone()];
                let (w, sc) = (&mut cue_w, &mut scores[..tags::CUE_TAGS]);
                decode::cues(
                    &p,
                    sent.clone(),
                    opts.cue_bits,
                    &mut scratch,
                    &mut out,
                    |i, feats, allowed| {
                        cue_seen += 1;
                        w.step(feats, gold[i - sent.start], allowed, sc, &mut cue_err)
                    },
                );
            }
            for (range, gold) in &doc.cues {
                let cue = Cue::new(&p, range.clone());
                let window = cue.window(&p);
                let (w, sc) = (&mut role_w, &mut scores[..tags::ROLE_TAGS]);
                decode::roles(
                    &p,
                    &cue,
                    window.clone(),
                    opts.role_bits,
                    &mut scratch,
                    &mut out,
                    |i, feats, allowed| {
                        role_seen += 1;
                        w.step(feats, gold[i - window.start], allowed, sc, &mut role_err)
                    },
                );
            }
        }
        log(&format!(
            "seed {seed}, epoch {epoch}: cue token error rate {:.4}, role token error rate {:.4}",
            cue_err as f64 / cue_seen.max(1) as f64,
            role_err as f64 / role_seen.max(1) as f64
        ));
    }
    (cue_w, role_w)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use sift_core::Annotator;

    #[test]
    fn reads_brat_with_discontinuous_spans_and_code_points() {
        let text = "“Ça va,” he said, “très bien.”";
        let ann =
            "T1\tSource 9 11\the\nT2\tCue 12 16\tsaid\nT3\tContent 1 6;19 28\tÇa va très bien\n\
                   T4\tAttribution 12 16\tsaid\nT5\tContent 0 1\t“\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\nnot a T line\n";
        let a = read_ann(text, ann).unwrap();
        assert_eq!(a.len(), 1);
        let s = |r: &Range<usize>| &text[r.clone()];
        assert_eq!(s(&a[0].source[0]), "he");
        assert_eq!(s(&a[0].cue[0]), "said");
        let content: Vec<&str> = a[0].content.iter().map(s).collect();
        assert_eq!(content, ["“", "Ça va", "très bien"]);
    }

    #[test]
    fn bad_ann_lines_are_named() {
        assert!(read_ann("abc", "T1\tCue 0 9\tx\n")
            .unwrap_err()
            .to_string()
            .starts_with("line 1: span"));
        assert!(read_ann("abc", "T1\tCue\n\nT2\tCue x y\tz")
            .unwrap_err()
            .to_string()
            .starts_with("line 1"));
        assert!(read_ann("abc", "T1\tCue 0 1\ta\nT2\tCue 2 1\tz")
            .unwrap_err()
            .to_string()
            .starts_with("line 2"));
        // Relations with neither cue nor content are dropped.
        assert!(
            read_ann("abc", "T1\tSource 0 1\ta\nE1\tAttribution:T1 Source:T1\n")
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let doc = |text: &str, parts: &[(&str, &str)]| {
            let find = |w: &str| {
                let a = text.find(w).unwrap();
                vec![a..a + w.len()]
            };
            let mut a = Attribution::default();
            for (role, w) in parts {
                match *role {
                    "source" => a.source = find(w),
                    "cue" => a.cue = find(w),
                    _ => a.content = find(w),
                }
            }
            Doc {
                stem: "x".into(),
                text: text.into(),
                attributions: vec![a],
            }
        };
        let docs = [
            doc(
                "Officials said the talks failed.",
                &[
                    ("source", "Officials"),
                    ("cue", "said"),
                    ("content", "the talks failed"),
                ],
            ),
            doc(
                "The envoy said the deal holds.",
                &[
                    ("source", "The envoy"),
                    ("cue", "said"),
                    ("content", "the deal holds"),
                ],
            ),
            doc(
                "Rivals said the vote was rigged.",
                &[
                    ("source", "Rivals"),
                    ("cue", "said"),
                    ("content", "the vote was rigged"),
                ],
            ),
            doc("The weather was fine.", &[]),
        ];
        let opts = Options {
            epochs: 5,
            cue_bits: 14,
            role_bits: 14,
            seed: 1,
            runs: 1,
            max_weights: 10_000,
            cue_margin: 0.0,
        };
        // Without and with the tree features (an untrained parser's trees:
        // the features are there, what they say matters less here).
        for syntax in [None, Some(syntax::Model::empty())] {
            let model = train(&docs, &ner::Model::empty(), syntax.as_ref(), &opts, |_| {});
            let model = Model::from_bytes(&model.to_bytes()).unwrap();
            assert!(!model.is_empty());
            assert_eq!(model.reads_syntax(), syntax.is_some());
            let text = "Rivals said the plan works.";
            let ann = Annotator::new(ner::Model::empty())
                .with_claims(model)
                .with_syntax(syntax.unwrap_or_else(syntax::Model::empty))
                .annotate(text);
            let c = &ann.claims[0];
            let s = |r: &Range<usize>| &text[r.clone()];
            assert_eq!(
                (s(&c.source[0]), s(&c.cue[0]), s(&c.content[0])),
                ("Rivals", "said", "the plan works")
            );
        }
    }
}
