//! The simulation's store in the page: the pure `doc::session::Session` behind a reducer,
//! plus what only the page needs (the dock folded or not, the live region's text, the
//! effects waiting to be carried out), shared through two contexts so a quiet clock tick
//! re-renders only what shows time.

use super::clock::SimClock;
use super::clock_hook::use_real_clock;
pub use crate::doc::session::CardResult;
use crate::doc::session::{Effect, Session, SessionEvent};
use crate::sim::time::{Clock, ClockEvent, SimTime};
use std::cell::Cell;
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
        // The outbox stays the same `Rc` when nothing is sent: a quiet tick stays quiet.
        if effects.is_empty() {
            return Rc::new(next);
        }
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

impl SimState {
    /// Whether this is the same state apart from the simulated present: then nothing but
    /// countdowns and the clock readout has to follow it.
    pub fn same_apart_from_now(&self, other: &SimState) -> bool {
        self.session.same_apart_from_now(&other.session)
            && self.announcement == other.announcement
            && self.dock_open == other.dock_open
            && Rc::ptr_eq(&self.outbox, &other.outbox)
    }
}

/// The simulation state components read and dispatch to, through a context that changes
/// only when the state changes beyond the present (an expiry, a refresh, a call, a click):
/// a quiet tick notifies nobody here, only the [`SimClock`] context.
///
/// So `clock.now` read through this is the present of the last change, at which the same
/// credentials work as now (see `Session::same_apart_from_now`); countdowns read
/// [`SimClock`] and callbacks that record a time read [`SimStore::now`].
#[derive(Clone)]
pub struct SimStore {
    /// The state as of its last change beyond the present. A copy, not the reducer's handle:
    /// a Yew 0.23 handle always reads the latest state, ticks included.
    state: Rc<SimState>,
    dispatch: UseReducerDispatcher<SimState>,
    /// The clock as of the latest tick, shared with the provider.
    live: Rc<Cell<Clock>>,
}

impl PartialEq for SimStore {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.state, &other.state) && Rc::ptr_eq(&self.live, &other.live)
    }
}

impl Deref for SimStore {
    type Target = SimState;

    fn deref(&self) -> &SimState {
        &self.state
    }
}

impl SimStore {
    /// Sends `action` to the simulation.
    pub fn dispatch(&self, action: SimAction) {
        self.dispatch.dispatch(action)
    }

    /// The simulated present at this moment, for callbacks that record when they ran.
    pub fn now(&self) -> SimTime {
        self.live.get().now
    }
}

/// What [`SimProvider`] wraps.
#[derive(Properties, PartialEq)]
pub struct SimProviderProps {
    /// The part of the page that reads the simulation.
    pub children: Html,
}

/// Holds the simulation and runs its clock; provides [`SimStore`] (changes beyond the
/// present) and [`SimClock`] (every tick) to `children`. A tick re-renders this component
/// alone: its children are the same nodes, so only the contexts' consumers follow.
#[component]
pub fn SimProvider(props: &SimProviderProps) -> Html {
    let state = use_reducer(SimState::default);
    use_real_clock(state.dispatcher(), state.clock);
    let live = use_memo((), |_| Cell::new(state.clock));
    live.set(state.clock);
    let shown = use_mut_ref(|| None::<SimStore>);
    let store = {
        let mut shown = shown.borrow_mut();
        match &*shown {
            Some(s) if s.state.same_apart_from_now(&state) => s.clone(),
            _ => {
                // Copied on changes beyond the present only (its parts are shared `Rc`s).
                let next = SimStore {
                    state: Rc::new((*state).clone()),
                    dispatch: state.dispatcher(),
                    live: live.clone(),
                };
                *shown = Some(next.clone());
                next
            }
        }
    };
    html! {
        <ContextProvider<SimStore> context={store}>
            <ContextProvider<SimClock> context={SimClock(state.clock)}>
                { props.children.clone() }
            </ContextProvider<SimClock>>
        </ContextProvider<SimStore>>
    }
}
