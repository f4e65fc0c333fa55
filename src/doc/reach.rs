//! Who can reach what, on the canvas: a reach or who-can answer turned into the nodes and
//! edges that light up (conditional hops dashed), the paths listed beside the canvas with the
//! statements that allow each hop, and escalation warnings on the nodes that hold them.

mod nodes;
mod play;
#[cfg(test)]
mod tests;
mod words;

pub use play::{plan_play, Play};
pub use words::{condition_badge, default_action, hop_reason_words, session_words};

use super::document::Document;
use super::scene::{EdgeId, EdgeKind, NodeId, Scene};
use crate::sim::reach::{Analysis, Escalation, Hop, Learnt, WhoCan, DEFAULT_MAX_HOPS};
use nodes::{arn_nodes, label_of, starts_for};
pub use nodes::{can_be_reached, can_start};
use std::collections::BTreeMap;

/// The deepest search the page offers: paths grow as roles^hops.
pub const MAX_DEPTH: usize = 8;
/// At most this many paths are listed beside the canvas (each explained on both sides).
pub const MAX_LISTED: usize = 40;

/// What the person asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// "Reachable from here": every role the node's principal reaches.
    From {
        /// The selected node.
        node: NodeId,
        /// At most this many hops.
        max_hops: usize,
    },
    /// "Who can reach this": every principal that can perform `action` on the node.
    WhoCan {
        /// The selected role or resource.
        node: NodeId,
        /// `sts:AssumeRole` for a role, an action of the resource's service otherwise.
        action: String,
        /// At most this many hops.
        max_hops: usize,
    },
}

impl Query {
    /// The node the question is about.
    pub fn node(&self) -> &NodeId {
        match self {
            Query::From { node, .. } | Query::WhoCan { node, .. } => node,
        }
    }

    /// The depth asked for.
    pub fn max_hops(&self) -> usize {
        match self {
            Query::From { max_hops, .. } | Query::WhoCan { max_hops, .. } => *max_hops,
        }
    }
}

/// A "Reachable from here" query with the default depth.
pub fn from_here(node: NodeId) -> Query {
    Query::From {
        node,
        max_hops: DEFAULT_MAX_HOPS,
    }
}

/// What a node is in the highlight; its word joins the node's accessible description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeMark {
    /// Where the paths start.
    Origin,
    /// A role the origin reaches.
    Reachable,
    /// The role or resource asked about in "Who can reach this".
    Target,
    /// A principal that can reach the target.
    CanReach,
    /// A role a principal passes through on its way to the target.
    OnPath,
}

impl NodeMark {
    /// The word announced with the node.
    pub fn word(self) -> &'static str {
        match self {
            NodeMark::Origin => "paths start here",
            NodeMark::Reachable => "reachable",
            NodeMark::Target => "who can reach this",
            NodeMark::CanReach => "can reach it",
            NodeMark::OnPath => "on a path",
        }
    }
}

/// How a lit edge is drawn: dashed when every hop over it depends on the request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EdgeMark {
    /// Conditional: some request satisfies it, not every one.
    pub dashed: bool,
    /// Short names of its conditions ("MFA", "ExternalId", "SourceIp").
    pub badges: Vec<String>,
}

/// A hop drawn where the scene has no edge (a trust naming an account, a service route).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraHop {
    /// The caller's node.
    pub from: NodeId,
    /// The role's (or resource's) node.
    pub to: NodeId,
    /// How it is drawn.
    pub mark: EdgeMark,
}

/// One hop as the side list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HopView {
    /// The hop as the analysis found it.
    pub hop: Hop,
    /// The caller as the canvas names it ("User alice"), or its ARN.
    pub from: String,
    /// The role as the canvas names it.
    pub to: String,
    /// Each condition in words; empty for an unconditional hop.
    pub conditions: Vec<String>,
    /// The statements that allow it, caller's side first.
    pub reasons: Vec<String>,
}

/// One path as the side list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PathView {
    /// Who starts it.
    pub principal: String,
    /// Where it ends.
    pub target: String,
    /// The hops in order (none: a direct grant).
    pub hops: Vec<HopView>,
    /// Who-can only: the conditions of the permission the path ends at.
    pub grant: Option<GrantView>,
}

/// The permission a who-can path ends at, and what it depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantView {
    /// The action asked about.
    pub action: String,
    /// Each way it is allowed, as conditions in words; empty when it is allowed outright.
    pub ways: Vec<Vec<String>>,
}

