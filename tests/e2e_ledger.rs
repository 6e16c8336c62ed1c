#![cfg(not(target_arch = "wasm32"))]
//! End-to-end test of the "who says what" ledger in the claims panel: cards
//! grouped by source, vague sources flagged, filters by kind, and a card
//! click revealing its claim in the text. Same harness and environment as
//! `tests/e2e.rs` (`SIFT_DIST`, `CHROMEDRIVER`, `CHROME`).

#[path = "e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::time::Duration;

use anyhow::{ensure, Result};
use harness::{Outcome, Session};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../assets/sample.txt");

const SETTLE: Duration = Duration::from_secs(10);

/// The claim id (`data-claim`) whose cue in `#annotated` reads `arguments[0]`.
const CLAIM_WITH_CUE: &str = r#"
    const cue = [...document.querySelectorAll('#annotated [data-role]')]
        .find(e => e.getAttribute('data-role') === 'cue' && e.textContent === arguments[0]);
    const id = cue ? cue.getAttribute('data-claim') : null;
"#;

async fn ledger_checks(s: &Session) -> Result<()> {
    s.open_app().await?;
    s.paste(SAMPLE).await?;

    // 1. The "denied" claim's card sits in the group of "Moscow and Tehran".
    let denied = s
        .wait_js(
            "expected the card of the claim with cue \"denied\" inside a \
             [data-source-group] whose data-source-name is \"Moscow and Tehran\"",
            SETTLE,
            &format!(
                "{CLAIM_WITH_CUE}{}",
                r#"
                if (id === null) return { ok: false, error: 'no cue "denied" in #annotated' };
                const card = document.querySelector(`[data-claim-card="${id}"]`);
                const group = card ? card.closest('[data-source-group]') : null;
                const groups = [...document.querySelectorAll('[data-source-group]')]
                    .map(g => `${g.getAttribute('data-source-name')} (${g.querySelectorAll('[data-claim-card]').length})`);
                return {
                    ok: !!group && group.getAttribute('data-source-name') === 'Moscow and Tehran',
                    claim: id,
                    card: card ? card.textContent : null,
                    group: group ? group.getAttribute('data-source-name') : null,
                    'groups (first 12)': groups.slice(0, 12),
                };
                "#
            ),
            vec![json!("denied")],
        )
        .await?;
    let id = denied["claim"].as_str().unwrap_or_default().to_string();
    s.mark(&format!("denied claim {id} is under Moscow and Tehran"));

    // 2. A claim without a source is flagged vague (and every card without
    // a source is).
    let vague = s
        .js(
            r#"
            const cards = [...document.querySelectorAll('[data-claim-card]')];
            const sourceless = cards.filter(c => !document.querySelector(
                `#annotated [data-role="source"][data-claim="${c.getAttribute('data-claim-card')}"]`));
            const unflagged = sourceless.filter(c =>
                c.getAttribute('data-vague') !== 'no-source' || !c.querySelector('.vague-badge'));
            return {
                ok: sourceless.length > 0 && unflagged.length === 0,
                'cards without a source part': sourceless.map(c => c.textContent),
                'of which not flagged "no-source" with a .vague-badge': unflagged.map(c => c.textContent),
                'group of the first': sourceless.length
                    ? sourceless[0].closest('[data-source-group]')?.getAttribute('data-source-name') : null,
            };
            "#,
            vec![],
        )
        .await?;
    ensure!(
        vague["ok"] == Value::Bool(true),
        "expected at least one claim card without a source, each flagged as a vague source \
         (data-vague=\"no-source\" and a .vague-badge).\nSeen: {}",
        harness::pretty(&vague)
    );
    ensure!(
        vague["group of the first"] == json!("No source given"),
        "expected a sourceless claim in the group \"No source given\".\nSeen: {}",
        harness::pretty(&vague)
    );
    s.mark("sourceless claims flagged vague");

    // 3. Filtering by kind "denial" leaves only denial cards; the other
    // claims stay in the text, dimmed.
    let chip = r#"button[data-filter-kind="denial"]"#;
    s.click(chip).await?;
    s.wait_js(
        "after clicking the \"denial\" filter chip: aria-pressed=\"true\", only cards with \
         data-kind=\"denial\" (as many as the chip counts), other claims' parts still in \
         #annotated but dimmed (class dim), denial parts not dimmed",
        Duration::from_secs(5),
        r#"
        const chip = document.querySelector('button[data-filter-kind="denial"]');
        const cards = [...document.querySelectorAll('[data-claim-card]')];
        const kinds = cards.map(c => c.getAttribute('data-kind'));
        const count = chip ? Number(chip.querySelector('.count')?.textContent) : -1;
        const denials = new Set(cards.map(c => c.getAttribute('data-claim-card')));
        const parts = [...document.querySelectorAll('#annotated [data-claim]')];
        const wrong = parts.filter(p => p.classList.contains('dim') === denials.has(p.getAttribute('data-claim')));
        return {
            ok: chip?.getAttribute('aria-pressed') === 'true' && cards.length > 0
                && kinds.every(k => k === 'denial') && cards.length === count
                && parts.length > cards.length && wrong.length === 0,
            'aria-pressed': chip?.getAttribute('aria-pressed'),
            'card kinds': kinds,
            'chip count': count,
            'claim parts in the text': parts.length,
            'parts dimmed wrongly (first 5)': wrong.slice(0, 5).map(p => `${p.getAttribute('data-claim')}: ${p.className}`),
        };
        "#,
        vec![],
    )
    .await?;
    s.mark("denial filter shows only denials");
    s.click(chip).await?;
    s.wait_js(
        "after clicking the \"denial\" chip again, expected every card back and nothing dimmed",
        Duration::from_secs(5),
        r#"
        const cards = document.querySelectorAll('[data-claim-card]').length;
        const kinds = new Set([...document.querySelectorAll('[data-claim-card]')].map(c => c.getAttribute('data-kind')));
        const dimmed = document.querySelectorAll('#annotated .dim').length;
        return { ok: kinds.size > 1 && dimmed === 0, cards, kinds: [...kinds], dimmed };
        "#,
        vec![],
    )
    .await?;
    s.mark("filter cleared");

    // 4. Clicking the card reveals the claim: its parts are lit and flash.
    s.click(&format!(r#"[data-claim-card="{id}"]"#)).await?;
    s.wait_js(
        "after clicking the denied claim's card, expected its parts in #annotated to be lit \
         and flashing, and the card focused",
        Duration::from_secs(5),
        r#"
        const id = arguments[0];
        const parts = [...document.querySelectorAll(`#annotated [data-claim="${id}"]`)];
        const active = document.activeElement;
        return {
            ok: parts.length > 0 && parts.every(p => p.classList.contains('lit'))
                && parts.some(p => p.classList.contains('flash'))
                && active?.getAttribute('data-claim-card') === id,
            parts: parts.map(p => `${p.getAttribute('data-role')}: ${p.className}`),
            focused: active ? active.outerHTML.slice(0, 120) : null,
        };
        "#,
        vec![json!(id)],
    )
    .await?;
    s.mark("card click revealed the claim");
    Ok(())
}

#[tokio::test]
async fn ledger_groups_flags_and_filters_claims() -> Outcome {
    let s = Session::start("ledger_groups_flags_and_filters_claims").await?;
    let result = ledger_checks(&s).await;
    s.finish(result).await
}
