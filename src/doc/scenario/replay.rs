//! Playing a story's steps in order, within the work limit, and coming back to any step quickly from saved points along the way.

use super::{Scenario, Step, StepState};
use crate::sim::bounds::MAX_SCENARIO_POLICY_READ;
use crate::sim::policy::meter;
use crate::sim::sts::script::Run;
use crate::sim::sts::EventKind;
use serde_json::Value;

/// How many steps apart the saved points lie: stepping to any step replays at most this many.
const CHECKPOINT_EVERY: usize = 16;

/// A story part-way through: the run after `done` steps, and the policy text they read.
#[derive(Clone)]
pub(super) struct Progress {
    run: Run,
    done: usize,
    read: u64,
}

impl Progress {
    /// The story before its first step.
    fn start(scenario: &Scenario) -> Progress {
        Progress {
            run: Run::new(scenario.document.world.clone(), scenario.start_time()),
            done: 0,
            read: 0,
        }
    }

    /// What the simulator shows once these steps are done.
    fn state(&self, event: Option<usize>) -> StepState {
        StepState {
            world: self.run.world.clone(),
            sts: self.run.state.clone(),
            now: self.run.now,
            event,
        }
    }
}

/// Plays the steps from `p` on, handing each step's index, the step, its script answer, the
/// run after it and its timeline entry to `visit`; stops when `visit` says so, or before a
/// step once the steps so far have read more policy text than [`MAX_SCENARIO_POLICY_READ`]
/// (that step and the ones after it are not played: the story asks for too much).
pub(super) fn play_from(
    scenario: &Scenario,
    mut p: Progress,
    mut visit: impl FnMut(usize, &Step, Option<Value>, &Progress, Option<usize>) -> bool,
) -> Progress {
    for (i, step) in scenario.steps.iter().enumerate().skip(p.done) {
        if p.read > MAX_SCENARIO_POLICY_READ {
            break;
        }
        let before = p.run.state.timeline.events().len();
        let began = meter::chars_parsed();
        let result = step.action.as_ref().map(|a| p.run.step(a));
        p.read = p
            .read
            .saturating_add(meter::chars_parsed().saturating_sub(began));
        p.done = i.saturating_add(1);
        // A call's own entry (AssumeRole, or the role credentials Lambda and IMDS deliver);
        // a clock move makes none, whatever expired or was refreshed on the way.
        let is_call = step.action.as_ref().is_some_and(|a| a.get("api").is_some());
        let event = p
            .run
            .state
            .timeline
            .events()
            .iter()
            .enumerate()
            .skip(before)
            .rev()
            .find(|(_, e)| is_call && e.kind != EventKind::Expired)
            .map(|(i, _)| i);
        if !visit(i, step, result, &p, event) {
            break;
        }
    }
    p
}

/// Plays the whole story once, handing each played step to `visit` (as [`play_from`]), and
/// keeps a saved point every [`CHECKPOINT_EVERY`] steps for [`Checkpoints::state_after`].
pub(super) fn play_all(
    scenario: &Scenario,
    mut visit: impl FnMut(&Step, Option<Value>, &Run),
) -> Checkpoints {
    let mut saved = Vec::new();
    play_from(
        scenario,
        Progress::start(scenario),
        |_, step, result, p, _| {
            visit(step, result, &p.run);
            if p.done % CHECKPOINT_EVERY == 0 && p.done < scenario.steps.len() {
                saved.push(p.clone());
            }
            true
        },
    );
    Checkpoints { saved }
}

/// Saved points along a story, so that showing step `n` replays at most
/// [`CHECKPOINT_EVERY`] steps instead of all `n` (a long story would otherwise cost more
/// with every step forward).
#[derive(Clone, Default)]
pub struct Checkpoints {
    saved: Vec<Progress>,
}

impl std::fmt::Debug for Checkpoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at: Vec<usize> = self.saved.iter().map(|p| p.done).collect();
        f.debug_struct("Checkpoints").field("after", &at).finish()
    }
}

impl Checkpoints {
    /// The simulation after steps `0..=index` of `scenario` (the story these points were
    /// saved from), replayed from the nearest saved point before the step.
    pub fn state_after(&self, scenario: &Scenario, index: usize) -> StepState {
        let start = self
            .saved
            .iter()
            .rev()
            .find(|p| p.done <= index)
            .cloned()
            .unwrap_or_else(|| Progress::start(scenario));
        after(scenario, start, index)
    }
}

/// The simulation after steps `0..=index` played from `start` (the last step when `index`
/// is past the end; where the story stopped when it asks for too much).
fn after(scenario: &Scenario, start: Progress, index: usize) -> StepState {
    let last = index.min(scenario.steps.len().saturating_sub(1));
    let mut state = None;
    let end = play_from(scenario, start, |i, _, _, p, event| {
        if i == last {
            state = Some(p.state(event));
            return false;
        }
        true
    });
    state.unwrap_or_else(|| end.state(None))
}

/// The simulation after steps `0..=index`, replayed from the start. Stepping back is
/// replaying less.
pub fn state_after(scenario: &Scenario, index: usize) -> StepState {
    after(scenario, Progress::start(scenario), index)
}
