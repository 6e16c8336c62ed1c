//! What both claim taggers need to know about every token of a document,
//! computed once per document.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::tree::Tree;
use super::{cues, hedges};
use crate::annotation::ClaimKind;
use crate::annotation::Entity;
use crate::linear::argmax::tag_id;
use crate::linear::hash::{hash_str, IdBuild};
use crate::syntax::Parse;
use crate::tokenize::Tokens;

/// A crude lemma: common verb and plural endings cut off, so that
/// "denies", "denied" and "denying" share a feature.
pub fn lemma(w: &str) -> &str {
    let n = w.len();
    for suf in ["ing", "ied", "ies", "ed", "es", "s"] {
        if n > suf.len() + 2 && w.ends_with(suf) && !w.ends_with("ss") {
            return &w[..n - suf.len()];
        }
    }
    w
}

/// Per-token facts of one document. Vectors have one entry per token
/// unless said otherwise.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The original text.
    pub text: &'a str,
    /// Token byte ranges.
    pub toks: &'a [Range<usize>],
    /// Sentences as token index ranges.
    pub sentences: &'a [Range<usize>],
    /// The sentence each token is in.
    pub sent_of: Vec<u32>,
    /// Lowercased word, digits replaced by `0` (shared by the tokens of
    /// one word).
    pub norm: Vec<Arc<str>>,
    /// Whether the word starts with an uppercase letter.
    pub capitalised: Vec<bool>,
    /// Hashes of `norm`, the word shape with repeats collapsed (`Xx`,
    /// `d,d`, `“`), the crude lemma and the last three characters,
    /// computed once so that features only mix them.
    pub norm_h: Vec<u64>,
    /// See [`Prepared::norm_h`].
    pub shape_h: Vec<u64>,
    /// See [`Prepared::norm_h`].
    pub lemma_h: Vec<u64>,
    /// See [`Prepared::norm_h`].
    pub suffix_h: Vec<u64>,
    /// Quotation the token is in: 0 outside, else an id shared by the
    /// tokens of one quotation (its marks included).
    pub quote: Vec<u32>,
    /// Label of the entity covering the token: 0 none, else label index + 1.
    pub entity: Vec<u8>,
    /// Cue lexicon code: 0 none, 1–7 a cue word of that kind (+8 when it is
    /// as often a noun), 16 + kind inside a cue phrase ("according to").
    pub lex: Vec<u8>,
    /// Whether the token is part of a hedge phrase.
    pub hedge: Vec<bool>,
    /// Hedge phrases as token ranges, in order.
    pub hedges: Vec<Range<usize>>,
    /// Prefix counts, one longer than the tokens: commas, clause marks
    /// (`;` `:` dashes, brackets) and lexicon cue words before each token.
    pub commas: Vec<u32>,
    /// See [`Prepared::commas`].
    pub marks: Vec<u32>,
    /// See [`Prepared::commas`].
    pub cue_words: Vec<u32>,
    /// The dependency tree, for a claims model that reads syntax.
    pub tree: Option<Tree>,
}

impl<'a> Prepared<'a> {
    /// Prepares `text`, tokenised as `tokens`, with its entity layer.
    pub fn new(text: &'a str, tokens: &'a Tokens, entities: &[Entity]) -> Self {
        Self::with_words(text, tokens, entities, &mut Words::default())
    }

