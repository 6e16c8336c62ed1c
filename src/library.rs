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
}

/// The key of the index.
pub const INDEX_KEY: &str = "sift-library";

/// The key of a saved document.
pub fn doc_key(id: &str) -> String {
    format!("sift-doc-{id}")
}

/// One document in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id (the storage key's suffix).
    pub id: String,
    /// The name the reader sees and can change.
    pub name: String,
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

impl Library {
    /// Reads the index; `None` when there is none or it is unreadable.
    pub fn load(store: &dyn Store) -> Option<Library> {
        let lib: Library = serde_json::from_str(&store.get(INDEX_KEY)?).ok()?;
        (!lib.docs.is_empty()).then_some(lib)
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

    /// Removes document `id`; if it was current, the previous one (or the
    /// next) becomes current. Returns the new current id, `None` when the
    /// list is now empty.
    pub fn remove(&mut self, id: &str) -> Option<String> {
        let at = self.docs.iter().position(|e| e.id == id)?;
        self.docs.remove(at);
        if self.current == id {
            self.current = self
                .docs
                .get(at.saturating_sub(1))
                .map(|e| e.id.clone())
                .unwrap_or_default();
        }
        (!self.docs.is_empty()).then(|| self.current.clone())
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
        let back = Library::load(&store).unwrap();
        assert_eq!(back, lib);
        assert_eq!(Library::load_doc(&store, &back.current), Some(doc));
        store.set(INDEX_KEY, "{broken").unwrap();
        assert_eq!(Library::load(&store), None);
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
}
