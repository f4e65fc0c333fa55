//! The simulation's store in the page: the pure `doc::session::Session` behind a reducer,
//! plus what only the page needs (the dock folded or not, the live region's text, the
//! effects waiting to be carried out). Kept apart from the document store so a clock tick
//! re-renders only what reads this one.

pub use crate::doc::session::CardResult;
use crate::doc::session::{Effect, Session, SessionEvent};
use crate::sim::time::ClockEvent;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// How many effects wait for the page at most; they are carried out on the next render, so
/// only a burst of events between two renders could fill this.
const OUTBOX: usize = 16;

/// The simulation state shared through a context; reads as the [`Session`] it holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimState {
    /// The running simulation.
    pub session: Session,
    /// The latest result in words, for the live region.
    pub announcement: String,
    /// Whether the dock is unfolded.
    pub dock_open: bool,
    /// Effects the page still has to carry out (history, unfolding the dock), numbered so a
    /// hook can tell which it has done: `(number, effect)`.
    pub outbox: Rc<Vec<(u64, Effect)>>,
}

impl Deref for SimState {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

/// Everything that changes the simulation state.
#[derive(Debug, Clone, PartialEq)]
pub enum SimAction {
    /// The clock changed (the status bar, the real-time hook).
    Clock(ClockEvent),
    /// Anything else that happens to the simulation.
    Session(SessionEvent),
    /// Fold or unfold the dock.
    SetDockOpen(bool),
}

impl From<SessionEvent> for SimAction {
    fn from(e: SessionEvent) -> Self {
        SimAction::Session(e)
    }
}

impl Reducible for SimState {
    type Action = SimAction;

    fn reduce(self: Rc<Self>, action: SimAction) -> Rc<Self> {
        let event = match action {
            SimAction::SetDockOpen(open) if open == self.dock_open => return self,
            SimAction::SetDockOpen(open) => {
                let mut next = (*self).clone();
                next.dock_open = open;
                return Rc::new(next);
            }
            SimAction::Clock(e) => SessionEvent::Clock(e),
            SimAction::Session(e) => e,
        };
        let mut session = self.session.clone();
        let effects = session.apply(event);
        // A tick that moves nothing (a paused clock) renders nothing.
        if effects.is_empty() && session == self.session {
            return self;
        }
        let mut next = SimState {
            session,
            ..(*self).clone()
        };
        let mut outbox = (*next.outbox).clone();
        let mut number = outbox.last().map_or(0, |(n, _)| *n);
        for e in effects {
            match e {
                Effect::Announce(text) => next.announcement = text,
                other => {
                    number = number.saturating_add(1);
                    outbox.push((number, other));
                }
            }
        }
        let extra = outbox.len().saturating_sub(OUTBOX);
        outbox.drain(..extra);
        next.outbox = Rc::new(outbox);
        Rc::new(next)
    }
}

/// The context handle components use to read and dispatch.
pub type SimStore = UseReducerHandle<SimState>;
