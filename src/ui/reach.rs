//! "Who can reach what" in the page: the store behind the highlight, the inspector's two
//! buttons, and the "Access paths" list. The analysis runs only when a button is pressed
//! (or the depth or action changes), never while rendering.

mod buttons;
mod layer;
mod paths;

use crate::doc::document::Document;
use crate::doc::reach::{answer, escalation_marks, EscalationView, Query, ReachView};
use crate::doc::scene::{NodeId, Scene};
use crate::ui::editor_store::EditorStore;
use gloo_timers::callback::Timeout;
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
                let (view, error) = match answer(&doc, &scene, &query) {
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

/// The escalation warnings of the document on show, worked out again a moment after its
/// content changes (moving a node changes none) and handed out as one shared map, so the
/// canvas redraws only when they change.
#[hook]
pub fn use_escalation_marks(store: &EditorStore) -> Rc<EscalationMarks> {
    let marks = use_state(|| Rc::new(EscalationMarks::new()));
    {
        let (marks, store) = (marks.clone(), store.clone());
        use_effect_with((store.content, store.loads), move |_| {
            let t = Timeout::new(ESCALATIONS_SETTLE_MS, move || {
                let found = escalation_marks(&store.doc, &store.scene);
                if **marks != found {
                    marks.set(Rc::new(found));
                }
            });
            move || drop(t)
        });
    }
    (*marks).clone()
}
