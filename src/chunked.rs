//! Annotating a long text without freezing the page.
//!
//! A text up to [`ONE_PASS_BYTES`] is annotated in one go, as before. A
//! longer one (a 1 MB paste is ~170,000 words) is cut into blocks of about
//! [`CHUNK_BYTES`] at paragraph breaks ([`plan`]); each block is annotated
//! on its own, its ranges shifted to the whole text, and the page gets the
//! event loop back between blocks, so typing, scrolling and the progress bar
//! stay live. The highlights are published after the first block (so the
//! first highlights come quickly) and after the last; in between, only once
//! the blocks annotated since the last publication took [`RENDER_SHARE`]
//! times as long as drawing that publication did. Part of a publication's
//! cost grows with the text (the tree of highlights and the side panel's
//! data are worked out for the whole text; the article itself re-draws only
//! the pieces that changed, see `AnnotatedView`), so publications thin out
//! and stay a bounded share of the work (measured on a 1 MB paste:
//! publishing after blocks 1, 2, 4, 8, … spent more time drawing than
//! annotating).
//!
//! Blocks are annotated independently, so nothing spans a block boundary,
//! and the entity model's memory of earlier mentions starts afresh in each
//! block: results on a long text can differ slightly from one pass. Breaks
//! fall at blank lines where possible, then at line ends (where the
//! tokeniser ends sentences anyway), so little is lost.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sift_core::{Annotation, Annotator};
use wasm_bindgen::JsCast;

/// Texts up to this size are annotated in one pass.
pub const ONE_PASS_BYTES: usize = 64 * 1024;

/// The size a block of a longer text aims at.
pub const CHUNK_BYTES: usize = 32 * 1024;

/// Annotate at least this many times as long as the last publication took
/// to draw before publishing again.
pub const RENDER_SHARE: f64 = 3.0;

/// Milliseconds on the page's clock (`performance.now()`); 0 without one.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// When to publish the annotation so far: after the first block, after the
/// last, and otherwise once the annotating done since the last publication
/// took `share` times as long as drawing it (`draw_ms`).
pub fn should_publish(
    done: usize,
    blocks: usize,
    annotating_ms: f64,
    draw_ms: f64,
    share: f64,
) -> bool {
    done == 1 || done == blocks || annotating_ms >= share * draw_ms
}

/// How far a long annotation has got, in bytes of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes annotated so far.
    pub done: usize,
    /// The text's length.
    pub total: usize,
}

impl Progress {
    /// Whole percent done, 0 to 100.
    pub fn percent(self) -> usize {
        (self.done.saturating_mul(100) / self.total.max(1)).min(100)
    }
}

/// Cuts `text` into consecutive byte ranges of at most `max` bytes (more
/// only when a single character is longer), each ending after a blank line
/// if one lies in its second half, else after a line end, else after
/// whitespace, else at a char boundary. The ranges tile the text.
pub fn plan(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        if text.len() - start <= max {
            out.push(start..text.len());
            break;
        }
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = window.len() / 2;
        let after = |i: Option<usize>, len: usize| i.filter(|&i| i >= half).map(|i| i + len);
        let cut = after(window.rfind("\n\n"), 2)
            .or_else(|| after(window.rfind('\n'), 1))
            .or_else(|| {
                let (i, c) = window
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())?;
                (i >= half).then(|| i + c.len_utf8())
            })
            .unwrap_or(window.len());
        // A window with no boundary at all (one huge character run) still
        // moves on by at least one character.
        let cut = if cut == 0 {
            text[start..].chars().next().map_or(1, char::len_utf8)
        } else {
            cut
        };
        out.push(start..start + cut);
        start += cut;
    }
    out
}

/// `part`, annotated on a block starting at byte `by`, in whole-text offsets.
pub fn shift(mut part: Annotation, by: usize) -> Annotation {
    let move_range = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    for e in &mut part.entities {
        move_range(&mut e.range);
    }
    for c in &mut part.claims {
        for r in c
            .source
            .iter_mut()
            .chain(&mut c.cue)
            .chain(&mut c.content)
            .chain(&mut c.hedges)
        {
            move_range(r);
        }
        if let Some(r) = &mut c.source_entity {
            move_range(r);
        }
    }
    part
}

