//! Does a statement apply to the request? Action, Resource, Principal and Condition, traced.

use super::context::{Caller, CallerKind, RequestContext};
use super::trace::{ElementTrace, PolicyTrace, StatementTrace};
use super::{NamedPolicy, PolicyType};
use crate::sim::policy::variables::resolve_tokens;
use crate::sim::policy::wildcard::{action_matches, arn_match};
use crate::sim::policy::{
    Effect, Policy, PrincipalBlock, PrincipalType, PrincipalValue, Statement,
};
use std::sync::Arc;

/// How specifically a resource-based policy names the caller. The order matters: a more
/// specific match lifts more limits (see `combine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PrincipalMatch {
    /// Not named.
    None,
    /// Named through its account (`123456789012` or `arn:aws:iam::123456789012:root`):
    /// the account delegates to its own identity-based policies.
    Account,
    /// `"*"`: everyone.
    Wildcard,
    /// Named through its role (`arn:aws:iam::...:role/R` for a session of R).
    Entity,
    /// Named exactly: the user ARN, the role session ARN, the federated user ARN, the service.
    Direct,
}

/// What a statement match needs to know about the request.
pub struct Env<'a> {
    /// The context.
    pub ctx: &'a RequestContext,
    /// The caller.
    pub caller: &'a Caller,
    /// `service:Action`.
    pub action: &'a str,
    /// The resource ARN (`*` for actions without a resource).
    pub resource: &'a str,
    /// Whether the caller has a permissions boundary (matters for Deny + NotPrincipal).
    pub has_boundary: bool,
    /// The session's identity provider, for `Federated` principals.
    pub federated_provider: Option<&'a str>,
}

impl<'a> Env<'a> {
    /// The matching environment of `req` (whose policies are not read).
    pub fn new(
        req: &'a super::EvalRequest,
        ctx: &'a RequestContext,
        caller: &'a Caller,
        resource: &'a str,
        has_boundary: bool,
    ) -> Self {
        Env {
            ctx,
            caller,
            action: &req.action,
            resource,
            has_boundary,
            federated_provider: req
                .principal
                .session
                .as_ref()
                .and_then(|s| s.federated_provider.as_deref()),
        }
    }
}

/// A policy's evaluation: its trace and the most specific principal match of a matching Allow.
pub fn evaluate_policy(
    policy_type: PolicyType,
    named: &NamedPolicy,
    level: Option<usize>,
    applies: bool,
    env: &Env<'_>,
) -> (PolicyTrace, PrincipalMatch) {
    let mut best = PrincipalMatch::None;
    let mut allows = false;
    let mut denies = false;
    let mut statements = Vec::with_capacity(named.policy.statements.len());
    for (index, st) in named.policy.statements.iter().enumerate() {
        let (trace, strength) = statement(&named.policy, st, index, policy_type, env);
        if trace.matched {
            match st.effect {
                Effect::Allow => {
                    allows = true;
                    best = best.max(strength);
                }
                Effect::Deny => denies = true,
            }
        }
        statements.push(trace);
    }
    let trace = PolicyTrace {
        policy_type,
        name: named.name.clone(),
        level,
        applies,
        allows,
        denies,
        statements,
    };
    (trace, best)
}

fn statement(
    policy: &Policy,
    st: &Statement,
    index: usize,
    policy_type: PolicyType,
    env: &Env<'_>,
) -> (StatementTrace, PrincipalMatch) {
    let action = element(
        if st.action.negated {
            "NotAction"
        } else {
            "Action"
        },
        st.action.negated,
        st.action
            .values
            .items
            .iter()
            .find(|p| action_matches(p, env.action))
            .map(|p| Arc::from(p.as_str())),
    );
    let resource = st.resource.as_ref().map(|r| {
        let substitute = policy.substitutes_variables();
        let hit = r.values.items.iter().find(|p| {
            resolve_tokens(p, substitute, |k| env.ctx.single(k))
                .is_some_and(|toks| arn_match(&toks, env.resource))
        });
        element(
            if r.negated { "NotResource" } else { "Resource" },
            r.negated,
            hit.map(|p| Arc::from(p.as_str())),
        )
    });
    let (principal, strength) = match (&st.principal, policy_type) {
        (Some(p), _) => principal_match(p, st.effect, env, true),
        // Identity-based policies apply to the identity they are attached to.
        (None, _) => (None, PrincipalMatch::Direct),
    };
    let elements_match = action.matched
        && resource.as_ref().is_none_or(|r| r.matched)
        && principal.as_ref().is_none_or(|p| p.matched);
    let conditions: Vec<_> = if elements_match {
        let substitute = policy.substitutes_variables();
        st.condition
            .iter()
            .map(|c| super::conditions::evaluate(c, env.ctx, substitute))
            .collect()
    } else {
        Vec::new()
    };
    let matched = elements_match && conditions.iter().all(|c| c.result);
    let trace = StatementTrace {
        index,
        sid: st.sid.as_deref().map(Arc::from),
        effect: st.effect.as_str(),
        matched,
        action,
        resource,
        principal,
        conditions,
    };
    (trace, strength)
}

