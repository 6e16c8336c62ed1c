//! Rust ports of the reference scorers in `shared/tools`.
//!
//! [`ner`] ports `score_ner.py` and [`claims`] ports `score_claims.py`. Each
//! `Report::render` prints byte for byte what the script prints, so Sift's
//! own evaluation can quote figures that are comparable with the reference
//! table in `shared/data/README.md`. The scripts stay the specification: the
//! agreement test (`tests/agreement.rs`) runs both on the same inputs.

use std::borrow::Cow;

pub mod claims;
pub mod ner;
pub mod pychar;
pub mod syntax;

/// Precision, recall and F1 as fractions in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// Harmonic mean of `p` and `r`.
    pub f1: f64,
}

impl Prf {
    /// The scripts' `prf(tp_p, n_pred, tp_r, n_gold)`: `tp_p` of `n_pred`
    /// predictions are correct and `tp_r` of `n_gold` gold items are found;
    /// an empty denominator gives 0.
    pub fn new(tp_p: usize, n_pred: usize, tp_r: usize, n_gold: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (ratio(tp_p, n_pred), ratio(tp_r, n_gold));
        // Same operations in the same order as Python's `2 * p * r / (p + r)`,
        // so that the printed (rounded) figures agree to the last digit.
        let f1 = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f1 }
    }
}

/// What Python's text mode makes of a file's content: `\r\n` and lone `\r`
/// become `\n`. The scripts read files that way, so offsets count the
/// translated text.
pub(crate) fn universal_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_handles_empty_denominators() {
        assert_eq!(Prf::new(0, 0, 0, 0), Prf::default());
        assert_eq!(Prf::new(0, 3, 0, 2), Prf::default());
        let x = Prf::new(1, 2, 1, 4);
        assert_eq!((x.p, x.r), (0.5, 0.25));
        assert!((x.f1 - 1.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn rounding_matches_python_half_even() {
        // Python: f"{x:.2f}" for these exact binary ties.
        assert_eq!(format!("{:.2}", 0.125), "0.12");
        assert_eq!(format!("{:.2}", 0.375), "0.38");
        assert_eq!(format!("{:.0}", 2.5), "2");
    }

    #[test]
    fn newlines_translated_like_python_text_mode() {
        assert_eq!(universal_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(universal_newlines("a\nb"), Cow::Borrowed(_)));
    }
}
