//! Sentences and tokens with exact byte offsets into the original text.
//!
//! Tokens follow the Penn Treebank habits OntoNotes was annotated with, so
//! that entity boundaries fall between tokens: punctuation stands alone,
//! clitics split off (`do|n't`, `Iran|'s`), hyphens and slashes stand alone
//! (`long|-|range`), while numbers keep their separators (`1,200`, `3.5`)
//! and abbreviations keep their period (`U.S.`, `Mr.`) unless it also
//! ends the line (`… Motor Corp|.`), as in OntoNotes' text.

use std::ops::Range;

/// The tokens and sentences of one text.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Byte range of every token, in order, never overlapping, never empty.
    pub tokens: Vec<Range<usize>>,
    /// Each sentence as a range of indices into `tokens`.
    pub sentences: Vec<Range<usize>>,
}

impl Tokens {
    /// Splits `text` into sentences and tokens.
    pub fn new(text: &str) -> Self {
        let mut out = Tokens::default();
        out.fill(text);
        out
    }

    /// Refills this value for a new text, reusing its buffers.
    pub fn fill(&mut self, text: &str) {
        self.tokens.clear();
        self.sentences.clear();
        let bytes = text.as_bytes();
        let mut sentence_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let ch = char_at(text, i);
            if ch.is_whitespace() {
                if ch == '\n' || ch == '\u{2029}' {
                    self.end_sentence(&mut sentence_start);
                }
                i += ch.len_utf8();
                continue;
            }
            let mut end = i;
            while end < bytes.len() {
                // Most text is ASCII: a byte test, no decoding.
                let b = bytes[end];
                if b.is_ascii() {
                    if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                        break;
                    }
                    end += 1;
                    continue;
                }
                let c = char_at(text, end);
                if c.is_whitespace() {
                    break;
                }
                end += c.len_utf8();
            }
            split_chunk(text, i, end, &mut self.tokens);
            i = end;
            self.split_sentences_in_chunk(text, &mut sentence_start);
        }
        self.end_sentence(&mut sentence_start);
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    fn end_sentence(&mut self, start: &mut usize) {
        if *start < self.tokens.len() {
            self.sentences.push(*start..self.tokens.len());
            *start = self.tokens.len();
        }
    }

    /// After a chunk was split, ends a sentence if the chunk ended one: a
    /// final `.`, `!` or `?` (with closing quotes or brackets after it).
    /// The next word must look like a sentence start too.
    fn split_sentences_in_chunk(&mut self, text: &str, start: &mut usize) {
        let n = self.tokens.len();
        let mut k = n;
        while k > *start {
            let t = &text[self.tokens[k - 1].clone()];
            if is_closer(t) {
                k -= 1;
            } else {
                break;
            }
        }
        if k == *start || k == 0 {
            return;
        }
        let last = &text[self.tokens[k - 1].clone()];
        // "No. 1", "Typhoon No. 17": a number, not a new sentence.
        let numbered = last == "."
            && k >= 2
            && matches!(&text[self.tokens[k - 2].clone()], "No" | "Nos" | "no")
            && text[self.tokens[n - 1].end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if matches!(last, "." | "!" | "?" | "..." | "…" | "?!" | "!?")
            && !numbered
            && next_starts_sentence(text, self.tokens[n - 1].end)
        {
            self.end_sentence(start);
        }
    }
}

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Whether the text after `pos` (past whitespace) looks like a new sentence:
/// an uppercase letter, a digit, an opening quote or bracket, or the end.
fn next_starts_sentence(text: &str, pos: usize) -> bool {
    for c in text[pos..].chars() {
        if c.is_whitespace() {
            continue;
        }
        return c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«');
    }
    true
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "maj",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "rev", "adm", "cmdr", "pres",
    "ave", "blvd", "dept", "univ", "est", "approx", "e.g", "i.e", "cf", "al", "bros", "v", "cie",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.contains('.') {
        // U.S, e.g, a.m; not a number ("rose to 75.62.")
        return w.chars().any(char::is_alphabetic);
    }
    if w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase()) {
        return true; // initials: "George W. Bush"
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let mut i = start;
    while i < end {
        let c = char_at(text, i);
        if c.is_alphanumeric() {
            i = word(text, i, end, out);
        } else if is_apostrophe(c) {
            // A clitic: 's 're 've 'll 'd 'm followed by a non-letter.
            let rest = &text[i + c.len_utf8()..end];
            let alpha_len = rest
                .find(|x: char| !x.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..alpha_len];
            if i > start && CLITICS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                let stop = i + c.len_utf8() + alpha_len;
                out.push(i..stop);
                i = stop;
            } else {
                out.push(i..i + c.len_utf8());
                i += c.len_utf8();
            }
        } else {
            // Punctuation and symbols: runs of the same character ("...",
            // "--") form one token, anything else is one character.
            let mut stop = i + c.len_utf8();
            if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_') {
                while stop < end && char_at(text, stop) == c {
                    stop += c.len_utf8();
                }
            }
            // Keep grapheme-joining marks (variation selectors, skin tones,
            // zero-width joiners) with what they follow.
            while stop < end {
                let n = char_at(text, stop);
                if is_joiner(n) {
                    stop += n.len_utf8();
                } else {
                    break;
                }
            }
            out.push(i..stop);
            i = stop;
        }
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c as u32, 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x0300..=0x036F | 0xE0020..=0xE007F)
}

