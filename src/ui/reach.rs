//! "Who can reach what" in the page: the store behind the highlight, the inspector's two
//! buttons, and the "Access paths" list. The analysis runs only when a button is pressed
//! (or the depth or action changes), never while rendering.

mod buttons;
mod layer;
mod paths;

use crate::doc::document::Document;
use crate::doc::reach::{answer_with, marks_of_escalations, EscalationView, Query, ReachView};
use crate::doc::scene::{NodeId, Scene};
use crate::sim::reach::{EscalationScan, Learnt};
use crate::ui::clock_hook::real_now_ms;
use crate::ui::editor_store::EditorStore;
use gloo_timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

pub use buttons::ReachButtons;
pub use layer::{canvas_layer, escalation_warnings};
pub use paths::ReachPanel;

/// The question on show and its answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReachState {
    /// The question asked last; `None`: no highlight.
    pub query: Option<Query>,
    /// Its answer.
    pub view: Option<Rc<ReachView>>,
    /// Why there is no answer.
    pub error: Option<String>,
    /// What playing a path did.
    pub said: Option<String>,
    /// Counts the questions asked, so the compact layout can show the canvas after each.
    pub asked: u64,
}

impl ReachState {
    /// Whether the canvas is in highlight mode.
    pub fn active(&self) -> bool {
        self.query.is_some()
    }
}

thread_local! {
    /// What the last analysis learnt of a document's world (every policy parsed, every
    /// principal's side worked out), with that document: the escalation pass leaves it after
    /// each change, and a question about the same document starts from it rather than
    /// parsing the whole account again. The document is kept with it, so no other document
    /// can take its place in memory and pass for it.
    static LEARNT: RefCell<Option<(Rc<Document>, Learnt)>> = const { RefCell::new(None) };
}

/// What was learnt of `doc`'s world, if the last analysis was of this document or of one
/// with the same world (a node moved since changes the document, not the world).
fn learnt_of(doc: &Rc<Document>) -> Option<Learnt> {
    LEARNT.with(|slot| {
        let mut slot = slot.borrow_mut();
        match slot.take() {
            Some((d, l)) if Rc::ptr_eq(&d, doc) || d.world == doc.world => Some(l),
            _ => None,
        }
    })
}

/// Keeps what an analysis of `doc` learnt, for the next question about it.
fn keep_learnt(doc: Rc<Document>, learnt: Learnt) {
    LEARNT.with(|slot| *slot.borrow_mut() = Some((doc, learnt)));
}

/// What changes the reach state.
pub enum ReachAction {
    /// Ask `query` of this document.
    Ask(Query, Rc<Document>, Rc<Scene>),
    /// Leave highlight mode.
    Clear,
    /// Say what playing a path did.
    Said(String),
}

impl Reducible for ReachState {
    type Action = ReachAction;

    fn reduce(self: Rc<Self>, action: ReachAction) -> Rc<Self> {
        match action {
            ReachAction::Ask(query, doc, scene) => {
                let (answered, learnt) = answer_with(&doc, &scene, &query, learnt_of(&doc));
                keep_learnt(doc, learnt);
                let (view, error) = match answered {
                    Ok(v) => (Some(Rc::new(v)), None),
                    Err(e) => (None, Some(e)),
                };
                Rc::new(ReachState {
                    query: Some(query),
                    view,
                    error,
                    said: None,
                    asked: self.asked.saturating_add(1),
                })
            }
            ReachAction::Clear if !self.active() => self,
            ReachAction::Clear => Rc::new(ReachState {
                asked: self.asked,
                ..ReachState::default()
            }),
            ReachAction::Said(s) => Rc::new(ReachState {
                said: Some(s),
                ..(*self).clone()
            }),
        }
    }
}

/// The context handle.
pub type ReachStore = UseReducerHandle<ReachState>;

/// Escalation warnings by the node that holds them.
pub type EscalationMarks = BTreeMap<NodeId, Vec<EscalationView>>;

/// How long the document's content stays unchanged before its escalations are worked out
/// again: typing a policy does not analyse the world at every keystroke.
const ESCALATIONS_SETTLE_MS: u32 = 250;

/// The performance measure each finished escalation pass leaves (e2e/bench/import.mjs).
const ESCALATION_PASS_MEASURE: &str = "iam-playground:escalation-pass";
const ESCALATION_PASS_START: &str = "iam-playground:escalation-pass-start";

/// The longest the escalation pass holds the page at a time: then it lets the browser draw
/// and answer input before going on (a frame at 60 Hz lasts 16.7 ms).
const ESCALATIONS_SLICE_MS: f64 = 8.0;

/// The escalation warnings of the document on show, worked out again a moment after its
/// content changes (moving a node changes none) and handed out as one shared map, so the
/// canvas redraws only when they change. A large account is checked a few principals at a
/// time ([`EscalationScan`]), never holding the page for more than a slice; a newer change
/// stops a pass under way and starts another.
#[hook]
pub fn use_escalation_marks(store: &EditorStore) -> Rc<EscalationMarks> {
    let marks = use_state(|| Rc::new(EscalationMarks::new()));
    // Counts the passes started: a pass stops as soon as it is no longer the newest.
    let generation = use_mut_ref(|| 0u64);
    {
        let (marks, store) = (marks.clone(), store.clone());
        use_effect_with((store.content, store.loads), move |_| {
            let mine = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            let current = {
                let generation = generation.clone();
                move || *generation.borrow() == mine
            };
            let (doc, scene) = (store.doc.clone(), store.scene.clone());
            wasm_bindgen_futures::spawn_local(async move {
                TimeoutFuture::new(ESCALATIONS_SETTLE_MS).await;
                if !current() {
                    return;
                }
                let perf = web_sys::window().and_then(|w| w.performance());
                if let Some(p) = &perf {
                    // One pass's entries at a time: an afternoon of edits must not pile up
                    // thousands of them in the page's performance timeline.
                    p.clear_marks_with_mark_name(ESCALATION_PASS_START);
                    p.clear_measures_with_measure_name(ESCALATION_PASS_MEASURE);
                    let _ = p.mark(ESCALATION_PASS_START);
                }
                // Policies the last analysis parsed are not parsed again (an edit changes
                // one or two of thousands): whatever document it was of.
                let earlier = LEARNT.with(|slot| slot.borrow_mut().take()).map(|(_, l)| l);
                let mut scan = EscalationScan::after(&doc.world, earlier);
                loop {
                    let start = real_now_ms();
                    let mut done = scan.done();
                    while !done && real_now_ms() - start < ESCALATIONS_SLICE_MS {
                        done = scan.step(&doc.world, 1);
                    }
                    if done {
                        break;
                    }
                    TimeoutFuture::new(0).await;
                    if !current() {
                        // A newer pass takes over: it reads through what this one parsed.
                        if let (_, Some(learnt)) = scan.finish_learnt() {
                            keep_learnt(doc, learnt);
                        }
                        return;
                    }
                }
                // For the import benchmark: how long the whole pass took, in slices.
                if let Some(p) = &perf {
                    let _ =
                        p.measure_with_start_mark(ESCALATION_PASS_MEASURE, ESCALATION_PASS_START);
                }
                let (escalations, learnt) = scan.finish_learnt();
                let found = Rc::new(marks_of_escalations(&doc, &scene, &escalations));
                if let Some(learnt) = learnt {
                    keep_learnt(doc.clone(), learnt);
                }
                if *marks != found {
                    marks.set(found);
                }
            });
            // Unmounted or changed again: the pass under way is no longer the newest.
            move || *generation.borrow_mut() += 1
        });
    }
    (*marks).clone()
}