/// Positive elements match when a pattern hits; negated ones when none does.
pub(crate) fn element(name: &'static str, negated: bool, hit: Option<Arc<str>>) -> ElementTrace {
    ElementTrace {
        element: name,
        matched: hit.is_some() != negated,
        by: hit,
    }
}

/// How one `Principal` value names the caller.
pub(crate) fn classify(t: PrincipalType, v: &str, env: &Env<'_>) -> PrincipalMatch {
    let c = env.caller;
    match t {
        PrincipalType::Aws => {
            if v == "*" {
                return PrincipalMatch::Wildcard;
            }
            if c.kind == CallerKind::Service {
                return PrincipalMatch::None;
            }
            if v == c.account
                || (v.starts_with("arn:")
                    && v.ends_with(":root")
                    && v.split(':').nth(4) == Some(c.account.as_str()))
            {
                return PrincipalMatch::Account;
            }
            if v == c.arn && c.kind != CallerKind::Root {
                return PrincipalMatch::Direct;
            }
            if c.role_arn.as_deref() == Some(v) {
                return PrincipalMatch::Entity;
            }
            PrincipalMatch::None
        }
        PrincipalType::Service => {
            if c.kind == CallerKind::Service && (v == "*" || v.eq_ignore_ascii_case(&c.name)) {
                PrincipalMatch::Direct
            } else {
                PrincipalMatch::None
            }
        }
        PrincipalType::Federated => {
            if env.federated_provider == Some(v) {
                PrincipalMatch::Direct
            } else {
                PrincipalMatch::None
            }
        }
        PrincipalType::CanonicalUser => PrincipalMatch::None,
    }
}

/// `Principal`: the best match of any value. `NotPrincipal`: applies unless the caller is
/// excluded, and AWS excludes a caller only when the list names every identity the request
/// carries: the account and the user, or the account, the role and the role session.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html>
/// `trace`: also say which value matched (the compiled evaluator asks only for the match).
pub(crate) fn principal_match<'p>(
    p: &'p PrincipalBlock,
    effect: Effect,
    env: &Env<'_>,
    trace: bool,
) -> (Option<ElementTrace>, PrincipalMatch) {
    // The best match and the last value giving it (as `max_by_key` picks among equals).
    let mut best: Option<(PrincipalMatch, &'p str)> = None;
    // Which kinds of match some value gives (for NotPrincipal).
    let mut seen = [false; 5];
    let mut note = |m: PrincipalMatch, v: &'p str| {
        if let Some(s) = seen.get_mut(m as usize) {
            *s = true;
        }
        if best.is_none_or(|(b, _)| m >= b) {
            best = Some((m, v));
        }
    };
    match &p.value {
        PrincipalValue::Any => note(PrincipalMatch::Wildcard, "*"),
        PrincipalValue::Map(m) => {
            for (t, vs) in m {
                for v in &vs.items {
                    note(classify(*t, v, env), v);
                }
            }
        }
    }
    if !p.negated {
        let (strength, by) = best.unwrap_or((PrincipalMatch::None, ""));
        let matched = strength != PrincipalMatch::None;
        let trace = trace.then(|| ElementTrace {
            element: "Principal",
            matched,
            by: matched.then(|| Arc::from(by)),
        });
        return (trace, strength);
    }
    let listed = |want: PrincipalMatch| {
        seen.get(want as usize).copied().unwrap_or(false)
            || seen
                .get(PrincipalMatch::Wildcard as usize)
                .copied()
                .unwrap_or(false)
    };
    // Every identity the request carries must be listed: the account, and the user, or the
    // role and its session (the NotPrincipal page lists all three for a role session).
    let excluded = match env.caller.kind {
        CallerKind::Root => listed(PrincipalMatch::Account),
        CallerKind::Service => listed(PrincipalMatch::Direct),
        CallerKind::AssumedRole => {
            listed(PrincipalMatch::Direct)
                && listed(PrincipalMatch::Entity)
                && listed(PrincipalMatch::Account)
        }
        _ => listed(PrincipalMatch::Direct) && listed(PrincipalMatch::Account),
    };
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that
    // has a permissions boundary policy attached" (permissions boundaries page).
    let excluded = excluded && !(effect == Effect::Deny && env.has_boundary);
    let trace = trace.then_some(ElementTrace {
        element: "NotPrincipal",
        matched: !excluded,
        by: None,
    });
    (
        trace,
        if excluded {
            PrincipalMatch::None
        } else {
            PrincipalMatch::Wildcard
        },
    )
}
