//! Source linking: which entity a pronoun or role source stands for.
//!
//! "he said" is only useful once we know who "he" is. The rules, in order:
//! - a source that contains a person ("Russian President Vladimir Putin")
//!   is that person; one that ends with an organisation, place or group
//!   not after a preposition ("the Kremlin", "US news website Axios", but
//!   not "the embassy in London") is that entity;
//! - an indefinite source ("a Guard general") is someone new: no link;
//! - a personal pronoun is the nearest compatible entity before it: a
//!   person for "he"/"she", a person or group for "they", an organisation
//!   or place for "it";
//! - a relative pronoun is the entity it attaches to: "Donald Trump, who"
//!   (and "…, but who" after it), "the AP, which"; failing one, "who" is
//!   the nearest person or organisation;
//! - a coordination ("Moscow and Tehran") is not one entity: no link;
//! - a role ("the spokesman", "the head of the Guards") is the person named
//!   in apposition right next to it ("the spokesman, Dmitry Peskov,"), else,
//!   when it is a role in an organisation ("the head of the Guards", "the
//!   leader of Hamas"), that organisation, else the person mentioned most
//!   recently; an institution ("the ministry") is the organisation
//!   mentioned most recently.
//!
//! Entities inside the claim's own content are never the source, and the
//! search looks back at most [`LOOKBACK`] sentences.

use std::ops::Range;

use crate::annotation::Label;
use crate::annotation::{Claim, Entity};
use crate::tokenize::Tokens;

/// How many sentences before the source a referent may be.
pub const LOOKBACK: usize = 4;

const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "head",
    "chief",
    "official",
    "leader",
    "director",
    "secretary",
    "senator",
    "governor",
    "candidate",
    "nominee",
    "aide",
    "adviser",
    "advisor",
    "ambassador",
    "general",
    "commander",
    "chairman",
    "chairwoman",
    "chair",
    "mayor",
    "representative",
    "envoy",
    "analyst",
    "expert",
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "professor",
    "founder",
    "executive",
    "ceo",
    "manager",
    "strategist",
    "pollster",
    "congressman",
    "congresswoman",
    "lawmaker",
    "speaker",
    "businessman",
    "billionaire",
    "frontrunner",
    "front-runner",
    "rival",
    "opponent",
    "challenger",
    "campaigner",
    "man",
    "woman",
];

const ORG_ROLES: &[&str] = &[
    "ministry",
    "company",
    "agency",
    "government",
    "department",
    "campaign",
    "committee",
    "group",
    "party",
    "administration",
    "office",
    "council",
    "firm",
    "organization",
    "organisation",
    "newspaper",
    "network",
    "station",
    "court",
    "army",
    "military",
    "regime",
    "embassy",
    "union",
    "coalition",
    "institute",
    "bank",
];

/// Words that put the name after them outside the head of the phrase.
const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "from", "for", "to", "on", "with", "by", "near", "inside", "within",
];

/// Whether only punctuation or a possessive lies between `entity` and `end`.
fn ends_phrase(text: &str, entity: &Range<usize>, end: usize) -> bool {
    text.get(entity.end..end).is_some_and(|rest| {
        let rest = rest.trim_start_matches(['’', '\'']).trim_start_matches('s');
        rest.chars().all(|c| !c.is_alphanumeric())
    })
}

fn linkable(l: Label) -> bool {
    matches!(l, Label::Person | Label::Org | Label::Gpe | Label::Norp)
}

/// Sets `source_entity` on each claim whose source can be linked.
pub fn sources(text: &str, tokens: &Tokens, entities: &[Entity], claims: &mut [Claim]) {
    for c in claims.iter_mut() {
        c.source_entity = link(text, tokens, entities, c);
    }
}

