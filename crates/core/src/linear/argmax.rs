//! Picking the best tag from a row of scores.

/// The tag at index `i` of a row of scores, as the byte tags are stored
/// in: a table's tag count is a `u8`, so every tag index (and every label
/// or move index, each list far shorter than 256) fits.
#[allow(clippy::cast_possible_truncation)] // `i` < a tag count ≤ 255, checked in debug builds
#[inline(always)]
pub const fn tag_id(i: usize) -> u8 {
    debug_assert!(i <= u8::MAX as usize, "a tag index over 255");
    i as u8
}

/// The highest-scoring allowed tag.
pub fn best<T: PartialOrd + Copy>(scores: &[T], allowed: &dyn Fn(u8) -> bool) -> u8 {
    let mut top: Option<(u8, T)> = None;
    for (t, &s) in scores.iter().enumerate() {
        let t = tag_id(t);
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
            top = Some((tag_id(t), s));
        }
    }
    top.map_or(0, |(t, _)| t)
}
