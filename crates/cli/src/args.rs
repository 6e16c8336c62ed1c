//! A small argument reader: positionals in order, `--flag value` options.

use anyhow::{bail, Context, Result};

/// The command line after the program name.
pub struct Args {
    rest: Vec<String>,
}

impl Args {
    pub fn from_env() -> Self {
        Args {
            rest: std::env::args().skip(1).collect(),
        }
    }

    /// The next argument that is not an option or an option's value.
    pub fn next_positional(&mut self) -> Option<String> {
        let mut j = 0;
        while j < self.rest.len() {
            if self.rest[j].starts_with("--") {
                j += 2;
            } else {
                return Some(self.rest.remove(j));
            }
        }
        None
    }

    /// The value of `--name VALUE`, removed from the list.
    pub fn option(&mut self, name: &str) -> Result<Option<String>> {
        let flag = format!("--{name}");
        let Some(i) = self.rest.iter().position(|a| *a == flag) else {
            return Ok(None);
        };
        if i + 1 >= self.rest.len() {
            bail!("{flag} needs a value");
        }
        self.rest.remove(i);
        Ok(Some(self.rest.remove(i)))
    }

    /// Whether `--name` (an option without a value) is given; removed.
    pub fn flag(&mut self, name: &str) -> bool {
        let flag = format!("--{name}");
        match self.rest.iter().position(|a| *a == flag) {
            Some(i) => {
                self.rest.remove(i);
                true
            }
            None => false,
        }
    }

    /// A numeric option with a default.
    pub fn number<T: std::str::FromStr>(&mut self, name: &str, default: T) -> Result<T>
    where
        T::Err: std::error::Error + Send + Sync + 'static,
    {
        match self.option(name)? {
            Some(v) => v
                .parse()
                .with_context(|| format!("--{name} {v:?} is not a number")),
            None => Ok(default),
        }
    }

    /// Fails if anything is left unread.
    pub fn finish(self) -> Result<()> {
        if !self.rest.is_empty() {
            bail!("unexpected arguments: {}", self.rest.join(" "));
        }
        Ok(())
    }
}