fn link(text: &str, tokens: &Tokens, entities: &[Entity], c: &Claim) -> Option<Range<usize>> {
    let (first, last) = (c.source.first()?, c.source.last()?);
    let src = first.start..last.end.max(first.start);
    let inside: Vec<&Entity> = entities
        .iter()
        .filter(|e| linkable(e.label) && src.start <= e.range.start && e.range.end <= src.end)
        .collect();
    if let Some(p) = inside.iter().rev().find(|e| e.label == Label::Person) {
        return Some(p.range.clone());
    }
    let words: Vec<String> = c
        .source
        .iter()
        .flat_map(|r| {
            text.get(r.clone())
                .unwrap_or("")
                .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
        })
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str]| {
        words
            .iter()
            .any(|w| list.contains(&w.as_str()) || list.contains(&w.trim_end_matches('s')))
    };
    let person_role = has(PERSON_ROLES);
    // "Moscow and Tehran" is two sources: no single entity stands for it.
    if words.iter().any(|w| w == "and" || w == "or") {
        return None;
    }
    // The head of an English noun phrase comes last: "US news website
    // Axios" is Axios, but "Iranian state TV" is not "Iranian", and "the
    // embassy in London" is not London.
    if let Some(last) = inside.last() {
        let ahead = text.get(src.start..last.range.start).unwrap_or("");
        let after_preposition = ahead
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()));
        if !person_role && !after_preposition && ends_phrase(text, &last.range, src.end) {
            return Some(last.range.clone());
        }
    }
    // Candidates before the source, nearest first, not inside the content,
    // within the lookback.
    let sent = tokens.sentences.iter().position(|s| {
        tokens
            .tokens
            .get(s.end.saturating_sub(1))
            .is_some_and(|t| t.end > src.start)
    });
    let floor = sent
        .and_then(|s| tokens.sentences.get(s.saturating_sub(LOOKBACK)))
        .and_then(|s| tokens.tokens.get(s.start))
        .map_or(0, |t| t.start);
    let in_content = |e: &Entity| {
        c.content
            .iter()
            .any(|r| r.start <= e.range.start && e.range.end <= r.end)
    };
    let before = |ok: &dyn Fn(Label) -> bool| -> Option<Range<usize>> {
        entities
            .iter()
            .rev()
            .filter(|e| {
                e.range.end <= src.start && e.range.start >= floor && ok(e.label) && !in_content(e)
            })
            .map(|e| e.range.clone())
            .next()
    };
    if words.len() == 1 {
        match words[0].as_str() {
            "he" | "she" | "him" | "her" => return before(&|l| l == Label::Person),
            "they" | "them" => {
                return before(&|l| {
                    matches!(l, Label::Person | Label::Org | Label::Norp | Label::Gpe)
                })
            }
            "it" => return before(&|l| matches!(l, Label::Org | Label::Gpe)),
            // The antecedent of a relative pronoun is right before it.
            "who" => {
                let ok = |l| matches!(l, Label::Person | Label::Org | Label::Norp);
                return antecedent(text, tokens, entities, "who", src.start, &ok)
                    .or_else(|| before(&|l| matches!(l, Label::Person | Label::Org)));
            }
            // "brain cancer, which confirmed": no entity right before, no link.
            "which" => {
                let ok = |l| matches!(l, Label::Org | Label::Gpe | Label::Norp);
                return antecedent(text, tokens, entities, "which", src.start, &ok);
            }
            _ => {}
        }
    }
    // "a Guard general" introduces someone new.
    if matches!(
        words.first().map(String::as_str),
        Some("a" | "an" | "one" | "some" | "another")
    ) {
        return None;
    }
    if person_role {
        // Apposition: "the spokesman, Dmitry Peskov," or "Peskov, the spokesman".
        let gap_ok = |a: usize, b: usize| {
            text.get(a..b)
                .is_some_and(|g| g.chars().all(|ch| ch.is_whitespace() || ch == ','))
        };
        let appos = entities.iter().find(|e| {
            e.label == Label::Person
                && ((e.range.start >= src.end && gap_ok(src.end, e.range.start))
                    || (e.range.end <= src.start && gap_ok(e.range.end, src.start)))
        });
        if let Some(e) = appos {
            return Some(e.range.clone());
        }
        // "the head of the Guards": a role held in an organisation, its
        // holder unnamed, stands for that organisation, not for whoever
        // was named last.
        if let Some(org) = role_of(text, entities, c, &src, floor) {
            return Some(org);
        }
        return before(&|l| l == Label::Person);
    }
    if inside.is_empty() && has(ORG_ROLES) {
        return before(&|l| matches!(l, Label::Org | Label::Gpe));
    }
    None
}

/// The entity the relative pronoun `word` at byte `at` attaches to: the
/// one that ends right before it ("Donald Trump, who"); for a second
/// relative clause ("…, who has pledged X, but who is thought Y"), the
/// first one's.
fn antecedent(
    text: &str,
    tokens: &Tokens,
    entities: &[Entity],
    word: &str,
    at: usize,
    ok: &dyn Fn(Label) -> bool,
) -> Option<Range<usize>> {
    let i = tokens.tokens.partition_point(|t| t.start < at);
    if tokens.tokens.get(i)?.start != at {
        return None;
    }
    let sentence = tokens
        .sentences
        .get(tokens.sentences.partition_point(|s| s.end <= i))
        .filter(|s| s.contains(&i))?;
    let words = tokens.tokens.get(sentence.clone())?;
    let mut at = at;
    loop {
        let before = text
            .get(..at)?
            .trim_end_matches(|ch: char| ch.is_whitespace() || ch == ',');
        let Some(rest) = [" and", " but", " or"]
            .iter()
            .find_map(|w| before.strip_suffix(w))
        else {
            return entities
                .iter()
                .find(|e| ok(e.label) && e.range.end == before.len())
                .map(|e| e.range.clone());
        };
        // Back to the same pronoun earlier in the sentence.
        let end = words.partition_point(|t| t.end <= rest.len());
        at = words[..end]
            .iter()
            .rev()
            .find(|t| {
                text.get((*t).clone())
                    .is_some_and(|w| w.eq_ignore_ascii_case(word))
            })?
            .start;
    }
}

