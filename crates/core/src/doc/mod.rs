//! The annotated document as an annotator works on it: the model's output,
//! the user's edits kept apart from it with their provenance, and the
//! merged [`View`] that the app shows and the formats export.
//!
//! The model's [`Annotation`] is recomputed from the text whenever it
//! changes; it is never edited. The user's work lives in a [`Layer`]:
//!
//! - *kept* entities and claims: added or changed by the user
//!   ([`Provenance::User`]) or model suggestions the user accepted
//!   ([`Provenance::Model`]); they win over the model's output;
//! - *rejected* entities and claims: model suggestions the user deleted;
//!   they stay hidden when the model proposes them again.
//!
//! [`Document::view`] merges the two: kept items, then the model's items
//! that are neither rejected nor overlapping a kept entity (nor sharing a
//! cue with a kept claim).
//!
//! Entities may *nest* (one strictly inside another, as "Paris" in "the
//! Paris Court of Appeal") but never *cross* (overlap without one
//! containing the other). Nesting comes only from edits: adding an entity
//! inside another (or around others) keeps both, accepting a model
//! suggestion it nests with. Lists of entities are sorted by start, the
//! outer one first on a shared start ([`entity_order`]). When the text changes ([`Document::set_text`]),
//! every span of the layer is re-anchored by its surface text
//! ([`anchor`]); edits whose text is gone are dropped and counted.
//!
//! Edits are methods taking the current [`View`] and an index into it, so
//! the app never has to know where an item came from. [`Session`] wraps a
//! document with an undo/redo [`History`].
//!
//! ```
//! use sift_core::doc::{Document, Provenance};
//! use sift_core::{Annotation, Entity, Label};
//! let text = "Moscow and Tehran have denied the reports.";
//! let model = Annotation { entities: vec![Entity { range: 0..6, label: Label::Gpe }], claims: vec![] };
//! let mut doc = Document::new(text);
//! let view = doc.view(&model);
//! doc.add_entity(&view, 11..17, Label::Gpe).unwrap();
//! let view = doc.view(&model);
//! assert_eq!(view.entities, vec![Provenance::Model, Provenance::User]);
//! assert_eq!(&text[view.annotation.entities[1].range.clone()], "Tehran");
//! ```

pub mod anchor;
pub mod history;
mod store;
pub mod words;

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

pub use history::History;

use crate::annotation::ClaimKind;
use crate::annotation::Label;
use crate::annotation::{Annotation, Claim, Entity};
use crate::error::Error;
use anchor::{reanchor, Shift};

/// Who made an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// The model proposed it (and the user at most accepted it).
    Model,
    /// The user added or changed it.
    User,
}

impl Provenance {
    /// `"model"` or `"user"`, as exported and as `data-source` in the DOM.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Model => "model",
            Provenance::User => "user",
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Provenance {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "model" => Ok(Provenance::Model),
            "user" => Ok(Provenance::User),
            _ => Err(format!(
                "unknown provenance {s:?} (expected \"model\" or \"user\")"
            )),
        }
    }
}

/// A part of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Who makes the claim.
    Source,
    /// The words that signal it.
    Cue,
    /// What is claimed.
    Content,
    /// Words that weaken it.
    Hedge,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 4] = [Part::Source, Part::Cue, Part::Content, Part::Hedge];

    /// The part's name: `source`, `cue`, `content`, `hedge`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Source => "source",
            Part::Cue => "cue",
            Part::Content => "content",
            Part::Hedge => "hedge",
        }
    }

    /// This part's spans in `claim`.
    pub fn of(self, claim: &Claim) -> &Vec<Range<usize>> {
        match self {
            Part::Source => &claim.source,
            Part::Cue => &claim.cue,
            Part::Content => &claim.content,
            Part::Hedge => &claim.hedges,
        }
    }

    /// This part's spans in `claim`, to change.
    pub fn of_mut(self, claim: &mut Claim) -> &mut Vec<Range<usize>> {
        match self {
            Part::Source => &mut claim.source,
            Part::Cue => &mut claim.cue,
            Part::Content => &mut claim.content,
            Part::Hedge => &mut claim.hedges,
        }
    }
}

/// An entity the user added, changed or accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEntity {
    /// The entity (byte range into the document's text).
    pub entity: Entity,
    /// Who made it.
    pub provenance: Provenance,
}

