//! What the canvas shows, derived from the document and never stored: nodes, edges, badges.
//!
//! The UI renders a [`Scene`] as is; the tool state machine hit-tests the same scene, so what
//! is drawn and what is clicked can never disagree.

use super::geometry::layout::FRAME_HEADER;
use super::geometry::route::Route;
use super::geometry::{item_at, polyline_at, Point, Rect};
use crate::sim::ids::EntityId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

pub mod cluster;
pub mod in_view;
pub(crate) mod place;
pub mod timer;

pub use cluster::{ClusterKey, ClusterKind};
pub use in_view::{InView, DRAW_MARGIN, LARGE_SCENE};
pub use place::{badge_size, chip_room, chip_size, CHIP_H, KEY_NEVER_EXPIRES};

/// Screen pixels around an edge that still count as clicking it.
pub const EDGE_TOLERANCE: f64 = 6.0;
/// Size of the connection handle drawn on the right border of a selected or hovered node.
pub const HANDLE_SIZE: f64 = 14.0;

/// A stable key for a node: an entity id of the world (`AIDA...` for a user), an account id,
/// or a document-only id for outside actors. Positions and drafts are keyed by it. Built from
/// a typed id only, by [`NodeId::of`] or [`NodeId::of_actor`]; [`NodeId::new`] is for ids
/// read back from the page or written in tests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub String);

impl NodeId {
    /// A node id taken as-is from any string-like value.
    pub fn new(s: impl Into<String>) -> Self {
        NodeId(s.into())
    }

    /// The node that draws `entity`: the canvas's id scheme for what the simulator names.
    /// Saved layouts are keyed by these ids, so they never change: the entity's own stable id
    /// (`o-...`, account id, `AIDA...`, `AGPA...`, `AROA...`, `i-...`, an ECS task's 32 hex
    /// digits) or its ARN (Lambda functions, identity providers, resources).
    pub fn of(entity: &EntityId) -> NodeId {
        match entity {
            EntityId::Organization(o) => NodeId::new(o.as_str()),
            EntityId::Account(a) => NodeId::new(a.as_str()),
            EntityId::User(u) => NodeId::new(u.as_str()),
            EntityId::Group(g) => NodeId::new(g.as_str()),
            EntityId::Role(r) => NodeId::new(r.as_str()),
            EntityId::Ec2Instance(i) => NodeId::new(i.as_str()),
            EntityId::EcsTask(t) => NodeId::new(t.as_str()),
            EntityId::LambdaFunction(arn)
            | EntityId::IdentityProvider(arn)
            | EntityId::Resource(arn) => NodeId::new(arn.as_str()),
        }
    }

    /// The node that draws the outside actor `actor` (a document id, not an AWS one).
    pub fn of_actor(actor: &ActorId) -> NodeId {
        NodeId::new(actor.as_str())
    }
}

/// An outside actor's id, `actor-N`. Outside actors are not AWS entities, so the document
/// mints their ids (from its own counter, never reusing one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActorId(String);

impl ActorId {
    /// The `n`th actor id a document mints.
    pub fn nth(n: u32) -> ActorId {
        ActorId(format!("actor-{n}"))
    }

    /// An id taken as-is (one loaded from a file).
    pub fn new(value: impl Into<String>) -> ActorId {
        ActorId(value.into())
    }

    /// The id as saved.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ActorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for NodeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What runs code as a role: the compute services whose role an IAM user never sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    Ec2Instance,
    LambdaFunction,
    EcsTask,
}

impl ServiceKind {
    /// The service principal the role must trust for this service to use it.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services>
    pub fn service_principal(self) -> &'static str {
        match self {
            ServiceKind::Ec2Instance => "ec2.amazonaws.com",
            ServiceKind::LambdaFunction => "lambda.amazonaws.com",
            ServiceKind::EcsTask => "ecs-tasks.amazonaws.com",
        }
    }

    /// The words a person uses for it.
    pub fn noun(self) -> &'static str {
        match self {
            ServiceKind::Ec2Instance => "EC2 instance",
            ServiceKind::LambdaFunction => "Lambda function",
            ServiceKind::EcsTask => "ECS task",
        }
    }
}

/// The two kinds of IAM identity provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdpKind {
    Oidc,
    Saml,
}

/// Someone or something outside AWS that reaches in through an account or an IdP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    Person,
    CiSystem,
    ThirdPartyVendor,
}

impl ActorKind {
    /// The words a person uses for it.
    pub fn noun(self) -> &'static str {
        match self {
            ActorKind::Person => "Person",
            ActorKind::CiSystem => "CI system",
            ActorKind::ThirdPartyVendor => "Third-party vendor",
        }
    }
}

