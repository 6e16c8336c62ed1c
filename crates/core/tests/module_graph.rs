//! The shape of `sift-core`, checked from its sources: no module imports
//! one that imports it back (directly or round a longer loop), and the
//! stages depend only on the stages before them.
//!
//! A module here is one file (`ner/beam.rs` is `ner::beam`, `ner/mod.rs`
//! is `ner`). An edge is any `use crate::…`, `use super::…`, `use self::…`
//! or a child module named from its parent, and any `crate::…` or
//! `super::…` path written inline. Test code (from a file's first
//! `#[cfg(test)]` on, and `tests.rs` files) is left out: a test may drive
//! the whole pipeline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules in the order data flows through them. A module
/// may use its own top-level module and the ones on earlier lines only.
const LAYERS: &[&[&str]] = &[
    &["error", "text", "language", "testgen"],
    &["annotation", "linear"],
    &["blocks"],
    &["tokenize"],
    &["syntax"],
    &["ner"],
    &["claims"],
    &["pipeline"],
    &["doc"],
    &["formats"],
];

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every source file of the crate, by module path ("" for `lib.rs`).
fn modules(src: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(&path, src, out);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(src)
                .expect("under src")
                .with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "tests") {
                continue;
            }
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            out.insert(parts.join("::"), text);
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// The code of a file without its tests and comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = String::new();
    for line in text.lines() {
        // A `//` inside a string literal is not a comment.
        let mut in_string = false;
        let mut cut = line.len();
        let bytes = line.as_bytes();
        for i in 0..bytes.len() {
            match bytes[i] {
                b'"' if i == 0 || bytes[i - 1] != b'\\' => in_string = !in_string,
                b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The paths a use tree names: `a::{b, c::{d, e as f}}` gives `a::b`,
/// `a::c::d` and `a::c::e`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or_default().trim();
        out.push(format!("{prefix}{path}"));
        return;
    };
    let head = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut from) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&inner[from..i], &format!("{prefix}{head}"), out);
                from = i + 1;
            }
            _ => {}
        }
    }
    if !inner[from..].trim().is_empty() {
        expand(&inner[from..], &format!("{prefix}{head}"), out);
    }
}

/// Every path the code names that may lead into the crate.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = code
        .match_indices(|c: char| !(c.is_alphanumeric() || c == '_'))
        .scan(0, |start, (i, sep)| {
            let word = (*start, &code[*start..i]);
            *start = i + sep.len();
            Some(word)
        })
        .collect();
    for &(at, word) in &words {
        if word == "use" {
            let rest = &code[at + 3..];
            if let Some(end) = rest.find(';') {
                let tree: String = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
                // `pub use` and `use` alike; `use` as part of a longer word never matches.
                let tree = tree.replace(" :: ", "::").replace(":: ", "::");
                expand(&tree, "", &mut out);
            }
        }
        // `pub(crate)` names no module: a path goes on with `::`.
        if (word == "crate" || word == "super") && code[at + word.len()..].starts_with("::") {
            let rest = &code[at..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(':');
            // `super::{a, b}` is a use tree, read above; `crate::internal!`
            // is the root's module-declaring macro, not a use of a module.
            let is_macro = rest[end..].starts_with('!');
            if path != word && !is_macro {
                out.push(path.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Which module of the crate, if any, `path` leads into from module `me`.
fn resolve(path: &str, me: &[&str], modules: &BTreeMap<String, String>) -> Option<String> {
    let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let (first, rest) = segs.split_first()?;
    let full: Vec<&str> = match *first {
        "crate" => rest.to_vec(),
        "self" => me.iter().copied().chain(rest.iter().copied()).collect(),
        "super" => {
            let mut base = me.to_vec();
            let mut rest = &segs[..];
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
            base.into_iter().chain(rest.iter().copied()).collect()
        }
        // A child module named from its parent (`use beam::Beam;`).
        _ => {
            let full: Vec<&str> = me.iter().copied().chain(segs.iter().copied()).collect();
            if !modules.contains_key(&full[..=me.len()].join("::")) {
                return None;
            }
            full
        }
    };
    (0..=full.len())
        .rev()
        .map(|k| full[..k].join("::"))
        .find(|m| modules.contains_key(m))
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    assert!(
        modules.len() > 40,
        "read {} modules from {src:?}",
        modules.len()
    );
    let mut graph = Graph::new();
    for (name, text) in &modules {
        let me: Vec<&str> = name.split("::").filter(|s| !s.is_empty()).collect();
        let edges = graph.entry(name.clone()).or_default();
        for path in paths(&code(text)) {
            if let Some(to) = resolve(&path, &me, &modules) {
                if &to != name {
                    edges.insert(to);
                }
            }
        }
    }
    graph
}

/// A loop of modules, each importing the next, if there is one.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|n| n == next).unwrap_or(0);
                    let mut found = stack[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Mark::New => {
                    if let Some(found) = visit(next, graph, marks, stack) {
                        return Some(found);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(found) = visit(node, graph, &mut marks, &mut Vec::new()) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    if let Some(found) = cycle(&graph) {
        panic!("an import cycle: {}", found.join(" → "));
    }
}

#[test]
fn stages_use_only_the_stages_before_them() {
    let layer = |module: &str| {
        let top = module.split("::").next().unwrap_or_default();
        LAYERS.iter().position(|l| l.contains(&top))
    };
    let mut wrong = Vec::new();
    for (from, edges) in graph() {
        if from.is_empty() {
            continue; // lib.rs names everything
        }
        let Some(here) = layer(&from) else {
            wrong.push(format!("{from} is in no layer of LAYERS"));
            continue;
        };
        for to in edges {
            let same_top = from.split("::").next() == to.split("::").next();
            if !same_top && layer(&to).is_none_or(|there| there >= here) {
                wrong.push(format!("{from} uses {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "against the flow of data: {wrong:#?}");
}

/// The checker itself finds what it is meant to find.
#[test]
fn the_checker_sees_uses_and_loops() {
    let mut out = Vec::new();
    expand(
        "crate::ner::{self, beam::Beam, features::{hash as h, mix}}",
        "",
        &mut out,
    );
    assert_eq!(
        out,
        [
            "crate::ner::self",
            "crate::ner::beam::Beam",
            "crate::ner::features::hash",
            "crate::ner::features::mix"
        ]
    );
    let code = code("use super::a; // use crate::b;\npub(crate) fn f() { crate::c::g(\"//\"); }\ncrate::m! {}\n#[cfg(test)]\nuse crate::d;");
    assert_eq!(paths(&code), ["crate::c::g", "super::a"]);
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle(&g).map(|c| c.len()), Some(4));
}
