//! One decision, both sides: could some request by this caller for this action on this
//! target be allowed, and what must that request satisfy?

use super::conditions::{contradictory, HopCondition, Side};
use super::prepare::{PolicyCache, Prepared};
use super::start::Start;
use crate::sim::eval::combine::resource_policy_required;
use crate::sim::eval::compiled::{self, Detail, NamedCompiled, PolicySet};
use crate::sim::eval::trace::PolicyTrace;
use crate::sim::eval::{
    Decision, EvalRequest, EvalResult, PolicyType, PrincipalInfo, ResourceInfo,
};
use crate::sim::policy::{Effect, Policy, PolicyKind};
use crate::sim::sts::authz;
use crate::sim::world::{OrgPolicyType, World};
use std::sync::Arc;

/// Each alternative is one set of conditions (ANDed); alternatives are ORed. At most this
/// many are kept per decision.
const MAX_VARIANTS: usize = 8;

/// Everything allowed to all: the identity side of a principal outside the world.
const ALLOW_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// The caller's side of its requests, built once per caller.
pub struct CallerSide {
    /// The request; action and resource are set per check.
    pub base: EvalRequest,
    /// The caller's policies compiled; the resource's policy and RCPs are set per check.
    set: PolicySet,
    /// The caller's SCPs as written, level by level (same order as `set.scps`).
    scps: Vec<Vec<Arc<Policy>>>,
    /// Identity policies as written (same order as `set.identity_policies`).
    identity: Vec<Arc<Policy>>,
    /// The boundary as written.
    boundary: Option<Arc<Policy>>,
}

/// The resource's side: its ARN and owner, its policy, its account's RCPs.
#[derive(Clone, Default)]
pub struct TargetSide {
    /// ARN, account, tags.
    pub resource: ResourceInfo,
    /// The trust or resource policy.
    pub policy: Option<Prepared>,
    /// RCPs of the resource's account.
    pub rcps: Vec<Vec<Prepared>>,
}

fn split(ps: Vec<Prepared>) -> (Vec<NamedCompiled>, Vec<Arc<Policy>>) {
    ps.into_iter().map(|p| (p.optimistic, p.original)).unzip()
}

fn tags(t: &[crate::sim::world::Tag]) -> std::collections::BTreeMap<String, String> {
    crate::sim::sorting::map_of(t.iter().map(|t| (t.key.clone(), t.value.clone())))
}

impl CallerSide {
    /// The caller side of `start`; `None` for starts that sign no requests of their own
    /// (identity providers) or that are not in the world.
    pub fn new(world: &World, cache: &mut PolicyCache, start: &Start) -> Option<CallerSide> {
        let mut base = EvalRequest {
            organization: authz::organization(world),
            ..EvalRequest::default()
        };
        let mut set = PolicySet::default();
        let (identity, boundary, account) = match start {
            Start::User(id) => {
                let u = world.users.get(id)?;
                base.principal = PrincipalInfo {
                    arn: u.arn.clone(),
                    account: u.account.to_string(),
                    id: Some(id.to_string()),
                    tags: tags(&u.tags),
                    ..PrincipalInfo::default()
                };
                let identity = world.identity_policies_for_user(id);
                (
                    identity,
                    world.permissions_boundary_for_user(id),
                    u.account.to_string(),
                )
            }
            Start::Role(id) => {
                let r = world.roles.get(id)?;
                base.principal = PrincipalInfo {
                    arn: format!(
                        "arn:{}:sts::{}:assumed-role/{}/reach",
                        world.partition, r.account, r.role_name
                    ),
                    account: r.account.to_string(),
                    id: Some(id.to_string()),
                    tags: tags(&r.tags),
                    session: Some(crate::sim::eval::SessionInfo {
                        role_arn: Some(r.arn.clone()),
                        ..Default::default()
                    }),
                    service: None,
                };
                let identity = world.identity_policies_for_role(id);
                (
                    identity,
                    world.permissions_boundary_for_role(id),
                    r.account.to_string(),
                )
            }
            Start::Outside { arn, account } => {
                base.principal = outside_principal(arn, account);
                let all = cache.get(
                    "permissions outside the simulation",
                    ALLOW_ALL,
                    PolicyKind::Identity,
                )?;
                let (opt, orig) = split(vec![all]);
                set.identity_policies = opt;
                return Some(CallerSide {
                    base,
                    set,
                    scps: Vec::new(),
                    identity: orig,
                    boundary: None,
                });
            }
            Start::Service(name) => {
                base.principal = PrincipalInfo {
                    service: Some(name.clone()),
                    ..PrincipalInfo::default()
                };
                return Some(CallerSide {
                    base,
                    set,
                    scps: Vec::new(),
                    identity: Vec::new(),
                    boundary: None,
                });
            }
            Start::WebIdentity(_) | Start::Saml(_) => return None,
        };
        let prepared: Vec<Prepared> = identity
            .iter()
            .filter_map(|p| {
                cache.get(
                    p.arn.as_deref().unwrap_or(&p.name),
                    &p.text,
                    PolicyKind::Identity,
                )
            })
            .collect();
        let (opt, orig) = split(prepared);
        set.identity_policies = opt;
        let boundary = boundary.and_then(|p| {
            cache.get(
                p.arn.as_deref().unwrap_or(&p.name),
                &p.text,
                PolicyKind::PermissionsBoundary,
            )
        });
        set.permissions_boundary = boundary.as_ref().map(|b| b.optimistic.clone());
        let levels = cache.org_levels(world, &account, OrgPolicyType::ServiceControlPolicy);
        let (scps, scp_orig): (Vec<_>, Vec<_>) = levels.into_iter().map(split).unzip();
        set.scps = scps;
        Some(CallerSide {
            base,
            set,
            scps: scp_orig,
            identity: orig,
            boundary: boundary.map(|b| b.original),
        })
    }

