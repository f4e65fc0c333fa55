//! Policies compiled once for evaluation: patterns pre-tokenized with their literal prefixes,
//! condition keys folded and values pre-parsed, statements indexed by the service their
//! actions name. One walk decides and, only when asked, builds the trace.
//!
//! It decides exactly as [`super::evaluate`] does (a property test compares the two on
//! generated policies and requests, trace included); the gates of the flow chart are shared.

mod condition;
mod gather;
mod pattern;
mod walk;

use super::combine::flow::{decide, Facts};
use super::combine::{request_resource, unusable};
use super::context::{resource_account, Caller, RequestContext};
use super::matching::Env;
use super::wire::RequestError;
use super::{EvalRequest, EvalResult, NamedPolicy};
use crate::sim::policy::Policy;
use pattern::{ActionPattern, ResourcePattern};
use std::collections::HashMap;
use std::sync::Arc;
use walk::{Statement, Walk};

/// A policy ready to evaluate many times.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    statements: Vec<Statement>,
    /// Statement positions by the lowercased service their `Action` patterns all name.
    by_service: HashMap<String, Vec<usize>>,
    /// Statements any action may match (`NotAction`, `*`, `s3*`, non-ASCII patterns).
    any_service: Vec<usize>,
}

impl CompiledPolicy {
    /// Compiles a parsed policy.
    pub fn new(policy: &Policy) -> Self {
        let substitute = policy.substitutes_variables();
        let mut by_service: HashMap<String, Vec<usize>> = HashMap::new();
        let mut any_service = Vec::new();
        let statements: Vec<Statement> = policy
            .statements
            .iter()
            .enumerate()
            .map(|(index, st)| {
                let actions: Vec<ActionPattern> = st
                    .action
                    .values
                    .items
                    .iter()
                    .map(|a| ActionPattern::new(a))
                    .collect();
                let services: Option<Vec<String>> = if st.action.negated {
                    None
                } else {
                    actions.iter().map(ActionPattern::service).collect()
                };
                match services {
                    Some(mut services) => {
                        crate::sim::sorting::sort(&mut services);
                        services.dedup();
                        for s in services {
                            by_service.entry(s).or_default().push(index);
                        }
                    }
                    None => any_service.push(index),
                }
                Statement {
                    index,
                    sid: st.sid.as_deref().map(std::sync::Arc::from),
                    effect: st.effect,
                    action_negated: st.action.negated,
                    actions,
                    resources: st.resource.as_ref().map(|r| {
                        let patterns = r
                            .values
                            .items
                            .iter()
                            .map(|p| ResourcePattern::new(p, substitute))
                            .collect();
                        (r.negated, patterns)
                    }),
                    principal: st.principal.clone(),
                    conditions: st
                        .condition
                        .iter()
                        .map(|c| condition::Clause::new(c, substitute))
                        .collect(),
                }
            })
            .collect();
        CompiledPolicy {
            statements,
            by_service,
            any_service,
        }
    }

    /// The statements an action of `service` may match (all of them when the service is
    /// unknown, as for a non-ASCII action).
    fn candidates<'s>(
        &'s self,
        service: Option<&str>,
    ) -> Box<dyn Iterator<Item = &'s Statement> + 's> {
        let Some(service) = service else {
            return Box::new(self.statements.iter());
        };
        let named = self
            .by_service
            .get(service)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        Box::new(
            self.any_service
                .iter()
                .chain(named)
                .filter_map(|i| self.statements.get(*i)),
        )
    }
}

/// A compiled policy with the name the trace and messages use.
#[derive(Debug, Clone)]
pub struct NamedCompiled {
    /// Shown in the trace; an ARN here is quoted in explicit-deny messages as AWS does.
    pub name: String,
    /// The compiled policy (shared: managed policies are attached to many identities).
    pub policy: Arc<CompiledPolicy>,
}

impl NamedCompiled {
    /// A compiled policy with its trace name.
    pub fn new(name: impl Into<String>, policy: Arc<CompiledPolicy>) -> Self {
        NamedCompiled {
            name: name.into(),
            policy,
        }
    }

    /// Compiles a named policy.
    pub fn compile(named: &NamedPolicy) -> Self {
        NamedCompiled::new(
            named.name.clone(),
            Arc::new(CompiledPolicy::new(&named.policy)),
        )
    }
}

/// Every policy of one request, compiled; the fields mirror [`EvalRequest`]'s.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    /// Identity-based policies of the caller.
    pub identity_policies: Vec<NamedCompiled>,
    /// The resource's policy.
    pub resource_policy: Option<NamedCompiled>,
    /// The caller's permissions boundary.
    pub permissions_boundary: Option<NamedCompiled>,
    /// Session policies.
    pub session_policies: Vec<NamedCompiled>,
    /// SCPs by level of the caller's account.
    pub scps: Vec<Vec<NamedCompiled>>,
    /// RCPs by level of the resource's account.
    pub rcps: Vec<Vec<NamedCompiled>>,
}

impl PolicySet {
    /// Compiles every policy of `req`.
    pub fn compile(req: &EvalRequest) -> Self {
        let list = |ps: &[NamedPolicy]| ps.iter().map(NamedCompiled::compile).collect();
        PolicySet {
            identity_policies: list(&req.identity_policies),
            resource_policy: req.resource_policy.as_ref().map(NamedCompiled::compile),
            permissions_boundary: req
                .permissions_boundary
                .as_ref()
                .map(NamedCompiled::compile),
            session_policies: list(&req.session_policies),
            scps: req.scps.iter().map(|l| list(l)).collect(),
            rcps: req.rcps.iter().map(|l| list(l)).collect(),
        }
    }
}

/// How much the evaluation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The decision, who decided and the message; the trace is left empty.
    Decision,
    /// Everything, with the trace the plain evaluator gives.
    Trace,
}

/// Evaluates `req` against compiled `policies` (the request's own policy fields are not
/// read), or explains why the request itself is unusable (e.g. a role ARN as caller).
pub fn try_evaluate(
    req: &EvalRequest,
    policies: &PolicySet,
    detail: Detail,
) -> Result<EvalResult, RequestError> {
    let caller =
        Caller::from_principal(&req.principal).map_err(|reason| RequestError::InvalidField {
            field: "principal.arn".to_string(),
            reason,
        })?;
    let ctx = RequestContext::for_request(req, &caller);
    let resource_arn = request_resource(req);
    let res_account = resource_account(req, &caller);
    let has_boundary = policies.permissions_boundary.is_some();
    let env = Env::new(req, &ctx, &caller, resource_arn, has_boundary);
    let trace = detail == Detail::Trace;
    let walk = Walk {
        env: &env,
        action: pattern::RequestAction::new(&req.action),
        trace,
    };
    let gathered = gather::gather(req, policies, &walk, &res_account);
    let facts = Facts {
        req,
        caller: &caller,
        ctx: &ctx,
        resource_arn,
        res_account: &res_account,
    };
    Ok(decide(&facts, gathered, trace))
}

/// Evaluates; an unusable caller is an implicit deny whose message says why (as
/// [`super::evaluate`]).
pub fn evaluate(req: &EvalRequest, policies: &PolicySet, detail: Detail) -> EvalResult {
    try_evaluate(req, policies, detail).unwrap_or_else(unusable)
}
