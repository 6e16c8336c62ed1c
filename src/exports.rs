//! The export menu's formats: what each is called, its file name and type,
//! and its contents (all written by `sift_core::formats`).

use sift_core::doc::View;
use sift_core::formats::{brat, conll, csv, html, json, webanno};

/// One entry of the export menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON: text, entities, claims, provenance (re-importable).
    Json,
    /// brat standoff `.ann` (re-importable against the same text).
    Brat,
    /// The plain text (the `.txt` half of a brat pair).
    Text,
    /// CoNLL BIO tags.
    Conll,
    /// W3C Web Annotation, JSON-LD.
    WebAnnotation,
    /// CSV of entities.
    CsvEntities,
    /// CSV of claim parts.
    CsvClaims,
    /// A standalone HTML report that prints well.
    Html,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 8] = [
        Format::Json,
        Format::Brat,
        Format::Text,
        Format::Conll,
        Format::WebAnnotation,
        Format::CsvEntities,
        Format::CsvClaims,
        Format::Html,
    ];

    /// The value of `data-export` on its menu button.
    pub fn id(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Brat => "brat",
            Format::Text => "text",
            Format::Conll => "conll",
            Format::WebAnnotation => "webanno",
            Format::CsvEntities => "csv-entities",
            Format::CsvClaims => "csv-claims",
            Format::Html => "html",
        }
    }

    /// What the menu says.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON with provenance (.json)",
            Format::Brat => "brat standoff (.ann)",
            Format::Text => "Plain text (.txt, pairs with .ann)",
            Format::Conll => "CoNLL BIO (.conll)",
            Format::WebAnnotation => "W3C Web Annotation (.jsonld)",
            Format::CsvEntities => "Entities as CSV",
            Format::CsvClaims => "Claims as CSV",
            Format::Html => "Printable HTML report",
        }
    }

    /// The file name for a document called `name`.
    pub fn file_name(self, name: &str) -> String {
        let stem = file_stem(name);
        match self {
            Format::Json => format!("{stem}.json"),
            Format::Brat => format!("{stem}.ann"),
            Format::Text => format!("{stem}.txt"),
            Format::Conll => format!("{stem}.conll"),
            Format::WebAnnotation => format!("{stem}.jsonld"),
            Format::CsvEntities => format!("{stem}-entities.csv"),
            Format::CsvClaims => format!("{stem}-claims.csv"),
            Format::Html => format!("{stem}.html"),
        }
    }

    /// The file's MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::WebAnnotation => "application/ld+json",
            Format::CsvEntities | Format::CsvClaims => "text/csv",
            Format::Html => "text/html",
            Format::Brat | Format::Text | Format::Conll => "text/plain",
        }
    }

    /// The file's contents.
    pub fn render(self, name: &str, text: &str, view: &View) -> String {
        match self {
            Format::Json => json::export(name, text, view),
            Format::Brat => brat::export(text, view),
            Format::Text => brat::plain_text(text),
            Format::Conll => conll::export(text, view),
            Format::WebAnnotation => webanno::export(name, text, view),
            Format::CsvEntities => csv::entities(text, view),
            Format::CsvClaims => csv::claims(text, view),
            Format::Html => html::report(name, text, view),
        }
    }
}

/// A file name stem for a document name: letters, digits, `-` and `_`,
/// other runs as one `-`, at most 60 characters; "sift" when nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            stem.push(c);
        } else if !stem.ends_with('-') {
            stem.push('-');
        }
    }
    let stem: String = stem.trim_matches('-').chars().take(60).collect();
    if stem.is_empty() {
        "sift".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sift_core::formats::model_view;
    use sift_core::{Annotation, Entity, Label};

    #[test]
    fn names_and_contents() {
        assert_eq!(file_stem("Iran: denies / “all”"), "Iran-denies-all");
        assert_eq!(file_stem("///"), "sift");
        assert_eq!(Format::CsvClaims.file_name("a b"), "a-b-claims.csv");
        let ids: std::collections::HashSet<_> = Format::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(ids.len(), Format::ALL.len());
        let text = "Iran denied it.";
        let view = model_view(&Annotation {
            entities: vec![Entity {
                range: 0..4,
                label: Label::Gpe,
            }],
            claims: vec![],
        });
        for f in Format::ALL {
            let out = f.render("doc", text, &view);
            assert!(!out.is_empty(), "{f:?}");
        }
        assert!(Format::Conll
            .render("doc", text, &view)
            .starts_with("Iran\tB-GPE\n"));
    }
}
