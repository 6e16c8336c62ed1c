//! A standalone HTML report: the text with its entities highlighted and
//! labelled, then the claim ledger (who said what, how, how firmly) as a
//! table. One file, no scripts, no requests: styles are inline, and a
//! print stylesheet keeps the colours and avoids splitting rows. Every
//! piece of the text is escaped. Export only.

use std::fmt::Write;
use std::ops::Range;

use crate::annotation::Label;
use crate::doc::{Provenance, View};

/// `s` with `&`, `<`, `>`, `"` and `'` escaped, for text and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn hue(label: Label) -> usize {
    label.index() * 360 / Label::ALL.len()
}

const STYLE: &str = "body{font:16px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font:600 1.5rem system-ui,sans-serif}h2{font:600 1.1rem system-ui,sans-serif;margin-top:2rem}\
.meta{color:#555;font:0.9rem system-ui,sans-serif}.text{white-space:pre-wrap;unicode-bidi:plaintext}\
mark{border-radius:3px;padding:0 1px;color:inherit}mark::after{content:attr(data-label);font:600 0.6rem system-ui,sans-serif;margin-left:2px;vertical-align:super}\
mark[data-source=user]{outline:1px dashed #333}\
table{border-collapse:collapse;width:100%;font:0.9rem system-ui,sans-serif}th,td{border:1px solid #ccc;padding:4px 6px;text-align:start;vertical-align:top;unicode-bidi:plaintext}\
@media print{body{margin:0;max-width:none}mark,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}h2{break-after:avoid}}";

fn quoted(text: &str, ranges: &[Range<usize>]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| escape(text.get(r.clone()).unwrap_or_default()))
        .collect();
    parts.join(" … ")
}

/// The report for `text` and `view`, titled `title`.
pub fn report(title: &str, text: &str, view: &View) -> String {
    let ann = &view.annotation;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{t}</h1>\n<p class=\"meta\">{} entities, {} claims. Dashed outlines mark annotations made or changed by hand.</p>\n<h2>Text</h2>\n<article class=\"text\" dir=\"auto\">",
        ann.entities.len(),
        ann.claims.len(),
        t = escape(title),
    );
    // Entities come outer first; a nested one (from edits) opens inside the
    // mark that contains it. `open` holds the ends of the open marks.
    let mut at = 0;
    let mut open: Vec<usize> = Vec::new();
    let close = |out: &mut String, at: &mut usize, end: usize| {
        out.push_str(&escape(text.get(*at..end).unwrap_or_default()));
        out.push_str("</mark>");
        *at = end;
    };
    for (e, p) in ann.entities.iter().zip(&view.entities) {
        while let Some(&end) = open.last().filter(|&&end| end <= e.range.start) {
            close(&mut out, &mut at, end);
            open.pop();
        }
        let inside = open.last().is_none_or(|&end| e.range.end <= end);
        let Some(before) = text.get(at..e.range.start).filter(|_| inside) else {
            continue;
        };
        if text.get(e.range.clone()).is_none_or(str::is_empty) {
            continue;
        }
        out.push_str(&escape(before));
        let _ = write!(
            out,
            "<mark data-label=\"{l}\" data-source=\"{s}\" style=\"background:hsl({h} 80% 85%)\" title=\"{l}\">",
            l = e.label.as_str(),
            s = p.as_str(),
            h = hue(e.label),
        );
        at = e.range.start;
        open.push(e.range.end);
    }
    while let Some(end) = open.pop() {
        close(&mut out, &mut at, end);
    }
    out.push_str(&escape(text.get(at..).unwrap_or_default()));
    out.push_str("</article>\n<h2>Claims</h2>\n");
    if ann.claims.is_empty() {
        out.push_str("<p class=\"meta\">No claims.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th>#</th><th>Kind</th><th>Source</th><th>Cue</th><th>Content</th><th>Hedges</th><th>By</th></tr></thead>\n<tbody>\n");
        for (n, (c, p)) in ann.claims.iter().zip(&view.claims).enumerate() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                n + 1,
                c.kind.as_str(),
                quoted(text, &c.source),
                quoted(text, &c.cue),
                quoted(text, &c.content),
                quoted(text, &c.hedges),
                if *p == Provenance::User { "annotator" } else { "model" },
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // a claim part is a list of ranges
mod tests {
    use super::*;
    use crate::annotation::ClaimKind;
    use crate::annotation::{Annotation, Claim, Entity};
    use crate::formats::model_view;

    #[test]
    fn escapes_everything_and_keeps_the_text() {
        let text = "<script>x</script> & Iran \"denied\" it's";
        let ann = Annotation {
            entities: vec![Entity {
                range: 21..25,
                label: Label::Gpe,
            }],
            claims: vec![Claim {
                kind: ClaimKind::Denial,
                source: vec![21..25],
                cue: vec![26..34],
                content: vec![0..18],
                hedges: vec![],
                source_entity: None,
            }],
        };
        let mut view = model_view(&ann);
        view.entities[0] = Provenance::User;
        let html = report("A <b>title</b>", text, &view);
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("<title>A &lt;b&gt;title&lt;/b&gt;</title>"));
        assert!(html.contains(
            "&lt;script&gt;x&lt;/script&gt; &amp; <mark data-label=\"GPE\" data-source=\"user\" style=\"background:hsl(80 80% 85%)\" title=\"GPE\">Iran</mark> &quot;denied&quot; it&#39;s</article>"
        ), "{html}");
        assert!(html.contains("<td>denial</td><td>Iran</td><td>&quot;denied&quot;</td><td>&lt;script&gt;x&lt;/script&gt;</td>"));
        assert!(html.contains("@media print"));
        assert!(!html.contains("http"), "no requests to other origins");
    }

    #[test]
    fn nested_entities_nest_in_the_report() {
        let text = "The Paris Court ruled.";
        let ann = Annotation {
            entities: vec![
                Entity {
                    range: 4..15,
                    label: Label::Org,
                },
                Entity {
                    range: 4..9,
                    label: Label::Gpe,
                },
            ],
            claims: vec![],
        };
        let html = report("t", text, &model_view(&ann));
        let mark = |l: &str, h: usize| {
            format!("<mark data-label=\"{l}\" data-source=\"model\" style=\"background:hsl({h} 80% 85%)\" title=\"{l}\">")
        };
        let want = format!(
            "<article class=\"text\" dir=\"auto\">The {}{}Paris</mark> Court</mark> ruled.</article>",
            mark("ORG", hue(Label::Org)),
            mark("GPE", hue(Label::Gpe))
        );
        assert!(html.contains(&want), "{html}");
    }
}
