//! The hop graph of a world: which roles each principal's trust candidates are, the hops
//! out of each principal (computed once), and every minimal path by depth-first search.

use super::hops::{check, CallerSide, TargetSide};
use super::index::TrustIndex;
use super::prepare::PolicyCache;
use super::start::Start;
use super::{services, Hop, Reached, MAX_PATHS_PER_TARGET};
use crate::sim::eval::{PrincipalInfo, SessionInfo};
use crate::sim::ids::RoleId;
use crate::sim::policy::{Policy, PolicyKind};
use crate::sim::sts::validate::CHAINED_MAX_DURATION_SECONDS;
use crate::sim::world::{OrgPolicyType, Role, World};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::Arc;

/// A search stops after this many hop expansions (dense worlds have more simple paths than
/// can be listed).
const EXPANSION_BUDGET: usize = 500_000;

/// The world's hop graph.
pub struct Graph<'w> {
    /// The world analysed.
    pub world: &'w World,
    /// Parsed policies.
    pub cache: PolicyCache,
    pub(super) index: TrustIndex,
    callers: HashMap<Start, Option<CallerSide>>,
    trusts: HashMap<RoleId, TargetSide>,
    edges: HashMap<Start, Rc<Vec<(RoleId, Hop)>>>,
    /// When set, hops go only to these roles (who-can prunes roles that cannot lead to the
    /// permission); hops computed under it are forgotten when it changes.
    only: Option<Rc<BTreeSet<RoleId>>>,
    /// Per parsed policy (by address; the entry holds the policy, so the address stays its
    /// own) and action, whether an Allow of it could grant the action: a managed policy
    /// attached to hundreds of principals (`ReadOnlyAccess` lists thousands of actions) is
    /// read once per action.
    pub(super) mentioned: HashMap<usize, (Arc<Policy>, HashMap<String, bool>)>,
}

/// A graph without its world: everything it has parsed and worked out, kept between the
/// slices of a long pass (see [`super::EscalationScan`]) or between questions about one
/// world, and taken back by [`Graph::resume`] with the same world (the parsed policies and
/// hops are that world's).
pub struct Learnt {
    cache: PolicyCache,
    index: TrustIndex,
    callers: HashMap<Start, Option<CallerSide>>,
    trusts: HashMap<RoleId, TargetSide>,
    edges: HashMap<Start, Rc<Vec<(RoleId, Hop)>>>,
    only: Option<Rc<BTreeSet<RoleId>>>,
    mentioned: HashMap<usize, (Arc<Policy>, HashMap<String, bool>)>,
}

impl<'w> Graph<'w> {
    /// Lets go of the world, keeping what was learnt of it.
    pub fn suspend(self) -> Learnt {
        Learnt {
            cache: self.cache,
            index: self.index,
            callers: self.callers,
            trusts: self.trusts,
            edges: self.edges,
            only: self.only,
            mentioned: self.mentioned,
        }
    }

    /// The graph of `world` again, with what was learnt of it before [`Graph::suspend`];
    /// `world` must be the world the graph was made from.
    pub fn resume(world: &'w World, learnt: Learnt) -> Self {
        Graph {
            world,
            cache: learnt.cache,
            index: learnt.index,
            callers: learnt.callers,
            trusts: learnt.trusts,
            edges: learnt.edges,
            only: learnt.only,
            mentioned: learnt.mentioned,
        }
    }

    /// Parses every trust policy and indexes whom it names.
    pub fn new(world: &'w World) -> Self {
        Graph::with_policies(world, None)
    }

