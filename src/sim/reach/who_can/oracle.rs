//! The first who-can, kept as the oracle the backward search is compared with: a forward
//! search from every principal over every role whose trust could name it.

use super::{named_by, target};
use crate::sim::ids::RoleId;
use crate::sim::reach::graph::Graph;
use crate::sim::reach::start::Start;
use crate::sim::reach::{Hop, Principal, MAX_PATHS_PER_TARGET};
use std::collections::BTreeSet;

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

/// Every principal that can do `action` on `resource`, sorted by ARN, found the first way.
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
    crate::sim::sorting::sort(&mut starts);
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
            let found = g.paths(start, max_hops, &|r| direct_roles.contains(r), &|_, _| true);
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
    out
}
