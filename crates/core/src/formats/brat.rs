//! brat standoff, in PolNeAR's convention for claims.
//!
//! Entities are `T` lines with their label. A claim's parts are `Source`,
//! `Cue` and `Content` `T` lines (discontinuous parts joined with `;`), tied
//! together by an `E` line `Attribution:<cue> Cue:<cue> Source:<src>
//! Content:<content>`. Offsets are code points.

use std::fmt::Write;
use std::ops::Range;

use crate::annotate::Annotation;
use crate::text::Offsets;

/// The `.ann` file for `text` and its annotation.
pub fn to_ann(text: &str, annotation: &Annotation) -> String {
    let offsets = Offsets::new(text);
    let mut out = String::new();
    let mut next_t = 1;
    let mut t_line = |out: &mut String, label: &str, ranges: &[Range<usize>]| -> Option<usize> {
        if ranges.is_empty() {
            return None;
        }
        let id = next_t;
        next_t += 1;
        let spans: Vec<String> = ranges
            .iter()
            .map(|r| {
                let (s, e) = offsets.chars_of(r);
                format!("{s} {e}")
            })
            .collect();
        // brat keeps a span's text on one line; fragments are joined by a space.
        let surface: Vec<String> = ranges.iter().map(|r| text[r.clone()].replace(['\n', '\r'], " ")).collect();
        let _ = writeln!(out, "T{id}\t{label} {}\t{}", spans.join(";"), surface.join(" "));
        Some(id)
    };
    for e in &annotation.entities {
        t_line(&mut out, e.label.as_str(), std::slice::from_ref(&e.range));
    }
    for (n, c) in annotation.claims.iter().enumerate() {
        let source = t_line(&mut out, "Source", &c.source);
        let cue = t_line(&mut out, "Cue", &c.cue);
        let content = t_line(&mut out, "Content", &c.content);
        let mut e = format!("E{}\t", n + 1);
        match cue {
            Some(cue) => {
                let _ = write!(e, "Attribution:T{cue} Cue:T{cue}");
            }
            None => e.push_str("Attribution:"),
        }
        if let Some(s) = source {
            let _ = write!(e, " Source:T{s}");
        }
        if let Some(c) = content {
            let _ = write!(e, " Content:T{c}");
        }
        out.push_str(&e);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{Claim, Entity};
    use crate::claims::ClaimKind;
    use crate::label::Label;

    #[test]
    fn writes_polnear_style_relations() {
        let text = "Iran denied it.";
        let ann = Annotation {
            entities: vec![Entity { range: 0..4, label: Label::Gpe }],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![0..4],
                cue: vec![5..11],
                content: vec![12..14],
                hedges: vec![],
                source_entity: None,
            }],
        };
        assert_eq!(
            to_ann(text, &ann),
            "T1\tGPE 0 4\tIran\nT2\tSource 0 4\tIran\nT3\tCue 5 11\tdenied\nT4\tContent 12 14\tit\nE1\tAttribution:T3 Cue:T3 Source:T2 Content:T4\n"
        );
    }
}
