//! What the page shows for issued credentials: who holds them, how they were made, and the
//! countdown to their expiry.

use super::request::Tag;
use super::session::{Session, SessionOrigin, SessionPrincipal, StsState};
use crate::sim::time::{SimDuration, SimTime};
use serde::Serialize;

/// One issued set of temporary credentials, seen at some `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionView {
    /// `ASIA...`.
    pub access_key_id: String,
    /// The ARN the credentials act as (`assumed-role/...` or the user's ARN).
    pub arn: String,
    /// The role's IAM ARN (with path) for role sessions.
    pub role_arn: Option<String>,
    /// `AssumeRole`, `AssumeRoleWithWebIdentity`, `AssumeRoleWithSAML`, `GetSessionToken`,
    /// `EC2 instance profile`, `Lambda execution role`.
    pub origin: String,
    /// When issued.
    pub issued_at: SimTime,
    /// When they stop working.
    pub expiration: SimTime,
    /// Time left (zero once expired).
    pub remaining: SimDuration,
    /// `59:59`, `1:00:00`, `0:00`.
    pub countdown: String,
    /// `now >= expiration`.
    pub expired: bool,
    /// Made with another role session's credentials (capped at one hour).
    pub chained: bool,
    /// `aws:MultiFactorAuthPresent`.
    pub mfa_present: bool,
    /// `aws:SourceIdentity`.
    pub source_identity: Option<String>,
    /// Session tags.
    pub tags: Vec<Tag>,
    /// The access key id of the credentials that asked for these.
    pub parent: Option<String>,
}

fn origin_label(o: &SessionOrigin) -> &'static str {
    match o {
        SessionOrigin::AssumeRole => "AssumeRole",
        SessionOrigin::WebIdentity { .. } => "AssumeRoleWithWebIdentity",
        SessionOrigin::Saml { .. } => "AssumeRoleWithSAML",
        SessionOrigin::SessionToken => "GetSessionToken",
        SessionOrigin::Ec2InstanceProfile { .. } => "EC2 instance profile",
        SessionOrigin::LambdaExecution { .. } => "Lambda execution role",
    }
}

impl SessionView {
    /// `s` as seen at `now`.
    pub fn of(s: &Session, now: SimTime) -> SessionView {
        let remaining = s.credentials.remaining(now).max(SimDuration::ZERO);
        SessionView {
            access_key_id: s.credentials.access_key_id.to_string(),
            arn: s.arn().to_string(),
            role_arn: match &s.principal {
                SessionPrincipal::Role { role_arn, .. } => Some(role_arn.clone()),
                _ => None,
            },
            origin: origin_label(&s.origin).to_string(),
            issued_at: s.issued_at,
            expiration: s.credentials.expiration,
            remaining,
            countdown: remaining.countdown(),
            expired: s.credentials.is_expired(now),
            chained: s.chained,
            mfa_present: s.mfa_present,
            source_identity: s.source_identity.clone(),
            tags: s.tags.clone(),
            parent: s.parent.as_ref().map(|p| p.to_string()),
        }
    }
}

impl StsState {
    /// Every session ever issued, newest first, as seen at `now`.
    pub fn session_views(&self, now: SimTime) -> Vec<SessionView> {
        self.sessions
            .iter()
            .rev()
            .map(|s| SessionView::of(s, now))
            .collect()
    }

    /// Unexpired sessions acting as `principal_arn` (a role's IAM ARN or a user's ARN), newest
    /// first: the credential chips on a canvas node.
    pub fn live_sessions_of(&self, principal_arn: &str, now: SimTime) -> Vec<SessionView> {
        self.sessions
            .iter()
            .rev()
            .filter(|s| !s.credentials.is_expired(now))
            .filter(|s| match &s.principal {
                SessionPrincipal::Role { role_arn, .. } => role_arn == principal_arn,
                SessionPrincipal::User { user_arn, .. } => user_arn == principal_arn,
                SessionPrincipal::Root { arn, .. } => arn == principal_arn,
            })
            .map(|s| SessionView::of(s, now))
            .collect()
    }
}
