//! Training the syntax model: a greedy part-of-speech tagger and an
//! arc-hybrid dependency parser, both averaged perceptrons, on OntoNotes'
//! gold trees (`SPLIT.syntax.jsonl.gz`, whose token offsets point into the
//! raw text of `SPLIT.jsonl`, so the words are read exactly as Sift sees
//! them: "(" and "“", not `-LRB-` and "``").
//!
//! The parser learns from the tags the tagger will give it: the training
//! sentences are tagged by taggers trained on the other folds
//! (jackknifing), since the tagger's own training data would be tagged
//! too well. It learns with the dynamic oracle of
//! [`sift_core::syntax::oracle`], following its own moves after the first
//! epoch, so it also sees the configurations its mistakes lead to.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use sift_core::linear::clusters::Clusters;
use sift_core::linear::weights::Weights;
use sift_core::syntax::labels::{deprel_id, pos_id, DEPRELS, POS};
use sift_core::syntax::oracle::zero_cost;
use sift_core::syntax::state::{Move, State, KINDS, MOVES, SHIFT};
use sift_core::syntax::words::Word;
use sift_core::syntax::{parser, tagger, Model};
use sift_core::text::Offsets;

use crate::kept;
use crate::perceptron::{shuffle, uniform, Dense};
use crate::Error;

/// One gold sentence, its words already hashed.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The words' hashes.
    pub words: Vec<Word>,
    /// Gold tags (indices into [`POS`]).
    pub tags: Vec<u8>,
    /// Gold heads: a token index, or the sentence length for a root.
    pub heads: Vec<u32>,
    /// Gold labels.
    pub labels: Vec<u8>,
}

/// Reads a file, gunzipping it when its name ends in `.gz`.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| Error::Content {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
        Ok(s)
    } else {
        String::from_utf8(bytes).map_err(|e| Error::Content {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }
}

/// A split's syntax file (`SPLIT.syntax.jsonl[.gz]`) and the raw texts of
/// the `SPLIT.jsonl` beside it, which its offsets point into.
#[derive(Debug, Clone)]
pub struct Split {
    /// The content of the syntax file.
    pub syntax: String,
    /// The documents' texts, by id.
    pub texts: HashMap<String, String>,
}

/// Reads the split whose syntax file is `path`.
pub fn read_split(path: &Path) -> Result<Split, Error> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some(split) = name
        .strip_suffix(".syntax.jsonl.gz")
        .or_else(|| name.strip_suffix(".syntax.jsonl"))
    else {
        return Err(Error::Content {
            path: path.display().to_string(),
            message: "expected a SPLIT.syntax.jsonl[.gz] file".into(),
        });
    };
    let texts_path = path.with_file_name(format!("{split}.jsonl"));
    let texts = read_texts(&read_text(&texts_path)?).map_err(|e| e.inside(texts_path.display()))?;
    Ok(Split {
        syntax: read_text(path)?,
        texts,
    })
}

/// The raw texts of `SPLIT.jsonl`, by document id.
pub fn read_texts(content: &str) -> Result<HashMap<String, String>, Error> {
    let mut texts = HashMap::new();
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| Error::line(n + 1, e))?;
        let id = crate::doc_id(&v["id"]);
        let text = v["text"]
            .as_str()
            .ok_or_else(|| Error::line(n + 1, "no text"))?;
        texts.insert(id, text.to_string());
    }
    Ok(texts)
}

