//! Evaluates every policy of the request once, for the trace and for the gates.

use super::super::matching::{evaluate_policy, Env, PrincipalMatch};
use super::super::trace::PolicyTrace;
use super::super::{EvalRequest, NamedPolicy, PolicyType};
use super::flow::Gathered;
use crate::sim::eval::context::{Caller, CallerKind};

/// Whether SCPs (of the caller's account) or RCPs (of the resource's account) apply: not to
/// service principals, not in the management account, not to accounts outside the organization.
pub(crate) fn org_policies_apply(req: &EvalRequest, caller: &Caller, account: &str) -> bool {
    caller.kind != CallerKind::Service
        && req.organization.as_ref().is_none_or(|o| {
            o.management_account != account
                && (o.accounts.is_empty() || o.accounts.contains_key(account))
        })
}

/// Evaluates SCPs, RCPs, the resource policy, identity policies, boundary and session policies.
pub(super) fn gather(req: &EvalRequest, env: &Env<'_>, res_account: &str) -> Gathered {
    let caller = env.caller;
    let scp_applies = !req.scps.is_empty() && org_policies_apply(req, caller, &caller.account);
    let rcp_applies = !req.rcps.is_empty() && org_policies_apply(req, caller, res_account);

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

    let denier = policies
        .iter()
        .find(|p| p.applies && p.denies)
        .map(|p| (p.policy_type, p.name.clone()));
    Gathered {
        policies,
        denier,
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
