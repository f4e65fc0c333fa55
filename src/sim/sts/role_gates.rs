//! Turns one policy evaluation of `sts:AssumeRole*` (or `sts:TagSession`,
//! `sts:SetSourceIdentity`) on a role into the identity-policy and trust-policy gates.
//!
//! The decision itself is the evaluator's: same account, a trust policy naming the caller's
//! ARN is enough; naming the account (`...:root`) delegates to the caller's identity policies;
//! cross-account both sides must allow.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//! https://aws.amazon.com/blogs/security/how-to-use-trust-policies-with-iam-roles/

use super::gate::{Comparison, Gates};
use super::{not_authorized, StsError};
use crate::sim::eval::{Decision, EvalResult, PolicyType};

/// Which evaluation this is, for gate names and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleCheck {
    /// `sts:AssumeRole` (and the web identity / SAML variants): `identity_policy`, `trust_policy`.
    Assume,
    /// `sts:TagSession`, required to pass session tags: `tag_session`.
    TagSession,
    /// `sts:SetSourceIdentity`, required to set (or carry) a source identity: `set_source_identity`.
    SetSourceIdentity,
}

fn identity_side(t: PolicyType) -> bool {
    matches!(
        t,
        PolicyType::Identity
            | PolicyType::PermissionsBoundary
            | PolicyType::Session
            | PolicyType::Scp
    )
}

fn comparisons(result: &EvalResult, want: impl Fn(PolicyType) -> bool) -> Vec<Comparison> {
    result
        .trace
        .policies
        .iter()
        .filter(|p| want(p.policy_type))
        .flat_map(|p| p.statements.iter())
        .flat_map(|s| s.conditions.iter())
        .map(|c| Comparison {
            key: c.key.clone(),
            operator: c.operator.clone(),
            expected: c.policy_values.clone(),
            actual: c.request_values.clone(),
            result: c.result,
        })
        .collect()
}

fn notes(result: &EvalResult, want: impl Fn(&str) -> bool) -> String {
    let n: Vec<&str> = result
        .trace
        .steps
        .iter()
        .filter(|s| want(&s.gate))
        .map(|s| s.note.as_str())
        .collect();
    n.join("; ")
}

fn names(result: &EvalResult, t: PolicyType) -> Vec<String> {
    result
        .trace
        .policies
        .iter()
        .filter(|p| p.policy_type == t && p.allows)
        .map(|p| format!("`{}`", p.name))
        .collect()
}

/// Records the gates for one evaluation and returns AWS's AccessDenied when it refused.
/// `identity_gate` is false for callers without identity policies (web identity, SAML,
/// services): only the trust policy speaks for them.
pub fn record(
    result: &EvalResult,
    check: RoleCheck,
    action: &str,
    caller_arn: &str,
    role_arn: &str,
    identity_gate: bool,
    gates: &mut Gates,
) -> Result<(), StsError> {
    let refused_by = (result.decision != Decision::Allowed).then_some(result.decided_by);
    let deny = || not_authorized(caller_arn, action, role_arn);
    let explicit = result.decision == Decision::ExplicitlyDenied;
    let (identity_name, trust_name) = match check {
        RoleCheck::Assume => ("identity_policy", "trust_policy"),
        RoleCheck::TagSession => ("tag_session", "tag_session"),
        RoleCheck::SetSourceIdentity => ("set_source_identity", "set_source_identity"),
    };
    if identity_gate {
        let failed = refused_by.is_some_and(identity_side);
        let detail = if failed {
            let why = notes(result, |g| g != "resource" && g != "rcp");
            if explicit {
                format!("{}: {why}", result.message)
            } else {
                format!("Your identity-based policies do not allow {action} on {role_arn}: {why}")
            }
        } else if result.decision == Decision::Allowed && result.decided_by == PolicyType::Resource
        {
            let by = names(result, PolicyType::Identity);
            if by.is_empty() {
                format!(
                    "No identity-based policy needed: {}",
                    notes(result, |g| g == "resource")
                )
            } else {
                format!("Allowed by {}", by.join(", "))
            }
        } else {
            let by = names(result, PolicyType::Identity);
            format!("Allowed by {}", by.join(", "))
        };
        let compared = comparisons(result, identity_side);
        if check == RoleCheck::Assume || failed {
            gates.push(identity_name, !failed, detail, compared);
        }
        if failed {
            return Err(deny());
        }
    }
    let failed = refused_by.is_some();
    let detail = if failed {
        let why = notes(result, |g| {
            g == "resource" || g == "rcp" || g == "explicit_deny"
        });
        if explicit {
            format!("{}: {why}", result.message)
        } else {
            format!("The role's trust policy does not allow {caller_arn} to call {action}: {why}")
        }
    } else {
        format!("The role's trust policy allows {action}")
    };
    gates.push(
        trust_name,
        !failed,
        detail,
        comparisons(result, |t| {
            matches!(t, PolicyType::Resource | PolicyType::Rcp)
        }),
    );
    if failed {
        Err(deny())
    } else {
        Ok(())
    }
}
