//! The countdown a role node shows for each session issued for it: how much of the
//! session's life is left, in a ring and in words.

use super::NodeId;
use crate::sim::ids::EntityId;
use crate::sim::sts::{SessionPrincipal, StsState};
use crate::sim::time::SimTime;
use std::collections::BTreeMap;

/// How many of a role's sessions its node shows (the latest): more would crowd the node.
pub const TIMERS_PER_ROLE: usize = 3;

/// One session's countdown, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionTimer {
    /// The session name, drawn beside the ring.
    pub session: String,
    /// The accessible name: "Session alice of Deploy, 59 minutes left".
    pub label: String,
    /// How much of the session's life is left, 0 (expired) to 1 (just issued).
    pub left: f64,
    /// Expired: the credentials no longer work, the ring is drawn dead.
    pub expired: bool,
}

/// Whole minutes in words, rounded up so a session never reads "0 minutes left" while it
/// still works: "1 minute", "59 minutes", "1 hour 5 minutes", "12 hours".
fn minutes_in_words(secs: i64) -> String {
    let mins = secs.saturating_add(59) / 60;
    let (h, m) = (mins / 60, mins % 60);
    let unit = |n: i64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (h, m) {
        (0, m) => unit(m, "minute"),
        (h, 0) => unit(h, "hour"),
        (h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
    }
}

/// The countdown of the session `session` of role `role`, issued at `issued`, expiring at
/// `expires` (credentials stop working at their expiration), seen at `now`.
pub fn session_timer(
    session: &str,
    role: &str,
    issued: SimTime,
    expires: SimTime,
    now: SimTime,
) -> SessionTimer {
    let life = expires.since(issued).as_secs().max(1);
    let remaining = expires.since(now).as_secs();
    let expired = remaining <= 0;
    let left = if expired {
        0.0
    } else {
        (remaining as f64 / life as f64).clamp(0.0, 1.0)
    };
    let state = if expired {
        "expired".to_string()
    } else {
        format!("{} left", minutes_in_words(remaining))
    };
    SessionTimer {
        session: session.to_string(),
        label: format!("Session {session} of {role}, {state}"),
        left,
        expired,
    }
}

/// The role nodes, as drawn (a collapsed cluster stands for its members), that wear countdown
/// rings and a session name on their top border: every role some session was issued for,
/// expired or not, as [`role_timers`] draws them.
pub fn nodes_wearing_timers(scene: &super::Scene, sts: &StsState) -> Vec<NodeId> {
    let roles: Vec<NodeId> = sts
        .sessions
        .iter()
        .filter_map(|s| match &s.principal {
            SessionPrincipal::Role { role_id, .. } => {
                Some(NodeId::of(&EntityId::Role(role_id.clone())))
            }
            _ => None,
        })
        .collect();
    scene.shown_all(&roles)
}

/// The latest sessions of each role, newest first and at most [`TIMERS_PER_ROLE`], as
/// countdowns at `now`, by the role's node. Expired sessions stay (drawn dead) until newer
/// ones push them out.
pub fn role_timers(sts: &StsState, now: SimTime) -> BTreeMap<NodeId, Vec<SessionTimer>> {
    let mut by_role: BTreeMap<NodeId, Vec<(SimTime, SessionTimer)>> = BTreeMap::new();
    for s in &sts.sessions {
        if let SessionPrincipal::Role {
            role_id,
            role_name,
            session_name,
            ..
        } = &s.principal
        {
            let t = session_timer(
                session_name,
                role_name,
                s.issued_at,
                s.credentials.expiration,
                now,
            );
            by_role
                .entry(NodeId::of(&EntityId::Role(role_id.clone())))
                .or_default()
                .push((s.issued_at, t));
        }
    }
    crate::sim::sorting::map_of(by_role.into_iter().map(|(role, mut v)| {
        crate::sim::sorting::sort_by_key(&mut v, |(issued, _)| std::cmp::Reverse(*issued));
        (
            role,
            v.into_iter()
                .take(TIMERS_PER_ROLE)
                .map(|(_, t)| t)
                .collect(),
        )
    }))
}
