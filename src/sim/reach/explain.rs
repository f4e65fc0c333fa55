//! Why a hop is allowed: the statements on each side that let it through, read from the
//! evaluator's trace (the same trace the simulator's checks come from).

use super::graph::{federated_principal, Graph};
use super::hops::{traced, CallerSide, TargetSide};
use super::start::{parse_start, Start};
use super::{Analysis, Hop, Side};
use crate::sim::eval::trace::Trace;
use crate::sim::eval::{PolicyType, ResourceInfo};
use serde::Serialize;

/// One statement that allows a hop's request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HopReason {
    /// Which side of the request it speaks for.
    pub side: Side,
    /// The kind of policy (identity-based, resource-based for a trust policy, ...).
    pub policy_type: PolicyType,
    /// The policy's name as the simulator shows it (`trust policy of Deploy`, an ARN).
    pub policy: String,
    /// The statement's position in the policy, from 0.
    pub statement: usize,
    /// Its `Sid`, if it has one.
    pub sid: Option<String>,
    /// The action it allows.
    pub action: String,
}

/// The start a hop's `from` names: a user, a role's session, a provider, a service, or a
/// principal outside the world.
fn start_of(g: &Graph<'_>, from: &str) -> Option<Start> {
    parse_start(g.world, from)
        .or_else(|_| parse_start(g.world, &format!("outside:{from}")))
        .ok()
}

/// The allowing statements of `trace` (matched, with every Allow condition taken as met).
fn allowing(trace: &Trace, action: &str, out: &mut Vec<HopReason>) {
    for p in trace.policies.iter().filter(|p| p.applies) {
        for s in p
            .statements
            .iter()
            .filter(|s| s.matched && s.effect == "Allow")
        {
            let reason = HopReason {
                side: Side::of(p.policy_type),
                policy_type: p.policy_type,
                policy: p.name.clone(),
                statement: s.index,
                sid: s.sid.as_deref().map(String::from),
                action: action.to_string(),
            };
            if !out.contains(&reason) {
                out.push(reason);
            }
        }
    }
}

impl Analysis<'_> {
    /// The statements that allow `hop`, caller side first (identity, boundary, SCPs) then
    /// the role's side (trust policy, RCPs). A service route lists the caller's statements
    /// for each of its actions and the trust statement that lets the service in.
    pub fn explain(&mut self, hop: &Hop) -> Vec<HopReason> {
        let g = &mut self.graph;
        let (Some(start), Some(role)) = (start_of(g, &hop.from), g.world.role_by_arn(&hop.to))
        else {
            return Vec::new();
        };
        let Some(trust) = g.trust_target(&role.role_id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if hop.via.starts_with("sts:") {
            let result = match &start {
                Start::WebIdentity(p) | Start::Saml(p) => {
                    let principal = federated_principal(role, p, &g.world.partition);
                    traced(&mut CallerSide::bare(principal), &hop.via, &trust)
                }
                other => match g.caller_mut(other) {
                    Some(c) => traced(c, &hop.via, &trust),
                    None => return Vec::new(),
                },
            };
            allowing(&result.trace, &hop.via, &mut out);
        } else {
            let role_resource = TargetSide {
                resource: ResourceInfo {
                    arn: role.arn.clone(),
                    account: role.account.to_string(),
                    tags: Default::default(),
                },
                ..TargetSide::default()
            };
            let account = role.account.to_string();
            for action in hop.via.split('+') {
                let target = if action == "iam:PassRole" {
                    role_resource.clone()
                } else {
                    TargetSide {
                        resource: ResourceInfo {
                            arn: "*".to_string(),
                            account: account.clone(),
                            tags: Default::default(),
                        },
                        ..TargetSide::default()
                    }
                };
                if let Some(c) = g.caller_mut(&start) {
                    allowing(&traced(c, action, &target).trace, action, &mut out);
                }
            }
            // The service the route hands the role to, named by its first compute action.
            let service = hop
                .via
                .split('+')
                .find(|a| *a != "iam:PassRole")
                .and_then(|a| a.split(':').next())
                .map(|s| match s {
                    "ecs" => "ecs-tasks.amazonaws.com".to_string(),
                    other => format!("{other}.amazonaws.com"),
                });
            if let Some(service) = service {
                let mut bare = CallerSide::bare(crate::sim::eval::PrincipalInfo {
                    service: Some(service),
                    ..Default::default()
                });
                let result = traced(&mut bare, "sts:AssumeRole", &trust);
                let mut trust_side = Vec::new();
                allowing(&result.trace, "sts:AssumeRole", &mut trust_side);
                out.extend(trust_side.into_iter().filter(|r| r.side == Side::Trust));
            }
        }
        crate::sim::sorting::sort_by_key(&mut out, |r| r.side == Side::Trust);
        out
    }
}