/// Resources that carry a resource-based policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResourceKind {
    S3Bucket,
    KmsKey,
    SqsQueue,
    Secret,
    SnsTopic,
}

impl ResourceKind {
    /// The words a person uses for it.
    pub fn noun(self) -> &'static str {
        match self {
            ResourceKind::S3Bucket => "S3 bucket",
            ResourceKind::KmsKey => "KMS key",
            ResourceKind::SqsQueue => "SQS queue",
            ResourceKind::Secret => "Secret",
            ResourceKind::SnsTopic => "SNS topic",
        }
    }
}

/// Every kind of thing on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "variant")]
pub enum NodeKind {
    Organization,
    Account,
    User,
    Group,
    Role,
    Service(ServiceKind),
    IdentityProvider(IdpKind),
    OutsideActor(ActorKind),
    Resource(ResourceKind),
    /// A collapsed cluster: the users, groups, roles or resources of one account, drawn as
    /// one node until expanded (see [`cluster`]).
    Cluster(ClusterKind),
}

impl NodeKind {
    /// Frames contain other nodes and are drawn beneath them.
    pub fn is_frame(self) -> bool {
        matches!(self, NodeKind::Organization | NodeKind::Account)
    }

    /// Kinds that only exist inside an account (an IAM user has an account in its ARN), so
    /// dropping one outside every account frame snaps it back.
    pub fn lives_in_account(self) -> bool {
        !matches!(
            self,
            NodeKind::Organization | NodeKind::Account | NodeKind::OutsideActor(_)
        )
    }

    /// The word before the name in a node's label: "User", "Role", "EC2 instance".
    pub fn noun(self) -> &'static str {
        match self {
            NodeKind::Organization => "Organization",
            NodeKind::Account => "Account",
            NodeKind::User => "User",
            NodeKind::Group => "Group",
            NodeKind::Role => "Role",
            NodeKind::Service(s) => s.noun(),
            NodeKind::IdentityProvider(IdpKind::Oidc) => "OIDC provider",
            NodeKind::IdentityProvider(IdpKind::Saml) => "SAML provider",
            NodeKind::OutsideActor(a) => a.noun(),
            NodeKind::Resource(r) => r.noun(),
            NodeKind::Cluster(c) => c.title(),
        }
    }
}

/// The noun with its article, in running text: "a user", "an EC2 instance", "an S3 bucket".
/// Acronyms keep their capitals; ordinary nouns are lowercased.
pub fn with_article(noun: &str) -> String {
    let second_is_lower = noun.chars().nth(1).is_some_and(char::is_lowercase);
    let word = if second_is_lower {
        let mut c = noun.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        noun.to_string()
    };
    // By sound, not by letter.
    let vowel = ["a", "e", "i", "o", "A", "E", "I", "O", "S3", "SQS", "SNS"]
        .iter()
        .any(|p| word.starts_with(p));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// [`with_article`] at the start of a sentence: "A user", "An EC2 instance".
pub fn with_article_capitalized(noun: &str) -> String {
    let s = with_article(noun);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A small note drawn on a node or edge ("has access keys", "MFA").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Badge {
    pub text: String,
    pub tone: Tone,
}

/// How a badge or notice should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

impl Badge {
    /// An informational badge.
    pub fn info(text: impl Into<String>) -> Self {
        Badge {
            text: text.into(),
            tone: Tone::Info,
        }
    }

    /// A warning badge (something that will not work as the drawing suggests).
    pub fn warning(text: impl Into<String>) -> Self {
        Badge {
            text: text.into(),
            tone: Tone::Warning,
        }
    }
}

/// One node as the UI draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub id: NodeId,
    pub kind: NodeKind,
    /// The accessible name and the visible title: "User alice", "Account 111122223333".
    pub label: String,
    /// A second line: the ARN, or the account alias.
    pub detail: String,
    /// The name as drawn, one entry per line: whole, wrapped where the node cannot grow.
    #[serde(default)]
    pub name_lines: Vec<String>,
    pub rect: Rect,
    /// The frame the node sits in: its account frame, or for an account frame the
    /// organization frame around it. Moving a frame moves what it contains.
    pub account: Option<NodeId>,
    pub badges: Vec<Badge>,
}

/// The relation an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EdgeKind {
    /// user -> group.
    MemberOf,
    /// principal -> role: the role's trust policy allows the principal to assume it.
    Trusts,
    /// service -> role: an instance profile, a Lambda execution role, an ECS task role.
    RunsAs,
    /// user/role -> resource: the resource policy names the principal.
    ResourceAccess,
    /// outside actor -> account, IdP or user: how someone outside AWS gets in.
    ActsThrough,
}

