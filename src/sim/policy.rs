//! The IAM policy language: JSON text -> AST (with findings like IAM Access Analyzer's) -> JSON.
//!
//! This is the one reader of policy JSON: evaluation, the canvas's edges and edits
//! ([`edit`]) and the policy form all go through it.
//!
//! Grammar: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>.
//! Elements: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>.

pub mod build;
pub mod condition;
pub mod condition_values;
pub mod edit;
pub mod finding;
pub mod json;
pub mod meter;
pub mod print;
pub mod size;
pub mod variables;
pub mod wildcard;

pub use condition::{ConditionOperator, OperatorBase, SetQualifier};
pub use finding::{Finding, Severity};
pub use size::{policy_size, SizeLimit};

/// Which kind of policy a document is; the same JSON grammar, different rules
/// (a `Principal` is required in trust and resource policies and forbidden in the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// Attached to a user, group or role (inline or managed).
    Identity,
    /// Attached to a resource (S3 bucket policy, KMS key policy, ...).
    Resource,
    /// A role's trust policy (the resource policy of the role for `sts:AssumeRole*`).
    Trust,
    /// A managed policy used as a user's or role's permissions boundary.
    PermissionsBoundary,
    /// An AWS Organizations service control policy.
    Scp,
    /// An AWS Organizations resource control policy.
    Rcp,
    /// A session policy passed to `AssumeRole`, `GetFederationToken`, ...
    Session,
}

impl PolicyKind {
    /// Whether statements of this kind must (true) or must not (false) name a `Principal`.
    /// RCPs are resource policies but AWS only accepts `"Principal": "*"` there.
    pub fn requires_principal(self) -> bool {
        matches!(
            self,
            PolicyKind::Resource | PolicyKind::Trust | PolicyKind::Rcp
        )
    }
}

/// The policy language version. Only `2012-10-17` substitutes policy variables.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// `2012-10-17`, the current version.
    V2012_10_17,
    /// `2008-10-17`, the original version: `${...}` is literal text.
    V2008_10_17,
}

impl Version {
    /// The text AWS writes for this version.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2012_10_17 => "2012-10-17",
            Version::V2008_10_17 => "2008-10-17",
        }
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The statement grants.
    Allow,
    /// The statement denies; an explicit deny beats every allow.
    Deny,
}

impl Effect {
    /// The text AWS writes for this effect.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// A JSON scalar as written in a policy; kept so printing gives back the same JSON type.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `"text"`.
    String(String),
    /// A number, kept as written (`10`, `1.5`).
    Number(String),
    /// `true` / `false`.
    Bool(bool),
}

impl Scalar {
    /// The value as IAM compares it: numbers and booleans as their text.
    pub fn text(&self) -> String {
        match self {
            Scalar::String(s) | Scalar::Number(s) => s.clone(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// One value or a list of values; `list` remembers whether the JSON had an array.
#[derive(Debug, Clone, PartialEq)]
pub struct Values<T> {
    /// The values, in order.
    pub items: Vec<T>,
    /// Whether a single value is written as a JSON array (`["a"]`, as the policy had it)
    /// rather than a string; several values are always an array.
    pub list: bool,
}

impl<T> Values<T> {
    /// A single value written as a plain string.
    pub fn one(item: T) -> Self {
        Values {
            items: vec![item],
            list: false,
        }
    }
    /// Values written as a JSON array.
    pub fn many(items: Vec<T>) -> Self {
        Values { items, list: true }
    }
}

/// A whole policy document.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `Version`; `None` when absent (then policy variables are literal text).
    pub version: Option<Version>,
    /// `Id`.
    pub id: Option<String>,
    /// `Statement`, in order.
    pub statements: Vec<Statement>,
    /// Whether `Statement` was a JSON array (`false`: a single statement object).
    pub statement_list: bool,
}

impl Policy {
    /// Whether `${...}` policy variables are substituted (only under `2012-10-17`).
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>
    pub fn substitutes_variables(&self) -> bool {
        self.version == Some(Version::V2012_10_17)
    }
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// `Sid`.
    pub sid: Option<String>,
    /// `Effect`.
    pub effect: Effect,
    /// `Principal` or `NotPrincipal` (see [`PrincipalBlock::negated`]).
    pub principal: Option<PrincipalBlock>,
    /// `Action` or `NotAction`.
    pub action: ActionBlock,
    /// `Resource` or `NotResource`; trust policies usually have none.
    pub resource: Option<ResourceBlock>,
    /// `Condition`, flattened to one clause per (operator, key), in document order.
    pub condition: Vec<ConditionClause>,
}

/// The kinds of principal the `Principal` element names.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    /// `"AWS"`: accounts, users, roles, sessions.
    Aws,
    /// `"Service"`: AWS service principals like `lambda.amazonaws.com`.
    Service,
    /// `"Federated"`: identity providers.
    Federated,
    /// `"CanonicalUser"`: S3 canonical user ids.
    CanonicalUser,
}

impl PrincipalType {
    /// The JSON key.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::Aws => "AWS",
            PrincipalType::Service => "Service",
            PrincipalType::Federated => "Federated",
            PrincipalType::CanonicalUser => "CanonicalUser",
        }
    }
    /// Parses a JSON key (case-sensitive, as IAM is).
    pub fn parse(key: &str) -> Option<Self> {
        match key {
            "AWS" => Some(PrincipalType::Aws),
            "Service" => Some(PrincipalType::Service),
            "Federated" => Some(PrincipalType::Federated),
            "CanonicalUser" => Some(PrincipalType::CanonicalUser),
            _ => None,
        }
    }
}

