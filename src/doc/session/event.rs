//! The events that change a running simulation, and the effects the page carries out.

use crate::doc::scenario::Scenario;
use crate::sim::flow::web_identity::WebIdentityCall;
use crate::sim::sts::AssumeRoleRequest;
use crate::sim::time::ClockEvent;
use crate::sim::world::World;
use std::rc::Rc;

/// Everything that changes the running simulation.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEvent {
    /// The clock changed (a real-time tick, play, pause, a jump); expiries and workload
    /// refreshes follow.
    Clock(ClockEvent),
    /// The document was edited: the simulation runs against this world from now on, and a
    /// guided story replays its step against it ("what if").
    DocumentEdited(Rc<World>),
    /// Another document replaced the one open (New, Open file, a scenario): the simulation
    /// starts clean in it, unless it is the document of the story just opened.
    DocumentReplaced(Rc<World>),
    /// Open a scenario: a clean simulation in its world at its start time, and its guided
    /// steps (if it has any) at its opening step.
    OpenScenario(Box<Scenario>),
    /// Close the guided steps; the simulation stays where the story left it, and the steps
    /// are kept until another document opens.
    CloseGuide,
    /// Bring back the guided steps closed last, at the step they were on.
    ReopenGuide,
    /// Move the guided story by this many steps; one past the last shows the recap card.
    Step(isize),
    /// Back to step 1 of the guided story ("Play again" on the recap card).
    PlayAgain,
    /// Call `sts:AssumeRole` with `credential` and play its checks.
    AssumeRole {
        /// The caller's access key id (or root ARN).
        credential: String,
        /// The request's parameters.
        request: Box<AssumeRoleRequest>,
    },
    /// Issue a token from an OIDC provider and call `sts:AssumeRoleWithWebIdentity` with it.
    AssumeRoleWithWebIdentity(Box<WebIdentityCall>),
    /// Show one more check of the flow on show.
    NextCheck,
    /// Show one check fewer (stops the play).
    PreviousCheck,
    /// Start or stop revealing checks on their own.
    SetPlaying(bool),
    /// Replay the checks of the timeline entry at this index.
    Replay(usize),
    /// "Try an action" with a card's credential.
    TryAction {
        /// The card's access key id.
        credential: String,
        /// `service:Action`.
        action: String,
        /// The resource's ARN.
        resource: String,
    },
    /// "Get caller identity" with a card's credential.
    CallerIdentity(String),
    /// "Assume another role": make this credential the form's caller.
    PickCaller(String),
    /// Whether the reader asked for reduced motion: flows then show all their checks at once.
    ReducedMotion(bool),
}

/// What the page must do after an event, beyond showing the new state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Say this in the live region.
    Announce(String),
    /// Unfold the simulator: the guided step handed out credentials, which are the story.
    RevealDock,
    /// The guided story moved to `index`: a reload should come back to this step.
    RememberStep {
        /// The story as opened.
        story: Rc<Scenario>,
        /// The step on show.
        index: usize,
    },
    /// The guided steps closed: a reload should no longer reopen them.
    GuideClosed,
}
