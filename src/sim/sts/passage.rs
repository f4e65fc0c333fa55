//! Time passing for STS: one function moves the state from `now` to `later`, refreshing
//! workloads' credentials and expiring sessions in time order, at a cost set by what can be
//! observed, not by how much time passes.
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html#instance-metadata-security-credentials

use super::session::{SessionOrigin, StsState, FORGOTTEN_KEYS_KEPT};
use super::workload::{self, Terms};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{Role, World};

/// Refreshes of one workload in one advance that are kept as sessions: the last ones. The
/// ones before them are counted but mint no credentials, since nobody can use or see
/// credentials that were replaced and expired while the clock jumped. Four refreshes span
/// about a day, so a day's advance keeps every one.
pub const KEPT_REFRESHES: u64 = 4;

/// Sessions of one workload kept once time has passed: older ones that have expired are
/// forgotten (and counted in [`StsState::forgotten_sessions`]).
pub const KEPT_WORKLOAD_SESSIONS: usize = 8;

/// What time did on the way from `now` to `later`, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeEvent {
    /// A workload got new credentials before its old ones expired.
    Refreshed {
        /// When.
        at: SimTime,
        /// The instance id or function name.
        holder: String,
        /// The role it runs as.
        role_arn: String,
        /// The new credentials' key id.
        access_key_id: String,
    },
    /// The service could not assume the workload's role (its trust policy no longer lets it):
    /// the workload keeps its old credentials until they expire and gets no more.
    RefreshRefused {
        /// When.
        at: SimTime,
        /// The instance id or function name.
        holder: String,
        /// The role it runs as.
        role_arn: String,
        /// AWS's code (`AssumeRoleUnauthorizedAccess`).
        code: String,
    },
    /// `count` refreshes from `first` to `last`, one every refresh period, whose credentials
    /// were replaced and expired before `later`: counted exactly, not kept.
    UnobservedRefreshes {
        /// The first of them.
        first: SimTime,
        /// The last of them.
        last: SimTime,
        /// How many.
        count: u64,
        /// The instance id or function name.
        holder: String,
        /// The role it runs as.
        role_arn: String,
    },
    /// Credentials reached their expiration (`now >= Expiration` holds from here on).
    Expired {
        /// When.
        at: SimTime,
        /// Who they acted as.
        arn: String,
        /// Their key id.
        access_key_id: String,
    },
}

impl TimeEvent {
    /// When it happened (for folded refreshes, the first of them).
    pub fn at(&self) -> SimTime {
        match self {
            TimeEvent::Refreshed { at, .. }
            | TimeEvent::RefreshRefused { at, .. }
            | TimeEvent::Expired { at, .. } => *at,
            TimeEvent::UnobservedRefreshes { first, .. } => *first,
        }
    }
}

/// One workload's refreshes within an advance.
struct Chain {
    origin: SessionOrigin,
    holder: String,
    role_arn: String,
    terms: Terms,
    /// The next refresh; always inside `(cursor, later]`.
    due: Option<SimTime>,
    /// Refresh attempts left in this advance, folded ones included.
    left: u64,
    /// Refreshes to fold at `due` before the kept ones.
    unobserved: u64,
}

impl StsState {
    /// Time passes from `now` to `later` (nothing happens unless `later > now`): every
    /// workload holding credentials gets new ones when five minutes or less remain (the
    /// service assumes its role again, trust policy checked at that instant), and every
    /// session whose expiration falls in `(now, later]` expires, in time order (refreshes
    /// before expiries at the same instant). Of a long run of refreshes only the last
    /// [`KEPT_REFRESHES`] mint credentials; the earlier ones are reported and put on the
    /// timeline as one exact count. The work done is bounded by the number of workloads and
    /// sessions, whatever the span.
    pub fn advance(&mut self, world: &World, now: SimTime, later: SimTime) -> Vec<TimeEvent> {
        let mut events = Vec::new();
        if later <= now {
            return events;
        }
        let mut chains: Vec<Chain> = workload::workloads(world)
            .into_iter()
            .filter_map(|origin| chain(world, self, origin, now, later))
            .collect();
        let mut cursor = now;
        loop {
            let next_expiry = self
                .sessions
                .iter()
                .map(|s| s.credentials.expiration)
                .filter(|&e| e > cursor && e <= later)
                .min();
            let next_refresh = chains.iter().filter_map(|c| c.due).min();
            let Some(t) = [next_expiry, next_refresh].into_iter().flatten().min() else {
                break;
            };
            for c in chains.iter_mut().filter(|c| c.due == Some(t)) {
                refresh(world, self, c, t, &mut events);
            }
            self.expire_at(t, &mut events);
            cursor = t;
        }
        self.forget_old_workload_sessions(later);
        events
    }