/// `Principal` / `NotPrincipal`.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalBlock {
    /// `true` for `NotPrincipal`.
    pub negated: bool,
    /// What it names.
    pub value: PrincipalValue,
}

/// The value of `Principal`: `"*"` or a map of principal types to ids.
#[derive(Debug, Clone, PartialEq)]
pub enum PrincipalValue {
    /// `"Principal": "*"`: everyone, including anonymous callers.
    Any,
    /// `{"AWS": [...], "Service": ...}`, in document order.
    Map(Vec<(PrincipalType, Values<String>)>),
}

/// `Action` / `NotAction`: `service:Action` patterns, case-insensitive, `*` and `?`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionBlock {
    /// `true` for `NotAction`.
    pub negated: bool,
    /// The patterns.
    pub values: Values<String>,
}

/// `Resource` / `NotResource`: ARN patterns, case-sensitive.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceBlock {
    /// `true` for `NotResource`.
    pub negated: bool,
    /// The patterns.
    pub values: Values<String>,
}

/// One `"Operator": {"key": values}` pair of the `Condition` element.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionClause {
    /// The operator, parsed (`ForAnyValue:StringLikeIfExists`).
    pub operator: ConditionOperator,
    /// The condition key as written (`aws:SourceIp`); matched case-insensitively.
    pub key: String,
    /// The policy values; several values are ORed.
    pub values: Values<Scalar>,
}

/// What [`parse`] gives: the policy when it could be built, and every finding.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseOutcome {
    /// `None` when the text is not a policy at all (bad JSON, no `Statement`, ...).
    pub policy: Option<Policy>,
    /// Errors, security warnings, warnings and suggestions, in document order.
    pub findings: Vec<Finding>,
}

impl ParseOutcome {
    /// Whether IAM would accept the policy: it was built and no finding is an error.
    pub fn is_valid(&self) -> bool {
        self.policy.is_some() && !self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// A policy that could not be used; carries the errors found.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyError {
    /// The findings of severity `Error` (never empty).
    pub errors: Vec<Finding>,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let texts: Vec<String> = self
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.path, e.message))
            .collect();
        write!(f, "{}", texts.join("; "))
    }
}

impl std::error::Error for PolicyError {}

/// Parses policy text, reporting problems the way IAM Access Analyzer policy validation does.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>
pub fn parse(text: &str, kind: PolicyKind) -> ParseOutcome {
    meter::count(text.len());
    // Longer than IAM accepts for any policy: refused before a parser reads megabytes.
    if let Some(message) = size::document_too_long(text) {
        return ParseOutcome {
            policy: None,
            findings: vec![Finding::error("POLICY_TOO_LONG", &message, "")],
        };
    }
    match json::parse_text(text) {
        Ok(node) => build::build(&node, kind, Some(text)),
        Err(finding) => ParseOutcome {
            policy: None,
            findings: vec![*finding],
        },
    }
}

/// Builds a policy from an already-parsed JSON value (the `iam-eval` request form).
/// Fails when IAM would reject the policy (any finding of severity `Error`).
pub fn from_value(value: &serde_json::Value, kind: PolicyKind) -> Result<Policy, PolicyError> {
    let node = json::from_serde(value);
    let outcome = build::build(&node, kind, None);
    let errors: Vec<Finding> = outcome
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    match outcome.policy {
        Some(policy) if errors.is_empty() => Ok(policy),
        _ => Err(PolicyError {
            errors: if errors.is_empty() {
                vec![Finding::error(
                    "INVALID_POLICY",
                    "the document is not a policy",
                    "",
                )]
            } else {
                errors
            },
        }),
    }
}

impl Policy {
    /// Canonical AWS JSON (keys in AWS's order, 4-space indent); parsing it gives `self` back.
    pub fn to_json(&self) -> String {
        print::to_json(self)
    }
    /// The same as a `serde_json::Value`.
    pub fn to_value(&self) -> serde_json::Value {
        print::to_value(self)
    }
}
