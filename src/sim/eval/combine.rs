//! The evaluation flow chart: explicit deny, SCPs, RCPs, resource-based, identity-based,
//! permissions boundary, session policies; same-account and cross-account rules.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>

mod gather;

use super::context::{resource_account, Caller, CallerKind, RequestContext};
use super::matching::{Env, PrincipalMatch};
use super::message::{
    explicit_deny, implicit_deny, trust_explicit_deny, trust_implicit_deny, type_words,
};
use super::trace::{PolicyTrace, Step, Trace};
use super::wire::RequestError;
use super::{Decision, EvalRequest, EvalResult, PolicyType};
use gather::{gather, Gathered};

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
    try_evaluate(req).unwrap_or_else(|e| EvalResult {
        decision: Decision::ImplicitlyDenied,
        decided_by: PolicyType::Identity,
        message: e.to_string(),
        trace: Trace::default(),
    })
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
    let service = resource_arn.split(':').nth(2).unwrap_or("");
    action.to_ascii_lowercase().starts_with("sts:") && service == "iam"
}

struct Gates {
    steps: Vec<Step>,
}

impl Gates {
    fn step(&mut self, gate: &str, outcome: &str, note: String) {
        self.steps.push(Step {
            gate: gate.to_string(),
            outcome: outcome.to_string(),
            note,
        });
    }
}

