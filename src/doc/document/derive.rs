//! Deriving the scene from the document: nodes with labels and badges, and edges read from
//! the world (group membership, trust policies, roles of compute, resource policies).

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::resolve::Target;
use super::Document;
use crate::doc::geometry::layout::{frame_size, NODE_H, NODE_W};
use crate::doc::geometry::node_box::node_box;
use crate::doc::geometry::route::{route, route_from_title_bar, FrameTitle, Route, RouteStyle};
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::place::grow_frames;
use crate::doc::scene::{
    Badge, ClusterKey, EdgeId, EdgeKind, EdgeView, NodeId, NodeKind, NodeView, Scene,
};
use crate::doc::trust::{grants, Grant, PrincipalRef};
use crate::sim::ids::EntityId;
use crate::sim::world::{AccessKeyStatus, IdentityProvider, ResourceKind as WorldResourceKind};

/// The default `MaxSessionDuration`, one hour.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html>
const DEFAULT_MAX_SESSION: u32 = 3600;

impl Document {
    /// Everything the canvas shows, derived fresh from the document.
    pub fn scene(&self) -> Scene {
        let mut scene = self.scene_unlabelled();
        scene.place_labels();
        scene
    }

    /// The scene's nodes and edges without placing chips and edge badges: what the auto
    /// layout needs (sizes and connections), and placing labels around nodes that are all
    /// still at the origin would be the slowest placement there is, for nothing.
    pub(crate) fn scene_unlabelled(&self) -> Scene {
        let principals = self.principal_index();
        let collapsed = self.collapsed_members();
        let members: BTreeMap<NodeId, NodeId> =
            crate::sim::sorting::map_of(collapsed.iter().flat_map(|(k, ids)| {
                let node = k.node_id();
                ids.iter().map(move |id| (id.clone(), node.clone()))
            }));
        let (hidden, mut nodes): (Vec<NodeView>, Vec<NodeView>) = self
            .node_ids()
            .into_iter()
            .filter_map(|id| self.node_view(&id, &principals))
            .partition(|n| members.contains_key(&n.id));
        nodes.extend(
            collapsed
                .iter()
                .map(|(k, ids)| self.cluster_view(k, ids.len())),
        );
        let mut nodes: Vec<Rc<NodeView>> = nodes.into_iter().map(Rc::new).collect();
        grow_frames(&mut nodes);
        let edges = self.edges_among(&nodes, &principals, &members);
        Scene {
            nodes,
            edges: edges.into_iter().map(Rc::new).collect(),
            labels: Vec::new(),
            members,
            hidden,
        }
    }

    /// The one node a collapsed cluster is drawn as: its kind's title over the count.
    fn cluster_view(&self, key: &ClusterKey, count: usize) -> NodeView {
        let kind = NodeKind::Cluster(key.kind);
        let id = key.node_id();
        let words = key.kind.count(count);
        let account = key.account.as_str();
        let fitted = node_box(kind.noun(), &words);
        let mut rect = self.rect_of(&id, kind);
        (rect.w, rect.h) = (fitted.size.x, fitted.size.y);
        NodeView {
            label: format!("Cluster {words} in account {account}, collapsed"),
            detail: format!("{words} in account {account}, drawn as one node"),
            name_lines: fitted.lines,
            rect,
            account: Some(NodeId::of(&EntityId::Account(key.account.clone()))),
            badges: vec![],
            id,
            kind,
        }
    }

    /// Every node's label with its id (for ordering by name).
    pub(crate) fn scene_labels(&self) -> Vec<(String, NodeId)> {
        let principals = self.principal_index();
        self.node_ids()
            .into_iter()
            .filter_map(|id| {
                let (name, _, _) = self.describe(&id, &principals)?;
                Some((name.to_lowercase(), id))
            })
            .collect()
    }

