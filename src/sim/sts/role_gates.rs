//! Turns one policy evaluation of `sts:AssumeRole*` (or `sts:TagSession`,
//! `sts:SetSourceIdentity`) on a role into the identity-policy and trust-policy gates.
//!
//! The decision itself is the evaluator's: same account, a trust policy naming the caller's
//! ARN is enough; naming the account (`...:root`) delegates to the caller's identity policies;
//! cross-account both sides must allow.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//! https://aws.amazon.com/blogs/security/how-to-use-trust-policies-with-iam-roles/

use super::gate::{Comparison, GateName, Gates};
use super::{not_authorized, StsError};
use crate::sim::eval::message::{trust_explicit_deny, trust_implicit_deny};
use crate::sim::eval::{Decision, EvalGate, EvalResult, PolicyType, StepOutcome};

/// Which evaluation this is, for gate names and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleCheck {
    /// `sts:AssumeRole` (and the web identity / SAML variants): `identity_policy`, `trust_policy`.
    Assume,
    /// `sts:TagSession`, required to pass session tags: `identity_tag_session` (the caller's
    /// policies) and `tag_session` (the trust policy).
    TagSession,
    /// `sts:SetSourceIdentity`, required to set (or carry) a source identity:
    /// `identity_set_source_identity` and `set_source_identity`.
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

fn notes(result: &EvalResult, want: impl Fn(EvalGate) -> bool) -> String {
    let n: Vec<&str> = result
        .trace
        .steps
        .iter()
        .filter(|s| want(s.gate) && s.outcome == StepOutcome::Fail)
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

/// Why the trust policy did not allow: no principal named, no statement for the action, or
/// which condition failed (with the values compared).
fn trust_reason(result: &EvalResult, action: &str) -> String {
    let statements: Vec<_> = result
        .trace
        .policies
        .iter()
        .filter(|p| p.policy_type == PolicyType::Resource)
        .flat_map(|p| p.statements.iter())
        .filter(|s| s.effect == "Allow")
        .collect();
    if statements.is_empty() {
        return "it has no Allow statement (or could not be read)".to_string();
    }
    let named = |s: &&&crate::sim::eval::trace::StatementTrace| {
        s.principal.as_ref().is_none_or(|p| p.matched)
    };
    if !statements.iter().any(|s| named(&s)) {
        return "its Principal does not name the caller, its role or its account".to_string();
    }
    let for_action: Vec<_> = statements
        .iter()
        .filter(|s| named(s) && s.action.matched)
        .collect();
    if for_action.is_empty() {
        return format!("the statements naming the caller do not allow {action}");
    }
    let failed: Vec<String> = for_action
        .iter()
        .flat_map(|s| s.conditions.iter())
        .filter(|c| !c.result)
        .map(|c| {
            let got = c
                .request_values
                .as_ref()
                .map_or("no value in the request".to_string(), |v| {
                    format!("the request has `{}`", v.join("`, `"))
                });
            format!(
                "condition {} on {} wants `{}`, {got}",
                c.operator,
                c.key,
                c.policy_values.join("`, `")
            )
        })
        .collect();
    if failed.is_empty() {
        notes(result, |g| g == EvalGate::Resource || g == EvalGate::Rcp)
    } else {
        failed.join("; ")
    }
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
        RoleCheck::Assume => (GateName::IdentityPolicy, GateName::TrustPolicy),
        RoleCheck::TagSession => (GateName::IdentityTagSession, GateName::TagSession),
        RoleCheck::SetSourceIdentity => (
            GateName::IdentitySetSourceIdentity,
            GateName::SetSourceIdentity,
        ),
    };
    if identity_gate {
        let failed = refused_by.is_some_and(identity_side);
        let detail = if failed {
            let why = notes(result, |g| g != EvalGate::Resource && g != EvalGate::Rcp);
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
                    notes(result, |g| g == EvalGate::Resource)
                )
            } else {
                format!("Allowed by {}", by.join(", "))
            }
        } else {
            let by = names(result, PolicyType::Identity);
            format!("Allowed by {}", by.join(", "))
        };
        let compared = comparisons(result, identity_side);
        if failed {
            gates.refuse(identity_name, detail, compared, verdict(result));
            return Err(deny());
        }
        gates.push(identity_name, true, detail, compared);
    }
    let failed = refused_by.is_some();
    let detail = if failed {
        if explicit {
            let why = notes(result, |g| g == EvalGate::ExplicitDeny);
            format!("{}: {why}", result.message)
        } else {
            format!(
                "The role's trust policy does not let {caller_arn} call {action}: {}",
                trust_reason(result, action)
            )
        }
    } else {
        format!("The role's trust policy allows {action}")
    };
    let compared = comparisons(result, |t| {
        matches!(t, PolicyType::Resource | PolicyType::Rcp)
    });
    if !failed {
        gates.push(trust_name, true, detail, compared);
        return Ok(());
    }
    gates.refuse(trust_name, detail, compared, verdict(result));
    match refused_by {
        // The role's trust policy refused: AWS says so in its own words ("Troubleshoot access
        // denied error messages", role trust policy examples).
        Some(PolicyType::Resource) if explicit => Err(StsError::AccessDenied(trust_explicit_deny(
            caller_arn, action,
        ))),
        Some(PolicyType::Resource) => Err(StsError::AccessDenied(trust_implicit_deny(
            caller_arn, action,
        ))),
        _ => Err(deny()),
    }
}

fn verdict(result: &EvalResult) -> (Decision, PolicyType) {
    (result.decision, result.decided_by)
}