impl GrantView {
    /// "Then s3:GetObject: no conditions" or "Then s3:GetObject only when …".
    pub fn words(&self) -> String {
        if self.ways.is_empty() {
            return format!("Then {}: no conditions", self.action);
        }
        let ways: Vec<String> = self.ways.iter().map(|w| w.join(" and ")).collect();
        format!("Then {} only when {}", self.action, ways.join("; or when "))
    }
}

/// An escalation finding on the node that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationView {
    /// The pathfinding.cloud id, when the catalogue names the path.
    pub id: Option<String>,
    /// Its page in the catalogue.
    pub url: Option<String>,
    /// What the holder can do, in our words.
    pub text: String,
}

impl EscalationView {
    /// The badge's accessible name: "Can escalate privileges: iam-002 …".
    pub fn name(&self) -> String {
        match &self.id {
            Some(id) => format!("Can escalate privileges: {id} {}", self.text),
            None => format!("Can escalate privileges: {}", self.text),
        }
    }
}

/// Everything the canvas and the side list show for one answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReachView {
    /// The heading of the side list.
    pub title: String,
    /// Lit nodes; every other node is dimmed.
    pub nodes: BTreeMap<NodeId, NodeMark>,
    /// Lit edges of the scene.
    pub edges: BTreeMap<EdgeId, EdgeMark>,
    /// Hops with no edge in the scene, drawn as straight lines.
    pub extra: Vec<ExtraHop>,
    /// The paths listed (at most [`MAX_LISTED`]).
    pub paths: Vec<PathView>,
    /// How many paths were found in all.
    pub total_paths: usize,
    /// Escalation findings by the node that holds them.
    pub escalations: BTreeMap<NodeId, Vec<EscalationView>>,
}

/// Escalation warnings by the node that holds them: what the canvas shows on every user and
/// role that can change its own or another identity's permissions, without anyone asking.
pub fn escalation_marks(doc: &Document, scene: &Scene) -> BTreeMap<NodeId, Vec<EscalationView>> {
    marks_of_escalations(doc, scene, &Analysis::new(&doc.world).escalations())
}

/// The warnings of escalations found already (by an [`EscalationScan`] the page runs a few
/// principals at a time), on the nodes of `scene` that hold them.
///
/// [`EscalationScan`]: crate::sim::reach::EscalationScan
pub fn marks_of_escalations(
    doc: &Document,
    scene: &Scene,
    found: &[Escalation],
) -> BTreeMap<NodeId, Vec<EscalationView>> {
    let mut marks: BTreeMap<NodeId, Vec<EscalationView>> = BTreeMap::new();
    for e in found {
        for n in arn_nodes(doc, scene, &e.principal, None) {
            let found = words::escalation(doc, scene, e);
            let list = marks.entry(n).or_default();
            if !list.contains(&found) {
                list.push(found);
            }
        }
    }
    marks
}

impl ReachView {
    /// The answer as `scene` draws it: what lights a member of a collapsed cluster lights the
    /// cluster's node (the first member's mark), and its edges the merged edges there.
    /// `None` when no cluster is collapsed (the answer stands as it is).
    pub fn shown_on(&self, scene: &Scene) -> Option<ReachView> {
        if scene.members.is_empty() {
            return None;
        }
        let mut v = self.clone();
        v.nodes = BTreeMap::new();
        for (id, m) in &self.nodes {
            v.nodes.entry(scene.shown(id).clone()).or_insert(*m);
        }
        v.edges = BTreeMap::new();
        for (e, m) in &self.edges {
            let (from, to) = (scene.shown(&e.from).clone(), scene.shown(&e.to).clone());
            if from != to {
                let id = EdgeId {
                    from,
                    to,
                    kind: e.kind,
                };
                v.edges.entry(id).or_insert_with(|| m.clone());
            }
        }
        // A hop with no edge of its own may now run along a cluster's merged edge.
        v.extra = Vec::new();
        for x in &self.extra {
            light(
                scene,
                scene.shown(&x.from),
                scene.shown(&x.to),
                &x.mark,
                &mut v,
            );
        }
        v.escalations = BTreeMap::new();
        for (id, list) in &self.escalations {
            let at = v.escalations.entry(scene.shown(id).clone()).or_default();
            at.extend(list.iter().cloned());
        }
        Some(v)
    }
}

/// Answers `query` on the document: policies parsed and compiled once for this answer.
pub fn answer(doc: &Document, scene: &Scene, query: &Query) -> Result<ReachView, String> {
    answer_with(doc, scene, query, None).0
}

