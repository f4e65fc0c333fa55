//! Policy evaluation: one request, every applicable policy, AWS's decision and why.
//!
//! Logic: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>,
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html>.

pub mod batch;
pub mod combine;
pub mod compiled;
pub mod conditions;
pub mod context;
pub mod matching;
pub mod message;
pub mod trace;
pub mod wire;

use crate::sim::policy::Policy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use combine::try_evaluate;
pub use context::{ContextValue, RequestContext};
pub use trace::{EvalGate, StepOutcome, Trace};
pub use wire::RequestError;

/// A policy with the name the trace and messages use (`AdminAccess`, a policy ARN, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedPolicy {
    /// Shown in the trace; an ARN here is quoted in explicit-deny messages as AWS does.
    pub name: String,
    /// The parsed policy.
    pub policy: Policy,
}

impl NamedPolicy {
    /// A policy with its trace name.
    pub fn new(name: impl Into<String>, policy: Policy) -> Self {
        NamedPolicy {
            name: name.into(),
            policy,
        }
    }
}

/// Who makes the request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PrincipalInfo {
    /// The caller's ARN: `...:user/name`, `...:root`, `arn:aws:sts::...:assumed-role/Role/session`,
    /// `arn:aws:sts::...:federated-user/name`. Empty for a service principal.
    pub arn: String,
    /// The caller's account (taken from the ARN when empty).
    pub account: String,
    /// The unique id (`AIDA...` for a user, `AROA...` for the role of a session).
    pub id: Option<String>,
    /// Tags on the user or role (`aws:PrincipalTag/...`).
    pub tags: BTreeMap<String, String>,
    /// Present for temporary credentials (role sessions, federated users).
    pub session: Option<SessionInfo>,
    /// An AWS service principal such as `lambda.amazonaws.com` (instead of an ARN).
    pub service: Option<String>,
}

/// What AWS knows about a temporary-credential session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionInfo {
    /// The role's ARN with its path (`aws:PrincipalArn`); derived from the session ARN without one.
    pub role_arn: Option<String>,
    /// Session tags; they override the role's tags of the same key.
    pub tags: BTreeMap<String, String>,
    /// `aws:SourceIdentity`.
    pub source_identity: Option<String>,
    /// Whether MFA was used to get the session (`aws:MultiFactorAuthPresent`).
    pub mfa: bool,
    /// Seconds since MFA authentication (`aws:MultiFactorAuthAge`).
    pub mfa_age_seconds: Option<u64>,
    /// When the credentials were issued, ISO 8601 (`aws:TokenIssueTime`).
    pub token_issue_time: Option<String>,
    /// Identity provider for web identity / SAML sessions (`aws:FederatedProvider`).
    pub federated_provider: Option<String>,
}

/// The resource the action is on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResourceInfo {
    /// Its ARN; empty or `*` for actions that take no resource.
    pub arn: String,
    /// The owning account (taken from the ARN when empty; else the caller's).
    pub account: String,
    /// Tags on the resource (`aws:ResourceTag/...`).
    pub tags: BTreeMap<String, String>,
}

/// The AWS Organizations facts evaluation needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Organization {
    /// `o-...` (`aws:PrincipalOrgID`, `aws:ResourceOrgID`).
    pub id: String,
    /// The management account: SCPs and RCPs do not apply to it.
    pub management_account: String,
    /// Member accounts, with their org path `o-.../r-.../ou-.../` (may be empty).
    pub accounts: BTreeMap<String, String>,
}

/// Everything one authorization needs. Build it directly from parsed policies, or
/// deserialize the `iam-eval` JSON form (see the README, "Script it").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvalRequest {
    /// The caller.
    pub principal: PrincipalInfo,
    /// `service:Action`, e.g. `s3:GetObject`.
    pub action: String,
    /// The resource.
    pub resource: ResourceInfo,
    /// Caller-supplied context keys (`aws:SourceIp`, `s3:prefix`, ...). They override the
    /// keys derived from the principal and resource.
    pub context: BTreeMap<String, ContextValue>,
    /// Identity-based policies of the caller (user + groups, or the role).
    pub identity_policies: Vec<NamedPolicy>,
    /// The resource's policy (bucket policy, key policy, role trust policy, ...).
    pub resource_policy: Option<NamedPolicy>,
    /// The caller's permissions boundary.
    pub permissions_boundary: Option<NamedPolicy>,
    /// Session policies passed when the session was created.
    pub session_policies: Vec<NamedPolicy>,
    /// SCPs by level (root, OUs..., account) of the caller's account; each level must allow.
    pub scps: Vec<Vec<NamedPolicy>>,
    /// RCPs by level of the resource's account; each level must allow.
    pub rcps: Vec<Vec<NamedPolicy>>,
    /// The organization, when accounts are in one.
    pub organization: Option<Organization>,
}

impl EvalRequest {
    /// A request by the caller `principal_arn` for `action` on `resource_arn` (empty for none),
    /// with no policies yet: fill in the policy fields, then [`evaluate`].
    pub fn new(principal_arn: &str, action: &str, resource_arn: &str) -> Self {
        EvalRequest {
            principal: PrincipalInfo {
                arn: principal_arn.to_string(),
                ..PrincipalInfo::default()
            },
            action: action.to_string(),
            resource: ResourceInfo {
                arn: resource_arn.to_string(),
                ..ResourceInfo::default()
            },
            ..EvalRequest::default()
        }
    }
}

/// The outcome, in AWS's three words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Some policy allowed and nothing denied.
    Allowed,
    /// A `Deny` statement matched.
    ExplicitlyDenied,
    /// No policy allowed (the default).
    ImplicitlyDenied,
}

/// The policy types, as `decided_by` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyType {
    /// Service control policy.
    Scp,
    /// Resource control policy.
    Rcp,
    /// Resource-based policy (including role trust policies and key policies).
    Resource,
    /// Identity-based policy.
    Identity,
    /// Permissions boundary.
    PermissionsBoundary,
    /// Session policy.
    Session,
}

impl PolicyType {
    /// The `decided_by` string.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Scp => "scp",
            PolicyType::Rcp => "rcp",
            PolicyType::Resource => "resource",
            PolicyType::Identity => "identity",
            PolicyType::PermissionsBoundary => "permissions_boundary",
            PolicyType::Session => "session",
        }
    }
}

/// The decision, which policy type decided it, AWS's message, and the full trace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalResult {
    /// Allowed / explicitly / implicitly denied.
    pub decision: Decision,
    /// The policy type that decided.
    pub decided_by: PolicyType,
    /// For denials AWS's AccessDenied text; for allows a plain explanation.
    pub message: String,
    /// Every policy considered and every statement's match.
    pub trace: Trace,
}

/// Evaluates one request.
pub fn evaluate(request: &EvalRequest) -> EvalResult {
    combine::evaluate(request)
}

/// One JSON request in, one JSON response out: `{"decision", "decided_by", "message",
/// "trace"}` or `{"error": "..."}`. Used by `iam-eval` and by the page's JavaScript hook.
pub fn evaluate_json(line: &str) -> String {
    let error = |e: String| serde_json::json!({ "error": e }).to_string();
    match serde_json::from_str::<wire::WireRequest>(line) {
        Err(e) => error(format!("invalid request: {e}")),
        Ok(w) => match EvalRequest::try_from(w).and_then(|req| combine::try_evaluate(&req)) {
            Err(e) => error(e.to_string()),
            Ok(result) => serde_json::to_string(&result).unwrap_or_else(|e| error(e.to_string())),
        },
    }
}