/// The sentences of `SPLIT.syntax.jsonl` with their words taken from the
/// documents' texts (and their clusters from `clusters`).
pub fn read_sentences(
    syntax: &str,
    texts: &HashMap<String, String>,
    clusters: &Clusters,
) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for (n, line) in syntax.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |m: &str| Error::line(n + 1, m);
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| at(&e.to_string()))?;
        let id = v["id"].as_str().ok_or_else(|| at("no id"))?;
        let text = texts
            .get(id)
            .ok_or_else(|| at(&format!("no text for {id}")))?;
        let offsets = Offsets::new(text);
        for s in v["sentences"]
            .as_array()
            .ok_or_else(|| at("no sentences"))?
        {
            let list = |k: &str| s[k].as_array().cloned().unwrap_or_default();
            let (offs, pos, heads, rels) =
                (list("offsets"), list("pos"), list("heads"), list("deprels"));
            let len = offs.len();
            if pos.len() != len || heads.len() != len || rels.len() != len {
                return Err(at("a sentence's lists differ in length"));
            }
            let mut sentence = Sentence {
                words: Vec::with_capacity(len),
                tags: Vec::with_capacity(len),
                heads: Vec::with_capacity(len),
                labels: Vec::with_capacity(len),
            };
            for i in 0..len {
                let (Some(a), Some(b)) = (offs[i][0].as_u64(), offs[i][1].as_u64()) else {
                    return Err(at("bad offsets"));
                };
                let r = offsets
                    .bytes_of(a as usize, b as usize)
                    .ok_or_else(|| at("offsets out of range"))?;
                sentence.words.push(Word::new(&text[r], clusters, &mut buf));
                let tag = pos[i].as_str().unwrap_or("");
                sentence
                    .tags
                    .push(pos_id(tag).ok_or_else(|| at(&format!("unknown tag {tag:?}")))?);
                let rel = rels[i].as_str().unwrap_or("");
                sentence
                    .labels
                    .push(deprel_id(rel).ok_or_else(|| at(&format!("unknown label {rel:?}")))?);
                let h = heads[i].as_u64().ok_or_else(|| at("bad head"))? as usize;
                if h > len {
                    return Err(at("head out of range"));
                }
                // 1-based in the file, 0 for the root: ours is `len` for the root.
                sentence
                    .heads
                    .push(if h == 0 { len as u32 } else { h as u32 - 1 });
            }
            out.push(sentence);
        }
    }
    Ok(out)
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes of the tagger over the training sentences.
    pub tagger_epochs: usize,
    /// Passes of the parser.
    pub parser_epochs: usize,
    /// The tagger's table has `2^bits` buckets.
    pub tagger_bits: u8,
    /// The parser's table of move kinds.
    pub parser_bits: u8,
    /// The parser's table of arc labels.
    pub label_bits: u8,
    /// Weights the tagger keeps (the largest).
    pub tagger_weights: usize,
    /// Weights the parser's move kinds keep.
    pub parser_weights: usize,
    /// Weights the parser's arc labels keep.
    pub label_weights: usize,
    /// Weight codes are rounded to multiples of this (see
    /// `Weights::coarsened`): 1 keeps every code.
    pub code_step: u8,
    /// Folds of the jackknife that tags the parser's training sentences.
    pub folds: usize,
    /// How often, after the first epoch, the parser follows its own move
    /// when that move loses a gold arc (otherwise the oracle's best).
    pub explore: f64,
    /// Seed of the shuffles.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 10,
            parser_epochs: 15,
            tagger_bits: 18,
            parser_bits: 18,
            label_bits: 17,
            tagger_weights: 100_000,
            parser_weights: 300_000,
            label_weights: 60_000,
            code_step: 8,
            folds: 2,
            explore: 0.9,
            seed: 1,
        }
    }
}

