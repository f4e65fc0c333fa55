//! The scenario document: the world, where things sit on the canvas, policy drafts, and the
//! outside actors. This is what is saved, shared and undone; view state lives elsewhere.

mod apply;
mod connect;
mod delete;
mod derive;
mod layout;
mod resolve;
mod seed;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::command::PolicySlot;
use super::geometry::{Point, Rect};
use super::scene::{ActorKind, NodeId};
use crate::sim::world::World;

pub use apply::Applied;
pub use resolve::Target;

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
    pub id: NodeId,
    pub kind: ActorKind,
    pub name: String,
    #[serde(default)]
    pub via: Vec<NodeId>,
}

/// A scenario document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub world: World,
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
}

impl Document {
    /// A blank canvas.
    pub fn empty() -> Document {
        Document {
            doc_type: DOC_TYPE.to_string(),
            version: DOC_VERSION,
            title: "Untitled scenario".to_string(),
            description: String::new(),
            world: World::new(DEFAULT_SEED),
            layout: Layout::default(),
            drafts: Vec::new(),
            actors: Vec::new(),
            next_actor: 1,
        }
    }

    /// The draft for a policy slot, if the person left invalid text there.
    pub fn draft(&self, node: &NodeId, slot: &PolicySlot) -> Option<&Draft> {
        self.drafts
            .iter()
            .find(|d| &d.node == node && &d.slot == slot)
    }

    /// The outside actor with this id.
    pub fn actor(&self, id: &NodeId) -> Option<&OutsideActor> {
        self.actors.iter().find(|a| &a.id == id)
    }
}