    /// The rectangle of a node: stored, or a default for a node the layout has not seen.
    /// Ordinary nodes are sized here for the default one-line name; the scene sizes them
    /// for their real name ([`node_box`]).
    pub fn rect_of(&self, id: &NodeId, kind: NodeKind) -> Rect {
        if kind.is_frame() {
            let size = frame_size(0, 0);
            return self
                .layout
                .frames
                .get(id)
                .copied()
                .unwrap_or(Rect::new(0.0, 0.0, size.x, size.y));
        }
        let p = self.position_of(id).unwrap_or(Point::new(0.0, 0.0));
        Rect::new(p.x, p.y, NODE_W, NODE_H)
    }

    fn node_view(&self, id: &NodeId, principals: &Principals) -> Option<NodeView> {
        let kind = self.kind_of(id)?;
        let (name, detail, mut badges) = self.describe(id, principals)?;
        if self.drafts.iter().any(|d| &d.node == id) {
            badges.push(Badge::warning("draft policy not applied"));
        }
        let mut rect = self.rect_of(id, kind);
        let mut name_lines = Vec::new();
        if !kind.is_frame() {
            let fitted = node_box(kind.noun(), &name);
            (rect.w, rect.h) = (fitted.size.x, fitted.size.y);
            name_lines = fitted.lines;
        }
        Some(NodeView {
            id: id.clone(),
            kind,
            label: format!("{} {}", kind.noun(), name),
            detail,
            name_lines,
            rect,
            account: self.container_of(id, kind),
            badges,
        })
    }

    /// The frame a node sits in: its account, or for an account its organization.
    fn container_of(&self, id: &NodeId, kind: NodeKind) -> Option<NodeId> {
        if kind == NodeKind::Account {
            let org = self.world.organization.as_ref()?;
            let member = org.accounts.keys().any(|a| a.as_str() == id.0);
            return member.then(|| NodeId::of(&EntityId::Organization(org.id.clone())));
        }
        self.account_of(id)
            .map(|a| NodeId::of(&EntityId::Account(a)))
    }

    /// Name, detail line and badges of a node.
    fn describe(
        &self,
        id: &NodeId,
        principals: &Principals,
    ) -> Option<(String, String, Vec<Badge>)> {
        let w = &self.world;
        Some(match self.target(id)? {
            Target::Organization(_) => {
                let o = w.organization.as_ref()?;
                (
                    o.id.as_str().to_string(),
                    format!("management account {}", o.management_account.as_str()),
                    vec![],
                )
            }
            Target::Account(a) => {
                let acct = w.accounts.get(&a)?;
                let detail = acct
                    .alias
                    .as_ref()
                    .map(|al| format!("alias {al}"))
                    .unwrap_or_default();
                (a.as_str().to_string(), detail, vec![])
            }
            Target::User(u) => {
                let user = w.users.get(&u)?;
                (user.user_name.clone(), user.arn.clone(), user_badges(user))
            }
            Target::Group(g) => {
                let group = w.groups.get(&g)?;
                (group.group_name.clone(), group.arn.clone(), vec![])
            }
            Target::Role(r) => {
                let role = w.roles.get(&r)?;
                let mut badges = vec![Badge::info("no credentials until assumed")];
                if role.max_session_duration != DEFAULT_MAX_SESSION {
                    badges.push(Badge::info(format!(
                        "max session {}h",
                        role.max_session_duration / 3600
                    )));
                }
                badges.extend(self.trust_badges(principals.trust_of(r.as_str()), principals));
                (role.role_name.clone(), role.arn.clone(), badges)
            }
            Target::Ec2(i) => {
                let inst = w.ec2_instances.get(&i)?;
                let badge = if inst.instance_profile.is_none() {
                    vec![Badge::info("no instance profile")]
                } else {
                    vec![]
                };
                (inst.name.clone(), i.as_str().to_string(), badge)
            }
            Target::Lambda(arn) => {
                let f = w.lambda_functions.iter().find(|f| f.arn == arn)?;
                (f.function_name.clone(), f.arn.clone(), vec![])
            }
            Target::Ecs(id) => {
                let t = w.ecs_task(&id)?;
                (t.family.clone(), format!("task in {}", t.region), vec![])
            }
            Target::Idp(arn) => match w.identity_providers.iter().find(|p| p.arn() == arn)? {
                IdentityProvider::Oidc(p) => (
                    p.url.trim_start_matches("https://").to_string(),
                    p.arn.clone(),
                    vec![],
                ),
                IdentityProvider::Saml(p) => (p.name.clone(), p.arn.clone(), vec![]),
            },
            Target::Resource(arn) => {
                let r = w.resource(&arn)?;
                (r.name.clone(), r.arn.clone(), vec![])
            }
            Target::Actor(id) => {
                let a = self.actor_by_id(&id)?;
                (a.name.clone(), "outside AWS".to_string(), vec![])
            }
        })
    }

