//! Commands: the only way to change a document. Each is validated and either applies whole
//! or returns a [`DocError`] and changes nothing.

use super::geometry::Point;
use super::scene::{ClusterKey, EdgeKind, NodeId, NodeKind};
use serde::{Deserialize, Serialize};

pub mod connect;

/// Which policy text of an entity a draft or an edit belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PolicySlot {
    /// A role's trust policy (`AssumeRolePolicyDocument`).
    Trust,
    /// An inline policy by name (`PutUserPolicy`, `PutGroupPolicy`, `PutRolePolicy`).
    Inline(String),
    /// A resource's resource-based policy (bucket policy, key policy, queue policy...).
    Resource,
    /// A customer managed policy's default version, keyed by the policy's node.
    Managed,
}

/// How [`Command::Align`] lines nodes up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alignment {
    Left,
    Center,
    Right,
    Top,
    Middle,
    Bottom,
    /// Equal horizontal gaps between the selected nodes.
    DistributeHorizontally,
    /// Equal vertical gaps between the selected nodes.
    DistributeVertically,
}

/// What an access-key command does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessKeyOp {
    /// `CreateAccessKey`: a new active key (at most two per user).
    Create,
    /// `UpdateAccessKey --status Inactive`.
    Deactivate(String),
    /// `UpdateAccessKey --status Active`.
    Activate(String),
    /// `DeleteAccessKey`.
    Delete(String),
    /// Create a new key, then deactivate the named old one: AWS's rotation recipe.
    Rotate(String),
}

/// Every change a person can make to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A new node of `kind` with its top-left at `at`. Kinds that live in an account go into
    /// the account frame under `at`, or the only account when there is exactly one.
    AddNode {
        kind: NodeKind,
        at: Point,
    },
    /// Renames the entity (user name, role name, account alias, actor name...).
    Rename {
        id: NodeId,
        name: String,
    },
    /// Sets the IAM path (`/engineering/`).
    SetPath {
        id: NodeId,
        path: String,
    },
    /// Moves nodes on the canvas (top-left positions); layout only, the world is untouched.
    /// Moving a frame moves what it contains.
    MoveNodes {
        moves: Vec<(NodeId, Point)>,
    },
    /// Moves an entity into another account: its ARN changes.
    MoveToAccount {
        id: NodeId,
        account: NodeId,
    },
    /// Deletes nodes and their edges. Policies that named them keep the text (AWS does too).
    Delete {
        ids: Vec<NodeId>,
    },
    /// Copies nodes, offset by one grid step so the copy is visible.
    Duplicate {
        ids: Vec<NodeId>,
    },
    /// Draws an edge: writes membership, trust policy JSON, instance profile or resource policy.
    Connect {
        from: NodeId,
        to: NodeId,
        kind: EdgeKind,
    },
    /// Removes what the edge stands for.
    Disconnect {
        from: NodeId,
        to: NodeId,
        kind: EdgeKind,
    },
    /// Policy text as typed: valid text goes to the world, invalid text is kept as a draft.
    SetPolicyText {
        id: NodeId,
        slot: PolicySlot,
        text: String,
    },
    /// Removes an inline policy.
    DeleteInlinePolicy {
        id: NodeId,
        name: String,
    },
    AttachManagedPolicy {
        id: NodeId,
        policy_arn: String,
    },
    DetachManagedPolicy {
        id: NodeId,
        policy_arn: String,
    },
    /// Sets or clears the permissions boundary (a managed policy ARN).
    SetPermissionsBoundary {
        id: NodeId,
        policy_arn: Option<String>,
    },
    /// A role's `MaxSessionDuration` in seconds (3600-43200).
    SetMaxSessionDuration {
        id: NodeId,
        seconds: u32,
    },
    SetTags {
        id: NodeId,
        tags: Vec<(String, String)>,
    },
    /// Access key operations; `now_epoch_secs` (simulated time) stamps a created key.
    AccessKey {
        id: NodeId,
        op: AccessKeyOp,
        now_epoch_secs: u64,
    },
    /// Enables or removes a virtual MFA device for a user.
    SetMfa {
        id: NodeId,
        enabled: bool,
    },
    /// Gives a user a console password, or removes it.
    SetPassword {
        id: NodeId,
        enabled: bool,
    },
    /// Creates an organization whose management account is `management`.
    AddOrganization {
        management: NodeId,
    },
    /// Puts an account in an organizational unit (created if new), or the root (`None`).
    SetOu {
        account: NodeId,
        ou: Option<String>,
    },
    Align {
        ids: Vec<NodeId>,
        how: Alignment,
    },
    /// Lays everything out again (accounts in columns).
    AutoLayout,
    SetTitle {
        title: String,
    },
    SetDescription {
        description: String,
    },
    /// Forgets the import report (the person read it and dismissed it).
    DismissImportReport,
    /// Collapses a cluster (the users, groups, roles or resources of one account) into one
    /// node, or expands it; the diagram is laid out again.
    SetClusterCollapsed {
        cluster: ClusterKey,
        collapsed: bool,
    },
}

