//! The core's one error type.

/// What can go wrong in the core. Nothing here panics on bad input; it
/// returns one of these instead.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// A model file does not start with the expected magic line.
    #[error("not a Sift model file (expected it to start with {expected:?})")]
    BadMagic {
        /// The magic line that was expected.
        expected: &'static str,
    },
    /// A model file has a format version this build cannot read.
    #[error("model format version {found} is not supported (this build reads {supported})")]
    BadVersion {
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// A model file ended before its body was complete.
    #[error("model file is truncated: {0}")]
    Truncated(&'static str),
    /// A model file is internally inconsistent.
    #[error("model file is corrupt: {0}")]
    Corrupt(String),
    /// An input line or record could not be read.
    #[error("line {line}: {message}")]
    Parse {
        /// 1-based line number in the input.
        line: usize,
        /// What was wrong with it.
        message: String,
    },
    /// A record (a saved document, a share link) is malformed; the message
    /// says where inside it, by key or by character, not by line (such
    /// records are one line).
    #[error("{0}")]
    Invalid(String),
    /// A span does not fit the text: out of bounds, reversed, empty, only
    /// whitespace, or not on character boundaries.
    #[error("span {start}..{end} does not fit the text ({len} bytes)")]
    BadSpan {
        /// Start byte.
        start: usize,
        /// End byte.
        end: usize,
        /// The text's length in bytes.
        len: usize,
    },
    /// An edit names an entity or claim that is not there.
    #[error("there is no {what} number {index}")]
    NoSuch {
        /// What was looked for ("entity", "claim").
        what: &'static str,
        /// The index asked for.
        index: usize,
    },
}
