//! Each scene item as SVG markup with inline colours, shaped as the canvas draws it.

use std::fmt::Write as _;

use super::{escape, num, Palette};
use crate::doc::geometry::node_box::{NAME_LINE, NAME_Y, TEXT_X};
use crate::doc::geometry::Point;
use crate::doc::scene::{
    chip_size, Badge, EdgeKind, EdgeView, LabelOwner, LabelView, NodeKind, NodeView,
    KEY_NEVER_EXPIRES,
};

/// Every edge kind, for one arrowhead marker each.
const EDGE_KINDS: [EdgeKind; 5] = [
    EdgeKind::Trusts,
    EdgeKind::MemberOf,
    EdgeKind::RunsAs,
    EdgeKind::ResourceAccess,
    EdgeKind::ActsThrough,
];

/// The canvas's icon for a kind of node (the same 20×20 paths as the page's icons), and
/// whether it is filled rather than outlined.
fn icon(kind: NodeKind) -> (&'static str, bool) {
    match kind {
        NodeKind::Organization | NodeKind::Account => ("M2 5h16v12H2zM2 5l2-3h5l2 3", false),
        NodeKind::User => (
            "M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8c0-4 3-6 7-6s7 2 7 6z",
            true,
        ),
        NodeKind::Group => ("M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 17c0-3 2.5-5 6-5s6 2 6 5zm12.5-5c3 0 5.5 2 5.5 5h-5c0-2-.3-3.6-.5-5z", true),
        NodeKind::Role => ("M10 1l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V4z", true),
        NodeKind::Service(_) => (
            "M4 4h12v12H4zM7 1v3m6-3v3M7 16v3m6-3v3M1 7h3m-3 6h3m12-6h3m-3 6h3",
            false,
        ),
        NodeKind::IdentityProvider(_) => (
            "M10 1l8 4v4c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V5zm-3 9l2 2 4-4",
            false,
        ),
        NodeKind::OutsideActor(_) => ("M3 4h14v9H3zM1 16h18", false),
        NodeKind::Resource(_) => ("M3 5c0-2 14-2 14 0v10c0 2-14 2-14 0zm0 0c0 2 14 2 14 0", false),
        NodeKind::Cluster(c) => icon(c.member_kind()),
    }
}

/// The key drawn on an access-key chip.
const KEY_ICON: &str =
    "M7 13a4 4 0 1 1 3.5-6H19v3h-2v2h-3v-2h-3.5A4 4 0 0 1 7 13zm-1-4a1 1 0 1 0 0 2 1 1 0 0 0 0-2z";

fn icon_path(out: &mut String, d: &str, filled: bool, colour: &str) {
    let _ = if filled {
        write!(out, r#"<path d="{d}" fill="{colour}"/>"#)
    } else {
        write!(
            out,
            r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round"/>"#
        )
    };
}

fn marker_id(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Trusts => "arrow-trust",
        EdgeKind::MemberOf => "arrow-member",
        EdgeKind::RunsAs => "arrow-runs-as",
        EdgeKind::ResourceAccess => "arrow-access",
        EdgeKind::ActsThrough => "arrow-acts",
    }
}

/// Dashes tell the edge kinds apart without colour, as on the canvas.
fn dashes(kind: EdgeKind) -> Option<&'static str> {
    match kind {
        EdgeKind::Trusts | EdgeKind::RunsAs => None,
        EdgeKind::MemberOf => Some("5 4"),
        EdgeKind::ResourceAccess => Some("2 4"),
        EdgeKind::ActsThrough => Some("8 4"),
    }
}

/// The arrowheads, one per edge kind in its colour.
pub(super) fn markers(out: &mut String, pal: &Palette) {
    out.push_str("<defs>");
    for k in EDGE_KINDS {
        let _ = write!(
            out,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{}"/></marker>"#,
            marker_id(k),
            pal.edge(k)
        );
    }
    out.push_str("</defs>");
}

