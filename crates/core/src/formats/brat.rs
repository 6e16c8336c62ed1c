//! brat standoff, in PolNeAR's convention for claims.
//!
//! Entities are `T` lines with their label. A claim's parts are `Source`,
//! `Cue` and `Content` `T` lines (discontinuous parts joined with `;`), tied
//! together by an `E` line `Attribution:<cue> Cue:<cue> Source:<src>
//! Content:<content>`. Offsets are code points.
//!
//! The app's export ([`export`]) adds hedges, kinds and provenance in
//! brat's own notation; [`import`] reads both.

use std::fmt::Write;
use std::ops::Range;

use std::collections::{HashMap, HashSet};

use super::Imported;
use crate::annotation::ClaimKind;
use crate::annotation::Label;
use crate::annotation::{Annotation, Claim, Entity};
use crate::doc::{Part, Provenance, View};
use crate::error::Error;
use crate::text::Offsets;

/// The `.ann` file for `text` and its annotation, as the CLI writes it:
/// entities, and claims' source, cue and content.
pub fn to_ann(text: &str, annotation: &Annotation) -> String {
    write(text, annotation, None)
}

/// The `.ann` file for a document as the app exports it: [`to_ann`]'s lines
/// plus `Hedge` T lines (an E line argument `Hedge:Tn`), each claim's kind
/// as an attribute (`A1\tKind E1 denial`) and user-made items marked with
/// a note (`#1\tAnnotatorNotes T5\tprovenance: user`).
pub fn export(text: &str, view: &View) -> String {
    write(text, &view.annotation, Some(view))
}

fn write(text: &str, annotation: &Annotation, full: Option<&View>) -> String {
    let offsets = Offsets::new(text);
    let mut out = String::new();
    let mut notes = String::new();
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
        let _ = writeln!(
            out,
            "T{id}\t{label} {}\t{}",
            spans.join(";"),
            surface(text, ranges)
        );
        Some(id)
    };
    let mut n_note = 0;
    let mut note = |notes: &mut String, target: String| {
        n_note += 1;
        let _ = writeln!(
            notes,
            "#{n_note}\tAnnotatorNotes {target}\tprovenance: user"
        );
    };
    for (i, e) in annotation.entities.iter().enumerate() {
        let t = t_line(&mut out, e.label.as_str(), std::slice::from_ref(&e.range));
        if let (Some(t), Some(v)) = (t, full) {
            if v.entities.get(i) == Some(&Provenance::User) {
                note(&mut notes, format!("T{t}"));
            }
        }
    }
    let mut attributes = String::new();
    for (n, c) in annotation.claims.iter().enumerate() {
        let source = t_line(&mut out, "Source", &c.source);
        let cue = t_line(&mut out, "Cue", &c.cue);
        let content = t_line(&mut out, "Content", &c.content);
        let hedge = if full.is_some() {
            t_line(&mut out, "Hedge", &c.hedges)
        } else {
            None
        };
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
        if let Some(h) = hedge {
            let _ = write!(e, " Hedge:T{h}");
        }
        out.push_str(&e);
        out.push('\n');
        if let Some(v) = full {
            let _ = writeln!(
                attributes,
                "A{}\tKind E{} {}",
                n + 1,
                n + 1,
                c.kind.as_str()
            );
            if v.claims.get(n) == Some(&Provenance::User) {
                note(&mut notes, format!("E{}", n + 1));
            }
        }
    }
    out.push_str(&attributes);
    out.push_str(&notes);
    out
}

/// Every character that some line-based reader takes for a line break:
/// Python's `str.splitlines` (which brat's own tools use) splits on all of
/// these, not only on `\n` and `\r`.
const LINE_BREAKS: [char; 10] = [
    '\n', '\r', '\u{0B}', '\u{0C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// The `.txt` that goes with an `.ann`: the text with every line break a
/// line-based reader could see written as `\n` (or `\r\n` left as it
/// is). One character for one, so the `.ann`'s offsets (code points) hold.
pub fn plain_text(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c != '\r' && LINE_BREAKS.contains(&c) {
                '\n'
            } else {
                c
            }
        })
        .collect()
}

/// brat keeps a span's text on one line; fragments are joined by a space.
fn surface(text: &str, ranges: &[Range<usize>]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| {
            text.get(r.clone())
                .unwrap_or_default()
                .replace(LINE_BREAKS, " ")
        })
        .collect();
    parts.join(" ")
}

/// A claim part's T line, while reading.
struct PartSpan {
    role: Part,
    ranges: Vec<Range<usize>>,
}

