//! The simulation's live state in the page: the simulated clock, what STS has issued (sessions,
//! timeline), the flow being played and the wallet's last results. Kept apart from the
//! document store so a clock tick re-renders only what shows time, never the canvas.

use crate::doc::scenario::StepState;
use crate::sim::flow::{self, live, Flow};
use crate::sim::sts::{
    call, get_caller_identity, AssumeRoleRequest, CallResult, StsError, StsState,
};
use crate::sim::time::{Clock, ClockEvent, SimTime};
use crate::sim::world::World;
use std::rc::Rc;
use yew::prelude::*;

/// A flow being played: `shown` steps are visible (the last of them is current).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRun {
    /// What is played.
    pub flow: Flow,
    /// How many steps are revealed (1..=steps.len()).
    pub shown: usize,
    /// Whether steps advance on their own (every ~600 ms).
    pub playing: bool,
}

impl FlowRun {
    /// Whether every step is shown (the outcome can be shown too).
    pub fn done(&self) -> bool {
        self.shown >= self.flow.steps.len()
    }
}

/// What a wallet card's last action gave.
#[derive(Debug, Clone, PartialEq)]
pub enum CardResult {
    /// "Try an action".
    Call(CallResult),
    /// "Get caller identity": AWS's JSON or its error.
    Identity(Result<serde_json::Value, StsError>),
}

/// The simulation state shared through a context.
#[derive(Debug, Clone, PartialEq)]
pub struct SimState {
    /// The simulated clock.
    pub clock: Clock,
    /// The world the simulation runs against (the document's), set by the dock.
    pub world: Option<Rc<World>>,
    /// Everything STS issued, and the timeline.
    pub sts: Rc<StsState>,
    /// The flow on show.
    pub run: Option<Rc<FlowRun>>,
    /// The last card action: the credential it used and its result.
    pub card: Option<Rc<(String, CardResult)>>,
    /// A credential picked as the next caller ("Assume another role" on a card).
    pub pick_caller: Option<String>,
    /// The latest result in words, for the live region.
    pub announcement: String,
    /// Whether the dock is unfolded. Here rather than in the dock so a guided step that hands
    /// out credentials can show them.
    pub dock_open: bool,
}

impl Default for SimState {
    fn default() -> Self {
        SimState {
            clock: Clock::default(),
            world: None,
            sts: Rc::new(StsState::new(0)),
            run: None,
            card: None,
            pick_caller: None,
            announcement: String::new(),
            dock_open: false,
        }
    }
}

impl SimState {
    /// The next expiry after now ("Jump to next expiry"), if any.
    pub fn next_expiry(&self) -> Option<SimTime> {
        live::next_expiry(&self.sts, self.clock.now)
    }
}

/// Everything that changes the simulation state.
#[derive(Debug, Clone, PartialEq)]
pub enum SimAction {
    /// The clock changed; expiries and workload refreshes follow.
    Clock(ClockEvent),
    /// Show where a guided scenario's step leaves the story: its world, what STS issued so
    /// far, the clock at the step's moment (paused, so countdowns read as the caption says),
    /// and the checks of the step's own call (`instant`: all at once, for reduced motion).
    /// Replaces what the simulator held.
    GuidedStep {
        state: Box<StepState>,
        instant: bool,
        /// Unfold the dock if the step issued credentials.
        reveal: bool,
    },
    /// The document's world changed: the simulation runs against this one from now on.
    /// A world with another seed (a different document) starts a fresh STS state.
    SetWorld(Rc<World>),
    /// Call `sts:AssumeRole` with `credential` and play its flow (`instant`: all steps at once,
    /// for `prefers-reduced-motion`).
    AssumeRole {
        credential: String,
        request: Box<AssumeRoleRequest>,
        instant: bool,
    },
    /// Issue a token from an OIDC provider and call `sts:AssumeRoleWithWebIdentity` with it.
    AssumeRoleWithWebIdentity {
        call: Box<flow::web_identity::WebIdentityCall>,
        instant: bool,
    },
    /// Fold or unfold the dock.
    SetDockOpen(bool),
    /// Show one more step of the current flow.
    NextStep,
    /// Show one step fewer.
    PreviousStep,
    /// Start or stop playing steps automatically.
    SetPlaying(bool),
    /// Replay the timeline entry at this index.
    Replay(usize),
    /// "Try an action" with a card's credential.
    TryAction {
        credential: String,
        action: String,
        resource: String,
    },
    /// "Get caller identity" with a card's credential.
    CallerIdentity(String),
    /// "Assume another role": make this credential the form's caller.
    PickCaller(String),
}