/// An account or organization frame: a dashed box with its title and alias or id.
pub(super) fn frame(out: &mut String, n: &NodeView, pal: &Palette) {
    let r = n.rect;
    let ink = pal.node(n.kind);
    let _ = write!(
        out,
        r#"<g transform="translate({} {})"><rect width="{}" height="{}" rx="14" fill="{}" fill-opacity="0.55" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/><g transform="translate(14 10)">"#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        ink.fill,
        ink.stroke
    );
    let (d, filled) = icon(n.kind);
    icon_path(out, d, filled, ink.stroke);
    let _ = write!(
        out,
        r#"</g><text x="42" y="25" font-size="13" font-weight="700" fill="{}">{}</text><text x="42" y="42" font-size="11" fill="{}">{}</text></g>"#,
        pal.text,
        escape(&n.label),
        pal.muted,
        escape(&n.detail)
    );
}

/// A user, group, role, service, provider, actor or resource: its box, icon, kind and name.
pub(super) fn node(out: &mut String, n: &NodeView, pal: &Palette) {
    let r = n.rect;
    let ink = pal.node(n.kind);
    let _ = write!(
        out,
        r#"<g transform="translate({} {})"><rect width="{}" height="{}" rx="10" fill="{}" stroke="{}" stroke-width="2"/><g transform="translate(12 18)">"#,
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        ink.fill,
        ink.stroke
    );
    let (d, filled) = icon(n.kind);
    icon_path(out, d, filled, ink.stroke);
    let _ = write!(
        out,
        r#"</g><text x="40" y="22" font-size="11" fill="{}">{}</text>"#,
        pal.muted,
        escape(n.kind.noun())
    );
    let mut y = NAME_Y;
    for line in &n.name_lines {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="14" font-weight="650" fill="{}">{}</text>"#,
            num(TEXT_X),
            num(y),
            pal.text,
            escape(line)
        );
        y += NAME_LINE;
    }
    out.push_str("</g>");
}

/// An edge: its route with the arrowhead of its kind.
pub(super) fn edge(out: &mut String, e: &EdgeView, pal: &Palette) {
    let dash = dashes(e.kind)
        .map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<path d="{}" fill="none" stroke="{}" stroke-width="2"{dash} marker-end="url(#{})"/>"#,
        path(&e.route.points),
        pal.edge(e.kind),
        marker_id(e.kind)
    );
}

fn path(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {}",
            if i == 0 { "M" } else { "L" },
            num(p.x),
            num(p.y)
        );
    }
    d
}

/// A node's chip ("2 access keys · never expires") or an edge's condition badge ("MFA").
pub(super) fn label(out: &mut String, l: &LabelView, pal: &Palette) {
    let r = l.rect;
    let _ = write!(
        out,
        r#"<g transform="translate({} {})">"#,
        num(r.x),
        num(r.y)
    );
    match l.owner {
        LabelOwner::Node(_) => chip(out, &l.badge, r.w, r.h, pal),
        LabelOwner::Edge(_) => {
            let ink = pal.badge(l.badge.tone);
            let _ = write!(
                out,
                r#"<rect width="{}" height="{}" rx="9" fill="{}" stroke="{}"/><text x="{}" y="13" font-size="10" font-weight="600" text-anchor="middle" fill="{}">{}</text>"#,
                num(r.w),
                num(r.h),
                ink.fill,
                ink.stroke,
                num(r.w / 2.0),
                pal.text,
                escape(&l.badge.text)
            );
        }
    }
    out.push_str("</g>");
}

/// A chip as the canvas shows it with no live session: an access key says it never expires.
fn chip(out: &mut String, badge: &Badge, room_w: f64, h: f64, pal: &Palette) {
    let key = badge.text.contains("access key");
    let text = if key {
        format!("{}{KEY_NEVER_EXPIRES}", badge.text)
    } else {
        badge.text.clone()
    };
    let (ink, colour) = pal.chip(badge);
    let dash = if badge.text.starts_with("no credentials") {
        r#" stroke-dasharray="3 2""#
    } else {
        ""
    };
    let _ = write!(
        out,
        r#"<rect width="{}" height="{}" rx="9" fill="{}" stroke="{}" stroke-width="1.2"{dash}/>"#,
        num(chip_size(badge).x.min(room_w)),
        num(h),
        ink.fill,
        ink.stroke
    );
    if key {
        out.push_str(r#"<g transform="translate(5 3) scale(0.6)">"#);
        icon_path(out, KEY_ICON, true, colour);
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        r#"<text x="{}" y="13" font-size="10.5" font-weight="600" fill="{}">{}</text>"#,
        if key { 19 } else { 6 },
        colour,
        escape(&text)
    );
}
