//! The walk over compiled statements: one function decides each statement and, when asked,
//! records why, so the trace always explains the decision it comes with.

use super::condition::Clause;
use super::pattern::{ActionPattern, RequestAction, ResourcePattern};
use super::{CompiledPolicy, NamedCompiled};
use crate::sim::eval::matching::{element, principal_match, Env, PrincipalMatch};
use crate::sim::eval::trace::{PolicyTrace, StatementTrace};
use crate::sim::eval::PolicyType;
use crate::sim::policy::{Effect, PrincipalBlock};

/// One compiled statement.
#[derive(Debug, Clone)]
pub(super) struct Statement {
    pub index: usize,
    pub sid: Option<std::sync::Arc<str>>,
    pub effect: Effect,
    pub action_negated: bool,
    pub actions: Vec<ActionPattern>,
    /// `(negated, patterns)` of `Resource` / `NotResource`.
    pub resources: Option<(bool, Vec<ResourcePattern>)>,
    pub principal: Option<PrincipalBlock>,
    pub conditions: Vec<Clause>,
}

/// What one request needs while walking: the matching environment and the action, prepared.
pub(super) struct Walk<'a> {
    pub env: &'a Env<'a>,
    pub action: RequestAction<'a>,
    /// Whether to build the trace.
    pub trace: bool,
}

/// What one policy says about the request.
pub(super) struct Said {
    pub allows: bool,
    pub denies: bool,
    /// The most specific principal match of a matching Allow.
    pub best: PrincipalMatch,
    /// The policy's trace, when asked for.
    pub trace: Option<PolicyTrace>,
}

impl Walk<'_> {
    /// Evaluates one policy. Without a trace only the statements the action's service can
    /// match are visited, and each stops at its first element that fails.
    pub fn policy(
        &self,
        policy_type: PolicyType,
        named: &NamedCompiled,
        level: Option<usize>,
        applies: bool,
    ) -> Said {
        let policy: &CompiledPolicy = &named.policy;
        let mut said = Said {
            allows: false,
            denies: false,
            best: PrincipalMatch::None,
            trace: None,
        };
        let note = |said: &mut Said, st: &Statement, matched: bool, strength| {
            if matched {
                match st.effect {
                    Effect::Allow => {
                        said.allows = true;
                        said.best = said.best.max(strength);
                    }
                    Effect::Deny => said.denies = true,
                }
            }
        };
        if self.trace {
            let mut statements = Vec::with_capacity(policy.statements.len());
            for st in &policy.statements {
                let (matched, strength, trace) = self.statement(st);
                note(&mut said, st, matched, strength);
                statements.extend(trace);
            }
            said.trace = Some(PolicyTrace {
                policy_type,
                name: named.name.clone(),
                level,
                applies,
                allows: said.allows,
                denies: said.denies,
                statements,
            });
        } else {
            for st in policy.candidates(self.action.service()) {
                let (matched, strength, _) = self.statement(st);
                note(&mut said, st, matched, strength);
            }
        }
        said
    }

    /// Whether the statement matches, how specifically it names the caller, and its trace
    /// when asked for (then every element is evaluated, as the plain evaluator does).
    fn statement(&self, st: &Statement) -> (bool, PrincipalMatch, Option<StatementTrace>) {
        let env = self.env;
        let hit = st.actions.iter().find(|p| p.matches(&self.action));
        let action_ok = hit.is_some() != st.action_negated;
        if !self.trace && !action_ok {
            return (false, PrincipalMatch::None, None);
        }
        let single = |k: &str| env.ctx.single_folded(k);
        let resource_hit = st.resources.as_ref().map(|(negated, patterns)| {
            let hit = patterns.iter().find(|p| p.matches(env.resource, &single));
            (*negated, hit)
        });
        let resource_ok = resource_hit.is_none_or(|(negated, hit)| hit.is_some() != negated);
        if !self.trace && !resource_ok {
            return (false, PrincipalMatch::None, None);
        }
        let (principal, strength) = match &st.principal {
            Some(p) => principal_match(p, st.effect, env, self.trace),
            // Identity-based policies apply to the identity they are attached to.
            None => (None, PrincipalMatch::Direct),
        };
        let principal_ok = st.principal.is_none() || strength != PrincipalMatch::None;
        let elements_match = action_ok && resource_ok && principal_ok;
        let mut conditions = Vec::new();
        let mut all = elements_match;
        if elements_match {
            for c in &st.conditions {
                let (ok, trace) = c.evaluate(env.ctx, self.trace);
                all &= ok;
                conditions.extend(trace);
                if !self.trace && !all {
                    break;
                }
            }
        }
        if !self.trace {
            return (all, strength, None);
        }
        let name =
            |negated: bool, yes: &'static str, no: &'static str| if negated { no } else { yes };
        let trace = StatementTrace {
            index: st.index,
            sid: st.sid.clone(),
            effect: st.effect.as_str(),
            matched: all,
            action: element(
                name(st.action_negated, "Action", "NotAction"),
                st.action_negated,
                hit.map(|p| p.text.clone()),
            ),
            resource: resource_hit.map(|(negated, hit)| {
                element(
                    name(negated, "Resource", "NotResource"),
                    negated,
                    hit.map(|p| p.text.clone()),
                )
            }),
            principal,
            conditions,
        };
        (all, strength, Some(trace))
    }
}
