//! Presentation mode and the guided steps on stage: where the caption sits, the keys a
//! clicker sends, blanking, and the session's effects the page carries out (history, dock).

use super::history;
use super::listen::{typing_in_field, Listener};
use super::present::{is_fullscreen, set_presenting, CaptionBar};
use crate::doc::geometry::viewport::Readable;
use crate::doc::scenario::{built_in, next_in_library};
use crate::doc::session::{Effect, SessionEvent};
use crate::sim::time::{ClockEvent, SimDuration};
use crate::ui::editor_store::{use_editor_content, EditorAction, EditorStore};
use crate::ui::sim_store::{SimAction, SimStore};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The id of the element in the side column that holds the guided steps.
pub const GUIDE_HOST: &str = "guide-host";

/// What a key does in presentation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PresentKey {
    /// A key a presentation clicker sends: steps whatever control has focus.
    Clicker(isize),
    /// Up and Down: step too, but leave a focused field its own use of them.
    Arrow(isize),
    /// B or `.`: blank the screen, or show it again.
    Blank,
    /// Esc: unblank if blanked, else leave presentation.
    Escape,
}

fn present_key(key: &str) -> Option<PresentKey> {
    Some(match key {
        "ArrowRight" | "PageDown" | " " => PresentKey::Clicker(1),
        "ArrowLeft" | "PageUp" => PresentKey::Clicker(-1),
        "ArrowDown" => PresentKey::Arrow(1),
        "ArrowUp" => PresentKey::Arrow(-1),
        "b" | "B" | "." => PresentKey::Blank,
        "Escape" => PresentKey::Escape,
        _ => return None,
    })
}

/// Enters presentation mode: full window and large type, with no notice over the caption.
pub fn enter(presenting: &UseStateHandle<bool>, store: &EditorStore) {
    set_presenting(true);
    presenting.set(true);
    store.dispatch(EditorAction::DismissNotice);
    refit_soon(store.clone(), true);
}

fn leave(presenting: &UseStateHandle<bool>, blank: &UseStateHandle<bool>, store: &EditorStore) {
    set_presenting(false);
    presenting.set(false);
    blank.set(false);
    refit_soon(store.clone(), false);
}

/// Fits the scenario to the canvas once the layout has settled into (or out of) the
/// presentation's larger canvas: on a projector names grow with the screen's height (past
/// 100 % zoom where the diagram is small), on a desk fitting stops at 100 % again.
fn refit_soon(store: EditorStore, presenting: bool) {
    let readable = move || {
        if presenting {
            let height = web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .unwrap_or(720.0);
            Readable::presenting(height)
        } else {
            Readable::default()
        }
    };
    // At once, so the first frame already has the stage's sizes; again once the layout has
    // settled (full screen, the caption column), for the canvas's final size.
    store.dispatch(EditorAction::SetReadable(readable()));
    gloo_timers::callback::Timeout::new(200, move || {
        store.dispatch(EditorAction::SetReadable(readable()));
    })
    .forget();
}

#[derive(Properties, PartialEq)]
pub struct StageProps {
    /// Whether presentation mode is on (shared with the Present button).
    pub presenting: UseStateHandle<bool>,
    /// The page is an embed: no history entries, no presentation key, the dock left as is.
    pub embed: bool,
    /// A dialog is open: P types into it rather than presenting.
    pub dialog_open: bool,
}

