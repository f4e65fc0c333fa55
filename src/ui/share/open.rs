//! Opening scenarios: from the library, a dropped file, a link at start-up, a reload, and
//! the browser's Back and Forward; each opens one undoable document and its guided steps.

use super::history;
use super::launch::{take_pending, Pending};
use super::listen::Listener;
use super::Dialog;
use crate::doc::scenario::Scenario;
use crate::doc::session::SessionEvent;
use crate::doc::share::embed::EmbedOptions;
use crate::doc::tool::{InputEvent, Modifiers};
use crate::doc::view::Notice;
use crate::ui::editor_store::{EditorAction, EditorStore};
use crate::ui::import::{file_vec, offer_if_gaad, read_all, ImportUi};
use crate::ui::sim_store::SimStore;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Opens a scenario as one undoable step and starts its guided steps, if any; Back returns
/// to what was open before (not in an embed, whose history is the host page's). With
/// `announce` a notice says what opened and that Undo brings back what was there (a link);
/// never while presenting, where it would cover the caption.
pub fn open_callback(
    store: &EditorStore,
    sim: &SimStore,
    embed: bool,
    presenting: bool,
    announce: bool,
) -> Callback<Scenario> {
    let (store, sim) = (store.clone(), sim.clone());
    Callback::from(move |s: Scenario| {
        if !embed {
            history::push(&s, s.first_step(), &store.doc);
        }
        store.dispatch(EditorAction::Load(Box::new(s.document.clone())));
        if announce && !presenting {
            store.dispatch(EditorAction::Notify(Notice::info(format!(
                "Opened \"{}\". Undo brings back what was here before.",
                s.title
            ))));
        }
        sim.dispatch(SessionEvent::OpenScenario(Box::new(s)).into());
    })
}

/// Plays `s` over the document as it is (start-up: the document is already loaded).
fn play_over_document(store: &EditorStore, sim: &SimStore, s: Scenario) {
    sim.dispatch(SessionEvent::OpenScenario(Box::new(s)).into());
    // No `Load` follows, so say now which document the story plays against.
    let world = Rc::new(store.doc.world.clone());
    sim.dispatch(SessionEvent::DocumentEdited(world).into());
}

/// What start-up left: a link to confirm, a scenario to play, or a problem to report.
#[hook]
pub fn use_startup(
    store: &EditorStore,
    sim: &SimStore,
    dialog: &UseStateHandle<Option<Dialog>>,
    embed: Rc<Option<EmbedOptions>>,
) {
    let (store, sim, dialog) = (store.clone(), sim.clone(), dialog.clone());
    use_effect_with((), move |_| {
        match take_pending() {
            Some(Pending::Ask(s)) => dialog.set(Some(Dialog::Confirm(Rc::new(s)))),
            Some(Pending::Opened(s)) => {
                let autoplay = embed.as_ref().as_ref().is_none_or(|o| o.autoplay);
                if autoplay {
                    if embed.is_none() {
                        history::replace(&s, s.first_step());
                    }
                    play_over_document(&store, &sim, s);
                } else {
                    let start = s.start_time();
                    sim.dispatch(crate::ui::sim_store::SimAction::Clock(
                        crate::sim::time::ClockEvent::JumpTo(start),
                    ));
                }
            }
            Some(Pending::Problem(p)) => store.dispatch(EditorAction::Notify(Notice::error(p))),
            // A reload: the guided scenario that was open comes back at its step, over the
            // document as autosaved.
            None if embed.is_none() => {
                if let Some(v) = history::current() {
                    play_over_document(&store, &sim, v.scenario_at_step());
                }
            }
            None => {}
        }
        if let Some(z) = embed.as_ref().as_ref().and_then(|o| o.zoom) {
            zoom_after_fit(store, z);
        }
    });
}

/// Back and Forward: the visit of the entry reached opens again, with the reader's edits as
/// they left it (the document replaced stays in Undo); an entry of no visit closes the
/// guided steps.
#[hook]
pub fn use_back_forward(store: &EditorStore, sim: &SimStore, embed: bool, presenting: bool) {
    let (store, sim) = (store.clone(), sim.clone());
    use_effect_with(presenting, move |&presenting| {
        let l = (!embed).then(|| {
            Listener::window("popstate", false, move |e| {
                let state = e
                    .dyn_ref::<web_sys::PopStateEvent>()
                    .map(|p| p.state())
                    .unwrap_or(wasm_bindgen::JsValue::NULL);
                let Some(v) = history::from_state(state) else {
                    sim.dispatch(SessionEvent::CloseGuide.into());
                    return;
                };
                let doc = v
                    .document
                    .clone()
                    .unwrap_or_else(|| v.scenario.document.clone());
                store.dispatch(EditorAction::Load(Box::new(doc)));
                if !presenting {
                    store.dispatch(EditorAction::Notify(Notice::info(format!(
                        "Reopened \"{}\" where you left it. Undo brings back what was here before.",
                        v.scenario.title
                    ))));
                }
                sim.dispatch(SessionEvent::OpenScenario(Box::new(v.scenario_at_step())).into());
            })
        });
        move || drop(l)
    });
}

/// Scenario files dropped anywhere on the page open like "Open file", and account files
/// (GAAD, one or several) go to the importer (not in a read-only embed).
#[hook]
pub fn use_drop_to_open(store: &EditorStore, open: &Callback<Scenario>, allowed: bool) {
    let import = use_context::<ImportUi>();
    let (store, open) = (store.clone(), open.clone());
    // Registered once; the callback it calls is kept current through this cell.
    let current = use_mut_ref(|| open.clone());
    *current.borrow_mut() = open;
    use_effect_with((), move |_| {
        let over = Listener::window("dragover", false, |e| e.prevent_default());
        let drop_l = Listener::window("drop", false, move |e| {
            e.prevent_default();
            let files = file_vec(
                e.dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files()),
            );
            if !files.is_empty() && allowed {
                let open = current.borrow().clone();
                open_dropped(files, store.clone(), open, import.clone());
            }
        });
        move || drop((over, drop_l))
    });
}

/// Reads dropped files: account files (GAAD) for the importer, else one scenario (with
/// steps) or a plain document.
fn open_dropped(
    files: Vec<web_sys::File>,
    store: EditorStore,
    open: Callback<Scenario>,
    import: Option<ImportUi>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let read = read_all(files).await;
        if offer_if_gaad(&read, import.as_ref(), &store) {
            return;
        }
        let Some((name, text)) = read.into_iter().next() else {
            return;
        };
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
