//! What can go wrong reading training and evaluation data.

use std::fmt::Display;

/// An error in a data file, naming where it is.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line that cannot be read; `file` says which file when one
    /// function reads two ("gold ", "prediction "), else it is empty.
    #[error("{file}line {line}: {message}")]
    Line {
        /// "gold ", "prediction " or "".
        file: &'static str,
        /// 1-based.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A file that cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file whose content is not what was expected (not UTF-8, not gzip).
    #[error("{path}: {message}")]
    Content {
        /// The file.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// An error inside the file or folder `path`.
    #[error("{path}: {source}")]
    In {
        /// The file or folder.
        path: String,
        /// The error there.
        #[source]
        source: Box<Error>,
    },
}

impl Error {
    /// An error at 1-based `line`.
    pub fn line(line: usize, message: impl Display) -> Error {
        Error::Line {
            file: "",
            line,
            message: message.to_string(),
        }
    }

    /// This error, said to be inside `path`.
    pub fn inside(self, path: impl Display) -> Error {
        Error::In {
            path: path.to_string(),
            source: Box::new(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place() {
        assert_eq!(Error::line(3, "no text").to_string(), "line 3: no text");
        let e = Error::Line {
            file: "gold ",
            line: 2,
            message: "no id".into(),
        };
        assert_eq!(e.inside("dev").to_string(), "dev: gold line 2: no id");
    }
}
