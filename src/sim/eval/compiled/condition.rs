//! `Condition` clauses compiled once: the key folded for lookup, each policy value parsed as
//! what its operator compares (number, date, CIDR block, pattern), variables kept for later.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>

use super::pattern::{fold_keys, resolve};
use crate::sim::eval::conditions::{decide_with, order, unreadable};
use crate::sim::eval::context::RequestContext;
use crate::sim::eval::trace::ConditionTrace;
use crate::sim::policy::condition::{Family, OperatorBase, SetQualifier};
use crate::sim::policy::condition_values::{ip_in_cidr, parse_cidr, parse_date};
use crate::sim::policy::variables::{pieces, Piece};
use crate::sim::policy::wildcard::{arn_parts_match, glob_match, Tok};
use crate::sim::policy::ConditionClause;
use std::net::IpAddr;

/// A policy value ready to compare, for the positive form of the clause's operator.
#[derive(Debug, Clone)]
enum Prepared {
    /// A variable had no value and no default: matches nothing.
    Unresolved,
    /// Compared as text (`StringEquals`, `BinaryEquals`, `Bool`, `Null`).
    Text(String),
    /// `StringEqualsIgnoreCase`: lowercased once.
    Lower(String),
    /// Numeric operators (`None`: not a number, matches nothing).
    Number(Option<f64>),
    /// Date operators, in milliseconds.
    Date(Option<i64>),
    /// `IpAddress`.
    Cidr(Option<(IpAddr, u8)>),
    /// `StringLike`.
    Glob(Vec<Tok>),
    /// `ArnLike` / `ArnEquals`.
    Arn(Vec<Tok>),
}

/// One policy value: known when compiled, or resolved for each request (variables).
#[derive(Debug, Clone)]
enum Value {
    /// The text the trace shows, and the value.
    Fixed(String, Prepared),
    /// As written, and its pieces.
    Variables(String, Vec<Piece>),
}

/// One compiled clause.
#[derive(Debug, Clone)]
pub(super) struct Clause {
    raw_operator: String,
    base: OperatorBase,
    qualifier: Option<SetQualifier>,
    if_exists: bool,
    key: String,
    folded_key: String,
    wildcard: bool,
    values: Vec<Value>,
}

fn render(toks: &[Tok]) -> String {
    toks.iter()
        .map(|t| match t {
            Tok::Lit(c) => *c,
            Tok::Star => '*',
            Tok::One => '?',
        })
        .collect()
}

/// A resolved value (as `conditions::evaluate` resolves it) prepared for `positive`; with
/// the text the trace shows (`raw` when unresolved).
fn prepare(
    positive: OperatorBase,
    wildcard: bool,
    toks: Option<Vec<Tok>>,
    raw: &str,
) -> (String, Prepared) {
    use OperatorBase::*;
    let Some(toks) = toks else {
        return (raw.to_string(), Prepared::Unresolved);
    };
    let text = render(&toks);
    let prepared = if wildcard {
        if positive.family() == Family::Arn {
            Prepared::Arn(toks)
        } else {
            Prepared::Glob(toks)
        }
    } else {
        match positive {
            StringEqualsIgnoreCase => Prepared::Lower(text.to_lowercase()),
            NumericEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => Prepared::Number(text.trim().parse::<f64>().ok()),
            DateEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => Prepared::Date(parse_date(&text)),
            IpAddress => Prepared::Cidr(parse_cidr(&text)),
            _ => Prepared::Text(text.clone()),
        }
    };
    (text, prepared)
}

impl Clause {
    /// Compiles a clause; `substitute`: the policy's version substitutes `${...}`.
    pub fn new(clause: &ConditionClause, substitute: bool) -> Self {
        let op = &clause.operator;
        let base = op.base;
        let positive = base.positive();
        let vars = substitute && base.supports_variables();
        let wildcard = matches!(
            positive,
            OperatorBase::StringLike | OperatorBase::ArnLike | OperatorBase::ArnEquals
        );
        let values = clause
            .values
            .items
            .iter()
            .map(|v| {
                let raw = v.text();
                if vars && raw.contains("${") {
                    let p = fold_keys(pieces(&raw));
                    Value::Variables(raw, p)
                } else {
                    let toks = crate::sim::policy::wildcard::tokens(&raw);
                    let (text, p) = prepare(positive, wildcard, Some(toks), &raw);
                    Value::Fixed(text, p)
                }
            })
            .collect();
        Clause {
            raw_operator: op.raw.clone(),
            base,
            qualifier: op.qualifier,
            if_exists: op.if_exists,
            key: clause.key.clone(),
            folded_key: clause.key.to_ascii_lowercase(),
            wildcard,
            values,
        }
    }