/// A claim the user added, changed or accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptClaim {
    /// The claim (byte ranges into the document's text).
    pub claim: Claim,
    /// Who made it.
    pub provenance: Provenance,
}

/// The user's work on one text, apart from the model's output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layer {
    /// Kept entities, in [`entity_order`]; they may nest, never cross.
    pub entities: Vec<KeptEntity>,
    /// Model entities the user removed (range and label).
    pub rejected: Vec<Entity>,
    /// Kept claims.
    pub claims: Vec<KeptClaim>,
    /// Model claims the user removed, by their cue ranges.
    pub rejected_claims: Vec<Vec<Range<usize>>>,
}

/// A text and the user's work on it. Cheap to clone: the text is shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    text: Arc<str>,
    layer: Layer,
    suggestions: bool,
}

/// What is shown and exported: the merged annotation, with the provenance
/// of every entity and claim (same order as `annotation`'s lists).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Entities and claims, merged; entities in [`entity_order`], nested
    /// ones (from edits) after the one that contains them, none crossing.
    pub annotation: Annotation,
    /// Provenance of each entity.
    pub entities: Vec<Provenance>,
    /// Provenance of each claim.
    pub claims: Vec<Provenance>,
    /// For each entity, whether it is in the user's layer (accepted,
    /// added or changed) rather than a live model suggestion.
    pub entity_kept: Vec<bool>,
    /// For each claim, whether it is in the user's layer.
    pub claim_kept: Vec<bool>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Adds `range` to a claim part's pieces, merged with those it overlaps;
/// the pieces stay in text order.
fn merge_into(spans: &mut Vec<Range<usize>>, range: Range<usize>) {
    let mut merged = range;
    spans.retain(|r| {
        if overlaps(r, &merged) {
            merged = merged.start.min(r.start)..merged.end.max(r.end);
            false
        } else {
            true
        }
    });
    spans.push(merged);
    spans.sort_by_key(|r| r.start);
}

/// Whether one of two different ranges lies inside the other.
pub fn nests(a: &Range<usize>, b: &Range<usize>) -> bool {
    a != b && ((a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end))
}

/// Whether two entity ranges cannot both be kept: they overlap without
/// nesting (they cross, or are the same range).
pub fn clash(a: &Range<usize>, b: &Range<usize>) -> bool {
    overlaps(a, b) && !nests(a, b)
}

/// The order of entity lists: by start, then the longer (outer) first.
pub fn entity_order(r: &Range<usize>) -> (usize, std::cmp::Reverse<usize>) {
    (r.start, std::cmp::Reverse(r.end))
}

/// In `ranges` sorted by [`entity_order`], the first pair `(i, j)`, `i < j`,
/// that [`clash`]es; `None` when they only nest or are apart.
pub fn first_clash(ranges: &[Range<usize>]) -> Option<(usize, usize)> {
    let mut open: Vec<usize> = Vec::new(); // indices of enclosing ranges
    for (j, r) in ranges.iter().enumerate() {
        while open.last().is_some_and(|&i| ranges[i].end <= r.start) {
            open.pop();
        }
        if let Some(&i) = open.last() {
            if clash(&ranges[i], r) {
                return Some((i, j));
            }
        }
        open.push(j);
    }
    None
}

fn fits(text: &str, r: &Range<usize>) -> bool {
    r.start < r.end && text.get(r.clone()).is_some()
}

fn claim_fits(text: &str, c: &Claim) -> bool {
    !c.cue.is_empty()
        && Part::ALL
            .iter()
            .all(|p| p.of(c).iter().all(|r| fits(text, r)))
}

impl Document {
    /// A new document with no edits; model suggestions are shown.
    pub fn new(text: &str) -> Self {
        Document {
            text: Arc::from(text),
            layer: Layer::default(),
            suggestions: true,
        }
    }

