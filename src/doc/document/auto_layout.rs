//! "Auto layout": a diagram that reads the way access flows, left to right.
//!
//! Accounts whose principals reach into other accounts come first; inside each account the
//! columns are groups, then who calls (users, identity providers, compute), then roles (a
//! role assumed from another role one column further), then resources. Within a column, each node takes the free row nearest the mean row of what it
//! connects to (the barycentre heuristic of layered graph drawing), so most edges run
//! straight across instead of through other nodes.

use super::Document;
use crate::doc::geometry::layout::{auto_layout_sized, AccountBlock, LayoutInput, NODE_H, NODE_W};
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::{chip_room, EdgeKind, NodeId, NodeKind};
use crate::sim::ids::{AccountId, EntityId};
use std::collections::{BTreeMap, HashMap, HashSet};

/// How many columns roles take: a role assumed from another role (role chaining) sits one
/// column further right, up to this many deep.
const ROLE_COLUMNS: usize = 3;
/// Columns inside an account frame: groups, who calls, roles (by chaining depth), resources.
const COLUMNS: usize = 2 + ROLE_COLUMNS + 1;

/// The column of a node inside its account frame; `depth` is how many roles stand between a
/// role and its first non-role principal.
fn column_of(kind: NodeKind, depth: usize) -> usize {
    match kind {
        NodeKind::Group => 0,
        NodeKind::User | NodeKind::IdentityProvider(_) | NodeKind::Service(_) => 1,
        NodeKind::Role => depth.min(ROLE_COLUMNS - 1).saturating_add(2),
        // A collapsed cluster takes one node's place in its members' column.
        NodeKind::Cluster(c) => column_of(c.member_kind(), 0),
        _ => COLUMNS - 1,
    }
}

/// For each role trusted by another role, how long the chain of roles before it is (capped,
/// so a cycle of roles trusting each other ends).
fn chain_depths(
    edges: &[(NodeId, NodeId, EdgeKind)],
    is_role: impl Fn(&NodeId) -> bool,
) -> HashMap<&NodeId, usize> {
    let mut depth: HashMap<&NodeId, usize> = HashMap::new();
    for _ in 0..ROLE_COLUMNS {
        for (from, to, kind) in edges {
            if *kind == EdgeKind::Trusts && from != to && is_role(from) && is_role(to) {
                let d = depth.get(from).copied().unwrap_or(0).saturating_add(1);
                let d = d.min(ROLE_COLUMNS - 1);
                let e = depth.entry(to).or_insert(0);
                *e = (*e).max(d);
            }
        }
    }
    depth
}

/// Neighbours of each node over the diagram's edges, both directions.
fn neighbours(edges: &[(NodeId, NodeId, EdgeKind)]) -> HashMap<&NodeId, Vec<&NodeId>> {
    let mut m: HashMap<&NodeId, Vec<&NodeId>> = HashMap::new();
    for (from, to, _) in edges {
        m.entry(from).or_default().push(to);
        m.entry(to).or_default().push(from);
    }
    m
}