    /// [`Graph::new`], reading policies through what an analysis of another version of the
    /// world parsed (`earlier`): a policy is parsed by its text alone, so every text that is
    /// still there is not parsed again; nothing else of that world is kept.
    pub fn with_policies(world: &'w World, earlier: Option<Learnt>) -> Self {
        let (mut cache, mentioned) = match earlier {
            Some(l) => {
                let Learnt {
                    cache,
                    mut mentioned,
                    index,
                    callers,
                    trusts,
                    edges,
                    only,
                } = l;
                // The old world's sides and hops go now, so that only the cache holds policies.
                drop((index, callers, trusts, edges, only));
                let cache = cache.policies_only();
                // What an Allow of each policy could grant, for the policies still kept (an
                // entry holds its policy, so one the cache let go is held here alone).
                mentioned.retain(|_, (policy, _)| Arc::strong_count(policy) > 1);
                (cache, mentioned)
            }
            None => (PolicyCache::default(), HashMap::new()),
        };
        let mut index = TrustIndex::default();
        let mut trusts = HashMap::new();
        for role in world.roles.values() {
            let trust = cache.get(
                &format!("trust policy of {}", role.role_name),
                &role.trust_policy,
                PolicyKind::Trust,
            );
            if let Some(t) = &trust {
                index.add(&role.role_id, &t.original);
            }
            let rcps = cache.org_levels(
                world,
                role.account.as_str(),
                OrgPolicyType::ResourceControlPolicy,
            );
            let resource = crate::sim::sts::authz::role_resource(role);
            let side = TargetSide {
                resource,
                policy: trust,
                rcps,
            };
            trusts.insert(role.role_id.clone(), side);
        }
        Graph {
            world,
            cache,
            index,
            callers: HashMap::new(),
            mentioned,
            trusts,
            edges: HashMap::new(),
            only: None,
        }
    }

    /// The name a start is shown by: its ARN, or the service principal.
    pub fn start_arn(&self, start: &Start) -> String {
        match start {
            Start::User(id) => self
                .world
                .users
                .get(id)
                .map(|u| u.arn.clone())
                .unwrap_or_default(),
            Start::Role(id) => self
                .world
                .roles
                .get(id)
                .map(|r| r.arn.clone())
                .unwrap_or_default(),
            Start::Outside { arn, .. } | Start::WebIdentity(arn) | Start::Saml(arn) => arn.clone(),
            Start::Service(name) => name.clone(),
        }
    }

    /// The session of the role with this ARN.
    pub fn role_start(&self, arn: &str) -> Option<Start> {
        self.world
            .role_by_arn(arn)
            .map(|r| Start::Role(r.role_id.clone()))
    }

    /// Checks `action` by `start` on `target` (see [`check`]).
    pub fn check(
        &mut self,
        start: &Start,
        action: &str,
        target: &TargetSide,
        facts: &[(&str, &str)],
    ) -> Vec<Vec<crate::sim::reach::HopCondition>> {
        if !self.callers.contains_key(start) {
            let side = CallerSide::new(self.world, &mut self.cache, start);
            self.callers.insert(start.clone(), side);
        }
        match self.callers.get_mut(start) {
            Some(Some(caller)) => check(caller, action, target, facts),
            _ => Vec::new(),
        }
    }

    /// The caller side of `start`, if it signs requests (mutable: checks aim it).
    pub fn caller_mut(&mut self, start: &Start) -> Option<&mut CallerSide> {
        if !self.callers.contains_key(start) {
            let side = CallerSide::new(self.world, &mut self.cache, start);
            self.callers.insert(start.clone(), side);
        }
        self.callers.get_mut(start).and_then(Option::as_mut)
    }

    /// The caller side of `start`, if it signs requests.
    pub fn caller(&mut self, start: &Start) -> Option<&CallerSide> {
        if !self.callers.contains_key(start) {
            let side = CallerSide::new(self.world, &mut self.cache, start);
            self.callers.insert(start.clone(), side);
        }
        self.callers.get(start).and_then(Option::as_ref)
    }

    /// A role as the target of `sts:AssumeRole*`.
    pub fn trust_target(&self, role: &RoleId) -> Option<TargetSide> {
        self.trusts.get(role).cloned()
    }

    /// Whether hops to `role` are wanted (see `only`).
    pub fn may_target(&self, role: &RoleId) -> bool {
        self.only.as_ref().is_none_or(|o| o.contains(role))
    }

    /// Restricts hops to `roles` (or lifts the restriction).
    pub fn restrict(&mut self, roles: Option<BTreeSet<RoleId>>) {
        self.only = roles.map(Rc::new);
        self.edges.clear();
    }

    /// Roles whose trust could name `start` (a superset of the roles it can assume); the
    /// first who-can (the tests' oracle) asks for all of them.
    #[cfg(test)]
    pub fn candidates(&self, start: &Start) -> BTreeSet<RoleId> {
        self.candidates_where(start, &|_| true)
    }

