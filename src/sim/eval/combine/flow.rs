//! The gates of the evaluation flow chart, run over what every policy said: explicit deny,
//! SCPs, RCPs, resource-based, identity-based, permissions boundary, session policies.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>

use super::super::context::{Caller, CallerKind, RequestContext};
use super::super::matching::PrincipalMatch;
use super::super::message::{self, trust_explicit_deny, trust_implicit_deny, type_words};
use super::super::trace::{EvalGate as G, PolicyTrace, Step, StepOutcome as O, Trace};
use super::super::{Decision, EvalRequest, EvalResult, PolicyType};
use super::{resource_policy_required, trust_policy_decides};
use std::ops::ControlFlow::{self, Break, Continue};

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

/// The gates of the flow chart. Each is a function that lets the request on to the next gate
/// or answers. They are the chart's boxes, not the trace's steps: the caller's kind and
/// account choose which of the last three answers, and each gate records the steps ([`G`])
/// of the policy types it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// [`explicit_deny`].
    ExplicitDeny,
    /// [`scp`].
    Scp,
    /// [`rcp`].
    Rcp,
    /// [`service_principal`].
    ServicePrincipal,
    /// [`same_account`].
    SameAccount,
    /// [`cross_account`].
    CrossAccount,
}

/// The flow chart: its gates in the order AWS passes them. The last always answers.
const FLOW: [Gate; 6] = [
    Gate::ExplicitDeny,
    Gate::Scp,
    Gate::Rcp,
    Gate::ServicePrincipal,
    Gate::SameAccount,
    Gate::CrossAccount,
];

impl Gate {
    fn run(self, ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
        match self {
            Gate::ExplicitDeny => explicit_deny(ctx, steps),
            Gate::Scp => scp(ctx, steps),
            Gate::Rcp => rcp(ctx, steps),
            Gate::ServicePrincipal => service_principal(ctx, steps),
            Gate::SameAccount => same_account(ctx, steps),
            Gate::CrossAccount => cross_account(ctx, steps),
        }
    }
}

/// What every gate reads: the request facts and what the policies said.
struct Ctx<'a> {
    facts: &'a Facts<'a>,
    said: &'a Gathered,
    /// The resource's policy is a role's trust policy (AWS names it so in its texts).
    trust: bool,
}

/// A gate's answer.
struct Verdict {
    decision: Decision,
    by: PolicyType,
    message: String,
}

impl Ctx<'_> {
    /// Denied because policies of type `t` do not allow: AWS's implicit-deny text.
    fn implicit_deny(&self, t: PolicyType) -> Verdict {
        let Facts { req, caller, .. } = *self.facts;
        let message = if self.trust && t == PolicyType::Resource {
            trust_implicit_deny(&caller.arn, &req.action)
        } else {
            message::implicit_deny(&caller.arn, &req.action, &req.resource.arn, t)
        };
        Verdict {
            decision: Decision::ImplicitlyDenied,
            by: t,
            message,
        }
    }

    /// Allowed, granted by policies of type `by`.
    fn allow(&self, by: PolicyType) -> Verdict {
        Verdict {
            decision: Decision::Allowed,
            by,
            message: allowed_message(self.facts.caller, self.facts.req, by),
        }
    }
}

/// The gates passed so far; records nothing unless a trace was asked for.
struct Steps {
    on: bool,
    steps: Vec<Step>,
}

impl Steps {
    fn step(&mut self, gate: G, outcome: O, note: &str) {
        self.step_with(gate, outcome, || note.to_string());
    }

