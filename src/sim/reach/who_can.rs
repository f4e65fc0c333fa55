//! Who can: every principal that can perform an action on a resource, directly or at the end
//! of a path of roles.

use super::graph::Graph;
use super::hops::TargetSide;
use super::start::Start;
use super::{Hop, HopCondition, Principal, MAX_PATHS_PER_TARGET};
use crate::sim::eval::ResourceInfo;
use crate::sim::ids::RoleId;
use crate::sim::policy::PolicyKind;
use crate::sim::world::OrgPolicyType;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// The resource's side: a role's trust policy for `sts:` actions on it, else the resource's
/// own policy (an S3 object's is its bucket's), and its account's RCPs.
fn target(g: &mut Graph<'_>, action: &str, arn: &str) -> TargetSide {
    let world = g.world;
    if let Some(role) = world.role_by_arn(arn) {
        if action.to_ascii_lowercase().starts_with("sts:") {
            if let Some(t) = g.trust_target(&role.role_id) {
                return t;
            }
        }
    }
    let bucket = arn
        .strip_prefix("arn:aws:s3:::")
        .and_then(|rest| rest.split_once('/'))
        .map(|(bucket, _)| format!("arn:aws:s3:::{bucket}"));
    let owner = world
        .resource(arn)
        .or_else(|| bucket.as_deref().and_then(|b| world.resource(b)));
    let account = match owner {
        Some(r) => r.account.to_string(),
        None => arn.split(':').nth(4).unwrap_or_default().to_string(),
    };
    let policy = owner.and_then(|r| {
        let text = r.policy.as_deref()?;
        g.cache.get(
            &format!("resource policy of {}", r.name),
            text,
            PolicyKind::Resource,
        )
    });
    let rcps = if account.is_empty() {
        Vec::new()
    } else {
        g.cache
            .org_levels(world, &account, OrgPolicyType::ResourceControlPolicy)
    };
    TargetSide {
        resource: ResourceInfo {
            arn: arn.to_string(),
            account,
            tags: Default::default(),
        },
        policy,
        rcps,
    }
}

/// How many hops each role is from a role in `direct` (0 for those), for every role within
/// `max_hops - 1` of one: a backward search, level by level, that evaluates a caller's hops
/// only into the level before it (and only callers whose trust candidates meet that level),
/// so roles that lead nowhere near the permission cost no evaluation.
fn distances(
    g: &mut Graph<'_>,
    direct: &BTreeSet<RoleId>,
    max_hops: usize,
) -> BTreeMap<RoleId, usize> {
    let world = g.world;
    let mut dist = crate::sim::sorting::map_of(direct.iter().map(|r| (r.clone(), 0)));
    let runs_as: BTreeSet<&RoleId> = world
        .lambda_functions
        .iter()
        .filter_map(|f| f.execution_role.as_ref())
        .collect();
    let mut frontier = Rc::new(direct.clone());
    for level in 1..max_hops {
        if frontier.is_empty() {
            break;
        }
        // Service routes reach roles that trust a service from principals of their account;
        // new code in a function reaches its execution role from wherever it may be updated.
        let service_accounts: BTreeSet<&str> = frontier
            .iter()
            .filter(|id| g.trusts_a_service(id))
            .filter_map(|id| world.roles.get(id))
            .map(|r| r.account.as_str())
            .collect();
        let any_function = frontier.iter().any(|id| runs_as.contains(id));
        let mut next = BTreeSet::new();
        for role in world.roles.values() {
            if dist.contains_key(&role.role_id) {
                continue;
            }
            let caller = Start::Role(role.role_id.clone());
            let maybe = any_function
                || service_accounts.contains(role.account.as_str())
                || !g
                    .candidates_where(&caller, &|c| frontier.contains(c))
                    .is_empty();
            if maybe && !g.hops_within(&caller, &frontier).is_empty() {
                next.insert(role.role_id.clone());
            }
        }
        for id in &next {
            dist.insert(id.clone(), level);
        }
        frontier = Rc::new(next);
    }
    dist
}

