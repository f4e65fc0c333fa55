//! Evaluates every policy of the request once, for the trace and for the gates.

use super::super::matching::{evaluate_policy, Env, PrincipalMatch};
use super::super::trace::PolicyTrace;
use super::super::{EvalRequest, NamedPolicy, PolicyType};
use crate::sim::eval::context::CallerKind;

/// What each policy type says about the request.
pub(super) struct Gathered {
    /// Every policy's trace, in evaluation order.
    pub policies: Vec<PolicyTrace>,
    /// Whether SCPs apply (a member account's IAM principal).
    pub scp_applies: bool,
    /// Whether RCPs apply (a resource in a member account).
    pub rcp_applies: bool,
    /// Every SCP level allows.
    pub scp_ok: bool,
    /// Every RCP level allows.
    pub rcp_ok: bool,
    /// How specifically an allowing resource-policy statement names the caller.
    pub resource_match: PrincipalMatch,
    /// Some identity-based policy allows.
    pub identity_ok: bool,
    /// No boundary, or it allows.
    pub boundary_ok: bool,
    /// No session policies, or one allows.
    pub session_ok: bool,
}

/// Evaluates SCPs, RCPs, the resource policy, identity policies, boundary and session policies.
pub(super) fn gather(req: &EvalRequest, env: &Env<'_>, res_account: &str) -> Gathered {
    let caller = env.caller;
    let org = req.organization.as_ref();
    let member = |account: &str| {
        org.is_none_or(|o| {
            o.management_account != account
                && (o.accounts.is_empty() || o.accounts.contains_key(account))
        })
    };
    let scp_applies =
        !req.scps.is_empty() && caller.kind != CallerKind::Service && member(&caller.account);
    let rcp_applies =
        !req.rcps.is_empty() && caller.kind != CallerKind::Service && member(res_account);

    let mut policies: Vec<PolicyTrace> = Vec::new();
    let level_allows =
        |levels: &[Vec<NamedPolicy>], t: PolicyType, applies: bool, out: &mut Vec<PolicyTrace>| {
            let mut all_levels = true;
            for (i, level) in levels.iter().enumerate() {
                let mut any = false;
                for p in level {
                    let (trace, _) = evaluate_policy(t, p, Some(i), applies, env);
                    any |= trace.allows;
                    out.push(trace);
                }
                all_levels &= any;
            }
            all_levels
        };
    let scp_ok = level_allows(&req.scps, PolicyType::Scp, scp_applies, &mut policies);
    let rcp_ok = level_allows(&req.rcps, PolicyType::Rcp, rcp_applies, &mut policies);
    let mut resource_match = PrincipalMatch::None;
    if let Some(p) = &req.resource_policy {
        let (trace, best) = evaluate_policy(PolicyType::Resource, p, None, true, env);
        resource_match = if trace.allows {
            best
        } else {
            PrincipalMatch::None
        };
        policies.push(trace);
    }
    let mut identity_ok = false;
    for p in &req.identity_policies {
        let (trace, _) = evaluate_policy(PolicyType::Identity, p, None, true, env);
        identity_ok |= trace.allows;
        policies.push(trace);
    }
    let mut boundary_ok = true;
    if let Some(p) = &req.permissions_boundary {
        let (trace, _) = evaluate_policy(PolicyType::PermissionsBoundary, p, None, true, env);
        boundary_ok = trace.allows;
        policies.push(trace);
    }
    let mut session_ok = req.session_policies.is_empty();
    for p in &req.session_policies {
        let (trace, _) = evaluate_policy(PolicyType::Session, p, None, true, env);
        session_ok |= trace.allows;
        policies.push(trace);
    }

    Gathered {
        policies,
        scp_applies,
        rcp_applies,
        scp_ok,
        rcp_ok,
        resource_match,
        identity_ok,
        boundary_ok,
        session_ok,
    }
}