    /// Badges for trust that draws no edge: services, everyone, principals not on the canvas.
    fn trust_badges(&self, trust: &[Grant], principals: &Principals) -> Vec<Badge> {
        let mut out = Vec::new();
        for g in trust {
            let badge = match &g.principal {
                PrincipalRef::Service(s) => Badge::info(format!("trusted by {s}")),
                PrincipalRef::Everyone => Badge::warning("trusts everyone (*)"),
                PrincipalRef::Aws(arn) | PrincipalRef::Federated(arn)
                    if !principals.contains_key(arn.as_str())
                        && self.node_for_principal_arn(arn).is_none() =>
                {
                    outside_principal_badge(arn)
                }
                _ => continue,
            };
            if !out.contains(&badge) {
                out.push(badge);
            }
        }
        out
    }

    /// The edges among `nodes`; an end inside a collapsed cluster (`members`) is moved to
    /// the cluster's node, so its edges meet there, one per other end and kind.
    fn edges_among(
        &self,
        nodes: &[Rc<NodeView>],
        principals: &Principals,
        members: &BTreeMap<NodeId, NodeId>,
    ) -> Vec<EdgeView> {
        let mut raw: Vec<(NodeId, NodeId, EdgeKind, Vec<Badge>)> = Vec::new();
        let w = &self.world;
        for u in w.users.values() {
            for g in &u.groups {
                raw.push((
                    NodeId::of(&EntityId::User(u.user_id.clone())),
                    NodeId::of(&EntityId::Group(g.clone())),
                    EdgeKind::MemberOf,
                    vec![],
                ));
            }
        }
        let lookup = |arn: &str| {
            principals
                .get(arn)
                .cloned()
                .or_else(|| self.node_for_principal_arn(arn))
        };
        for r in w.roles.values() {
            let to = NodeId::of(&EntityId::Role(r.role_id.clone()));
            for g in principals.trust_of(r.role_id.as_str()) {
                let from = match &g.principal {
                    PrincipalRef::Aws(arn) | PrincipalRef::Federated(arn) => lookup(arn),
                    _ => None,
                };
                if let Some(from) = from {
                    raw.push((
                        from,
                        to.clone(),
                        EdgeKind::Trusts,
                        g.conditions.iter().map(Badge::info).collect(),
                    ));
                }
            }
        }
        self.compute_edges(&mut raw, principals);
        self.resource_edges(&mut raw);
        for a in &self.actors {
            for v in &a.via {
                let from = NodeId::of_actor(&a.id);
                raw.push((from, v.clone(), EdgeKind::ActsThrough, vec![]));
            }
        }
        if !members.is_empty() {
            let shown = |id: NodeId| members.get(&id).cloned().unwrap_or(id);
            raw = raw
                .into_iter()
                .map(|(f, t, k, b)| (shown(f), shown(t), k, b))
                // An edge inside one cluster (a role trusting a role beside it) is not drawn.
                .filter(|(f, t, _, _)| f != t)
                .collect();
        }
        merge_and_route(raw, nodes)
    }

