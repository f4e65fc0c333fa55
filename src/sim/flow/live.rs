//! Time passing in a running simulation: workloads (EC2 instances, Lambda functions) get
//! fresh role credentials before theirs expire, and expiries land on the timeline.
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html#instance-metadata-security-credentials

use crate::sim::ids::RoleId;
use crate::sim::sts::workload::{self, role_and_terms};
use crate::sim::sts::{SessionOrigin, SessionPrincipal, StsState, TimeEvent};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::World;
use std::collections::BTreeMap;

/// When the workload's current credentials are due for a refresh (`None`: it has none yet).
fn refresh_due(world: &World, state: &StsState, origin: &SessionOrigin) -> Option<SimTime> {
    let current = workload::current(state, origin)?;
    let before = role_and_terms(world, origin).map_or(SimDuration::ZERO, |(_, t)| t.refresh_before);
    Some(
        current
            .credentials
            .expiration
            .plus(SimDuration(before.as_millis().saturating_neg())),
    )
}

/// Whether moving from `from` to `to` changes anything: an expiry, a workload refresh, or a
/// workload still without credentials. Lets the page skip copying the state on quiet ticks.
pub fn has_work(world: &World, state: &StsState, from: SimTime, to: SimTime) -> bool {
    let expiry = state
        .sessions
        .iter()
        .any(|s| s.credentials.expiration > from && s.credentials.expiration <= to);
    expiry
        || workload::workloads(world)
            .iter()
            .any(|o| match refresh_due(world, state, o) {
                None => true,
                Some(due) => due > from && due <= to,
            })
}

/// Time passes from `from` to `to` in a running simulation: workloads without credentials
/// get them at `from` (they run as soon as they exist), then the STS state moves on
/// ([`StsState::advance`]: refreshes and expiries in time order).
pub fn advance(world: &World, state: &mut StsState, from: SimTime, to: SimTime) -> Vec<TimeEvent> {
    for origin in workload::workloads(world) {
        if workload::current(state, &origin).is_some() {
            continue;
        }
        let index = state.timeline.events().len();
        // A workload whose role does not trust its service gets nothing; the timeline says
        // why, and repeated refusals fold into one entry.
        let refused = workload::deliver(world, state, &origin, from).is_err();
        if let (true, Some(h)) = (refused, workload::holder(&origin)) {
            state.timeline.mark_refresh(index, h);
        }
    }
    state.advance(world, from, to)
}

/// The next time a session expires after `now`, for "Jump to next expiry".
pub fn next_expiry(state: &StsState, now: SimTime) -> Option<SimTime> {
    state
        .sessions
        .iter()
        .map(|s| s.credentials.expiration)
        .filter(|&e| e > now)
        .min()
}

/// How many role sessions of each role still work at `now`, by the role's unique id: who
/// holds the role's temporary credentials right now. Expired sessions do not count; they
/// grant nothing.
pub fn live_role_sessions(state: &StsState, now: SimTime) -> BTreeMap<RoleId, usize> {
    let mut out = BTreeMap::new();
    for s in state.active_sessions(now) {
        if let SessionPrincipal::Role { role_id, .. } = &s.principal {
            let n = out.entry(role_id.clone()).or_insert(0usize);
            *n = n.saturating_add(1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::sts::services::EC2_CREDENTIALS_SECONDS;

    fn ec2_keys(state: &StsState) -> Vec<(String, SimTime, SimTime)> {
        state
            .sessions
            .iter()
            .filter(|s| matches!(s.origin, SessionOrigin::Ec2InstanceProfile { .. }))
            .map(|s| {
                (
                    s.credentials.access_key_id.to_string(),
                    s.issued_at,
                    s.credentials.expiration,
                )
            })
            .collect()
    }

    #[test]
    fn ec2_credentials_rotate_at_least_five_minutes_before_expiry() {
        // "We make new credentials available at least five minutes before the expiration of
        // the old credentials." (iam-roles-for-amazon-ec2.html)
        let world = World::sample();
        let mut state = StsState::new(1);
        let t0 = SimTime::WORLD_EPOCH;
        advance(&world, &mut state, t0, t0);
        let first = ec2_keys(&state);
        assert_eq!(first.len(), 1, "web-1 gets credentials at once");
        let later = t0.plus(SimDuration::from_secs(EC2_CREDENTIALS_SECONDS));
        assert!(has_work(&world, &state, t0, later));
        advance(&world, &mut state, t0, later);
        let keys = ec2_keys(&state);
        assert_eq!(keys.len(), 2);
        let (old, new) = (&keys[0], &keys[1]);
        assert_ne!(old.0, new.0, "a new key id");
        assert!(new.1 <= old.2.plus(SimDuration::from_mins(-5)));
        assert!(new.2 > later);
    }

    #[test]
    fn quiet_ticks_have_no_work_and_expiries_are_found() {
        let world = World::sample();
        let mut state = StsState::new(1);
        let t0 = SimTime::WORLD_EPOCH;
        advance(&world, &mut state, t0, t0);
        let t1 = t0.plus(SimDuration::from_secs(1));
        assert!(!has_work(&world, &state, t0, t1));
        let exp = state.sessions[0].credentials.expiration;
        assert_eq!(next_expiry(&state, t0), Some(exp));
        assert_eq!(next_expiry(&state, exp), None);
    }

    #[test]
    fn live_role_sessions_count_until_expiry_and_not_after() {
        let world = World::sample();
        let mut state = StsState::new(1);
        let t0 = SimTime::WORLD_EPOCH;
        advance(&world, &mut state, t0, t0);
        let web_role = world
            .roles
            .values()
            .find(|r| r.role_name == "WebServerRole")
            .unwrap()
            .role_id
            .clone();
        let live = live_role_sessions(&state, t0);
        assert_eq!(
            live.get(&web_role),
            Some(&1),
            "web-1 holds WebServerRole credentials"
        );
        assert_eq!(live.len(), 1, "nobody else holds a role session");
        let exp = state.sessions[0].credentials.expiration;
        // Without a refresh the session stops counting at its Expiration (now >= Expiration).
        assert!(live_role_sessions(&state, exp).is_empty());
        assert_eq!(
            live_role_sessions(&state, exp.plus(SimDuration::from_secs(-1))).get(&web_role),
            Some(&1)
        );
    }
}