/// Gives each node of `column` a row: the row nearest the mean row of its already placed
/// neighbours that is still free, so it sits level with what it connects to and the edge
/// runs straight across. Nodes with no placed neighbour take the next free rows, keeping
/// their (alphabetical) order. Records the rows in `placed`.
fn assign_rows(
    column: Vec<NodeId>,
    near: &HashMap<&NodeId, Vec<&NodeId>>,
    placed: &mut HashMap<NodeId, f64>,
) -> Vec<(NodeId, usize)> {
    let wish = |id: &NodeId| -> Option<f64> {
        let rows: Vec<f64> = near
            .get(id)?
            .iter()
            .filter_map(|n| placed.get(*n).copied())
            .collect();
        (!rows.is_empty()).then(|| rows.iter().sum::<f64>() / rows.len() as f64)
    };
    let mut wished: Vec<(usize, Option<f64>, NodeId)> = column
        .into_iter()
        .enumerate()
        .map(|(i, id)| (i, wish(&id), id))
        .collect();
    crate::sim::sorting::sort_by(&mut wished, |a, b| match (a.1, b.1) {
        (Some(x), Some(y)) => x.total_cmp(&y).then(a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    // A set, not a list: a column of 500 imported roles would otherwise scan every taken
    // row for every row it tries.
    let mut taken: HashSet<usize> = HashSet::new();
    let mut last_row: Option<usize> = None;
    let mut out = Vec::with_capacity(wished.len());
    for (_, w, id) in wished {
        let want = w.map_or_else(
            || last_row.map_or(0, |m| m.saturating_add(1)),
            |w| w.round().max(0.0) as usize,
        );
        // The free row nearest the wish; below it first, then above. Wishes are means of
        // rows placed in this pass (small); saturating keeps even a stray one from panicking.
        let last = want.saturating_add(taken.len());
        let row = (0..)
            .flat_map(|d| [want.saturating_add(d), want.wrapping_sub(d)])
            .find(|r| *r <= last && !taken.contains(r))
            .unwrap_or(last);
        taken.insert(row);
        last_row = Some(last_row.map_or(row, |m| m.max(row)));
        placed.insert(id.clone(), row as f64);
        out.push((id, row));
    }
    crate::sim::sorting::sort_by_key(&mut out, |(_, r)| *r);
    out
}

impl Document {
    /// Lays out everything: account frames side by side, their members in columns by kind,
    /// outside actors in a column on the left, an organization frame around its accounts.
    pub(crate) fn auto_layout(&mut self) {
        // Names read alphabetically, the way the IAM console lists users and roles; that is
        // also the order for ties.
        let scene = self.scene_unlabelled();
        // Members of a collapsed cluster are not placed; the cluster's node is, as one node.
        let mut named: Vec<(String, NodeId)> = self.scene_labels();
        named.retain(|(_, id)| !scene.members.contains_key(id));
        named.extend(
            scene
                .nodes
                .iter()
                .filter(|n| matches!(n.kind, NodeKind::Cluster(_)))
                .map(|n| (n.label.to_lowercase(), n.id.clone())),
        );
        crate::sim::sorting::sort(&mut named);
        // Nodes as wide as their names, rows tall enough for the chips under them.
        let sizes: HashMap<NodeId, (Point, f64)> = scene
            .nodes
            .iter()
            .map(|n| {
                (
                    n.id.clone(),
                    (Point::new(n.rect.w, n.rect.h), chip_room(n).y),
                )
            })
            .collect();
        let edges: Vec<(NodeId, NodeId, EdgeKind)> = scene
            .edges
            .into_iter()
            .map(|e| (e.from.clone(), e.to.clone(), e.kind))
            .collect();
        let near = neighbours(&edges);
        let depth = chain_depths(&edges, |id| self.kind_of(id) == Some(NodeKind::Role));
        let mut members: BTreeMap<String, Vec<Vec<NodeId>>> = BTreeMap::new();
        for (_, id) in &named {
            let (Some(account), Some(kind)) = (self.account_of(id), self.kind_of(id)) else {
                continue;
            };
            let columns = members
                .entry(account.as_str().to_string())
                .or_insert_with(|| vec![vec![]; COLUMNS]);
            let d = depth.get(id).copied().unwrap_or(0);
            if let Some(c) = columns.get_mut(column_of(kind, d)) {
                c.push(id.clone());
            }
        }
        let order = self.accounts_in_flow_order(&edges);
        let outside: Vec<NodeId> = self
            .actors
            .iter()
            .map(|a| NodeId::of_actor(&a.id))
            .collect();
        // Rows line up across frames (they all start at the same height), so a row number
        // means the same height everywhere. Outside actors come first: the story starts
        // there.
        let mut placed: HashMap<NodeId, f64> = outside
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i as f64))
            .collect();
        let mut accounts = Vec::new();
        for account in order {
            let frame = NodeId::of(&EntityId::Account(AccountId::new(account.as_str())));
            let mut by_kind = members.remove(&account).unwrap_or_default();
            let mut columns: Vec<Vec<(NodeId, usize)>> = vec![Vec::new(); by_kind.len()];
            // Who calls first (it anchors the rest), then groups by their members, then
            // roles, then resources.
            for c in std::iter::once(1)
                .chain(std::iter::once(0))
                .chain(2..COLUMNS)
            {
                let (Some(col), Some(slot)) = (by_kind.get_mut(c), columns.get_mut(c)) else {
                    continue;
                };
                *slot = assign_rows(std::mem::take(col), &near, &mut placed);
                if c == 1 {
                    // An edge from the account frame itself (its root) counts as coming from
                    // the middle of its callers.
                    let mid = slot.len().saturating_sub(1) as f64 / 2.0;
                    placed.insert(frame.clone(), mid);
                }
            }
            accounts.push(AccountBlock { frame, columns });
        }
        let plan = auto_layout_sized(
            &LayoutInput { accounts, outside },
            Point::new(48.0, 96.0),
            |id| {
                sizes
                    .get(id)
                    .copied()
                    .unwrap_or((Point::new(NODE_W, NODE_H), 0.0))
            },
        );
        for (id, r) in plan.nodes {
            match self.collapsed_cluster(&id) {
                Some(k) => self.layout.collapsed.insert(k, r.origin()),
                None => self.layout.nodes.insert(id, r.origin()),
            };
        }
        for (id, r) in plan.frames {
            self.layout.frames.insert(id, r);
        }
        self.fit_organization();
    }

    /// Account ids, those whose principals reach into other accounts first (a vendor's
    /// account before the account whose role it assumes), then by id.
    fn accounts_in_flow_order(&self, edges: &[(NodeId, NodeId, EdgeKind)]) -> Vec<String> {
        let account = |id: &NodeId| -> Option<String> {
            match self.kind_of(id)? {
                NodeKind::Account => Some(id.0.clone()),
                _ => self.account_of(id).map(|a| a.as_str().to_string()),
            }
        };
        let mut score: BTreeMap<String, i64> = crate::sim::sorting::map_of(
            self.world
                .accounts
                .keys()
                .map(|a| (a.as_str().to_string(), 0)),
        );
        for (from, to, _) in edges {
            if let (Some(a), Some(b)) = (account(from), account(to)) {
                if a != b {
                    let up = score.entry(a).or_insert(0);
                    *up = up.saturating_add(1);
                    let down = score.entry(b).or_insert(0);
                    *down = down.saturating_sub(1);
                }
            }
        }
        // An organization's accounts stay side by side, so its frame holds only them.
        let outside_org = |a: &str| {
            self.world
                .organization
                .as_ref()
                .is_some_and(|o| !o.accounts.keys().any(|m| m.as_str() == a))
        };
        let mut ids: Vec<(bool, i64, String)> = score
            .into_iter()
            .map(|(a, s)| (outside_org(&a), s.saturating_neg(), a))
            .collect();
        crate::sim::sorting::sort(&mut ids);
        ids.into_iter().map(|(_, _, a)| a).collect()
    }

    /// The organization frame surrounds its accounts.
    pub(crate) fn fit_organization(&mut self) {
        let Some(org) = &self.world.organization else {
            return;
        };
        let members: Vec<Rect> = org
            .accounts
            .keys()
            .map(|a| NodeId::of(&EntityId::Account(a.clone())))
            .filter_map(|id| self.layout.frames.get(&id).copied())
            .collect();
        if let Some(b) = Rect::bounding(members.iter()) {
            let r = Rect::new(b.x - 32.0, b.y - 72.0, b.w + 64.0, b.h + 104.0);
            let id = NodeId::of(&EntityId::Organization(org.id.clone()));
            self.layout.frames.insert(id, r);
        }
    }
}
