//! Summaries of an annotation for the side panel and the legend: counts per
//! label, entities grouped by surface string, claims as readable cards.

use std::collections::HashMap;
use std::ops::Range;

use sift_core::{Annotation, ClaimKind, Label};

/// How many entities carry each label, indexed by [`Label::index`].
pub fn label_counts(annotation: &Annotation) -> [usize; Label::ALL.len()] {
    let mut counts = [0; Label::ALL.len()];
    for e in &annotation.entities {
        counts[e.label.index()] += 1;
    }
    counts
}

/// One surface string of one label and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The entity text, e.g. "Moscow".
    pub surface: String,
    /// Indices into `Annotation::entities`, in text order.
    pub entities: Vec<usize>,
}

/// All the entities of one label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LabelGroup {
    /// The label.
    pub label: Label,
    /// Unique surface strings, most mentioned first, then alphabetically.
    pub mentions: Vec<Mention>,
}

/// Groups entities by label (in [`Label::ALL`] order, empty labels left
/// out) and, within a label, by surface string.
pub fn entity_groups(text: &str, annotation: &Annotation) -> Vec<LabelGroup> {
    let mut by_label: Vec<Vec<Mention>> = vec![Vec::new(); Label::ALL.len()];
    let mut seen: HashMap<(Label, &str), usize> = HashMap::new();
    for (i, e) in annotation.entities.iter().enumerate() {
        let Some(surface) = text.get(e.range.clone()) else {
            continue;
        };
        if surface.is_empty() {
            continue;
        }
        let list = &mut by_label[e.label.index()];
        match seen.get(&(e.label, surface)) {
            Some(&k) => list[k].entities.push(i),
            None => {
                seen.insert((e.label, surface), list.len());
                list.push(Mention {
                    surface: surface.to_string(),
                    entities: vec![i],
                });
            }
        }
    }
    Label::ALL
        .iter()
        .zip(by_label)
        .filter(|(_, m)| !m.is_empty())
        .map(|(&label, mut mentions)| {
            mentions.sort_by(|a, b| {
                b.entities
                    .len()
                    .cmp(&a.entities.len())
                    .then_with(|| a.surface.cmp(&b.surface))
            });
            LabelGroup { label, mentions }
        })
        .collect()
}

/// A claim spelled out for a card: "source → cue → content".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimCard {
    /// Index into `Annotation::claims`.
    pub index: usize,
    /// The kind, e.g. denial.
    pub kind: ClaimKind,
    /// The source's text; empty when the claim has no source.
    pub source: String,
    /// The entity the source refers to ("he" → "Vladimir Putin"), when the
    /// core linked one and it reads differently from the source.
    pub source_entity: Option<String>,
    /// The cue's text.
    pub cue: String,
    /// The content's text; empty when there is none.
    pub content: String,
    /// Each hedge's text.
    pub hedges: Vec<String>,
}

/// Joins the pieces of a possibly discontinuous part with " … ".
fn part_text(text: &str, ranges: &[Range<usize>]) -> String {
    ranges
        .iter()
        .filter_map(|r| text.get(r.clone()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// The cards for every claim, in text order.
pub fn claim_cards(text: &str, annotation: &Annotation) -> Vec<ClaimCard> {
    annotation
        .claims
        .iter()
        .enumerate()
        .map(|(index, c)| {
            let source = part_text(text, &c.source);
            let source_entity = c
                .source_entity
                .as_ref()
                .and_then(|r| text.get(r.clone()))
                .map(str::trim)
                .filter(|e| !e.is_empty() && *e != source)
                .map(str::to_string);
            ClaimCard {
                index,
                kind: c.kind,
                source,
                source_entity,
                cue: part_text(text, &c.cue),
                content: part_text(text, &c.content),
                hedges: c
                    .hedges
                    .iter()
                    .map(|r| part_text(text, std::slice::from_ref(r)))
                    .filter(|s| !s.is_empty())
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
// Claim parts are lists of ranges; a list of one range is what we mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use sift_core::{Claim, Entity};

    fn sample() -> (&'static str, Annotation) {
        let text = "Moscow and Tehran have denied it, Moscow said. Putin reportedly agreed.";
        let ann = Annotation {
            entities: vec![
                Entity {
                    range: 0..6,
                    label: Label::Gpe,
                },
                Entity {
                    range: 11..17,
                    label: Label::Gpe,
                },
                Entity {
                    range: 34..40,
                    label: Label::Gpe,
                },
                Entity {
                    range: 47..52,
                    label: Label::Person,
                },
                Entity {
                    range: 200..300,
                    label: Label::Org,
                },
            ],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![0..17],
                cue: vec![23..29],
                content: vec![30..32, 999..1000],
                hedges: vec![53..63],
                source_entity: Some(0..6),
            }],
        };
        (text, ann)
    }

    #[test]
    fn counts_per_label() {
        let (_, ann) = sample();
        let c = label_counts(&ann);
        assert_eq!(c[Label::Gpe.index()], 3);
        assert_eq!(c[Label::Person.index()], 1);
        assert_eq!(c[Label::Org.index()], 1);
        assert_eq!(c.iter().sum::<usize>(), 5);
    }

    #[test]
    fn groups_by_label_then_surface() {
        let (text, ann) = sample();
        let groups = entity_groups(text, &ann);
        assert_eq!(groups.len(), 2, "the out-of-range ORG is skipped");
        assert_eq!(groups[0].label, Label::Person);
        assert_eq!(groups[1].label, Label::Gpe);
        assert_eq!(
            groups[1].mentions,
            vec![
                Mention {
                    surface: "Moscow".into(),
                    entities: vec![0, 2]
                },
                Mention {
                    surface: "Tehran".into(),
                    entities: vec![1]
                },
            ]
        );
    }

    #[test]
    fn cards_spell_out_claims() {
        let (text, ann) = sample();
        let cards = claim_cards(text, &ann);
        assert_eq!(
            cards,
            vec![ClaimCard {
                index: 0,
                kind: ClaimKind::Denial,
                source: "Moscow and Tehran".into(),
                source_entity: Some("Moscow".into()),
                cue: "denied".into(),
                content: "it".into(),
                hedges: vec!["reportedly".into()],
            }]
        );
    }
}