    /// A document whose annotation is exactly `annotation` (e.g. an import):
    /// everything is kept, with the given provenance (missing entries count
    /// as model), and live model suggestions are off. Spans that do not fit
    /// the text, and entities crossing an earlier one (overlapping it
    /// without nesting), are left out.
    pub fn with_annotation(
        text: &str,
        annotation: &Annotation,
        entities: &[Provenance],
        claims: &[Provenance],
    ) -> Self {
        let mut doc = Document::new(text);
        doc.suggestions = false;
        let mut kept: Vec<KeptEntity> = Vec::new();
        for (i, e) in annotation.entities.iter().enumerate() {
            if fits(text, &e.range) && !kept.iter().any(|k| clash(&k.entity.range, &e.range)) {
                let provenance = entities.get(i).copied().unwrap_or(Provenance::Model);
                kept.push(KeptEntity {
                    entity: e.clone(),
                    provenance,
                });
            }
        }
        kept.sort_by_key(|k| entity_order(&k.entity.range));
        doc.layer.entities = kept;
        doc.layer.claims = annotation
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| claim_fits(text, c))
            .map(|(i, c)| KeptClaim {
                claim: c.clone(),
                provenance: claims.get(i).copied().unwrap_or(Provenance::Model),
            })
            .collect();
        doc
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The user's layer.
    pub fn layer(&self) -> &Layer {
        &self.layer
    }

    /// Whether the model's suggestions are merged in.
    pub fn suggestions(&self) -> bool {
        self.suggestions
    }

    /// Turns the model's suggestions on or off (kept items stay either way).
    pub fn set_suggestions(&mut self, on: bool) {
        self.suggestions = on;
    }

    /// Whether the user has changed anything.
    pub fn has_edits(&self) -> bool {
        self.layer != Layer::default()
    }

    /// Merges the user's layer with `model`, the model's annotation of this
    /// text. Model spans that do not fit the text (a stale annotation) are
    /// ignored, so this never panics.
    pub fn view(&self, model: &Annotation) -> View {
        let text = &*self.text;
        let mut entities: Vec<(Entity, Provenance, bool)> = self
            .layer
            .entities
            .iter()
            .map(|k| (k.entity.clone(), k.provenance, true))
            .collect();
        if self.suggestions {
            for e in &model.entities {
                let hidden = !fits(text, &e.range)
                    || self.layer.rejected.contains(e)
                    || self
                        .layer
                        .entities
                        .iter()
                        .any(|k| overlaps(&k.entity.range, &e.range));
                if !hidden {
                    entities.push((e.clone(), Provenance::Model, false));
                }
            }
        }
        entities.sort_by_key(|(e, _, _)| entity_order(&e.range));
        let mut claims: Vec<(Claim, Provenance, bool)> = self
            .layer
            .claims
            .iter()
            .map(|k| (k.claim.clone(), k.provenance, true))
            .collect();
        if self.suggestions {
            for c in &model.claims {
                let hidden = !claim_fits(text, c)
                    || self.layer.rejected_claims.contains(&c.cue)
                    || self.layer.claims.iter().any(|k| k.claim.cue == c.cue);
                if !hidden {
                    claims.push((c.clone(), Provenance::Model, false));
                }
            }
        }
        claims.sort_by_key(|(c, _, _)| c.start());
        View {
            entities: entities.iter().map(|e| e.1).collect(),
            entity_kept: entities.iter().map(|e| e.2).collect(),
            claims: claims.iter().map(|c| c.1).collect(),
            claim_kept: claims.iter().map(|c| c.2).collect(),
            annotation: Annotation {
                entities: entities.into_iter().map(|e| e.0).collect(),
                claims: claims.into_iter().map(|c| c.0).collect(),
            },
        }
    }

    /// `range` trimmed of surrounding whitespace, checked against the text.
    pub fn check_span(&self, range: Range<usize>) -> Result<Range<usize>, Error> {
        let text = &*self.text;
        let bad = || Error::BadSpan {
            start: range.start,
            end: range.end,
            len: text.len(),
        };
        let inner = text.get(range.clone()).ok_or_else(bad)?;
        let lead = inner.len() - inner.trim_start().len();
        let trimmed = inner.trim();
        if trimmed.is_empty() {
            return Err(bad());
        }
        let start = range.start + lead;
        Ok(start..start + trimmed.len())
    }

    fn entity(view: &View, index: usize) -> Result<&Entity, Error> {
        view.annotation.entities.get(index).ok_or(Error::NoSuch {
            what: "entity",
            index,
        })
    }

    fn claim(view: &View, index: usize) -> Result<&Claim, Error> {
        view.annotation.claims.get(index).ok_or(Error::NoSuch {
            what: "claim",
            index,
        })
    }

