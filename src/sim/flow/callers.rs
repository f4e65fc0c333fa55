//! Who can make a call right now: the credentials the simulator offers as "Caller".

use crate::sim::ids::UserId;
use crate::sim::sts::{SessionOrigin, SessionPrincipal, StsState};
use crate::sim::time::SimTime;
use crate::sim::world::{AccessKeyStatus, World};

/// One caller the form offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerChoice {
    /// The credential the call is made with: an access key id, or `arn:aws:iam::ACCOUNT:root`.
    /// Empty for a user without an active access key (who cannot call the API yet).
    pub credential: String,
    /// What the person sees.
    pub label: String,
    /// The user when the user has no active access key (so the UI can offer to create one).
    pub needs_key: Option<UserId>,
    /// A default session name for this caller (`alice-session`).
    pub session_name: String,
    /// For IAM users, the user's id (stable while keys come and go).
    pub user_id: Option<UserId>,
}

/// Users (with their active key, or marked as needing one), role sessions still valid, EC2
/// instances and Lambda functions (their current workload credentials), then each account's
/// root user, which AWS refuses (it is listed to show why).
pub fn callers(world: &World, state: &StsState, now: SimTime) -> Vec<CallerChoice> {
    let mut out = Vec::new();
    for u in world.users.values() {
        let key = u
            .access_keys
            .iter()
            .find(|k| k.status == AccessKeyStatus::Active);
        out.push(CallerChoice {
            credential: key.map(|k| k.access_key_id.to_string()).unwrap_or_default(),
            label: match key {
                Some(k) => format!("{} ({})", u.user_name, k.access_key_id),
                None => format!("{} (no active access key)", u.user_name),
            },
            needs_key: key.is_none().then(|| u.user_id.clone()),
            session_name: format!("{}-session", u.user_name),
            user_id: Some(u.user_id.clone()),
        });
    }
    let mut workloads: Vec<&SessionOrigin> = Vec::new();
    for s in state.sessions.iter().rev() {
        if s.credentials.is_expired(now) {
            continue;
        }
        let SessionPrincipal::Role {
            role_name,
            session_name,
            ..
        } = &s.principal
        else {
            continue;
        };
        let key = s.credentials.access_key_id.to_string();
        let label = match &s.origin {
            SessionOrigin::Ec2InstanceProfile { instance_id } => {
                if workloads.contains(&&s.origin) {
                    continue;
                }
                workloads.push(&s.origin);
                let name = world
                    .ec2_instances
                    .get(instance_id)
                    .map_or(instance_id.as_str(), |i| i.name.as_str());
                format!("EC2 instance {name} as {role_name} ({key})")
            }
            SessionOrigin::LambdaExecution { function_name, .. } => {
                if workloads.contains(&&s.origin) {
                    continue;
                }
                workloads.push(&s.origin);
                format!("Lambda function {function_name} as {role_name} ({key})")
            }
            _ => format!("Session {session_name} of {role_name} ({key})"),
        };
        out.push(CallerChoice {
            credential: key,
            label,
            needs_key: None,
            session_name: format!("{session_name}-chained"),
            user_id: None,
        });
    }
    for a in world.accounts.keys() {
        out.push(CallerChoice {
            credential: format!("arn:aws:iam::{a}:root"),
            label: format!("Root user of {a} (cannot assume roles)"),
            needs_key: None,
            session_name: "root-session".to_string(),
            user_id: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_offers_alice_bob_without_a_key_web_1_and_root() {
        let world = World::sample();
        let mut state = StsState::new(1);
        let t0 = SimTime::WORLD_EPOCH;
        super::super::live::advance(&world, &mut state, t0, t0);
        let c = callers(&world, &state, t0);
        let labels: Vec<&str> = c.iter().map(|c| c.label.as_str()).collect();
        assert!(
            labels.iter().any(|l| l.starts_with("alice (AKIA")),
            "{labels:?}"
        );
        assert!(
            labels.iter().any(|l| l.starts_with("EC2 instance ")),
            "{labels:?}"
        );
        assert!(labels
            .iter()
            .any(|l| l == &"Root user of 111122223333 (cannot assume roles)"));
        // Expired sessions are not offered.
        let later = t0.plus(crate::sim::time::SimDuration::from_hours(7));
        assert!(!callers(&world, &state, later)
            .iter()
            .any(|c| c.label.starts_with("EC2 instance ")));
    }
}
