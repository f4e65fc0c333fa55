//! The checks on show in the simulator: a flow played step by step, and a card's last answer.

use crate::doc::scene::{EdgeId, NodeId, Scene};
use crate::sim::eval::PolicyType;
use crate::sim::flow::{self, Flow, FlowOutcome};
use crate::sim::sts::{CallResult, Outcome, StsError, StsState, TimelineEvent};
use crate::sim::world::World;

/// A flow being played: `shown` steps are visible (the last of them is current).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRun {
    /// What is played.
    pub flow: Flow,
    /// How many steps are revealed (1..=steps.len(), 0 for a flow without steps).
    pub shown: usize,
    /// Whether steps advance on their own (the page reveals one every ~600 ms).
    pub playing: bool,
}

impl FlowRun {
    /// A flow put on show: every step at once when `instant` (reduced motion), else the
    /// first, playing.
    pub fn start(flow: Flow, instant: bool) -> FlowRun {
        let len = flow.steps.len();
        FlowRun {
            flow,
            shown: if instant { len } else { len.min(1) },
            playing: !instant && len > 1,
        }
    }

    /// Whether every step is shown (the outcome can be shown too).
    pub fn done(&self) -> bool {
        self.shown >= self.flow.steps.len()
    }

    /// The nodes the canvas highlights: those of the current (last shown) step.
    pub fn current_nodes(&self) -> Vec<NodeId> {
        self.shown
            .checked_sub(1)
            .and_then(|i| self.flow.steps.get(i))
            .map(|s| s.entities.iter().map(NodeId::of).collect())
            .unwrap_or_default()
    }

    /// The edges the current step's call travels: those joining two of its nodes (caller →
    /// trust edge → role; caller → the resource it calls), or one of its nodes and the account
    /// frame standing for a caller its trust policy names by account. Lit on the canvas
    /// while the step is on show.
    pub fn travelled_edges(&self, scene: &Scene) -> Vec<EdgeId> {
        // A node inside a collapsed cluster travels by the cluster's node.
        let nodes = scene.shown_all(&self.current_nodes());
        if nodes.len() < 2 {
            return Vec::new();
        }
        let frames: Vec<NodeId> = nodes
            .iter()
            .filter_map(|id| scene.node(id)?.account.clone())
            .collect();
        let on = |id: &NodeId| nodes.contains(id);
        let near = |id: &NodeId| on(id) || frames.contains(id);
        scene
            .edges
            .iter()
            .filter(|e| {
                e.from != e.to && ((on(&e.from) && near(&e.to)) || (near(&e.from) && on(&e.to)))
            })
            .map(|e| e.id.clone())
            .collect()
    }

    /// The node where the call was refused, once every step is shown.
    pub fn failed_node(&self) -> Option<NodeId> {
        self.done()
            .then(|| self.flow.failed_entity())
            .flatten()
            .map(|e| NodeId::of(&e))
    }

    /// The account frame whose organization refused the call, once every step is shown, and
    /// the kind of policy (`SCP`, `RCP`): an SCP applies to every principal of the accounts
    /// below where it is attached, an RCP to every resource, so the refusal is marked on the
    /// caller's (SCP) or the resource's (RCP) account frame as well as on the node.
    /// <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html>
    /// <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html>
    pub fn refusing_frame(&self, scene: &Scene) -> Option<(NodeId, &'static str)> {
        let kind = match self.flow.refused_by()? {
            PolicyType::Scp => "SCP",
            PolicyType::Rcp => "RCP",
            _ => return None,
        };
        let failed = self.failed_node()?;
        let frame = scene.node(scene.shown(&failed))?.account.clone()?;
        Some((frame, kind))
    }

    /// The run with one step more (`delta > 0`) or fewer (stepping back stops the play),
    /// kept between the first step and the last.
    pub fn moved(&self, delta: isize) -> FlowRun {
        let mut r = self.clone();
        let last = r.flow.steps.len();
        r.shown = r
            .shown
            .saturating_add_signed(delta)
            .clamp(last.min(1), last);
        if delta < 0 {
            r.playing = false;
        }
        if r.done() {
            r.playing = false;
        }
        r
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

/// A flow's result in words, for the live region.
pub fn announce(f: &Flow) -> String {
    match &f.outcome {
        FlowOutcome::Issued { access_key_id, .. } => format!(
            "{} succeeded: {} received temporary credentials {access_key_id}",
            f.api, f.participants.caller_name
        ),
        FlowOutcome::Refused { code, message, .. } => {
            format!("{} failed: {code}: {message}", f.api)
        }
    }
}

/// The checks of timeline entry `index`, rebuilt from its recorded gates.
pub fn replay(world: &World, sts: &StsState, index: usize) -> Option<Flow> {
    let event = sts.timeline.events().get(index)?;
    let credential = event.access_key_id.clone().unwrap_or_default();
    let target = event.target.clone().unwrap_or_default();
    let mut p = flow::participants(world, sts, &credential, &target);
    if p.caller_entity.is_none() {
        p.caller_entity = federated_caller(world, event, &target);
    }
    let error = match &event.outcome {
        Outcome::Error { code, message } => Some((code.as_str(), message.as_str())),
        Outcome::Success => None,
    };
    Some(flow::replay(
        &event.api,
        p,
        &event.gates,
        event.issued_access_key_id.as_deref(),
        error,
    ))
}

/// The identity provider behind a federated call, which carries no access key: a SAML call
/// records the provider's ARN as its caller; a web identity call records the token's subject
/// as its caller and the provider that issued the token apart (as CloudTrail does,
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html>). Only the
/// world's providers are named (the world may have been edited since), so a recorded provider
/// since deleted names none. An entry recorded before providers were kept falls back to the
/// first of the world's providers whose ARN the role's trust policy mentions: a guess, wrong
/// when the role trusts several.
fn federated_caller(
    world: &World,
    event: &TimelineEvent,
    role_arn: &str,
) -> Option<crate::sim::ids::EntityId> {
    use crate::sim::ids::EntityId;
    let providers = || world.identity_providers.iter().map(|p| p.arn());
    let named = |arn: &str| {
        providers()
            .find(|p| *p == arn)
            .map(|p| EntityId::IdentityProvider(p.to_string()))
    };
    if let Some(recorded) = &event.identity_provider {
        return named(recorded);
    }
    if let Some(found) = named(&event.who) {
        return Some(found);
    }
    if event.api != "AssumeRoleWithWebIdentity" {
        return None;
    }
    let trust = &world.role_by_arn(role_arn)?.trust_policy;
    providers()
        .find(|arn| trust.contains(*arn))
        .map(|arn| EntityId::IdentityProvider(arn.to_string()))
}