fn with(state: &SimState, f: impl FnOnce(&mut SimState)) -> Rc<SimState> {
    let mut next = state.clone();
    f(&mut next);
    Rc::new(next)
}

fn announce_flow(f: &Flow) -> String {
    match &f.outcome {
        flow::FlowOutcome::Issued { access_key_id, .. } => format!(
            "{} succeeded: {} received temporary credentials {access_key_id}",
            f.api, f.participants.caller_name
        ),
        flow::FlowOutcome::Refused { code, message, .. } => {
            format!("{} failed: {code}: {message}", f.api)
        }
    }
}

impl Reducible for SimState {
    type Action = SimAction;

    fn reduce(self: Rc<Self>, action: SimAction) -> Rc<Self> {
        match action {
            SimAction::Clock(event) => {
                let clock = self.clock.apply(event);
                if clock == self.clock {
                    return self;
                }
                let (from, to) = (self.clock.now, clock.now);
                let busy = self
                    .world
                    .as_ref()
                    .is_some_and(|w| to > from && live::has_work(w, &self.sts, from, to));
                with(&self, |s| {
                    s.clock = clock;
                    if let (true, Some(w)) = (busy, &self.world) {
                        live::advance(w, Rc::make_mut(&mut s.sts), from, to);
                    }
                })
            }
            SimAction::GuidedStep {
                state,
                instant,
                reveal,
            } => {
                let StepState {
                    world,
                    sts,
                    now,
                    event,
                } = *state;
                let clock = self
                    .clock
                    .apply(ClockEvent::JumpTo(now))
                    .apply(ClockEvent::Pause);
                let run = event.and_then(|i| replay_flow(&world, &sts, i)).map(|f| {
                    let len = f.steps.len();
                    Rc::new(FlowRun {
                        flow: f,
                        shown: if instant { len } else { len.min(1) },
                        playing: !instant,
                    })
                });
                // A step that hands out credentials unfolds the dock: they are the story.
                let issued = reveal
                    && event
                        .and_then(|i| sts.timeline.events().get(i))
                        .is_some_and(|e| e.issued_access_key_id.is_some());
                Rc::new(SimState {
                    dock_open: self.dock_open || issued,
                    clock,
                    world: Some(Rc::new(world)),
                    sts: Rc::new(sts),
                    announcement: run
                        .as_ref()
                        .map(|r| announce_flow(&r.flow))
                        .unwrap_or_default(),
                    run,
                    card: None,
                    pick_caller: None,
                })
            }
            SimAction::SetWorld(world) => {
                if self.world.as_ref().is_some_and(|w| Rc::ptr_eq(w, &world)) {
                    return self;
                }
                let fresh = self
                    .world
                    .as_ref()
                    .is_none_or(|w| w.id_gen.seed != world.id_gen.seed);
                with(&self, |s| {
                    if fresh {
                        s.sts = Rc::new(StsState::new(world_seed(&world)));
                    }
                    let now = s.clock.now;
                    live::advance(&world, Rc::make_mut(&mut s.sts), now, now);
                    s.world = Some(world);
                })
            }
            SimAction::AssumeRole {
                credential,
                request,
                instant,
            } => {
                let Some(world) = self.world.clone() else {
                    return self;
                };
                with(&self, |s| {
                    let f = flow::run_assume_role(
                        &world,
                        Rc::make_mut(&mut s.sts),
                        &credential,
                        &request,
                        s.clock.now,
                    );
                    show_flow(s, f, instant);
                })
            }
            SimAction::AssumeRoleWithWebIdentity { call, instant } => {
                let Some(world) = self.world.clone() else {
                    return self;
                };
                with(&self, |s| {
                    let f = flow::web_identity::run_assume_role_with_web_identity(
                        &world,
                        Rc::make_mut(&mut s.sts),
                        &call,
                        s.clock.now,
                    );
                    show_flow(s, f, instant);
                })
            }
            SimAction::NextStep | SimAction::PreviousStep | SimAction::SetPlaying(_) => {
                let Some(run) = &self.run else { return self };
                let mut r = (**run).clone();
                match action {
                    SimAction::NextStep => r.shown = (r.shown + 1).min(r.flow.steps.len()),
                    SimAction::PreviousStep => {
                        r.shown = r.shown.saturating_sub(1).max(1);
                        r.playing = false;
                    }
                    SimAction::SetPlaying(p) => r.playing = p,
                    _ => {}
                }
                if r.done() {
                    r.playing = false;
                }
                if r == **run {
                    return self;
                }
                with(&self, |s| s.run = Some(Rc::new(r)))
            }
            SimAction::Replay(index) => {
                let Some(world) = self.world.clone() else {
                    return self;
                };
                let (Some(f), Some(at)) = (
                    replay_flow(&world, &self.sts, index),
                    self.sts.timeline.events().get(index).map(|e| e.at),
                ) else {
                    return self;
                };
                with(&self, |s| {
                    s.announcement = format!("Replaying {} at {at}", f.api);
                    s.run = Some(Rc::new(FlowRun {
                        shown: f.steps.len().min(1),
                        playing: true,
                        flow: f,
                    }));
                })
            }
            SimAction::TryAction {
                credential,
                action,
                resource,
            } => {
                let Some(world) = self.world.clone() else {
                    return self;
                };
                with(&self, |s| {
                    let r = call(
                        &world,
                        Rc::make_mut(&mut s.sts),
                        &credential,
                        &action,
                        &resource,
                        s.clock.now,
                    );
                    s.announcement = match &r.error {
                        None => format!("{action} on {resource}: allowed"),
                        Some(e) => format!("{action} on {resource}: {}: {}", e.code, e.message),
                    };
                    s.card = Some(Rc::new((credential, CardResult::Call(r))));
                })
            }
            SimAction::CallerIdentity(credential) => {
                let Some(world) = self.world.clone() else {
                    return self;
                };
                with(&self, |s| {
                    let now = s.clock.now;
                    let r = get_caller_identity(&world, Rc::make_mut(&mut s.sts), &credential, now)
                        .result
                        .map(|c| serde_json::to_value(c).unwrap_or_default());
                    s.announcement = match &r {
                        Ok(v) => format!("GetCallerIdentity: {}", v["Arn"]),
                        Err(e) => format!("GetCallerIdentity failed: {e}"),
                    };
                    s.card = Some(Rc::new((credential, CardResult::Identity(r))));
                })
            }
            SimAction::SetDockOpen(open) if open == self.dock_open => self,
            SimAction::SetDockOpen(open) => with(&self, |s| s.dock_open = open),
            SimAction::PickCaller(credential) => with(&self, |s| s.pick_caller = Some(credential)),
        }
    }
}

