//! The gates of the evaluation flow chart, run over what every policy said: explicit deny,
//! SCPs, RCPs, resource-based, identity-based, permissions boundary, session policies.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>

use super::super::context::{Caller, CallerKind, RequestContext};
use super::super::matching::PrincipalMatch;
use super::super::message::{
    explicit_deny, implicit_deny, trust_explicit_deny, trust_implicit_deny, type_words,
};
use super::super::trace::{EvalGate as G, PolicyTrace, Step, StepOutcome as O, Trace};
use super::super::{Decision, EvalRequest, EvalResult, PolicyType};
use super::{resource_policy_required, trust_policy_decides};

/// The request facts the gates read (the same for the plain and the compiled evaluator).
#[derive(Clone, Copy)]
pub(crate) struct Facts<'a> {
    /// The request (its caller, action and resource; its policies are not read here).
    pub req: &'a EvalRequest,
    /// The caller, read from the request.
    pub caller: &'a Caller,
    /// The request context.
    pub ctx: &'a RequestContext,
    /// The resource ARN, `*` when the request names none.
    pub resource_arn: &'a str,
    /// The resource's account.
    pub res_account: &'a str,
}

/// What the policies said, policy type by policy type.
pub(crate) struct Gathered {
    /// Every policy's trace, in evaluation order (empty when no trace was asked for).
    pub policies: Vec<PolicyTrace>,
    /// The first applicable policy with a matching Deny, in evaluation order.
    pub denier: Option<(PolicyType, String)>,
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

/// The gates passed so far; records nothing unless a trace was asked for.
struct Gates {
    on: bool,
    steps: Vec<Step>,
}

impl Gates {
    fn step(&mut self, gate: G, outcome: O, note: &str) {
        self.step_with(gate, outcome, || note.to_string());
    }

    fn step_with(&mut self, gate: G, outcome: O, note: impl FnOnce() -> String) {
        if self.on {
            self.steps.push(Step {
                gate,
                outcome,
                note: note(),
            });
        }
    }
}

/// Runs the gates of the flow chart over what the policies said. `traced`: record the gates
/// and keep the policies' traces (otherwise the trace is left empty and nothing is formatted
/// that only the trace would show).
pub(crate) fn decide(facts: &Facts<'_>, gathered: Gathered, traced: bool) -> EvalResult {
    let Facts {
        req,
        caller,
        ctx,
        resource_arn,
        res_account,
    } = *facts;
    let Gathered {
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
    } = gathered;

    let mut gates = Gates {
        on: traced,
        steps: Vec::new(),
    };
    let trace = |gates: Gates, policies: Vec<PolicyTrace>| {
        if gates.on {
            Trace {
                context: ctx.to_map(),
                policies,
                steps: gates.steps,
            }
        } else {
            Trace::default()
        }
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

    // 1. An explicit deny in any applicable policy wins (the first, in the order SCP, RCP,
    // resource, identity, boundary, session, which is the order policies are gathered in).
    if let Some((t, name)) = denier {
        gates.step_with(G::ExplicitDeny, O::Fail, || {
            format!(
                "a Deny statement in {} `{name}` matches",
                if trust && t == PolicyType::Resource {
                    "role trust policy"
                } else {
                    type_words(t)
                }
            )
        });
        let msg = if trust && t == PolicyType::Resource {
            trust_explicit_deny(&caller.arn, &req.action)
        } else {
            explicit_deny(&caller.arn, &req.action, &req.resource.arn, t, &name)
        };
        return done(Decision::ExplicitlyDenied, t, msg, gates, policies);
    }
    gates.step(G::ExplicitDeny, O::Pass, "no Deny statement matches");

    // 2. SCPs: every level, root to account, must allow. Not for the management account.
    if !scp_applies {
        gates.step(
            G::Scp,
            O::NotApplicable,
            "no SCPs apply (no organization, the management account, or a service principal)",
        );
    } else if !scp_ok {
        gates.step(
            G::Scp,
            O::Fail,
            "some level of the organization has no SCP that allows the action",
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
            G::Scp,
            O::Pass,
            "every level has an SCP that allows the action",
        );
    }
    // 3. RCPs: the same, for the resource's account.
    if !rcp_applies {
        gates.step(G::Rcp, O::NotApplicable, "no RCPs apply to this resource");
    } else if !rcp_ok {
        gates.step(
            G::Rcp,
            O::Fail,
            "some level of the organization has no RCP that allows the action",
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
            G::Rcp,
            O::Pass,
            "every level has an RCP that allows the action",
        );
    }

    let same_account = caller.account == res_account;
    let required = resource_policy_required(&req.action, resource_arn);
    let fail = |gates: &mut Gates, t: PolicyType, note: &str| {
        gates.step(G::of(t), O::Fail, note);
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
            G::Resource,
            O::Allow,
            "the resource-based policy allows the service principal",
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
            gates.step(G::Resource, O::Allow, "the resource-based policy names the caller's own ARN, so identity policies, boundary and session policies cannot limit it");
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
                G::Identity,
                O::Allow,
                "the account root user has full access to its own account",
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
            if identity_ok {
                G::Identity
            } else {
                G::Resource
            },
            O::Pass,
            "allowed by an identity-based or resource-based policy",
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
            G::Identity,
            O::Pass,
            "the caller's identity-based policies allow the action",
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
        G::Resource,
        O::Allow,
        "the resource-based policy in the other account allows the caller",
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
            G::PermissionsBoundary,
            O::Fail,
            "the permissions boundary does not allow the action",
        );
        return Some(PolicyType::PermissionsBoundary);
    }
    gates.step(
        G::PermissionsBoundary,
        O::Pass,
        "no boundary, or the boundary allows the action",
    );
    if !session_ok {
        gates.step(G::Session, O::Fail, "no session policy allows the action");
        return Some(PolicyType::Session);
    }
    gates.step(
        G::Session,
        O::Pass,
        "no session policies, or one allows the action",
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