fn run(req: &EvalRequest, caller: &Caller) -> EvalResult {
    let ctx = RequestContext::for_request(req, caller);
    let resource_arn = if req.resource.arn.is_empty() {
        "*"
    } else {
        req.resource.arn.as_str()
    };
    let res_account = resource_account(req, caller);
    let env = Env {
        ctx: &ctx,
        caller,
        action: &req.action,
        resource: resource_arn,
        has_boundary: req.permissions_boundary.is_some(),
        federated_provider: req
            .principal
            .session
            .as_ref()
            .and_then(|s| s.federated_provider.as_deref()),
    };
    let Gathered {
        policies,
        scp_applies,
        rcp_applies,
        scp_ok,
        rcp_ok,
        resource_match,
        identity_ok,
        boundary_ok,
        session_ok,
    } = gather(req, &env, &res_account);

    let mut gates = Gates { steps: Vec::new() };
    let trace = |gates: Gates, policies: Vec<PolicyTrace>| Trace {
        context: ctx.to_map(),
        policies,
        steps: gates.steps,
    };
    let trust = trust_policy_decides(&req.action, resource_arn);
    let deny = |t: PolicyType| {
        if trust && t == PolicyType::Resource {
            trust_implicit_deny(&caller.arn, &req.action)
        } else {
            implicit_deny(&caller.arn, &req.action, &req.resource.arn, t)
        }
    };
    let done =
        |decision, t: PolicyType, message: String, gates: Gates, policies: Vec<PolicyTrace>| {
            EvalResult {
                decision,
                decided_by: t,
                message,
                trace: trace(gates, policies),
            }
        };

    // 1. An explicit deny in any applicable policy wins.
    let order = [
        PolicyType::Scp,
        PolicyType::Rcp,
        PolicyType::Resource,
        PolicyType::Identity,
        PolicyType::PermissionsBoundary,
        PolicyType::Session,
    ];
    let denier = order
        .iter()
        .find_map(|t| {
            policies
                .iter()
                .find(|p| p.policy_type == *t && p.applies && p.denies)
        })
        .map(|p| (p.policy_type, p.name.clone()));
    if let Some((t, name)) = denier {
        gates.step(
            "explicit_deny",
            "fail",
            format!(
                "a Deny statement in {} `{name}` matches",
                if trust && t == PolicyType::Resource {
                    "role trust policy"
                } else {
                    type_words(t)
                }
            ),
        );
        let msg = if trust && t == PolicyType::Resource {
            trust_explicit_deny(&caller.arn, &req.action)
        } else {
            explicit_deny(&caller.arn, &req.action, &req.resource.arn, t, &name)
        };
        return done(Decision::ExplicitlyDenied, t, msg, gates, policies);
    }
    gates.step(
        "explicit_deny",
        "pass",
        "no Deny statement matches".to_string(),
    );

    // 2. SCPs: every level, root to account, must allow. Not for the management account.
    if !scp_applies {
        gates.step(
            "scp",
            "not_applicable",
            "no SCPs apply (no organization, the management account, or a service principal)"
                .to_string(),
        );
    } else if !scp_ok {
        gates.step(
            "scp",
            "fail",
            "some level of the organization has no SCP that allows the action".to_string(),
        );
        return done(
            Decision::ImplicitlyDenied,
            PolicyType::Scp,
            deny(PolicyType::Scp),
            gates,
            policies,
        );
    } else {
        gates.step(
            "scp",
            "pass",
            "every level has an SCP that allows the action".to_string(),
        );
    }
    // 3. RCPs: the same, for the resource's account.
    if !rcp_applies {
        gates.step(
            "rcp",
            "not_applicable",
            "no RCPs apply to this resource".to_string(),
        );
    } else if !rcp_ok {
        gates.step(
            "rcp",
            "fail",
            "some level of the organization has no RCP that allows the action".to_string(),
        );
        return done(
            Decision::ImplicitlyDenied,
            PolicyType::Rcp,
            deny(PolicyType::Rcp),
            gates,
            policies,
        );
    } else {
        gates.step(
            "rcp",
            "pass",
            "every level has an RCP that allows the action".to_string(),
        );
    }

    let same_account = caller.account == res_account;
    let required = resource_policy_required(&req.action, resource_arn);
    let fail = |gates: &mut Gates, t: PolicyType, note: &str| {
        gates.step(t.as_str(), "fail", note.to_string());
    };

    // Service principals are allowed only by resource-based policies.
    if caller.kind == CallerKind::Service {
        if resource_match == PrincipalMatch::None {
            fail(
                &mut gates,
                PolicyType::Resource,
                "no resource-based policy allows this service principal",
            );
            return done(
                Decision::ImplicitlyDenied,
                PolicyType::Resource,
                deny(PolicyType::Resource),
                gates,
                policies,
            );
        }
        gates.step(
            "resource",
            "allow",
            "the resource-based policy allows the service principal".to_string(),
        );
        return done(
            Decision::Allowed,
            PolicyType::Resource,
            allowed_message(caller, req, PolicyType::Resource),
            gates,
            policies,
        );
    }

    if same_account {
        // A resource policy naming the user, role session or federated user ARN itself is not
        // limited by an implicit deny in identity policies, boundaries or session policies;
        // naming the role (or "*") stands in for identity policies but the boundary and
        // session policies still limit it; naming the account delegates to identity policies.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
        let root = caller.kind == CallerKind::Root;
        if resource_match == PrincipalMatch::Direct && !root {
            gates.step("resource", "allow", "the resource-based policy names the caller's own ARN, so identity policies, boundary and session policies cannot limit it".to_string());
            return done(
                Decision::Allowed,
                PolicyType::Resource,
                allowed_message(caller, req, PolicyType::Resource),
                gates,
                policies,
            );
        }
        let resource_grants = matches!(
            resource_match,
            PrincipalMatch::Entity | PrincipalMatch::Wildcard
        );
        if required && resource_match == PrincipalMatch::None {
            fail(&mut gates, PolicyType::Resource, "this resource's own policy must allow the caller (role trust policies and KMS key policies), and it does not");
            return done(
                Decision::ImplicitlyDenied,
                PolicyType::Resource,
                deny(PolicyType::Resource),
                gates,
                policies,
            );
        }
        if root {
            gates.step(
                "identity",
                "allow",
                "the account root user has full access to its own account".to_string(),
            );
            return done(
                Decision::Allowed,
                PolicyType::Identity,
                allowed_message(caller, req, PolicyType::Identity),
                gates,
                policies,
            );
        }
        if !identity_ok && !resource_grants {
            fail(&mut gates, PolicyType::Identity, "no identity-based policy allows the action (and no resource-based policy grants it)");
            return done(
                Decision::ImplicitlyDenied,
                PolicyType::Identity,
                deny(PolicyType::Identity),
                gates,
                policies,
            );
        }
        gates.step(
            if identity_ok { "identity" } else { "resource" },
            "pass",
            "allowed by an identity-based or resource-based policy".to_string(),
        );
        if let Some(r) = limits(&mut gates, boundary_ok, session_ok) {
            return done(Decision::ImplicitlyDenied, r, deny(r), gates, policies);
        }
        let by = if identity_ok {
            PolicyType::Identity
        } else {
            PolicyType::Resource
        };
        return done(
            Decision::Allowed,
            by,
            allowed_message(caller, req, by),
            gates,
            policies,
        );
    }

    // Cross-account: the caller's account must allow (identity side) AND the resource's
    // policy must allow the caller (naming its account is enough).
    if caller.kind != CallerKind::Root {
        if !identity_ok {
            fail(&mut gates, PolicyType::Identity, "cross-account: the caller's identity-based policies must allow the action, and none does");
            return done(
                Decision::ImplicitlyDenied,
                PolicyType::Identity,
                deny(PolicyType::Identity),
                gates,
                policies,
            );
        }
        gates.step(
            "identity",
            "pass",
            "the caller's identity-based policies allow the action".to_string(),
        );
        if let Some(r) = limits(&mut gates, boundary_ok, session_ok) {
            return done(Decision::ImplicitlyDenied, r, deny(r), gates, policies);
        }
    }
    if resource_match == PrincipalMatch::None {
        fail(&mut gates, PolicyType::Resource, "cross-account: the resource's policy must allow the caller or its account, and it does not");
        return done(
            Decision::ImplicitlyDenied,
            PolicyType::Resource,
            deny(PolicyType::Resource),
            gates,
            policies,
        );
    }
    gates.step(
        "resource",
        "allow",
        "the resource-based policy in the other account allows the caller".to_string(),
    );
    done(
        Decision::Allowed,
        PolicyType::Resource,
        allowed_message(caller, req, PolicyType::Resource),
        gates,
        policies,
    )
}

/// Permissions boundary and session policies limit what identity policies grant.
fn limits(gates: &mut Gates, boundary_ok: bool, session_ok: bool) -> Option<PolicyType> {
    if !boundary_ok {
        gates.step(
            "permissions_boundary",
            "fail",
            "the permissions boundary does not allow the action".to_string(),
        );
        return Some(PolicyType::PermissionsBoundary);
    }
    gates.step(
        "permissions_boundary",
        "pass",
        "no boundary, or the boundary allows the action".to_string(),
    );
    if !session_ok {
        gates.step(
            "session",
            "fail",
            "no session policy allows the action".to_string(),
        );
        return Some(PolicyType::Session);
    }
    gates.step(
        "session",
        "pass",
        "no session policies, or one allows the action".to_string(),
    );
    None
}

fn allowed_message(caller: &Caller, req: &EvalRequest, by: PolicyType) -> String {
    let on = if req.resource.arn.is_empty() {
        String::new()
    } else {
        format!(" on resource: {}", req.resource.arn)
    };
    format!(
        "{} is allowed to perform: {}{on} (granted by {})",
        caller.arn,
        req.action,
        type_words(by)
    )
}