    /// ARNs (and bare account ids) of everything a Principal element can name, to its node:
    /// one pass instead of a search per trust statement.
    fn principal_index(&self) -> Principals {
        let w = &self.world;
        let trust = w
            .roles
            .values()
            .map(|r| (r.role_id.as_str().to_string(), grants(&r.trust_policy)))
            .collect();
        let of = |e: EntityId| NodeId::of(&e);
        let mut m = HashMap::new();
        for a in w.accounts.keys() {
            let node = of(EntityId::Account(a.clone()));
            m.insert(a.as_str().to_string(), node.clone());
            m.insert(format!("arn:aws:iam::{}:root", a.as_str()), node);
        }
        m.extend(
            w.users
                .values()
                .map(|u| (u.arn.clone(), of(EntityId::User(u.user_id.clone())))),
        );
        m.extend(
            w.roles
                .values()
                .map(|r| (r.arn.clone(), of(EntityId::Role(r.role_id.clone())))),
        );
        m.extend(w.identity_providers.iter().map(|p| {
            let arn = p.arn().to_string();
            (arn.clone(), of(EntityId::IdentityProvider(arn)))
        }));
        Principals { by_arn: m, trust }
    }

    /// service -> role edges, with a warning when the role does not trust the service.
    fn compute_edges(
        &self,
        raw: &mut Vec<(NodeId, NodeId, EdgeKind, Vec<Badge>)>,
        principals: &Principals,
    ) {
        let w = &self.world;
        let mut runs: Vec<(NodeId, crate::sim::ids::RoleId, &str)> = Vec::new();
        for id in w.ec2_instances.keys() {
            if let Some(role) = w.role_of_instance(id) {
                runs.push((
                    NodeId::of(&EntityId::Ec2Instance(id.clone())),
                    role.role_id.clone(),
                    "ec2.amazonaws.com",
                ));
            }
        }
        for f in &w.lambda_functions {
            if let Some(r) = &f.execution_role {
                runs.push((
                    NodeId::of(&EntityId::LambdaFunction(f.arn.clone())),
                    r.clone(),
                    "lambda.amazonaws.com",
                ));
            }
        }
        for t in &w.ecs_tasks {
            if let Some(r) = &t.task_role {
                runs.push((
                    NodeId::of(&EntityId::EcsTask(t.task_id.clone())),
                    r.clone(),
                    "ecs-tasks.amazonaws.com",
                ));
            }
        }
        for (from, role, service) in runs {
            let Some(r) = w.roles.get(&role) else {
                continue;
            };
            let trusted = principals
                .trust_of(r.role_id.as_str())
                .iter()
                .any(|g| g.principal == PrincipalRef::Service(service.to_string()));
            let badges = if trusted {
                vec![]
            } else {
                vec![Badge::warning(format!("role does not trust {service}"))]
            };
            raw.push((
                from,
                NodeId::of(&EntityId::Role(role)),
                EdgeKind::RunsAs,
                badges,
            ));
        }
    }

    /// user/role -> resource edges from resource policies. The account's own root in a key
    /// policy is the default "let IAM decide" statement, not a connection worth drawing.
    fn resource_edges(&self, raw: &mut Vec<(NodeId, NodeId, EdgeKind, Vec<Badge>)>) {
        for r in self
            .world
            .resources
            .iter()
            .filter(|r| r.kind != WorldResourceKind::S3Object)
        {
            let Some(policy) = &r.policy else { continue };
            let to = NodeId::of(&EntityId::Resource(r.arn.clone()));
            for g in grants(policy) {
                let PrincipalRef::Aws(arn) = &g.principal else {
                    continue;
                };
                let Some(from) = self.node_for_principal_arn(arn) else {
                    continue;
                };
                if from == NodeId::of(&EntityId::Account(r.account.clone())) {
                    continue;
                }
                raw.push((
                    from,
                    to.clone(),
                    EdgeKind::ResourceAccess,
                    g.conditions.iter().map(Badge::info).collect(),
                ));
            }
        }
    }
}

