//! The guided steps' caption bar, and presentation mode's page attribute and full screen.

use crate::doc::scenario::{departure, describe_action};
use crate::doc::session::Guide;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CaptionBarProps {
    /// `None` in presentation mode without guided steps: the bar shows the title.
    pub guide: Option<Guide>,
    pub title: AttrValue,
    pub description: AttrValue,
    pub presenting: bool,
    /// Shown in the side column rather than floating over the canvas.
    #[prop_or_default]
    pub docked: bool,
    /// Move by -1 / +1 steps.
    pub on_step: Callback<isize>,
    /// Move the simulated clock forward by this many minutes.
    pub on_advance: Callback<i64>,
    pub on_close: Callback<()>,
    /// The built-in scenario after this one (slug, title), offered on the recap card.
    #[prop_or_default]
    pub next: Option<(&'static str, AttrValue)>,
    /// "Play again" on the recap card: back to step 1.
    #[prop_or_default]
    pub on_play_again: Callback<()>,
    /// "Next scenario" on the recap card: open the built-in scenario with this slug.
    #[prop_or_default]
    pub on_next_scenario: Callback<&'static str>,
}

/// The bar under the canvas: the step's caption, what it does, and what AWS answered.
#[component]
pub fn CaptionBar(p: &CaptionBarProps) -> Html {
    // Next step is disabled once the recap shows, and a disabled button drops the keyboard
    // focus to the page: the focus moves on to "Play again", where the card's actions are.
    let again_ref = use_node_ref();
    {
        let again_ref = again_ref.clone();
        let showing = p.guide.as_ref().is_some_and(|g| g.recap);
        use_effect_with(showing, move |showing| {
            let lost = || {
                super::super::document()
                    .and_then(|d| d.active_element())
                    .is_none_or(|el| el.tag_name() == "BODY" || el.has_attribute("disabled"))
            };
            if *showing && lost() {
                if let Some(b) = again_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    let prev = {
        let f = p.on_step.clone();
        Callback::from(move |_| f.emit(-1))
    };
    let next = {
        let f = p.on_step.clone();
        Callback::from(move |_| f.emit(1))
    };
    let advance = {
        let f = p.on_advance.clone();
        Callback::from(move |_| f.emit(15))
    };
    let close = {
        let f = p.on_close.clone();
        Callback::from(move |_| f.emit(()))
    };
    let (meta, caption, action, outcome, at_start, at_end) = match &p.guide {
        Some(g) if g.recap => (
            String::new(),
            String::new(),
            String::new(),
            None,
            false,
            true,
        ),
        Some(g) => {
            let n = g.len();
            let step = g.step();
            let action = step
                .and_then(|s| s.action.as_ref())
                .map(describe_action)
                .unwrap_or_default();
            let played = g.played();
            let cut = if played < n {
                format!(" · only {played} steps played: this scenario asks for too much")
            } else {
                String::new()
            };
            (
                format!("Step {} of {n} · {}{cut}", g.index + 1, g.scenario.title),
                step.map(|s| s.caption.clone()).unwrap_or_default(),
                action,
                g.outcome().cloned(),
                g.index == 0,
                g.index + 1 >= n && !g.has_recap(),
            )
        }
        None => (
            p.title.to_string(),
            p.description.to_string(),
            String::new(),
            None,
            true,
            true,
        ),
    };
    let departed = p
        .guide
        .as_ref()
        .filter(|g| !g.recap)
        .and_then(|g| Some(departure(g.step()?, g.outcome()?)))
        .flatten();
    let recap = p.guide.as_ref().filter(|g| g.recap).map(|g| {
        recap_card(
            &g.scenario.title,
            &g.scenario.recap,
            p.next.as_ref(),
            &p.on_play_again,
            &p.on_next_scenario,
            &again_ref,
        )
    });
    let outcome_html = match outcome {
        Some(o) if !o.summary.is_empty() => {
            let (class, word) = match o.allowed {
                _ if !o.played => ("caption-outcome denied", "Not played"),
                Some(true) => ("caption-outcome allowed", "Allowed"),
                Some(false) => ("caption-outcome denied", "Denied"),
                None => ("caption-outcome clock", "Clock"),
            };
            html! {
                <p class={class}>
                    <span class="caption-verdict">{ word }</span>
                    <span class="caption-result">{ with_code(&o.summary) }</span>
                    <span class="caption-time">{ o.at.to_iso8601() }</span>
                </p>
            }
        }
        _ => Html::default(),
    };
    html! {
        <section class={classes!("caption-bar", p.presenting.then_some("presenting"), p.docked.then_some("docked"))}
                 role="region" aria-label="Guided steps">
            if let Some(card) = recap {
                { card }
            } else {
                <div class="caption-text">
                    <p class="caption-meta">{ meta }</p>
                    <p class="caption" aria-live="polite">{ with_code(&caption) }</p>
                    if !action.is_empty() {
                        <p class="caption-action">{ with_code(&action) }</p>
                    }
                    { outcome_html }
                    if let Some(d) = departed {
                        <p class="caption-departure" role="note">{ d }</p>
                    }
                </div>
            }
            <div class="caption-controls" role="group" aria-label="Step controls">
                <button class="btn ghost" onclick={prev} disabled={at_start}>{ "Previous step" }</button>
                <button class="btn primary" onclick={next} disabled={at_end}>{ "Next step" }</button>
                <button class="btn ghost" onclick={advance}
                        title="Move the simulated clock forward 15 minutes">{ "+15 min" }</button>
                <button class="btn ghost caption-close" onclick={close}
                        title={if p.presenting { "Leave presentation (Esc)" } else { "Close guided steps" }}
                        aria-label={if p.presenting { "Leave presentation" } else { "Close guided steps" }}>
                    if p.presenting {
                        { "Leave" }
                    } else if p.docked {
                        <span aria-hidden="true">{ "×" }</span>
                    } else {
                        { "Close" }
                    }
                </button>
            </div>
        </section>
    }
}

/// The card shown once the reader steps past the last step: what to take away, and where to
/// go next (step 1 again, or the next built-in scenario). Previous step, beside it, goes back
/// to the last step.
fn recap_card(
    title: &str,
    sentences: &[String],
    next: Option<&(&'static str, AttrValue)>,
    on_play_again: &Callback<()>,
    on_next_scenario: &Callback<&'static str>,
    again_ref: &NodeRef,
) -> Html {
    let again = {
        let f = on_play_again.clone();
        Callback::from(move |_| f.emit(()))
    };
    let next_button = next.map(|(slug, next_title)| {
        let (f, slug) = (on_next_scenario.clone(), *slug);
        let go = Callback::from(move |_| f.emit(slug));
        html! {
            <button class="btn primary" onclick={go}>{ format!("Next scenario: {next_title}") }</button>
        }
    });
    html! {
        <div class="caption-text recap" role="region" aria-label="Recap" aria-live="polite">
            <h2 class="recap-title">{ format!("Recap: {title}") }</h2>
            <ul class="recap-points">
                { for sentences.iter().map(|s| html! { <li>{ with_code(s) }</li> }) }
            </ul>
            <div class="recap-actions">
                <button class="btn" onclick={again} ref={again_ref.clone()}>{ "Play again" }</button>
                { next_button.unwrap_or_default() }
            </div>
        </div>
    }
}

/// Sets or clears `data-present` on `<html>` (the stylesheet enlarges and heightens
/// contrast under it) and enters or leaves full screen.
pub fn set_presenting(on: bool) -> bool {
    let Some(doc) = super::super::document() else {
        return false;
    };
    let Some(root) = doc.document_element() else {
        return false;
    };
    if on {
        let _ = root.set_attribute("data-present", "");
        // Full screen needs a user gesture and may be refused (an iframe without
        // allow="fullscreen"); the full-window layout works either way.
        doc.fullscreen_enabled() && root.request_fullscreen().is_ok()
    } else {
        let _ = root.remove_attribute("data-present");
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        }
        false
    }
}

/// Whether the page is in full screen now.
pub fn is_fullscreen() -> bool {
    super::super::document().is_some_and(|d| d.fullscreen_element().is_some())
}

/// `text` with its backticked identifiers and commands set as code, the backticks gone.
pub(crate) fn with_code(text: &str) -> Html {
    use crate::doc::code_spans::{code_spans, Span};
    code_spans(text)
        .into_iter()
        .map(|s| match s {
            Span::Text(t) => html! { { t.to_string() } },
            Span::Code(c) => html! { <code>{ c.to_string() }</code> },
        })
        .collect::<Html>()
}
