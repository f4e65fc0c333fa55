//! The running simulation, pure: the clock, what STS issued, the guided story and its step,
//! the checks on show and the form's defaults, changed only by [`SessionEvent`]s.
//!
//! The page keeps one [`Session`], hands it events (a clock tick, a click, a document that
//! changed) and carries out the [`Effect`]s it returns. Time is data here: the clock moves
//! only by [`ClockEvent`]s, and STS state moves with it through
//! [`StsState::advance`](crate::sim::sts::StsState::advance), the one place time passes.

mod calls;
mod defaults;
mod event;
mod guide;
mod quiet;
mod run;

pub use defaults::{caller_value, form_defaults, provider_value, role_trusting, FormDefaults};
pub use event::{Effect, SessionEvent};
pub use guide::{nodes_named, Guide};
pub use run::{announce, replay, CardResult, FlowRun};

use crate::doc::scenario::Scenario;
use crate::doc::scene::NodeId;
use crate::sim::flow::live;
use crate::sim::ids::EntityId;
use crate::sim::sts::StsState;
use crate::sim::time::{Clock, ClockEvent, SimTime};
use crate::sim::world::World;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The running simulation.
#[derive(Debug, Clone)]
pub struct Session {
    /// The simulated clock.
    pub clock: Clock,
    /// The document's world, as last edited.
    pub document: Option<Rc<World>>,
    /// The world the simulation runs against: the document's, or where the guided step
    /// leaves it (a `RevokeSessions` step adds a policy to a role).
    pub world: Option<Rc<World>>,
    /// Everything STS issued, and the timeline.
    pub sts: Rc<StsState>,
    /// The guided story, if one is being played.
    pub guide: Option<Guide>,
    /// Guided steps the reader closed, kept so they can come back ("Show guided steps" in an
    /// embed, which has no Scenarios menu to reopen them from).
    pub parked: Option<Guide>,
    /// The checks on show.
    pub run: Option<Rc<FlowRun>>,
    /// The last card action: the credential it used and its result.
    pub card: Option<Rc<(String, CardResult)>>,
    /// A credential picked as the next caller ("Assume another role" on a card).
    pub pick_caller: Option<String>,
    /// Who calls and which role the form starts with in this world.
    pub defaults: Rc<FormDefaults>,
    /// Counts clean starts (New, Open, another scenario): the form drops what it held when
    /// this changes.
    pub generation: u64,
    /// Flows show all their checks at once.
    pub reduced_motion: bool,
    /// A scenario was just opened and the editor has not reported its document yet: that
    /// report is the story's document (perhaps as the reader left it), not a New.
    pub opening: bool,
}

/// Compared after every clock tick (to skip a render when nothing moved); see
/// [`Session::same_apart_from_now`] for everything but the clock's present.
impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.clock.now == other.clock.now && self.same_apart_from_now(other)
    }
}

impl Default for Session {
    fn default() -> Self {
        Session {
            clock: Clock::default(),
            document: None,
            world: None,
            sts: Rc::new(StsState::new(0)),
            guide: None,
            parked: None,
            run: None,
            card: None,
            pick_caller: None,
            defaults: Rc::default(),
            generation: 0,
            reduced_motion: false,
            opening: false,
        }
    }
}

impl Session {
    /// The next expiry after now ("Jump to next expiry"), if any.
    pub fn next_expiry(&self) -> Option<SimTime> {
        live::next_expiry(&self.sts, self.clock.now)
    }

    /// How many role sessions still work now, by the node of their role (the canvas counts
    /// them on the role's chip).
    pub fn live_role_nodes(&self) -> BTreeMap<NodeId, usize> {
        crate::sim::sorting::map_of(
            live::live_role_sessions(&self.sts, self.clock.now)
                .into_iter()
                .map(|(role, n)| (NodeId::of(&EntityId::Role(role)), n)),
        )
    }

    /// Applies one event; returns what the page must do besides rendering.
    pub fn apply(&mut self, event: SessionEvent) -> Vec<Effect> {
        match event {
            SessionEvent::Clock(e) => {
                self.tick(e);
                Vec::new()
            }
            SessionEvent::DocumentEdited(world) => self.edited(world),
            SessionEvent::DocumentReplaced(world) => self.replaced(world),
            SessionEvent::OpenScenario(scenario) => self.open(*scenario),
            SessionEvent::CloseGuide => match self.guide.take() {
                Some(g) => {
                    self.parked = Some(g);
                    vec![Effect::GuideClosed]
                }
                None => Vec::new(),
            },
            SessionEvent::ReopenGuide => match self.parked.take() {
                Some(g) => {
                    self.guide = Some(g);
                    self.show_step()
                }
                None => Vec::new(),
            },
            SessionEvent::Step(delta) => self.step(delta),
            SessionEvent::PlayAgain => match &self.guide {
                Some(g) => self.show(g.restarted()),
                None => Vec::new(),
            },
            SessionEvent::NextCheck => self.move_checks(|r| r.moved(1)),
            SessionEvent::PreviousCheck => self.move_checks(|r| r.moved(-1)),
            SessionEvent::SetPlaying(p) => self.move_checks(|r| FlowRun {
                playing: p && !r.done(),
                ..r.clone()
            }),
            SessionEvent::PickCaller(credential) => {
                self.pick_caller = Some(credential);
                Vec::new()
            }
            SessionEvent::ReducedMotion(on) => {
                self.reduced_motion = on;
                Vec::new()
            }
            other => self.call(other),
        }
    }