    /// Formats the note only when a trace was asked for.
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
pub(crate) fn decide(facts: &Facts<'_>, mut gathered: Gathered, traced: bool) -> EvalResult {
    let policies = std::mem::take(&mut gathered.policies);
    let ctx = Ctx {
        facts,
        said: &gathered,
        trust: trust_policy_decides(&facts.req.action, facts.resource_arn),
    };
    let mut steps = Steps {
        on: traced,
        steps: Vec::new(),
    };
    let verdict = match FLOW.iter().try_for_each(|gate| gate.run(&ctx, &mut steps)) {
        Break(verdict) => verdict,
        // Unreachable (cross_account always answers); were nothing to answer, nothing allowed,
        // and AWS's default is an implicit deny.
        Continue(()) => ctx.implicit_deny(PolicyType::Identity),
    };
    EvalResult {
        decision: verdict.decision,
        decided_by: verdict.by,
        message: verdict.message,
        trace: if traced {
            Trace {
                context: facts.ctx.to_map(),
                policies,
                steps: steps.steps,
            }
        } else {
            Trace::default()
        },
    }
}

/// An explicit deny in any applicable policy wins: the first, in the order SCP, RCP,
/// resource, identity, boundary, session, which is the order policies are gathered in.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
fn explicit_deny(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    let Some((t, name)) = &ctx.said.denier else {
        steps.step(G::ExplicitDeny, O::Pass, "no Deny statement matches");
        return Continue(());
    };
    let t = *t;
    let trust = ctx.trust && t == PolicyType::Resource;
    steps.step_with(G::ExplicitDeny, O::Fail, || {
        format!(
            "a Deny statement in {} `{name}` matches",
            if trust {
                "role trust policy"
            } else {
                type_words(t)
            }
        )
    });
    let Facts { req, caller, .. } = *ctx.facts;
    let message = if trust {
        trust_explicit_deny(&caller.arn, &req.action)
    } else {
        message::explicit_deny(&caller.arn, &req.action, &req.resource.arn, t, name)
    };
    Break(Verdict {
        decision: Decision::ExplicitlyDenied,
        by: t,
        message,
    })
}

/// SCPs: every level of the organization, root to account, must allow. Not for the
/// management account.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
fn scp(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    if !ctx.said.scp_applies {
        steps.step(
            G::Scp,
            O::NotApplicable,
            "no SCPs apply (no organization, the management account, or a service principal)",
        );
    } else if !ctx.said.scp_ok {
        steps.step(
            G::Scp,
            O::Fail,
            "some level of the organization has no SCP that allows the action",
        );
        return Break(ctx.implicit_deny(PolicyType::Scp));
    } else {
        steps.step(
            G::Scp,
            O::Pass,
            "every level has an SCP that allows the action",
        );
    }
    Continue(())
}

/// RCPs: the same as SCPs, for the resource's account.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
fn rcp(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    if !ctx.said.rcp_applies {
        steps.step(G::Rcp, O::NotApplicable, "no RCPs apply to this resource");
    } else if !ctx.said.rcp_ok {
        steps.step(
            G::Rcp,
            O::Fail,
            "some level of the organization has no RCP that allows the action",
        );
        return Break(ctx.implicit_deny(PolicyType::Rcp));
    } else {
        steps.step(
            G::Rcp,
            O::Pass,
            "every level has an RCP that allows the action",
        );
    }
    Continue(())
}

/// A service principal is allowed only by a resource-based policy; other callers go on.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
fn service_principal(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    if ctx.facts.caller.kind != CallerKind::Service {
        return Continue(());
    }
    if ctx.said.resource_match == PrincipalMatch::None {
        steps.step(
            G::Resource,
            O::Fail,
            "no resource-based policy allows this service principal",
        );
        return Break(ctx.implicit_deny(PolicyType::Resource));
    }
    steps.step(
        G::Resource,
        O::Allow,
        "the resource-based policy allows the service principal",
    );
    Break(ctx.allow(PolicyType::Resource))
}

/// Caller and resource in one account: an identity-based or a resource-based policy may
/// allow. A resource policy naming the user, role session or federated user ARN itself is
/// not limited by an implicit deny in identity policies, boundaries or session policies;
/// naming the role (or "*") stands in for identity policies but the boundary and session
/// policies still limit it; naming the account delegates to identity policies. Callers in
/// another account go on.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html>
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html>
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session>
fn same_account(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    let Facts {
        req,
        caller,
        resource_arn,
        res_account,
        ..
    } = *ctx.facts;
    if caller.account != res_account {
        return Continue(());
    }
    let said = ctx.said;
    let root = caller.kind == CallerKind::Root;
    if said.resource_match == PrincipalMatch::Direct && !root {
        steps.step(G::Resource, O::Allow, "the resource-based policy names the caller's own ARN, so identity policies, boundary and session policies cannot limit it");
        return Break(ctx.allow(PolicyType::Resource));
    }
    let resource_grants = matches!(
        said.resource_match,
        PrincipalMatch::Entity | PrincipalMatch::Wildcard
    );
    if resource_policy_required(&req.action, resource_arn)
        && said.resource_match == PrincipalMatch::None
    {
        steps.step(G::Resource, O::Fail, "this resource's own policy must allow the caller (role trust policies and KMS key policies), and it does not");
        return Break(ctx.implicit_deny(PolicyType::Resource));
    }
    if root {
        steps.step(
            G::Identity,
            O::Allow,
            "the account root user has full access to its own account",
        );
        return Break(ctx.allow(PolicyType::Identity));
    }
    if !said.identity_ok && !resource_grants {
        steps.step(
            G::Identity,
            O::Fail,
            "no identity-based policy allows the action (and no resource-based policy grants it)",
        );
        return Break(ctx.implicit_deny(PolicyType::Identity));
    }
    steps.step(
        if said.identity_ok {
            G::Identity
        } else {
            G::Resource
        },
        O::Pass,
        "allowed by an identity-based or resource-based policy",
    );
    limits(ctx, steps)?;
    Break(ctx.allow(if said.identity_ok {
        PolicyType::Identity
    } else {
        PolicyType::Resource
    }))
}

/// Caller and resource in different accounts: the caller's account must allow (identity
/// side, limited by boundary and session policies; not asked of an account's root user) AND
/// the resource's policy must allow the caller (naming its account is enough). Always answers.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html>
fn cross_account(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    if ctx.facts.caller.kind != CallerKind::Root {
        if !ctx.said.identity_ok {
            steps.step(G::Identity, O::Fail, "cross-account: the caller's identity-based policies must allow the action, and none does");
            return Break(ctx.implicit_deny(PolicyType::Identity));
        }
        steps.step(
            G::Identity,
            O::Pass,
            "the caller's identity-based policies allow the action",
        );
        limits(ctx, steps)?;
    }
    if ctx.said.resource_match == PrincipalMatch::None {
        steps.step(G::Resource, O::Fail, "cross-account: the resource's policy must allow the caller or its account, and it does not");
        return Break(ctx.implicit_deny(PolicyType::Resource));
    }
    steps.step(
        G::Resource,
        O::Allow,
        "the resource-based policy in the other account allows the caller",
    );
    Break(ctx.allow(PolicyType::Resource))
}

/// The permissions boundary and session policies limit what identity policies (and, in the
/// same account, a resource policy naming the role) grant: each must allow too.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html>
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session>
fn limits(ctx: &Ctx<'_>, steps: &mut Steps) -> ControlFlow<Verdict> {
    if !ctx.said.boundary_ok {
        steps.step(
            G::PermissionsBoundary,
            O::Fail,
            "the permissions boundary does not allow the action",
        );
        return Break(ctx.implicit_deny(PolicyType::PermissionsBoundary));
    }
    steps.step(
        G::PermissionsBoundary,
        O::Pass,
        "no boundary, or the boundary allows the action",
    );
    if !ctx.said.session_ok {
        steps.step(G::Session, O::Fail, "no session policy allows the action");
        return Break(ctx.implicit_deny(PolicyType::Session));
    }
    steps.step(
        G::Session,
        O::Pass,
        "no session policies, or one allows the action",
    );
    Continue(())
}

fn allowed_message(caller: &Caller, req: &EvalRequest, by: PolicyType) -> String {
    // Put together by hand: every allowed decision says this, and `format!` here was a
    // tenth of a trust check.
    let by = type_words(by);
    let arn = &req.resource.arn;
    let mut m = String::with_capacity(128);
    m.push_str(&caller.arn);
    m.push_str(" is allowed to perform: ");
    m.push_str(&req.action);
    if !arn.is_empty() {
        m.push_str(" on resource: ");
        m.push_str(arn);
    }
    m.push_str(" (granted by ");
    m.push_str(by);
    m.push(')');
    m
}

#[cfg(test)]
mod tests;