    /// Removes `e` from view: drops it from the kept list and hides the
    /// model's copy.
    fn remove_entity(&mut self, e: &Entity) {
        self.layer.entities.retain(|k| k.entity != *e);
        if !self.layer.rejected.contains(e) {
            self.layer.rejected.push(e.clone());
        }
    }

    /// Keeps `entity`. Entities of `view` (but `except`) that it overlaps
    /// are removed, unless they nest with it (and, when the entity had
    /// another range `old` before, also with `old`: a resized entity does
    /// not adopt the neighbours it swallows): those stay, a nested model
    /// suggestion as accepted.
    fn keep_entity(
        &mut self,
        view: &View,
        entity: Entity,
        provenance: Provenance,
        except: Option<usize>,
        old: Option<&Range<usize>>,
    ) {
        let stays = |r: &Range<usize>| nests(r, &entity.range) && old.is_none_or(|o| nests(r, o));
        for (i, e) in view.annotation.entities.iter().enumerate() {
            if Some(i) == except || !overlaps(&e.range, &entity.range) {
                continue;
            }
            if !stays(&e.range) {
                self.remove_entity(e);
            } else if !view.entity_kept.get(i).copied().unwrap_or(false)
                && !self.layer.entities.iter().any(|k| k.entity == *e)
            {
                self.layer.entities.push(KeptEntity {
                    entity: e.clone(),
                    provenance: Provenance::Model,
                });
            }
        }
        self.layer.rejected.retain(|r| *r != entity);
        self.layer
            .entities
            .retain(|k| !overlaps(&k.entity.range, &entity.range) || stays(&k.entity.range));
        self.layer.entities.push(KeptEntity { entity, provenance });
        self.layer
            .entities
            .sort_by_key(|k| entity_order(&k.entity.range));
    }

    /// Adds a user entity over `range` (trimmed of whitespace). Entities it
    /// lies inside, or that lie inside it, stay (nested); entities it
    /// crosses, or with the same range, are removed.
    pub fn add_entity(
        &mut self,
        view: &View,
        range: Range<usize>,
        label: Label,
    ) -> Result<(), Error> {
        let range = self.check_span(range)?;
        self.keep_entity(view, Entity { range, label }, Provenance::User, None, None);
        Ok(())
    }

    /// Gives entity `index` of `view` another label.
    pub fn relabel(&mut self, view: &View, index: usize, label: Label) -> Result<(), Error> {
        let e = Self::entity(view, index)?.clone();
        if e.label == label {
            return Ok(());
        }
        self.remove_entity(&e);
        self.keep_entity(
            view,
            Entity {
                range: e.range.clone(),
                label,
            },
            Provenance::User,
            Some(index),
            Some(&e.range),
        );
        Ok(())
    }

    /// Moves entity `index`'s edges to `range`; entities the new range
    /// overlaps are removed.
    pub fn resize(&mut self, view: &View, index: usize, range: Range<usize>) -> Result<(), Error> {
        let e = Self::entity(view, index)?.clone();
        let range = self.check_span(range)?;
        if range == e.range {
            return Ok(());
        }
        self.remove_entity(&e);
        self.keep_entity(
            view,
            Entity {
                range,
                label: e.label,
            },
            Provenance::User,
            Some(index),
            Some(&e.range),
        );
        Ok(())
    }

    /// Removes entity `index` (a model suggestion stays rejected).
    pub fn delete_entity(&mut self, view: &View, index: usize) -> Result<(), Error> {
        let e = Self::entity(view, index)?.clone();
        self.remove_entity(&e);
        Ok(())
    }

    /// Accepts model suggestion `index`: it is kept, with provenance
    /// `model`, whatever the model later says. Kept entities are unchanged.
    pub fn accept_entity(&mut self, view: &View, index: usize) -> Result<(), Error> {
        let e = Self::entity(view, index)?.clone();
        if !view.entity_kept.get(index).copied().unwrap_or(false) {
            let old = e.range.clone();
            self.keep_entity(view, e, Provenance::Model, Some(index), Some(&old));
        }
        Ok(())
    }

    /// Accepts every model suggestion in `view`, entities and claims.
    pub fn accept_all(&mut self, view: &View) {
        for (i, e) in view.annotation.entities.iter().enumerate() {
            if !view.entity_kept[i] {
                self.layer.entities.push(KeptEntity {
                    entity: e.clone(),
                    provenance: Provenance::Model,
                });
            }
        }
        self.layer
            .entities
            .sort_by_key(|k| entity_order(&k.entity.range));
        for (i, c) in view.annotation.claims.iter().enumerate() {
            if !view.claim_kept[i] {
                self.layer.claims.push(KeptClaim {
                    claim: c.clone(),
                    provenance: Provenance::Model,
                });
            }
        }
    }

