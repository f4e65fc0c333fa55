//! "Who can reach what" in the page: the store behind the highlight, the inspector's two
//! buttons, and the "Access paths" list. The analysis runs only when a button is pressed
//! (or the depth or action changes), never while rendering.

mod buttons;
mod layer;
mod paths;

use crate::doc::document::Document;
use crate::doc::reach::{answer, Query, ReachView};
use crate::doc::scene::Scene;
use std::rc::Rc;
use yew::prelude::*;

pub use buttons::ReachButtons;
pub use layer::canvas_layer;
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
