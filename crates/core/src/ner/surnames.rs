//! Document consistency for people, after decoding: a word the tagger
//! found as the last word of a person's full name ("Donald Trump") names
//! that person where it stands alone later in the article ("Trump pulled
//! the United States out…"). The tagger's document memory leans that way,
//! but not always enough: it misses that "Trump" in the sample article
//! ("Trump" occurs three times in the training text, never alone).
//!
//! Narrow on purpose: the lone word must look like a name (a capital, then
//! lowercase letters), stand outside every entity, and have no capitalised
//! neighbour in its sentence, so that "Dow" in "the Dow Jones Industrial
//! Average" or "Bear" in "Big Bear" stays as the tagger left it. On
//! OntoNotes dev it adds 5 people, 4 of them right (`cargo xtask eval ner`).
//!
//! It runs in [`crate::Annotator::annotate`], after the claim taggers,
//! which were trained on what the entity tagger alone finds
//! ([`super::Model::predict`]).

use std::collections::HashSet;

use crate::annotation::Entity;
use crate::annotation::Label;
use crate::tokenize::Tokens;

/// Adds a person for each lone occurrence of a surname the tagger found
/// in a full name in `text`; `entities` stays in text order.
pub fn complete(text: &str, tokens: &Tokens, entities: &mut Vec<Entity>) {
    let surnames: HashSet<&str> = entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .filter_map(|e| {
            let name = text.get(e.range.clone())?;
            let (_, last) = name.rsplit_once(char::is_whitespace)?;
            looks_like_name(last).then_some(last)
        })
        .collect();
    if surnames.is_empty() {
        return;
    }
    let capitalised = |j: usize| {
        tokens.tokens.get(j).is_some_and(|r| {
            text.get(r.clone())
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
        })
    };
    let mut found = Vec::new();
    for sentence in &tokens.sentences {
        for j in sentence.clone() {
            let r = &tokens.tokens[j];
            if !text.get(r.clone()).is_some_and(|w| surnames.contains(w)) {
                continue;
            }
            let before = j > sentence.start && capitalised(j - 1);
            let after = j + 1 < sentence.end && capitalised(j + 1);
            // Entities are in text order and never overlap: the first one
            // ending after this token's start is the only one that can
            // cover it.
            let at = entities.partition_point(|e| e.range.end <= r.start);
            let covered = entities.get(at).is_some_and(|e| e.range.start < r.end);
            if !before && !after && !covered {
                found.push(Entity {
                    range: r.clone(),
                    label: Label::Person,
                });
            }
        }
    }
    if !found.is_empty() {
        entities.extend(found);
        entities.sort_by_key(|e| e.range.start);
    }
}

/// A capital and then at least one lowercase letter, nothing else.
fn looks_like_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && word.len() > 1 && chars.all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str, mut entities: Vec<Entity>) -> Vec<&str> {
        let tokens = Tokens::new(text);
        complete(text, &tokens, &mut entities);
        entities.iter().map(|e| &text[e.range.clone()]).collect()
    }

    fn person(text: &str, name: &str) -> Entity {
        let start = text.find(name).unwrap();
        Entity {
            range: start..start + name.len(),
            label: Label::Person,
        }
    }

    #[test]
    fn a_lone_surname_becomes_the_person() {
        let text = "Donald Trump spoke. Trump pulled out, and Trump's aides left.";
        assert_eq!(
            people(text, vec![person(text, "Donald Trump")]),
            ["Donald Trump", "Trump", "Trump"]
        );
    }

    #[test]
    fn names_inside_other_capitalised_words_are_left_alone() {
        let text = "Charles Dow wrote. The Dow Jones rose. Dow said so.";
        assert_eq!(
            people(text, vec![person(text, "Charles Dow")]),
            ["Charles Dow", "Dow"]
        );
    }

    #[test]
    fn one_word_people_and_other_labels_teach_nothing() {
        let text = "Trump spoke. Trump left. New York Times";
        let mut org = person(text, "New York Times");
        org.label = Label::Org;
        assert_eq!(
            people(text, vec![person(text, "Trump"), org]),
            ["Trump", "New York Times"]
        );
    }
}
