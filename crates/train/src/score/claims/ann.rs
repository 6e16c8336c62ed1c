//! Tokens and brat `.ann` parsing, as `score_claims.py` does them
//! (`tokenize`, `TokenIndex`, `read_ann`).

use std::collections::{BTreeSet, HashMap};

use super::Role;
use crate::score::pychar;

/// A set of token indices, sorted and without repeats (the script's frozenset).
pub(super) type TokSet = Vec<u32>;

/// Tokenises like the script's `\w+|[^\w\s]` (Python `re`, Unicode):
/// `(start, end, is_word)` in code points, end exclusive. A run of word
/// characters is one token; any other non-space character is a token alone.
pub fn tokenize(text: &str) -> Vec<(usize, usize, bool)> {
    let chars: Vec<char> = text.chars().collect();
    tokenize_chars(&chars)
}

fn tokenize_chars(chars: &[char]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if pychar::is_word(c) {
            let start = i;
            while i < chars.len() && pychar::is_word(chars[i]) {
                i += 1;
            }
            out.push((start, i, true));
        } else {
            if !pychar::is_space(c) {
                out.push((i, i + 1, false));
            }
            i += 1;
        }
    }
    out
}

/// Maps characters of one text to its tokens.
pub(super) struct TokenIndex {
    is_word: Vec<bool>,
    /// Token of each character; `u32::MAX` for whitespace.
    char2tok: Vec<u32>,
}

impl TokenIndex {
    pub(super) fn new(text: &str) -> TokenIndex {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize_chars(&chars);
        let mut char2tok = vec![u32::MAX; chars.len()];
        for (t, &(s, e, _)) in toks.iter().enumerate() {
            // A text has fewer than 2^32 tokens; saturating keeps this total.
            let t = u32::try_from(t).unwrap_or(u32::MAX - 1);
            char2tok[s..e].fill(t);
        }
        TokenIndex {
            is_word: toks.iter().map(|t| t.2).collect(),
            char2tok,
        }
    }

    /// Word tokens touched by the fragments; if none, the punctuation tokens
    /// touched (so that a cue such as ':' still counts).
    pub(super) fn tokens(&self, frags: &[(usize, usize)]) -> TokSet {
        let mut all: TokSet = Vec::new();
        for &(s, e) in frags {
            // Characters past the text belong to no token.
            let e = e.min(self.char2tok.len());
            if s < e {
                all.extend(self.char2tok[s..e].iter().filter(|&&t| t != u32::MAX));
            }
        }
        all.sort_unstable();
        all.dedup();
        let words: TokSet = all
            .iter()
            .copied()
            .filter(|&t| self.is_word[t as usize])
            .collect();
        if words.is_empty() {
            all
        } else {
            words
        }
    }
}

/// One attribution (an `E` line): the tokens of each role, possibly empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Relation {
    pub(super) roles: [TokSet; 3],
}

impl Relation {
    pub(super) fn get(&self, role: Role) -> &TokSet {
        &self.roles[role as usize]
    }
}

/// What one `.ann` file contributes to scoring.
#[derive(Debug, Default)]
pub(super) struct Ann {
    /// Distinct non-empty token sets of the `T` spans labelled with each role.
    pub(super) role_spans: [BTreeSet<TokSet>; 3],
    /// Relations with a cue or a content, in file order.
    pub(super) relations: Vec<Relation>,
}

