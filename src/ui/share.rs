//! Share links, embed code, presentation mode and the scenario library.

mod embed_dialog;
mod history;
mod launch;
mod library;
mod listen;
mod modal;
#[path = "present.rs"]
mod present;

pub use launch::{allowed_in_embed, embed_options, launch};
pub use listen::Listener;

use super::editor_store::{EditorAction, EditorStore};
use super::sim_store::{SimAction, SimStore};
use crate::doc::scenario::{built_in, Scenario};
use crate::doc::share::{check_size, fragment};
use crate::doc::tool::{InputEvent, Modifiers};
use crate::doc::view::Notice;
use crate::sim::time::{ClockEvent, SimDuration};
use embed_dialog::EmbedDialog;
use launch::{page_address, take_pending, Pending};
use library::ScenarioLibrary;
use listen::{copy_text, typing_in_field};
use modal::Modal;
use present::{is_fullscreen, set_presenting, CaptionBar, Guide};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The id of the element in the side column that holds the guided steps.
pub const GUIDE_HOST: &str = "guide-host";

#[derive(Clone, PartialEq)]
enum Dialog {
    Library,
    Embed,
    /// A shared scenario waits for the person's yes.
    Confirm(Rc<Scenario>),
}

/// Puts the simulator where the guided step `g` leaves the story: the sessions steps 1..N
/// created in the wallet and on the timeline, the step's checks on show, and the clock at the
/// moment the step happens, paused, so countdowns read as the caption says. Stepping back
/// replays fewer steps, so what a later step created is gone again.
///
/// A step that hands out credentials unfolds the simulator so they show, except in an embed
/// (the reader's page has little height to spare) and in presentation mode (the canvas shows
/// them, in type the back row can read): the dock stays as the reader left it.
fn apply_step(sim: &SimStore, g: &Guide) {
    let presenting = super::document()
        .and_then(|d| d.document_element())
        .is_some_and(|r| r.has_attribute("data-present"));
    sim.dispatch(SimAction::GuidedStep {
        state: Box::new(g.state()),
        instant: crate::ui::simulator::reduced_motion(),
        reveal: launch::embed_options().is_none() && !presenting,
    });
}