    /// Moves the clock; workloads refresh and sessions expire on the way.
    fn tick(&mut self, event: ClockEvent) {
        let clock = self.clock.apply(event);
        if clock == self.clock {
            return;
        }
        let (from, to) = (self.clock.now, clock.now);
        self.clock = clock;
        // Quiet ticks (nothing expires or refreshes) leave the STS state shared, uncopied.
        if let Some(w) = &self.world {
            if to > from && live::has_work(w, &self.sts, from, to) {
                live::advance(w, Rc::make_mut(&mut self.sts), from, to);
            }
        }
    }

    /// Starts clean in `world`: nothing issued, nothing on show, the form's defaults from
    /// this world. The clock stays where it is.
    fn reset(&mut self, world: Rc<World>) {
        let mut sts = StsState::new(world.id_gen.seed);
        let now = self.clock.now;
        live::advance(&world, &mut sts, now, now);
        self.defaults = Rc::new(form_defaults(&world, &sts, now));
        self.sts = Rc::new(sts);
        self.document = Some(world.clone());
        self.world = Some(world);
        self.run = None;
        self.card = None;
        self.pick_caller = None;
        self.parked = None;
        self.generation = self.generation.saturating_add(1);
    }

    fn edited(&mut self, world: Rc<World>) -> Vec<Effect> {
        self.opening = false;
        if self
            .document
            .as_ref()
            .is_some_and(|d| Rc::ptr_eq(d, &world) || **d == *world)
        {
            return Vec::new();
        }
        self.document = Some(world.clone());
        if let Some(g) = &self.guide {
            return match g.against(&world) {
                Some(next) => {
                    self.guide = Some(next);
                    self.show_step()
                }
                None => Vec::new(),
            };
        }
        // A world with another seed is another document: its keys would not replay.
        let fresh = self
            .world
            .as_ref()
            .is_none_or(|w| w.id_gen.seed != world.id_gen.seed);
        if fresh {
            self.reset(world);
            return Vec::new();
        }
        let now = self.clock.now;
        live::advance(&world, Rc::make_mut(&mut self.sts), now, now);
        self.defaults = Rc::new(form_defaults(&world, &self.sts, now));
        self.world = Some(world);
        Vec::new()
    }

    fn replaced(&mut self, world: Rc<World>) -> Vec<Effect> {
        if std::mem::take(&mut self.opening) {
            return self.edited(world);
        }
        self.reset(world);
        match self.guide.take() {
            Some(_) => vec![Effect::GuideClosed],
            None => Vec::new(),
        }
    }

    fn open(&mut self, scenario: Scenario) -> Vec<Effect> {
        self.clock = self.clock.apply(ClockEvent::JumpTo(scenario.start_time()));
        self.reset(Rc::new(scenario.document.world.clone()));
        self.guide = Guide::new(scenario);
        self.opening = true;
        if self.guide.is_some() {
            self.show_step()
        } else {
            Vec::new()
        }
    }

    fn step(&mut self, delta: isize) -> Vec<Effect> {
        let Some(g) = &self.guide else {
            return Vec::new();
        };
        let next = g.moved(delta);
        self.show(next)
    }

    /// Puts `next` on show: a new step is remembered (a reload comes back to it) and played;
    /// the recap card coming or going leaves the last step's simulation as it is.
    fn show(&mut self, next: Guide) -> Vec<Effect> {
        let Some(g) = &self.guide else {
            return Vec::new();
        };
        if next.index == g.index {
            if next.recap != g.recap {
                self.guide = Some(next);
            }
            return Vec::new();
        }
        let remember = Effect::RememberStep {
            story: next.story.clone(),
            index: next.index,
        };
        self.guide = Some(next);
        let mut effects = vec![remember];
        effects.extend(self.show_step());
        effects
    }

    /// Puts the simulation where the guided step leaves the story: the sessions steps 1..N
    /// created, the step's own checks on show, and the clock at the step's moment, paused, so
    /// countdowns read as the caption says. Stepping back replays fewer steps, so what a
    /// later step created is gone again; replaying is deterministic, so the same key ids.
    fn show_step(&mut self) -> Vec<Effect> {
        let Some(g) = &self.guide else {
            return Vec::new();
        };
        let state = g.state();
        self.clock = self
            .clock
            .apply(ClockEvent::JumpTo(state.now))
            .apply(ClockEvent::Pause);
        let run = state
            .event
            .and_then(|i| replay(&state.world, &state.sts, i))
            .map(|f| FlowRun::start(f, self.reduced_motion));
        let issued = state
            .event
            .and_then(|i| state.sts.timeline.events().get(i))
            .is_some_and(|e| e.issued_access_key_id.is_some());
        let mut effects = Vec::new();
        if let Some(r) = &run {
            effects.push(Effect::Announce(announce(&r.flow)));
        }
        if issued {
            effects.push(Effect::RevealDock);
        }
        self.defaults = Rc::new(form_defaults(&state.world, &state.sts, state.now));
        self.world = Some(Rc::new(state.world));
        self.sts = Rc::new(state.sts);
        self.run = run.map(Rc::new);
        self.card = None;
        self.pick_caller = None;
        effects
    }

    fn move_checks(&mut self, f: impl FnOnce(&FlowRun) -> FlowRun) -> Vec<Effect> {
        if let Some(r) = &self.run {
            let next = f(r);
            if next != **r {
                self.run = Some(Rc::new(next));
            }
        }
        Vec::new()
    }
}
