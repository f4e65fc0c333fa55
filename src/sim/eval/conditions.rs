//! Condition evaluation: operator families, `...IfExists`, `Null`, set qualifiers, variables.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>

use super::context::RequestContext;
use super::trace::ConditionTrace;
use crate::sim::policy::condition::{Family, OperatorBase, SetQualifier};
use crate::sim::policy::condition_values::{ip_in_cidr, parse_cidr, parse_date};
use crate::sim::policy::variables::{resolve_text, resolve_tokens};
use crate::sim::policy::wildcard::{arn_parts_match, glob_match, Tok};
use crate::sim::policy::ConditionClause;

/// A policy value after variable substitution; `None` when a variable had no value.
enum Resolved {
    Text(Option<String>),
    Pattern(Option<Vec<Tok>>),
}

/// Evaluates one clause against the context.
pub fn evaluate(
    clause: &ConditionClause,
    ctx: &RequestContext,
    substitute: bool,
) -> ConditionTrace {
    let op = &clause.operator;
    let base = op.base;
    let vars = substitute && base.supports_variables();
    let lookup = |k: &str| ctx.single(k);
    let wildcard = matches!(
        base.positive(),
        OperatorBase::StringLike | OperatorBase::ArnLike | OperatorBase::ArnEquals
    );
    let resolved: Vec<Resolved> = clause
        .values
        .items
        .iter()
        .map(|v| {
            let t = v.text();
            if wildcard {
                Resolved::Pattern(resolve_tokens(&t, vars, lookup))
            } else {
                Resolved::Text(resolve_text(&t, vars, lookup))
            }
        })
        .collect();
    let policy_values: Vec<String> = resolved
        .iter()
        .zip(&clause.values.items)
        .map(|(r, raw)| match r {
            Resolved::Text(Some(t)) => t.clone(),
            Resolved::Pattern(Some(p)) => p
                .iter()
                .map(|t| match t {
                    Tok::Lit(c) => *c,
                    Tok::Star => '*',
                    Tok::One => '?',
                })
                .collect(),
            _ => raw.text(),
        })
        .collect();
    let present = ctx.get(&clause.key);
    let request_values: Option<Vec<String>> = present.map(|v| v.values().to_vec());
    let result = decide(
        base,
        op.qualifier,
        op.if_exists,
        request_values.as_deref(),
        &resolved,
    );
    let note = unreadable(
        base,
        &op.raw,
        &clause.key,
        &policy_values,
        request_values.as_deref(),
    );
    ConditionTrace {
        operator: op.raw.clone(),
        key: clause.key.clone(),
        policy_values,
        request_values,
        result,
        note,
    }
}

/// Whether a value reads as what an operator compares.
type Reads = dyn Fn(&str) -> bool;

/// Names the first value that cannot be read as what `base` compares, so the trace says the
/// clause could not be evaluated instead of reporting a plain mismatch.
pub(crate) fn unreadable(
    base: OperatorBase,
    operator: &str,
    key: &str,
    policy: &[String],
    request: Option<&[String]>,
) -> Option<String> {
    let number = |v: &str| v.trim().parse::<f64>().is_ok();
    let date = |v: &str| parse_date(v).is_some();
    let boolean = |v: &str| v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false");
    let ip = |v: &str| v.trim().parse::<std::net::IpAddr>().is_ok();
    let cidr = |v: &str| parse_cidr(v).is_some();
    let (policy_ok, request_ok, what): (&Reads, &Reads, &str) = match base.family() {
        Family::Numeric => (&number, &number, "a number"),
        Family::Date => (&date, &date, "a date"),
        Family::Bool => (&boolean, &boolean, "true or false"),
        Family::Ip => (&cidr, &ip, "an IP address"),
        Family::String | Family::Binary | Family::Arn | Family::Null => return None,
    };
    let bad = |side: &str, v: &String| {
        format!("could not evaluate {operator} on {key}: `{v}` in the {side} is not {what}, so it matches nothing")
    };
    if let Some(v) = policy.iter().find(|v| !policy_ok(v)) {
        return Some(bad("policy", v));
    }
    request
        .unwrap_or_default()
        .iter()
        .find(|v| !request_ok(v))
        .map(|v| bad("request", v))
}

