//! The scenario document: the world, where things sit on the canvas, policy drafts, and the
//! outside actors. This is what is saved, shared and undone; view state lives elsewhere.

mod apply;
mod auto_layout;
mod clusters;
mod connect;
mod delete;
mod derive;
mod layout;
mod moved;
mod resolve;
mod seed;
mod shared;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::command::PolicySlot;
use super::geometry::{Point, Rect};
use super::scene::{ActorId, ActorKind, ClusterKey, NodeId};
use crate::sim::gaad::ImportReport;
use crate::sim::world::World;

pub use apply::Applied;
pub use clusters::ClusterSummary;
pub use resolve::Target;
pub use shared::Shared;

/// The `type` every saved document carries, so a stray JSON file is recognised as not ours.
pub const DOC_TYPE: &str = "iam-playground";
/// The current shape version; [`super::persist`] migrates older ones up to it.
pub const DOC_VERSION: u32 = 2;
/// The id generator seed of new documents: the same seed gives the same ids, so a tutorial
/// screenshot and the reader's canvas agree.
pub const DEFAULT_SEED: u64 = 20_111_122;

/// Where nodes sit. Ordinary nodes store their top-left corner (their size is fixed); frames
/// store their whole rectangle. Keyed by node id, never by ARN, so a rename keeps the place.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default)]
    pub nodes: BTreeMap<NodeId, Point>,
    #[serde(default)]
    pub frames: BTreeMap<NodeId, Rect>,
    /// Collapsed clusters (`111122223333/roles`), each with the top-left of the one node drawn
    /// instead of its members. Absent when none is, so older saves load and save unchanged.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub collapsed: BTreeMap<ClusterKey, Point>,
}

/// Policy text as typed that is not (yet) a valid policy. The last valid text stays in the
/// world and keeps driving the simulation; the draft is what the editor shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub node: NodeId,
    pub slot: PolicySlot,
    pub text: String,
}

/// Someone or something outside AWS: not an AWS entity, so not in the world. They reach in
/// through an account (a vendor's own account trusted with an ExternalId), an identity
/// provider (a CI system's OIDC tokens) or a user's credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideActor {
    pub id: ActorId,
    pub kind: ActorKind,
    pub name: String,
    #[serde(default)]
    pub via: Vec<NodeId>,
}

/// Policy text for the editor, and whether it is a draft (not applied to the world).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyText {
    pub text: String,
    pub is_draft: bool,
}

/// A scenario document. Copies share the world until one of them edits it (see [`Shared`]).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`DOC_TYPE`].
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Always [`DOC_VERSION`] once loaded.
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub world: Shared<World>,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub drafts: Vec<Draft>,
    #[serde(default)]
    pub actors: Vec<OutsideActor>,
    /// Counter for outside actor ids, so a deleted actor's id is never reused (a reused id
    /// would inherit the old one's position and edges from an undo snapshot).
    #[serde(default)]
    pub next_actor: u32,
    /// What the last account import (`aws iam get-account-authorization-details`) found,
    /// kept until the person dismisses it. Absent in older saves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_report: Option<ImportReport>,
}

// By hand, because the world is shared rather than copied (`Shared` is not `Clone`, so
// that `doc.world.clone()` still means a `World` of one's own).
impl Clone for Document {
    fn clone(&self) -> Self {
        Document {
            doc_type: self.doc_type.clone(),
            version: self.version,
            title: self.title.clone(),
            description: self.description.clone(),
            world: self.world.share(),
            layout: self.layout.clone(),
            drafts: self.drafts.clone(),
            actors: self.actors.clone(),
            next_actor: self.next_actor,
            import_report: self.import_report.clone(),
        }
    }
}

impl Document {
    /// Whether `other` differs from this document at most in where things sit (`layout`, but
    /// not which clusters are collapsed):
    /// what a drag changes. Panels that show names, policies and connections but no
    /// positions need not redraw while a node moves. The world is compared by pointer
    /// first, so an unchanged world costs nothing.
    pub fn same_apart_from_layout(&self, other: &Document) -> bool {
        // Destructured, so a field added later must be placed on one side or the other.
        let Document {
            doc_type,
            version,
            title,
            description,
            world,
            layout,
            drafts,
            actors,
            next_actor,
            import_report,
        } = self;
        // Which clusters are collapsed changes what the panels list (the members, an
        // account's Collapse and Expand buttons), so only places count as "layout" here.
        *world == other.world
            && layout.collapsed.keys().eq(other.layout.collapsed.keys())
            && *drafts == other.drafts
            && *actors == other.actors
            && *next_actor == other.next_actor
            && *title == other.title
            && *description == other.description
            && *doc_type == other.doc_type
            && *version == other.version
            && *import_report == other.import_report
    }