/// Reads a `.ann` file for `text` (what [`export`] or [`to_ann`] writes, or
/// PolNeAR's files). Entity T lines must carry one of the 18 labels; claim
/// parts are `Source`, `Cue`, `Content` and `Hedge` T lines joined by an
/// `E` line; `A` lines `Kind E<n> <kind>` give claim kinds (default
/// statement); `AnnotatorNotes` saying `provenance: user` mark user items.
/// Other lines (relations, normalisations) are skipped. Sift's entities
/// are contiguous, so a discontinuous entity (`T1\tPERSON 0 5;10 15`)
/// becomes one entity per fragment, each with its label, and
/// [`Imported::notes`] says so, naming the line. Errors name the line;
/// nothing panics.
pub fn import(id: &str, text: &str, ann: &str) -> Result<Imported, Error> {
    let offsets = Offsets::new(text);
    let mut entities: Vec<(String, Entity, usize)> = Vec::new();
    let mut parts: HashMap<String, PartSpan> = HashMap::new();
    let mut events: Vec<(String, Claim, usize)> = Vec::new();
    let mut kinds: Vec<(String, ClaimKind, usize)> = Vec::new();
    let mut user: HashSet<String> = HashSet::new();
    let mut notes: Vec<String> = Vec::new();
    // The line each text-bound id was defined on: an id names one thing.
    let mut defined: HashMap<String, usize> = HashMap::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        let err = |message: String| Error::Parse {
            line: line_no,
            message,
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let id = fields.next().unwrap_or_default();
        let body = fields
            .next()
            .ok_or_else(|| err(format!("expected a tab after {id:?}")))?;
        match id.chars().next() {
            Some('T') => {
                if let Some(first) = defined.insert(id.to_string(), line_no) {
                    return Err(err(format!("{id} is already defined on line {first}")));
                }
                let (kind, spans) = body
                    .split_once(' ')
                    .ok_or_else(|| err("expected \"<type> <start> <end>\"".into()))?;
                let mut ranges = Vec::new();
                for frag in spans.split(';') {
                    let mut nums = frag.split_whitespace().map(str::parse::<usize>);
                    let (Some(Ok(s)), Some(Ok(e)), None) = (nums.next(), nums.next(), nums.next())
                    else {
                        return Err(err(format!("bad offsets {frag:?}")));
                    };
                    match offsets.bytes_of(s, e) {
                        Some(r) if s < e => ranges.push(r),
                        _ => {
                            return Err(err(format!(
                                "span {s} {e} does not fit the text ({} characters)",
                                offsets.chars()
                            )))
                        }
                    }
                }
                if let Some(written) = fields.next() {
                    let found = surface(text, &ranges);
                    if written != found {
                        return Err(err(format!(
                            "the text at these offsets is {found:?}, not {written:?}"
                        )));
                    }
                }
                let role = match kind {
                    "Source" => Some(Part::Source),
                    "Cue" => Some(Part::Cue),
                    "Content" => Some(Part::Content),
                    "Hedge" => Some(Part::Hedge),
                    _ => None,
                };
                match role {
                    Some(role) => {
                        parts.insert(id.to_string(), PartSpan { role, ranges });
                    }
                    None => {
                        let label: Label = kind.parse().map_err(err)?;
                        // Sift's entities are contiguous: a discontinuous
                        // one becomes one entity per fragment, same label.
                        if ranges.len() > 1 {
                            notes.push(format!(
                                "line {line_no}: {id} is a discontinuous {label} ({} fragments); \
                                 imported as {} separate {label} entities",
                                ranges.len(),
                                ranges.len()
                            ));
                        }
                        for range in ranges {
                            entities.push((id.to_string(), Entity { range, label }, line_no));
                        }
                    }
                }
            }
            Some('E') => {
                let mut claim = Claim {
                    kind: ClaimKind::Statement,
                    source: vec![],
                    cue: vec![],
                    content: vec![],
                    hedges: vec![],
                    source_entity: None,
                };
                for arg in body.split_whitespace() {
                    let (role, target) = arg
                        .split_once(':')
                        .ok_or_else(|| err(format!("bad argument {arg:?}")))?;
                    let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
                    if role == "Attribution" || target.is_empty() {
                        continue;
                    }
                    let part = parts.get(target).ok_or_else(|| {
                        err(format!(
                            "{target} is not a Source, Cue, Content or Hedge line above this one"
                        ))
                    })?;
                    let expected = match role {
                        "Source" => Part::Source,
                        "Cue" => Part::Cue,
                        "Content" => Part::Content,
                        "Hedge" => Part::Hedge,
                        _ => return Err(err(format!("unknown role {role:?}"))),
                    };
                    if part.role != expected {
                        return Err(err(format!(
                            "{target} is a {} line, not {role}",
                            part.role.as_str()
                        )));
                    }
                    part.role
                        .of_mut(&mut claim)
                        .extend(part.ranges.iter().cloned());
                }
                if claim.cue.is_empty() {
                    return Err(err("a claim needs a Cue".into()));
                }
                events.push((id.to_string(), claim, line_no));
            }
            Some('A') => {
                let mut words = body.split_whitespace();
                if words.next() == Some("Kind") {
                    let target = words
                        .next()
                        .ok_or_else(|| err("Kind names no E line".into()))?;
                    let kind = words
                        .next()
                        .ok_or_else(|| err("Kind has no value".into()))?;
                    kinds.push((target.to_string(), kind.parse().map_err(err)?, line_no));
                }
            }
            Some('#') => {
                let target = body.strip_prefix("AnnotatorNotes ").map(str::trim);
                if let (Some(target), Some(note)) = (target, fields.next()) {
                    if note.trim() == "provenance: user" {
                        user.insert(target.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    for (target, kind, line) in kinds {
        match events.iter_mut().find(|e| e.0 == target) {
            Some(e) => e.1.kind = kind,
            None => {
                return Err(Error::Parse {
                    line,
                    message: format!("Kind names {target}, which is not an E line"),
                })
            }
        }
    }
    // Entities may nest (from edits) but not cross.
    entities.sort_by_key(|e| crate::doc::entity_order(&e.1.range));
    let ranges: Vec<_> = entities.iter().map(|e| e.1.range.clone()).collect();
    if let Some((i, j)) = crate::doc::first_clash(&ranges) {
        let message = if entities[i].0 == entities[j].0 {
            format!("{}'s fragments overlap", entities[j].0)
        } else {
            format!("{} overlaps {}", entities[j].0, entities[i].0)
        };
        return Err(Error::Parse {
            line: entities[j].2,
            message,
        });
    }
    let prov = |id: &str| {
        if user.contains(id) {
            Provenance::User
        } else {
            Provenance::Model
        }
    };
    Ok(Imported {
        id: id.to_string(),
        text: text.to_string(),
        entities: entities.iter().map(|e| prov(&e.0)).collect(),
        claims: events.iter().map(|e| prov(&e.0)).collect(),
        annotation: Annotation {
            entities: entities.into_iter().map(|e| e.1).collect(),
            claims: events.into_iter().map(|e| e.1).collect(),
        },
        notes,
    })
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;
    use crate::annotation::Label;
    use crate::annotation::{Claim, Entity};

    #[test]
    fn writes_polnear_style_relations() {
        let text = "Iran denied it.";
        let ann = Annotation {
            entities: vec![Entity {
                range: 0..4,
                label: Label::Gpe,
            }],
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

    #[test]
    fn export_import_export_is_identical() {
        use crate::doc::{Document, Part};
        let text = "😀 Iran denied it, reportedly.\nTehran and\nMoscow said so.";
        let model = Annotation {
            entities: vec![Entity {
                range: 5..9,
                label: Label::Gpe,
            }],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![5..9],
                cue: vec![10..16],
                content: vec![17..19],
                hedges: vec![21..31],
                source_entity: None,
            }],
        };
        let mut doc = Document::new(text);
        doc.add_entity(&doc.view(&model), 33..39, Label::Gpe)
            .unwrap();
        doc.add_claim(ClaimKind::Statement, 51..55).unwrap();
        let v = doc.view(&model);
        doc.add_claim_part(&v, 1, Part::Source, 33..50).unwrap();
        let view = doc.view(&model);
        let out = export(text, &view);
        let back = import("d", text, &out).unwrap();
        let again = back.view();
        assert_eq!(
            (&again.annotation, &again.entities, &again.claims),
            (&view.annotation, &view.entities, &view.claims)
        );
        assert_eq!(export(text, &again), out);
        assert!(
            out.contains("A1\tKind E1 denial\n")
                && out.contains("AnnotatorNotes T2\tprovenance: user"),
            "{out}"
        );
        // The CLI's form reads too (kinds default to statement).
        let plain = import("d", text, &to_ann(text, &model)).unwrap();
        assert_eq!(plain.annotation.entities, model.entities);
        assert_eq!(plain.annotation.claims[0].content, vec![17..19]);
    }

    #[test]
    fn discontinuous_entity_becomes_one_entity_per_fragment() {
        // "Ruth … Okafor" as one brat entity in two fragments, plus a
        // contiguous one after it.
        let text = "Ruth (a judge) Okafor met Iran's envoy.";
        let ann = "T1\tPERSON 0 4;15 21\tRuth Okafor\nT2\tGPE 26 30\tIran\n";
        let imp = import("d", text, ann).unwrap();
        let got: Vec<(&str, Label)> = imp
            .annotation
            .entities
            .iter()
            .map(|e| (&text[e.range.clone()], e.label))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Ruth", Label::Person),
                ("Okafor", Label::Person),
                ("Iran", Label::Gpe)
            ]
        );
        assert_eq!(imp.entities, vec![Provenance::Model; 3]);
        assert_eq!(imp.notes.len(), 1, "{:?}", imp.notes);
        assert!(
            imp.notes[0].starts_with("line 1: T1 is a discontinuous PERSON (2 fragments)"),
            "{:?}",
            imp.notes
        );
        // The document keeps both fragments, and exporting it gives two
        // contiguous T lines that read back unchanged, with no note.
        let view = imp.view();
        assert_eq!(view.annotation.entities, imp.annotation.entities);
        let out = export(text, &view);
        assert!(
            out.starts_with("T1\tPERSON 0 4\tRuth\nT2\tPERSON 15 21\tOkafor\n"),
            "{out}"
        );
        let again = import("d", text, &out).unwrap();
        assert!(again.notes.is_empty());
        assert_eq!(export(text, &again.view()), out);
        // A user note on the discontinuous entity marks every fragment.
        let noted = format!("{ann}#1\tAnnotatorNotes T1\tprovenance: user\n");
        let imp = import("d", text, &noted).unwrap();
        assert_eq!(
            imp.entities,
            vec![Provenance::User, Provenance::User, Provenance::Model]
        );
        // Sift's own exports never need a note.
        let plain = "T1\tGPE 26 30\tIran\n";
        assert!(import("d", text, plain).unwrap().notes.is_empty());
    }

    #[test]
    fn import_errors_name_the_line() {
        let text = "Iran denied it.";
        let cases = [
            (
                "T1\tGPE 0 4\tIran\nT2\tPLANET 5 11\tdenied\n",
                "line 2: unknown entity label",
            ),
            ("T1\tGPE 0 40\tIran\n", "line 1: span 0 40 does not fit"),
            (
                "\nT1\tGPE 0 4\tIraq\n",
                "line 2: the text at these offsets is \"Iran\"",
            ),
            ("T1\tGPE zero 4\tIran\n", "line 1: bad offsets"),
            ("T1 GPE 0 4 Iran\n", "line 1: expected a tab"),
            (
                "T1\tCue 5 11\tdenied\nE1\tAttribution:T1 Cue:T1 Source:T9\n",
                "line 2: T9 is not",
            ),
            (
                "T1\tSource 0 4\tIran\nE1\tAttribution:T1 Cue:T1\n",
                "line 2: T1 is a source line, not Cue",
            ),
            ("T1\tGPE 0 4\tIran\nT2\tORG 2 6\n", "line 2: T2 overlaps T1"),
            ("T1\tGPE 0 4;2 6\n", "line 1: T1's fragments overlap"),
            (
                "T1\tGPE 0 4\tIran\nT1\tORG 5 11\n",
                "line 2: T1 is already defined on line 1",
            ),
        ];
        for (ann, want) in cases {
            let e = import("d", text, ann).unwrap_err().to_string();
            assert!(e.starts_with(want), "{ann:?}: {e}");
        }
        for junk in [
            "T\t",
            "E1\t",
            "E1\tCue",
            "A1\tKind",
            "A1\tKind E1 shout",
            "T1\tGPE 4 0",
            "T1\tGPE ;",
            "\t\t\t",
        ] {
            assert!(
                import("d", text, junk).is_err() || junk.starts_with('\t'),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn line_breaks_other_readers_see_are_plain_newlines() {
        let text = "Iran\u{2028}denied\u{0B}it\u{0C}today\r\nOK\u{85}.";
        let plain = plain_text(text);
        assert_eq!(plain, "Iran\ndenied\nit\ntoday\r\nOK\n.");
        assert_eq!(plain.chars().count(), text.chars().count());
        // Python's splitlines() sees the same lines in both files' terms.
        let annotation = Annotation {
            entities: vec![Entity {
                range: 0..13,
                label: Label::Gpe,
            }],
            claims: vec![],
        };
        let ann = to_ann(text, &annotation);
        assert_eq!(ann, "T1\tGPE 0 11\tIran denied\n");
    }
}
