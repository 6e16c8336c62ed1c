//! The rule-based claim finder, Sift's first claim model and still the
//! fallback when no trained model is loaded.
//!
//! A cue lexicon ([`super::cues`]) finds the signal, then the source is read
//! leftwards from the cue (past auxiliaries and adverbs, never cutting an
//! entity in half) and the content is the clause after the cue, or, when
//! nothing follows but a date, the clause before the source ("…, the
//! Kremlin said Monday"). Hedges ([`super::hedges`]) attach to the claim
//! they sit in; a hedged sentence without a cue is a claim of its own.

use std::borrow::Cow;
use std::ops::Range;

use super::{cues, hedges};
use crate::annotation::ClaimKind;
use crate::annotation::Label;
use crate::annotation::{Claim, Entity};
use crate::tokenize::Tokens;

/// Finds the claims in `text`.
pub fn find(text: &str, tokens: &Tokens, entities: &[Entity]) -> Vec<Claim> {
    let mut out = Vec::new();
    // Entities in text order without nesting (the taggers' own) can be
    // cut to each sentence's by binary search, instead of every sentence
    // reading them all.
    let ordered = entities.iter().all(|e| e.range.start <= e.range.end)
        && entities
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start);
    for s in &tokens.sentences {
        let toks = &tokens.tokens[s.clone()];
        let near = match (ordered, toks.first(), toks.last()) {
            (true, Some(first), Some(last)) => {
                let lo = entities.partition_point(|e| e.range.end <= first.start);
                let hi = entities.partition_point(|e| e.range.start < last.end);
                &entities[lo..hi.max(lo)]
            }
            _ => entities,
        };
        Sentence::new(text, toks, near).claims(&mut out);
    }
    out
}

/// Auxiliaries and adverbs that may stand between a subject and its cue.
const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "having",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "also",
    "long",
    "already",
    "repeatedly",
    "publicly",
    "reportedly",
    "allegedly",
    "privately",
    "previously",
    "again",
    "later",
    "recently",
    "still",
    "now",
    "often",
    "strongly",
    "flatly",
    "vehemently",
    "immediately",
    "quickly",
    "never",
    "not",
    "n't",
    "do",
    "does",
    "did",
    "likely",
    "further",
    "earlier",
    "then",
    "first",
    "once",
    "always",
    "consistently",
    "openly",
    "explicitly",
];

/// Words that end a source when reading leftwards: clause openers.
const STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "as", "because", "if",
    "but", "or", "so", "after", "before", "since", "although", "though", "than", "with", "without",
    "by", "to", "for", "from", "at", "on", "under", "against", "about", "into", "said", "says",
    "told", "is", "are", "was", "were", "has", "have", "had", "will", "would",
];

/// Words that carry no content on their own after a cue ("said Monday").
const TRIVIAL: &[&str] = &[
    "on",
    "in",
    "at",
    "last",
    "this",
    "today",
    "yesterday",
    "tonight",
    "week",
    "month",
    "year",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "a",
    "the",
    "statement",
    "interview",
    "earlier",
    "later",
    "recently",
    "told",
    "reporters",
    "news",
    "conference",
    "late",
    "morning",
    "evening",
    "night",
    "afternoon",
    "again",
    "also",
    "then",
    "previously",
    "in",
    "an",
    "email",
    "tuesday's",
];

struct Sentence<'a> {
    text: &'a str,
    toks: &'a [Range<usize>],
    lower: Vec<Cow<'a, str>>,
    /// For each token, the label of the entity covering it and that
    /// entity's token range.
    entity: Vec<Option<(Label, Range<usize>)>>,
}

