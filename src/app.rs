//! The page: wires the state (signals) to the components.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use sift_core::ner;
use sift_core::{Annotation, Annotator};
use wasm_bindgen::JsValue;
use web_sys::{DragEvent, File};

use crate::components::{
    AnnotatedView, ClaimList, Editor, EntityList, Legend, OpenFile, StatusBar, ThemeToggle,
};
use crate::components::{ClaimInspector, EntityInspector, LabelPicker, Workbar};
use crate::ledger::{self, ClaimFilter};
use crate::state::{ModelFile, ModelState, Models, Notice, Visibility};
use crate::workbench::Workbench;
use crate::{dom, summary, SAMPLE};

/// Whether a drag carries files (as opposed to text being dragged around).
fn drags_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|dt| dt.types().includes(&JsValue::from_str("Files"), 0))
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // The field's contents, and the text being annotated (the field's
    // contents as of the last pause in typing).
    let draft = RwSignal::new(SAMPLE.to_string());
    let text = RwSignal::new(SAMPLE.to_string());

    // Annotate with an empty entity model and the rule-based claim finder
    // until the model files arrive; each one swaps in as it loads (the
    // claims model, which reads syntax, once the syntax model is in too).
    let annotator = RwSignal::new(Arc::new(Annotator::new(ner::Model::empty())));
    let models = RwSignal::new(Models::default());
    let loaded = move |file: ModelFile, outcome: Result<(), String>| {
        let state = outcome.map_or_else(ModelState::Error, |()| ModelState::Ready);
        models.update(|m| m.set(file, state));
    };
    spawn_local(async move {
        let outcome = dom::fetch_ner_model().await.map(|m| {
            // The claims and syntax models stay if they arrived first.
            annotator.update(|a| Arc::make_mut(a).set_ner(m));
        });
        loaded(ModelFile::Entities, outcome);
    });
    spawn_local(async move {
        let outcome = dom::fetch_claims_model().await.map(|m| {
            // The memo only borrows the annotator, so this does not copy it.
            annotator.update(|a| Arc::make_mut(a).set_claims(m));
        });
        loaded(ModelFile::Claims, outcome);
    });
    spawn_local(async move {
        let outcome = dom::fetch_syntax_model().await.map(|m| {
            annotator.update(|a| Arc::make_mut(a).set_syntax(m));
        });
        loaded(ModelFile::Syntax, outcome);
    });
    let model = Signal::derive(move || models.with(Models::overall));
    let entity_model = Signal::derive(move || models.with(|m| m.entities.clone()));

    // Long texts are annotated in blocks, yielding to the page (issue 6).
    let (annotation, progress) = crate::chunked::annotation(annotator, text);
    // The annotator's document (issue 5): the model's output merged with the
    // reader's edits, with undo and storage. Everything below shows the merge.
    let notice = RwSignal::new(None::<Notice>);
    let bench = Workbench::new(draft, text, annotation, notice);
    let annotation = bench.editing.merged;
    let (selection, documents) = (bench.selection, bench.documents);
    let counts = Signal::derive(move || annotation.with(summary::label_counts));
    let claim_count = Signal::derive(move || annotation.with(|a| a.claims.len()));
    let visibility = RwSignal::new(Visibility::default());
    let hovered = RwSignal::new(None::<usize>);
    // The ledger: every claim with its source group and vagueness, the
    // reader's filter over them, and the claims the filter leaves out
    // (dimmed in the text; read by every claim part, hence a memo).
    let entries = Memo::new(move |_| text.with(|t| annotation.with(|a| ledger::entries(t, a))));
    let claim_filter = RwSignal::new(ClaimFilter::default());
    let dimmed = Memo::new(move |_| entries.with(|e| claim_filter.with(|f| ledger::dimmed(e, f))));
    let on_notice = Callback::new(move |n: Notice| notice.set(Some(n)));

    // Opening a file replaces the text only once it has been read and
    // checked; a refused file leaves the current text alone.
    let open = Callback::new(move |file: File| {
        spawn_local(async move {
            let name = file.name();
            match dom::read_text_file(&file).await {
                Ok(contents) => {
                    let chars = contents.chars().count();
                    draft.set(contents.clone());
                    documents.commit_text(&contents);
                    hovered.set(None);
                    notice.set(Some(Notice::Info(format!(
                        "Opened “{name}” ({chars} characters)."
                    ))));
                }
                Err(e) => notice.set(Some(Notice::Error(e))),
            }
        })
    });

    // Dropping a file anywhere on the page opens it. Dragged text is left
    // to the browser, so it can still be dropped into the field.
    let dragging = RwSignal::new(false);
    let dragover = window_event_listener(ev::dragover, move |ev| {
        if drags_files(&ev) {
            ev.prevent_default();
            if !dragging.get_untracked() {
                dragging.set(true);
            }
        }
    });
    let dragleave = window_event_listener(ev::dragleave, move |ev| {
        // Only leaving the window counts, not moving between elements.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(ev::drop, move |ev| {
        dragging.set(false);
        if !drags_files(&ev) {
            return;
        }
        ev.prevent_default();
        match ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        {
            Some(file) => open.run(file),
            None => notice.set(Some(Notice::Error("Nothing readable was dropped.".into()))),
        }
    });
    on_cleanup(move || {
        dragover.remove();
        dragleave.remove();
        drop.remove();
    });

    let text_signal: Signal<String> = text.into();
    let annotation_signal: Signal<Annotation> = annotation.into();
    let is_empty = move || text.with(|t| t.trim().is_empty());
    // Judged on the text's first 64 KB: enough to tell a language, and cheap
    // on every change of a long paste.
    let foreign = Memo::new(move |_| {
        text.with(|t| {
            let mut end = t.len().min(64 * 1024);
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            !sift_core::language::looks_english(&t[..end])
        })
    });

    view! {
        <header class="app-header">
            <h1 class="brand">
                "Sift" <span class="tagline">"entities and claims in news articles"</span>
            </h1>
            <nav class="toolbar" aria-label="File and display">
                <OpenFile on_open=open />
                <ThemeToggle />
            </nav>
        </header>
        <StatusBar models notice />
        <crate::components::AnnotateProgress progress />
        <Workbar on_notice />
        <div class="drop-overlay" class:active=dragging aria-hidden="true">
            <p>"Drop a .txt file to open it"</p>
        </div>
        <main class="layout">
            <div class="reading">
                <Editor draft on_commit=Callback::new(move |t: String| documents.commit_text(&t)) />
                <section class="reading-pane" aria-labelledby="annotated-title">
                    <h2 id="annotated-title" class="pane-title">
                        "Annotated article"
                    </h2>
                    <Legend counts claims=claim_count visibility />
                    <Show when=move || foreign.get()>
                        <p id="language-note" class="hint language-note" role="note">
                            "This text does not look like English. Sift's models were trained on English news only: on other languages they miss or invent entities and claims, so treat what is marked here with care. Names in scripts other than Latin are not marked."
                        </p>
                    </Show>
                    <Show when=is_empty>
                        <p id="empty-hint" class="hint">
                            "There is no text yet. Paste or type an article above, or open or drop a .txt file."
                        </p>
                    </Show>
                    <AnnotatedView text=text_signal annotation=annotation_signal visibility model hovered dimmed sources=bench.editing.sources selected=selection.selected claim_sources=bench.editing.claim_sources selected_claim=Signal::derive(move || selection.selected_claim_index()) />
                    <EntityInspector />
                    <ClaimInspector />
                    <LabelPicker />
                    <p id="keyboard-status" class="visually-hidden" aria-live="polite">{move || selection.announce.get()}</p>
                </section>
            </div>
            // Touch screens select text without a mouseup to open the label
            // menu: this button does (shown while words are selected).
            <Show when=move || selection.selection.with(Option::is_some) && selection.picker.with(Option::is_none)>
                <button
                    id="label-selection"
                    type="button"
                    class="button label-selection"
                    on:mousedown=|ev| ev.prevent_default()
                    on:click=move |_| { selection.label_selection(); }
                >
                    "Label selection"
                </button>
            </Show>
            // On narrow screens the panels come after the article: one tap
            // takes the reader to the ledger (the button shows there only).
            <button id="to-ledger" type="button" class="button to-ledger" on:click=move |_| dom::jump_to("#ledger")>
                "Who says what ↓"
            </button>
            <aside class="side-panel" aria-label="Entities and claims">
                <EntityList text=text_signal annotation=annotation_signal visibility model=entity_model on_notice />
                <ClaimList entries filter=claim_filter visibility hovered on_notice />
            </aside>
        </main>
    }
}