    /// The clause's result, and its trace when asked for.
    pub fn evaluate(&self, ctx: &RequestContext, trace: bool) -> (bool, Option<ConditionTrace>) {
        let positive = self.base.positive();
        let single = |k: &str| ctx.single_folded(k);
        // Values with variables are resolved now; the others were prepared when compiled.
        let resolved: Vec<(String, Prepared)>;
        let values: Vec<(&str, &Prepared)> =
            if self.values.iter().all(|v| matches!(v, Value::Fixed(..))) {
                self.values
                    .iter()
                    .filter_map(|v| match v {
                        Value::Fixed(t, p) => Some((t.as_str(), p)),
                        Value::Variables(..) => None,
                    })
                    .collect()
            } else {
                resolved = self
                    .values
                    .iter()
                    .map(|v| match v {
                        Value::Fixed(t, p) => (t.clone(), p.clone()),
                        Value::Variables(raw, pieces) => {
                            prepare(positive, self.wildcard, resolve(pieces, &single), raw)
                        }
                    })
                    .collect();
                resolved.iter().map(|(t, p)| (t.as_str(), p)).collect()
            };
        let present = ctx.get_folded(&self.folded_key).map(|v| v.values());
        let result = decide_with(
            self.base,
            self.qualifier,
            self.if_exists,
            present,
            |absent| {
                values.iter().any(|(_, p)| {
                    matches!(p, Prepared::Text(t) if t.eq_ignore_ascii_case("true") == absent)
                })
            },
            |rv| hit(positive, &values, rv),
        );
        if !trace {
            return (result, None);
        }
        let policy_values: Vec<String> = values.iter().map(|(t, _)| (*t).to_string()).collect();
        let request_values = present.map(<[String]>::to_vec);
        let note = unreadable(
            self.base,
            &self.raw_operator,
            &self.key,
            &policy_values,
            request_values.as_deref(),
        );
        let t = ConditionTrace {
            operator: self.raw_operator.clone(),
            key: self.key.clone(),
            policy_values,
            request_values,
            result,
            note,
        };
        (result, Some(t))
    }
}

/// Whether some policy value matches the request value `rv` under the positive operator
/// (as `conditions::compare`, with the request value read once).
fn hit(op: OperatorBase, values: &[(&str, &Prepared)], rv: &str) -> bool {
    use OperatorBase::*;
    let any = |f: &dyn Fn(&Prepared) -> bool| values.iter().any(|(_, p)| f(p));
    match op.family() {
        Family::Numeric => {
            let Ok(r) = rv.trim().parse::<f64>() else {
                return false;
            };
            any(&|p| matches!(p, Prepared::Number(Some(n)) if order(op, r.partial_cmp(n))))
        }
        Family::Date => {
            let Some(r) = parse_date(rv) else {
                return false;
            };
            any(&|p| matches!(p, Prepared::Date(Some(d)) if order(op, Some(r.cmp(d)))))
        }
        Family::Ip => {
            let Ok(ip) = rv.trim().parse::<IpAddr>() else {
                return false;
            };
            any(&|p| matches!(p, Prepared::Cidr(Some(block)) if ip_in_cidr(ip, *block)))
        }
        _ => {
            let lower = (op == StringEqualsIgnoreCase).then(|| rv.to_lowercase());
            any(&|p| match p {
                Prepared::Glob(toks) => glob_match(toks, rv, false),
                Prepared::Arn(toks) => arn_parts_match(toks, rv),
                Prepared::Lower(t) => lower.as_deref() == Some(t.as_str()),
                Prepared::Text(t) => match op {
                    StringEquals | BinaryEquals => t == rv,
                    Bool => t.eq_ignore_ascii_case(rv),
                    _ => false,
                },
                _ => false,
            })
        }
    }
}