/// For a role with an "of" ("the head of the Guards", "the leader of
/// Hamas"): the organisation it is held in, named in the source or, when
/// the source only describes it ("the Guards"), the fullest earlier
/// organisation name ending in the same word ("Revolutionary Guard").
fn role_of(
    text: &str,
    entities: &[Entity],
    c: &Claim,
    src: &Range<usize>,
    floor: usize,
) -> Option<Range<usize>> {
    let source = text.get(src.clone())?;
    // ASCII lowercasing keeps byte offsets.
    let of = src.start + source.to_ascii_lowercase().find(" of ")? + 4;
    if let Some(e) = entities
        .iter()
        .find(|e| e.range.start >= of && e.range.end <= src.end && linkable(e.label))
    {
        return (e.label == Label::Org).then(|| e.range.clone());
    }
    let singular = |w: &str| {
        let w = w.to_lowercase();
        w.strip_suffix('s').map_or(w.clone(), str::to_string)
    };
    let last_word = |r: &Range<usize>| {
        text.get(r.clone())
            .and_then(|t| {
                t.split(|ch: char| !ch.is_alphanumeric())
                    .rfind(|w| !w.is_empty())
            })
            .map(singular)
    };
    let head = last_word(&(of..src.end))?;
    let in_content = |e: &Entity| {
        c.content
            .iter()
            .any(|r| r.start <= e.range.start && e.range.end <= r.end)
    };
    entities
        .iter()
        .filter(|e| {
            e.label == Label::Org
                && e.range.start >= floor
                && e.range.end <= src.start
                && !in_content(e)
                && last_word(&e.range).as_deref() == Some(head.as_str())
        })
        // The last of the fullest: the nearest among equals.
        .max_by_key(|e| {
            text.get(e.range.clone())
                .map_or(0, |t| t.split_whitespace().count())
        })
        .map(|e| e.range.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;

    fn claim(source: Range<usize>, content: Range<usize>) -> Claim {
        Claim {
            kind: ClaimKind::Statement,
            source: vec![source],
            cue: vec![],
            content: vec![content],
            hedges: vec![],
            source_entity: None,
        }
    }

    fn span(text: &str, s: &str) -> Range<usize> {
        let a = text.find(s).unwrap();
        a..a + s.len()
    }

    #[test]
    fn pronouns_roles_and_names() {
        let text = "Dmitry Peskov spoke to Reuters. He said the talks failed. The spokesman added more. Russian President Vladimir Putin said no.";
        let ents = [
            Entity {
                range: span(text, "Dmitry Peskov"),
                label: Label::Person,
            },
            Entity {
                range: span(text, "Reuters"),
                label: Label::Org,
            },
            Entity {
                range: span(text, "Russian"),
                label: Label::Norp,
            },
            Entity {
                range: span(text, "Vladimir Putin"),
                label: Label::Person,
            },
        ];
        let tokens = Tokens::new(text);
        let mut cs = [
            claim(span(text, "He"), span(text, "the talks failed")),
            claim(span(text, "The spokesman"), span(text, "more")),
            claim(
                span(text, "Russian President Vladimir Putin"),
                span(text, "no"),
            ),
            claim(span(text, "the talks"), span(text, "more")),
        ];
        sources(text, &tokens, &ents, &mut cs);
        let got: Vec<Option<&str>> = cs
            .iter()
            .map(|c| c.source_entity.clone().map(|r| &text[r]))
            .collect();
        assert_eq!(
            got,
            [
                Some("Dmitry Peskov"),
                Some("Dmitry Peskov"),
                Some("Vladimir Putin"),
                None
            ]
        );
    }

    #[test]
    fn apposition_wins_over_recency() {
        let text =
            "Putin met Pezeshkian. The head of the Guards, Hossein Salami, said war is near.";
        let ents = [
            Entity {
                range: span(text, "Putin"),
                label: Label::Person,
            },
            Entity {
                range: span(text, "Pezeshkian"),
                label: Label::Person,
            },
            Entity {
                range: span(text, "the Guards"),
                label: Label::Org,
            },
            Entity {
                range: span(text, "Hossein Salami"),
                label: Label::Person,
            },
        ];
        let mut cs = [claim(
            span(text, "The head of the Guards"),
            span(text, "war is near"),
        )];
        sources(text, &Tokens::new(text), &ents, &mut cs);
        assert_eq!(
            cs[0].source_entity.clone().map(|r| &text[r]),
            Some("Hossein Salami")
        );
    }

    #[test]
    fn heads_coordinations_and_newcomers() {
        let text =
            "Putin spoke. Iranian state TV showed it. A Guard general blamed Russia. Moscow and Tehran denied it.";
        let ents = [
            Entity {
                range: span(text, "Putin"),
                label: Label::Person,
            },
            Entity {
                range: span(text, "Iranian"),
                label: Label::Norp,
            },
            Entity {
                range: span(text, "Guard"),
                label: Label::Org,
            },
            Entity {
                range: span(text, "Moscow"),
                label: Label::Gpe,
            },
            Entity {
                range: span(text, "Tehran"),
                label: Label::Gpe,
            },
        ];
        let mut cs = [
            claim(span(text, "Iranian state TV"), span(text, "it")),
            claim(span(text, "A Guard general"), span(text, "Russia")),
            claim(span(text, "Moscow and Tehran"), span(text, "it.")),
        ];
        sources(text, &Tokens::new(text), &ents, &mut cs);
        assert!(cs.iter().all(|c| c.source_entity.is_none()), "{cs:?}");
    }

    #[test]
    fn a_phrase_is_the_entity_at_its_head() {
        let text = "US news website Axios reported it. The embassy in London said no.";
        let ents = [
            ent(text, "US", Label::Gpe),
            ent(text, "Axios", Label::Org),
            ent(text, "London", Label::Gpe),
        ];
        let mut cs = [
            claim(span(text, "US news website Axios"), span(text, "it")),
            claim(span(text, "The embassy in London"), span(text, "no")),
        ];
        sources(text, &Tokens::new(text), &ents, &mut cs);
        assert_eq!(cs[0].source_entity, Some(span(text, "Axios")));
        assert_eq!(cs[1].source_entity, None);
    }

    fn ent(text: &str, s: &str, label: Label) -> Entity {
        Entity {
            range: span(text, s),
            label,
        }
    }

    fn nth(text: &str, s: &str, n: usize) -> Range<usize> {
        let a = text.match_indices(s).nth(n).unwrap().0;
        a..a + s.len()
    }

    #[test]
    fn relative_pronouns_take_their_antecedent() {
        let text = "Pezeshkian will meet Donald Trump, who has pledged to call Putin, but who is thought to favour Israel. Talks were hosted by the Kremlin, which said they went well. He left Boston with a report, which confirmed it.";
        let ents = [
            ent(text, "Pezeshkian", Label::Person),
            ent(text, "Donald Trump", Label::Person),
            ent(text, "Putin", Label::Person),
            ent(text, "Israel", Label::Gpe),
            ent(text, "Kremlin", Label::Org),
            ent(text, "Boston", Label::Gpe),
        ];
        let mut cs = [
            claim(nth(text, "who", 0), span(text, "to call Putin")),
            // The nearest person before the second "who" is Putin; its
            // antecedent is the first one's.
            claim(nth(text, "who", 1), span(text, "to favour Israel")),
            claim(span(text, "which"), span(text, "they went well")),
            // Not "Boston": "which" attaches to the report.
            claim(nth(text, "which", 1), span(text, "it.")),
        ];
        sources(text, &Tokens::new(text), &ents, &mut cs);
        let got: Vec<Option<&str>> = cs
            .iter()
            .map(|c| c.source_entity.clone().map(|r| &text[r]))
            .collect();
        assert_eq!(
            got,
            [
                Some("Donald Trump"),
                Some("Donald Trump"),
                Some("Kremlin"),
                None
            ]
        );
    }

    #[test]
    fn a_role_in_an_organisation_is_that_organisation() {
        let text = "Ayatollah Ali Khamenei praised the Revolutionary Guard. A Guard general blamed Russia. The head of the Guards said output rose. Yahya Sinwar spoke. The leader of Hamas said no.";
        let ents = [
            ent(text, "Ayatollah Ali Khamenei", Label::Person),
            ent(text, "Revolutionary Guard", Label::Org),
            Entity {
                range: nth(text, "Guard", 1),
                label: Label::Org,
            },
            ent(text, "Russia", Label::Gpe),
            ent(text, "Yahya Sinwar", Label::Person),
            ent(text, "Hamas", Label::Org),
        ];
        let mut cs = [
            claim(
                span(text, "The head of the Guards"),
                span(text, "output rose"),
            ),
            claim(span(text, "The leader of Hamas"), span(text, "no")),
            claim(span(text, "A Guard general"), span(text, "Russia")),
        ];
        sources(text, &Tokens::new(text), &ents, &mut cs);
        let got: Vec<Option<&str>> = cs
            .iter()
            .map(|c| c.source_entity.clone().map(|r| &text[r]))
            .collect();
        // The fullest name of the Guards, not the person named last.
        assert_eq!(got, [Some("Revolutionary Guard"), Some("Hamas"), None]);
    }
}