/// The script's `read_ann`. `ann` must already have Python's newline
/// translation; lines that are neither `T` nor `E` lines are skipped.
pub(super) fn parse(ann: &str, index: &TokenIndex) -> Ann {
    // A later T line with the same id replaces the earlier one (a dict).
    let mut spans: HashMap<&str, (&str, TokSet)> = HashMap::new();
    let mut events: Vec<[Vec<&str>; 3]> = Vec::new();
    for line in ann.split('\n') {
        if let Some(t) = parse_t_line(line) {
            spans.insert(t.id, (t.label, index.tokens(&t.frags)));
        } else if let Some(args) = parse_e_line(line) {
            events.push(args);
        }
    }
    let mut out = Ann::default();
    for (label, toks) in spans.values() {
        if let Some(role) = Role::from_name(label) {
            if !toks.is_empty() {
                out.role_spans[role as usize].insert(toks.clone());
            }
        }
    }
    for args in events {
        // Referenced spans count whatever their own label; unknown ids are skipped.
        let roles = args.map(|ids| {
            let mut toks: TokSet = ids
                .iter()
                .filter_map(|id| spans.get(id))
                .flat_map(|(_, t)| t.iter().copied())
                .collect();
            toks.sort_unstable();
            toks.dedup();
            toks
        });
        let rel = Relation { roles };
        if !rel.get(Role::Cue).is_empty() || !rel.get(Role::Content).is_empty() {
            out.relations.push(rel);
        }
    }
    out
}

/// Splits `s` after a non-empty run of Python `\d` characters.
fn strip_digits(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| pychar::decimal_value(c).is_none())
        .map_or(s.len(), |(i, _)| i);
    (end > 0).then(|| s.split_at(end))
}

/// A span line: `T<n>\t<Label> <start> <end>[;<start> <end>...]\t<text>`.
#[derive(Debug, PartialEq)]
struct TLine<'a> {
    id: &'a str,
    label: &'a str,
    /// Character ranges, end exclusive; their union is the span.
    frags: Vec<(usize, usize)>,
}

/// `^(T\d+)\t(\S+) ([\d ;]+?)(\t|$)`. Each `;`-separated fragment with
/// exactly two numbers is kept, others are ignored.
fn parse_t_line(line: &str) -> Option<TLine<'_>> {
    let (_, rest) = strip_digits(line.strip_prefix('T')?)?;
    let id = &line[..line.len() - rest.len()];
    let rest = rest.strip_prefix('\t')?;
    let label_end = rest.find(pychar::is_space).unwrap_or(rest.len());
    if label_end == 0 {
        return None;
    }
    let (label, rest) = rest.split_at(label_end);
    let rest = rest.strip_prefix(' ')?;
    // The lazy group ends at the first tab (or the end) and may hold only
    // digits, spaces and ';'.
    let offsets = &rest[..rest.find('\t').unwrap_or(rest.len())];
    let in_class = |c: char| c == ' ' || c == ';' || pychar::decimal_value(c).is_some();
    if offsets.is_empty() || !offsets.chars().all(in_class) {
        return None;
    }
    let frags = offsets
        .split(';')
        .filter_map(|frag| {
            match frag
                .split(' ')
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()[..]
            {
                [s, e] => Some((pychar::parse_decimal(s)?, pychar::parse_decimal(e)?)),
                _ => None,
            }
        })
        .collect();
    Some(TLine { id, label, frags })
}

