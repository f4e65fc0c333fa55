//! Who can reach what: every role a principal reaches through trust chains and service
//! roles, every principal that can perform an action, and in-place privilege escalations.
//!
//! Each hop is decided by the evaluator (`sim::eval`) on both sides, as STS decides
//! `AssumeRole` (see `sim::sts::authz` and `sim::sts::role_gates`): the caller's identity
//! policies within its boundary and its account's SCPs, and the role's trust policy with the
//! RCPs of the role's account. Conditions are treated as unknown: a hop is kept when some
//! request could satisfy it, and lists the conditions that request must meet.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html>

mod conditions;
mod escalate;
mod explain;
mod graph;
mod hops;
mod index;
mod prepare;
mod services;
mod start;
mod who_can;
pub mod wire;

pub use conditions::{HopCondition, Side};
pub use explain::HopReason;
pub use graph::Learnt;
pub use start::{parse_start, Start};
pub use wire::answer_json;

use crate::sim::world::World;
use serde::Serialize;

/// The default depth of a search (`max_hops`).
pub const DEFAULT_MAX_HOPS: usize = 5;

/// At most this many paths are listed per role or principal: a world where every role trusts
/// its account has more simple paths than anyone could read (they grow as roles^hops).
pub const MAX_PATHS_PER_TARGET: usize = 64;

/// One step of a path: `from` gets credentials of the role `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Hop {
    /// The caller's ARN (a user, a role, an outside ARN, a provider or a service principal).
    pub from: String,
    /// The role whose credentials the hop gives.
    pub to: String,
    /// `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, or a
    /// service route such as `iam:PassRole+ec2:RunInstances`.
    pub via: String,
    /// What the request must satisfy (empty: unconditional).
    pub conditions: Vec<HopCondition>,
    /// How long the credentials the hop gives can last.
    pub max_session_seconds: u32,
}

/// The roles reachable from one principal, each with every minimal path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    /// The starting principal's ARN (or service principal name).
    pub from: String,
    /// Sorted by role ARN.
    pub reaches: Vec<Reached>,
    /// Privilege escalations held by the principal or by any role it reaches.
    pub escalations: Vec<Escalation>,
}

/// A role and the paths to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reached {
    /// The role's ARN.
    pub role: String,
    /// Every minimal path (no role twice), shortest first.
    pub paths: Vec<Vec<Hop>>,
}

/// A way to gain permissions without assuming a role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Escalation {
    /// The pathfinding.cloud id (`iam-002`, ...) when the catalogue names the path.
    pub id: Option<String>,
    /// Who holds the permissions.
    pub principal: String,
    /// The identity or policy whose permissions the principal can take over.
    pub gains: String,
    /// The actions used, in order.
    pub via: Vec<String>,
}

/// The principals that can perform an action on a resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhoCan {
    /// The action asked about.
    pub action: String,
    /// The resource asked about.
    pub resource: String,
    /// Sorted by ARN.
    pub principals: Vec<Principal>,
    /// The conditions on the permission itself, by the ARN of whoever holds it (a principal
    /// with a direct grant, or the role a path ends at): each entry one way it is allowed,
    /// an empty entry unconditionally. The page lists them under each path; the `iam-eval`
    /// answer keeps the wire format and leaves them out.
    #[serde(skip)]
    pub grants: who_can::Grants,
}

/// One principal and its paths to the permission (`[]`: it has it directly).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Principal {
    /// Its ARN (or service principal name).
    pub principal: String,
    /// Every minimal path, shortest first.
    pub paths: Vec<Vec<Hop>>,
}

/// The analysis of one world: policies parsed once, hops computed once.
pub struct Analysis<'w> {
    graph: graph::Graph<'w>,
}

impl<'w> Analysis<'w> {
    /// Prepares `world` (parses every policy once).
    pub fn new(world: &'w World) -> Self {
        Analysis {
            graph: graph::Graph::new(world),
        }
    }

    /// The analysis of `world` again, with what an analysis of the same world learnt before
    /// (see [`Analysis::suspend`], [`EscalationScan::finish_learnt`]): policies it parsed and
    /// hops it worked out are not worked out again. Only for the world they were learnt of.
    pub fn resume(world: &'w World, learnt: Learnt) -> Self {
        Analysis {
            graph: graph::Graph::resume(world, learnt),
        }
    }

    /// Lets go of the world, keeping what was learnt of it for [`Analysis::resume`].
    pub fn suspend(self) -> Learnt {
        self.graph.suspend()
    }