/// [`answer`], starting from what an analysis of this document's world learnt before (the
/// escalation pass, an earlier question: see [`Analysis::resume`]), and handing back what
/// this one learnt for the next question. `learnt` must be of `doc`'s world as it is now;
/// the answer is the same as [`answer`]'s, only sooner.
pub fn answer_with(
    doc: &Document,
    scene: &Scene,
    query: &Query,
    learnt: Option<Learnt>,
) -> (Result<ReachView, String>, Learnt) {
    let mut analysis = match learnt {
        Some(l) => Analysis::resume(&doc.world, l),
        None => Analysis::new(&doc.world),
    };
    let answered = answer_in(doc, scene, query, &mut analysis);
    (answered, analysis.suspend())
}

fn answer_in(
    doc: &Document,
    scene: &Scene,
    query: &Query,
    analysis: &mut Analysis<'_>,
) -> Result<ReachView, String> {
    let node = query.node();
    let name = label_of(doc, scene, node);
    let max_hops = query.max_hops().clamp(1, MAX_DEPTH);
    let mut view = ReachView::default();
    match query {
        Query::From { .. } => {
            let starts = starts_for(doc, node);
            if starts.is_empty() {
                return Err(format!("{name} signs no requests: nothing starts from it"));
            }
            view.title = format!("Reachable from {name}");
            view.nodes.insert(node.clone(), NodeMark::Origin);
            lit_actor_edges(doc, scene, node, &mut view);
            let mut paths = Vec::new();
            for start in &starts {
                let reach = analysis.reach(start, max_hops);
                for r in &reach.reaches {
                    for n in arn_nodes(doc, scene, &r.role, None) {
                        view.nodes.entry(n).or_insert(NodeMark::Reachable);
                    }
                    paths.extend(r.paths.iter().cloned());
                }
                for e in &reach.escalations {
                    for n in arn_nodes(doc, scene, &e.principal, None) {
                        let found = words::escalation(doc, scene, e);
                        let list = view.escalations.entry(n).or_default();
                        if !list.contains(&found) {
                            list.push(found);
                        }
                    }
                }
            }
            crate::sim::sorting::sort_by(&mut paths, |a, b| {
                a.len().cmp(&b.len()).then_with(|| a.cmp(b))
            });
            paths.dedup();
            finish(doc, scene, analysis, Some(node), None, paths, &mut view);
        }
        Query::WhoCan { action, .. } => {
            let resource = nodes::resource_arn(doc, node, action)
                .ok_or_else(|| format!("{name} is not a role or a resource"))?;
            view.title = format!("Who can {action} on {name}");
            view.nodes.insert(node.clone(), NodeMark::Target);
            let who = analysis.who_can(action, &resource, max_hops);
            let mut paths = Vec::new();
            for p in &who.principals {
                for n in arn_nodes(doc, scene, &p.principal, None) {
                    view.nodes.entry(n.clone()).or_insert(NodeMark::CanReach);
                    for path in &p.paths {
                        let last = path.last().map_or(n.clone(), |h| {
                            nodes::role_node(doc, &h.to).unwrap_or_else(|| n.clone())
                        });
                        light(scene, &last, node, &EdgeMark::default(), &mut view);
                    }
                }
                paths.extend(
                    p.paths
                        .iter()
                        .map(|path| (p.principal.clone(), path.clone())),
                );
            }
            let direct: Vec<(String, Vec<Hop>)> = paths;
            let total = direct.len();
            let mut listed = Vec::new();
            for (principal, path) in direct.into_iter().take(MAX_LISTED) {
                let from = nodes::arn_label(doc, scene, &principal);
                let mut listed_path = path_view(doc, scene, analysis, from, name.clone(), &path);
                listed_path.grant = grant_view(&who, &principal, &path);
                listed.push(listed_path);
                light_path(doc, scene, None, &path, NodeMark::OnPath, &mut view);
            }
            view.paths = listed;
            view.total_paths = total;
        }
    }
    Ok(view)
}