/// `^E\d+\t` lines → the T ids of each role. Keys are `Role` or `Role<digits>`
/// (`Content2`); other keys (`Attribution`, …) and parts without ':' are ignored.
fn parse_e_line(line: &str) -> Option<[Vec<&str>; 3]> {
    let (_, rest) = strip_digits(line.strip_prefix('E')?)?;
    let rest = rest.strip_prefix('\t')?;
    let mut args: [Vec<&str>; 3] = Default::default();
    for part in pychar::split_whitespace(rest) {
        let Some((key, id)) = part.split_once(':') else {
            continue;
        };
        let key = key.trim_end_matches(|c| pychar::decimal_value(c).is_some());
        if let Some(role) = Role::from_name(key) {
            args[role as usize].push(id);
        }
    }
    Some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenize_like_python_regex() {
        // Combining acute (U+0301) is not \w in Python: "e\u{301}" is a word then a punctuation token.
        let toks = tokenize("Zoë's  \"re\u{301}sumé\" 中文2_x ½!");
        assert_eq!(
            toks,
            [
                (0, 3, true),
                (3, 4, false),
                (4, 5, true),
                (7, 8, false),
                (8, 10, true),
                (10, 11, false),
                (11, 15, true),
                (15, 16, false),
                (17, 22, true),
                (23, 24, true),
                (24, 25, false),
            ]
        );
    }

    #[test]
    fn punctuation_ignored_unless_span_is_only_punctuation() {
        let idx = TokenIndex::new("Trump: \"We win.\"");
        // Whole quote: the words only.
        assert_eq!(idx.tokens(&[(7, 16)]), vec![3, 4]);
        // The ':' cue alone keeps its punctuation token.
        assert_eq!(idx.tokens(&[(5, 6)]), vec![1]);
        // Partial overlap touches a token; out-of-range ends are harmless.
        assert_eq!(idx.tokens(&[(1, 2), (15, 99)]), vec![0]);
        assert!(idx.tokens(&[(6, 7), (50, 60), (3, 2)]).is_empty());
    }

    #[test]
    fn t_lines_follow_the_script_regex() {
        let t = parse_t_line("T3\tContent 10 20;25 40\tsome text").unwrap();
        assert_eq!((t.id, t.label), ("T3", "Content"));
        assert_eq!(t.frags, vec![(10, 20), (25, 40)]);
        // Unicode digits are \d and int() reads them.
        assert_eq!(parse_t_line("T1\tCue ١ ٣").unwrap().frags, vec![(1, 3)]);
        // Fragments without exactly two numbers are ignored, the line is not.
        assert_eq!(
            parse_t_line("T1\tCue 1 2 3;4 5").unwrap().frags,
            vec![(4, 5)]
        );
        for bad in [
            "T\tCue 1 2",
            "T1 Cue 1 2",
            "T1\tCue ",
            "T1\tCue 1 2x\tq",
            "T1\t 1 2",
            "A1\tCue 1 2",
        ] {
            assert!(parse_t_line(bad).is_none(), "{bad:?}");
        }
        // A group of only spaces or ';' matches and yields no fragment.
        assert_eq!(parse_t_line("T1\tCue ;\tx").unwrap().frags, vec![]);
        assert_eq!(parse_t_line("T1\tCue  ").unwrap().frags, vec![]);
    }

    #[test]
    fn e_lines_merge_numbered_roles() {
        let args = parse_e_line("E1\tAttribution:T4 Content:T3 Content2:T5 Cue:T2 junk Source:T1")
            .unwrap();
        assert_eq!(args, [vec!["T2"], vec!["T1"], vec!["T3", "T5"]]);
        assert!(parse_e_line("E1 Cue:T2").is_none());
        assert!(parse_e_line("R1\tCue:T2").is_none());
    }

    #[test]
    fn parse_builds_roles_and_relations() {
        let text = "Officials said: \"the deal is done\" on Monday.";
        let idx = TokenIndex::new(text);
        let ann = "T1\tSource 0 9\tOfficials\n\
                   T2\tCue 10 14\tsaid\n\
                   T3\tContent 16 34\t\"the deal is done\"\n\
                   T9\tCue 10 14\tsaid\n\
                   E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n\
                   E2\tAttribution:T5 Source:T1\n\
                   E3\tAttribution:T6 Cue:T7 Content:T3\n\
                   T7\tCue 14 15\t:\n\
                   not a line";
        let a = parse(ann, &TokenIndex::new(text));
        // T2 and T9 have the same tokens: one distinct cue span, plus the ':' cue.
        assert_eq!(a.role_spans[Role::Cue as usize].len(), 2);
        // E2 has neither cue nor content and is dropped.
        assert_eq!(a.relations.len(), 2);
        assert_eq!(a.relations[0].get(Role::Content), &idx.tokens(&[(16, 34)]));
        assert_eq!(a.relations[1].get(Role::Cue), &vec![2]);
        assert!(a.relations[1].get(Role::Source).is_empty());
    }
}
