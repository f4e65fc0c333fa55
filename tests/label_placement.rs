//! Chip and edge-label placement (`doc::geometry::labels`) files obstacles in grids so a
//! thousand chips in an imported account test only what is near each spot. The grids may only
//! narrow the search: placement must be exactly what testing every obstacle gives.

use iam_playground::doc::geometry::labels::{
    place_labels_among, polyline_hits_rect, LabelRequest, Obstacles, CLEARANCE,
};
use iam_playground::doc::geometry::{Point, Rect};
use proptest::prelude::*;

/// How many edge crossings covering one node counts as (labels.rs `NODE_WEIGHT`).
const NODE_WEIGHT: usize = 8;

/// Every obstacle tested, no grid: the rule as the module's documentation states it.
fn placed_by_full_scan(requests: &[LabelRequest], o: &Obstacles<'_>, kept: &[Rect]) -> Vec<Rect> {
    let mut placed: Vec<Rect> = kept.to_vec();
    for req in requests {
        let conflicts = |r: &Rect, placed: &[Rect]| {
            let padded = r.inflate(CLEARANCE);
            let nodes = o.nodes.iter().filter(|n| n.intersects(&padded)).count() * NODE_WEIGHT;
            let headers = o.headers.iter().filter(|h| h.intersects(r)).count();
            let frames = o
                .frames
                .iter()
                .filter(|f| f.intersects(r) && !f.contains_rect(r))
                .count();
            let labels = placed.iter().filter(|p| p.intersects(&padded)).count();
            let edges = o
                .edges
                .iter()
                .enumerate()
                .filter(|(i, e)| Some(*i) != req.own_edge && polyline_hits_rect(e, r))
                .count();
            let homeless = usize::from(req.home.is_some_and(|h| !h.contains_rect(r)));
            nodes + headers + frames + labels + edges + homeless
        };
        let mut best: Option<(usize, Rect)> = None;
        for c in &req.candidates {
            let r = Rect::new(c.x, c.y, req.size.x, req.size.y);
            let n = conflicts(&r, &placed);
            if best.is_none_or(|(b, _)| n < b) {
                best = Some((n, r));
            }
            if n == 0 {
                break;
            }
        }
        placed.push(best.map_or(Rect::new(0.0, 0.0, req.size.x, req.size.y), |(_, r)| r));
    }
    placed.split_off(kept.len())
}

fn coord() -> impl Strategy<Value = f64> {
    // Mostly a crowded 1,200 px square; now and then a point far away (a long route).
    prop_oneof![9 => (0u32..1200).prop_map(f64::from), 1 => (-3000i32..6000).prop_map(f64::from)]
}

fn point() -> impl Strategy<Value = Point> {
    (coord(), coord()).prop_map(|(x, y)| Point::new(x, y))
}

fn rect(max: u32) -> impl Strategy<Value = Rect> {
    (point(), 1u32..max, 1u32..max)
        .prop_map(|(p, w, h)| Rect::new(p.x, p.y, f64::from(w), f64::from(h)))
}

/// Routes as the router draws them (mostly horizontal and vertical runs) and a few diagonals.
fn route() -> impl Strategy<Value = Vec<Point>> {
    prop_oneof![
        1 => point().prop_map(|p| vec![p]),
        4 => (point(), prop::collection::vec((any::<bool>(), coord()), 1..8)).prop_map(|(start, turns)| {
            let mut pts = vec![start];
            for (horizontal, to) in turns {
                let last = pts[pts.len() - 1];
                pts.push(if horizontal { Point::new(to, last.y) } else { Point::new(last.x, to) });
            }
            pts
        }),
        1 => prop::collection::vec(point(), 2..5),
    ]
}

fn request(edges: usize) -> impl Strategy<Value = LabelRequest> {
    (
        (20u32..180, 12u32..40),
        prop::collection::vec(point(), 1..7),
        prop::option::of(0..edges.max(1)),
        prop::option::of(rect(900)),
    )
        .prop_map(move |((w, h), candidates, own, home)| LabelRequest {
            size: Point::new(f64::from(w), f64::from(h)),
            candidates,
            own_edge: own.filter(|_| edges > 0),
            home,
        })
}

/// Nodes, frame headers, frames, edge routes and labels kept from before.
type Drawing = (Vec<Rect>, Vec<Rect>, Vec<Rect>, Vec<Vec<Point>>, Vec<Rect>);

fn world() -> impl Strategy<Value = Drawing> {
    (
        prop::collection::vec(rect(200), 0..40),
        prop::collection::vec(rect(400), 0..3),
        prop::collection::vec(rect(1200), 0..3),
        prop::collection::vec(route(), 0..30),
        prop::collection::vec(rect(150), 0..6),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn labels_go_where_testing_every_obstacle_puts_them(
        (nodes, headers, frames, routes, kept) in world(),
        requests in prop::collection::vec(request(30), 1..25),
    ) {
        let requests: Vec<LabelRequest> = requests
            .into_iter()
            .map(|mut r| { r.own_edge = r.own_edge.filter(|i| *i < routes.len()); r })
            .collect();
        let o = Obstacles {
            nodes,
            headers,
            frames,
            edges: routes.iter().map(Vec::as_slice).collect(),
        };
        prop_assert_eq!(
            place_labels_among(&requests, &o, &kept),
            placed_by_full_scan(&requests, &o, &kept)
        );
    }
}
