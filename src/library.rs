//! The reader's documents, kept in the browser's storage: an index of
//! names (`sift-library`) and one saved [`Document`] per entry
//! (`sift-doc-<id>`). Storage is behind the [`Store`] trait so the rules
//! are tested natively; `browser::LocalStorage` is the real one.

use serde::{Deserialize, Serialize};
use sift_core::doc::Document;

/// Key-value storage that can fail (full, disabled, private mode).
pub trait Store {
    /// The value under `key`, if any (and if storage can be read).
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), String>;
    /// Removes `key`.
    fn remove(&self, key: &str);
    /// Every key in storage (empty when storage cannot be read).
    fn keys(&self) -> Vec<String>;
}

/// The key of the index.
pub const INDEX_KEY: &str = "sift-library";

/// The key of a saved document.
pub fn doc_key(id: &str) -> String {
    format!("{DOC_PREFIX}{id}")
}

/// What every saved document's key starts with.
const DOC_PREFIX: &str = "sift-doc-";

/// One document in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id (the storage key's suffix).
    pub id: String,
    /// The name the reader sees and can change.
    pub name: String,
    /// Whether its stored document cannot be read (found at load, never
    /// stored: a document repaired by hand opens again).
    #[serde(skip)]
    pub damaged: bool,
}

/// The list of documents and which one is open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Library {
    /// The documents, oldest first.
    pub docs: Vec<Entry>,
    /// The open document's id.
    pub current: String,
}