impl<'a> Sentence<'a> {
    fn new(text: &'a str, toks: &'a [Range<usize>], entities: &[Entity]) -> Self {
        let lower = toks
            .iter()
            .map(|r| super::cues::lower(&text[r.clone()]))
            .collect();
        let mut entity = vec![None; toks.len()];
        if let (Some(first), Some(last)) = (toks.first(), toks.last()) {
            for e in entities
                .iter()
                .filter(|e| e.range.end > first.start && e.range.start < last.end)
            {
                let a = toks.iter().position(|t| t.end > e.range.start);
                let b = toks.iter().rposition(|t| t.start < e.range.end);
                if let (Some(a), Some(b)) = (a, b) {
                    for slot in &mut entity[a..=b] {
                        *slot = Some((e.label, a..b + 1));
                    }
                }
            }
        }
        Sentence {
            text,
            toks,
            lower,
            entity,
        }
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].clone()]
    }

    fn is_punct(&self, i: usize) -> bool {
        !self.word(i).chars().any(char::is_alphanumeric)
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_time(&self, i: usize) -> bool {
        matches!(self.entity[i], Some((Label::Date | Label::Time, _)))
    }

    /// The cues of the sentence: token ranges and kinds.
    fn cues(&self) -> Vec<(Range<usize>, ClaimKind)> {
        let mut out: Vec<(Range<usize>, ClaimKind)> = Vec::new();
        let mut i = 0;
        while i < self.lower.len() {
            let phrase = cues::starts_phrase(&self.lower[i])
                .then(|| {
                    cues::PHRASES.iter().find(|(p, _)| {
                        self.lower.len() - i >= p.len()
                            && p.iter()
                                .zip(&self.lower[i..])
                                .all(|(a, b)| *a == b.as_ref())
                    })
                })
                .flatten();
            if let Some((p, k)) = phrase {
                out.push((i..i + p.len(), *k));
                i += p.len();
                continue;
            }
            let w = self.lower[i].as_ref();
            // A capitalised cue word inside a sentence is a name ("Says Corp.").
            let name = i > 0 && self.capitalised(i);
            if let Some(kind) = cues::kind_of(w).filter(|_| !name) {
                if !cues::ambiguous(w) || self.plausible_subject_before(i) {
                    // "denying claims that": the second is the object.
                    let after_cue = out.last().is_some_and(|(r, _)| r.end == i);
                    if !after_cue || !cues::ambiguous(w) {
                        out.push((i..i + 1, kind));
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// A subject-like token right before `i` (past auxiliaries): a name, a
    /// pronoun, or a plural noun.
    fn plausible_subject_before(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 && BETWEEN.contains(&self.lower[j - 1].as_ref()) {
            j -= 1;
        }
        if j == 0 {
            return false;
        }
        let w = self.lower[j - 1].as_ref();
        if matches!(
            w,
            "the"
                | "a"
                | "an"
                | "these"
                | "those"
                | "its"
                | "his"
                | "her"
                | "their"
                | "new"
                | "of"
                | "and"
                | "such"
        ) || self.is_punct(j - 1)
        {
            return false;
        }
        self.capitalised(j - 1)
            || matches!(
                w,
                "he" | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "i"
                    | "you"
                    | "officials"
                    | "sources"
                    | "experts"
                    | "analysts"
            )
    }

    /// Reads a source leftwards from token `end` (exclusive).
    fn source_before(&self, end: usize) -> Range<usize> {
        let mut j = end;
        while j > 0 && BETWEEN.contains(&self.lower[j - 1].as_ref()) && !self.capitalised(j - 1) {
            j -= 1;
        }
        let stop = j;
        // "… and denies": a second verb of the same subject, not a source.
        if stop > 0 && self.lower[stop - 1] == "and" {
            return stop..stop;
        }
        let mut start = stop;
        while start > 0 && stop - start < 10 {
            let k = start - 1;
            let w = self.lower[k].as_ref();
            let keep_punct = matches!(w, "'s" | "’s" | "-" | "." | "&");
            if (self.is_punct(k) && !keep_punct) || STOP.contains(&w) || self.is_time(k) {
                break;
            }
            if w == "and" && !(k > 0 && (self.capitalised(k - 1) || self.entity[k - 1].is_some())) {
                break;
            }
            start = k;
        }
        // Never cut an entity in half.
        if start < stop {
            if let Some((_, r)) = &self.entity[start] {
                start = start.min(r.start);
            }
        }
        while start < stop && matches!(self.lower[start].as_ref(), "and" | "-") {
            start += 1;
        }
        start..stop
    }

    /// What "who" before token `end` refers to: the name ending there, with
    /// the titles written before it ("US President-elect Donald Trump").
    fn antecedent(&self, end: usize) -> Range<usize> {
        let Some(last) = end.checked_sub(1) else {
            return end..end;
        };
        let mut start = match &self.entity[last] {
            Some((_, r)) => r.start,
            None => return self.source_before(end),
        };
        while start > 0 {
            let k = start - 1;
            let hyphen_word = k > 0 && self.lower[k - 1] == "-";
            if self.capitalised(k) || self.lower[k] == "-" || hyphen_word {
                start = k;
            } else {
                break;
            }
        }
        start..end
    }

    /// The content end: the sentence end without final punctuation, or the
    /// start of the next cue's clause.
    fn clause_end(&self, from: usize, next_cue: Option<usize>) -> usize {
        let mut end = self.lower.len();
        if let Some(n) = next_cue {
            // Cut before ", saying" / "and denies" but keep a whole clause.
            let mut k = n;
            while k > from && BETWEEN.contains(&self.lower[k - 1].as_ref()) {
                k -= 1;
            }
            if k > from && (self.lower[k - 1] == "," || self.lower[k - 1] == "and") {
                end = k - 1;
            }
        }
        while end > from && matches!(self.word(end - 1), "." | "!" | "?" | "…") {
            end -= 1;
        }
        end
    }

    fn trivial(&self, r: &Range<usize>) -> bool {
        r.clone().all(|i| {
            self.is_punct(i) || self.is_time(i) || TRIVIAL.contains(&self.lower[i].as_ref())
        })
    }

    /// The clause before token `end`: back to the sentence start or a
    /// semicolon.
    fn clause_before(&self, end: usize) -> Range<usize> {
        let mut end = end;
        while end > 0 && self.is_punct(end - 1) && !matches!(self.word(end - 1), "”" | "\"" | "’")
        {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && !matches!(self.word(start - 1), ";" | ":") {
            start -= 1;
        }
        start..end
    }

    fn claims(&self, out: &mut Vec<Claim>) {
        let cues = self.cues();
        let hedges = hedges::find(&self.lower);
        let first_claim = out.len();
        let mut last_source: Option<Range<usize>> = None;
        for (n, (cue, kind)) in cues.iter().enumerate() {
            let next_cue = cues.get(n + 1).map(|c| c.0.start);
            let (source, content) = if self.lower[cue.start] == "according" {
                self.according_to(cue)
            } else {
                self.verb_claim(cue, next_cue, &mut last_source)
            };
            if !source.is_empty() {
                last_source = Some(source.clone());
            }
            out.push(self.claim(*kind, &source, cue, &content));
        }
        if cues.is_empty() {
            if let Some(h) = hedges.first() {
                // A hedged statement with no cue is a claim without a source.
                let kind = if hedges::is_belief(&self.lower[h.start]) {
                    ClaimKind::Belief
                } else {
                    ClaimKind::Report
                };
                let all = 0..self.clause_end(0, None);
                out.push(self.claim(kind, &(0..0), h, &all));
            }
        }
        // Each hedge goes to the claim whose parts contain it, else the
        // sentence's first claim.
        for h in hedges {
            let bytes = self.toks[h.start].start..self.toks[h.end - 1].end;
            let claims = &mut out[first_claim..];
            let inside = claims.iter().position(|c| {
                c.content
                    .iter()
                    .chain(&c.cue)
                    .any(|r| r.start <= bytes.start && bytes.end <= r.end)
            });
            if let Some(c) = inside.or(if claims.is_empty() { None } else { Some(0) }) {
                claims[c].hedges.push(bytes);
            }
        }
    }

    fn according_to(&self, cue: &Range<usize>) -> (Range<usize>, Range<usize>) {
        let mut src_end = cue.end;
        if cue.start == 0 {
            // "According to X, Y."
            while src_end < self.lower.len() && self.lower[src_end] != "," {
                src_end += 1;
            }
            let content = (src_end + 1).min(self.lower.len())..self.clause_end(src_end, None);
            (cue.end..src_end, content)
        } else {
            // "Y, according to X."
            let end = self.clause_end(cue.end, None);
            (cue.end..end, self.clause_before(cue.start))
        }
    }

    fn verb_claim(
        &self,
        cue: &Range<usize>,
        next_cue: Option<usize>,
        last_source: &mut Option<Range<usize>>,
    ) -> (Range<usize>, Range<usize>) {
        let mut source = self.source_before(cue.start);
        let mut j = cue.start;
        while j > 0 && BETWEEN.contains(&self.lower[j - 1].as_ref()) {
            j -= 1;
        }
        let before = if j > 0 {
            self.lower[j - 1].as_ref()
        } else {
            ""
        };
        if source.is_empty() && matches!(before, "," | "and" | "who") {
            // "…, saying", "and denies", "who is thought": the subject is
            // an earlier claim's source, or the antecedent of "who".
            if let Some(s) = last_source.clone() {
                source = s;
            } else if before == "who" && j >= 2 {
                source = self.antecedent(if self.lower[j - 2] == "," {
                    j - 2
                } else {
                    j - 1
                });
            } else if before == "," {
                // "Iran, in turn, wants": the sentence opens with the source.
                if let Some((Label::Person | Label::Org | Label::Gpe | Label::Norp, r)) =
                    &self.entity[0]
                {
                    if r.end < self.lower.len() && self.lower[r.end] == "," {
                        source = r.clone();
                    }
                }
            }
        }
        // "…, which Moscow and Tehran have denied": source between pronoun
        // and cue, content is what the pronoun refers to.
        if !source.is_empty()
            && source.start > 0
            && matches!(self.lower[source.start - 1].as_ref(), "which" | "that")
        {
            let p = source.start - 1;
            if p > 0 && self.lower[p - 1] == "," {
                let mut start = p - 1;
                while start > 0 && !matches!(self.lower[start - 1].as_ref(), "," | ";" | ":") {
                    start -= 1;
                }
                return (source, start..p - 1);
            }
        }
        let mut after = cue.end;
        if after < self.lower.len() && self.lower[after] == "that" {
            after += 1;
        }
        let end = self.clause_end(after, next_cue);
        let content = after..end.max(after);
        if self.trivial(&content) {
            if source.is_empty() && cue.end < self.lower.len() {
                // "…, said the spokesman."
                let mut e = cue.end;
                while e < end && !self.is_punct(e) && !self.is_time(e) {
                    e += 1;
                }
                source = cue.end..e;
            }
            let before_end = if source.end <= cue.start {
                source.start.min(cue.start)
            } else {
                cue.start
            };
            return (source, self.clause_before(before_end));
        }
        (source, content)
    }

    fn claim(
        &self,
        kind: ClaimKind,
        source: &Range<usize>,
        cue: &Range<usize>,
        content: &Range<usize>,
    ) -> Claim {
        let bytes = |r: &Range<usize>| -> Vec<Range<usize>> {
            if r.is_empty() || r.end > self.toks.len() {
                Vec::new()
            } else {
                vec![self.toks[r.start].start..self.toks[r.end - 1].end]
            }
        };
        Claim {
            kind,
            source: bytes(source),
            cue: bytes(cue),
            content: bytes(content),
            hedges: Vec::new(),
            source_entity: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Model;
    use crate::pipeline::Annotator;

    fn parts(text: &str) -> Vec<(String, String, String, String, Vec<String>)> {
        let ann = Annotator::new(Model::empty()).annotate(text);
        let join = |rs: &[Range<usize>]| {
            rs.iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join(" … ")
        };
        ann.claims
            .iter()
            .map(|c| {
                (
                    c.kind.to_string(),
                    join(&c.source),
                    join(&c.cue),
                    join(&c.content),
                    c.hedges
                        .iter()
                        .map(|r| text[r.clone()].to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn accusation_with_object() {
        let p = parts("Ukraine and the West have accused Tehran of providing Moscow with drones.");
        assert_eq!(p[0].0, "accusation");
        assert_eq!(p[0].1, "Ukraine and the West");
        assert_eq!(p[0].3, "Tehran of providing Moscow with drones");
    }

    #[test]
    fn relative_clause_denial() {
        let p = parts("The Iranian drone deliveries, which Moscow and Tehran have denied, have allowed strikes.");
        assert_eq!(p[0].0, "denial");
        assert_eq!(
            (p[0].1.as_str(), p[0].2.as_str(), p[0].3.as_str()),
            (
                "Moscow and Tehran",
                "denied",
                "The Iranian drone deliveries"
            )
        );
    }

    #[test]
    fn source_after_content() {
        let p = parts("Putin will host his counterpart this week, the Kremlin said Monday.");
        assert_eq!(
            (p[0].1.as_str(), p[0].3.as_str()),
            ("the Kremlin", "Putin will host his counterpart this week")
        );
    }

    #[test]
    fn according_to() {
        let p = parts("Hundreds have been killed, according to South Korean, Ukrainian and Western intelligence.");
        assert_eq!(p[0].0, "report");
        assert_eq!(p[0].1, "South Korean, Ukrainian and Western intelligence");
        assert_eq!(p[0].3, "Hundreds have been killed");
    }

    #[test]
    fn hedges_attach_and_stand_alone() {
        let p = parts("Iran maintains that its program is peaceful and denies any intention to build weapons.");
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].0.as_str(), p[0].1.as_str(), p[0].3.as_str()),
            ("assertion", "Iran", "its program is peaceful")
        );
        assert_eq!((p[1].0.as_str(), p[1].1.as_str()), ("denial", "Iran"));
        let p = parts("The drones were reportedly built in Iran.");
        assert_eq!(
            (p[0].0.as_str(), p[0].1.as_str(), p[0].4.clone()),
            ("report", "", vec!["reportedly".to_string()])
        );
    }

    #[test]
    fn nouns_are_not_cues() {
        let p = parts("The spokesman criticized the reports.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].2, "criticized");
    }
}