/// Trains a tagger on `sentences` (those for which `keep` holds).
fn train_tagger(
    sentences: &[Sentence],
    keep: impl Fn(usize) -> bool,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Weights {
    let bits = opts.tagger_bits;
    let mut dense = Dense::new(bits, POS.len());
    let mut order: Vec<usize> = (0..sentences.len()).filter(|&i| keep(i)).collect();
    let mut rng = opts.seed.max(1);
    let mut feats = [0u64; tagger::FEATURES];
    let mut buckets = [0u32; tagger::FEATURES];
    let mut scores = [0f32; POS.len()];
    for epoch in 1..=opts.tagger_epochs {
        shuffle(&mut order, &mut rng);
        let (mut wrong, mut seen) = (0usize, 0usize);
        for &s in &order {
            let s = &sentences[s];
            let (mut p1, mut p2) = (tagger::NO_TAG, tagger::NO_TAG);
            for i in 0..s.words.len() {
                tagger::features(&s.words, i, p1, p2, &mut feats);
                for (b, &h) in buckets.iter_mut().zip(&feats) {
                    *b = sift_core::linear::hash::bucket(h, bits);
                }
                dense.scores(&buckets, &mut scores);
                let guess = sift_core::linear::argmax::best(&scores, &|_| true);
                dense.correct(&buckets, s.tags[i], guess);
                dense.tick();
                wrong += usize::from(guess != s.tags[i]);
                seen += 1;
                (p2, p1) = (p1, guess);
            }
        }
        log(&format!(
            "tagger epoch {epoch}: {:.2}% of training tokens wrong",
            100.0 * wrong as f64 / seen.max(1) as f64
        ));
    }
    kept::centred(dense.averaged(), POS.len(), opts.tagger_weights, bits).coarsened(opts.code_step)
}

/// Tags a sentence with a trained tagger.
fn tag(weights: &Weights, s: &Sentence) -> Vec<u8> {
    let mut tags = Vec::with_capacity(s.words.len());
    tagger::tag(weights, &s.words, &mut tags);
    tags
}

/// Trains the parser on sentences with the given (predicted) tags: its
/// table of move kinds and its table of arc labels.
fn train_parser(
    sentences: &[Sentence],
    tags: &[Vec<u8>],
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> (Weights, Weights) {
    let (bits, label_bits) = (opts.parser_bits, opts.label_bits);
    let mut moves = Dense::new(bits, KINDS);
    let mut labels = Dense::new(label_bits, DEPRELS.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = opts.seed.max(1) ^ 0x9e37;
    let mut state = State::default();
    let mut buckets = [0u32; parser::FEATURES];
    let mut label_buckets = [0u32; parser::LABEL_FEATURES];
    let mut scores = [0f32; KINDS];
    let mut label_scores = [0f32; DEPRELS.len()];
    let mut zero = [false; MOVES];
    for epoch in 1..=opts.parser_epochs {
        shuffle(&mut order, &mut rng);
        let (mut wrong, mut seen, mut wrong_labels, mut arcs) = (0usize, 0usize, 0usize, 0usize);
        for &k in &order {
            let s = &sentences[k];
            state.reset(s.words.len());
            while !state.is_final() {
                parser::buckets(&state, &s.words, &tags[k], bits, &mut buckets);
                moves.scores(&buckets, &mut scores);
                let guess = parser::best_kind(&state, &scores);
                zero_cost(&state, &s.heads, &s.labels, &mut zero);
                let mut zero_kind = [false; KINDS];
                for m in (0..MOVES).filter(|&m| zero[m]) {
                    zero_kind[Move::from_id(m).kind()] = true;
                }
                let best_gold = (0..KINDS)
                    .filter(|&m| zero_kind[m])
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
                let kind = match best_gold {
                    Some(gold) if !zero_kind[guess] => {
                        moves.correct(&buckets, gold as u8, guess as u8);
                        wrong += 1;
                        if epoch > 1 && uniform(&mut rng) < opts.explore {
                            guess
                        } else {
                            gold
                        }
                    }
                    _ => guess,
                };
                moves.tick();
                seen += 1;
                // The label: learnt where the arc is a gold one, so that its
                // gold label is known; the root's arcs are ROOT by rule.
                let label = if kind == SHIFT || parser::root_arc(&state, kind) {
                    sift_core::syntax::labels::ROOT
                } else {
                    parser::label_buckets(
                        &state,
                        &s.words,
                        &tags[k],
                        kind,
                        label_bits,
                        &mut label_buckets,
                    );
                    labels.scores(&label_buckets, &mut label_scores);
                    let guess = parser::best_label(&state, kind, &label_scores);
                    let d = state.stack_at(0) as usize;
                    if s.heads[d] == state.arc_head(kind) {
                        let gold = s.labels[d];
                        labels.correct(&label_buckets, gold, guess);
                        labels.tick();
                        wrong_labels += usize::from(gold != guess);
                        arcs += 1;
                        gold
                    } else {
                        guess
                    }
                };
                state.apply(Move::of_kind(kind, label));
            }
        }
        log(&format!(
            "parser epoch {epoch}: {:.2}% of moves lost an arc, {:.2}% of gold arcs mislabelled",
            100.0 * wrong as f64 / seen.max(1) as f64,
            100.0 * wrong_labels as f64 / arcs.max(1) as f64
        ));
    }
    (
        kept::centred(moves.averaged(), KINDS, opts.parser_weights, bits).coarsened(opts.code_step),
        kept::centred(
            labels.averaged(),
            DEPRELS.len(),
            opts.label_weights,
            label_bits,
        )
        .coarsened(opts.code_step),
    )
}

/// Trains the syntax model on `sentences`, read with `clusters`; `log`
/// gets a line per epoch and stage.
pub fn train(
    sentences: &[Sentence],
    clusters: Clusters,
    opts: &Options,
    mut log: impl FnMut(&str),
) -> Model {
    // Jackknife: each fold tagged by a tagger that never saw it.
    let folds = opts.folds.max(1);
    let mut tags: Vec<Vec<u8>> = sentences.iter().map(|s| s.tags.clone()).collect();
    if folds > 1 {
        for f in 0..folds {
            log(&format!("jackknife fold {}/{folds}", f + 1));
            let weights = train_tagger(sentences, |i| i % folds != f, opts, &mut log);
            for (i, t) in tags.iter_mut().enumerate() {
                if i % folds == f {
                    *t = tag(&weights, &sentences[i]);
                }
            }
        }
    }
    log("tagger on every sentence");
    let tagger_weights = train_tagger(sentences, |_| true, opts, &mut log);
    let (moves, labels) = train_parser(sentences, &tags, opts, &mut log);
    Model::from_parts(clusters, tagger_weights, moves, labels)
}

/// Tag accuracy and unlabelled / labelled attachment (punctuation left out,
/// as `score_syntax.py` does) on gold-tokenised sentences: a quick figure
/// for training logs; `sift eval syntax` scores from raw text.
pub fn accuracy(model: &Model, sentences: &[Sentence]) -> (f64, f64, f64) {
    let tables = model.weights();
    let punct: Vec<u8> = crate::score::syntax::PUNCT
        .iter()
        .filter_map(|t| pos_id(t))
        .collect();
    let (mut n, mut tag_ok, mut deps, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut state = State::default();
    for s in sentences {
        let tags = tag(tables.tagger, s);
        parser::parse(tables.moves, tables.labels, &s.words, &tags, &mut state);
        // Five lists side by side: an index reads clearer than a zip.
        #[allow(clippy::needless_range_loop)]
        for i in 0..s.words.len() {
            n += 1;
            tag_ok += usize::from(tags[i] == s.tags[i]);
            if punct.contains(&s.tags[i]) {
                continue;
            }
            deps += 1;
            if state.heads[i] == s.heads[i] {
                uas += 1;
                las += usize::from(state.labels[i] == s.labels[i]);
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    (pct(tag_ok, n), pct(uas, deps), pct(las, deps))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> (HashMap<String, String>, String) {
        let text = "She denied it. He said that she lied.";
        let texts = HashMap::from([("d".to_string(), text.to_string())]);
        let syntax = r#"{"id": "d", "sentences": [
            {"offsets": [[0,3],[4,10],[11,13],[13,14]], "pos": ["PRP","VBD","PRP","."], "heads": [2,0,2,2], "deprels": ["SBJ","ROOT","OBJ","P"]},
            {"offsets": [[15,17],[18,22],[23,27],[28,31],[32,36],[36,37]], "pos": ["PRP","VBD","IN","PRP","VBD","."], "heads": [2,0,2,5,3,2], "deprels": ["SBJ","ROOT","COMP","SBJ","SUB","P"]}
        ]}"#
        .replace('\n', " ");
        (texts, syntax)
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let (texts, syntax) = corpus();
        let sentences = read_sentences(&syntax, &texts, &Clusters::default()).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].heads, [1, 4, 1, 1]);
        let opts = Options {
            tagger_epochs: 5,
            parser_epochs: 8,
            tagger_bits: 12,
            parser_bits: 12,
            label_bits: 12,
            code_step: 1,
            folds: 1,
            ..Options::default()
        };
        let model = train(&sentences, Clusters::default(), &opts, |_| {});
        let (pos, uas, las) = accuracy(&model, &sentences);
        assert_eq!((pos, uas, las), (100.0, 100.0, 100.0));
        // The same model through the file and the public parse.
        let model = Model::from_bytes(&model.to_bytes()).unwrap();
        let text = &texts["d"];
        let parse = model.parse(text, &sift_core::tokenize::Tokens::new(text));
        assert_eq!(parse.pos(1), "VBD");
        assert_eq!(parse.heads[0], Some(1));
        assert_eq!(parse.deprel(0), "SBJ");
        assert_eq!(parse.heads[1], None);
    }

    #[test]
    fn bad_corpus_lines_are_named() {
        let (texts, syntax) = corpus();
        let bad = syntax.replace("\"VBD\",\"PRP\",\".\"", "\"VBD\",\"NOPE\",\".\"");
        let none = Clusters::default();
        let err = read_sentences(&bad, &texts, &none).unwrap_err().to_string();
        assert!(err.contains("line 1") && err.contains("NOPE"), "{err}");
        let err = read_sentences("{\"id\": \"x\", \"sentences\": []}", &texts, &none)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no text for x"), "{err}");
    }
}