/// A name for a new document: its first words, else "Untitled".
pub fn default_name(text: &str) -> String {
    let mut name = String::new();
    for word in text.split_whitespace() {
        if name.chars().count() + word.chars().count() > 40 {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if name.is_empty() {
        text.split_whitespace()
            .next()
            .map(|w| w.chars().take(40).collect())
            .unwrap_or_else(|| "Untitled".into())
    } else {
        name
    }
}

/// What [`Library::open`] found wrong and mended, for the notice at load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repairs {
    /// The index was missing or unreadable while documents were stored.
    pub rebuilt: bool,
    /// Listed names whose document is not in storage (dropped from the list).
    pub missing: Vec<String>,
    /// Stored documents the index did not list (added to it).
    pub found: usize,
    /// Names of stored documents that cannot be read (kept, listed as damaged).
    pub damaged: Vec<String>,
}

impl Repairs {
    /// What to tell the reader, if anything was wrong.
    pub fn message(&self) -> Option<String> {
        let mut said = Vec::new();
        if self.rebuilt {
            said.push(format!(
                "The list of documents in this browser's storage could not be read, so it was rebuilt from the {} stored {}; their names may have changed.",
                self.found,
                plural(self.found, "document", "documents")
            ));
        } else if self.found > 0 {
            said.push(format!(
                "{} stored {} missing from the document list {} added to it.",
                self.found,
                plural(self.found, "document was", "documents were"),
                plural(self.found, "was", "were")
            ));
        }
        if !self.missing.is_empty() {
            said.push(format!(
                "The list named {} that {} not in storage: {}.",
                plural(self.missing.len(), "a document", "documents"),
                plural(self.missing.len(), "is", "are"),
                quoted(&self.missing)
            ));
        }
        if !self.damaged.is_empty() {
            said.push(format!(
                "{} could not be read: kept in storage and marked damaged in the list; choose {} there to download {} stored text.",
                quoted(&self.damaged),
                plural(self.damaged.len(), "it", "one"),
                plural(self.damaged.len(), "its", "the")
            ));
        }
        (!said.is_empty()).then(|| said.join(" "))
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids of every stored document, in the order they were made (`d2`
/// before `d10`).
fn stored_ids(store: &dyn Store) -> Vec<String> {
    let mut ids: Vec<String> = store
        .keys()
        .into_iter()
        .filter_map(|k| k.strip_prefix(DOC_PREFIX).map(str::to_string))
        .filter(|id| !id.is_empty())
        .collect();
    let number = |id: &str| id.strip_prefix('d').and_then(|n| n.parse::<u64>().ok());
    ids.sort_by(|a, b| {
        (number(a).is_none(), number(a), a).cmp(&(number(b).is_none(), number(b), b))
    });
    ids
}

impl Library {
    /// Reads the index as stored; `None` when there is none or it is
    /// unreadable. [`Library::open`] checks it against the documents.
    fn read_index(store: &dyn Store) -> Option<Library> {
        serde_json::from_str(&store.get(INDEX_KEY)?).ok()
    }

    /// Reads the index and checks it against the stored documents, so that
    /// no stored work is ever hidden or overwritten: an index that is
    /// missing, unreadable or inconsistent is mended from the documents
    /// themselves. Every stored document ends up listed (so [`Library::add`]
    /// never reuses its id); one that cannot be read stays stored and is
    /// listed as damaged. The current document is one that can be read, or
    /// none (`current` empty) when there is no such document.
    pub fn open(store: &dyn Store) -> (Library, Repairs) {
        let stored = stored_ids(store);
        let parsed = Library::read_index(store);
        let mut repairs = Repairs {
            rebuilt: parsed.is_none() && !stored.is_empty(),
            ..Repairs::default()
        };
        let listed = parsed.unwrap_or_default();
        let mut lib = Library {
            docs: Vec::new(),
            current: listed.current,
        };
        for entry in listed.docs {
            if lib.docs.iter().any(|e| e.id == entry.id) {
                continue; // a repeated id: the first entry keeps it
            }
            if stored.contains(&entry.id) {
                lib.docs.push(entry);
            } else {
                repairs.missing.push(entry.name);
            }
        }
        for id in stored {
            if !lib.docs.iter().any(|e| e.id == id) {
                let name = store
                    .get(&doc_key(&id))
                    .and_then(|raw| Document::from_json(&raw).ok())
                    .map(|d| default_name(d.text()))
                    .unwrap_or_else(|| format!("Document {id}"));
                lib.docs.push(Entry {
                    id,
                    name,
                    damaged: false,
                });
                repairs.found += 1;
            }
        }
        for entry in &mut lib.docs {
            entry.damaged = Library::load_doc(store, &entry.id).is_none();
            if entry.damaged {
                repairs.damaged.push(entry.name.clone());
            }
        }
        if !lib.docs.iter().any(|e| e.id == lib.current && !e.damaged) {
            lib.current = lib
                .docs
                .iter()
                .find(|e| !e.damaged)
                .map(|e| e.id.clone())
                .unwrap_or_default();
        }
        (lib, repairs)
    }

    /// The raw stored value of document `id` (to download a damaged one).
    pub fn raw_doc(store: &dyn Store, id: &str) -> Option<String> {
        store.get(&doc_key(id))
    }

    /// Writes the index.
    pub fn save(&self, store: &dyn Store) -> Result<(), String> {
        store.set(INDEX_KEY, &serde_json::to_string(self).unwrap_or_default())
    }

    /// The open document's entry.
    pub fn current(&self) -> Option<&Entry> {
        self.docs.iter().find(|e| e.id == self.current)
    }

    /// Adds a document called `name` and makes it current; returns its id.
    pub fn add(&mut self, name: &str) -> String {
        let n = (1..)
            .find(|n| !self.docs.iter().any(|e| e.id == format!("d{n}")))
            .unwrap_or(0);
        let id = format!("d{n}");
        self.docs.push(Entry {
            id: id.clone(),
            name: name.to_string(),
            damaged: false,
        });
        self.current = id.clone();
        id
    }

    /// Renames document `id` (blank names are refused).
    pub fn rename(&mut self, id: &str, name: &str) -> bool {
        let name = name.trim();
        match self.docs.iter_mut().find(|e| e.id == id) {
            Some(e) if !name.is_empty() => {
                e.name = name.to_string();
                true
            }
            _ => false,
        }
    }

    /// Removes document `id`; if it was current, the nearest one before it
    /// (else after it) that is not damaged becomes current. Returns the new
    /// current id, `None` when no readable document is left.
    pub fn remove(&mut self, id: &str) -> Option<String> {
        let at = self.docs.iter().position(|e| e.id == id)?;
        self.docs.remove(at);
        if self.current == id {
            let before = self.docs[..at].iter().rev();
            self.current = before
                .chain(&self.docs[at..])
                .find(|e| !e.damaged)
                .map(|e| e.id.clone())
                .unwrap_or_default();
        }
        (!self.current.is_empty()).then(|| self.current.clone())
    }

    /// Forgets document `id` in the list only (a damaged one, once its
    /// stored text was taken out).
    pub fn forget(&mut self, id: &str) {
        self.docs.retain(|e| e.id != id);
    }

    /// Reads a saved document.
    pub fn load_doc(store: &dyn Store, id: &str) -> Option<Document> {
        Document::from_json(&store.get(&doc_key(id))?).ok()
    }

    /// Saves a document and the index.
    pub fn save_doc(&self, store: &dyn Store, id: &str, doc: &Document) -> Result<(), String> {
        store.set(&doc_key(id), &doc.to_json())?;
        self.save(store)
    }
}

#[cfg(test)]
pub mod memory {
    //! An in-memory [`Store`] for tests, optionally with a size limit.
    use std::cell::RefCell;
    use std::collections::HashMap;

    use super::Store;

    /// Storage in a map; `limit` bytes in all (values only), like a quota.
    #[derive(Default)]
    pub struct Memory {
        pub map: RefCell<HashMap<String, String>>,
        pub limit: Option<usize>,
    }

    impl Store for Memory {
        fn get(&self, key: &str) -> Option<String> {
            self.map.borrow().get(key).cloned()
        }
        fn set(&self, key: &str, value: &str) -> Result<(), String> {
            let mut map = self.map.borrow_mut();
            let used: usize = map
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(_, v)| v.len())
                .sum();
            if self.limit.is_some_and(|l| used + value.len() > l) {
                return Err("QuotaExceededError".into());
            }
            map.insert(key.to_string(), value.to_string());
            Ok(())
        }
        fn remove(&self, key: &str) {
            self.map.borrow_mut().remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.map.borrow().keys().cloned().collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::Memory;
    use super::*;
    use sift_core::{Annotation, Entity, Label};

    #[test]
    fn names_from_text() {
        assert_eq!(
            default_name("  Iran denied the reports on Monday, officials said in Tehran."),
            "Iran denied the reports on Monday,"
        );
        assert_eq!(default_name(""), "Untitled");
        assert_eq!(default_name(&"x".repeat(50)).chars().count(), 40);
    }

    #[test]
    fn add_rename_remove_switch() {
        let mut lib = Library::default();
        let a = lib.add("A");
        let b = lib.add("B");
        assert_eq!(
            (a.as_str(), b.as_str(), lib.current.as_str()),
            ("d1", "d2", "d2")
        );
        assert!(lib.rename(&a, " Alpha "));
        assert!(!lib.rename(&a, "  "));
        assert_eq!(lib.docs[0].name, "Alpha");
        assert_eq!(lib.remove(&b), Some(a.clone()));
        assert_eq!(lib.current().map(|e| e.name.as_str()), Some("Alpha"));
        assert_eq!(lib.add("C"), "d2", "ids are reused once free");
        assert_eq!(lib.remove("nope"), None);
        lib.remove("d1");
        assert_eq!(lib.remove("d2"), None);
        assert!(lib.docs.is_empty());
    }

    #[test]
    fn saved_documents_restore_exactly() {
        let store = Memory::default();
        let model = Annotation {
            entities: vec![Entity {
                range: 0..4,
                label: Label::Gpe,
            }],
            claims: vec![],
        };
        let mut doc = Document::new("Iran denied it. Tehran too.");
        doc.delete_entity(&doc.view(&model), 0).unwrap();
        doc.add_entity(&doc.view(&model), 16..22, Label::Gpe)
            .unwrap();
        let mut lib = Library::default();
        let id = lib.add("Iran");
        lib.save_doc(&store, &id, &doc).unwrap();
        let back = Library::read_index(&store).unwrap();
        assert_eq!(back, lib);
        assert_eq!(Library::load_doc(&store, &back.current), Some(doc));
        store.set(INDEX_KEY, "{broken").unwrap();
        assert_eq!(Library::read_index(&store), None);
    }

    #[test]
    fn full_storage_is_an_error_not_a_loss() {
        let store = Memory {
            limit: Some(100),
            ..Memory::default()
        };
        let mut lib = Library::default();
        let id = lib.add("big");
        let doc = Document::new(&"word ".repeat(100));
        assert!(lib.save_doc(&store, &id, &doc).is_err());
        // The document in memory is untouched; nothing half-written remains.
        assert_eq!(doc.text().len(), 500);
        assert_eq!(store.get(&doc_key(&id)), None);
    }

    fn two_saved(store: &Memory) -> Library {
        let mut lib = Library::default();
        let a = lib.add("Alpha");
        lib.save_doc(store, &a, &Document::new("Alpha text about Iran."))
            .unwrap();
        let b = lib.add("Beta");
        lib.save_doc(store, &b, &Document::new("Beta text about Oslo."))
            .unwrap();
        lib
    }

    fn texts(store: &Memory, lib: &Library) -> Vec<String> {
        lib.docs
            .iter()
            .filter_map(|e| Library::load_doc(store, &e.id).map(|d| d.text().to_string()))
            .collect()
    }

    #[test]
    fn a_sound_index_opens_as_saved() {
        let store = Memory::default();
        let lib = two_saved(&store);
        let (back, repairs) = Library::open(&store);
        assert_eq!(back, lib);
        assert_eq!(repairs, Repairs::default());
        assert_eq!(repairs.message(), None);
        assert_eq!(Library::open(&Memory::default()).1.message(), None);
    }

    #[test]
    fn an_unreadable_or_missing_index_is_rebuilt_from_the_documents() {
        for index in [Some("{"), Some(r#"{"docs": 3, "current": []}"#), None] {
            let store = Memory::default();
            two_saved(&store);
            match index {
                Some(i) => store.set(INDEX_KEY, i).unwrap(),
                None => store.remove(INDEX_KEY),
            }
            let (mut lib, repairs) = Library::open(&store);
            assert!(repairs.rebuilt, "{index:?}");
            assert_eq!(repairs.found, 2);
            assert!(repairs
                .message()
                .unwrap()
                .contains("rebuilt from the 2 stored documents"));
            assert_eq!(
                texts(&store, &lib),
                ["Alpha text about Iran.", "Beta text about Oslo."]
            );
            assert_eq!(lib.current, "d1");
            // A new document never takes a stored one's id.
            assert_eq!(lib.add("Sample article"), "d3");
        }
    }

    #[test]
    fn an_inconsistent_index_is_mended() {
        let store = Memory::default();
        two_saved(&store);
        let d10 = Document::new("Ten.");
        store.set(&doc_key("d10"), &d10.to_json()).unwrap();
        store
            .set(
                INDEX_KEY,
                r#"{"docs":[{"id":"d9","name":"Gone"},{"id":"d2","name":"Beta"},{"id":"d2","name":"Again"}],"current":"d9"}"#,
            )
            .unwrap();
        let (lib, repairs) = Library::open(&store);
        let names: Vec<_> = lib.docs.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Beta", "Alpha text about Iran.", "Ten."]);
        assert_eq!(lib.current, "d2", "the current id was missing");
        assert_eq!(repairs.missing, ["Gone"]);
        assert_eq!(repairs.found, 2);
        assert!(!repairs.rebuilt);
        let message = repairs.message().unwrap();
        assert!(message.contains("“Gone”"), "{message}");
        assert!(
            message.contains("2 stored documents were missing"),
            "{message}"
        );
    }

    #[test]
    fn a_damaged_document_stays_stored_and_listed() {
        let store = Memory::default();
        two_saved(&store);
        store.set(&doc_key("d1"), "{\"version\": 1, \"te").unwrap();
        let (mut lib, repairs) = Library::open(&store);
        assert_eq!(repairs.damaged, ["Alpha"]);
        assert!(lib.docs[0].damaged && !lib.docs[1].damaged);
        assert_eq!(lib.current, "d2", "a damaged document is never opened");
        assert!(repairs
            .message()
            .unwrap()
            .contains("“Alpha” could not be read"));
        assert_eq!(
            Library::raw_doc(&store, "d1").as_deref(),
            Some("{\"version\": 1, \"te")
        );
        // Saving the index does not mark it sound, and it is never
        // overwritten by a new document.
        lib.save(&store).unwrap();
        assert!(Library::open(&store).0.docs[0].damaged);
        assert_eq!(lib.add("New"), "d3");
        // Removing the open document moves to a readable one, or to none.
        assert_eq!(lib.remove("d3"), Some("d2".into()));
        assert_eq!(lib.remove("d2"), None);
        assert_eq!(lib.docs.len(), 1);
        lib.forget("d1");
        assert!(lib.docs.is_empty());
        // Only damaged documents: none is current.
        let store = Memory::default();
        store.set(&doc_key("d1"), "garbage").unwrap();
        let (lib, repairs) = Library::open(&store);
        assert_eq!((lib.current.as_str(), lib.docs.len()), ("", 1));
        assert!(repairs.rebuilt);
        assert_eq!(lib.docs[0].name, "Document d1");
    }
}