    /// [`Prepared::new`], reusing the facts of words seen in earlier texts
    /// and keeping those of new ones.
    pub fn with_words(
        text: &'a str,
        tokens: &'a Tokens,
        entities: &[Entity],
        known: &mut Words,
    ) -> Self {
        let toks = tokens.tokens.as_slice();
        let n = toks.len();
        let mut sent_of = vec![0u32; n];
        for (s, r) in tokens.sentences.iter().enumerate() {
            for slot in sent_of.get_mut(r.clone()).into_iter().flatten() {
                *slot = u32::try_from(s).expect("a text has fewer than 2^32 sentences");
            }
        }
        let words: Vec<&str> = toks
            .iter()
            .map(|r| text.get(r.clone()).unwrap_or(""))
            .collect();
        // A document says the same words again and again: work out what
        // a word's features need once per distinct word.
        let Words { seen, facts } = known;
        let of_token: Vec<u32> = words
            .iter()
            .map(|w| {
                *seen.entry(hash_str(w)).or_insert_with(|| {
                    facts.push(Facts::of(w));
                    u32::try_from(facts.len() - 1).expect("fewer than 2^32 distinct words")
                })
            })
            .collect();
        let each = |f: &dyn Fn(&Facts) -> u64| -> Vec<u64> {
            of_token.iter().map(|&k| f(&facts[k as usize])).collect()
        };
        let norm_h = each(&|f| f.norm_h);
        let shape_h = each(&|f| f.shape_h);
        let lemma_h = each(&|f| f.lemma_h);
        let suffix_h = each(&|f| f.suffix_h);
        let norm: Vec<Arc<str>> = of_token
            .iter()
            .map(|&k| Arc::clone(&facts[k as usize].norm))
            .collect();
        let capitalised = of_token
            .iter()
            .map(|&k| facts[k as usize].capitalised)
            .collect();
        let quote = quotes(text, toks, &words);
        let mut entity = vec![0u8; n];
        for e in entities {
            let a = toks.partition_point(|t| t.end <= e.range.start);
            for (i, t) in toks.iter().enumerate().skip(a) {
                if t.start >= e.range.end {
                    break;
                }
                entity[i] = e.label.id() + 1;
            }
        }
        let mut lex: Vec<u8> = of_token.iter().map(|&k| facts[k as usize].lex).collect();
        let mut hedge = vec![false; n];
        let mut hedge_spans = Vec::new();
        for s in &tokens.sentences {
            let lower = &norm[s.clone()];
            for h in hedges::find(lower) {
                let h = h.start + s.start..h.end + s.start;
                hedge[h.clone()].iter_mut().for_each(|x| *x = true);
                hedge_spans.push(h);
            }
            let mut i = 0;
            while i < lower.len() {
                if !cues::starts_phrase(&lower[i]) {
                    i += 1;
                    continue;
                }
                let rest = &lower[i..];
                let hit = cues::PHRASES.iter().find(|(p, _)| {
                    rest.len() >= p.len() && p.iter().zip(rest).all(|(a, b)| *a == &**b)
                });
                match hit {
                    Some((p, k)) => {
                        lex[s.start + i..s.start + i + p.len()]
                            .iter_mut()
                            .for_each(|x| *x = 16 + kind_code(*k));
                        i += p.len();
                    }
                    None => i += 1,
                }
            }
        }
        let prefix = |f: &dyn Fn(usize) -> bool| -> Vec<u32> {
            let mut v = Vec::with_capacity(n + 1);
            let mut c = 0u32;
            v.push(0);
            for i in 0..n {
                c += u32::from(f(i));
                v.push(c);
            }
            v
        };
        let commas = prefix(&|i| words[i] == ",");
        let marks = prefix(&|i| matches!(words[i], ";" | ":" | "—" | "–" | "--" | "(" | ")"));
        let cue_words = prefix(&|i| lex[i] != 0);
        Prepared {
            text,
            toks,
            sentences: &tokens.sentences,
            sent_of,
            norm,
            capitalised,
            norm_h,
            shape_h,
            lemma_h,
            suffix_h,
            quote,
            entity,
            lex,
            hedge,
            hedges: hedge_spans,
            commas,
            marks,
            cue_words,
            tree: None,
        }
    }

    /// These facts with the document's parse (see [`Tree`]).
    pub fn with_tree(mut self, parse: &Parse) -> Self {
        if parse.heads.len() == self.len() {
            self.tree = Some(Tree::new(parse));
        }
        self
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True for a text without tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The word of token `i` as written.
    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or("")
    }

    /// Whether token `i` has no letter or digit.
    pub fn is_punct(&self, i: usize) -> bool {
        !self.word(i).chars().any(char::is_alphanumeric)
    }

    /// The byte range covered by tokens `r` (empty `r`: an empty range).
    pub fn bytes(&self, r: &Range<usize>) -> Range<usize> {
        match (
            self.toks.get(r.start),
            r.end.checked_sub(1).and_then(|e| self.toks.get(e)),
        ) {
            (Some(a), Some(b)) if r.start < r.end => a.start..b.end,
            _ => 0..0,
        }
    }
}

