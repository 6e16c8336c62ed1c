//! Training the entity model: an averaged perceptron with early updates
//! over the beam decoder of [`sift_core::ner`], on OntoNotes documents tokenised by Sift's
//! own tokenizer (so training sees exactly what prediction will see).

use std::collections::HashMap;
use std::ops::Range;

use sift_core::linear::hash::hash_str;

use sift_core::linear::clusters::Clusters;
use sift_core::ner::features::{normalise, Scratch};
use sift_core::ner::gazetteer::{self, Gazetteer};
use sift_core::ner::{self, beam, beam::Beam, tags, Memory, Model};
use sift_core::text::Offsets;
use sift_core::tokenize::Tokens;
use sift_core::Label;

use crate::Error;

/// One training document: its text and gold entities (byte ranges).
#[derive(Debug, Clone)]
pub struct Doc {
    /// The document id.
    pub id: String,
    /// The raw text.
    pub text: String,
    /// Gold entities as byte ranges with labels.
    pub entities: Vec<(Range<usize>, Label)>,
}

/// Reads OntoNotes-style JSONL (`{"id", "text", "entities": [[s, e, label]]}`
/// with code-point offsets).
pub fn read_jsonl(content: &str) -> Result<Vec<Doc>, Error> {
    let mut docs = Vec::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::line(n + 1, e))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| Error::line(n + 1, "no text"))?
            .to_string();
        let id = crate::doc_id(&v["id"]);
        let offsets = Offsets::new(&text);
        let mut entities = Vec::new();
        for e in v["entities"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let (Some(s), Some(t), Some(l)) = (e[0].as_u64(), e[1].as_u64(), e[2].as_str()) else {
                return Err(Error::line(n + 1, format!("bad entity {e}")));
            };
            let label: Label = l.parse().map_err(|m| Error::line(n + 1, m))?;
            let r = offsets
                .bytes_of(s as usize, t as usize)
                .ok_or_else(|| Error::line(n + 1, "span out of range"))?;
            entities.push((r, label));
        }
        docs.push(Doc { id, text, entities });
    }
    Ok(docs)
}

/// Training settings.
#[derive(Clone)]
pub struct Options {
    /// Passes over the training documents.
    pub epochs: usize,
    /// The feature table has `2^bits` buckets.
    pub bits: u8,
    /// Seed of the document shuffle.
    pub seed: u64,
    /// Keep at most this many weights (the largest in magnitude).
    pub max_weights: usize,
    /// Weight codes are rounded to multiples of this (see
    /// `Weights::coarsened`): 1 keeps every code.
    pub code_step: u8,
    /// Independent training runs (document orders from seeds `seed`,
    /// `seed + 1000`, …) whose averaged weights are averaged again.
    pub runs: usize,
    /// Each training document sees the gazetteer built from the other
    /// folds only (0: the full gazetteer everywhere).
    pub folds: usize,
    /// Place names from outside the training data, added to the
    /// gazetteer as GPE (see [`places`]).
    pub places: Vec<String>,
}

// By hand, so that a log shows how many places, not thousands of names.
impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("epochs", &self.epochs)
            .field("bits", &self.bits)
            .field("seed", &self.seed)
            .field("max_weights", &self.max_weights)
            .field("code_step", &self.code_step)
            .field("runs", &self.runs)
            .field("folds", &self.folds)
            .field("places", &self.places.len())
            .finish()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 10,
            bits: 22,
            seed: 17,
            max_weights: 700_000,
            code_step: 8,
            runs: 5,
            folds: 5,
            places: Vec::new(),
        }
    }
}

/// A document prepared once: tokens and per-sentence gold tags.
struct Prepared {
    text: String,
    tokens: Tokens,
    gold: Vec<Vec<u8>>,
}

fn prepare(doc: &Doc, misaligned: &mut usize) -> Prepared {
    let tokens = Tokens::new(&doc.text);
    let mut gold = Vec::with_capacity(tokens.sentences.len());
    for s in &tokens.sentences {
        let toks = &tokens.tokens[s.clone()];
        let mut ents = Vec::new();
        for (r, l) in &doc.entities {
            if r.end <= toks.first().map_or(0, |t| t.start)
                || r.start >= toks.last().map_or(0, |t| t.end)
            {
                continue;
            }
            let first = toks.iter().position(|t| t.start == r.start);
            let last = toks.iter().position(|t| t.end == r.end);
            match (first, last) {
                (Some(a), Some(b)) if a <= b => ents.push((a..b + 1, *l)),
                _ => *misaligned += 1,
            }
        }
        gold.push(ner::gold_tags(toks.len(), &ents));
    }
    Prepared {
        text: doc.text.clone(),
        tokens,
        gold,
    }
}