/// The guided steps' caption, presentation mode's keys and blank screen.
#[component]
pub fn Stage(p: &StageProps) -> Html {
    let (Some(store), Some(sim)) = (use_editor_content(), use_context::<SimStore>()) else {
        return Html::default();
    };
    let blank = use_state(|| false);
    use_session_effects(sim.clone(), p.embed, *p.presenting);
    use_present_keys(&p.presenting, &blank, &store, &sim, p.embed, p.dialog_open);
    // Leaving full screen with the browser's own Esc leaves presentation mode too.
    {
        let (presenting, blank, store) = (p.presenting.clone(), blank.clone(), store.clone());
        use_effect_with(*p.presenting, move |on| {
            let l = on.then(|| {
                Listener::document("fullscreenchange", move |_| {
                    if !is_fullscreen() {
                        leave(&presenting, &blank, &store);
                    }
                })
            });
            move || drop(l)
        });
    }
    let presenting = *p.presenting;
    let caption = (sim.guide.is_some() || presenting).then(|| {
        let on_close = {
            let (handle, blank, store, sim) = (
                p.presenting.clone(),
                blank.clone(),
                store.clone(),
                sim.clone(),
            );
            Callback::from(move |_| match presenting {
                true => leave(&handle, &blank, &store),
                false => sim.dispatch(SessionEvent::CloseGuide.into()),
            })
        };
        let on_step = {
            let sim = sim.clone();
            Callback::from(move |d: isize| sim.dispatch(SessionEvent::Step(d).into()))
        };
        let on_advance = {
            let sim = sim.clone();
            Callback::from(move |mins: i64| {
                sim.dispatch(SimAction::Clock(ClockEvent::Advance(
                    SimDuration::from_mins(mins),
                )))
            })
        };
        let next = sim
            .guide
            .as_ref()
            .filter(|g| g.recap)
            .and_then(|g| next_in_library(&g.story.title))
            .map(|e| (e.slug, AttrValue::from(e.title)));
        let on_play_again = {
            let sim = sim.clone();
            Callback::from(move |()| sim.dispatch(SessionEvent::PlayAgain.into()))
        };
        let on_next_scenario = {
            let open = super::open::open_callback(&store, &sim, p.embed, presenting, false);
            Callback::from(move |slug: &'static str| {
                if let Some(Ok(s)) = built_in(slug) {
                    open.emit(s);
                }
            })
        };
        // Docked in the guide host: the side column on a desk (above the inspector, or alone
        // in presentation mode), a bar under the canvas in the compact layouts (src/ui/app.rs).
        let host = crate::ui::document().and_then(|d| d.get_element_by_id(GUIDE_HOST));
        let bar = html! {
            <CaptionBar guide={sim.guide.clone()} title={store.doc.title.clone()}
                        description={store.doc.description.clone()} {presenting}
                        docked={host.is_some()} {on_step} {on_advance} {on_close}
                        {next} {on_play_again} {on_next_scenario} />
        };
        match host {
            Some(h) => create_portal(bar, h),
            None => bar,
        }
    });
    html! {
        <>
            { caption.unwrap_or_default() }
            if *blank {
                <div class="present-blank" role="img" aria-label="Screen blanked; press B to show it again"></div>
            }
        </>
    }
}

/// Carries out what the session asks of the page, once each: a reload comes back to the
/// step on show, closing the steps forgets them, credentials handed out unfold the dock
/// (not in an embed, whose reader's page has little height to spare, nor in presentation).
#[hook]
fn use_session_effects(sim: SimStore, embed: bool, presenting: bool) {
    let done = use_mut_ref(|| 0u64);
    let outbox = sim.outbox.clone();
    use_effect_with(outbox, move |outbox| {
        for (n, effect) in outbox.iter().filter(|(n, _)| *n > *done.borrow()) {
            *done.borrow_mut() = *n;
            match effect {
                Effect::RememberStep { story, index } if !embed => history::replace(story, *index),
                Effect::GuideClosed if !embed => history::close(),
                // Presenting, the canvas shows the credentials in type the back row can read.
                Effect::RevealDock if !embed && !presenting => {
                    sim.dispatch(SimAction::SetDockOpen(true))
                }
                _ => {}
            }
        }
    });
}

/// P presents; in presentation, clicker keys step (whatever has focus), B blanks, Esc
/// unblanks or leaves.
#[hook]
fn use_present_keys(
    presenting: &UseStateHandle<bool>,
    blank: &UseStateHandle<bool>,
    store: &EditorStore,
    sim: &SimStore,
    embed: bool,
    dialog_open: bool,
) {
    let deps = (**presenting, **blank, dialog_open);
    let (presenting, blank, store, sim) = (
        presenting.clone(),
        blank.clone(),
        store.clone(),
        sim.clone(),
    );
    use_effect_with(deps, move |&(on, blanked, dialog_open)| {
        let keys = Listener::window("keydown", true, move |e: web_sys::Event| {
            let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if k.ctrl_key() || k.meta_key() || k.alt_key() {
                return;
            }
            let key = k.key();
            let in_field = typing_in_field(&e);
            let handled = match (on, present_key(&key)) {
                (true, Some(PresentKey::Clicker(d))) => {
                    sim.dispatch(SessionEvent::Step(d).into());
                    true
                }
                (true, _) if in_field => false,
                (true, Some(PresentKey::Arrow(d))) => {
                    sim.dispatch(SessionEvent::Step(d).into());
                    true
                }
                (true, Some(PresentKey::Blank)) => {
                    blank.set(!blanked);
                    true
                }
                (true, Some(PresentKey::Escape)) if blanked => {
                    blank.set(false);
                    true
                }
                (true, Some(PresentKey::Escape)) => {
                    leave(&presenting, &blank, &store);
                    true
                }
                (true, None) => false,
                (false, _) if embed || dialog_open || in_field => false,
                (false, _) if key == "p" || key == "P" => {
                    enter(&presenting, &store);
                    true
                }
                (false, _) => false,
            };
            if handled {
                e.prevent_default();
                e.stop_propagation();
            }
        });
        move || drop(keys)
    });
}
