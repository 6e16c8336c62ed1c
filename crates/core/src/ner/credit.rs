//! Credit lines, after decoding: an article copied from the web often
//! opens or ends with a line naming the outlet it came from ("Source »
//! timesofisrael", "Source: Reuters", "Via AP"). That outlet is an
//! organisation, but the tagger leaves it when its name is a bare site
//! name: OntoNotes has few such lines, and leaves their site names
//! untagged ("Source: mitbbs.com BBS").
//!
//! Narrow on purpose: the line must start with the credit word, a
//! separator must follow it ("Via" alone may go without), and the name
//! must be one to four tokens, capitalised after the first, ending the
//! line or followed by a comma, a bracket or a link. A name the tagger already labelled keeps its label.
//! On OntoNotes dev it changes nothing (`cargo xtask eval ner`): its six
//! "Source: Telerate Systems Inc." lines are found by the tagger.

use crate::annotation::Entity;
use crate::annotation::Label;
use crate::tokenize::Tokens;

/// The most tokens an outlet's name may have.
const MAX_NAME: usize = 4;

/// Adds an organisation for the outlet each credit line of `text` names;
/// `entities` stays in text order.
pub fn complete(text: &str, tokens: &Tokens, entities: &mut Vec<Entity>) {
    let words = &tokens.tokens;
    let word = |j: usize| words.get(j).and_then(|r| text.get(r.clone())).unwrap_or("");
    let mut found = Vec::new();
    for (j, r) in words.iter().enumerate() {
        let credit = word(j);
        let needs_separator = match credit.to_lowercase().as_str() {
            "source" | "sources" | "credit" | "courtesy" => true,
            "via" => false,
            _ => continue,
        };
        if !starts_line(text, r.start) {
            continue;
        }
        let mut k = j + 1;
        while k < words.len()
            && same_line(text, words[k - 1].end, words[k].start)
            && is_separator(word(k))
        {
            k += 1;
        }
        if (needs_separator && k == j + 1)
            || k == words.len()
            || !same_line(text, words[k - 1].end, words[k].start)
        {
            continue;
        }
        let first = k;
        while k < words.len()
            && k - first <= MAX_NAME
            && (k == first || same_line(text, words[k - 1].end, words[k].start))
            && !ends_name(word(k))
        {
            k += 1;
        }
        // A full stop ending the line is not part of the name.
        let mut last = k;
        if last > first + 1 && word(last - 1) == "." {
            last -= 1;
        }
        let stopped = k == words.len()
            || ends_name(word(k))
            || !same_line(text, words[k - 1].end, words[k].start);
        let name = words[first].start..words[last - 1].end;
        // After its first word (a site name may be lowercase), a name's
        // words are capitalised: "Via Appia is a road" names no outlet.
        let name_like = (first + 1..last).all(|m| !word(m).starts_with(char::is_lowercase));
        if !stopped
            || !name_like
            || last - first > MAX_NAME
            || !text[name.clone()].chars().any(char::is_alphabetic)
        {
            continue;
        }
        let at = entities.partition_point(|e| e.range.end <= name.start);
        let covered = entities.get(at).is_some_and(|e| e.range.start < name.end);
        if !covered {
            found.push(Entity {
                range: name,
                label: Label::Org,
            });
        }
    }
    if !found.is_empty() {
        entities.extend(found);
        entities.sort_by_key(|e| e.range.start);
    }
}

/// Whether only spaces or a bullet stand between the line's start and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    let line = text[..at].rsplit('\n').next().unwrap_or("");
    line.chars()
        .all(|c| c.is_whitespace() || matches!(c, '*' | '-' | '•' | '·' | '—' | '–'))
}

/// Whether no line break lies between byte offsets `from` and `to`.
fn same_line(text: &str, from: usize, to: usize) -> bool {
    !text.get(from..to).is_some_and(|gap| gap.contains('\n'))
}

fn is_separator(word: &str) -> bool {
    matches!(
        word,
        ":" | "»" | ">" | ">>" | "|" | "-" | "–" | "—" | "/" | "·"
    )
}

/// Whether `word` ends an outlet's name: what follows it is not the name.
fn ends_name(word: &str) -> bool {
    matches!(word, "," | ";" | "(" | "[" | "|") || word.starts_with("http")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets(text: &str, mut entities: Vec<Entity>) -> Vec<(&str, Label)> {
        let tokens = Tokens::new(text);
        complete(text, &tokens, &mut entities);
        entities
            .iter()
            .map(|e| (&text[e.range.clone()], e.label))
            .collect()
    }

    #[test]
    fn the_outlet_a_credit_line_names_is_an_organisation() {
        let text = "Iran denied it.\nSource » timesofisrael";
        assert_eq!(outlets(text, vec![]), [("timesofisrael", Label::Org)]);
        let text = "Iran denied it.\n* Source: mitbbs.com BBS, http://mitbbs.com [FROM: 1.]";
        assert_eq!(outlets(text, vec![]), [("mitbbs.com BBS", Label::Org)]);
        assert_eq!(outlets("Via AP.\nIt rained.", vec![]), [("AP", Label::Org)]);
    }

    #[test]
    fn a_name_the_tagger_labelled_keeps_its_label() {
        let text = "Source: Telerate Systems Inc.";
        let start = text.find("Telerate").unwrap();
        let tagged = Entity {
            range: start..text.len(),
            label: Label::Person,
        };
        assert_eq!(
            outlets(text, vec![tagged]),
            [("Telerate Systems Inc.", Label::Person)]
        );
    }

    #[test]
    fn sources_inside_sentences_are_not_credit_lines() {
        for text in [
            "The source: reuters",
            "Sources say the deal is off and will not be revived soon",
            "Source: the ministry of defence said on Monday that it would act",
            "Sources close to the talks",
            "Source »\ntimesofisrael",
            "Source:",
            "Via Appia is a road",
        ] {
            assert_eq!(outlets(text, vec![]), [], "{text}");
        }
    }
}