/// The gazetteer: every gold name labelled in at least two documents, with
/// the label most documents gave it (if more than half did); documents
/// for which `skip` is true are left out.
fn gazetteer(prepared: &[Prepared], skip: impl Fn(usize) -> bool) -> Gazetteer {
    // (key, label) → (documents, last document seen)
    let mut seen: HashMap<(u32, Label), (usize, usize)> = HashMap::new();
    let mut norm = String::new();
    for (d, p) in prepared.iter().enumerate() {
        if skip(d) {
            continue;
        }
        for (s, gold) in p.tokens.sentences.iter().zip(&p.gold) {
            let toks = &p.tokens.tokens[s.clone()];
            let mut names = Vec::new();
            ner::spans(gold, toks, &mut names);
            for e in names {
                let hashes: Vec<u64> = toks
                    .iter()
                    .filter(|t| t.start >= e.range.start && t.end <= e.range.end)
                    .map(|t| {
                        norm.clear();
                        normalise(&p.text[t.clone()], &mut norm);
                        hash_str(&norm)
                    })
                    .collect();
                if hashes.is_empty() || hashes.len() > gazetteer::MAX_TOKENS {
                    continue;
                }
                let entry = seen
                    .entry((gazetteer::key(&hashes), e.label))
                    .or_insert((0, usize::MAX));
                if entry.1 != d {
                    *entry = (entry.0 + 1, d);
                }
            }
        }
    }
    let mut by_key: HashMap<u32, Vec<(usize, Label)>> = HashMap::new();
    for ((k, l), (docs, _)) in seen {
        by_key.entry(k).or_default().push((docs, l));
    }
    let names = by_key.into_iter().filter_map(|(k, mut labels)| {
        labels.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let total: usize = labels.iter().map(|x| x.0).sum();
        let (docs, label) = labels[0];
        (docs >= 2 && docs * 2 > total).then_some((k, label))
    });
    Gazetteer::new(names)
}