    /// Every session expiring exactly at `t`, in a fixed order (ARN, then key id).
    fn expire_at(&mut self, t: SimTime, events: &mut Vec<TimeEvent>) {
        let mut expiring: Vec<(String, String, Option<String>, SimTime)> = self
            .sessions
            .iter()
            .filter(|s| s.credentials.expiration == t)
            .map(|s| {
                (
                    s.arn().to_string(),
                    s.credentials.access_key_id.to_string(),
                    workload::holder(&s.origin).map(str::to_string),
                    s.issued_at,
                )
            })
            .collect();
        crate::sim::sorting::sort(&mut expiring);
        for (arn, key, holder, issued_at) in expiring {
            match &holder {
                Some(h) => self
                    .timeline
                    .record_replaced_expiry((t, &arn, &key), h, issued_at),
                None => self.timeline.record_expiry(t, &arn, &key),
            }
            events.push(TimeEvent::Expired {
                at: t,
                arn,
                access_key_id: key,
            });
        }
    }

    /// Keeps the newest [`KEPT_WORKLOAD_SESSIONS`] sessions of each workload, and any that
    /// still work at `now`; forgets the rest.
    fn forget_old_workload_sessions(&mut self, now: SimTime) {
        // Counted per workload (a function's ARN tells apart two of one name), few per world.
        let mut seen: Vec<(&SessionOrigin, usize)> = Vec::new();
        let mut keep: Vec<bool> = self
            .sessions
            .iter()
            .rev()
            .map(|s| {
                if workload::holder(&s.origin).is_none() {
                    return true;
                }
                let n = match seen.iter_mut().find(|(o, _)| *o == &s.origin) {
                    Some((_, n)) => {
                        *n = n.saturating_add(1);
                        *n
                    }
                    None => {
                        seen.push((&s.origin, 1));
                        1
                    }
                };
                n <= KEPT_WORKLOAD_SESSIONS || !s.credentials.is_expired(now)
            })
            .collect();
        keep.reverse();
        let before = self.sessions.len();
        let mut flags = keep.into_iter();
        let forgotten_keys = &mut self.forgotten_keys;
        self.sessions.retain(|s| {
            let kept = flags.next().unwrap_or(true);
            if !kept {
                forgotten_keys.push_back(s.credentials.access_key_id.to_string());
            }
            kept
        });
        while self.forgotten_keys.len() > FORGOTTEN_KEYS_KEPT {
            self.forgotten_keys.pop_front();
        }
        let forgotten = before.saturating_sub(self.sessions.len());
        self.forgotten_sessions = self
            .forgotten_sessions
            .saturating_add(u64::try_from(forgotten).unwrap_or(u64::MAX));
    }
}