fn decide(
    base: OperatorBase,
    qualifier: Option<SetQualifier>,
    if_exists: bool,
    request: Option<&[String]>,
    policy: &[Resolved],
) -> bool {
    let positive = base.positive();
    decide_with(
        base,
        qualifier,
        if_exists,
        request,
        |absent| {
            policy.iter().any(|p| match p {
                Resolved::Text(Some(t)) => t.eq_ignore_ascii_case("true") == absent,
                _ => false,
            })
        },
        |rv| policy.iter().any(|p| compare(positive, p, rv)),
    )
}

/// The existence and set rules of one clause, whatever its values compare as. `null(absent)`:
/// whether some value of a `Null` clause says "true" exactly when the key is absent;
/// `hit(rv)`: whether some policy value matches the request value `rv` under the positive
/// form of the operator.
pub(crate) fn decide_with(
    base: OperatorBase,
    qualifier: Option<SetQualifier>,
    if_exists: bool,
    request: Option<&[String]>,
    null: impl Fn(bool) -> bool,
    hit: impl Fn(&str) -> bool,
) -> bool {
    if base == OperatorBase::Null {
        // "true": the key must be absent; "false": present. Several values are ORed.
        return null(request.is_none());
    }
    let Some(values) = request else {
        // Missing key: IfExists -> true; ForAllValues -> true; ForAnyValue -> false;
        // otherwise false, except negated operators, which are true.
        return if_exists
            || match qualifier {
                Some(SetQualifier::ForAllValues) => true,
                Some(SetQualifier::ForAnyValue) => false,
                None => base.is_negated(),
            };
    };
    let one = |rv: &str| hit(rv) != base.is_negated();
    match qualifier {
        // ForAllValues: every request value passes (vacuously true for an empty set).
        Some(SetQualifier::ForAllValues) => values.iter().all(|v| one(v)),
        // ForAnyValue: at least one request value passes.
        Some(SetQualifier::ForAnyValue) => values.iter().any(|v| one(v)),
        // A plain operator: a negated operator fails if any value matches the positive one.
        None => values.iter().any(|v| hit(v)) != base.is_negated(),
    }
}

/// The positive comparison of a request value with one policy value.
fn compare(op: OperatorBase, policy: &Resolved, rv: &str) -> bool {
    use OperatorBase::*;
    let pv = match policy {
        Resolved::Pattern(Some(p)) => {
            return if op.family() == Family::Arn {
                arn_parts_match(p, rv)
            } else {
                glob_match(p, rv, false)
            };
        }
        Resolved::Text(Some(t)) => t.as_str(),
        _ => return false,
    };
    match op {
        StringEquals | BinaryEquals => pv == rv,
        StringEqualsIgnoreCase => pv.to_lowercase() == rv.to_lowercase(),
        Bool => pv.eq_ignore_ascii_case(rv),
        NumericEquals
        | NumericLessThan
        | NumericLessThanEquals
        | NumericGreaterThan
        | NumericGreaterThanEquals => match (rv.trim().parse::<f64>(), pv.trim().parse::<f64>()) {
            (Ok(r), Ok(p)) => order(op, r.partial_cmp(&p)),
            _ => false,
        },
        DateEquals
        | DateLessThan
        | DateLessThanEquals
        | DateGreaterThan
        | DateGreaterThanEquals => match (parse_date(rv), parse_date(pv)) {
            (Some(r), Some(p)) => order(op, Some(r.cmp(&p))),
            _ => false,
        },
        IpAddress => match (rv.trim().parse(), parse_cidr(pv)) {
            (Ok(ip), Some(block)) => ip_in_cidr(ip, block),
            _ => false,
        },
        _ => false,
    }
}

/// request `op` policy, e.g. NumericLessThan: request < policy.
pub(crate) fn order(op: OperatorBase, ord: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    use OperatorBase::*;
    matches!(
        (op, ord),
        (NumericEquals | DateEquals, Some(Equal))
            | (NumericLessThan | DateLessThan, Some(Less))
            | (
                NumericLessThanEquals | DateLessThanEquals,
                Some(Less | Equal)
            )
            | (NumericGreaterThan | DateGreaterThan, Some(Greater))
            | (
                NumericGreaterThanEquals | DateGreaterThanEquals,
                Some(Greater | Equal)
            )
    )
}
