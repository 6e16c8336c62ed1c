//! `sift._sift`: the Python binding of Sift's core.
//!
//! The models are compiled into the extension, so `import sift` needs no
//! download. Records have the CLI's JSON schema (offsets in code points, which
//! is how Python indexes a `str`), without the `id`: Python callers keep their
//! own ids beside the list. Annotation runs with the GIL released.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::Value;
use sift_core::formats::json;
use sift_core::Annotator;

/// The longest text accepted, in code points: five times the 2 MB paste the
/// page is tested with, and half of what Spark's JSON reader takes in one
/// string. A stray file or a whole corpus joined into one string is refused
/// instead of held for minutes.
pub const MAX_CHARS: usize = 10_000_000;

const NER_MODEL: &[u8] = include_bytes!("../../../models/ner.bin");
const CLAIMS_MODEL: &[u8] = include_bytes!("../../../models/claims.bin");
const SYNTAX_MODEL: &[u8] = include_bytes!("../../../models/syntax.bin");

/// The annotator, loaded once per process (once per Spark executor worker).
fn annotator() -> PyResult<&'static Annotator> {
    static ANNOTATOR: OnceLock<Result<Annotator, String>> = OnceLock::new();
    ANNOTATOR
        .get_or_init(|| {
            let ner = sift_core::ner::Model::from_bytes(NER_MODEL)
                .map_err(|e| format!("loading the entity model: {e}"))?;
            let claims = sift_core::claims::Model::from_bytes(CLAIMS_MODEL)
                .map_err(|e| format!("loading the claims model: {e}"))?;
            // The claims model reads the parse; without it the pipeline would
            // fall back to rules and disagree with `sift annotate`.
            let syntax = sift_core::syntax::Model::from_bytes(SYNTAX_MODEL)
                .map_err(|e| format!("loading the syntax model: {e}"))?;
            Ok(Annotator::new(ner).with_claims(claims).with_syntax(syntax))
        })
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(e.clone()))
}

/// The text of one item, or the error naming it (`what`: "text" or "item 3").
fn text_of<'a>(item: &'a Bound<'_, PyAny>, what: &str) -> PyResult<std::borrow::Cow<'a, str>> {
    let s = item.cast::<PyString>().map_err(|_| {
        let ty = item
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        PyTypeError::new_err(format!("{what}: expected str, got {ty}"))
    })?;
    let text = s.to_cow().map_err(|_| {
        PyValueError::new_err(format!(
            "{what}: not valid Unicode (a lone surrogate code point); \
             decode the source with errors=\"replace\" first"
        ))
    })?;
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(PyValueError::new_err(format!(
            "{what}: {chars} characters is over the limit of {MAX_CHARS}; split it into documents"
        )));
    }
    Ok(text)
}

/// One text's record, as the CLI writes it less the id.
fn record(annotator: &Annotator, text: &str) -> Value {
    let mut value = json::to_value("", text, &annotator.annotate(text));
    if let Some(obj) = value.as_object_mut() {
        obj.remove("id");
    }
    value
}

fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any(),
            None => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// annotate(text) -> dict: the entities and claims of one text.
#[pyfunction]
fn annotate<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let annotator = annotator()?;
    let text = text_of(text, "text")?.into_owned();
    let value = py.detach(|| record(annotator, &text));
    to_python(py, &value)
}

/// annotate_many(texts, jobs=None) -> list[dict]: one record per text, in
/// order, on `jobs` threads (default: every core). Every item is checked
/// before any is annotated, so a bad one fails fast and names its index.
#[pyfunction]
#[pyo3(signature = (texts, jobs = None))]
fn annotate_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    jobs: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let annotator = annotator()?;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts: expected a list of str, got one str (use annotate for a single text)",
        ));
    }
    let mut owned: Vec<String> = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        owned.push(text_of(&item?, &format!("item {i}"))?.into_owned());
    }
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs: must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let values = py.detach(|| annotate_parallel(annotator, &owned, jobs));
    let list = PyList::empty(py);
    for v in &values {
        list.append(to_python(py, v)?)?;
    }
    Ok(list)
}

/// Records for `texts` in order. Threads take the next text as they finish
/// one, so a few long texts do not leave the other threads idle.
fn annotate_parallel(annotator: &Annotator, texts: &[String], jobs: usize) -> Vec<Value> {
    let jobs = jobs.min(texts.len()).max(1);
    if jobs == 1 {
        return texts.iter().map(|t| record(annotator, t)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Value>> = vec![None; texts.len()];
    let parts: Vec<Vec<(usize, Value)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(i) else { break };
                        done.push((i, record(annotator, text)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for (i, v) in parts.into_iter().flatten() {
        slots[i] = Some(v);
    }
    // A slot can only stay empty if a thread panicked; annotate it here, so
    // the panic (not a silent gap) is what the caller sees.
    slots
        .into_iter()
        .zip(texts)
        .map(|(v, t)| v.unwrap_or_else(|| record(annotator, t)))
        .collect()
}

#[pymodule]
fn _sift(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_many, m)?)?;
    m.add("MAX_CHARS", MAX_CHARS)?;
    Ok(())
}
