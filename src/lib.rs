//! Sift's web app: paste a news article and see its named entities and its
//! claims (who says what, how firmly) highlighted inline. Everything runs in
//! the browser; the entity model is fetched lazily from the page's own
//! origin.
//!
//! The rules live in plain modules tested natively ([`render`] turns
//! overlapping spans into nested elements, [`summary`], [`files`],
//! [`state`]); [`components`] only wire signals to the DOM, and [`dom`]
//! holds the few direct web-sys calls.

pub mod app;
pub mod browser;
pub mod chunked;
pub mod components;
pub mod crash;
pub mod dom;
pub mod exports;
pub mod files;
pub mod keys;
pub mod ledger;
pub mod library;
pub mod render;
pub mod share;
pub mod state;
pub mod summary;
pub mod workbench;

pub use app::App;

/// The article the app opens with.
pub const SAMPLE: &str = include_str!("../assets/sample.txt");
