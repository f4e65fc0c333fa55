//! The `iam-eval` JSON request form and its conversion to [`EvalRequest`].

use super::{
    ContextValue, EvalRequest, NamedPolicy, Organization, PrincipalInfo, ResourceInfo, SessionInfo,
};
use crate::sim::policy::{from_value, Policy, PolicyKind};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// Why a request could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestError {
    /// A policy in the request is not valid IAM; names where it was.
    InvalidPolicy {
        /// `identity_policies[0]`, `resource_policy`, ...
        field: String,
        /// The policy errors in plain words.
        reason: String,
    },
    /// A field has a value evaluation cannot use.
    InvalidField {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::InvalidPolicy { field, reason } => write!(f, "{field}: {reason}"),
            RequestError::InvalidField { field, reason } => write!(f, "{field}: {reason}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// The request as JSON. Unknown fields are errors, so typos do not pass silently.
/// `P` is how a policy is read: a `serde_json::Value`, or its raw text (`batch` compiles
/// each distinct text once).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "P: Deserialize<'de>"))]
pub struct WireRequest<P = serde_json::Value> {
    principal: WirePrincipal,
    action: String,
    #[serde(default)]
    resource: WireResource,
    #[serde(default)]
    context: BTreeMap<String, serde_json::Value>,
    #[serde(default = "Vec::new")]
    identity_policies: Vec<P>,
    #[serde(default = "none")]
    resource_policy: Option<P>,
    #[serde(default = "none")]
    permissions_boundary: Option<P>,
    #[serde(default = "Vec::new")]
    session_policies: Vec<P>,
    #[serde(default = "Vec::new")]
    scps: Vec<Vec<P>>,
    #[serde(default = "Vec::new")]
    rcps: Vec<Vec<P>>,
    #[serde(default)]
    organization: Option<WireOrganization>,
}

fn none<P>() -> Option<P> {
    None
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WirePrincipal {
    #[serde(default)]
    arn: String,
    #[serde(default)]
    account: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
    #[serde(default)]
    session: Option<WireSession>,
    #[serde(default)]
    service: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WireSession {
    #[serde(default)]
    role_arn: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
    #[serde(default)]
    source_identity: Option<String>,
    #[serde(default)]
    mfa: bool,
    #[serde(default)]
    mfa_age_seconds: Option<u64>,
    #[serde(default)]
    token_issue_time: Option<String>,
    #[serde(default)]
    federated_provider: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WireResource {
    #[serde(default)]
    arn: String,
    #[serde(default)]
    account: String,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireOrganization {
    id: String,
    management_account: String,
    #[serde(default)]
    accounts: WireAccounts,
}

/// Member accounts: a list of ids, or a map of id -> org path.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum WireAccounts {
    List(Vec<String>),
    Paths(BTreeMap<String, String>),
}

impl Default for WireAccounts {
    fn default() -> Self {
        WireAccounts::List(Vec::new())
    }
}

/// Why a policy of the request cannot be used, without the field it is in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PolicyProblem {
    /// A named policy with fields other than `name` and `document`.
    Field(String),
    /// Not valid IAM.
    Policy(String),
}

impl PolicyProblem {
    /// The error, naming the field the policy is in.
    pub(crate) fn at(&self, field: &str) -> RequestError {
        match self {
            PolicyProblem::Field(reason) => RequestError::InvalidField {
                field: field.to_string(),
                reason: reason.clone(),
            },
            PolicyProblem::Policy(reason) => RequestError::InvalidPolicy {
                field: field.to_string(),
                reason: reason.clone(),
            },
        }
    }
}

/// A policy as a bare document, or `{"name": "...", "document": {...}}`: its name (when it
/// gives one) and the policy.
pub(crate) fn named_parts(
    value: &serde_json::Value,
    kind: PolicyKind,
) -> Result<(Option<String>, Policy), PolicyProblem> {
    let (name, doc) = match value {
        serde_json::Value::Object(o) if o.contains_key("document") => {
            let extra = o.keys().find(|k| *k != "name" && *k != "document");
            if let Some(k) = extra {
                return Err(PolicyProblem::Field(format!(
                    "unknown field `{k}` (a named policy has only `name` and `document`)"
                )));
            }
            let name = o.get("name").and_then(|n| n.as_str()).map(str::to_string);
            (name, o.get("document").unwrap_or(&serde_json::Value::Null))
        }
        doc => (None, doc),
    };
    let policy = from_value(doc, kind).map_err(|e| PolicyProblem::Policy(e.to_string()))?;
    Ok((name, policy))
}

fn named(
    value: &serde_json::Value,
    kind: PolicyKind,
    field: &str,
) -> Result<NamedPolicy, RequestError> {
    let (name, policy) = named_parts(value, kind).map_err(|p| p.at(field))?;
    Ok(NamedPolicy {
        name: name.unwrap_or_else(|| field.to_string()),
        policy,
    })
}

/// The request without its policies, and its policies read by the caller's reader.
pub(crate) struct Parts<T> {
    /// Caller, action, resource, context, organization (no policies).
    pub request: EvalRequest,
    pub identity_policies: Vec<T>,
    pub resource_policy: Option<T>,
    pub permissions_boundary: Option<T>,
    pub session_policies: Vec<T>,
    pub scps: Vec<Vec<T>>,
    pub rcps: Vec<Vec<T>>,
}

/// A reader of one policy: `(policy, kind, field)` to what the caller keeps.
type Reader<'r, P, T> = dyn FnMut(&P, PolicyKind, &str) -> Result<T, RequestError> + 'r;

fn read_list<P, T>(
    values: &[P],
    kind: PolicyKind,
    field: &str,
    read: &mut Reader<'_, P, T>,
) -> Result<Vec<T>, RequestError> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| read(v, kind, &format!("{field}[{i}]")))
        .collect()
}

fn read_levels<P, T>(
    values: &[Vec<P>],
    kind: PolicyKind,
    field: &str,
    read: &mut Reader<'_, P, T>,
) -> Result<Vec<Vec<T>>, RequestError> {
    values
        .iter()
        .enumerate()
        .map(|(i, l)| read_list(l, kind, &format!("{field}[{i}]"), read))
        .collect()
}

fn context_value(key: &str, v: &serde_json::Value) -> Result<ContextValue, RequestError> {
    let scalar = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let bad = || RequestError::InvalidField {
        field: format!("context.{key}"),
        reason: "a context value is a string, number, boolean, or an array of them".to_string(),
    };
    match v {
        serde_json::Value::Array(items) => {
            let vals: Option<Vec<String>> = items.iter().map(scalar).collect();
            vals.map(ContextValue::Multi).ok_or_else(bad)
        }
        other => scalar(other).map(ContextValue::Single).ok_or_else(bad),
    }
}

/// Reads a wire request, checking fields in a fixed order (context, principal, then the
/// policies as listed) so that both policy readers report the same first error.
pub(crate) fn convert<P, T>(
    w: WireRequest<P>,
    read: &mut Reader<'_, P, T>,
) -> Result<Parts<T>, RequestError> {
    let mut context = BTreeMap::new();
    for (k, v) in &w.context {
        context.insert(k.clone(), context_value(k, v)?);
    }
    let session = w.principal.session.map(|s| SessionInfo {
        role_arn: s.role_arn,
        tags: s.tags,
        source_identity: s.source_identity,
        mfa: s.mfa,
        mfa_age_seconds: s.mfa_age_seconds,
        token_issue_time: s.token_issue_time,
        federated_provider: s.federated_provider,
    });
    if w.principal.arn.is_empty() && w.principal.service.is_none() {
        return Err(RequestError::InvalidField {
            field: "principal".to_string(),
            reason: "give the caller's `arn` (or `service` for an AWS service principal)"
                .to_string(),
        });
    }
    let identity_policies = read_list(
        &w.identity_policies,
        PolicyKind::Identity,
        "identity_policies",
        read,
    )?;
    let resource_policy = w
        .resource_policy
        .as_ref()
        .map(|v| read(v, resource_kind(&w.action), "resource_policy"))
        .transpose()?;
    let permissions_boundary = w
        .permissions_boundary
        .as_ref()
        .map(|v| read(v, PolicyKind::PermissionsBoundary, "permissions_boundary"))
        .transpose()?;
    let session_policies = read_list(
        &w.session_policies,
        PolicyKind::Session,
        "session_policies",
        read,
    )?;
    let scps = read_levels(&w.scps, PolicyKind::Scp, "scps", read)?;
    let rcps = read_levels(&w.rcps, PolicyKind::Rcp, "rcps", read)?;
    let request = EvalRequest {
        principal: PrincipalInfo {
            arn: w.principal.arn,
            account: w.principal.account,
            id: w.principal.id,
            tags: w.principal.tags,
            session,
            service: w.principal.service,
        },
        action: w.action,
        resource: ResourceInfo {
            arn: w.resource.arn,
            account: w.resource.account,
            tags: w.resource.tags,
        },
        context,
        organization: w.organization.map(|o| Organization {
            id: o.id,
            management_account: o.management_account,
            accounts: match o.accounts {
                WireAccounts::List(ids) => {
                    crate::sim::sorting::map_of(ids.into_iter().map(|a| (a, String::new())))
                }
                WireAccounts::Paths(map) => map,
            },
        }),
        ..EvalRequest::default()
    };
    Ok(Parts {
        request,
        identity_policies,
        resource_policy,
        permissions_boundary,
        session_policies,
        scps,
        rcps,
    })
}

impl TryFrom<WireRequest> for EvalRequest {
    type Error = RequestError;

    fn try_from(w: WireRequest) -> Result<Self, Self::Error> {
        let parts = convert(w, &mut named)?;
        Ok(EvalRequest {
            identity_policies: parts.identity_policies,
            resource_policy: parts.resource_policy,
            permissions_boundary: parts.permissions_boundary,
            session_policies: parts.session_policies,
            scps: parts.scps,
            rcps: parts.rcps,
            ..parts.request
        })
    }
}

/// A role's trust policy is checked with trust-policy rules (no `Resource` needed).
fn resource_kind(action: &str) -> PolicyKind {
    if action.to_ascii_lowercase().starts_with("sts:") {
        PolicyKind::Trust
    } else {
        PolicyKind::Resource
    }
}

impl<'de> Deserialize<'de> for EvalRequest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WireRequest::deserialize(d)?;
        EvalRequest::try_from(wire).map_err(serde::de::Error::custom)
    }
}