/// The refreshes `origin` is due in `(now, later]`: its newest credentials are replaced
/// `refresh_before` ahead of their expiry, the new ones likewise, one every period.
fn chain(
    world: &World,
    state: &StsState,
    origin: SessionOrigin,
    now: SimTime,
    later: SimTime,
) -> Option<Chain> {
    let (role, terms) = workload::role_and_terms(world, &origin)?;
    let holder = workload::holder(&origin)?.to_string();
    let current = workload::current(state, &origin)?;
    let first = current.credentials.expiration.plus(SimDuration(
        terms.refresh_before.as_millis().saturating_neg(),
    ));
    let period = terms.period().as_millis();
    if first <= now || first > later || period <= 0 {
        return None;
    }
    let due_in_span = later.since(first).as_millis().checked_div(period)?;
    let attempts = u64::try_from(due_in_span).ok()?.saturating_add(1);
    // Only a long run needs its refusal found ahead: a short one meets it as it goes.
    let (attempts, succeeding) = match attempts > KEPT_REFRESHES {
        false => (attempts, attempts),
        true => match first_refusal(role, terms.service, first, period, attempts) {
            Some(k) => (k, k.saturating_sub(1)),
            None => (attempts, attempts),
        },
    };
    Some(Chain {
        holder,
        role_arn: role.arn.clone(),
        origin,
        terms,
        due: Some(first),
        left: attempts,
        unobserved: succeeding.saturating_sub(KEPT_REFRESHES),
    })
}

/// The 1-based index of the first of `attempts` refreshes (at `first + (k - 1) * period`) that
/// the role's trust policy refuses. The answer only changes at the policy's turning points,
/// so the first refresh after each one is enough to ask.
fn first_refusal(
    role: &Role,
    service: &str,
    first: SimTime,
    period: i64,
    attempts: u64,
) -> Option<u64> {
    let mut ks = vec![1u64];
    for point in workload::trust_turning_points(role) {
        let gap = point.since(first).as_millis();
        let k = match gap <= 0 {
            true => 1,
            false => u64::try_from(gap.div_euclid(period))
                .ok()?
                .saturating_add(u64::from(gap.rem_euclid(period) != 0))
                .saturating_add(1),
        };
        if k <= attempts {
            ks.push(k);
        }
    }
    crate::sim::sorting::sort(&mut ks);
    ks.dedup();
    ks.into_iter()
        .find(|&k| !workload::service_may_assume(role, service, nth(first, period, k)))
}

/// The `k`th refresh instant (1-based).
fn nth(first: SimTime, period: i64, k: u64) -> SimTime {
    let steps = i64::try_from(k.saturating_sub(1)).unwrap_or(i64::MAX);
    first.plus(SimDuration(steps.saturating_mul(period)))
}

/// The chain's refresh at `t`: a fold of unobserved refreshes first, then one delivery.
fn refresh(
    world: &World,
    state: &mut StsState,
    c: &mut Chain,
    t: SimTime,
    events: &mut Vec<TimeEvent>,
) {
    let period = c.terms.period().as_millis();
    if c.unobserved > 0 {
        let count = std::mem::take(&mut c.unobserved);
        let last = nth(t, period, count);
        state.timeline.record_unobserved_refreshes(
            &c.holder,
            (c.terms.service, &c.role_arn),
            (t, last),
            count,
        );
        events.push(TimeEvent::UnobservedRefreshes {
            first: t,
            last,
            count,
            holder: c.holder.clone(),
            role_arn: c.role_arn.clone(),
        });
        c.left = c.left.saturating_sub(count);
        c.due = (c.left > 0).then(|| nth(t, period, count.saturating_add(1)));
        return;
    }
    let index = state.timeline.events().len();
    let before = state.sessions.len();
    let delivered = workload::deliver(world, state, &c.origin, t);
    state.timeline.mark_refresh(index, &c.holder);
    c.left = c.left.saturating_sub(1);
    c.due = None;
    match delivered {
        Ok(()) => {
            let Some(new) = state.sessions.get(before..).and_then(<[_]>::last) else {
                return;
            };
            events.push(TimeEvent::Refreshed {
                at: t,
                holder: c.holder.clone(),
                role_arn: c.role_arn.clone(),
                access_key_id: new.credentials.access_key_id.to_string(),
            });
            c.due = (c.left > 0).then(|| nth(t, period, 2));
        }
        Err(e) => events.push(TimeEvent::RefreshRefused {
            at: t,
            holder: c.holder.clone(),
            role_arn: c.role_arn.clone(),
            code: e.code().to_string(),
        }),
    }
}