/// The conditions of a permission, by the ARN of whoever holds it (see `WhoCan::grants`).
pub type Grants = BTreeMap<String, Vec<Vec<HopCondition>>>;

/// Every principal that can do `action` on `resource`, sorted by ARN, and the conditions of
/// the permission for each principal or role that holds it directly.
pub fn find(
    g: &mut Graph<'_>,
    action: &str,
    resource: &str,
    max_hops: usize,
) -> (Vec<Principal>, Grants) {
    let target = target(g, action, resource);
    let starts = starts(g, &target);
    let mut grants = Grants::new();
    let mut direct: BTreeSet<Start> = BTreeSet::new();
    for s in &starts {
        let ways = g.check(s, action, &target, &[]);
        if !ways.is_empty() {
            grants.insert(g.start_arn(s), ways);
            direct.insert(s.clone());
        }
    }
    let direct_roles: BTreeSet<RoleId> = direct
        .iter()
        .filter_map(|s| match s {
            Start::Role(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let dist = distances(g, &direct_roles, max_hops);
    // Hops go only to roles from which the permission is within reach; a search steps into
    // a role only with enough hops left to get from it to the permission.
    g.restrict(Some(dist.keys().cloned().collect()));
    let viable = |r: &RoleId, left: usize| dist.get(r).is_some_and(|d| *d <= left);
    let mut out = Vec::new();
    for start in &starts {
        let mut paths: Vec<Vec<Hop>> = Vec::new();
        if direct.contains(start) {
            paths.push(Vec::new());
        }
        if !direct_roles.is_empty() {
            let found = g.paths(start, max_hops, &|r| direct_roles.contains(r), &viable);
            paths.extend(found.into_values().flatten());
        }
        if paths.is_empty() {
            continue;
        }
        crate::sim::sorting::sort_by(&mut paths, |a, b| {
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        });
        paths.truncate(MAX_PATHS_PER_TARGET);
        out.push(Principal {
            principal: g.start_arn(start),
            paths,
        });
    }
    g.restrict(None);
    crate::sim::sorting::sort_by(&mut out, |a, b| a.principal.cmp(&b.principal));
    (out, grants)
}

/// Everyone who might act: the world's users and roles, the principals that start paths
/// from outside it, and those the resource's policy names.
fn starts(g: &Graph<'_>, target: &TargetSide) -> Vec<Start> {
    let world = g.world;
    let mut starts: Vec<Start> = world
        .users
        .keys()
        .map(|id| Start::User(id.clone()))
        .collect();
    starts.extend(world.roles.keys().map(|id| Start::Role(id.clone())));
    starts.extend(g.external_starts());
    let in_world = |arn: &str| world.user_by_arn(arn).is_some() || world.role_by_arn(arn).is_some();
    starts.extend(
        named_by(target)
            .into_iter()
            .filter(|s| !matches!(s, Start::Outside { arn, .. } if in_world(arn))),
    );
    crate::sim::sorting::sort(&mut starts);
    starts.dedup();
    starts
}

/// Principals outside the world that the resource's policy names (they may act directly).
fn named_by(target: &TargetSide) -> Vec<Start> {
    use crate::sim::policy::{PrincipalType, PrincipalValue};
    let Some(p) = &target.policy else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for st in &p.original.statements {
        let Some(PrincipalValue::Map(m)) = st.principal.as_ref().map(|b| &b.value) else {
            continue;
        };
        for (t, values) in m {
            for v in &values.items {
                match t {
                    PrincipalType::Service => out.push(Start::Service(v.to_ascii_lowercase())),
                    PrincipalType::Aws if v.starts_with("arn:") && !v.ends_with(":root") => {
                        if let Some(account) = v.split(':').nth(4) {
                            out.push(Start::Outside {
                                arn: v.clone(),
                                account: account.to_string(),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;