fn user_badges(user: &crate::sim::world::User) -> Vec<Badge> {
    let mut b = Vec::new();
    let active = user
        .access_keys
        .iter()
        .filter(|k| k.status == AccessKeyStatus::Active)
        .count();
    if active > 0 {
        b.push(Badge::info(if active == 1 {
            "has access keys".to_string()
        } else {
            format!("has {active} access keys")
        }));
    }
    if user.console_password {
        b.push(Badge::info("console password"));
    }
    if user.mfa_device.is_some() {
        b.push(Badge::info("MFA"));
    }
    if active == 0 && !user.console_password {
        b.push(Badge::info("no credentials"));
    }
    b
}

/// A trust principal that is not on the canvas: another account, or a deleted user or role.
/// AWS keeps the text of a deleted principal's ARN until the policy is saved again.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles>
fn outside_principal_badge(arn: &str) -> Badge {
    let account = arn
        .strip_prefix("arn:aws:iam::")
        .and_then(|r| r.split(':').next())
        .unwrap_or(arn);
    if arn.ends_with(":root") || arn.len() == 12 {
        Badge::info(format!("trusts account {account} (not on canvas)"))
    } else {
        Badge::warning(format!("trusts a principal that does not exist: {arn}"))
    }
}

/// Principal ARNs (and bare account ids) to their nodes.
/// What a scene derivation looks up repeatedly, built once per scene: principal ARNs (and
/// bare account ids) to nodes, and each role's parsed trust policy.
struct Principals {
    by_arn: HashMap<String, NodeId>,
    trust: HashMap<String, Vec<Grant>>,
}

impl Principals {
    fn get(&self, arn: &str) -> Option<&NodeId> {
        self.by_arn.get(arn)
    }

    fn contains_key(&self, arn: &str) -> bool {
        self.by_arn.contains_key(arn)
    }

    /// The grants of a role's trust policy, by role id.
    fn trust_of(&self, role_id: &str) -> &[Grant] {
        self.trust
            .get(role_id)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// Merges duplicate edges (two statements naming the same principal) and routes them.
fn merge_and_route(
    raw: Vec<(NodeId, NodeId, EdgeKind, Vec<Badge>)>,
    nodes: &[Rc<NodeView>],
) -> Vec<EdgeView> {
    // Indexes keep a 300-node canvas well inside a frame while dragging.
    let by_id: HashMap<&NodeId, &NodeView> = nodes.iter().map(|n| (&n.id, &**n)).collect();
    let mut seen: HashMap<(NodeId, NodeId, EdgeKind), usize> = HashMap::new();
    let mut out: Vec<EdgeView> = Vec::new();
    for (from, to, kind, badges) in raw {
        if let Some(e) = seen
            .get(&(from.clone(), to.clone(), kind))
            .and_then(|i| out.get_mut(*i))
        {
            for b in badges {
                if !e.badges.contains(&b) {
                    e.badges.push(b);
                }
            }
            continue;
        }
        let (Some(f), Some(t)) = (by_id.get(&from), by_id.get(&to)) else {
            continue;
        };
        seen.insert((from.clone(), to.clone(), kind), out.len());
        out.push(EdgeView {
            id: EdgeId {
                from: from.clone(),
                to: to.clone(),
                kind,
            },
            kind,
            label: format!("{} {} {}", f.label, kind.verb(), t.label),
            badges,
            route: route_between(f, t, nodes),
            from,
            to,
        });
    }
    out
}

/// The route of an edge from `f` to `t`: from a frame's title bar straight down to a node
/// in it when nothing stands between, else straight between the two.
pub(super) fn route_between(f: &NodeView, t: &NodeView, nodes: &[Rc<NodeView>]) -> Route {
    if f.kind.is_frame()
        && f.rect.contains_rect(&t.rect)
        && !nodes.iter().any(|n| {
            // Nothing stands between the title bar and the node.
            !n.kind.is_frame()
                && n.id != t.id
                && n.rect.x < t.rect.center().x
                && n.rect.right() > t.rect.center().x
                && n.rect.bottom() <= t.rect.y
                && n.rect.y >= f.rect.y
        })
    {
        route_from_title_bar(&f.rect, FrameTitle::of(&f.label, &f.detail), &t.rect)
    } else {
        route(&f.rect, &t.rect, RouteStyle::Straight)
    }
}