    /// A blank canvas.
    pub fn empty() -> Document {
        Document {
            doc_type: DOC_TYPE.to_string(),
            version: DOC_VERSION,
            title: "Untitled scenario".to_string(),
            description: String::new(),
            world: World::new(DEFAULT_SEED).into(),
            layout: Layout::default(),
            drafts: Vec::new(),
            actors: Vec::new(),
            next_actor: 1,
            import_report: None,
        }
    }

    /// The draft for a policy slot, if the person left invalid text there.
    pub fn draft(&self, node: &NodeId, slot: &PolicySlot) -> Option<&Draft> {
        self.drafts
            .iter()
            .find(|d| &d.node == node && &d.slot == slot)
    }

    /// The text the policy editor shows for a slot: the draft if there is one, else the
    /// world's text (`None` when the node has no such policy).
    pub fn policy_text(&self, node: &NodeId, slot: &PolicySlot) -> Option<PolicyText> {
        if let Some(d) = self.draft(node, slot) {
            return Some(PolicyText {
                text: d.text.clone(),
                is_draft: true,
            });
        }
        let w = &self.world;
        let text = match (self.target(node)?, slot) {
            (Target::Role(r), PolicySlot::Trust) => w.roles.get(&r)?.trust_policy.clone(),
            (Target::Resource(arn), PolicySlot::Resource) => {
                w.resource(&arn)?.policy.clone().unwrap_or_default()
            }
            (Target::User(u), PolicySlot::Inline(n)) => {
                w.users.get(&u)?.inline_policies.get(n)?.clone()
            }
            (Target::Group(g), PolicySlot::Inline(n)) => {
                w.groups.get(&g)?.inline_policies.get(n)?.clone()
            }
            (Target::Role(r), PolicySlot::Inline(n)) => {
                w.roles.get(&r)?.inline_policies.get(n)?.clone()
            }
            _ => return None,
        };
        Some(PolicyText {
            text,
            is_draft: false,
        })
    }

    /// The policy slots a node has, for the inspector's tabs: a role's trust policy, a
    /// resource's policy, and every inline policy by name (drafts of new ones included).
    pub fn policy_slots(&self, node: &NodeId) -> Vec<PolicySlot> {
        let w = &self.world;
        let mut slots = Vec::new();
        let inline: Vec<String> = match self.target(node) {
            Some(Target::Role(r)) => {
                slots.push(PolicySlot::Trust);
                w.roles
                    .get(&r)
                    .map(|x| x.inline_policies.keys().cloned().collect())
                    .unwrap_or_default()
            }
            Some(Target::Resource(_)) => {
                slots.push(PolicySlot::Resource);
                vec![]
            }
            Some(Target::User(u)) => w
                .users
                .get(&u)
                .map(|x| x.inline_policies.keys().cloned().collect())
                .unwrap_or_default(),
            Some(Target::Group(g)) => w
                .groups
                .get(&g)
                .map(|x| x.inline_policies.keys().cloned().collect())
                .unwrap_or_default(),
            _ => vec![],
        };
        slots.extend(inline.into_iter().map(PolicySlot::Inline));
        for d in self.drafts.iter().filter(|d| &d.node == node) {
            if !slots.contains(&d.slot) {
                slots.push(d.slot.clone());
            }
        }
        slots
    }

    /// The outside actor drawn as node `id`.
    pub fn actor(&self, id: &NodeId) -> Option<&OutsideActor> {
        self.actors.iter().find(|a| NodeId::of_actor(&a.id) == *id)
    }

    /// The outside actor with this id.
    pub fn actor_by_id(&self, id: &ActorId) -> Option<&OutsideActor> {
        self.actors.iter().find(|a| &a.id == id)
    }

    /// The outside actor with this id, to change.
    pub fn actor_mut(&mut self, id: &ActorId) -> Option<&mut OutsideActor> {
        self.actors.iter_mut().find(|a| &a.id == id)
    }
}
