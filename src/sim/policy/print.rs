//! Policy -> canonical AWS JSON (element order as AWS documents it, 4-space indent).

use super::{ConditionClause, Policy, PrincipalBlock, PrincipalValue, Scalar, Statement, Values};

/// An ordered JSON value (serde_json's map may sort keys; AWS order matters to readers).
enum Out {
    Str(String),
    Num(String),
    Bool(bool),
    Arr(Vec<Out>),
    Obj(Vec<(String, Out)>),
}

fn strings(v: &Values<String>) -> Out {
    if v.list || v.items.len() != 1 {
        Out::Arr(v.items.iter().map(|s| Out::Str(s.clone())).collect())
    } else {
        Out::Str(v.items.first().cloned().unwrap_or_default())
    }
}

fn scalar(s: &Scalar) -> Out {
    match s {
        Scalar::String(s) => Out::Str(s.clone()),
        Scalar::Number(n) => Out::Num(n.clone()),
        Scalar::Bool(b) => Out::Bool(*b),
    }
}

fn scalars(v: &Values<Scalar>) -> Out {
    match v.items.first() {
        Some(one) if !v.list && v.items.len() == 1 => scalar(one),
        _ => Out::Arr(v.items.iter().map(scalar).collect()),
    }
}

fn principal(p: &PrincipalBlock) -> (String, Out) {
    let name = if p.negated {
        "NotPrincipal"
    } else {
        "Principal"
    };
    let value = match &p.value {
        PrincipalValue::Any => Out::Str("*".to_string()),
        PrincipalValue::Map(entries) => Out::Obj(
            entries
                .iter()
                .map(|(t, v)| (t.as_str().to_string(), strings(v)))
                .collect(),
        ),
    };
    (name.to_string(), value)
}

/// Regroups flattened clauses by operator, in order of first appearance.
fn condition(clauses: &[ConditionClause]) -> Out {
    let mut ops: Vec<(String, Vec<(String, Out)>)> = Vec::new();
    for c in clauses {
        let entry = (c.key.clone(), scalars(&c.values));
        match ops.iter_mut().find(|(name, _)| *name == c.operator.raw) {
            Some((_, keys)) => keys.push(entry),
            None => ops.push((c.operator.raw.clone(), vec![entry])),
        }
    }
    Out::Obj(ops.into_iter().map(|(k, v)| (k, Out::Obj(v))).collect())
}

fn statement(s: &Statement) -> Out {
    let mut o = Vec::new();
    if let Some(sid) = &s.sid {
        o.push(("Sid".to_string(), Out::Str(sid.clone())));
    }
    o.push((
        "Effect".to_string(),
        Out::Str(s.effect.as_str().to_string()),
    ));
    if let Some(p) = &s.principal {
        o.push(principal(p));
    }
    let a = if s.action.negated {
        "NotAction"
    } else {
        "Action"
    };
    o.push((a.to_string(), strings(&s.action.values)));
    if let Some(r) = &s.resource {
        let name = if r.negated { "NotResource" } else { "Resource" };
        o.push((name.to_string(), strings(&r.values)));
    }
    if !s.condition.is_empty() {
        o.push(("Condition".to_string(), condition(&s.condition)));
    }
    Out::Obj(o)
}

fn policy(p: &Policy) -> Out {
    let mut o = Vec::new();
    if let Some(v) = p.version {
        o.push(("Version".to_string(), Out::Str(v.as_str().to_string())));
    }
    if let Some(id) = &p.id {
        o.push(("Id".to_string(), Out::Str(id.clone())));
    }
    let st = match p.statements.as_slice() {
        [one] if !p.statement_list => statement(one),
        all => Out::Arr(all.iter().map(statement).collect()),
    };
    o.push(("Statement".to_string(), st));
    Out::Obj(o)
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn render(out: &Out, indent: usize, buf: &mut String) {
    let pad = "    ".repeat(indent.saturating_add(1));
    let close = "    ".repeat(indent);
    match out {
        Out::Str(s) => buf.push_str(&quote(s)),
        Out::Num(n) => buf.push_str(n),
        Out::Bool(b) => buf.push_str(if *b { "true" } else { "false" }),
        Out::Arr(items) if items.is_empty() => buf.push_str("[]"),
        Out::Obj(items) if items.is_empty() => buf.push_str("{}"),
        Out::Arr(items) => {
            buf.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                buf.push_str(&pad);
                render(item, indent.saturating_add(1), buf);
                buf.push_str(if i.saturating_add(1) < items.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            buf.push_str(&close);
            buf.push(']');
        }
        Out::Obj(items) => {
            buf.push_str("{\n");
            for (i, (k, v)) in items.iter().enumerate() {
                buf.push_str(&pad);
                buf.push_str(&quote(k));
                buf.push_str(": ");
                render(v, indent.saturating_add(1), buf);
                buf.push_str(if i.saturating_add(1) < items.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            buf.push_str(&close);
            buf.push('}');
        }
    }
}

fn to_serde(out: &Out) -> serde_json::Value {
    match out {
        Out::Str(s) => serde_json::Value::String(s.clone()),
        Out::Num(n) => serde_json::from_str(n).unwrap_or(serde_json::Value::String(n.clone())),
        Out::Bool(b) => serde_json::Value::Bool(*b),
        Out::Arr(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Out::Obj(items) => serde_json::Value::Object(
            items
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

/// The policy as canonical JSON text.
pub fn to_json(p: &Policy) -> String {
    let mut buf = String::new();
    render(&policy(p), 0, &mut buf);
    buf
}

/// The policy as a `serde_json` value.
pub fn to_value(p: &Policy) -> serde_json::Value {
    to_serde(&policy(p))
}