impl EdgeKind {
    /// What the edge says, for its accessible name: "alice is a member of Developers".
    pub fn verb(self) -> &'static str {
        match self {
            EdgeKind::MemberOf => "is a member of",
            EdgeKind::Trusts => "may assume",
            EdgeKind::RunsAs => "runs as",
            EdgeKind::ResourceAccess => "is granted access to",
            EdgeKind::ActsThrough => "acts through",
        }
    }
}

/// A stable id for an edge: its kind and ends (at most one edge of a kind per pair).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EdgeId {
    pub from: NodeId,
    pub to: NodeId,
    pub kind: EdgeKind,
}

/// One edge as the UI draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeView {
    pub id: EdgeId,
    pub kind: EdgeKind,
    pub from: NodeId,
    pub to: NodeId,
    /// Accessible name: "User alice may assume Role Deploy".
    pub label: String,
    /// Condition badges drawn at the route midpoint: "ExternalId", "MFA", "Org".
    pub badges: Vec<Badge>,
    pub route: Route,
}

/// What lies under a point on the canvas, most specific first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hit {
    /// The connection handle of a node: dragging from it draws an edge.
    Handle(NodeId),
    Node(NodeId),
    Edge(EdgeId),
    /// The title bar of a frame: selects and drags the frame.
    FrameHeader(NodeId),
    /// Empty canvas (or the empty body of a frame): starts a marquee.
    Canvas,
}

/// What a placed label belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabelOwner {
    /// A chip under (or beside) a node: "has access keys", "trusted by ec2.amazonaws.com".
    Node(NodeId),
    /// A condition badge on an edge: "ExternalId", "MFA".
    Edge(EdgeId),
}

/// A chip or edge badge with the place it was given, clear of every node, edge and other
/// label (see [`Scene::place_labels`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelView {
    pub owner: LabelOwner,
    pub badge: Badge,
    pub rect: Rect,
}

/// Everything the canvas shows, in paint order (frames first).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Scene {
    pub nodes: Vec<Rc<NodeView>>,
    /// Shared, so a scene brought up to date by a move copies only the edges it re-routes,
    /// and the canvas knows an edge it drew before by its pointer.
    pub edges: Vec<Rc<EdgeView>>,
    /// Node chips and edge badges where they are drawn.
    #[serde(default)]
    pub labels: Vec<LabelView>,
    /// The nodes of collapsed clusters, not drawn: each to the cluster node drawn instead.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members: BTreeMap<NodeId, NodeId>,
    /// The views of those members, for finding them by name (search expands their cluster).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<NodeView>,
}

/// The connection handle square on the right border of a node's rectangle.
pub fn handle_rect(node: &Rect) -> Rect {
    let c = Point::new(node.right(), node.center().y);
    Rect::new(
        c.x - HANDLE_SIZE / 2.0,
        c.y - HANDLE_SIZE / 2.0,
        HANDLE_SIZE,
        HANDLE_SIZE,
    )
}

impl Scene {
    /// The node with this id.
    pub fn node(&self, id: &NodeId) -> Option<&NodeView> {
        self.nodes.iter().find(|n| &n.id == id).map(|n| &**n)
    }

    /// The view of `id` whether drawn or folded into a collapsed cluster: how it is named
    /// (a reach answer's paths list members of collapsed clusters by their own names).
    pub fn view_of(&self, id: &NodeId) -> Option<&NodeView> {
        self.node(id).or_else(|| {
            self.members
                .contains_key(id)
                .then(|| self.hidden.iter().find(|n| &n.id == id))
                .flatten()
        })
    }

    /// The node that shows `id`: its collapsed cluster's node when it is inside one, else
    /// itself. What the simulation names (a flow's step, a refusal, a live session, a reach
    /// answer) is marked on what is drawn instead of vanishing.
    pub fn shown<'a>(&'a self, id: &'a NodeId) -> &'a NodeId {
        self.members.get(id).unwrap_or(id)
    }

