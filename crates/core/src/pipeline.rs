//! The pipeline: the one place where the stages are put together, in
//! order (tokens → syntax → entities → claims → linked sources).

use std::ops::Range;

use crate::annotation::{Annotation, Claim};
use crate::blocks;
use crate::claims;
use crate::language;
use crate::ner;
use crate::syntax;
use crate::tokenize::Tokens;

/// Runs the whole pipeline. Build it once (loading a model is the expensive
/// part) and call [`Annotator::annotate`] for each text.
#[derive(Debug, Clone)]
pub struct Annotator {
    ner: ner::Model,
    claims: claims::Model,
    /// The tagger and parser: read by a claims model that reads syntax,
    /// and shown by `sift annotate --syntax`.
    syntax: syntax::Model,
    /// Word scores of the three models, kept from text to text.
    cache: (ner::Cache, claims::Cache, syntax::Cache),
}

// The web app shares one annotator between tasks (`Arc` in a signal): a
// cache type that is not `Send + Sync` must not creep in.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Annotator>();
};

impl Annotator {
    /// An annotator using this entity model. Claims come from the rule-based
    /// finder until a trained claims model is given ([`Annotator::with_claims`]).
    pub fn new(ner: ner::Model) -> Self {
        Annotator {
            ner,
            claims: claims::Model::empty(),
            syntax: syntax::Model::empty(),
            cache: Default::default(),
        }
    }

    /// This annotator with a trained syntax model.
    pub fn with_syntax(mut self, syntax: syntax::Model) -> Self {
        self.set_syntax(syntax);
        self
    }

    /// Swaps in a syntax model, e.g. once the app has fetched it.
    pub fn set_syntax(&mut self, syntax: syntax::Model) {
        self.syntax = syntax;
        // The kept claim scores were read off the old parses, and the
        // tagger's rows were the old model's.
        self.cache.1 = claims::Cache::default();
        self.cache.2 = syntax::Cache::default();
    }

    /// Swaps in an entity model, e.g. once the app has fetched it.
    pub fn set_ner(&mut self, ner: ner::Model) {
        self.ner = ner;
        // Every kept score read the old model's entities.
        self.cache = Default::default();
    }

    /// Whether annotating parses each sentence: only for a claims model
    /// that reads syntax, given a syntax model. Such a claims model
    /// without one would read trees that are all wrong (the page before
    /// `syntax.bin` arrives, or if it cannot be fetched): the rule-based
    /// finder stands in.
    pub fn parses(&self) -> bool {
        self.claims.reads_syntax() && !self.syntax.is_empty()
    }

    /// The syntax model.
    pub fn syntax(&self) -> &syntax::Model {
        &self.syntax
    }

    /// The tokens of `text` and their syntax.
    pub fn parse(&self, text: &str) -> (Tokens, syntax::Parse) {
        let tokens = Tokens::new(text);
        let parse = self.syntax.parse_cached(text, &tokens, &self.cache.2);
        (tokens, parse)
    }

    /// This annotator with a trained claims model.
    pub fn with_claims(mut self, claims: claims::Model) -> Self {
        self.set_claims(claims);
        self
    }

    /// Swaps in a claims model, e.g. once the app has fetched it.
    pub fn set_claims(&mut self, claims: claims::Model) {
        self.claims = claims;
        // The kept scores were the old model's.
        self.cache.1 = claims::Cache::default();
    }

    /// The claims model in use (empty: the rule-based finder).
    pub fn claims(&self) -> &claims::Model {
        &self.claims
    }

    /// The entity model in use.
    pub fn ner(&self) -> &ner::Model {
        &self.ner
    }

    /// Annotates `text`, a long text block by block ([`blocks::of`]), so
    /// that every caller gets what the page shows. Never panics, whatever
    /// the input.
    pub fn annotate(&self, text: &str) -> Annotation {
        let mut whole = Annotation::default();
        for block in blocks::of(text) {
            let part = self.annotate_block(text, block);
            whole.entities.extend(part.entities);
            whole.claims.extend(part.claims);
        }
        whole
    }

    /// The annotation of one block of `text` (one of [`blocks::of`]), in
    /// whole-text offsets: the page annotates a long text a block at a
    /// time, giving the browser the event loop back in between.
    pub fn annotate_block(&self, text: &str, block: Range<usize>) -> Annotation {
        match text.get(block.clone()) {
            Some(part) => blocks::shift(self.annotate_one(part), block.start),
            None => Annotation::default(),
        }
    }

    /// Annotates `text` in one pass.
    fn annotate_one(&self, text: &str) -> Annotation {
        let tokens = Tokens::new(text);
        let mut entities = self.ner.predict_cached(text, &tokens, &self.cache.0);
        // Trained on English only, the entity model guesses at random in
        // other scripts (see `language`): such entities are dropped.
        entities
            .retain(|e| !language::foreign_script(text.get(e.range.clone()).unwrap_or_default()));
        // The parse only when the claims model reads it ([`Self::parses`]).
        let parse = self
            .parses()
            .then(|| self.syntax.parse_cached(text, &tokens, &self.cache.2));
        let mut claims = if self.claims.reads_syntax() && parse.is_none() {
            claims::Model::empty()
                .with_passes(self.claims.passes())
                .find(text, &tokens, &entities)
        } else {
            self.claims
                .find_cached(text, &tokens, &entities, parse.as_ref(), &self.cache.1)
        };
        // The claim taggers read the entity tagger's own layer, as they
        // did in training; the people it missed are added after them, in
        // time for sources to be linked to them, and so are the outlets
        // that credit lines name.
        ner::surnames::complete(text, &tokens, &mut entities);
        ner::credit::complete(text, &tokens, &mut entities);
        claims::link::sources(text, &tokens, &entities, &mut claims);
        // In the order the page lists them (a stable sort: claims that
        // begin together keep the taggers' order). A content before its
        // cue ("… Trump, who is thought likely to …") starts its claim.
        claims.sort_by_key(Claim::start);
        Annotation { entities, claims }
    }
}