    /// The candidates of `start` that `keep` accepts (only those are copied: a caller's
    /// account may be trusted by hundreds of roles, of which a search wants a few).
    pub fn candidates_where(
        &self,
        start: &Start,
        keep: &dyn Fn(&RoleId) -> bool,
    ) -> BTreeSet<RoleId> {
        let ix = &self.index;
        let lists: [Option<&Vec<RoleId>>; 3] = match start {
            Start::User(id) => match self.world.users.get(id) {
                Some(u) => [
                    Some(&ix.anyone),
                    ix.by_arn.get(&u.arn),
                    ix.by_account.get(u.account.as_str()),
                ],
                None => return BTreeSet::new(),
            },
            Start::Role(id) => match self.world.roles.get(id) {
                Some(r) => [
                    Some(&ix.anyone),
                    ix.by_arn.get(&r.arn),
                    ix.by_account.get(r.account.as_str()),
                ],
                None => return BTreeSet::new(),
            },
            Start::Outside { arn, account } => [
                Some(&ix.anyone),
                ix.by_arn.get(arn),
                ix.by_account.get(account),
            ],
            Start::WebIdentity(p) | Start::Saml(p) => {
                [Some(&ix.anyone), ix.by_provider.get(p), None]
            }
            Start::Service(s) => [
                Some(&ix.anyone),
                ix.by_service.get(&s.to_ascii_lowercase()),
                None,
            ],
        };
        lists
            .into_iter()
            .flatten()
            .flatten()
            .filter(|id| keep(id))
            .cloned()
            .collect()
    }

    /// Every hop out of `start`, computed once.
    pub fn hops_from(&mut self, start: &Start) -> Rc<Vec<(RoleId, Hop)>> {
        if let Some(h) = self.edges.get(start) {
            return Rc::clone(h);
        }
        let out = Rc::new(self.compute_hops(start));
        self.edges.insert(start.clone(), Rc::clone(&out));
        out
    }

    /// The hops out of `start` into `roles` only, not kept (a backward search asks each
    /// caller about one level of roles at a time). The same hops, in the same order, as
    /// [`Graph::hops_from`] gives into those roles.
    pub fn hops_within(
        &mut self,
        start: &Start,
        roles: &Rc<BTreeSet<RoleId>>,
    ) -> Vec<(RoleId, Hop)> {
        let saved = self.only.replace(Rc::clone(roles));
        let out = self.compute_hops(start);
        self.only = saved;
        out
    }

    fn compute_hops(&mut self, start: &Start) -> Vec<(RoleId, Hop)> {
        let mut out = Vec::new();
        let targets = self.candidates_where(start, &|id| self.may_target(id));
        for role_id in targets {
            if *start == Start::Role(role_id.clone()) {
                continue;
            }
            out.extend(self.sts_hops(start, &role_id));
        }
        out.extend(services::hops(self, start));
        out
    }

    fn sts_hops(&mut self, start: &Start, role_id: &RoleId) -> Vec<(RoleId, Hop)> {
        let world = self.world;
        let (Some(role), Some(target)) =
            (world.roles.get(role_id), self.trusts.get(role_id).cloned())
        else {
            return Vec::new();
        };
        let (via, variants) = match start {
            Start::WebIdentity(p) | Start::Saml(p) => {
                // The provider must be registered in the role's account.
                let registered = world
                    .identity_providers
                    .iter()
                    .any(|ip| ip.arn() == p && ip.account() == &role.account);
                if !registered {
                    return Vec::new();
                }
                let via = if matches!(start, Start::Saml(_)) {
                    "sts:AssumeRoleWithSAML"
                } else {
                    "sts:AssumeRoleWithWebIdentity"
                };
                let mut caller = CallerSide::bare(federated_principal(role, p, &world.partition));
                (via, check(&mut caller, via, &target, &[]))
            }
            _ => (
                "sts:AssumeRole",
                self.check(start, "sts:AssumeRole", &target, &[]),
            ),
        };
        let max = if matches!(start, Start::Role(_)) {
            u32::try_from(CHAINED_MAX_DURATION_SECONDS)
                .unwrap_or(u32::MAX)
                .min(role.max_session_duration)
        } else {
            role.max_session_duration
        };
        let from = self.start_arn(start);
        variants
            .into_iter()
            .map(|conditions| {
                let hop = Hop {
                    from: from.clone(),
                    to: role.arn.clone(),
                    via: via.to_string(),
                    conditions,
                    max_session_seconds: max,
                };
                (role_id.clone(), hop)
            })
            .collect()
    }