    /// [`Scene::shown`] of each, each once, in order.
    pub fn shown_all(&self, ids: &[NodeId]) -> Vec<NodeId> {
        let mut out: Vec<NodeId> = Vec::with_capacity(ids.len());
        for id in ids {
            let s = self.shown(id);
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
        out
    }

    /// Counts by node (live sessions by role) gathered onto what is drawn: a collapsed
    /// cluster's node counts all its members'.
    pub fn shown_counts(&self, by_node: &BTreeMap<NodeId, usize>) -> BTreeMap<NodeId, usize> {
        let mut out: BTreeMap<NodeId, usize> = BTreeMap::new();
        for (id, n) in by_node {
            let e = out.entry(self.shown(id).clone()).or_insert(0);
            *e = e.saturating_add(*n);
        }
        out
    }

    /// Lists by node (a role's session timers) gathered onto what is drawn, at most `keep`
    /// per drawn node, members in id order.
    pub fn shown_lists<T>(
        &self,
        by_node: BTreeMap<NodeId, Vec<T>>,
        keep: usize,
    ) -> BTreeMap<NodeId, Vec<T>> {
        let mut out: BTreeMap<NodeId, Vec<T>> = BTreeMap::new();
        for (id, v) in by_node {
            let list = out.entry(self.shown(&id).clone()).or_default();
            let room = keep.saturating_sub(list.len());
            list.extend(v.into_iter().take(room));
        }
        out
    }

    /// The edge with this id.
    pub fn edge(&self, id: &EdgeId) -> Option<&EdgeView> {
        self.edges.iter().find(|e| &e.id == id).map(|e| &**e)
    }

    /// Frames (accounts, organizations) with their rectangles.
    pub fn frames(&self) -> Vec<(NodeId, Rect)> {
        self.nodes
            .iter()
            .filter(|n| n.kind.is_frame())
            .map(|n| (n.id.clone(), n.rect))
            .collect()
    }

    /// Account frames only: where a user, group or role can be dropped.
    pub fn account_frames(&self) -> Vec<(NodeId, Rect)> {
        self.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Account)
            .map(|n| (n.id.clone(), n.rect))
            .collect()
    }

    /// Ordinary (non-frame) nodes with their rectangles, in paint order.
    pub fn plain_nodes(&self) -> Vec<(NodeId, Rect)> {
        self.nodes
            .iter()
            .filter(|n| !n.kind.is_frame())
            .map(|n| (n.id.clone(), n.rect))
            .collect()
    }

    /// What is under world point `p`; `zoom` turns the screen tolerance into world pixels.
    /// Handles are tested only on `handles_on` (the selected or hovered nodes, where drawn).
    pub fn hit(&self, p: Point, zoom: f64, handles_on: &[NodeId]) -> Hit {
        let tolerance = EDGE_TOLERANCE / zoom.max(0.01);
        let handles: Vec<(NodeId, Rect)> = self
            .nodes
            .iter()
            .filter(|n| handles_on.contains(&n.id))
            .map(|n| {
                (
                    n.id.clone(),
                    handle_rect(&n.rect).inflate(2.0 / zoom.max(0.01)),
                )
            })
            .collect();
        if let Some(id) = item_at(p, &handles) {
            return Hit::Handle(id);
        }
        if let Some(id) = item_at(p, &self.plain_nodes()) {
            return Hit::Node(id);
        }
        let lines: Vec<(EdgeId, Vec<Point>)> = self
            .edges
            .iter()
            .map(|e| (e.id.clone(), e.route.points.clone()))
            .collect();
        if let Some(id) = polyline_at(p, &lines, tolerance) {
            return Hit::Edge(id);
        }
        let headers: Vec<(NodeId, Rect)> = self
            .nodes
            .iter()
            .filter(|n| n.kind.is_frame())
            .map(|n| {
                (
                    n.id.clone(),
                    Rect::new(n.rect.x, n.rect.y, n.rect.w, FRAME_HEADER.min(n.rect.h)),
                )
            })
            .collect();
        match item_at(p, &headers) {
            Some(id) => Hit::FrameHeader(id),
            None => Hit::Canvas,
        }
    }

    /// Nodes in reading order, the order Tab walks through them: top-level nodes top to
    /// bottom then left to right, each account frame followed by what it contains.
    pub fn reading_order(&self) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.walk(None, &mut out);
        out
    }

    /// Appends the children of `parent` (top level for `None`) in position order, each
    /// followed by its own children. Depth is bounded by the nesting of frames (organization,
    /// account, node), and `out` guards against a cycle in malformed data.
    fn walk(&self, parent: Option<&NodeId>, out: &mut Vec<NodeId>) {
        let mut level: Vec<&NodeView> = self
            .nodes
            .iter()
            .map(|n| &**n)
            .filter(|n| n.account.as_ref() == parent)
            .collect();
        crate::sim::sorting::sort_by(&mut level, |a, b| {
            let row = |n: &NodeView| (n.rect.y / 24.0).round();
            row(a)
                .total_cmp(&row(b))
                .then(a.rect.x.total_cmp(&b.rect.x))
                .then(a.id.cmp(&b.id))
        });
        for n in level {
            if out.contains(&n.id) {
                continue;
            }
            out.push(n.id.clone());
            self.walk(Some(&n.id), out);
        }
    }
}
