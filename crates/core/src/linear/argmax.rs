//! Picking the best tag from a row of scores.

/// The highest-scoring allowed tag.
pub fn best<T: PartialOrd + Copy>(scores: &[T], allowed: &dyn Fn(u8) -> bool) -> u8 {
    let mut top: Option<(u8, T)> = None;
    for (t, &s) in scores.iter().enumerate() {
        let t = t as u8;
        if allowed(t) && top.is_none_or(|(_, b)| s > b) {
            top = Some((t, s));
        }
    }
    top.map_or(0, |(t, _)| t)
}

/// The highest-scoring tag that `allowed` permits.
pub fn best_allowed<T: PartialOrd + Copy>(scores: &[T], allowed: &[bool]) -> u8 {
    let mut top: Option<(u8, T)> = None;
    for (t, (&s, &ok)) in scores.iter().zip(allowed).enumerate() {
        if ok && top.is_none_or(|(_, b)| s > b) {
            top = Some((t as u8, s));
        }
    }
    top.map_or(0, |(t, _)| t)
}
