//! The evaluation trace: every policy considered and why each statement did or did not match.

use super::{ContextValue, PolicyType};
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// `Sid`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// `Allow` / `Deny`.
    pub effect: String,
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
    pub element: String,
    /// Whether the element lets the statement apply.
    pub matched: bool,
    /// The pattern that matched the request, if one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
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
    /// `explicit_deny`, `scp`, `rcp`, `resource`, `identity`, `permissions_boundary`, `session`.
    pub gate: String,
    /// `pass`, `fail`, `allow` (decides allow), or `not_applicable`.
    pub outcome: String,
    /// Plain words.
    pub note: String,
}
