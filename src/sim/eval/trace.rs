//! The evaluation trace: every policy considered and why each statement did or did not match.

use super::{ContextValue, PolicyType};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything the decision was based on.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Trace {
    /// The request context after AWS's own keys were added.
    pub context: BTreeMap<String, ContextValue>,
    /// Every policy, in evaluation order.
    pub policies: Vec<PolicyTrace>,
    /// The gates of the evaluation flow chart, in order, with their outcome.
    pub steps: Vec<Step>,
}

/// One policy's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyTrace {
    /// Its type.
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    /// Its name.
    pub name: String,
    /// For SCPs and RCPs: the level (0 = organization root).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// Whether it applies to this request (SCPs do not apply to the management account, ...).
    pub applies: bool,
    /// Whether an `Allow` statement matched.
    pub allows: bool,
    /// Whether a `Deny` statement matched.
    pub denies: bool,
    /// Each statement.
    pub statements: Vec<StatementTrace>,
}

/// One statement's match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementTrace {
    /// Position in the policy.
    pub index: usize,
    /// `Sid`, if any (shared with the compiled statement it comes from: a trace copies no text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<Arc<str>>,
    /// `Allow` / `Deny`.
    pub effect: &'static str,
    /// Whether every element matched (the statement applies).
    pub matched: bool,
    /// `Action` / `NotAction`.
    pub action: ElementTrace,
    /// `Resource` / `NotResource` (absent in trust policies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<ElementTrace>,
    /// `Principal` / `NotPrincipal` (resource-based policies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<ElementTrace>,
    /// Each condition clause (evaluated only when the other elements matched).
    pub conditions: Vec<ConditionTrace>,
}

/// One element's match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementTrace {
    /// `Action`, `NotResource`, ...
    pub element: &'static str,
    /// Whether the element lets the statement apply.
    pub matched: bool,
    /// The pattern that matched the request, if one did (shared with the compiled pattern).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Arc<str>>,
}

/// One condition clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConditionTrace {
    /// The operator as written.
    pub operator: String,
    /// The key as written.
    pub key: String,
    /// The policy's values (after policy variables were substituted).
    pub policy_values: Vec<String>,
    /// The request's values; `null` when the key is not in the request context.
    pub request_values: Option<Vec<String>>,
    /// The clause's result.
    pub result: bool,
    /// `could not evaluate ...` when a value cannot be read as the operator's type (a number,
    /// a date, an IP address, true/false): such a comparison does not match, and says why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One gate of the flow chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Which gate (saved as `explicit_deny`, `scp`, ...).
    pub gate: EvalGate,
    /// How it went (saved as `pass`, `fail`, `allow`, `not_applicable`).
    pub outcome: StepOutcome,
    /// Plain words.
    pub note: String,
}

/// The gates of the evaluation flow chart, in the order they are passed. Serialised as the
/// names `iam-eval` has always printed (`explicit_deny`, `permissions_boundary`, ...).
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalGate {
    /// An explicit deny in any applicable policy.
    ExplicitDeny,
    /// Service control policies.
    Scp,
    /// Resource control policies.
    Rcp,
    /// Resource-based policies (role trust policies, key policies, ...).
    Resource,
    /// Identity-based policies.
    Identity,
    /// The permissions boundary.
    PermissionsBoundary,
    /// Session policies.
    Session,
}

impl EvalGate {
    /// Every gate, in the flow chart's order.
    pub const ALL: [EvalGate; 7] = [
        EvalGate::ExplicitDeny,
        EvalGate::Scp,
        EvalGate::Rcp,
        EvalGate::Resource,
        EvalGate::Identity,
        EvalGate::PermissionsBoundary,
        EvalGate::Session,
    ];

    /// The gate where a policy type's allow or implicit deny is decided.
    pub fn of(t: PolicyType) -> EvalGate {
        match t {
            PolicyType::Scp => EvalGate::Scp,
            PolicyType::Rcp => EvalGate::Rcp,
            PolicyType::Resource => EvalGate::Resource,
            PolicyType::Identity => EvalGate::Identity,
            PolicyType::PermissionsBoundary => EvalGate::PermissionsBoundary,
            PolicyType::Session => EvalGate::Session,
        }
    }

    /// The printed name (`explicit_deny`), as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EvalGate::ExplicitDeny => "explicit_deny",
            EvalGate::Scp => "scp",
            EvalGate::Rcp => "rcp",
            EvalGate::Resource => "resource",
            EvalGate::Identity => "identity",
            EvalGate::PermissionsBoundary => "permissions_boundary",
            EvalGate::Session => "session",
        }
    }
}

/// How a gate of the flow chart went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOutcome {
    /// The request got through this gate; later gates decide.
    Pass,
    /// The request was denied here.
    Fail,
    /// This gate decided to allow.
    Allow,
    /// The gate does not apply to this request (no organization, ...).
    NotApplicable,
}

impl StepOutcome {
    /// Every outcome.
    pub const ALL: [StepOutcome; 4] = [
        StepOutcome::Pass,
        StepOutcome::Fail,
        StepOutcome::Allow,
        StepOutcome::NotApplicable,
    ];

    /// The printed name (`not_applicable`), as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StepOutcome::Pass => "pass",
            StepOutcome::Fail => "fail",
            StepOutcome::Allow => "allow",
            StepOutcome::NotApplicable => "not_applicable",
        }
    }

    /// Whether the request got through the gate (passed it or was allowed there).
    pub fn let_through(self) -> bool {
        matches!(self, StepOutcome::Pass | StepOutcome::Allow)
    }
}

impl std::fmt::Display for EvalGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for StepOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

// Comparing with the printed names keeps code that matched the strings working unchanged.
impl PartialEq<&str> for EvalGate {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<&str> for StepOutcome {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
