//! Annotating a long text without freezing the page.
//!
//! The core plans a long text's blocks (`sift_core::blocks`), so the page
//! and `sift annotate` give the same answer; here each block is annotated
//! in its turn and the page gets the event loop back between blocks, so
//! typing, scrolling and the progress bar stay live. The highlights are
//! published after the first block (so the first highlights come quickly)
//! and after the last; in between, only once the blocks annotated since
//! the last publication took [`RENDER_SHARE`] times as long as drawing
//! that publication did. Part of a publication's cost grows with the text
//! (the tree of highlights and the side panel's data are worked out for
//! the whole text; the article itself re-draws only the pieces that
//! changed, see `AnnotatedView`), so publications thin out and stay a
//! bounded share of the work (measured on a 1 MB paste: publishing after
//! blocks 1, 2, 4, 8, … spent more time drawing than annotating).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use sift_core::blocks::{self, ONE_PASS_BYTES};
use sift_core::{Annotation, Annotator};
use wasm_bindgen::JsCast;

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
            let blocks = blocks::of(&text);
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
                let part = annotator.annotate_block(&text, r.clone());
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
                // The same blocks as `Annotator::annotate`, drawn as they come.
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

    #[test]
    fn a_long_text_is_annotated_in_blocks_and_drawn_whole() {
        let annotator = Annotator::new(ner::Model::empty());
        let paragraph = crate::SAMPLE;
        let text = format!("{paragraph}\n\n").repeat(ONE_PASS_BYTES / paragraph.len() + 2);
        let whole = annotator.annotate(&text);
        let blocks = blocks::of(&text);
        assert!(blocks.len() > 1, "{} bytes in one block", text.len());
        // What the page draws block by block is what the CLI prints.
        let mut acc = Annotation::default();
        for r in blocks {
            let part = annotator.annotate_block(&text, r);
            acc.entities.extend(part.entities);
            acc.claims.extend(part.claims);
        }
        assert_eq!(acc, whole);
        assert!(whole.claims.len() > 10);
        let mut end = 0;
        for e in &whole.entities {
            assert!(e.range.start >= end);
            end = e.range.end;
        }
        // A rendered long text still reproduces the text.
        let tree = crate::render::build(&text, &whole, &crate::render::ShowAll);
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
