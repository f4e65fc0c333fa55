//! The timeline: every STS call, every use of credentials, every expiry; a workload's
//! repeated refreshes fold into one entry.

use super::error::StsError;
use super::gate::Gate;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

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
    /// Who: the caller's ARN (or the expiring session's ARN); for `AssumeRoleWithWebIdentity`
    /// the token's subject (`web identity` when the call was refused).
    pub who: String,
    /// For `AssumeRoleWithWebIdentity`: the ARN of the OIDC provider that issued the token,
    /// once the call got as far as finding it (refused calls included). CloudTrail likewise
    /// records a web identity caller's `userName` as the token's subject and the provider
    /// apart, as `identityProvider`:
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html>.
    /// Absent from entries recorded before it was kept, which still load and save unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider: Option<String>,
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

/// Refreshes of one workload's credentials that time made, folded into one timeline entry:
/// a workload refreshed every few hours would otherwise add two entries each time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refreshes {
    /// The workload: an EC2 instance id or a Lambda function name.
    pub holder: String,
    /// How many refreshes the entry stands for (exact, including ones whose credentials were
    /// never kept because nobody could have seen them).
    pub count: u64,
    /// When the last of them happened (the entry's `at` is the first).
    pub last_at: SimTime,
    /// The access key id the last one issued, when it was kept.
    pub last_access_key_id: Option<String>,
    /// How many credentials these refreshes replaced have expired since.
    pub expired: u64,
}

/// Entries are appended in the order they happen and never removed or reordered, so an index
/// names an entry for good. The one edit: a refresh time makes folds into the same
/// workload's refresh entry when nothing but expiries and other refreshes came after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// Shared, not copied, when the state is cloned: a story keeps saved points along its
    /// steps, and thousands of entries copied at each would cost the square of its length.
    events: Vec<Rc<TimelineEvent>>,
    /// Refresh entries by index.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    refreshes: BTreeMap<usize, Refreshes>,
}

/// How far back a refresh looks for an entry to fold into: past this many expiries and other
/// workloads' refreshes it starts a new entry (keeps each fold O(1)).
const FOLD_REACH: usize = 64;

impl Timeline {
    /// All entries in the order they happened.
    pub fn events(&self) -> &[Rc<TimelineEvent>] {
        &self.events
    }

    /// The refreshes entry `index` stands for, if it is a workload refresh made by time.
    pub fn refreshes(&self, index: usize) -> Option<&Refreshes> {
        self.refreshes.get(&index)
    }

    /// Appends one entry.
    pub fn record(&mut self, event: TimelineEvent) {
        self.events.push(Rc::new(event));
    }

    /// Appends an expiry of `access_key_id` (acting as `who`) at `at`.
    pub fn record_expiry(&mut self, at: SimTime, who: &str, access_key_id: &str) {
        self.record(expiry(at, who, access_key_id));
    }

    /// An expiry of credentials of `holder` issued at `issued_at`: counted in the holder's
    /// latest refresh entry when a refresh made after `issued_at` replaced them and that
    /// entry already folds repeated refreshes, else appended like any expiry.
    pub fn record_replaced_expiry(
        &mut self,
        (at, who, access_key_id): (SimTime, &str, &str),
        holder: &str,
        issued_at: SimTime,
    ) {
        let target = self.foldable(holder, None, &Outcome::Success, self.events.len());
        match target.and_then(|i| self.refreshes.get_mut(&i)) {
            Some(r) if r.count >= 2 && r.last_at > issued_at => {
                r.expired = r.expired.saturating_add(1);
            }
            _ => self.record(expiry(at, who, access_key_id)),
        }
    }

    /// Marks the entry just appended at `index` as `holder`'s refresh by time, folding it
    /// into the holder's previous refresh entry (same role, same outcome) when only expiries
    /// and refreshes came between.
    pub fn mark_refresh(&mut self, index: usize, holder: &str) {
        let Some(event) = self.events.get(index) else {
            return;
        };
        if index.saturating_add(1) != self.events.len() {
            return;
        }
        let (at, key) = (event.at, event.issued_access_key_id.clone());
        let into = self.foldable(holder, event.target.as_deref(), &event.outcome, index);
        match into.and_then(|i| self.refreshes.get_mut(&i)) {
            Some(r) => {
                r.count = r.count.saturating_add(1);
                r.last_at = at;
                r.last_access_key_id = key;
                self.events.pop();
            }
            None => {
                self.refreshes.insert(
                    index,
                    Refreshes {
                        holder: holder.to_string(),
                        count: 1,
                        last_at: at,
                        last_access_key_id: key,
                        expired: 0,
                    },
                );
            }
        }
    }

    /// `count` successful refreshes of `holder` from `first` to `last` that kept no
    /// credentials (nobody could observe them), each replacing credentials that expired
    /// before the advance ended: folded into the holder's refresh entry, or a new one.
    pub fn record_unobserved_refreshes(
        &mut self,
        holder: &str,
        (service, role_arn): (&str, &str),
        (first, last): (SimTime, SimTime),
        count: u64,
    ) {
        let end = self.events.len();
        if let Some(r) = self
            .foldable(holder, Some(role_arn), &Outcome::Success, end)
            .and_then(|i| self.refreshes.get_mut(&i))
        {
            r.count = r.count.saturating_add(count);
            r.expired = r.expired.saturating_add(count);
            r.last_at = last;
            r.last_access_key_id = None;
            return;
        }
        self.record(TimelineEvent {
            at: first,
            kind: EventKind::CredentialsDelivered,
            who: service.to_string(),
            identity_provider: None,
            access_key_id: None,
            api: "AssumeRole".to_string(),
            target: Some(role_arn.to_string()),
            outcome: Outcome::Success,
            gates: Vec::new(),
            issued_access_key_id: None,
        });
        self.refreshes.insert(
            end,
            Refreshes {
                holder: holder.to_string(),
                count,
                last_at: last,
                last_access_key_id: None,
                expired: count,
            },
        );
    }

    /// The latest refresh entry of `holder` before `end` (for `target` when given, with
    /// `outcome`) such that every entry after it is an expiry or a refresh.
    fn foldable(
        &self,
        holder: &str,
        target: Option<&str>,
        outcome: &Outcome,
        end: usize,
    ) -> Option<usize> {
        let before = self.events.get(..end)?;
        for (i, e) in before.iter().enumerate().rev().take(FOLD_REACH) {
            match self.refreshes.get(&i) {
                Some(r)
                    if r.holder == holder
                        && target.is_none_or(|t| e.target.as_deref() == Some(t))
                        && &e.outcome == outcome =>
                {
                    return Some(i)
                }
                Some(_) => {}
                None if e.kind == EventKind::Expired => {}
                None => return None,
            }
        }
        None
    }
}

fn expiry(at: SimTime, who: &str, access_key_id: &str) -> TimelineEvent {
    TimelineEvent {
        at,
        kind: EventKind::Expired,
        who: who.to_string(),
        identity_provider: None,
        access_key_id: Some(access_key_id.to_string()),
        api: "Expired".to_string(),
        target: None,
        outcome: Outcome::Success,
        gates: Vec::new(),
        issued_access_key_id: None,
    }
}
