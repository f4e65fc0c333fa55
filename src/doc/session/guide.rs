//! A guided scenario being played: its steps, their outcomes and the step on show.

use crate::doc::scenario::{
    run_with_checkpoints, Checkpoints, Scenario, Step, StepOutcome, StepState,
};
use crate::doc::scene::{NodeId, Scene};
use crate::sim::world::World;
use std::rc::Rc;

/// A guided scenario being played: the story as opened, the same story played against the
/// world as the reader has edited it, the outcomes of its steps (run once, up front, by the
/// pure runner) and the step on show.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The scenario as it was opened: what a link or a reload brings back.
    pub story: Rc<Scenario>,
    /// The scenario played now: `story` with the reader's world (the same `Rc` while the
    /// world is the story's own).
    pub scenario: Rc<Scenario>,
    /// What each step of `scenario` gives.
    pub outcomes: Rc<Vec<StepOutcome>>,
    /// Saved points along `scenario`, so showing a step replays only the last few.
    checkpoints: Rc<Checkpoints>,
    /// The step on show (0-based, always inside the story); while the recap shows, the last.
    pub index: usize,
    /// The reader stepped past the last step: the story's recap card is on show (only for a
    /// story that has one), over the last step's simulation.
    pub recap: bool,
}

/// The same guide: the same shared story, outcomes and step. Compared on every clock tick,
/// so by identity, never by walking whole scenarios.
impl PartialEq for Guide {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.story, &other.story)
            && Rc::ptr_eq(&self.scenario, &other.scenario)
            && Rc::ptr_eq(&self.outcomes, &other.outcomes)
            && self.index == other.index
            && self.recap == other.recap
    }
}

impl Guide {
    /// A guide at the scenario's opening step (the first, or the one a link was shared at);
    /// `None` for a scenario without steps.
    pub fn new(scenario: Scenario) -> Option<Guide> {
        if scenario.steps.is_empty() {
            return None;
        }
        let (outcomes, checkpoints) = run_with_checkpoints(&scenario);
        let story = Rc::new(scenario);
        Some(Guide {
            index: story.first_step(),
            recap: false,
            scenario: story.clone(),
            story,
            outcomes: Rc::new(outcomes),
            checkpoints: Rc::new(checkpoints),
        })
    }

    /// The step on show.
    pub fn step(&self) -> Option<&Step> {
        self.scenario.steps.get(self.index)
    }

    /// What the step on show gave.
    pub fn outcome(&self) -> Option<&StepOutcome> {
        self.outcomes.get(self.index)
    }

    /// How many steps were played: all of them, unless the story asks for more work than the
    /// playground does in one story (the later steps' outcomes say so).
    pub fn played(&self) -> usize {
        self.outcomes.iter().take_while(|o| o.played).count()
    }

    /// How many steps the story has.
    pub fn len(&self) -> usize {
        self.scenario.steps.len()
    }

    /// Whether the story has no steps (never, for a guide made by [`Guide::new`]).
    pub fn is_empty(&self) -> bool {
        self.scenario.steps.is_empty()
    }

    /// The simulation once steps 1..=index are done (replayed by the pure runner), so
    /// stepping back is replaying less.
    pub fn state(&self) -> StepState {
        self.checkpoints.state_after(&self.scenario, self.index)
    }

    /// The same story and step played against `world`: the story itself while `world` is
    /// the story's, else one whose outcomes are re-run, so the caption says what AWS answers
    /// now (and where that departs from the story). `None` when nothing changes.
    pub fn against(&self, world: &World) -> Option<Guide> {
        if *world == *self.scenario.document.world {
            return None;
        }
        let scenario = if *world == *self.story.document.world {
            self.story.clone()
        } else {
            let mut scenario = (*self.story).clone();
            scenario.document.world = world.clone().into();
            Rc::new(scenario)
        };
        let (outcomes, checkpoints) = run_with_checkpoints(&scenario);
        Some(Guide {
            scenario,
            outcomes: Rc::new(outcomes),
            checkpoints: Rc::new(checkpoints),
            ..self.clone()
        })
    }

    /// Whether stepping past the last step shows a recap card.
    pub fn has_recap(&self) -> bool {
        !self.scenario.recap.is_empty()
    }

    /// The guide moved by `delta` steps, kept inside the story. The recap card, for a story
    /// with one, is one place past the last step: Next on the last step shows it, Previous
    /// on it goes back to the last step.
    pub fn moved(&self, delta: isize) -> Guide {
        let last = self.len().saturating_sub(1);
        let end = if self.has_recap() { self.len() } else { last };
        let at = if self.recap { self.len() } else { self.index };
        let to = at.saturating_add_signed(delta).min(end);
        Guide {
            index: to.min(last),
            recap: self.has_recap() && to > last,
            ..self.clone()
        }
    }

    /// Back to step 1 ("Play again" on the recap card).
    pub fn restarted(&self) -> Guide {
        Guide {
            index: 0,
            recap: false,
            ..self.clone()
        }
    }
}

/// The nodes a caption names, in the order it first names them: a node is named where its
/// name (as drawn) stands in the caption as a whole word, matched exactly (so "admin work"
/// does not name the role Admin). A node inside a collapsed cluster counts as its cluster.
/// What a step that makes no call brings into view on a screen too small for the whole
/// diagram: "alice is an IAM user with a long-term access key" is about alice.
pub fn nodes_named(caption: &str, scene: &Scene) -> Vec<NodeId> {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | '+' | '=');
    let mut found: Vec<(usize, NodeId)> = Vec::new();
    for node in scene.nodes.iter().map(|n| &**n).chain(scene.hidden.iter()) {
        let name = node.name_lines.concat();
        if name.is_empty() {
            continue;
        }
        let first = caption.match_indices(name.as_str()).find(|(at, _)| {
            let (before, rest) = caption.split_at(*at);
            let after = rest.strip_prefix(name.as_str()).unwrap_or_default();
            // A sentence's full stop after a name still ends the word.
            let after = after.strip_prefix('.').unwrap_or(after);
            before.chars().next_back().is_none_or(|c| !word(c))
                && after.chars().next().is_none_or(|c| !word(c))
        });
        if let Some((at, _)) = first {
            found.push((at, scene.shown(&node.id).clone()));
        }
    }
    crate::sim::sorting::sort_by_key(&mut found, |(at, _)| *at);
    let mut out: Vec<NodeId> = Vec::with_capacity(found.len());
    for (_, id) in found {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}
