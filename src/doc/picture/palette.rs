//! The colours of an exported picture, light or dark: the canvas's own colours, written out.
//!
//! A picture is a file on its own (pasted into slides, opened by an image viewer), so it
//! cannot read the page's stylesheet: each colour here is the light or dark half of the
//! matching `light-dark()` variable in `static/app.css`. Keep the two in step.

use crate::doc::scene::{Badge, EdgeKind, NodeKind, Tone};

/// Which of the canvas's two colour schemes a picture uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureTheme {
    Light,
    Dark,
}

/// A stroke colour with the fill that goes under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ink {
    pub stroke: &'static str,
    pub fill: &'static str,
}

/// Every colour a picture uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub canvas: &'static str,
    pub panel: &'static str,
    pub border: &'static str,
    pub text: &'static str,
    pub muted: &'static str,
    pub warn: Ink,
    pub ok: Ink,
    pub bad: Ink,
    account: Ink,
    user: Ink,
    group: Ink,
    role: Ink,
    service: Ink,
    idp: Ink,
    outside: Ink,
    resource: Ink,
}

const fn ink(stroke: &'static str, fill: &'static str) -> Ink {
    Ink { stroke, fill }
}

const LIGHT: Palette = Palette {
    canvas: "#fbfcfd",
    panel: "#ffffff",
    border: "#d5dae1",
    text: "#1b2430",
    muted: "#536070",
    warn: ink("#b45309", "#fef3c7"),
    ok: ink("#15803d", "#dcfce7"),
    bad: ink("#b91c1c", "#fee2e2"),
    account: ink("#6b7280", "#f3f4f6"),
    user: ink("#1d4ed8", "#e0e9ff"),
    group: ink("#0f766e", "#d5f5ef"),
    role: ink("#7e22ce", "#f1e4ff"),
    service: ink("#c2410c", "#ffe9dc"),
    idp: ink("#a16207", "#fdf3c7"),
    outside: ink("#475569", "#e8edf3"),
    resource: ink("#15803d", "#dcf5e3"),
};

const DARK: Palette = Palette {
    canvas: "#121821",
    panel: "#161d26",
    border: "#2e3a48",
    text: "#e6ebf1",
    muted: "#9aa8b8",
    warn: ink("#fbbf24", "#3a2c0b"),
    ok: ink("#4ade80", "#12311f"),
    bad: ink("#f87171", "#3b1515"),
    account: ink("#9ca3af", "#19212b"),
    user: ink("#8fb0ff", "#1b2947"),
    group: ink("#5eead4", "#10302c"),
    role: ink("#d8b4fe", "#2d1a45"),
    service: ink("#fdba74", "#3a2113"),
    idp: ink("#fcd34d", "#33290b"),
    outside: ink("#cbd5e1", "#232d3a"),
    resource: ink("#86efac", "#12301d"),
};

impl PictureTheme {
    /// The colours of this scheme.
    pub fn palette(self) -> &'static Palette {
        match self {
            PictureTheme::Light => &LIGHT,
            PictureTheme::Dark => &DARK,
        }
    }

    /// `light` or `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            PictureTheme::Light => "light",
            PictureTheme::Dark => "dark",
        }
    }
}

impl Palette {
    /// A node's outline and body, by kind (as `.k-user .body` and friends draw them).
    pub fn node(&self, kind: NodeKind) -> Ink {
        match kind {
            NodeKind::Organization | NodeKind::Account => self.account,
            NodeKind::User => self.user,
            NodeKind::Group => self.group,
            NodeKind::Role => self.role,
            NodeKind::Service(_) => self.service,
            NodeKind::IdentityProvider(_) => self.idp,
            NodeKind::OutsideActor(_) => self.outside,
            NodeKind::Resource(_) => self.resource,
            NodeKind::Cluster(c) => self.node(c.member_kind()),
        }
    }

    /// An edge's colour (the colour of the kind it leads to, as on the canvas).
    pub fn edge(&self, kind: EdgeKind) -> &'static str {
        match kind {
            EdgeKind::Trusts => self.role.stroke,
            EdgeKind::MemberOf => self.group.stroke,
            EdgeKind::RunsAs => self.service.stroke,
            EdgeKind::ResourceAccess => self.resource.stroke,
            EdgeKind::ActsThrough => self.outside.stroke,
        }
    }

    /// A node chip's outline, fill and text colour, as the canvas's `chip-*` classes: long-term
    /// credentials amber, "none until assumed" in the role's colour, warnings red.
    pub fn chip(&self, badge: &Badge) -> (Ink, &'static str) {
        let t = badge.text.as_str();
        if badge.tone != Tone::Info {
            (self.bad, self.bad.stroke)
        } else if t.contains("access key") || t == "console password" {
            (self.warn, self.warn.stroke)
        } else if t.starts_with("no credentials") {
            (ink(self.role.stroke, self.panel), self.role.stroke)
        } else {
            (ink(self.border, self.panel), self.muted)
        }
    }

    /// An edge badge's outline and fill ("ExternalId", "MFA"): warnings amber.
    pub fn badge(&self, tone: Tone) -> Ink {
        match tone {
            Tone::Info => ink(self.border, self.panel),
            Tone::Warning | Tone::Error => self.warn,
        }
    }
}