/// Lights every path, lists the first [`MAX_LISTED`].
fn finish(
    doc: &Document,
    scene: &Scene,
    analysis: &mut Analysis<'_>,
    origin: Option<&NodeId>,
    target: Option<&str>,
    paths: Vec<Vec<Hop>>,
    view: &mut ReachView,
) {
    view.total_paths = paths.len();
    for path in &paths {
        light_path(doc, scene, origin, path, NodeMark::Reachable, view);
    }
    let principal = origin.map_or(String::new(), |o| label_of(doc, scene, o));
    view.paths = paths
        .iter()
        .take(MAX_LISTED)
        .map(|path| {
            let to = target.map(str::to_string).unwrap_or_else(|| {
                path.last()
                    .map(|h| nodes::arn_label(doc, scene, &h.to))
                    .unwrap_or_default()
            });
            path_view(doc, scene, analysis, principal.clone(), to, path)
        })
        .collect();
}

/// The side list's view of one path.
fn path_view(
    doc: &Document,
    scene: &Scene,
    analysis: &mut Analysis<'_>,
    principal: String,
    target: String,
    path: &[Hop],
) -> PathView {
    let hops = path
        .iter()
        .map(|h| HopView {
            hop: h.clone(),
            from: nodes::arn_label(doc, scene, &h.from),
            to: nodes::arn_label(doc, scene, &h.to),
            conditions: h.conditions.iter().map(words::condition_words).collect(),
            reasons: words::reasons(h, &analysis.explain(h)),
        })
        .collect();
    PathView {
        principal,
        target,
        hops,
        grant: None,
    }
}

/// The conditions of the permission held at the end of `path` (or by `principal` itself).
fn grant_view(who: &WhoCan, principal: &str, path: &[Hop]) -> Option<GrantView> {
    let holder = path.last().map_or(principal, |h| h.to.as_str());
    let ways = who.grants.get(holder)?;
    let ways = if ways.iter().any(Vec::is_empty) {
        Vec::new()
    } else {
        ways.iter()
            .map(|w| w.iter().map(words::condition_words).collect())
            .collect()
    };
    Some(GrantView {
        action: who.action.clone(),
        ways,
    })
}

/// Lights the nodes and edges of one path; hops from a service principal or an outside
/// actor's way in start at `origin`.
fn light_path(
    doc: &Document,
    scene: &Scene,
    origin: Option<&NodeId>,
    path: &[Hop],
    mark: NodeMark,
    view: &mut ReachView,
) {
    for hop in path {
        let Some(to) = nodes::role_node(doc, &hop.to) else {
            continue;
        };
        view.nodes.entry(to.clone()).or_insert(mark);
        let edge = EdgeMark {
            dashed: !hop.conditions.is_empty(),
            badges: words::badges(&hop.conditions),
        };
        for from in arn_nodes(doc, scene, &hop.from, origin) {
            light(scene, &from, &to, &edge, view);
        }
    }
}

/// Lights the scene's edge from `from` to `to`, or adds a straight line when there is none.
/// An edge any unconditional hop crosses is solid.
fn light(scene: &Scene, from: &NodeId, to: &NodeId, mark: &EdgeMark, view: &mut ReachView) {
    if from == to {
        return;
    }
    let found = scene.edges.iter().find(|e| {
        &e.from == from
            && &e.to == to
            && matches!(
                e.kind,
                EdgeKind::Trusts | EdgeKind::RunsAs | EdgeKind::ResourceAccess
            )
    });
    let slot = match found {
        Some(e) => view
            .edges
            .entry(e.id.clone())
            .or_insert_with(|| mark.clone()),
        None => {
            let at = view
                .extra
                .iter()
                .position(|x| &x.from == from && &x.to == to);
            match at.and_then(|i| view.extra.get_mut(i)) {
                Some(x) => &mut x.mark,
                None => {
                    view.extra.push(ExtraHop {
                        from: from.clone(),
                        to: to.clone(),
                        mark: mark.clone(),
                    });
                    return;
                }
            }
        }
    };
    slot.dashed = slot.dashed && mark.dashed;
    for b in &mark.badges {
        if !slot.badges.contains(b) {
            slot.badges.push(b.clone());
        }
    }
}

/// An outside actor reaches in through its accounts, providers and users: those edges light.
fn lit_actor_edges(doc: &Document, scene: &Scene, node: &NodeId, view: &mut ReachView) {
    let Some(actor) = doc.actor(node) else {
        return;
    };
    for via in &actor.via {
        if let Some(e) = scene
            .edges
            .iter()
            .find(|e| &e.from == node && &e.to == via && e.kind == EdgeKind::ActsThrough)
        {
            view.edges.insert(e.id.clone(), EdgeMark::default());
        }
        view.nodes.entry(via.clone()).or_insert(NodeMark::OnPath);
    }
}
