//! Turns overlapping spans (entities, claim parts, hedges) into what the
//! page draws, in plain Rust and without a browser:
//!
//! - [`tree`]: the tree of nested elements that reproduces the text exactly
//!   (the rules, with a worked example, are documented there);
//! - [`piece`]: the [`Piece`]s the article is cut into, each drawn on its
//!   own;
//! - [`schedule`]: [`next_step`], which draws a change a slice at a time.

mod piece;
mod schedule;
mod tree;

pub use piece::{pieces, Piece};
pub use schedule::next_step;
pub use tree::{build, text_of, Filter, Node, ShowAll};
