//! Collapsing and expanding clusters: the users, groups, roles or resources of one account
//! drawn as one node. Which clusters are collapsed is part of the layout; a toggle lays the
//! diagram out again, so the cluster takes one node's place and frames shrink or grow.

use super::{Applied, Document};
use crate::doc::command::DocError;
use crate::doc::geometry::Point;
use crate::doc::scene::{ClusterKey, ClusterKind, NodeId};
use crate::sim::ids::{AccountId, EntityId};
use crate::sim::world::ResourceKind as WorldResourceKind;
use std::collections::BTreeMap;

/// A cluster of an account, for the account's inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterSummary {
    pub key: ClusterKey,
    /// How many nodes it holds.
    pub count: usize,
    pub collapsed: bool,
}

impl ClusterSummary {
    /// The button that toggles it: "Collapse 42 roles", "Expand 42 roles".
    pub fn action(&self) -> String {
        let verb = if self.collapsed { "Expand" } else { "Collapse" };
        format!("{verb} {}", self.key.kind.count(self.count))
    }
}

impl Document {
    /// Every non-empty cluster with its members, read from the world in one pass (no lookup
    /// per node: an imported account holds a thousand roles).
    pub(crate) fn clusters(&self) -> BTreeMap<ClusterKey, Vec<NodeId>> {
        let w = &self.world;
        let mut out: BTreeMap<ClusterKey, Vec<NodeId>> = BTreeMap::new();
        let mut add = |account: &AccountId, kind: ClusterKind, id: NodeId| {
            out.entry(ClusterKey::new(account.clone(), kind))
                .or_default()
                .push(id);
        };
        for (k, u) in &w.users {
            add(
                &u.account,
                ClusterKind::Users,
                NodeId::of(&EntityId::User(k.clone())),
            );
        }
        for (k, g) in &w.groups {
            add(
                &g.account,
                ClusterKind::Groups,
                NodeId::of(&EntityId::Group(k.clone())),
            );
        }
        for (k, r) in &w.roles {
            add(
                &r.account,
                ClusterKind::Roles,
                NodeId::of(&EntityId::Role(k.clone())),
            );
        }
        for (k, i) in &w.ec2_instances {
            let id = NodeId::of(&EntityId::Ec2Instance(k.clone()));
            add(&i.account, ClusterKind::Compute, id);
        }
        for f in &w.lambda_functions {
            let id = NodeId::of(&EntityId::LambdaFunction(f.arn.clone()));
            add(&f.account, ClusterKind::Compute, id);
        }
        for t in &w.ecs_tasks {
            let id = NodeId::of(&EntityId::EcsTask(t.task_id.clone()));
            add(&t.account, ClusterKind::Compute, id);
        }
        for r in w
            .resources
            .iter()
            .filter(|r| r.kind != WorldResourceKind::S3Object)
        {
            let id = NodeId::of(&EntityId::Resource(r.arn.clone()));
            add(&r.account, ClusterKind::Resources, id);
        }
        out
    }

    /// The members of collapsed clusters, each to its cluster: what the scene leaves out.
    pub(crate) fn collapsed_members(&self) -> BTreeMap<ClusterKey, Vec<NodeId>> {
        if self.layout.collapsed.is_empty() {
            return BTreeMap::new();
        }
        let mut all = self.clusters();
        all.retain(|k, _| self.layout.collapsed.contains_key(k));
        all
    }

    /// The clusters of `account`, in the auto layout's column order.
    pub fn clusters_in(&self, account: &AccountId) -> Vec<ClusterSummary> {
        let mut all = self.clusters();
        ClusterKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let key = ClusterKey::new(account.clone(), kind);
                let count = all.remove(&key)?.len();
                let collapsed = self.layout.collapsed.contains_key(&key);
                Some(ClusterSummary {
                    key,
                    count,
                    collapsed,
                })
            })
            .collect()
    }

    /// The cluster a user, group, role or resource belongs to, collapsed or not.
    pub fn cluster_of(&self, id: &NodeId) -> Option<ClusterKey> {
        let kind = ClusterKind::of(self.kind_of(id)?)?;
        Some(ClusterKey::new(self.account_of(id)?, kind))
    }

    /// Collapses or expands `key`, then lays the diagram out again: a collapsed cluster takes
    /// one node's place, and frames shrink or grow to fit.
    pub(super) fn set_cluster_collapsed(
        &mut self,
        key: &ClusterKey,
        collapsed: bool,
    ) -> Result<Applied, DocError> {
        if !self.world.accounts.contains_key(&key.account) {
            return Err(DocError::UnknownNode(NodeId::of(&EntityId::Account(
                key.account.clone(),
            ))));
        }
        let members = self.clusters().remove(key).unwrap_or_default();
        let count = members.len();
        let changed = if collapsed {
            // Hidden nodes keep no place: expanding lays them out afresh, and a saved
            // thousand-role account stays small.
            for m in &members {
                self.layout.nodes.remove(m);
            }
            if count == 0 {
                return Err(DocError::NotApplicable(format!(
                    "Account {} has no {} to collapse.",
                    key.account.as_str(),
                    key.kind.title().to_lowercase()
                )));
            }
            self.layout
                .collapsed
                .insert(key.clone(), Point::default())
                .is_none()
        } else {
            self.layout.collapsed.remove(key).is_some()
        };
        if changed {
            self.auto_layout();
        }
        Ok(Applied {
            created: vec![],
            notice: None,
        })
    }

    /// Collapses every cluster of more than `over` nodes in `accounts` (all accounts when
    /// `None`), for an import; returns those it collapsed. The caller lays out again.
    pub(crate) fn collapse_clusters_over(
        &mut self,
        over: usize,
        accounts: Option<&[String]>,
    ) -> Vec<(ClusterKey, usize)> {
        let big: Vec<(ClusterKey, usize)> = self
            .clusters()
            .into_iter()
            .filter(|(k, m)| {
                m.len() > over && accounts.is_none_or(|a| a.iter().any(|x| x == k.account.as_str()))
            })
            .map(|(k, m)| (k, m.len()))
            .collect();
        for (k, _) in &big {
            self.layout.collapsed.insert(k.clone(), Point::default());
        }
        big
    }

    /// Where a node's top-left is: a collapsed cluster's node reads it from the collapsed
    /// clusters, every other node from the node positions.
    pub(crate) fn position_of(&self, id: &NodeId) -> Option<Point> {
        match self.layout.nodes.get(id) {
            Some(p) => Some(*p),
            None => self
                .collapsed_cluster(id)
                .and_then(|k| self.layout.collapsed.get(&k).copied()),
        }
    }
}
