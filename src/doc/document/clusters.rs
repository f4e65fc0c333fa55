//! Collapsing and expanding clusters: the users, groups, roles or resources of one account
//! drawn as one node. Which clusters are collapsed is part of the layout. A toggle moves only
//! what it must: expanding lays the members out where the cluster's node stood (arranged as
//! the automatic layout arranges them) and makes room by moving what lies right of it right
//! and what lies below it down, as a spreadsheet inserts columns and rows; collapsing puts
//! the node where the members' top-left was and takes that room back when nothing would then
//! overlap. Whatever the person arranged by hand keeps its arrangement.

use super::{Applied, Document};
use crate::doc::command::DocError;
use crate::doc::geometry::{Point, Rect};
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

    /// Collapses or expands `key` in place: the cluster takes its members' place or they take
    /// its, and the room between moves what stands right of it or under it (module comment).
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
        if collapsed {
            if members.is_empty() {
                return Err(DocError::NotApplicable(format!(
                    "Account {} has no {} to collapse.",
                    key.account.as_str(),
                    key.kind.title().to_lowercase()
                )));
            }
            if !self.layout.collapsed.contains_key(key) {
                self.collapse_in_place(key, &members);
            }
        } else if self.layout.collapsed.contains_key(key) {
            self.expand_in_place(key, &members);
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

/// How far apart node rectangles must stay when room is taken back.
const ROOM_GAP: f64 = 8.0;

/// Room made (or taken back) for a cluster's members: whatever has its left edge at `x0` or
/// further right moves by `by.x`; whatever has its top at `y0` or lower moves by `by.y` (only
/// what stands across the cluster's own column, `column`, when that is given, so the columns
/// beside it stay whole). A frame across one of those lines stretches.
#[derive(Debug, Clone, Copy)]
struct Room {
    x0: f64,
    y0: f64,
    by: Point,
    column: Option<(f64, f64)>,
}

impl Room {
    fn down(&self, r: &Rect) -> bool {
        self.column.is_none_or(|(a, b)| r.x < b && r.right() > a)
    }

    fn node(&self, r: &Rect) -> Rect {
        let dx = if r.x >= self.x0 { self.by.x } else { 0.0 };
        let dy = if r.y >= self.y0 && self.down(r) {
            self.by.y
        } else {
            0.0
        };
        Rect::new(r.x + dx, r.y + dy, r.w, r.h)
    }

    fn frame(&self, r: &Rect) -> Rect {
        let edge = |v: f64, line: f64, d: f64| if v >= line { v + d } else { v };
        let (l, right) = (
            edge(r.x, self.x0, self.by.x),
            edge(r.right(), self.x0, self.by.x),
        );
        let (t, b) = if self.down(r) {
            (
                edge(r.y, self.y0, self.by.y),
                edge(r.bottom(), self.y0, self.by.y),
            )
        } else {
            (r.y, r.bottom())
        };
        Rect::new(l, t, (right - l).max(0.0), (b - t).max(0.0))
    }

    /// The same room with only its horizontal or vertical part.
    fn only(self, x: bool, y: bool) -> Room {
        Room {
            by: Point::new(
                if x { self.by.x } else { 0.0 },
                if y { self.by.y } else { 0.0 },
            ),
            ..self
        }
    }
}

/// What the room checks need of a scene: each drawn node's rectangle, whether it is a
/// frame, and the frame it stands in.
struct Drawn {
    id: NodeId,
    rect: Rect,
    frame: bool,
    account: Option<NodeId>,
}

fn drawn(scene: &crate::doc::scene::Scene) -> Vec<Drawn> {
    scene
        .nodes
        .iter()
        .map(|n| Drawn {
            id: n.id.clone(),
            rect: n.rect,
            frame: n.kind.is_frame(),
            account: n.account.clone(),
        })
        .collect()
}

/// Whether `room` moves nothing onto anything it was clear of, keeps every node inside the
/// frame that held it, lays no frame over another, and (`keep_clear`) leaves that rectangle
/// (the members' place) clear of every node but `except`.
fn room_fits(all: &[Drawn], room: &Room, keep_clear: Option<(&Rect, &NodeId)>) -> bool {
    let plain: Vec<&Drawn> = all.iter().filter(|d| !d.frame).collect();
    let before: Vec<Rect> = plain.iter().map(|d| d.rect).collect();
    let after: Vec<Rect> = plain.iter().map(|d| room.node(&d.rect)).collect();
    if !overlapping_pairs(&after).is_subset(&overlapping_pairs(&before)) {
        return false;
    }
    let frames: std::collections::HashMap<&NodeId, (Rect, Rect)> = all
        .iter()
        .filter(|d| d.frame)
        .map(|d| (&d.id, (d.rect, room.frame(&d.rect))))
        .collect();
    let held = plain.iter().zip(&after).all(|(d, moved)| {
        match d.account.as_ref().and_then(|f| frames.get(f)) {
            Some((was, now)) => !was.contains_rect(&d.rect) || now.contains_rect(moved),
            None => true,
        }
    });
    let framed: Vec<&(Rect, Rect)> = frames.values().collect();
    let frames_apart = framed.iter().enumerate().all(|(i, (a, sa))| {
        framed
            .iter()
            .skip(i.saturating_add(1))
            .all(|(b, sb)| a.intersects(b) || !sa.intersects(sb))
    });
    let clear = keep_clear.is_none_or(|(place, except)| {
        plain
            .iter()
            .zip(&after)
            .all(|(d, moved)| &d.id == except || !moved.intersects(place))
    });
    held && frames_apart && clear
}

impl Document {
    /// Lays the members of collapsed `key` out where its node stands, in the arrangement the
    /// automatic layout gives them, and makes room for them (see the module's comment).
    fn expand_in_place(&mut self, key: &ClusterKey, members: &[NodeId]) {
        let cluster_id = key.node_id();
        let before = drawn(&self.scene_unlabelled());
        let cluster = before.iter().find(|d| d.id == cluster_id).map(|d| d.rect);
        self.layout.collapsed.remove(key);
        // How the automatic layout arranges the members (their rows and chain-depth
        // columns), read from a copy; only their places relative to each other are used.
        let mut arranged = self.clone();
        arranged.auto_layout();
        let scene = arranged.scene_unlabelled();
        let wanted: std::collections::HashSet<&NodeId> = members.iter().collect();
        let placed: Vec<(NodeId, Rect)> = scene
            .nodes
            .iter()
            .filter(|n| wanted.contains(&n.id))
            .map(|n| (n.id.clone(), n.rect))
            .collect();
        let (Some(cluster), Some(bounds)) =
            (cluster, Rect::bounding(placed.iter().map(|(_, r)| r)))
        else {
            // Nothing drawn to start from (a cluster whose node was never laid out).
            *self = arranged;
            return;
        };
        let grow = room_between(&cluster, &bounds);
        let to = cluster.origin() - bounds.origin();
        let place = bounds.translate(to);
        let column = Room {
            x0: cluster.right(),
            y0: cluster.bottom(),
            by: grow,
            column: Some((cluster.x, cluster.right())),
        };
        let whole_rows = Room {
            column: None,
            ..column
        };
        // Whole rows always fit (everything below moves alike); the cluster's column alone
        // keeps the columns beside it together, where that fits.
        let room = if room_fits(&before, &column, Some((&place, &cluster_id))) {
            column
        } else {
            whole_rows
        };
        self.make_room(&room, &before);
        for (id, r) in placed {
            self.layout.nodes.insert(id, r.origin() + to);
        }
    }

    /// Folds the members of `key` into one node at their top-left and takes back the room
    /// they held where that moves nothing onto anything else.
    fn collapse_in_place(&mut self, key: &ClusterKey, members: &[NodeId]) {
        let before = self.scene_unlabelled();
        let wanted: std::collections::HashSet<&NodeId> = members.iter().collect();
        let bounds = Rect::bounding(
            before
                .nodes
                .iter()
                .filter(|n| wanted.contains(&n.id))
                .map(|n| &n.rect),
        );
        // Hidden nodes keep no place: expanding lays them out afresh, and a saved
        // thousand-role account stays small.
        for m in members {
            self.layout.nodes.remove(m);
        }
        let Some(bounds) = bounds else {
            self.layout.collapsed.insert(key.clone(), Point::default());
            self.auto_layout();
            return;
        };
        self.layout.collapsed.insert(key.clone(), bounds.origin());
        let after = drawn(&self.scene_unlabelled());
        let cluster_id = key.node_id();
        let Some(cluster) = after.iter().find(|d| d.id == cluster_id).map(|d| d.rect) else {
            return;
        };
        let grew = room_between(&cluster, &bounds);
        let column = Room {
            x0: cluster.right() + grew.x,
            y0: cluster.bottom() + grew.y,
            by: Point::new(-grew.x, -grew.y),
            column: Some((cluster.x, cluster.right())),
        };
        let whole_rows = Room {
            column: None,
            ..column
        };
        // The whole room back if that overlaps nothing new, else as much of it as does.
        let tries = [
            column,
            whole_rows,
            column.only(true, false),
            column.only(false, true),
            whole_rows.only(false, true),
        ];
        if let Some(room) = tries
            .iter()
            .filter(|r| r.by != Point::default())
            .find(|r| room_fits(&after, r, None))
        {
            self.make_room(room, &after);
        }
    }

    /// Applies `room` to the layout; `drawn` gives the nodes' sizes.
    fn make_room(&mut self, room: &Room, drawn: &[Drawn]) {
        let sizes: std::collections::HashMap<&NodeId, Point> = drawn
            .iter()
            .map(|d| (&d.id, Point::new(d.rect.w, d.rect.h)))
            .collect();
        let moved = |id: &NodeId, p: &Point| {
            let size = sizes.get(id).copied().unwrap_or_default();
            room.node(&Rect::new(p.x, p.y, size.x, size.y)).origin()
        };
        for (id, p) in self.layout.nodes.iter_mut() {
            *p = moved(id, p);
        }
        for (k, p) in self.layout.collapsed.iter_mut() {
            *p = moved(&k.node_id(), p);
        }
        for r in self.layout.frames.values_mut() {
            *r = room.frame(r);
        }
    }
}

/// How much larger than the cluster's node its members' bounds are, in whole pixels (so
/// expanding and collapsing again gives back the very same places).
fn room_between(cluster: &Rect, members: &Rect) -> Point {
    Point::new(
        (members.w - cluster.w).max(0.0).ceil(),
        (members.h - cluster.h).max(0.0).ceil(),
    )
}

/// The pairs of rectangles closer than [`ROOM_GAP`], by index.
fn overlapping_pairs(rects: &[Rect]) -> std::collections::BTreeSet<(usize, usize)> {
    let mut out = std::collections::BTreeSet::new();
    for (i, a) in rects.iter().enumerate() {
        let a = a.inflate(ROOM_GAP / 2.0);
        for (j, b) in rects.iter().enumerate().skip(i.saturating_add(1)) {
            if a.intersects(&b.inflate(ROOM_GAP / 2.0)) {
                out.insert((i, j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, x: f64, y: f64, account: Option<&str>) -> Drawn {
        Drawn {
            id: NodeId::new(id),
            rect: Rect::new(x, y, 100.0, 50.0),
            frame: false,
            account: account.map(NodeId::new),
        }
    }

    /// Taking back 300 px of rows in the column x 0-100.
    fn rows_back() -> Room {
        Room {
            x0: 100.0,
            y0: 400.0,
            by: Point::new(0.0, -300.0),
            column: Some((0.0, 100.0)),
        }
    }

    #[test]
    fn room_is_not_taken_back_when_a_node_would_land_on_another() {
        // `low` stands in the column below the line and would move up to y 150.
        let low = node("low", 0.0, 450.0, None);
        let clear = [node("elsewhere", 300.0, 150.0, None), low];
        assert!(room_fits(&clear, &rows_back(), None));
        // Where `low` would go, a node stands (left of the column, but reaching into it).
        let blocked = [
            node("in the way", -60.0, 160.0, None),
            node("low", 0.0, 450.0, None),
        ];
        assert!(!room_fits(&blocked, &rows_back(), None));
    }

    #[test]
    fn room_is_not_taken_back_when_a_node_would_leave_its_frame() {
        // The frame across the column stretches with the room, so its node stays inside.
        let frame = || Drawn {
            id: NodeId::new("111122223333"),
            rect: Rect::new(-20.0, 420.0, 400.0, 100.0),
            frame: true,
            account: None,
        };
        let inside = node("inside", 250.0, 440.0, Some("111122223333"));
        assert!(!room_fits(&[frame(), inside], &rows_back(), None));
        let with_it = node("with it", 0.0, 440.0, Some("111122223333"));
        assert!(room_fits(&[frame(), with_it], &rows_back(), None));
    }

    #[test]
    fn a_frame_across_the_line_stretches_and_one_past_it_moves() {
        let room = Room {
            x0: 100.0,
            y0: 50.0,
            by: Point::new(40.0, 200.0),
            column: None,
        };
        assert_eq!(
            room.frame(&Rect::new(0.0, 0.0, 300.0, 100.0)),
            Rect::new(0.0, 0.0, 340.0, 300.0)
        );
        assert_eq!(
            room.frame(&Rect::new(150.0, 60.0, 100.0, 100.0)),
            Rect::new(190.0, 260.0, 100.0, 100.0)
        );
        assert_eq!(
            room.node(&Rect::new(20.0, 20.0, 50.0, 20.0)),
            Rect::new(20.0, 20.0, 50.0, 20.0)
        );
    }
}