impl Command {
    /// What the undo button says: "Undo Move", "Undo Connect".
    pub fn label(&self) -> &'static str {
        match self {
            Command::AddNode { .. } => "Add",
            Command::Rename { .. } => "Rename",
            Command::SetPath { .. } => "Set path",
            Command::MoveNodes { .. } => "Move",
            Command::MoveToAccount { .. } => "Move to account",
            Command::Delete { .. } => "Delete",
            Command::Duplicate { .. } => "Duplicate",
            Command::Connect { .. } => "Connect",
            Command::Disconnect { .. } => "Disconnect",
            Command::SetPolicyText { .. } => "Edit policy",
            Command::DeleteInlinePolicy { .. } => "Delete policy",
            Command::AttachManagedPolicy { .. } => "Attach policy",
            Command::DetachManagedPolicy { .. } => "Detach policy",
            Command::SetPermissionsBoundary { .. } => "Set permissions boundary",
            Command::SetMaxSessionDuration { .. } => "Set maximum session duration",
            Command::SetTags { .. } => "Set tags",
            Command::AccessKey { .. } => "Access key",
            Command::SetMfa { .. } => "MFA",
            Command::SetPassword { .. } => "Password",
            Command::AddOrganization { .. } => "Add organization",
            Command::SetOu { .. } => "Set OU",
            Command::Align { .. } => "Align",
            Command::AutoLayout => "Auto layout",
            Command::SetTitle { .. } => "Rename document",
            Command::SetDescription { .. } => "Edit description",
            Command::DismissImportReport => "Dismiss import report",
            Command::SetClusterCollapsed {
                collapsed: true, ..
            } => "Collapse",
            Command::SetClusterCollapsed {
                collapsed: false, ..
            } => "Expand",
        }
    }
}

/// Why a command was refused. The document is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocError {
    /// No node with this id.
    UnknownNode(NodeId),
    /// The world refused; the text is AWS's own error message.
    Aws { code: String, message: String },
    /// This edge cannot be drawn between these two kinds; the text says why.
    CannotConnect(String),
    /// There is no such edge to remove.
    NoSuchEdge,
    /// The command does not apply to this kind of node ("a group has no trust policy").
    NotApplicable(String),
    /// The kind must live in an account and there is no account to put it in.
    NeedsAccount(String),
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocError::UnknownNode(id) => write!(f, "nothing with id `{id}` is on the canvas"),
            DocError::Aws { code, message } => write!(f, "{code}: {message}"),
            DocError::CannotConnect(why)
            | DocError::NotApplicable(why)
            | DocError::NeedsAccount(why) => f.write_str(why),
            DocError::NoSuchEdge => f.write_str("there is no such connection to remove"),
        }
    }
}

impl std::error::Error for DocError {}