/// Annotates `text` block by block, synchronously: what the page does
/// between yields, for tests and tools.
pub fn annotate_blocks(annotator: &Annotator, text: &str, max: usize) -> Annotation {
    let mut acc = Annotation::default();
    for r in plan(text, max) {
        let part = shift(annotator.annotate(&text[r.clone()]), r.start);
        acc.entities.extend(part.entities);
        acc.claims.extend(part.claims);
    }
    acc
}

/// Gives the event loop back to the browser (a zero-delay timer), so input,
/// rendering and painting can run before the next block. With `after_paint`,
/// waits for the next animation frame first, so that the time until it
/// returns includes drawing and painting what was just published; a hidden
/// page gets no frames, so a 250 ms timer stands in for the frame there.
pub(crate) async fn yield_to_browser(after_paint: bool) {
    fn timer(resolve: &js_sys::Function, ms: i32) {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve, ms)
                .is_ok()
        });
        if !scheduled {
            _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if !after_paint {
            return timer(&resolve, 0);
        }
        // Resolving twice is harmless: whichever comes first wins.
        timer(&resolve, 250);
        let after_frame = {
            let resolve = resolve.clone();
            wasm_bindgen::closure::Closure::once_into_js(move || timer(&resolve, 0))
        };
        if let Some(w) = web_sys::window() {
            _ = w.request_animation_frame(after_frame.unchecked_ref());
        }
    });
    _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The annotation of `text` by `annotator`, as the page shows it: computed