    /// Takes claim `index` out of view to change it: drops the kept copy
    /// and hides the model's.
    fn take_claim(&mut self, view: &View, index: usize) -> Result<Claim, Error> {
        let c = Self::claim(view, index)?.clone();
        self.layer.claims.retain(|k| k.claim != c);
        if !self.layer.rejected_claims.contains(&c.cue) {
            self.layer.rejected_claims.push(c.cue.clone());
        }
        Ok(c)
    }

    /// Keeps `claim` in the user's layer.
    fn keep_user_claim(&mut self, claim: Claim) {
        self.layer.claims.push(KeptClaim {
            claim,
            provenance: Provenance::User,
        });
    }

    /// Adds a user claim of `kind` with the cue `cue`.
    pub fn add_claim(&mut self, kind: ClaimKind, cue: Range<usize>) -> Result<(), Error> {
        let cue = self.check_span(cue)?;
        let claim = Claim {
            kind,
            source: vec![],
            cue: vec![cue],
            content: vec![],
            hedges: vec![],
            source_entity: None,
        };
        self.keep_user_claim(claim);
        Ok(())
    }

    /// Adds `range` to `part` of claim `index`; pieces of that part it
    /// overlaps are merged into it.
    pub fn add_claim_part(
        &mut self,
        view: &View,
        index: usize,
        part: Part,
        range: Range<usize>,
    ) -> Result<(), Error> {
        let range = self.check_span(range)?;
        Self::claim(view, index)?;
        let mut c = self.take_claim(view, index)?;
        merge_into(part.of_mut(&mut c), range);
        self.keep_user_claim(c);
        Ok(())
    }

    /// Removes the piece of `part` of claim `index` that overlaps `range`.
    /// Removing the last cue piece removes the claim.
    pub fn remove_claim_part(
        &mut self,
        view: &View,
        index: usize,
        part: Part,
        range: Range<usize>,
    ) -> Result<(), Error> {
        Self::claim(view, index)?;
        let mut c = self.take_claim(view, index)?;
        part.of_mut(&mut c).retain(|r| !overlaps(r, &range));
        if !c.cue.is_empty() {
            self.keep_user_claim(c);
        }
        Ok(())
    }

    /// Moves one edge of `part` of claim `index` by a word, as the keys
    /// `]` `[` `{` `}` do for an entity: [`Edge::Start`] moves the start
    /// of the part's first piece, [`Edge::End`] the end of its last piece;
    /// `grow` moves it outwards. Pieces of the part that the grown piece
    /// reaches are merged into it. Returns `Ok(false)`, changing nothing,
    /// when the edge cannot move (the text's edge, or one word left).
    ///
    /// [`Edge::Start`]: words::Edge::Start
    /// [`Edge::End`]: words::Edge::End
    pub fn resize_claim_part(
        &mut self,
        view: &View,
        index: usize,
        part: Part,
        edge: words::Edge,
        grow: bool,
    ) -> Result<bool, Error> {
        let spans = part.of(Self::claim(view, index)?);
        let piece = match edge {
            words::Edge::Start => spans.iter().min_by_key(|r| r.start),
            words::Edge::End => spans.iter().max_by_key(|r| r.end),
        };
        let Some(piece) = piece.cloned() else {
            return Err(Error::NoSuch {
                what: part.as_str(),
                index,
            });
        };
        let moved = if grow {
            words::grow(&self.text, &piece, edge)
        } else {
            words::shrink(&self.text, &piece, edge)
        };
        let Some(moved) = moved else {
            return Ok(false);
        };
        let moved = self.check_span(moved)?;
        let mut c = self.take_claim(view, index)?;
        let spans = part.of_mut(&mut c);
        spans.retain(|r| *r != piece);
        merge_into(spans, moved);
        self.keep_user_claim(c);
        Ok(true)
    }

    /// Changes claim `index`'s kind.
    pub fn set_claim_kind(
        &mut self,
        view: &View,
        index: usize,
        kind: ClaimKind,
    ) -> Result<(), Error> {
        if Self::claim(view, index)?.kind == kind {
            return Ok(());
        }
        let mut c = self.take_claim(view, index)?;
        c.kind = kind;
        self.layer.claims.push(KeptClaim {
            claim: c,
            provenance: Provenance::User,
        });
        Ok(())
    }

