//! The rewrites that run after the claim taggers, named so that each can
//! be switched off and measured (`sift eval claims … --without NAME`; the
//! table in `models/README.md`). They run in this order.

/// One rewrite after the taggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// `assemble`: a relative pronoun leaves the source ("officials who").
    TrimRelative,
    /// `assemble`: auxiliaries before the cue join it ("have | denied").
    AuxiliariesToCue,
    /// `assemble`: hedge words leave the source.
    HedgesOutOfSource,
    /// `reconcile`: the rules' longer source where the tagger's stops
    /// short at the same start ("according to A, B and C").
    LongerSource,
    /// `reconcile`: a cue the tagger ran on into the content ends where
    /// the rules' content starts.
    CueRunOn,
    /// `reconcile`: the rules' content in the cue's own sentence over the
    /// tagger's from another.
    SentenceContent,
    /// `reconcile`: a telling cue after "and" inside another claim's
    /// content becomes a claim, and the first content ends before it.
    Coordinated,
    /// `model`: the rules' telling claims where the model found nothing.
    Backoff,
    /// `reconcile`: a passive cue gives its subject back to the content.
    PassiveCues,
    /// `reconcile`: a participle claim without a source takes its
    /// clause's subject.
    ParticipleSources,
    /// `reconcile`: a hedge goes to the claim whose cue it overlaps.
    HedgesToTheirCue,
}

impl Pass {
    /// Every pass, in the order they run.
    pub const ALL: [Pass; 11] = [
        Pass::TrimRelative,
        Pass::AuxiliariesToCue,
        Pass::HedgesOutOfSource,
        Pass::LongerSource,
        Pass::CueRunOn,
        Pass::SentenceContent,
        Pass::Coordinated,
        Pass::Backoff,
        Pass::PassiveCues,
        Pass::ParticipleSources,
        Pass::HedgesToTheirCue,
    ];

    /// The name `--without` takes.
    pub fn name(self) -> &'static str {
        match self {
            Pass::TrimRelative => "trim-relative",
            Pass::AuxiliariesToCue => "auxiliaries-to-cue",
            Pass::HedgesOutOfSource => "hedges-out-of-source",
            Pass::LongerSource => "longer-source",
            Pass::CueRunOn => "cue-run-on",
            Pass::SentenceContent => "sentence-content",
            Pass::Coordinated => "coordinated",
            Pass::Backoff => "backoff",
            Pass::PassiveCues => "passive-cues",
            Pass::ParticipleSources => "participle-sources",
            Pass::HedgesToTheirCue => "hedges-to-their-cue",
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_switch_passes_off() {
        let all = Passes::default();
        assert!(Pass::ALL.iter().all(|&p| all.on(p)));
        let some = Passes::without_named("backoff, cue-run-on").unwrap();
        assert!(!some.on(Pass::Backoff) && !some.on(Pass::CueRunOn));
        assert!(some.on(Pass::LongerSource));
        let err = Passes::without_named("nope").unwrap_err();
        assert!(
            err.contains("nope") && err.contains("hedges-to-their-cue"),
            "{err}"
        );
        let names: std::collections::HashSet<_> = Pass::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), Pass::ALL.len());
    }
}