/// at once for a short text, block by block in the background for a long
/// one (with its progress; `None` when nothing is running). A newer text
/// or annotator cancels a run in progress.
pub fn annotation(
    annotator: RwSignal<Arc<Annotator>>,
    text: RwSignal<String>,
) -> (Memo<Annotation>, Signal<Option<Progress>>) {
    // A long text's annotation so far, with the text it belongs to, so a
    // stale result is never drawn over a newer text.
    let background = RwSignal::new(None::<(String, Annotation)>);
    let progress = RwSignal::new(None::<Progress>);
    let run = StoredValue::new(0u64);

    Effect::new(move |_| {
        let annotator = annotator.get();
        let long = text.with(|t| t.len() > ONE_PASS_BYTES);
        let id = run.get_value().wrapping_add(1);
        run.set_value(id);
        if !long {
            progress.set(None);
            return;
        }
        let text = text.get();
        spawn_local(async move {
            let blocks = plan(&text, CHUNK_BYTES);
            let mut acc = Annotation::default();
            // Time spent annotating since the last publication, and how
            // long drawing that publication took.
            let (mut annotating, mut draw) = (0.0, 0.0);
            progress.set(Some(Progress {
                done: 0,
                total: text.len(),
            }));
            // Let the plain text paint before the first block.
            yield_to_browser(true).await;
            for (i, r) in blocks.iter().enumerate() {
                // Stop when a newer run started or the page went away.
                if run.try_get_value() != Some(id) {
                    return;
                }
                let started = now_ms();
                let part = shift(annotator.annotate(&text[r.clone()]), r.start);
                acc.entities.extend(part.entities);
                acc.claims.extend(part.claims);
                annotating += now_ms() - started;
                progress.set(Some(Progress {
                    done: r.end,
                    total: text.len(),
                }));
                let publish = should_publish(i + 1, blocks.len(), annotating, draw, RENDER_SHARE);
                let drawing = now_ms();
                if publish {
                    background.set(Some((text.clone(), acc.clone())));
                }
                // After a publication, wait until it is drawn and painted, and
                // count that as its cost.
                yield_to_browser(publish).await;
                if publish {
                    draw = now_ms() - drawing;
                    annotating = 0.0;
                }
            }
            if run.try_get_value() == Some(id) {
                progress.set(None);
            }
        });
    });

    let annotation = Memo::new(move |_| {
        text.with(|t| {
            if t.len() <= ONE_PASS_BYTES {
                annotator.with(|a| a.annotate(t))
            } else {
                background.with(|b| match b {
                    Some((of, a)) if of == t => a.clone(),
                    _ => Annotation::default(),
                })
            }
        })
    });
    (annotation, progress.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sift_core::ner;

    fn check_plan(text: &str, max: usize) -> Vec<Range<usize>> {
        let p = plan(text, max);
        let mut at = 0;
        for r in &p {
            assert_eq!(r.start, at, "blocks tile the text");
            assert!(r.start < r.end);
            assert!(text.is_char_boundary(r.end));
            let biggest_char = text[r.clone()]
                .chars()
                .map(char::len_utf8)
                .max()
                .unwrap_or(1);
            assert!(r.len() <= max.max(biggest_char), "{r:?} longer than {max}");
            at = r.end;
        }
        assert_eq!(at, text.len());
        p
    }

    #[test]
    fn plans_break_at_paragraphs_then_lines_then_spaces() {
        let text = "aaaa bbbb\n\ncccc dddd\neeee ffff gggg hhhh";
        let p = check_plan(text, 14);
        assert_eq!(&text[p[0].clone()], "aaaa bbbb\n\n");
        assert_eq!(&text[p[1].clone()], "cccc dddd\n");
        assert_eq!(&text[p[2].clone()], "eeee ffff ");
        assert_eq!(&text[p[3].clone()], "gggg hhhh");
        assert!(plan("", 10).is_empty());
        assert_eq!(plan("short", 10), vec![0..5]);
    }

    #[test]
    fn plans_cope_with_no_breaks_and_wide_characters() {
        check_plan(&"x".repeat(100), 7);
        check_plan(&"😀".repeat(50), 7);
        check_plan(&"😀".repeat(50), 1);
        check_plan("a\u{3000}b\u{2029}c😀 d\r\ne", 3);
        let mut rng = sift_core::testgen::Rng::new(0xb10c);
        for _ in 0..200 {
            let n = 1 + rng.below(200);
            let text = sift_core::testgen::text(&mut rng, n);
            let max = 1 + rng.below(64);
            check_plan(&text, max);
        }
    }

    #[test]
    fn blocks_give_valid_sorted_ranges_and_short_texts_match_one_pass() {
        let annotator = Annotator::new(ner::Model::empty());
        let paragraph = crate::SAMPLE;
        let text = format!("{paragraph}\n\n").repeat(6);
        let whole = annotator.annotate(paragraph);
        let blocks = annotate_blocks(&annotator, &text, paragraph.len() + 2);
        // Each block is one paragraph: its claims are the paragraph's, shifted.
        assert_eq!(blocks.claims.len(), whole.claims.len() * 6);
        let step = paragraph.len() + 2;
        for (i, c) in blocks.claims.iter().enumerate() {
            let same = &whole.claims[i % whole.claims.len()];
            let k = i / whole.claims.len();
            assert_eq!(
                c.cue,
                shift(
                    Annotation {
                        entities: vec![],
                        claims: vec![same.clone()]
                    },
                    k * step
                )
                .claims[0]
                    .cue
            );
            for r in c.cue.iter().chain(&c.source).chain(&c.content) {
                assert_eq!(
                    &text[r.clone()],
                    &paragraph[r.start - k * step..r.end - k * step]
                );
            }
        }
        let mut end = 0;
        for e in &blocks.entities {
            assert!(e.range.start >= end);
            end = e.range.end;
        }
        // A rendered long text still reproduces the text.
        let tree = crate::render::build(&text, &blocks, &crate::render::ShowAll);
        assert_eq!(crate::render::text_of(&text, &tree), text);
    }

    #[test]
    fn publishes_first_last_and_when_annotating_outweighs_drawing() {
        assert!(should_publish(1, 10, 0.0, 0.0, 3.0));
        assert!(should_publish(10, 10, 0.0, 1e9, 3.0));
        assert!(!should_publish(2, 10, 100.0, 50.0, 3.0));
        assert!(should_publish(5, 10, 150.0, 50.0, 3.0));
    }

    #[test]
    fn progress_percent() {
        assert_eq!(Progress { done: 0, total: 0 }.percent(), 0);
        assert_eq!(
            Progress {
                done: 50,
                total: 200
            }
            .percent(),
            25
        );
        assert_eq!(Progress { done: 9, total: 9 }.percent(), 100);
    }
}
