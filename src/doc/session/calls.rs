//! The calls a person makes from the simulator: assume a role, try an action, ask who they are.

use super::{announce, replay, CardResult, Effect, FlowRun, Session, SessionEvent};
use crate::sim::flow;
use crate::sim::sts::{call, get_caller_identity};
use std::rc::Rc;

impl Session {
    /// A call made from the simulator, against the world the simulation runs in.
    pub(super) fn call(&mut self, event: SessionEvent) -> Vec<Effect> {
        let Some(world) = self.world.clone() else {
            return Vec::new();
        };
        let now = self.clock.now;
        let said = match event {
            SessionEvent::AssumeRole {
                credential,
                request,
            } => {
                let sts = Rc::make_mut(&mut self.sts);
                let f = flow::run_assume_role(&world, sts, &credential, &request, now);
                self.show_flow(f)
            }
            SessionEvent::AssumeRoleWithWebIdentity(c) => {
                let sts = Rc::make_mut(&mut self.sts);
                let f = flow::web_identity::run_assume_role_with_web_identity(&world, sts, &c, now);
                self.show_flow(f)
            }
            SessionEvent::Replay(index) => {
                let at = self.sts.timeline.events().get(index).map(|e| e.at);
                let (Some(f), Some(at)) = (replay(&world, &self.sts, index), at) else {
                    return Vec::new();
                };
                let said = format!("Replaying {} at {at}", f.api);
                self.run = Some(Rc::new(FlowRun::start(f, self.reduced_motion)));
                said
            }
            SessionEvent::TryAction {
                credential,
                action,
                resource,
            } => {
                let recorded = self.sts.timeline.events().len();
                let sts = Rc::make_mut(&mut self.sts);
                let r = call(&world, sts, &credential, &action, &resource, now);
                let said = match &r.error {
                    None => format!("{action} on {resource}: allowed"),
                    Some(e) => format!("{action} on {resource}: {}: {}", e.code, e.message),
                };
                self.card = Some(Rc::new((credential, CardResult::Call(r))));
                self.show_call_recorded_after(&world, recorded);
                said
            }
            SessionEvent::CallerIdentity(credential) => {
                let recorded = self.sts.timeline.events().len();
                let sts = Rc::make_mut(&mut self.sts);
                let r = get_caller_identity(&world, sts, &credential, now)
                    .result
                    .map(|c| serde_json::to_value(c).unwrap_or_default());
                let said = match &r {
                    Ok(v) => format!(
                        "GetCallerIdentity: {}",
                        v.get("Arn").cloned().unwrap_or_default()
                    ),
                    Err(e) => format!("GetCallerIdentity failed: {e}"),
                };
                self.card = Some(Rc::new((credential, CardResult::Identity(r))));
                self.show_call_recorded_after(&world, recorded);
                said
            }
            _ => return Vec::new(),
        };
        vec![Effect::Announce(said)]
    }

    /// Puts a card's call (an action tried, an identity asked) on show like any other call:
    /// its checks in the Checks panel, its path lit on the canvas. Only a call the timeline
    /// recorded after its first `recorded` entries; one refused before it was recorded leaves
    /// the last flow on show.
    fn show_call_recorded_after(&mut self, world: &crate::sim::world::World, recorded: usize) {
        let last = self.sts.timeline.events().len().checked_sub(1);
        if let Some(f) = last
            .filter(|&i| i >= recorded)
            .and_then(|i| replay(world, &self.sts, i))
        {
            self.run = Some(Rc::new(FlowRun::start(f, self.reduced_motion)));
        }
    }

    /// Puts a fresh flow on show; returns its result in words.
    fn show_flow(&mut self, f: flow::Flow) -> String {
        let said = announce(&f);
        self.run = Some(Rc::new(FlowRun::start(f, self.reduced_motion)));
        said
    }
}