/// What the taggers need of each distinct word, by the hash of the word
/// as written: kept per document, or from text to text by a
/// [`super::Cache`].
#[derive(Debug, Default)]
pub struct Words {
    seen: HashMap<u64, u32, IdBuild>,
    facts: Vec<Facts>,
}

impl Words {
    /// Number of distinct words known.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// True when no word is known.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

/// What the taggers need of one distinct word.
#[derive(Debug)]
struct Facts {
    norm: Arc<str>,
    norm_h: u64,
    shape_h: u64,
    lemma_h: u64,
    suffix_h: u64,
    lex: u8,
    capitalised: bool,
}

impl Facts {
    fn of(word: &str) -> Facts {
        let norm = normalise(word);
        let shape = shape(word);
        let suffix = norm
            .char_indices()
            .rev()
            .nth(2)
            .map_or(norm.as_str(), |(b, _)| &norm[b..]);
        let lex = match cues::kind_of(&norm) {
            Some(k) => kind_code(k) + if cues::ambiguous(&norm) { 8 } else { 0 },
            None => 0,
        };
        Facts {
            norm_h: hash_str(&norm),
            shape_h: hash_str(&shape),
            lemma_h: hash_str(lemma(&norm)),
            suffix_h: hash_str(suffix),
            lex,
            capitalised: shape.starts_with('X'),
            norm: norm.into(),
        }
    }
}

fn kind_code(k: ClaimKind) -> u8 {
    tag_id(ClaimKind::ALL.iter().position(|x| *x == k).unwrap_or(0)) + 1
}

fn normalise(word: &str) -> String {
    if word.is_ascii() {
        // Most words: no curly apostrophe, no Unicode case mapping.
        return word
            .bytes()
            .map(|b| match b {
                b'0'..=b'9' => '0',
                _ => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    // Curly apostrophes write the same words as straight ones.
    out.replace('’', "'")
}

fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Quotation ids per token. Curly quotes say which way they face; a
/// straight `"` toggles. A paragraph break closes any open quotation: a
/// quote running on into the next paragraph opens again there.
fn quotes(text: &str, toks: &[Range<usize>], words: &[&str]) -> Vec<u32> {
    let mut out = vec![0u32; toks.len()];
    let mut open = false;
    let mut id = 0u32;
    for (i, w) in words.iter().enumerate() {
        if i > 0
            && text
                .get(toks[i - 1].end..toks[i].start)
                .is_some_and(|gap| gap.contains('\n'))
        {
            open = false;
        }
        let opens = match *w {
            "“" | "«" => Some(true),
            "”" | "»" => Some(false),
            "\"" | "``" | "''" => Some(!open),
            _ => None,
        };
        match opens {
            Some(true) => {
                id += 1;
                open = true;
                out[i] = id;
            }
            Some(false) => {
                if open {
                    out[i] = id;
                }
                open = false;
            }
            None => {
                if open {
                    out[i] = id;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_cut_common_endings() {
        assert_eq!(lemma("denies"), lemma("denied"));
        assert_eq!(lemma("says"), "say");
    }

    #[test]
    fn quotes_lexicon_and_counts() {
        let text = "“We won,” he said, according to aides.\n“Next";
        let tokens = Tokens::new(text);
        let p = Prepared::new(text, &tokens, &[]);
        let words: Vec<&str> = (0..p.len()).map(|i| p.word(i)).collect();
        assert_eq!(words[..6], ["“", "We", "won", ",", "”", "he"]);
        assert_eq!(p.quote[..6], [1, 1, 1, 1, 1, 0]);
        assert_eq!(*p.quote.last().unwrap(), 2);
        let said = words.iter().position(|w| *w == "said").unwrap();
        assert_eq!(p.lex[said], 1);
        assert_eq!(p.lex[said + 2], 16 + 5);
        assert_eq!(p.commas[said], 1);
        assert_eq!(p.cue_words[p.len()], 3);
        assert_eq!(&text[p.bytes(&(1..3))], "We won");
    }
}
