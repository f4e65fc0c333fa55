//! Between canvas nodes and the principals and ARNs the analysis speaks of.

use crate::doc::document::{Document, Target};
use crate::doc::scene::{IdpKind, NodeId, NodeKind, Scene};
use crate::sim::ids::{AccountId, EntityId};
use crate::sim::reach::Start;
use crate::sim::world::IdentityProvider;

/// How the canvas names a node ("User alice"), or its id.
pub fn label_of(doc: &Document, scene: &Scene, node: &NodeId) -> String {
    let _ = doc;
    scene
        .view_of(node)
        .map_or_else(|| node.0.clone(), |n| n.label.clone())
}

/// How the canvas names the principal or role `arn`, or the ARN itself.
pub fn arn_label(doc: &Document, scene: &Scene, arn: &str) -> String {
    arn_nodes(doc, scene, arn, None)
        .first()
        .and_then(|n| scene.view_of(n))
        .map_or_else(|| arn.to_string(), |n| n.label.clone())
}

/// The node of the role `arn`.
pub fn role_node(doc: &Document, arn: &str) -> Option<NodeId> {
    doc.world
        .role_by_arn(arn)
        .map(|r| NodeId::of(&EntityId::Role(r.role_id.clone())))
}

/// The nodes standing for `arn` (a user, role, provider, account root) or a service
/// principal (every node of that service; `origin` when the origin is one of them or is an
/// outside actor reaching in).
pub fn arn_nodes(doc: &Document, scene: &Scene, arn: &str, origin: Option<&NodeId>) -> Vec<NodeId> {
    let w = &doc.world;
    if let Some(u) = w.user_by_arn(arn) {
        return vec![NodeId::of(&EntityId::User(u.user_id.clone()))];
    }
    if let Some(r) = w.role_by_arn(arn) {
        return vec![NodeId::of(&EntityId::Role(r.role_id.clone()))];
    }
    if w.identity_providers.iter().any(|p| p.arn() == arn) {
        return vec![NodeId::of(&EntityId::IdentityProvider(arn.to_string()))];
    }
    if arn.ends_with(".amazonaws.com") {
        let services: Vec<NodeId> = scene
            .nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Service(k) if k.service_principal() == arn))
            .map(|n| n.id.clone())
            .collect();
        return match origin {
            Some(o) if services.contains(o) => vec![o.clone()],
            _ => services,
        };
    }
    // `arn:aws:iam::ACCOUNT:root` and other principals of an account drawn on the canvas:
    // an outside actor acting through that account, else the account's frame.
    let account = arn.split(':').nth(4).unwrap_or_default();
    if let Some(o) = origin.filter(|o| doc.actor(o).is_some()) {
        return vec![o.clone()];
    }
    let frame = NodeId::of(&EntityId::Account(AccountId::new(account)));
    scene
        .node(&frame)
        .is_some()
        .then_some(frame)
        .into_iter()
        .collect()
}

/// Where "Reachable from here" starts for a node: a user, a role's session, a provider's
/// token holder, a service's compute, or an outside actor's ways in.
pub fn starts_for(doc: &Document, node: &NodeId) -> Vec<Start> {
    let w = &doc.world;
    match doc.target(node) {
        Some(Target::User(u)) => vec![Start::User(u)],
        Some(Target::Role(r)) => vec![Start::Role(r)],
        Some(Target::Idp(arn)) => match w.identity_providers.iter().find(|p| p.arn() == arn) {
            Some(IdentityProvider::Saml(_)) => vec![Start::Saml(arn)],
            Some(IdentityProvider::Oidc(_)) => vec![Start::WebIdentity(arn)],
            None => Vec::new(),
        },
        Some(Target::Ec2(_) | Target::Lambda(_) | Target::Ecs(_)) => match doc.kind_of(node) {
            Some(NodeKind::Service(k)) => vec![Start::Service(k.service_principal().to_string())],
            _ => Vec::new(),
        },
        Some(Target::Actor(id)) => doc
            .actor_by_id(&id)
            .map(|a| a.via.iter().flat_map(|v| via_start(doc, v)).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// How an outside actor gets in through `via`: as a user, a provider's token holder, or a
/// principal of an account (its root ARN names the whole account in a trust policy).
fn via_start(doc: &Document, via: &NodeId) -> Vec<Start> {
    match doc.target(via) {
        Some(Target::Account(a)) => vec![Start::Outside {
            arn: format!("arn:{}:iam::{}:root", doc.world.partition, a.as_str()),
            account: a.as_str().to_string(),
        }],
        Some(Target::User(_) | Target::Idp(_)) => starts_for(doc, via),
        _ => Vec::new(),
    }
}

/// The ARN "Who can reach this" asks about: the role itself, a bucket's objects for S3
/// object actions, the resource otherwise.
pub fn resource_arn(doc: &Document, node: &NodeId, action: &str) -> Option<String> {
    match doc.target(node)? {
        Target::Role(r) => doc.world.roles.get(&r).map(|r| r.arn.clone()),
        Target::Resource(arn) => Some(if super::words::is_object_action(action) {
            format!("{arn}/*")
        } else {
            arn
        }),
        _ => None,
    }
}

/// Whether a node kind can start a reach.
pub fn can_start(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::User
            | NodeKind::Role
            | NodeKind::Service(_)
            | NodeKind::IdentityProvider(IdpKind::Oidc | IdpKind::Saml)
            | NodeKind::OutsideActor(_)
    )
}

/// Whether "Who can reach this" applies to a node kind.
pub fn can_be_reached(kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Role | NodeKind::Resource(_))
}
