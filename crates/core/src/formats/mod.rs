//! Reading and writing annotations in other tools' formats.

pub mod brat;
pub mod json;
