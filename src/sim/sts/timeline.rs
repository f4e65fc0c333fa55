//! The append-only timeline: every STS call, every use of credentials, every expiry.

use super::error::StsError;
use super::gate::Gate;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};

/// What kind of entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// An STS API call (AssumeRole, GetSessionToken, ...).
    StsCall,
    /// A service call made with some credentials (`s3:GetObject`, ...).
    ServiceCall,
    /// Temporary credentials reached their expiration.
    Expired,
    /// A service (EC2, Lambda) received fresh role credentials for a workload.
    CredentialsDelivered,
    /// A role's sessions issued before now were revoked.
    SessionsRevoked,
}

/// How it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Succeeded (or, for expiries, happened).
    Success,
    /// Refused with AWS's code and message.
    Error {
        /// AWS's error code.
        code: String,
        /// AWS's message.
        message: String,
    },
}

impl From<&StsError> for Outcome {
    fn from(e: &StsError) -> Self {
        Outcome::Error {
            code: e.code().to_string(),
            message: e.message(),
        }
    }
}

/// One timeline entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// When.
    pub at: SimTime,
    /// What kind.
    pub kind: EventKind,
    /// Who: the caller's ARN (or the expiring session's ARN).
    pub who: String,
    /// The access key id involved (the caller's, or the expiring one).
    pub access_key_id: Option<String>,
    /// `AssumeRole`, `s3:GetObject`, `Expired`...
    pub api: String,
    /// The role or resource ARN the call was about.
    pub target: Option<String>,
    /// Success or AWS's error.
    pub outcome: Outcome,
    /// The gates, in order (empty for expiries).
    pub gates: Vec<Gate>,
    /// For calls that issued credentials: the new access key id.
    pub issued_access_key_id: Option<String>,
}

/// Append-only: entries are only ever pushed, never edited or removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    events: Vec<TimelineEvent>,
}

impl Timeline {
    /// All entries in the order they happened.
    pub fn events(&self) -> &[TimelineEvent] {
        &self.events
    }

    /// Appends one entry.
    pub fn record(&mut self, event: TimelineEvent) {
        self.events.push(event);
    }

    /// Appends an expiry of `access_key_id` (acting as `who`) at `at`.
    pub fn record_expiry(&mut self, at: SimTime, who: &str, access_key_id: &str) {
        self.record(TimelineEvent {
            at,
            kind: EventKind::Expired,
            who: who.to_string(),
            access_key_id: Some(access_key_id.to_string()),
            api: "Expired".to_string(),
            target: None,
            outcome: Outcome::Success,
            gates: Vec::new(),
            issued_access_key_id: None,
        });
    }
}
