//! The evaluation flow chart: explicit deny, SCPs, RCPs, resource-based, identity-based,
//! permissions boundary, session policies; same-account and cross-account rules.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>

pub(crate) mod flow;
mod gather;

pub(crate) use gather::org_policies_apply;

use super::context::{resource_account, Caller, RequestContext};
use super::matching::Env;
use super::trace::Trace;
use super::wire::RequestError;
use super::{Decision, EvalRequest, EvalResult, PolicyType};
use flow::{decide, Facts};
use gather::gather;

/// Evaluates, or explains why the request itself is unusable (e.g. a role ARN as caller).
pub fn try_evaluate(req: &EvalRequest) -> Result<EvalResult, RequestError> {
    let caller =
        Caller::from_principal(&req.principal).map_err(|reason| RequestError::InvalidField {
            field: "principal.arn".to_string(),
            reason,
        })?;
    Ok(run(req, &caller))
}

/// Evaluates; an unusable caller is an implicit deny whose message says why.
pub fn evaluate(req: &EvalRequest) -> EvalResult {
    try_evaluate(req).unwrap_or_else(unusable)
}

/// The answer to a request that cannot be evaluated: an implicit deny saying why.
pub(crate) fn unusable(e: RequestError) -> EvalResult {
    EvalResult {
        decision: Decision::ImplicitlyDenied,
        decided_by: PolicyType::Identity,
        message: e.to_string(),
        trace: Trace::default(),
    }
}

/// Whether the resource's own policy must allow (identity policies alone never suffice):
/// role trust policies and KMS key policies.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html>
pub fn resource_policy_required(action: &str, resource_arn: &str) -> bool {
    let service = resource_arn.split(':').nth(2).unwrap_or("");
    // sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity on a role: the trust policy decides.
    trust_policy_decides(action, resource_arn) || service == "kms"
}

/// Whether the resource's policy is a role's trust policy: an `sts:` action on a role. AWS
/// then names it "role trust policy" in its AccessDenied texts.
pub fn trust_policy_decides(action: &str, resource_arn: &str) -> bool {
    let sts = action
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("sts:"));
    sts && crate::sim::arn::field(resource_arn, 2) == Some("iam")
}

fn run(req: &EvalRequest, caller: &Caller) -> EvalResult {
    let ctx = RequestContext::for_request(req, caller);
    let resource_arn = request_resource(req);
    let res_account = resource_account(req, caller);
    let env = Env::new(
        req,
        &ctx,
        caller,
        resource_arn,
        req.permissions_boundary.is_some(),
    );
    let gathered = gather(req, &env, &res_account);
    let facts = Facts {
        req,
        caller,
        ctx: &ctx,
        resource_arn,
        res_account: &res_account,
    };
    decide(&facts, gathered, true)
}

/// The resource ARN statements are matched against: `*` for a request that names none.
pub(crate) fn request_resource(req: &EvalRequest) -> &str {
    if req.resource.arn.is_empty() {
        "*"
    } else {
        req.resource.arn.as_str()
    }
}
