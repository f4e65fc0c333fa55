//! What highlight mode adds on the canvas (hops the scene draws no edge for, the condition
//! badges of lit hops), and the escalation warnings on the nodes that hold them.

use crate::doc::geometry::labels::segment_hits_rect;
use crate::doc::geometry::{Point, Rect};
use crate::doc::reach::{EdgeMark, EscalationView, ReachView};
use crate::doc::scene::{EdgeId, EdgeView, NodeId, Scene};
use crate::ui::reach::EscalationMarks;
use std::collections::{BTreeMap, HashMap};
use yew::prelude::*;

/// Where the line from `r`'s centre towards `to` leaves `r`.
fn border(r: &Rect, to: Point) -> Point {
    let c = r.center();
    let (dx, dy) = (to.x - c.x, to.y - c.y);
    let tx = if dx.abs() > f64::EPSILON {
        r.w / 2.0 / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > f64::EPSILON {
        r.h / 2.0 / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    Point::new(c.x + dx * t, c.y + dy * t)
}

/// Condition badges in a row centred on `at`.
fn badges(at: Point, mark: &EdgeMark) -> Html {
    if mark.badges.is_empty() {
        return Html::default();
    }
    let widths: Vec<f64> = mark
        .badges
        .iter()
        .map(|b| 12.0 + 6.5 * b.chars().count() as f64)
        .collect();
    let total: f64 = widths.iter().sum::<f64>() + 4.0 * (widths.len().saturating_sub(1)) as f64;
    let mut x = at.x - total / 2.0;
    let y = at.y - 9.0;
    html! {
        <g class="reach-badges">
            { for mark.badges.iter().zip(widths).map(|(b, w)| {
                let g = html! {
                    <g class="reach-badge" transform={format!("translate({x:.1} {y:.1})")}>
                        <rect width={format!("{w:.1}")} height="18" rx="9" />
                        <text x={format!("{:.1}", w / 2.0)} y="13" text-anchor="middle">{ b }</text>
                    </g>
                };
                x += w + 4.0;
                g
            }) }
        </g>
    }
}

fn escalation_badge(r: &Rect, list: &[&EscalationView]) -> Html {
    let name = list.iter().map(|e| e.name()).collect::<Vec<_>>().join("; ");
    html! {
        <g class="reach-escalation" role="img" aria-label={name.clone()}
           transform={format!("translate({:.1} {:.1})", r.x - 6.0, r.y - 6.0)}>
            <title>{ name }</title>
            <path d="M10 0L20 18H0z" />
            <text x="10" y="15" text-anchor="middle">{ "!" }</text>
        </g>
    }
}

/// The layer drawn above the labels while a question is on show; of a large diagram, only
/// what crosses `area` (see `Scene::draw_area`).
pub fn canvas_layer(scene: &Scene, view: &ReachView, area: Option<Rect>) -> Html {
    let shows_point = |p: Point| area.is_none_or(|a| a.contains(p));
    // Looked up once each: an answer in a large account lights hundreds of nodes and edges.
    let rects: HashMap<&NodeId, Rect> = scene.nodes.iter().map(|n| (&n.id, n.rect)).collect();
    let edges: HashMap<&EdgeId, &EdgeView> = if view.edges.is_empty() {
        HashMap::new()
    } else {
        scene.edges.iter().map(|e| (&e.id, &**e)).collect()
    };
    let extras = view.extra.iter().filter_map(|x| {
        let (a, b) = (*rects.get(&x.from)?, *rects.get(&x.to)?);
        let (p, q) = (border(&a, b.center()), border(&b, a.center()));
        if !area.is_none_or(|r| segment_hits_rect(p, q, &r)) {
            return None;
        }
        let mid = Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0);
        Some(html! {
            <g class={classes!("reach-extra", x.mark.dashed.then_some("reach-dashed"))}>
                <path class="edge trust" d={format!("M{:.1} {:.1}L{:.1} {:.1}", p.x, p.y, q.x, q.y)}
                      marker-end="url(#arrow-trust)" />
                { badges(mid, &x.mark) }
            </g>
        })
    });
    let edge_badges = view.edges.iter().filter_map(|(id, mark)| {
        let e = edges.get(id).filter(|e| shows_point(e.route.mid))?;
        // The scene already labels a trust edge with its conditions; only new ones are drawn.
        let drawn: Vec<&str> = e.badges.iter().map(|b| b.text.as_str()).collect();
        let fresh = EdgeMark {
            dashed: mark.dashed,
            badges: mark
                .badges
                .iter()
                .filter(|b| !drawn.contains(&b.as_str()))
                .cloned()
                .collect(),
        };
        Some(badges(e.route.mid, &fresh))
    });
    html! {
        <g class="reach-layer">
            { for extras }
            { for edge_badges }
        </g>
    }
}

/// The warning triangles on every node that holds an escalation: those the world holds all
/// the time (`standing`), and those an answer on show found (an outside actor's, say); of a
/// large diagram, only those on nodes crossing `area`.
pub fn escalation_warnings(
    scene: &Scene,
    standing: &EscalationMarks,
    asked: Option<&ReachView>,
    area: Option<Rect>,
) -> Html {
    // A member of a collapsed cluster is warned of on the cluster's node.
    let mut marks: BTreeMap<&NodeId, Vec<&EscalationView>> = BTreeMap::new();
    let lists = standing
        .iter()
        .chain(asked.map(|v| &v.escalations).into_iter().flatten());
    for (id, list) in lists {
        let held = marks.entry(scene.shown(id)).or_default();
        for e in list {
            if !held.contains(&e) {
                held.push(e);
            }
        }
    }
    if marks.is_empty() {
        return Html::default();
    }
    let warnings = scene.nodes.iter().filter_map(|n| {
        let list = marks.get(&n.id)?;
        area.is_none_or(|a| a.intersects(&n.rect))
            .then(|| escalation_badge(&n.rect, list))
    });
    html! { <g class="escalation-layer">{ for warnings }</g> }
}