/// Reads one word starting at `i` and pushes it (and a split-off `n't`).
/// Returns where scanning continues.
fn word(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) -> usize {
    let mut i = start;
    while i < end {
        // Most words are ASCII letters and digits: a byte test, no decoding.
        if text.as_bytes()[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if c.is_alphanumeric() || is_joiner(c) {
            i += c.len_utf8();
            continue;
        }
        let next = if i + c.len_utf8() < end {
            char_at(text, i + c.len_utf8())
        } else {
            ' '
        };
        let prev_digit = text[start..i]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit());
        let joins = match c {
            // 3.5, U.S, e.g: a period inside a word.
            '.' => {
                next.is_alphanumeric()
                    && !(next.is_uppercase() && text[start..i].chars().count() > 3)
            }
            // 1,200 and 10:30
            ',' | ':' => prev_digit && next.is_ascii_digit(),
            '&' => next.is_uppercase() && text[start..i].chars().all(|x| x.is_uppercase()),
            '@' => next.is_alphanumeric(),
            _ => false,
        };
        if !joins {
            break;
        }
        i += c.len_utf8();
    }
    // "don't" → "do" + "n't"
    if i < end && is_apostrophe(char_at(text, i)) {
        let after = i + char_at(text, i).len_utf8();
        let t_follows = after < end && matches!(char_at(text, after), 't' | 'T');
        // `t` is one byte, so `after + 1` is a character boundary.
        let t_ends = t_follows && (after + 1 >= end || !char_at(text, after + 1).is_alphanumeric());
        let w = &text[start..i];
        if t_follows && t_ends && w.len() > 1 && (w.ends_with('n') || w.ends_with('N')) {
            out.push(start..i - 1);
            out.push(i - 1..after + 1);
            return after + 1;
        }
        // O'Brien: an apostrophe between letters that is not a clitic.
        let rest = &text[after..end];
        let alpha_len = rest
            .find(|x: char| !x.is_alphanumeric())
            .unwrap_or(rest.len());
        if alpha_len > 0
            && !CLITICS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(&rest[..alpha_len]))
            && !t_follows
        {
            let stop = word(text, after, end, &mut Vec::new());
            out.push(start..stop);
            return stop;
        }
    }
    // Keep an abbreviation's final period, as OntoNotes does, except
    // where the period also ends the sentence at the end of a line
    // ("… Mazda Motor Corp.⏎": `Corp` `.`; OntoNotes train has 100 such
    // names ending in `Co` to 2 in `Co.`); a second period is the
    // sentence's ("in the U.S..": `U.S.` `.`).
    if i < end && char_at(text, i) == '.' && is_abbreviation(&text[start..i]) {
        let after = i + 1;
        let keep = if after == end {
            let line_ends = text[end..]
                .chars()
                .next()
                .is_none_or(|c| c == '\n' || c == '\r');
            !line_ends
        } else if char_at(text, after) != '.' {
            true
        } else {
            // Two periods, not an ellipsis.
            after + 1 == end || char_at(text, after + 1) != '.'
        };
        if keep {
            out.push(start..after);
            return after;
        }
    }
    out.push(start..i);
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        Tokens::new(text)
            .tokens
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    fn sents(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        t.sentences
            .iter()
            .map(|s| {
                t.tokens[s.clone()]
                    .iter()
                    .map(|r| &text[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn abbreviation_periods_at_sentence_ends() {
        assert_eq!(
            toks("Mazda Motor Corp.\nIn"),
            ["Mazda", "Motor", "Corp", ".", "In"]
        );
        assert_eq!(
            toks("by Ford Motor Co."),
            ["by", "Ford", "Motor", "Co", "."]
        );
        assert_eq!(
            toks("Ford Motor Co. said"),
            ["Ford", "Motor", "Co.", "said"]
        );
        assert_eq!(toks("in the U.S..\nThe"), ["in", "the", "U.S.", ".", "The"]);
        assert_eq!(
            toks("in Charlotte, N.C.\nThe"),
            ["in", "Charlotte", ",", "N.C", ".", "The"]
        );
        assert_eq!(
            toks("rose to 75.62.\nThe"),
            ["rose", "to", "75.62", ".", "The"]
        );
        assert_eq!(toks("the U.S...."), ["the", "U.S", "...."]);
        assert_eq!(
            sents("Ford Motor Co.\nIt rose."),
            ["Ford Motor Co .", "It rose ."]
        );
    }

    #[test]
    fn penn_style_tokens() {
        assert_eq!(
            toks("Iran's drones don't fly."),
            ["Iran", "'s", "drones", "do", "n't", "fly", "."]
        );
        assert_eq!(
            toks("“We won’t,” he said."),
            ["“", "We", "wo", "n’t", ",", "”", "he", "said", "."]
        );
        assert_eq!(
            toks("$1,200.50 (3.5%)"),
            ["$", "1,200.50", "(", "3.5", "%", ")"]
        );
        assert_eq!(
            toks("long-range U.S. jets"),
            ["long", "-", "range", "U.S.", "jets"]
        );
        assert_eq!(
            toks("Mr. O'Brien at 10:30..."),
            ["Mr.", "O'Brien", "at", "10:30", "..."]
        );
        assert_eq!(toks("AT&T"), ["AT&T"]);
    }

    #[test]
    fn sentences_split_on_final_punctuation_and_newlines() {
        assert_eq!(
            sents("Putin spoke. Iran said “no.” Then Mr. Smith left\nNew line"),
            [
                "Putin spoke .",
                "Iran said “ no . ”",
                "Then Mr. Smith left",
                "New line"
            ]
        );
        assert_eq!(sents("It cost 3.5 m. but"), ["It cost 3.5 m . but"]);
    }

    #[test]
    fn offsets_are_exact_on_any_script() {
        for text in [
            "Café “naïve” 東京タワー 😀👍🏽 done.\r\nNext 👨‍👩‍👧 line",
            "\u{202e}evil\u{200b}zero ﬁ",
            "",
            "   ",
            "'''",
        ] {
            let t = Tokens::new(text);
            let mut last = 0;
            for r in &t.tokens {
                assert!(r.start >= last && r.start < r.end, "{text:?}: {r:?}");
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                assert!(text[last..r.start].chars().all(char::is_whitespace));
                last = r.end;
            }
            assert!(text[last..].chars().all(char::is_whitespace));
            let covered: usize = t.sentences.iter().map(|s| s.len()).sum();
            assert_eq!(covered, t.tokens.len());
        }
    }

    #[test]
    fn crlf_ends_a_sentence() {
        assert_eq!(sents("one two\r\nthree"), ["one two", "three"]);
    }
}

#[cfg(test)]
mod regression {
    use super::*;

    #[test]
    fn closing_quote_after_word() {
        for text in [
            "“sound - alike” performers",
            "alike”",
            "a’”",
            "n’”",
            "don’",
            "don’t",
            "x'’",
            "I'",
        ] {
            let t = Tokens::new(text);
            assert!(!t.is_empty(), "{text:?}");
        }
    }
}

#[cfg(test)]
mod property {
    use super::*;
    use crate::testgen::{self, Rng};

    /// Seeded random texts (see `testgen`): tokenising never panics, tokens
    /// are in order, non-empty, non-overlapping and on char boundaries,
    /// hold no whitespace at their ends, and sentences partition the tokens.
    #[test]
    fn tokens_keep_their_promises() {
        let mut rng = Rng::new(0x7011_e45e);
        let mut reused = Tokens::default();
        for round in 0..1000 {
            let n = 1 + rng.below(80);
            let text = testgen::text(&mut rng, n);
            let t = Tokens::new(&text);
            let mut end = 0;
            for r in &t.tokens {
                assert!(
                    r.start >= end && r.start < r.end && r.end <= text.len(),
                    "round {round}: {r:?} in {text:?}"
                );
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                let tok = &text[r.clone()];
                assert!(
                    !tok.starts_with(char::is_whitespace) && !tok.ends_with(char::is_whitespace),
                    "round {round}: {tok:?}"
                );
                end = r.end;
            }
            let mut next = 0;
            for s in &t.sentences {
                assert!(
                    s.start == next && s.start < s.end,
                    "round {round}: sentences {:?}",
                    t.sentences
                );
                next = s.end;
            }
            assert_eq!(
                next,
                t.tokens.len(),
                "round {round}: sentences cover the tokens"
            );
            // Refilling a used value gives the same result as a fresh one.
            reused.fill(&text);
            assert_eq!(
                (&reused.tokens, &reused.sentences),
                (&t.tokens, &t.sentences)
            );
        }
    }
}