    /// Removes claim `index` (a model suggestion stays rejected).
    pub fn delete_claim(&mut self, view: &View, index: usize) -> Result<(), Error> {
        self.take_claim(view, index).map(|_| ())
    }

    /// Accepts model claim `index`: it is kept with provenance `model`.
    pub fn accept_claim(&mut self, view: &View, index: usize) -> Result<(), Error> {
        let c = Self::claim(view, index)?.clone();
        if !view.claim_kept.get(index).copied().unwrap_or(false) {
            self.layer.claims.push(KeptClaim {
                claim: c,
                provenance: Provenance::Model,
            });
        }
        Ok(())
    }

    /// Replaces the text, re-anchoring every span of the layer by its
    /// surface text. Returns how many kept entities and claims were lost
    /// because their text is gone.
    pub fn set_text(&mut self, new: &str) -> usize {
        if *self.text == *new {
            return 0;
        }
        let old = self.text.clone();
        let shift = Shift::between(&old, new);
        let carry = |r: &Range<usize>| reanchor(&old, new, &shift, r);
        let mut lost = 0;
        let mut entities: Vec<KeptEntity> = Vec::new();
        for k in &self.layer.entities {
            match carry(&k.entity.range) {
                Some(range) if !entities.iter().any(|e| clash(&e.entity.range, &range)) => entities
                    .push(KeptEntity {
                        entity: Entity {
                            range,
                            label: k.entity.label,
                        },
                        provenance: k.provenance,
                    }),
                _ => lost += 1,
            }
        }
        entities.sort_by_key(|k| entity_order(&k.entity.range));
        let rejected = self
            .layer
            .rejected
            .iter()
            .filter_map(|e| {
                carry(&e.range).map(|range| Entity {
                    range,
                    label: e.label,
                })
            })
            .collect();
        let mut claims = Vec::new();
        for k in &self.layer.claims {
            let mut c = k.claim.clone();
            for part in Part::ALL {
                let spans = part.of_mut(&mut c);
                *spans = spans.iter().filter_map(&carry).collect();
            }
            c.source_entity = c.source_entity.as_ref().and_then(&carry);
            if c.cue.is_empty() {
                lost += 1;
            } else {
                claims.push(KeptClaim {
                    claim: c,
                    provenance: k.provenance,
                });
            }
        }
        let rejected_claims = self
            .layer
            .rejected_claims
            .iter()
            .filter_map(|cue| cue.iter().map(&carry).collect::<Option<Vec<_>>>())
            .collect();
        self.layer = Layer {
            entities,
            rejected,
            claims,
            rejected_claims,
        };
        self.text = Arc::from(new);
        lost
    }
}

/// A document with its undo/redo history. Every successful change that
/// alters the document is one step; a failed change leaves it untouched.
#[derive(Debug, Clone)]
pub struct Session {
    doc: Document,
    history: History<Document>,
}

impl Session {
    /// A session on `doc` with an empty history.
    pub fn new(doc: Document) -> Self {
        Session {
            doc,
            history: History::default(),
        }
    }

    /// The current document.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Applies `change`; records a step when it succeeds and changes
    /// something, restores the document when it fails.
    pub fn apply<T>(
        &mut self,
        change: impl FnOnce(&mut Document) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let before = self.doc.clone();
        match change(&mut self.doc) {
            Ok(v) => {
                if self.doc != before {
                    self.history.record(before);
                }
                Ok(v)
            }
            Err(e) => {
                self.doc = before;
                Err(e)
            }
        }
    }

    /// Replaces the document (open, import, switch): forgets the history.
    pub fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.history.clear();
    }

    /// Undoes the last step; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let current = self.doc.clone();
        match self.history.undo(current) {
            Ok(prev) => {
                self.doc = prev;
                true
            }
            Err(_) => false,
        }
    }

    /// Redoes the last undone step; `false` when there is none.
    pub fn redo(&mut self) -> bool {
        let current = self.doc.clone();
        match self.history.redo(current) {
            Ok(next) => {
                self.doc = next;
                true
            }
            Err(_) => false,
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }
}

#[cfg(test)]
mod tests;