/// The gazetteer keys of those `names` that have a word the training text
/// never has ("Kyiv", "Kharkiv"): the list then only speaks for names the
/// model cannot know, and OntoNotes' own labels stand for every other
/// ("Kursk", the submarine in OntoNotes; "Kent", a person there; "Reading",
/// a common word). A list of cities taken whole lowered dev F1.
fn places(prepared: &[Prepared], names: &[String]) -> Vec<u32> {
    let mut norm = String::new();
    let mut seen = std::collections::HashSet::new();
    for p in prepared {
        for t in &p.tokens.tokens {
            norm.clear();
            normalise(&p.text[t.clone()], &mut norm);
            seen.insert(hash_str(&norm));
        }
    }
    let mut keys = Vec::new();
    for name in names {
        let tokens = Tokens::new(name);
        let hashes: Vec<u64> = tokens
            .tokens
            .iter()
            .map(|t| {
                norm.clear();
                normalise(&name[t.clone()], &mut norm);
                hash_str(&norm)
            })
            .collect();
        let new_word = hashes.iter().any(|h| !seen.contains(h));
        if new_word && hashes.len() <= gazetteer::MAX_TOKENS {
            keys.push(gazetteer::key(&hashes));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Dense weights with the averaging trick: the average of `w` over all
/// steps is `w - u / c`, where every update of `d` at step `c` also adds
/// `c * d` to `u`.
struct Dense {
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
}

const T: usize = tags::COUNT;

impl Dense {
    fn new(bits: u8) -> Self {
        let n = (1usize << bits) * T;
        Dense {
            w: vec![0.0; n],
            u: vec![0.0; n],
            c: 1.0,
        }
    }

    fn add_scores(&self, feats: &[u32], out: &mut [f32; T]) {
        for &f in feats {
            let row = &self.w[f as usize * T..(f as usize + 1) * T];
            for (o, w) in out.iter_mut().zip(row) {
                *o += w;
            }
        }
    }

    fn update(&mut self, feats: &[u32], tag: u8, d: f32) {
        for &f in feats {
            let i = f as usize * T + tag as usize;
            self.w[i] += d;
            self.u[i] += self.c * f64::from(d);
        }
    }

    /// Adds the averaged weights to `sum`.
    fn add_average_to(&self, sum: &mut [f64]) {
        for ((s, &w), &u) in sum.iter_mut().zip(&self.w).zip(&self.u) {
            *s += f64::from(w) - u / self.c;
        }
    }
}

/// One training run over documents shuffled with `seed`.
///
/// The document memory holds what the model itself predicted for the
/// sentences before, as in prediction, not the gold labels: a model
/// trained on gold memory trusts it more than its own earlier mistakes
/// deserve.
fn one_run(
    prepared: &[Prepared],
    clusters: &Clusters,
    folds: &[Gazetteer],
    opts: &Options,
    seed: u64,
    log: &mut impl FnMut(&str),
) -> Dense {
    let mut dense = Dense::new(opts.bits);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = seed.max(1);
    let mut scratch = Scratch::default();
    let mut guess = Vec::new();
    let mut beam = Beam::default();
    let mut predicted = Vec::new();
    for epoch in 1..=opts.epochs {
        crate::perceptron::shuffle(&mut order, &mut rng);
        let (mut errors, mut sentences) = (0usize, 0usize);
        for &d in &order {
            let p = &prepared[d];
            let mut memory = Memory::default();
            for (s, gold) in p.tokens.sentences.iter().zip(&p.gold) {
                let toks = &p.tokens.tokens[s.clone()];
                scratch.fill(&p.text, toks, clusters, &folds[d % folds.len()]);
                let mut score = beam::Buckets {
                    bits: opts.bits,
                    add: |b: &[u32], row: &mut [f32; T]| dense.add_scores(b, row),
                };
                let wrong = beam.decode(
                    &scratch,
                    toks.len(),
                    &memory,
                    &mut score,
                    Some(gold.as_slice()),
                    &mut guess,
                );
                if let Some(upto) = wrong {
                    // Early update: reward the gold prefix, penalise the
                    // predicted one, up to where gold left the beam.
                    for j in 0..=upto.min(guess.len().saturating_sub(1)) {
                        let (g, p) = (gold[j], guess[j]);
                        if g != p {
                            let feats = beam::token_buckets(&scratch, j, &memory, opts.bits);
                            dense.update(&feats, g, 1.0);
                            dense.update(&feats, p, -1.0);
                        }
                        let history = |seq: &[u8]| {
                            (
                                j.checked_sub(1).map(|k| seq[k]),
                                j.checked_sub(2).map(|k| seq[k]),
                            )
                        };
                        let (g1, g2) = history(gold);
                        let (p1, p2) = history(&guess);
                        if (g, g1, g2) != (p, p1, p2) {
                            dense.update(
                                &beam::history_buckets(&scratch, j, g1, g2, opts.bits),
                                g,
                                1.0,
                            );
                            dense.update(
                                &beam::history_buckets(&scratch, j, p1, p2, opts.bits),
                                p,
                                -1.0,
                            );
                        }
                    }
                    errors += 1;
                }
                dense.c += 1.0;
                sentences += 1;
                let mut score = beam::Buckets {
                    bits: opts.bits,
                    add: |b: &[u32], row: &mut [f32; T]| dense.add_scores(b, row),
                };
                beam.decode(
                    &scratch,
                    toks.len(),
                    &memory,
                    &mut score,
                    None,
                    &mut predicted,
                );
                beam::remember(&scratch, &predicted, &mut memory);
            }
        }
        log(&format!(
            "seed {seed}, epoch {epoch}: sentence error rate {:.4}",
            errors as f64 / sentences.max(1) as f64
        ));
    }
    dense
}

/// Trains a model; `log` receives one line per epoch.
pub fn train(docs: &[Doc], clusters: Clusters, opts: &Options, mut log: impl FnMut(&str)) -> Model {
    let mut misaligned = 0;
    let prepared: Vec<Prepared> = docs.iter().map(|d| prepare(d, &mut misaligned)).collect();
    let total: usize = docs.iter().map(|d| d.entities.len()).sum();
    log(&format!(
        "{} documents, {} tokens, {} entities ({} not on token boundaries, skipped)",
        docs.len(),
        prepared.iter().map(|p| p.tokens.len()).sum::<usize>(),
        total,
        misaligned
    ));
    let mut full = gazetteer(&prepared, |_| false);
    let extra = places(&prepared, &opts.places);
    log(&format!(
        "{} names in the gazetteer, and {} of {} places from outside",
        full.len() + extra.len(),
        extra.len(),
        opts.places.len()
    ));
    // A document's own names would be in its gazetteer, which would then
    // look far more reliable in training than on new text.
    let folds: Vec<Gazetteer> = match opts.folds {
        0 => vec![full.clone()],
        k => (0..k)
            .map(|f| gazetteer(&prepared, |d| d % k == f))
            .collect(),
    };
    let mut sum = vec![0f64; (1usize << opts.bits) * T];
    let runs = opts.runs.max(1);
    for run in 0..runs {
        let seed = opts.seed + run as u64 * 1000;
        one_run(&prepared, &clusters, &folds, opts, seed, &mut log).add_average_to(&mut sum);
    }
    let n = runs as f64;
    let weights = crate::kept::largest(sum.iter().map(|w| w / n), T, opts.max_weights, opts.bits)
        .coarsened(opts.code_step);
    log(&format!("kept {} weights", weights.len()));
    // The places join the gazetteer only now: each has a word the training
    // text never has, so in training they could only match by a collision
    // of their 32-bit keys, which would just jolt the training runs.
    full.extend(extra.iter().map(|&k| (k, Label::Gpe)));
    Model::from_parts(weights, clusters, full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sift_core::Annotator;

    #[test]
    fn learns_a_tiny_corpus() {
        let line =
            |t: &str, ents: &str| format!(r#"{{"id": "x", "text": "{t}", "entities": [{ents}]}}"#);
        let corpus = [
            line(
                "Putin visited Moscow on Friday.",
                r#"[0, 5, "PERSON"], [14, 20, "GPE"], [24, 30, "DATE"]"#,
            ),
            line(
                "Pezeshkian flew to Tehran.",
                r#"[0, 10, "PERSON"], [19, 25, "GPE"]"#,
            ),
            line(
                "Putin and Pezeshkian met in Moscow.",
                r#"[0, 5, "PERSON"], [10, 20, "PERSON"], [28, 34, "GPE"]"#,
            ),
        ]
        .join("\n");
        let docs = read_jsonl(&corpus).unwrap();
        let clusters =
            crate::clusters::learn(docs.iter().map(|d| d.text.as_str()), &Default::default());
        let model = train(
            &docs,
            clusters,
            &Options {
                epochs: 5,
                bits: 16,
                seed: 1,
                max_weights: 100_000,
                code_step: 1,
                runs: 2,
                folds: 2,
                places: vec!["Tehran".into(), "Springfield".into()],
            },
            |_| {},
        );
        let bytes = model.to_bytes();
        let model = Model::from_bytes(&bytes).unwrap();
        let text = "Pezeshkian visited Tehran.";
        let ann = Annotator::new(model).annotate(text);
        let found: Vec<(&str, &str)> = ann
            .entities
            .iter()
            .map(|e| (&text[e.range.clone()], e.label.as_str()))
            .collect();
        assert_eq!(found, [("Pezeshkian", "PERSON"), ("Tehran", "GPE")]);
    }

    #[test]
    fn folds_leave_a_documents_own_names_out() {
        let doc =
            |t: &str| format!(r#"{{"id": "x", "text": "{t}", "entities": [[0, 5, "PERSON"]]}}"#);
        let corpus = [doc("Putin spoke."), doc("Putin left."), doc("Putin ate.")].join("\n");
        let docs = read_jsonl(&corpus).unwrap();
        let mut misaligned = 0;
        let prepared: Vec<Prepared> = docs.iter().map(|d| prepare(d, &mut misaligned)).collect();
        // Named in three documents: in the full gazetteer, and still in
        // the one without document 0 (two left); named in one document
        // only once two are left out.
        assert_eq!(gazetteer(&prepared, |_| false).len(), 1);
        assert_eq!(gazetteer(&prepared, |d| d == 0).len(), 1);
        assert_eq!(gazetteer(&prepared, |d| d != 2).len(), 0);
    }

    #[test]
    fn places_from_outside_are_only_names_with_a_new_word() {
        let doc =
            |t: &str| format!(r#"{{"id": "x", "text": "{t}", "entities": [[0, 5, "PERSON"]]}}"#);
        let corpus = [doc("Putin is reading."), doc("Putin left Kent.")].join("\n");
        let docs = read_jsonl(&corpus).unwrap();
        let mut misaligned = 0;
        let prepared: Vec<Prepared> = docs.iter().map(|d| prepare(d, &mut misaligned)).collect();
        let names: Vec<String> = [
            "Putin",
            "Reading",
            "Kent",
            "Kyiv",
            "Kyiv",
            "Reading Heights",
        ]
        .map(String::from)
        .to_vec();
        let key = |name: &str| -> u32 {
            let norms: Vec<u64> = name
                .split(' ')
                .map(|w| hash_str(&w.to_lowercase()))
                .collect();
            gazetteer::key(&norms)
        };
        let mut want = vec![key("Kyiv"), key("Reading Heights")];
        want.sort_unstable();
        assert_eq!(places(&prepared, &names), want);
    }

    #[test]
    fn bad_corpus_lines_are_named() {
        assert!(read_jsonl("{}\n")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
        assert!(
            read_jsonl(r#"{"id": 1, "text": "ab", "entities": [[0, 9, "GPE"]]}"#)
                .unwrap_err()
                .to_string()
                .contains("out of range")
        );
    }
}