/// Header buttons: Scenarios, Share, Copy embed code, Present; and what they open.
#[component]
pub fn ShareMenu() -> Html {
    let store = use_context::<EditorStore>();
    let sim = use_context::<SimStore>();
    let (Some(store), Some(sim)) = (store, sim) else {
        return Html::default();
    };
    let embed = use_memo((), |_| embed_options());
    let guide = use_state(|| None::<Guide>);
    // An embed's closed guided steps, kept so its reader can bring them back: an embed has
    // no Scenarios menu to reopen them from.
    let parked = use_state(|| None::<Guide>);
    let presenting = use_state(|| false);
    let blank = use_state(|| false);
    let dialog = use_state(|| None::<Dialog>);

    // History entries are the full page's: an embed's would become the host page's Back.
    let is_embed = embed.is_some();
    // Opens a scenario as one undoable step and starts its guided steps, if any; Back
    // returns to what was open before.
    let open = {
        let (store, sim, guide) = (store.clone(), sim.clone(), guide.clone());
        Callback::from(move |s: Scenario| {
            if !is_embed {
                history::push(&s, s.first_step(), &store.doc);
            }
            let title = s.title.clone();
            store.dispatch(EditorAction::Load(Box::new(s.document.clone())));
            store.dispatch(EditorAction::Notify(Notice::info(format!(
                "Opened \"{title}\". Undo brings back what was here before."
            ))));
            sim.dispatch(SimAction::Clock(ClockEvent::JumpTo(s.start_time())));
            // The step is put into the simulator by the effect below, once the guide shows.
            guide.set(Guide::new(s));
        })
    };

    // What start-up left: a link to confirm, a scenario to play, or a problem to report.
    {
        let (store, sim, guide, dialog, embed) = (
            store.clone(),
            sim.clone(),
            guide.clone(),
            dialog.clone(),
            embed.clone(),
        );
        use_effect_with((), move |_| {
            match take_pending() {
                Some(Pending::Ask(s)) => dialog.set(Some(Dialog::Confirm(Rc::new(s)))),
                Some(Pending::Opened(s)) => {
                    sim.dispatch(SimAction::Clock(ClockEvent::JumpTo(s.start_time())));
                    let autoplay = embed.as_ref().as_ref().is_none_or(|o| o.autoplay);
                    if autoplay {
                        if embed.is_none() {
                            history::replace(&s, s.first_step());
                        }
                        guide.set(Guide::new(s));
                    }
                }
                Some(Pending::Problem(p)) => store.dispatch(EditorAction::Notify(Notice::error(p))),
                // A reload: the guided scenario that was open comes back at its step, over
                // the document as autosaved.
                None if embed.is_none() => {
                    if let Some(v) = history::current() {
                        sim.dispatch(SimAction::Clock(ClockEvent::JumpTo(
                            v.scenario.start_time(),
                        )));
                        guide.set(Guide::new(v.scenario_at_step()));
                    }
                }
                None => {}
            }
            if let Some(z) = embed.as_ref().as_ref().and_then(|o| o.zoom) {
                zoom_after_fit(store, z);
            }
        });
    }

    let enter_present = {
        let (presenting, store) = (presenting.clone(), store.clone());
        Callback::from(move |_: ()| {
            set_presenting(true);
            presenting.set(true);
            refit_soon(store.clone());
        })
    };
    let leave_present = {
        let (presenting, blank, store) = (presenting.clone(), blank.clone(), store.clone());
        Callback::from(move |_: ()| {
            set_presenting(false);
            presenting.set(false);
            blank.set(false);
            refit_soon(store.clone());
        })
    };
    // The guide as the reader's edits have left it, so the caption says what AWS answers
    // now. Worked out when the document changes, never on a clock tick; `against` re-runs
    // the story only when the world differs from the scenario's.
    let live = {
        let key = guide.as_ref().map(|g| {
            (
                Rc::as_ptr(&g.scenario) as usize,
                Rc::as_ptr(&store.doc) as usize,
            )
        });
        let (g, doc) = ((*guide).clone(), store.doc.clone());
        use_memo(key, move |_| g.map(|g| g.against(&doc.world)))
    };
    let live_guide = (*guide).clone().zip((*live).clone()).map(|(g, l)| Guide {
        index: g.index,
        ..l
    });
    // A guide that opens, or an edit that changes its story, puts the step on show into the
    // simulator; stepping does it in `on_step`.
    {
        let sim = sim.clone();
        let shown = live_guide.clone();
        let key = live_guide
            .as_ref()
            .map(|g| Rc::as_ptr(&g.scenario) as usize);
        use_effect_with(key, move |_| {
            if let Some(g) = shown {
                apply_step(&sim, &g);
            }
        });
    }
    let on_step = {
        let (guide, sim, live) = (guide.clone(), sim.clone(), live_guide.clone());
        Callback::from(move |delta: isize| {
            if let (Some(g), Some(l)) = (guide.as_ref(), live.as_ref()) {
                let next = g.moved(delta);
                if next.index != g.index {
                    apply_step(&sim, &l.moved(delta));
                    if !is_embed {
                        history::replace(&next.scenario, next.index);
                    }
                    guide.set(Some(next));
                }
            }
        })
    };
    let on_advance = {
        let sim = sim.clone();
        Callback::from(move |mins: i64| {
            sim.dispatch(SimAction::Clock(ClockEvent::Advance(
                SimDuration::from_mins(mins),
            )));
        })
    };

    // Keys: P presents; in presentation, the keys clickers send step, B blanks, Esc leaves.
    {
        let deps = (
            *presenting,
            guide.as_ref().map(|g| g.index),
            dialog.is_some(),
        );
        let dialog_open = dialog.is_some();
        let (presenting, blank) = (presenting.clone(), blank.clone());
        let (enter, leave, step) = (
            enter_present.clone(),
            leave_present.clone(),
            on_step.clone(),
        );
        let is_embed = embed.is_some();
        use_effect_with(deps, move |_| {
            let keys = Listener::window("keydown", true, move |e: web_sys::Event| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if typing_in_field(&e) || k.ctrl_key() || k.meta_key() || k.alt_key() {
                    return;
                }
                let handled = if *presenting {
                    match k.key().as_str() {
                        "ArrowRight" | "PageDown" | " " | "ArrowDown" => {
                            step.emit(1);
                            true
                        }
                        "ArrowLeft" | "PageUp" | "ArrowUp" => {
                            step.emit(-1);
                            true
                        }
                        "b" | "B" | "." => {
                            blank.set(!*blank);
                            true
                        }
                        "Escape" => {
                            leave.emit(());
                            true
                        }
                        _ => false,
                    }
                } else if !is_embed && !dialog_open && (k.key() == "p" || k.key() == "P") {
                    enter.emit(());
                    true
                } else {
                    false
                };
                if handled {
                    e.prevent_default();
                    e.stop_propagation();
                }
            });
            move || drop(keys)
        });
    }
    // Back and Forward: the visit of the entry reached opens again, with the reader's edits
    // as they left it (the document replaced stays in Undo); an entry of no visit closes
    // the guided steps.
    {
        let (store, sim, guide) = (store.clone(), sim.clone(), guide.clone());
        use_effect_with((), move |_| {
            let l = (!is_embed).then(|| {
                Listener::window("popstate", false, move |e| {
                    let state = e
                        .dyn_ref::<web_sys::PopStateEvent>()
                        .map(|p| p.state())
                        .unwrap_or(wasm_bindgen::JsValue::NULL);
                    let Some(v) = history::from_state(state) else {
                        guide.set(None);
                        return;
                    };
                    let doc = v
                        .document
                        .clone()
                        .unwrap_or_else(|| v.scenario.document.clone());
                    store.dispatch(EditorAction::Load(Box::new(doc)));
                    store.dispatch(EditorAction::Notify(Notice::info(format!(
                        "Reopened \"{}\" where you left it. Undo brings back what was here before.",
                        v.scenario.title
                    ))));
                    sim.dispatch(SimAction::Clock(ClockEvent::JumpTo(
                        v.scenario.start_time(),
                    )));
                    guide.set(Guide::new(v.scenario_at_step()));
                })
            });
            move || drop(l)
        });
    }
    // Leaving full screen with the browser's own Esc leaves presentation mode too.
    {
        let leave = leave_present.clone();
        let on = *presenting;
        use_effect_with(on, move |on| {
            let l = on.then(|| {
                Listener::document("fullscreenchange", move |_| {
                    if !is_fullscreen() {
                        leave.emit(());
                    }
                })
            });
            move || drop(l)
        });
    }
    // Scenario files dropped anywhere on the page open like "Open file".
    {
        let (open, store) = (open.clone(), store.clone());
        let allowed = embed.as_ref().as_ref().is_none_or(|o| o.interactive);
        use_effect_with((), move |_| {
            let over = Listener::window("dragover", false, |e| e.prevent_default());
            let drop_l = Listener::window("drop", false, move |e| {
                e.prevent_default();
                let file = e
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files())
                    .and_then(|f| f.get(0));
                if let (Some(file), true) = (file, allowed) {
                    open_dropped(file, store.clone(), open.clone());
                }
            });
            move || drop((over, drop_l))
        });
    }

    let doc = store.doc.clone();
    let scenario = {
        let guide = guide.clone();
        move || {
            let mut s = Scenario::from_document((*doc).clone());
            if let Some(g) = guide.as_ref() {
                s.steps = g.scenario.steps.clone();
                s.start = g.scenario.start;
                // A link made at step 5 opens at step 5.
                s.open_at = (g.index > 0).then_some(g.index + 1);
            }
            s
        }
    };
    let shared = {
        let scenario = scenario.clone();
        move || fragment(&scenario())
    };
    let share = {
        let (store, scenario) = (store.clone(), scenario.clone());
        Callback::from(move |_| {
            let s = scenario();
            if check_size(&s).is_err() {
                store.dispatch(EditorAction::Notify(Notice::error(format!(
                    "This scenario is larger than {} KB, too large for a link. Save it with \"Save file\" and share the file instead.",
                    crate::doc::share::MAX_DECODED_BYTES / 1024
                ))));
                return;
            }
            let link = format!("{}#{}", page_address(), fragment(&s));
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if copy_text(link.clone()).await {
                    store.dispatch(EditorAction::Notify(Notice::info(
                        "Link copied. Anyone who opens it sees this scenario; it lives in the link, not on a server.",
                    )));
                } else {
                    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ =
                            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
                    }
                    store.dispatch(EditorAction::Notify(Notice::error(
                        "The browser did not allow copying. The link is now in the address bar: copy it from there.",
                    )));
                }
            });
        })
    };
    let show = |d: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(Some(d.clone())))
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: ()| dialog.set(None))
    };
    let choose = {
        let (open, dialog, store) = (open.clone(), dialog.clone(), store.clone());
        Callback::from(move |slug: &'static str| {
            dialog.set(None);
            match built_in(slug) {
                Some(Ok(s)) => open.emit(s),
                _ => store.dispatch(EditorAction::Notify(Notice::error(format!(
                    "The built-in scenario {slug} could not be read. Nothing was changed."
                )))),
            }
        })
    };
    let notify = {
        let store = store.clone();
        Callback::from(move |(ok, text): (bool, String)| {
            let n = if ok {
                Notice::info(text)
            } else {
                Notice::error(text)
            };
            store.dispatch(EditorAction::Notify(n));
        })
    };

    let dialog_html = match (*dialog).clone() {
        Some(Dialog::Library) => html! { <ScenarioLibrary on_choose={choose} on_close={close} /> },
        Some(Dialog::Embed) => html! {
            <EmbedDialog page={page_address()} fragment={shared()} title={store.doc.title.clone()}
                         has_steps={guide.is_some()} on_done={notify} on_close={close} />
        },
        Some(Dialog::Confirm(s)) => html! {
            <ConfirmShared scenario={s} open={open.clone()} {close} store={store.clone()} />
        },
        None => Html::default(),
    };
    let caption = (guide.is_some() || *presenting).then(|| {
        let close_caption = if *presenting {
            leave_present.clone()
        } else {
            let (guide, parked) = (guide.clone(), parked.clone());
            Callback::from(move |_| {
                if is_embed {
                    parked.set((*guide).clone());
                } else {
                    history::close();
                }
                guide.set(None)
            })
        };
        // Docked in the guide host: the side column on a desk (above the inspector, or alone
        // in presentation mode), a bar under the canvas in the compact layouts (src/ui/app.rs).
        let host = super::document().and_then(|d| d.get_element_by_id(GUIDE_HOST));
        let bar = html! {
            <CaptionBar guide={live_guide.clone()} title={store.doc.title.clone()}
                        description={store.doc.description.clone()} presenting={*presenting}
                        docked={host.is_some()} {on_step} {on_advance} on_close={close_caption} />
        };
        match host {
            Some(h) => create_portal(bar, h),
            None => bar,
        }
    });
    let menu = if embed.is_some() {
        let href = format!("{}#{}", page_address(), shared());
        let reopen = (guide.is_none() && parked.is_some()).then(|| {
            let (guide, parked) = (guide.clone(), parked.clone());
            Callback::from(move |_| {
                guide.set((*parked).clone());
                parked.set(None);
            })
        });
        html! {
            <>
                if let Some(onclick) = reopen {
                    <button class="btn ghost reopen-guide" {onclick}>{ "Show guided steps" }</button>
                }
                <a class="btn ghost open-full" href={href} target="_blank" rel="noopener"
                   title="Open this scenario in the full IAM Playground, in a new tab">{ "Open in IAM Playground" }</a>
            </>
        }
    } else {
        let present = {
            let enter = enter_present.clone();
            Callback::from(move |_| enter.emit(()))
        };
        html! {
            <div class="share-menu" role="group" aria-label="Share and present">
                <button class="btn ghost" onclick={show(Dialog::Library)}
                        title="Guided scenarios: open one and step through it">{ "Scenarios" }</button>
                <button class="btn ghost" onclick={share}
                        title="Copy a link that carries this whole scenario">{ "Share" }</button>
                <button class="btn ghost" onclick={show(Dialog::Embed)}
                        title="An <iframe> for a blog post or slides">{ "Copy embed code" }</button>
                <button class="btn ghost" onclick={present}
                        title="Full screen, large type, guided steps (key P)">{ "Present" }</button>
            </div>
        }
    };
    html! {
        <>
            { menu }
            { dialog_html }
            // One slot whether or not there is a caption: Yew matches unkeyed children from
            // the end, so a child appearing here would otherwise rebuild the buttons above
            // (and lose their focus).
            { caption.unwrap_or_default() }
            if *blank {
                <div class="present-blank" role="img" aria-label="Screen blanked; press B to show it again"></div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ConfirmProps {
    scenario: Rc<Scenario>,
    open: Callback<Scenario>,
    close: Callback<()>,
    store: EditorStore,
}

/// "Open the shared scenario?": a link never replaces a local scenario without a yes.
#[component]
fn ConfirmShared(p: &ConfirmProps) -> Html {
    let yes_ref = use_node_ref();
    let yes = {
        let (s, close, open) = (p.scenario.clone(), p.close.clone(), p.open.clone());
        Callback::from(move |_| {
            close.emit(());
            open.emit((*s).clone());
        })
    };
    let no = {
        let (close, store) = (p.close.clone(), p.store.clone());
        Callback::from(move |(): ()| {
            close.emit(());
            store.dispatch(EditorAction::Notify(Notice::info(
                "Kept your scenario. The shared one was not opened.",
            )));
        })
    };
    html! {
        <Modal role="alertdialog" labelled_by="confirm-title" described_by="confirm-text"
               initial={yes_ref.clone()} on_close={no.clone()}>
            <h2 id="confirm-title">{ "Open the shared scenario?" }</h2>
            <p id="confirm-text">
                { format!("\"{}\" was shared with you. If you open it, your current scenario stays in Undo.", p.scenario.title) }
            </p>
            <div class="dialog-actions">
                <button class="btn primary" onclick={yes} ref={yes_ref}>{ "Open shared scenario" }</button>
                <button class="btn ghost" onclick={no.reform(|_| ())}>{ "Keep mine" }</button>
            </div>
        </Modal>
    }
}

/// Reads a dropped file: a scenario (with steps) or a plain document.
fn open_dropped(file: web_sys::File, store: EditorStore, open: Callback<Scenario>) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        match text.map(|t| Scenario::from_json(&t)) {
            Some(Ok(s)) => open.emit(s),
            Some(Err(e)) => store.dispatch(EditorAction::Notify(Notice::error(format!(
                "{name} cannot be opened: {e}. Nothing was changed."
            )))),
            None => store.dispatch(EditorAction::Notify(Notice::error(format!(
                "{name} could not be read. Nothing was changed."
            )))),
        }
    });
}

/// Fits the scenario to the canvas once the layout has settled into (or out of) the
/// presentation's larger canvas: a bigger canvas then means bigger type.
fn refit_soon(store: EditorStore) {
    gloo_timers::callback::Timeout::new(200, move || store.dispatch(EditorAction::Fit)).forget();
}

/// An embed's initial zoom, relative to the fitted view: the canvas fits itself once it
/// knows its size, then the same zoom steps as the `+`/`-` keys apply.
fn zoom_after_fit(store: EditorStore, percent: u32) {
    let steps = (f64::from(percent) / 100.0).ln() / crate::doc::geometry::viewport::ZOOM_STEP.ln();
    let steps = steps.round() as i32;
    let key = if steps > 0 { "+" } else { "-" };
    gloo_timers::callback::Timeout::new(250, move || {
        for _ in 0..steps.unsigned_abs() {
            store.dispatch(EditorAction::Input(InputEvent::Key {
                key: key.into(),
                mods: Modifiers::default(),
            }));
        }
    })
    .forget();
}
