//! The ways a claim can be made.

use std::fmt;
use std::str::FromStr;

/// How a source makes a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    /// say, tell, add, note
    Statement,
    /// accuse, blame, charge
    Accusation,
    /// deny, reject, dismiss
    Denial,
    /// claim, insist, maintain
    Assertion,
    /// report, according to, reveal
    Report,
    /// believe, hope, want, fear, expect
    Belief,
    /// pledge, vow, promise
    Promise,
}

impl ClaimKind {
    /// Every kind, in display order.
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Statement,
        ClaimKind::Accusation,
        ClaimKind::Denial,
        ClaimKind::Assertion,
        ClaimKind::Report,
        ClaimKind::Belief,
        ClaimKind::Promise,
    ];

    /// The kind's name in exports, e.g. `accusation`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Statement => "statement",
            ClaimKind::Accusation => "accusation",
            ClaimKind::Denial => "denial",
            ClaimKind::Assertion => "assertion",
            ClaimKind::Report => "report",
            ClaimKind::Belief => "belief",
            ClaimKind::Promise => "promise",
        }
    }
}

impl fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClaimKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ClaimKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown claim kind {s:?}"))
    }
}
