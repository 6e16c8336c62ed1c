//! Browser tests of the web app's components: mount them into a fresh
//! element, act through web-sys, and check the DOM.
//!
//! Run with
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown -p sift-web --test web`.
#![cfg(target_arch = "wasm32")]
// Claim parts are lists of ranges; a list of one range is what we mean.
#![allow(clippy::single_range_in_vec_init)]

use std::ops::Range;

use leptos::mount::mount_to;
use leptos::prelude::*;
use sift_core::{Annotation, Claim, ClaimKind, Entity, Label};
use sift_web::components::{AnnotatedView, ClaimList, Legend};
use sift_web::ledger::{self, ClaimFilter};
use sift_web::state::{ModelState, Notice, Visibility};
use sift_web::summary;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the page; removed by `Mounted::drop`.
fn container() -> HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let root: HtmlElement = document
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

/// All elements under `root` matching `selector`.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn text_content(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("a timeout");
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn claim(
    kind: ClaimKind,
    source: Vec<Range<usize>>,
    cue: Vec<Range<usize>>,
    content: Vec<Range<usize>>,
) -> Claim {
    Claim {
        kind,
        source,
        cue,
        content,
        hedges: vec![],
        source_entity: None,
    }
}

/// A text whose claim parts cross entities and each other, with newlines
/// and multi-byte characters.
fn tangled() -> (String, Annotation) {
    let text = "Russian President Vladimir Putin said\nthe “Kremlin” reportedly denied it 😀, Ukraine said.";
    let at = |s: &str| {
        let start = text.find(s).expect("in text");
        start..start + s.len()
    };
    let ann = Annotation {
        entities: vec![
            Entity {
                range: at("Russian"),
                label: Label::Norp,
            },
            Entity {
                range: at("Vladimir Putin"),
                label: Label::Person,
            },
            Entity {
                range: at("Kremlin"),
                label: Label::Org,
            },
            Entity {
                range: at("Ukraine"),
                label: Label::Gpe,
            },
        ],
        claims: vec![
            Claim {
                kind: ClaimKind::Statement,
                // The source ends in the middle of "Vladimir Putin": it
                // crosses the PERSON chip.
                source: vec![at("President Vladimir")],
                cue: vec![at("said\n")],
                // The content starts inside the ORG chip and crosses claim
                // 1's source.
                content: vec![at("emlin").start..at("denied it").end],
                hedges: vec![at("reportedly")],
                source_entity: None,
            },
            claim(
                ClaimKind::Denial,
                vec![at("the “Kremlin”")],
                vec![at("denied")],
                vec![at(" it 😀")],
            ),
            claim(
                ClaimKind::Statement,
                vec![at("Ukraine")],
                vec![at("Ukraine said").end - 4..at("Ukraine said").end],
                vec![],
            ),
        ],
    };
    (text.to_string(), ann)
}

#[wasm_bindgen_test]
async fn entities_wrap_exactly_their_text_and_text_is_unchanged() {
    let (text, ann) = tangled();
    let root = container();
    let handle = {
        let (text, ann) = (text.clone(), ann.clone());
        mount_to(root.clone(), move || {
            view! { <AnnotatedView text=text annotation=ann model=ModelState::Ready /> }
        })
    };
    leptos::task::tick().await;

    let annotated = one(&root, "#annotated");
    assert_eq!(
        text_content(&annotated),
        text,
        "textContent reproduces the input exactly"
    );
    assert_eq!(
        annotated.get_attribute("data-model").as_deref(),
        Some("ready")
    );

    let chips = all(&annotated, "[data-label]");
    assert_eq!(
        chips.len(),
        ann.entities.len(),
        "one element per entity, never split"
    );
    for (chip, entity) in chips.iter().zip(&ann.entities) {
        let surface = &text[entity.range.clone()];
        assert_eq!(text_content(chip), surface);
        assert_eq!(
            chip.get_attribute("data-label").as_deref(),
            Some(entity.label.as_str())
        );
        assert_eq!(
            chip.get_attribute("title"),
            Some(format!("{}: {surface}", entity.label.as_str()))
        );
    }
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn claim_parts_cover_their_text_even_when_split() {
    let (text, ann) = tangled();
    let root = container();
    let handle = {
        let (text, ann) = (text.clone(), ann.clone());
        mount_to(
            root.clone(),
            move || view! { <AnnotatedView text=text annotation=ann /> },
        )
    };
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");

    for (i, c) in ann.claims.iter().enumerate() {
        for (role, ranges) in [
            ("source", &c.source),
            ("cue", &c.cue),
            ("content", &c.content),
            ("hedge", &c.hedges),
        ] {
            let pieces = all(
                &annotated,
                &format!("[data-claim=\"{i}\"][data-role=\"{role}\"]"),
            );
            // Pieces of one part never nest in each other, so their texts
            // joined give back the part's text.
            let joined: String = pieces.iter().map(text_content).collect();
            let want: String = ranges.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(joined, want, "claim {i} {role}");
        }
    }
    // The PERSON chip still holds the whole name although the source ends
    // inside it: the source is split instead.
    let person = one(&annotated, "[data-label=\"PERSON\"]");
    assert_eq!(text_content(&person), "Vladimir Putin");
    assert!(all(&annotated, "[data-claim=\"0\"][data-role=\"source\"]").len() >= 2);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn legend_toggle_removes_and_restores_a_label() {
    let (text, ann) = tangled();
    let root = container();
    let visibility = RwSignal::new(Visibility::default());
    let handle = {
        let counts = summary::label_counts(&ann);
        let claims = ann.claims.len();
        mount_to(root.clone(), move || {
            view! {
                <Legend counts claims visibility />
                <AnnotatedView text=text annotation=ann visibility />
            }
        })
    };
    leptos::task::tick().await;

    let button = one(&root, "button[data-toggle-label=\"PERSON\"]");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(
        text_content(&button).contains('1'),
        "shows the PERSON count"
    );
    button.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;

    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    let annotated = one(&root, "#annotated");
    assert!(
        all(&annotated, "[data-label=\"PERSON\"]").is_empty(),
        "no PERSON chip while off"
    );
    assert_eq!(
        all(&annotated, "[data-label]").len(),
        3,
        "other labels stay"
    );
    assert!(
        text_content(&annotated).contains("Vladimir Putin"),
        "the text stays"
    );

    let claims_toggle = one(&root, "button[data-toggle-claims]");
    claims_toggle.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    assert!(
        all(&annotated, "[data-claim]").is_empty(),
        "no claim parts while claims are off"
    );

    button.unchecked_ref::<HtmlElement>().click();
    claims_toggle.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(all(&annotated, "[data-label=\"PERSON\"]").len(), 1);
    assert!(!all(&annotated, "[data-claim]").is_empty());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn hovering_a_claim_lights_its_parts() {
    let (text, ann) = tangled();
    let root = container();
    let hovered = RwSignal::new(None::<usize>);
    let handle = mount_to(
        root.clone(),
        move || view! { <AnnotatedView text=text annotation=ann hovered /> },
    );
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");
    assert!(all(&annotated, ".lit").is_empty());

    hovered.set(Some(1));
    leptos::task::tick().await;
    let lit = all(&annotated, ".lit");
    assert!(!lit.is_empty());
    assert!(lit
        .iter()
        .all(|e| e.get_attribute("data-claim").as_deref() == Some("1")));
    assert_eq!(lit.len(), all(&annotated, "[data-claim=\"1\"]").len());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn empty_and_plain_texts_render() {
    let root = container();
    let text = RwSignal::new(String::new());
    let handle = mount_to(
        root.clone(),
        move || view! { <AnnotatedView text annotation=Annotation::default() /> },
    );
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");
    assert_eq!(text_content(&annotated), "");

    text.set("  two\n\nparagraphs  ".into());
    leptos::task::tick().await;
    assert_eq!(text_content(&annotated), "  two\n\nparagraphs  ");
    drop(handle);
    root.remove();
}

/// The whole app starts, shows the sample, and keeps working when the model
/// cannot be fetched (the test server has no ner.bin).
#[wasm_bindgen_test]
async fn app_starts_with_the_sample_and_survives_a_missing_model() {
    let root = container();
    let handle = mount_to(root.clone(), sift_web::App);
    leptos::task::tick().await;

    let textarea: web_sys::HtmlTextAreaElement =
        one(&root, "textarea#source-text").unchecked_into();
    assert_eq!(textarea.value(), sift_web::SAMPLE);
    assert!(sift_web::SAMPLE.contains("Source »"));

    let annotated = one(&root, "#annotated");
    let mut state = annotated.get_attribute("data-model").unwrap_or_default();
    for _ in 0..100 {
        if state != "loading" {
            break;
        }
        sleep(50).await;
        state = annotated.get_attribute("data-model").unwrap_or_default();
    }
    assert!(
        state == "ready" || state == "error",
        "model state settles, got {state:?}"
    );
    leptos::task::tick().await;
    assert_eq!(text_content(&annotated), sift_web::SAMPLE);
    for hook in [
        "#export-menu",
        "input#open-file",
        "button#theme-toggle",
        "button[data-toggle-label=\"PERSON\"]",
    ] {
        one(&root, hook);
    }
    drop(handle);
    root.remove();
}

/// The ledger groups cards by source, and a kind filter narrows it while the
/// text keeps every claim, dimming the ones left out.
#[wasm_bindgen_test]
async fn ledger_filter_narrows_cards_and_dims_the_rest() {
    let (text, ann) = tangled();
    let entries = ledger::entries(&text, &ann);
    let root = container();
    let filter = RwSignal::new(ClaimFilter::default());
    let entries = Signal::derive(move || entries.clone());
    let dimmed = Signal::derive(move || entries.with(|e| filter.with(|f| ledger::dimmed(e, f))));
    let handle = mount_to(root.clone(), move || {
        let (text, ann) = (text.clone(), ann.clone());
        let hovered = RwSignal::new(None::<usize>);
        let visibility = Signal::derive(Visibility::default);
        let on_notice = Callback::new(|_: Notice| {});
        view! {
            <AnnotatedView text annotation=ann hovered dimmed />
            <ClaimList entries filter visibility hovered on_notice />
        }
    });
    leptos::task::tick().await;
    let cards = |root: &Element| {
        all(root, "[data-claim-card]")
            .iter()
            .filter_map(|c| c.get_attribute("data-claim-card"))
            .collect::<Vec<_>>()
    };
    assert_eq!(cards(&root).len(), 3);
    assert_eq!(all(&root, "[data-source-group]").len(), 3);
    let kremlin = one(&root, "[data-claim-card=\"1\"]")
        .closest("[data-source-group]")
        .ok()
        .flatten()
        .and_then(|g| g.get_attribute("data-source-group"));
    assert_eq!(kremlin.as_deref(), Some("kremlin"));
    assert!(all(&root, "#annotated .dim").is_empty());

    let chip = one(&root, "button[data-filter-kind=\"denial\"]");
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
    chip.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(cards(&root), vec!["1".to_string()]);
    let annotated = one(&root, "#annotated");
    let parts = all(&annotated, "[data-claim]");
    assert!(!parts.is_empty());
    for p in parts {
        let denial = p.get_attribute("data-claim").as_deref() == Some("1");
        assert_eq!(
            p.class_list().contains("dim"),
            !denial,
            "{:?}",
            p.outer_html()
        );
    }

    chip.unchecked_ref::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(cards(&root).len(), 3);
    assert!(all(&annotated, ".dim").is_empty());
    drop(handle);
    root.remove();
}

/// The annotator's edits show on the highlights: `data-source` follows the
/// provenance signal (even when range and label stay the same), and the
/// selected entity and claim get the class `selected`.
#[wasm_bindgen_test]
async fn provenance_and_selection_show_on_highlights() {
    use sift_core::doc::Provenance;
    let (text, ann) = tangled();
    let root = container();
    let n = ann.entities.len();
    let sources = RwSignal::new(vec![Provenance::Model; n]);
    let selected = RwSignal::new(None::<Range<usize>>);
    let claim_sources = RwSignal::new(vec![Provenance::User; ann.claims.len()]);
    let selected_claim = RwSignal::new(None::<usize>);
    let first = ann.entities[0].range.clone();
    let handle = {
        let (text, ann) = (text.clone(), ann.clone());
        mount_to(root.clone(), move || {
            view! {
                <AnnotatedView text=text annotation=ann sources selected claim_sources selected_claim />
            }
        })
    };
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");
    let chips = all(&annotated, "[data-label]");
    assert!(chips
        .iter()
        .all(|c| c.get_attribute("data-source").as_deref() == Some("model")));
    assert!(all(&annotated, "[data-role]")
        .iter()
        .all(|p| p.get_attribute("data-source").as_deref() == Some("user")));
    sources.update(|s| s[0] = Provenance::User);
    selected.set(Some(first));
    selected_claim.set(Some(0));
    leptos::task::tick().await;
    let chips = all(&annotated, "[data-label]");
    assert_eq!(
        chips[0].get_attribute("data-source").as_deref(),
        Some("user")
    );
    assert!(chips[0].class_list().contains("selected"));
    assert_eq!(all(&annotated, "mark.selected").len(), 1);
    let lit = all(&annotated, "[data-role].selected");
    assert!(!lit.is_empty());
    assert!(lit
        .iter()
        .all(|p| p.get_attribute("data-claim").as_deref() == Some("0")));
    assert_eq!(text_content(&annotated), text, "the text is unchanged");
    drop(handle);
    root.remove();
}

/// The article is drawn in pieces (a few paragraphs each, here one long
/// paragraph each): a highlight added in one re-draws that piece only; the
/// others keep their elements.
#[wasm_bindgen_test]
async fn a_new_highlight_redraws_only_its_paragraph() {
    let filler = " and so on".repeat(250);
    let text = format!("Putin said so{filler}.\n\nMoscow agreed{filler}.\n\nKyiv replied.");
    let at = |s: &str| {
        let start = text.find(s).expect("in text");
        start..start + s.len()
    };
    let ann = RwSignal::new(Annotation {
        entities: vec![Entity {
            range: at("Putin"),
            label: Label::Person,
        }],
        claims: vec![],
    });
    let kyiv = at("Kyiv");
    let root = container();
    let handle = {
        let text = text.clone();
        mount_to(
            root.clone(),
            move || view! { <AnnotatedView text=text annotation=ann /> },
        )
    };
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");
    let pieces = all(&annotated, ".piece");
    assert_eq!(pieces.len(), 3);
    ann.update(|a| {
        a.entities.push(Entity {
            range: kyiv,
            label: Label::Gpe,
        })
    });
    leptos::task::tick().await;
    let after = all(&annotated, ".piece");
    assert_eq!(after.len(), 3);
    assert!(
        pieces[0].is_same_node(Some(&after[0])),
        "first paragraph kept"
    );
    assert!(
        pieces[1].is_same_node(Some(&after[1])),
        "second paragraph kept"
    );
    assert!(!pieces[2].is_same_node(Some(&after[2])), "third re-drawn");
    assert_eq!(all(&annotated, "[data-label=\"GPE\"]").len(), 1);
    assert_eq!(text_content(&annotated), text);
    drop(handle);
    root.remove();
}

/// Highlights over a long text are drawn a step at a time
/// (`aria-busy="true"` meanwhile), and the pieces drawn in later steps get
/// the states set in between (here: the claim lit from the ledger).
#[wasm_bindgen_test]
async fn large_changes_are_drawn_in_steps() {
    let paragraph = "Moscow said it won.\n\n";
    let n = 1500;
    let text = paragraph.repeat(n);
    let ann = RwSignal::new(Annotation::default());
    let hovered = RwSignal::new(None::<usize>);
    let root = container();
    let handle = {
        let text = text.clone();
        mount_to(
            root.clone(),
            move || view! { <AnnotatedView text=text annotation=ann hovered /> },
        )
    };
    leptos::task::tick().await;
    let annotated = one(&root, "#annotated");
    assert!(all(&annotated, ".piece").len() > 10);
    assert_eq!(text_content(&annotated), text);
    let step = paragraph.len();
    ann.set(Annotation {
        entities: (0..n)
            .map(|i| Entity {
                range: i * step..i * step + 6,
                label: Label::Gpe,
            })
            .collect(),
        claims: (0..n)
            .map(|i| {
                claim(
                    ClaimKind::Statement,
                    vec![i * step..i * step + 6],
                    vec![i * step + 7..i * step + 11],
                    vec![i * step + 12..i * step + 18],
                )
            })
            .collect(),
    });
    leptos::task::tick().await;
    assert_eq!(
        annotated.get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    let drawn = all(&annotated, "[data-label]").len();
    assert!(
        0 < drawn && drawn < n,
        "{drawn} of {n} drawn in the first step"
    );
    hovered.set(Some(n - 1));
    for _ in 0..200 {
        if annotated.get_attribute("aria-busy").is_none() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(annotated.get_attribute("aria-busy"), None, "drawing ends");
    assert_eq!(all(&annotated, "[data-label]").len(), n);
    assert_eq!(all(&annotated, "[data-claim]").len(), 3 * n);
    let lit = all(&annotated, ".lit");
    assert_eq!(
        lit.len(),
        3,
        "the last claim's parts, drawn after it was lit"
    );
    let last = (n - 1).to_string();
    assert!(lit
        .iter()
        .all(|e| e.get_attribute("data-claim").as_deref() == Some(last.as_str())));
    assert_eq!(text_content(&annotated), text);
    drop(handle);
    root.remove();
}