    /// A caller with no policies of its own (a federated session, a service): only the
    /// other side decides.
    pub fn bare(principal: PrincipalInfo) -> CallerSide {
        CallerSide {
            base: EvalRequest {
                principal,
                ..EvalRequest::default()
            },
            set: PolicySet::default(),
            scps: Vec::new(),
            identity: Vec::new(),
            boundary: None,
        }
    }

    /// The caller's identity policies as written (for a quick "could it ever" filter).
    pub fn identity_originals(&self) -> &[Arc<Policy>] {
        &self.identity
    }
}

/// An outside role ARN signs as a session of that role.
fn outside_principal(arn: &str, account: &str) -> PrincipalInfo {
    let role = arn
        .split_once(":role/")
        .filter(|(head, _)| head.starts_with("arn:") && head.contains(":iam:"));
    match role {
        Some((head, path_name)) => {
            let partition = head.split(':').nth(1).unwrap_or("aws");
            let name = path_name.rsplit('/').next().unwrap_or(path_name);
            PrincipalInfo {
                arn: format!("arn:{partition}:sts::{account}:assumed-role/{name}/reach"),
                account: account.to_string(),
                session: Some(crate::sim::eval::SessionInfo {
                    role_arn: Some(arn.to_string()),
                    ..Default::default()
                }),
                ..PrincipalInfo::default()
            }
        }
        None => PrincipalInfo {
            arn: arn.to_string(),
            account: account.to_string(),
            ..PrincipalInfo::default()
        },
    }
}

/// Points the caller's request at `action` on `target`.
fn aim(caller: &mut CallerSide, action: &str, target: &TargetSide) {
    caller.base.action = action.to_string();
    caller.base.resource = target.resource.clone();
    caller.set.resource_policy = target.policy.as_ref().map(|p| p.optimistic.clone());
    caller.set.rcps = target
        .rcps
        .iter()
        .map(|l| l.iter().map(|p| p.optimistic.clone()).collect())
        .collect();
}

/// The evaluator's traced answer for `caller` doing `action` on `target` with every Allow
/// condition taken as met: the statements that could allow it are the matched ones.
pub fn traced(caller: &mut CallerSide, action: &str, target: &TargetSide) -> EvalResult {
    aim(caller, action, target);
    compiled::evaluate(&caller.base, &caller.set, Detail::Trace)
}