#[cfg(test)]
mod property {
    use super::*;
    use crate::testgen::{self, Rng};
    use std::ops::Range;

    /// The models the web app and the CLI ship, when they load (a model
    /// being retrained in another format is the CLI tests' business).
    pub(crate) fn shipped() -> Option<Annotator> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/");
        let ner = ner::Model::from_bytes(&std::fs::read(format!("{dir}ner.bin")).ok()?).ok()?;
        let claims =
            claims::Model::from_bytes(&std::fs::read(format!("{dir}claims.bin")).ok()?).ok()?;
        let syntax =
            syntax::Model::from_bytes(&std::fs::read(format!("{dir}syntax.bin")).ok()?).ok()?;
        Some(Annotator::new(ner).with_claims(claims).with_syntax(syntax))
    }

    /// A claims model that reads syntax, given no syntax model, finds what
    /// the rule-based finder finds (with the model's passes), not claims
    /// read off trees that are all wrong.
    #[test]
    fn without_a_parser_a_claims_model_that_reads_syntax_gives_way_to_the_rules() {
        let Some(shipped) = shipped() else {
            eprintln!("the shipped models did not load: nothing to compare");
            return;
        };
        let sample = include_str!("../../../assets/sample.txt");
        let claims = shipped.claims().clone();
        let unparsed = Annotator::new(shipped.ner().clone()).with_claims(claims.clone());
        let rules = Annotator::new(shipped.ner().clone())
            .with_claims(claims::Model::empty().with_passes(claims.passes()));
        assert_eq!(unparsed.annotate(sample), rules.annotate(sample));
        if claims.reads_syntax() {
            assert_ne!(unparsed.annotate(sample), shipped.annotate(sample));
        }
    }

    /// Every shipped model file reads and writes back to the same bytes:
    /// the file is exactly what training writes for its weights.
    #[test]
    fn shipped_model_files_round_trip() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/");
        let read = |name: &str| std::fs::read(format!("{dir}{name}")).expect("a committed model");
        let (n, c, s) = (read("ner.bin"), read("claims.bin"), read("syntax.bin"));
        assert!(ner::Model::from_bytes(&n).unwrap().to_bytes() == n);
        assert!(claims::Model::from_bytes(&c).unwrap().to_bytes() == c);
        assert!(syntax::Model::from_bytes(&s).unwrap().to_bytes() == s);
    }

    /// The scores an annotator keeps from text to text change nothing: a
    /// text annotated after others gives what a fresh annotator gives.
    #[test]
    fn kept_scores_change_no_output() {
        let Some(kept) = shipped() else {
            eprintln!("the shipped models did not load: nothing to compare");
            return;
        };
        let sample = include_str!("../../../assets/sample.txt");
        let mut rng = Rng::new(0x5eed_cafe);
        let mut texts = vec![sample.to_string()];
        texts.extend((0..20).map(|_| testgen::text(&mut rng, 60)));
        texts.push(sample.to_string());
        for text in &texts {
            let fresh = shipped().expect("loaded once already").annotate(text);
            assert_eq!(kept.annotate(text), fresh, "in {text:?}");
        }
        assert!(!kept.annotate(sample).entities.is_empty());
        // Swapping the claims model drops the old model's kept scores.
        let mut swapped = kept.clone();
        swapped.annotate(sample);
        swapped.set_claims(claims::Model::empty());
        let rules_only = Annotator::new(kept.ner().clone());
        assert_eq!(swapped.annotate(sample), rules_only.annotate(sample));
    }

    fn check(text: &str, r: &Range<usize>, what: &str) {
        assert!(
            r.start < r.end && r.end <= text.len(),
            "{what} {r:?} outside {text:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{what} {r:?} splits a char in {text:?}"
        );
    }

    /// Seeded random hostile texts, with the rule-based claims finder and
    /// with the shipped models: annotating never panics, every range is
    /// inside the text on char boundaries, entities are sorted and never
    /// overlap.
    #[test]
    fn annotate_never_panics_and_ranges_stay_in_the_text() {
        let mut annotators = vec![Annotator::new(ner::Model::empty())];
        match shipped() {
            Some(a) => annotators.push(a),
            None => {
                eprintln!("the shipped models did not load: testing the rule-based finder only")
            }
        }
        let mut rng = Rng::new(0xa220_7a7e);
        for round in 0..150 {
            let n = 1 + rng.below(120);
            let text = testgen::text(&mut rng, n);
            for a in &annotators {
                let ann = a.annotate(&text);
                let mut end = 0;
                for e in &ann.entities {
                    check(&text, &e.range, "entity");
                    assert!(
                        e.range.start >= end,
                        "round {round}: entities overlap in {text:?}"
                    );
                    end = e.range.end;
                }
                for c in &ann.claims {
                    assert!(!c.cue.is_empty(), "round {round}: a claim without a cue");
                    for r in c
                        .source
                        .iter()
                        .chain(&c.cue)
                        .chain(&c.content)
                        .chain(&c.hedges)
                    {
                        check(&text, r, "claim part");
                    }
                    if let Some(r) = &c.source_entity {
                        check(&text, r, "source entity");
                    }
                }
            }
        }
    }
}
