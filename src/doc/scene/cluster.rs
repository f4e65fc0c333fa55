//! Clusters: the nodes of one kind inside one account frame, which a large account draws
//! as one node ("42 roles") until the person expands it.

use super::{NodeId, NodeKind};
use crate::sim::ids::AccountId;
use serde::{Deserialize, Serialize};

/// The smallest cluster the account inspector and the `C` key offer to collapse: fewer nodes
/// than this read as easily one by one as one node.
pub const COLLAPSIBLE_FROM: usize = 8;
/// An imported account (`get-account-authorization-details`) opens with every cluster of
/// more nodes than this collapsed, so a thousand roles read as an overview.
pub const IMPORT_COLLAPSES_OVER: usize = 12;
/// The prefix of a cluster node's id: no AWS id or ARN starts with it.
const ID_PREFIX: &str = "cluster:";

/// What a cluster groups: one column of the auto layout inside an account frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ClusterKind {
    Users,
    Groups,
    Roles,
    Resources,
    /// EC2 instances, Lambda functions and ECS tasks (an import gives one instance per
    /// instance profile).
    Compute,
}

impl ClusterKind {
    /// Every kind, in the auto layout's column order.
    pub const ALL: [ClusterKind; 5] = [
        ClusterKind::Groups,
        ClusterKind::Users,
        ClusterKind::Compute,
        ClusterKind::Roles,
        ClusterKind::Resources,
    ];

    /// The cluster a node of `kind` belongs to (identity providers, outside actors and frames
    /// belong to none: there are few of them).
    pub fn of(kind: NodeKind) -> Option<ClusterKind> {
        match kind {
            NodeKind::User => Some(ClusterKind::Users),
            NodeKind::Group => Some(ClusterKind::Groups),
            NodeKind::Role => Some(ClusterKind::Roles),
            NodeKind::Resource(_) => Some(ClusterKind::Resources),
            NodeKind::Service(_) => Some(ClusterKind::Compute),
            _ => None,
        }
    }

    /// The kind its members are drawn as (colour and icon): resources as S3 buckets, compute
    /// as EC2 instances.
    pub fn member_kind(self) -> NodeKind {
        match self {
            ClusterKind::Users => NodeKind::User,
            ClusterKind::Groups => NodeKind::Group,
            ClusterKind::Roles => NodeKind::Role,
            ClusterKind::Resources => NodeKind::Resource(super::ResourceKind::S3Bucket),
            ClusterKind::Compute => NodeKind::Service(super::ServiceKind::Ec2Instance),
        }
    }

    /// The title on the cluster node: "Roles".
    pub fn title(self) -> &'static str {
        match self {
            ClusterKind::Users => "Users",
            ClusterKind::Groups => "Groups",
            ClusterKind::Roles => "Roles",
            ClusterKind::Resources => "Resources",
            ClusterKind::Compute => "Compute",
        }
    }

    /// How many, in words: "1 role", "42 roles".
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            ClusterKind::Users => ("user", "users"),
            ClusterKind::Groups => ("group", "groups"),
            ClusterKind::Roles => ("role", "roles"),
            ClusterKind::Resources => ("resource", "resources"),
            ClusterKind::Compute => ("service", "services"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    fn slug(self) -> &'static str {
        match self {
            ClusterKind::Users => "users",
            ClusterKind::Groups => "groups",
            ClusterKind::Roles => "roles",
            ClusterKind::Resources => "resources",
            ClusterKind::Compute => "compute",
        }
    }

    fn from_slug(s: &str) -> Option<ClusterKind> {
        ClusterKind::ALL.into_iter().find(|k| k.slug() == s)
    }
}

/// A cluster: an account and a kind. Saved as `111122223333/roles`, which survives a reload
/// (account ids never change; a cluster is whatever of its kind is in the account then).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct ClusterKey {
    pub account: AccountId,
    pub kind: ClusterKind,
}

impl ClusterKey {
    /// The cluster of `kind` in `account`.
    pub fn new(account: AccountId, kind: ClusterKind) -> ClusterKey {
        ClusterKey { account, kind }
    }

    /// The id of the node that draws the collapsed cluster: `cluster:111122223333/roles`.
    pub fn node_id(&self) -> NodeId {
        NodeId::new(format!("{ID_PREFIX}{}", String::from(self.clone())))
    }

    /// The cluster a cluster node's id names.
    pub fn from_node_id(id: &NodeId) -> Option<ClusterKey> {
        ClusterKey::try_from(id.0.strip_prefix(ID_PREFIX)?.to_string()).ok()
    }
}

impl From<ClusterKey> for String {
    fn from(k: ClusterKey) -> String {
        format!("{}/{}", k.account.as_str(), k.kind.slug())
    }
}

impl TryFrom<String> for ClusterKey {
    type Error = String;

    fn try_from(s: String) -> Result<ClusterKey, String> {
        let (account, kind) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not a cluster (account/kind)"))?;
        let kind = ClusterKind::from_slug(kind)
            .ok_or_else(|| format!("`{kind}` is not a kind of cluster"))?;
        Ok(ClusterKey::new(AccountId::new(account), kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cluster_key_reads_back_from_its_text_and_its_node_id() {
        let k = ClusterKey::new(AccountId::new("111122223333"), ClusterKind::Roles);
        assert_eq!(String::from(k.clone()), "111122223333/roles");
        assert_eq!(ClusterKey::from_node_id(&k.node_id()), Some(k.clone()));
        assert_eq!(ClusterKey::from_node_id(&NodeId::new("AROAEXAMPLE")), None);
        assert!(ClusterKey::try_from("111122223333/robots".to_string()).is_err());
    }

    #[test]
    fn counts_read_singular_for_one() {
        assert_eq!(ClusterKind::Roles.count(1), "1 role");
        assert_eq!(ClusterKind::Roles.count(42), "42 roles");
        assert_eq!(ClusterKind::Users.count(0), "0 users");
    }
}
