//! The conditions a hop depends on: which side states them, negated Deny conditions, and the
//! contradictions simple enough to detect without solving.

use crate::sim::eval::context::RequestContext;
use crate::sim::eval::{ContextValue, PolicyType};
use crate::sim::policy::{ConditionClause, ConditionOperator, OperatorBase};
use serde::Serialize;

/// Which policy states a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The role's trust policy (or the resource's policy).
    Trust,
    /// The caller's identity-based policies.
    Identity,
    /// The caller's permissions boundary.
    Boundary,
    /// A service control policy of the caller's account.
    Scp,
    /// A resource control policy of the role's account.
    Rcp,
}

impl Side {
    /// The side of a policy type (session policies are not part of reachability).
    pub fn of(t: PolicyType) -> Side {
        match t {
            PolicyType::Resource => Side::Trust,
            PolicyType::Identity | PolicyType::Session => Side::Identity,
            PolicyType::PermissionsBoundary => Side::Boundary,
            PolicyType::Scp => Side::Scp,
            PolicyType::Rcp => Side::Rcp,
        }
    }
}

/// One condition the request must satisfy, as the policy writes it (`values` ORed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct HopCondition {
    /// The policy that states it.
    pub side: Side,
    /// The operator (`StringEquals`, `Bool`, ...); a Deny's condition appears negated
    /// (`StringNotEquals`), or as `Not(...)` when no single operator says the opposite.
    pub operator: String,
    /// The condition key (`sts:ExternalId`).
    pub key: String,
    /// The policy's values.
    pub values: Vec<String>,
}

impl HopCondition {
    /// An Allow statement's clause, as written.
    pub fn from_clause(side: Side, c: &ConditionClause) -> Self {
        HopCondition {
            side,
            operator: c.operator.raw.clone(),
            key: c.key.clone(),
            values: c.values.items.iter().map(|v| v.text()).collect(),
        }
    }

    /// What the request must satisfy for a Deny's clause to fail.
    pub fn negated(side: Side, c: &ConditionClause) -> Self {
        let mut h = Self::from_clause(side, c);
        let op = &c.operator;
        let simple = op.qualifier.is_none() && !op.if_exists;
        let flipped = match op.base {
            OperatorBase::Bool | OperatorBase::Null if simple && h.values.len() == 1 => {
                h.values = h
                    .values
                    .iter()
                    .map(|v| (!v.eq_ignore_ascii_case("true")).to_string())
                    .collect();
                Some(op.base)
            }
            b if simple => opposite(b),
            _ => None,
        };
        h.operator = match flipped {
            Some(b) => b.name().to_string(),
            None => format!("Not({})", op.raw),
        };
        h
    }

    fn parsed(&self) -> Option<ConditionOperator> {
        ConditionOperator::parse(&self.operator)
    }
}

/// The operator that is true exactly when `b` is false (for a present, single-valued key).
fn opposite(b: OperatorBase) -> Option<OperatorBase> {
    use OperatorBase as O;
    let pairs = [
        (O::StringEquals, O::StringNotEquals),
        (O::StringEqualsIgnoreCase, O::StringNotEqualsIgnoreCase),
        (O::StringLike, O::StringNotLike),
        (O::NumericEquals, O::NumericNotEquals),
        (O::NumericLessThan, O::NumericGreaterThanEquals),
        (O::NumericLessThanEquals, O::NumericGreaterThan),
        (O::DateEquals, O::DateNotEquals),
        (O::DateLessThan, O::DateGreaterThanEquals),
        (O::DateLessThanEquals, O::DateGreaterThan),
        (O::ArnEquals, O::ArnNotEquals),
        (O::ArnLike, O::ArnNotLike),
        (O::IpAddress, O::NotIpAddress),
    ];
    pairs.iter().find_map(|&(a, n)| {
        if a == b {
            Some(n)
        } else if n == b {
            Some(a)
        } else {
            None
        }
    })
}

/// Whether no request can satisfy every condition of `all`: two clauses on the same key that
/// want disjoint exact values, opposite booleans, or a value the other clause excludes; or a
/// clause on a key whose value the path fixes (`facts`, e.g. `iam:PassedToService`) that
/// the fixed value fails.
pub fn contradictory(all: &[HopCondition], facts: &[(&str, &str)]) -> bool {
    for c in all {
        if let Some((_, v)) = facts.iter().find(|(k, _)| k.eq_ignore_ascii_case(&c.key)) {
            if !holds(c, v) {
                return true;
            }
        }
    }
    all.iter().enumerate().any(|(i, a)| {
        all.iter()
            .skip(i.saturating_add(1))
            .any(|b| a.key.eq_ignore_ascii_case(&b.key) && clash(a, b))
    })
}

/// Whether the clause holds when its key has the single value `value`.
fn holds(c: &HopCondition, value: &str) -> bool {
    let Some(operator) = c.parsed() else {
        return true; // `Not(...)`: cannot tell, keep the hop
    };
    let clause = ConditionClause {
        operator,
        key: c.key.clone(),
        values: crate::sim::policy::Values::many(
            c.values
                .iter()
                .map(|v| crate::sim::policy::Scalar::String(v.clone()))
                .collect(),
        ),
    };
    let mut ctx = RequestContext::default();
    ctx.set(&c.key, ContextValue::Single(value.to_string()));
    crate::sim::eval::conditions::evaluate(&clause, &ctx, false).result
}

fn exact(c: &HopCondition) -> Option<(OperatorBase, Vec<String>)> {
    let op = c.parsed()?;
    let plain = op.qualifier.is_none() && !op.if_exists;
    let literal = c.values.iter().all(|v| !v.contains("${"));
    (plain && literal).then(|| {
        let values = match op.base {
            OperatorBase::Bool => c.values.iter().map(|v| v.to_ascii_lowercase()).collect(),
            _ => c.values.clone(),
        };
        (op.base, values)
    })
}

fn clash(a: &HopCondition, b: &HopCondition) -> bool {
    use OperatorBase as O;
    let (Some((oa, va)), Some((ob, vb))) = (exact(a), exact(b)) else {
        return false;
    };
    let disjoint = || !va.iter().any(|v| vb.contains(v));
    match (oa, ob) {
        (O::StringEquals, O::StringEquals) | (O::Bool, O::Bool) => disjoint(),
        (O::StringEquals, O::StringNotEquals) => va.iter().all(|v| vb.contains(v)),
        (O::StringNotEquals, O::StringEquals) => vb.iter().all(|v| va.contains(v)),
        _ => false,
    }
}

/// Both requirements: every pairing of one alternative of `a` with one of `b`, without
/// contradictions (at most `cap`).
pub fn both(
    a: &[Vec<HopCondition>],
    b: &[Vec<HopCondition>],
    facts: &[(&str, &str)],
    cap: usize,
) -> Vec<Vec<HopCondition>> {
    let mut out = Vec::new();
    for x in a {
        for y in b {
            if out.len() >= cap {
                return out;
            }
            let mut joined: Vec<HopCondition> = x.iter().chain(y.iter()).cloned().collect();
            crate::sim::sorting::sort(&mut joined);
            joined.dedup();
            if !contradictory(&joined, facts) && !out.contains(&joined) {
                out.push(joined);
            }
        }
    }
    out
}
