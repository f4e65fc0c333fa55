//! Who can: every principal that can perform an action on a resource, directly or at the end
//! of a path of roles.

use super::graph::Graph;
use super::hops::TargetSide;
use super::start::Start;
use super::{Hop, Principal, MAX_PATHS_PER_TARGET};
use crate::sim::eval::ResourceInfo;
use crate::sim::ids::RoleId;
use crate::sim::policy::PolicyKind;
use crate::sim::world::OrgPolicyType;
use std::collections::BTreeSet;

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

/// Roles from which a role in `direct` can be reached in at most `max_hops` hops, judged by
/// whom trust policies could name (a superset: it only prunes).
fn useful(g: &Graph<'_>, direct: &BTreeSet<RoleId>, max_hops: usize) -> BTreeSet<RoleId> {
    let mut set = direct.clone();
    for _ in 0..max_hops {
        // Service routes lead to roles that trust a service, from principals of their account.
        let accounts: BTreeSet<&str> = set
            .iter()
            .filter(|id| g.trusts_a_service(id))
            .filter_map(|id| g.world.roles.get(id))
            .map(|r| r.account.as_str())
            .collect();
        let mut grown = Vec::new();
        for role in g.world.roles.values() {
            if set.contains(&role.role_id) {
                continue;
            }
            let start = Start::Role(role.role_id.clone());
            let mut next = g.candidates(&start).into_iter();
            if accounts.contains(role.account.as_str()) || next.any(|c| set.contains(&c)) {
                grown.push(role.role_id.clone());
            }
        }
        let grew = !grown.is_empty();
        set.extend(grown);
        if !grew {
            break;
        }
    }
    set
}

/// Every principal that can do `action` on `resource`, sorted by ARN.
pub fn find(g: &mut Graph<'_>, action: &str, resource: &str, max_hops: usize) -> Vec<Principal> {
    let target = target(g, action, resource);
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
        named_by(&target)
            .into_iter()
            .filter(|s| !matches!(s, Start::Outside { arn, .. } if in_world(arn))),
    );
    starts.sort();
    starts.dedup();
    let direct: BTreeSet<Start> = starts
        .iter()
        .filter(|s| !g.check(s, action, &target, &[]).is_empty())
        .cloned()
        .collect();
    let direct_roles: BTreeSet<RoleId> = direct
        .iter()
        .filter_map(|s| match s {
            Start::Role(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    let prune = useful(g, &direct_roles, max_hops);
    g.restrict(Some(prune));
    let mut out = Vec::new();
    for start in &starts {
        let mut paths: Vec<Vec<Hop>> = Vec::new();
        if direct.contains(start) {
            paths.push(Vec::new());
        }
        if !direct_roles.is_empty() {
            let found = g.paths(start, max_hops, &|r| direct_roles.contains(r));
            paths.extend(found.into_values().flatten());
        }
        if paths.is_empty() {
            continue;
        }
        paths.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        paths.truncate(MAX_PATHS_PER_TARGET);
        out.push(Principal {
            principal: g.start_arn(start),
            paths,
        });
    }
    g.restrict(None);
    out.sort_by(|a, b| a.principal.cmp(&b.principal));
    out
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