    /// Every minimal path (no role twice) of at most `max_hops` hops from `start` to a role
    /// `want` accepts, by role; at most [`MAX_PATHS_PER_TARGET`] each. The search steps into
    /// a role only when `viable(role, hops left after it)`: a caller that knows no wanted
    /// role lies beyond saves the search (and the hops out of that role) without changing
    /// the paths found.
    pub fn paths(
        &mut self,
        start: &Start,
        max_hops: usize,
        want: &dyn Fn(&RoleId) -> bool,
        viable: &dyn Fn(&RoleId, usize) -> bool,
    ) -> BTreeMap<RoleId, Vec<Vec<Hop>>> {
        let mut out = BTreeMap::new();
        let mut visited: Vec<RoleId> = match start {
            Start::Role(id) => vec![id.clone()],
            _ => Vec::new(),
        };
        let mut budget = EXPANSION_BUDGET;
        let mut path = Vec::new();
        let mut search = Search {
            visited: &mut visited,
            path: &mut path,
            out: &mut out,
            budget: &mut budget,
            want,
            viable,
        };
        self.dfs(start, max_hops, &mut search);
        for paths in out.values_mut() {
            crate::sim::sorting::sort_by(paths, |a, b| {
                a.len().cmp(&b.len()).then_with(|| a.cmp(b))
            });
        }
        out
    }

    fn dfs(&mut self, node: &Start, left: usize, s: &mut Search<'_>) {
        if left == 0 {
            return;
        }
        let hops = self.hops_from(node);
        let after = left.saturating_sub(1);
        for (rid, hop) in hops.iter() {
            if s.visited.contains(rid) || *s.budget == 0 || !(s.viable)(rid, after) {
                continue;
            }
            *s.budget = s.budget.saturating_sub(1); // checked non-zero above
            s.path.push(hop.clone());
            if (s.want)(rid) {
                let found = s.out.entry(rid.clone()).or_default();
                if found.len() < MAX_PATHS_PER_TARGET {
                    found.push(s.path.clone());
                }
            }
            s.visited.push(rid.clone());
            self.dfs(&Start::Role(rid.clone()), after, s);
            s.visited.pop();
            s.path.pop();
        }
    }

    /// The roles reachable from `start`, sorted by ARN.
    pub fn reach(&mut self, start: &Start, max_hops: usize) -> Vec<Reached> {
        let found = self.paths(start, max_hops, &|_| true, &|_, _| true);
        let mut out: Vec<Reached> = found
            .into_iter()
            .filter_map(|(id, paths)| {
                let role = self.world.roles.get(&id)?;
                Some(Reached {
                    role: role.arn.clone(),
                    paths,
                })
            })
            .collect();
        crate::sim::sorting::sort_by(&mut out, |a, b| a.role.cmp(&b.role));
        out
    }
}

struct Search<'a> {
    visited: &'a mut Vec<RoleId>,
    path: &'a mut Vec<Hop>,
    out: &'a mut BTreeMap<RoleId, Vec<Vec<Hop>>>,
    budget: &'a mut usize,
    want: &'a dyn Fn(&RoleId) -> bool,
    viable: &'a dyn Fn(&RoleId, usize) -> bool,
}

/// A web identity or SAML session of `role`, as `sts::federation::trust_gate` builds it.
pub(super) fn federated_principal(role: &Role, provider: &str, partition: &str) -> PrincipalInfo {
    PrincipalInfo {
        arn: format!(
            "arn:{partition}:sts::{}:assumed-role/{}/reach",
            role.account, role.role_name
        ),
        account: role.account.to_string(),
        session: Some(SessionInfo {
            role_arn: Some(role.arn.clone()),
            federated_provider: Some(provider.to_string()),
            ..Default::default()
        }),
        ..PrincipalInfo::default()
    }
}
