//! The rewrites that run after the claim taggers, one file each, listed
//! once, in the order they run ([`Pass::ALL`]). Each is named so that it
//! can be switched off and measured (`sift eval claims … --without NAME`;
//! the table in `models/README.md`). Each rewrites the document's claims,
//! reading the rule finder's claims where it prefers its reading of a
//! narrow construction. A pass stays only while dev or a general
//! construction the tagger misses asks for it: six that moved nothing,
//! or cost dev figures, once the taggers read the parse were removed.

// Every pass over claims has one signature, `&mut Vec<Claim>`, as some add
// claims; those that only rewrite would take a slice.
#![allow(clippy::ptr_arg)]

mod backoff;
mod context;
mod coordinated;
mod participle_sources;
mod passive_cues;

pub use context::Context;

use crate::annotation::Claim;

/// One rewrite after the taggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// A telling cue after "and" inside another claim's content becomes a
    /// claim, and the first content ends before it.
    Coordinated,
    /// The rules' telling claims where the tagger found nothing.
    Backoff,
    /// A passive cue gives its subject back to the content ("X is thought
    /// to …").
    PassiveCues,
    /// A participle claim takes its clause's subject.
    ParticipleSources,
}

impl Pass {
    /// Every pass, in the order they run.
    pub const ALL: [Pass; 4] = [
        Pass::Coordinated,
        Pass::Backoff,
        Pass::PassiveCues,
        Pass::ParticipleSources,
    ];

    /// The name `--without` takes.
    pub fn name(self) -> &'static str {
        match self {
            Pass::Coordinated => "coordinated",
            Pass::Backoff => "backoff",
            Pass::PassiveCues => "passive-cues",
            Pass::ParticipleSources => "participle-sources",
        }
    }

    fn run(self) -> fn(&Context, &mut Vec<Claim>) {
        match self {
            Pass::Coordinated => coordinated::run,
            Pass::Backoff => backoff::run,
            Pass::PassiveCues => passive_cues::run,
            Pass::ParticipleSources => participle_sources::run,
        }
    }

    /// Whether the pass also rewrites the rule finder's own claims, when
    /// no trained model is loaded: the others correct the tagger by the
    /// rules, or its token runs.
    fn on_rules(self) -> bool {
        matches!(self, Pass::PassiveCues | Pass::ParticipleSources)
    }
}

/// Which passes run: all of them (the default) unless some are switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Passes {
    /// A bit per switched-off [`Pass`].
    off: u32,
}

impl Passes {
    /// Whether `pass` runs.
    pub fn on(self, pass: Pass) -> bool {
        self.off & (1 << pass as u32) == 0
    }

    /// These passes with `pass` switched off.
    pub fn without(self, pass: Pass) -> Passes {
        Passes {
            off: self.off | 1 << pass as u32,
        }
    }

    /// Passes with those named in `names` (comma-separated) switched off;
    /// an unknown name is an error that lists the known ones.
    pub fn without_named(names: &str) -> Result<Passes, String> {
        let mut p = Passes::default();
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some(pass) = Pass::ALL.iter().find(|x| x.name() == name) else {
                let known: Vec<_> = Pass::ALL.iter().map(|x| x.name()).collect();
                return Err(format!(
                    "unknown pass {name:?} (known: {})",
                    known.join(", ")
                ));
            };
            p = p.without(*pass);
        }
        Ok(p)
    }

    /// Runs the passes on the tagger's claims of a document, in order.
    pub(crate) fn on_claims(self, cx: &Context, claims: &mut Vec<Claim>) {
        for pass in Pass::ALL.into_iter().filter(|&x| self.on(x)) {
            pass.run()(cx, claims);
        }
    }

    /// Runs the passes that apply to the rule finder's own claims.
    pub(crate) fn on_rule_claims(self, cx: &Context, claims: &mut Vec<Claim>) {
        for pass in Pass::ALL
            .into_iter()
            .filter(|&x| self.on(x) && x.on_rules())
        {
            pass.run()(cx, claims);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Annotator;
    use crate::{claims, ner, syntax};

    #[test]
    fn names_switch_passes_off() {
        let all = Passes::default();
        assert!(Pass::ALL.iter().all(|&p| all.on(p)));
        let some = Passes::without_named("backoff, coordinated").unwrap();
        assert!(!some.on(Pass::Backoff) && !some.on(Pass::Coordinated));
        assert!(some.on(Pass::PassiveCues));
        let err = Passes::without_named("nope").unwrap_err();
        assert!(
            err.contains("nope") && err.contains("participle-sources"),
            "{err}"
        );
        let names: std::collections::HashSet<_> = Pass::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), Pass::ALL.len());
    }

    // The sample article's constructions, through the shipped models.
    fn shipped() -> Annotator {
        let ner = ner::Model::from_bytes(include_bytes!("../../../../../models/ner.bin")).unwrap();
        let claims =
            claims::Model::from_bytes(include_bytes!("../../../../../models/claims.bin")).unwrap();
        let syntax =
            syntax::Model::from_bytes(include_bytes!("../../../../../models/syntax.bin")).unwrap();
        Annotator::new(ner).with_claims(claims).with_syntax(syntax)
    }

    fn parts(text: &str) -> Vec<(String, String, String, String)> {
        let join = |rs: &[std::ops::Range<usize>]| {
            rs.iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join(" … ")
        };
        shipped()
            .annotate(text)
            .claims
            .iter()
            .map(|c| {
                (
                    c.kind.to_string(),
                    join(&c.source),
                    join(&c.cue),
                    join(&c.content),
                )
            })
            .collect()
    }

    #[test]
    fn sample_constructions() {
        let p = parts("North Korea has sent soldiers to Russia, according to South Korean, Ukrainian and Western intelligence.");
        let a = p
            .iter()
            .find(|c| c.2 == "according to")
            .expect("an according-to claim");
        assert_eq!(a.1, "South Korean, Ukrainian and Western intelligence");
        let p = parts("Iran maintains that its nuclear program is solely for peaceful purposes and denies any intention to develop atomic weapons.");
        let d = p.iter().find(|c| c.0 == "denial").expect("a denial");
        assert_eq!(
            (d.1.as_str(), d.3.as_str()),
            ("Iran", "any intention to develop atomic weapons")
        );
        let m = p.iter().find(|c| c.0 == "assertion").expect("an assertion");
        assert!(!m.3.contains("denies"), "{m:?}");
        // "…, denying claims that …": whoever the sentence makes the one
        // shown doing it, or the one showing it; never no one.
        for (text, subjects) in [
            (
                "On Friday, Iranian state TV showed the head of the Guards touring an underground missile plant in Iran and claiming that production had ramped up, denying claims that Israel’s strikes had harmed its ability to produce new weapons.",
                ["the head of the Guards", "Iranian state TV"],
            ),
            (
                "On Sunday, Russian state media showed the defence minister inspecting a tank factory in Omsk and claiming that output had tripled, denying reports that sanctions had slowed production.",
                ["the defence minister", "Russian state media"],
            ),
        ] {
            let p = parts(text);
            let d = p.iter().find(|c| c.0 == "denial").expect("a denial");
            assert!(subjects.contains(&d.1.as_str()), "{d:?}");
        }
    }
}