/// Puts a fresh flow on show and announces its result.
fn show_flow(s: &mut SimState, f: Flow, instant: bool) {
    s.announcement = announce_flow(&f);
    let len = f.steps.len();
    s.run = Some(Rc::new(FlowRun {
        flow: f,
        shown: if instant { len } else { 1 },
        playing: !instant,
    }));
}

/// The checks of timeline entry `index`, rebuilt from its recorded gates.
fn replay_flow(world: &World, sts: &StsState, index: usize) -> Option<Flow> {
    let event = sts.timeline.events().get(index)?;
    let credential = event.access_key_id.clone().unwrap_or_default();
    let target = event.target.clone().unwrap_or_default();
    let p = flow::participants(world, sts, &credential, &target);
    let error = match &event.outcome {
        crate::sim::sts::Outcome::Error { code, message } => {
            Some((code.as_str(), message.as_str()))
        }
        crate::sim::sts::Outcome::Success => None,
    };
    Some(flow::replay(
        &event.api,
        p,
        &event.gates,
        event.issued_access_key_id.as_deref(),
        error,
    ))
}

/// The STS stream's seed from the world's, so a shared scenario replays identically.
fn world_seed(world: &World) -> u64 {
    world.id_gen.seed
}

/// The context handle components use to read and dispatch.
pub type SimStore = UseReducerHandle<SimState>;

/// How often the page ticks while the clock runs: often enough that a countdown shown to the
/// second moves smoothly at every speed, and no more (the page idles between ticks).
pub fn tick_interval_ms(speed: u32) -> u32 {
    (1000 / speed.max(1)).clamp(100, 1000)
}
