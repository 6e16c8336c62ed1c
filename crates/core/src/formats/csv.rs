//! CSV (RFC 4180) of entities and of claims, one span per row, with
//! code-point offsets. Cells holding commas, quotes or line breaks are
//! quoted; text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return get a leading `'` so a spreadsheet does not run them as formulas.
//! Export only.

use crate::doc::{Part, View};
use crate::text::Offsets;

/// Whether `s` is a plain signed number ("-5%", "+3.2", "-1,000"): a
/// spreadsheet reads it as a number, never as a formula, so it needs no
/// guard (and a guard would turn a real "-5%" into text).
fn plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let body = body.strip_suffix('%').unwrap_or(body);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

fn cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_number(s) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) || guarded.trim() != guarded {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// `start,end,label,text,provenance`, one entity per row.
pub fn entities(text: &str, view: &View) -> String {
    let offsets = Offsets::new(text);
    let mut out = String::from("start,end,label,text,provenance\r\n");
    for (e, p) in view.annotation.entities.iter().zip(&view.entities) {
        let (s, t) = offsets.chars_of(&e.range);
        let surface = text.get(e.range.clone()).unwrap_or_default();
        out.push_str(&format!(
            "{s},{t},{},{},{}\r\n",
            e.label.as_str(),
            cell(surface),
            p.as_str()
        ));
    }
    out
}

/// `claim,kind,role,start,end,text,provenance`, one row per span of each
/// claim part; `claim` numbers claims from 1.
pub fn claims(text: &str, view: &View) -> String {
    let offsets = Offsets::new(text);
    let mut out = String::from("claim,kind,role,start,end,text,provenance\r\n");
    for (n, (c, p)) in view.annotation.claims.iter().zip(&view.claims).enumerate() {
        for part in [Part::Source, Part::Cue, Part::Content, Part::Hedge] {
            for r in part.of(c) {
                let (s, e) = offsets.chars_of(r);
                let surface = text.get(r.clone()).unwrap_or_default();
                out.push_str(&format!(
                    "{},{},{},{s},{e},{},{}\r\n",
                    n + 1,
                    c.kind.as_str(),
                    part.as_str(),
                    cell(surface),
                    p.as_str()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;
    use crate::annotation::Label;
    use crate::annotation::{Annotation, Claim, Entity};
    use crate::formats::model_view;

    #[test]
    fn quotes_and_guards_cells() {
        assert_eq!(cell("Iran"), "Iran");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("-5%"), "-5%", "a number is not a formula");
    }

    #[test]
    fn writes_entities_and_claims() {
        let text = "😀 Iran \"denied\" it, firmly.";
        let ann = Annotation {
            entities: vec![Entity {
                range: 5..9,
                label: Label::Gpe,
            }],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![5..9],
                cue: vec![10..18],
                content: vec![19..29],
                hedges: vec![],
                source_entity: None,
            }],
        };
        let v = model_view(&ann);
        assert_eq!(
            entities(text, &v),
            "start,end,label,text,provenance\r\n2,6,GPE,Iran,model\r\n"
        );
        assert_eq!(
            claims(text, &v),
            "claim,kind,role,start,end,text,provenance\r\n1,denial,source,2,6,Iran,model\r\n\
             1,denial,cue,7,15,\"\"\"denied\"\"\",model\r\n1,denial,content,16,26,\"it, firmly\",model\r\n"
        );
    }

    #[test]
    fn numbers_are_not_guarded_and_formulas_are() {
        assert_eq!(cell("-5%"), "-5%");
        assert_eq!(cell("+3.2"), "+3.2");
        assert_eq!(cell("-1,000"), "\"-1,000\"");
        assert_eq!(cell("-5+cmd|' /C calc'!A0"), "'-5+cmd|' /C calc'!A0");
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("+"), "'+");
        assert_eq!(cell("-5%x"), "'-5%x");
    }
}