    /// Every role reachable from `from` in at most `max_hops` hops, and the escalations held
    /// along the way.
    pub fn reach(&mut self, from: &Start, max_hops: usize) -> Reach {
        let reaches = self.graph.reach(from, max_hops);
        let mut holders = vec![from.clone()];
        holders.extend(
            reaches
                .iter()
                .filter_map(|r| self.graph.role_start(&r.role)),
        );
        let mut escalations: Vec<Escalation> = holders
            .iter()
            .flat_map(|h| escalate::find(&mut self.graph, h))
            .collect();
        crate::sim::sorting::sort(&mut escalations);
        escalations.dedup();
        Reach {
            from: self.graph.start_arn(from),
            reaches,
            escalations,
        }
    }

    /// Every escalation held by a user or a role of the world, sorted (the warnings the
    /// canvas shows on the nodes that hold them, without anyone asking).
    pub fn escalations(&mut self) -> Vec<Escalation> {
        let mut out: Vec<Escalation> = holders(self.graph.world)
            .iter()
            .flat_map(|h| escalate::find(&mut self.graph, h))
            .collect();
        crate::sim::sorting::sort(&mut out);
        out.dedup();
        out
    }

    /// Every principal that can perform `action` on `resource`, directly or at the end of a
    /// path of at most `max_hops` hops.
    pub fn who_can(&mut self, action: &str, resource: &str, max_hops: usize) -> WhoCan {
        let (principals, grants) = who_can::find(&mut self.graph, action, resource, max_hops);
        WhoCan {
            action: action.to_string(),
            resource: resource.to_string(),
            principals,
            grants,
        }
    }
}

/// Whoever can hold an escalation: every user, then every role.
fn holders(world: &World) -> Vec<Start> {
    world
        .users
        .keys()
        .map(|id| Start::User(id.clone()))
        .chain(world.roles.keys().map(|id| Start::Role(id.clone())))
        .collect()
}

/// [`Analysis::escalations`] a few principals at a time, for a page that must stay
/// responsive while a large account is checked: each [`step`](Self::step) examines the next
/// principals, keeping what the graph learnt (parsed policies, hops) for the steps after.
/// Finished, it gives exactly what `escalations` gives. Every step must be given the world
/// the scan was made from (the caller keeps it unchanged, or starts a new scan).
pub struct EscalationScan {
    learnt: Option<graph::Learnt>,
    holders: Vec<Start>,
    next: usize,
    found: Vec<Escalation>,
}

impl EscalationScan {
    /// A scan of `world`, nobody examined yet (the trust policies are parsed now).
    pub fn new(world: &World) -> Self {
        EscalationScan::after(world, None)
    }

    /// [`EscalationScan::new`], reading policies through what an analysis of an earlier
    /// version of the world learnt (the page's previous pass, before an edit): policy texts
    /// that did not change are not parsed again. Finds exactly what `new` finds.
    pub fn after(world: &World, earlier: Option<Learnt>) -> Self {
        EscalationScan {
            learnt: Some(graph::Graph::with_policies(world, earlier).suspend()),
            holders: holders(world),
            next: 0,
            found: Vec::new(),
        }
    }

    /// Examines up to `principals` more principals of `world`; true once all are done.
    pub fn step(&mut self, world: &World, principals: usize) -> bool {
        if let Some(learnt) = self.learnt.take() {
            let mut g = graph::Graph::resume(world, learnt);
            let end = self.next.saturating_add(principals).min(self.holders.len());
            for h in self.holders.get(self.next..end).unwrap_or_default() {
                self.found.extend(escalate::find(&mut g, h));
            }
            self.next = end;
            self.learnt = Some(g.suspend());
        }
        self.done()
    }

    /// Whether every principal has been examined.
    pub fn done(&self) -> bool {
        self.next >= self.holders.len()
    }

    /// Principals examined, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.holders.len())
    }

    /// The escalations found, sorted (all of them once [`done`](Self::done)).
    pub fn finish(self) -> Vec<Escalation> {
        self.finish_learnt().0
    }

    /// [`finish`](Self::finish), and what the scan learnt of the world (every policy parsed,
    /// every principal's side worked out): the page answers the next "who can" or "reachable
    /// from" question on the same world from it ([`Analysis::resume`]).
    pub fn finish_learnt(mut self) -> (Vec<Escalation>, Option<Learnt>) {
        crate::sim::sorting::sort(&mut self.found);
        self.found.dedup();
        (self.found, self.learnt)
    }
}