/// Could some request by `caller` for `action` on `target` be allowed? Gives every way it
/// could (each a list of conditions), or nothing when no request could be. `facts` are
/// context keys the path fixes (`iam:PassedToService`).
pub fn check(
    caller: &mut CallerSide,
    action: &str,
    target: &TargetSide,
    facts: &[(&str, &str)],
) -> Vec<Vec<HopCondition>> {
    aim(caller, action, target);
    // Most checks are denied: decide first without a trace, and walk again with one (the
    // same walk) only to read the conditions of an allowed request.
    let quick = compiled::evaluate(&caller.base, &caller.set, Detail::Decision);
    if quick.decision != Decision::Allowed {
        return Vec::new();
    }
    let result = compiled::evaluate(&caller.base, &caller.set, Detail::Trace);
    if result.decision != Decision::Allowed {
        return Vec::new();
    }
    let originals: Vec<&Policy> = caller
        .scps
        .iter()
        .flatten()
        .map(|p| &**p)
        .chain(target.rcps.iter().flatten().map(|p| &*p.original))
        .chain(target.policy.iter().map(|p| &*p.original))
        .chain(caller.identity.iter().map(|p| &**p))
        .chain(caller.boundary.iter().map(|p| &**p))
        .collect();
    let traces = &result.trace.policies;
    if traces.len() != originals.len() {
        // The evaluator considered policies in another order than `gather`'s: conditions
        // cannot be matched to statements, so none is claimed.
        return vec![Vec::new()];
    }
    let passed = |gate: &str| {
        result
            .trace
            .steps
            .iter()
            .any(|s| s.gate == gate && (s.outcome == "pass" || s.outcome == "allow"))
    };
    let required = resource_policy_required(action, &target.resource.arn);
    let include = |t: PolicyType| match t {
        PolicyType::Scp => passed("scp"),
        PolicyType::Rcp => passed("rcp"),
        PolicyType::Resource => required || passed("resource"),
        PolicyType::Identity => passed("identity"),
        PolicyType::PermissionsBoundary => passed("permissions_boundary"),
        PolicyType::Session => false,
    };
    let pairs: Vec<(&PolicyTrace, &Policy)> = traces.iter().zip(originals).collect();
    let mut groups = allow_groups(&pairs, include);
    groups.extend(deny_groups(&pairs));
    combine(groups, facts)
}

/// Groups of alternatives: every group must hold, one alternative of each.
type Groups = Vec<Vec<Vec<HopCondition>>>;

/// Alternatives of one policy type (and SCP/RCP level).
type Keyed = Vec<((PolicyType, Option<usize>), Vec<Vec<HopCondition>>)>;

fn allow_groups(pairs: &[(&PolicyTrace, &Policy)], include: impl Fn(PolicyType) -> bool) -> Groups {
    let mut keyed: Keyed = Vec::new();
    for (t, orig) in pairs {
        if !include(t.policy_type) {
            continue;
        }
        let key = match t.policy_type {
            PolicyType::Identity => (PolicyType::Identity, None),
            other => (other, t.level),
        };
        let side = Side::of(t.policy_type);
        let alts: Vec<Vec<HopCondition>> = t
            .statements
            .iter()
            .filter(|s| s.matched && s.effect == Effect::Allow.as_str())
            .filter_map(|s| orig.statements.get(s.index))
            .map(|st| {
                st.condition
                    .iter()
                    .map(|c| HopCondition::from_clause(side, c))
                    .collect()
            })
            .collect();
        match keyed.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.extend(alts),
            None => keyed.push((key, alts)),
        }
    }
    keyed
        .into_iter()
        .filter(|(_, alts)| !alts.is_empty() && !alts.iter().any(Vec::is_empty))
        .map(|(_, alts)| alts)
        .collect()
}

/// A conditional Deny whose other elements match is avoided when one of its conditions
/// fails: one group per such statement, one alternative per negated condition.
fn deny_groups(pairs: &[(&PolicyTrace, &Policy)]) -> Groups {
    let mut out = Vec::new();
    for (t, orig) in pairs {
        if !t.applies {
            continue;
        }
        let side = Side::of(t.policy_type);
        for s in &t.statements {
            let elements_matched = !s.conditions.is_empty();
            if s.effect != Effect::Deny.as_str() || !elements_matched {
                continue;
            }
            if let Some(st) = orig.statements.get(s.index) {
                out.push(
                    st.condition
                        .iter()
                        .map(|c| vec![HopCondition::negated(side, c)])
                        .collect(),
                );
            }
        }
    }
    out
}

/// Every way to pick one alternative per group, without contradictions.
fn combine(groups: Groups, facts: &[(&str, &str)]) -> Vec<Vec<HopCondition>> {
    let mut variants: Vec<Vec<HopCondition>> = vec![Vec::new()];
    for group in groups {
        let mut next = Vec::new();
        for v in &variants {
            for alt in &group {
                if next.len() >= MAX_VARIANTS {
                    break;
                }
                let mut joined = v.clone();
                joined.extend(alt.iter().cloned());
                crate::sim::sorting::sort(&mut joined);
                joined.dedup();
                if !contradictory(&joined, facts) {
                    next.push(joined);
                }
            }
        }
        variants = next;
    }
    crate::sim::sorting::sort(&mut variants);
    variants.dedup();
    variants
}
