//! Policy -> JSON text: AWS's element order and 4-space indent, or the order and style its
//! author wrote (so an edit made by drawing changes only what it must).

mod layout;

pub use layout::{Element, Layout, Shape, Style, TopElement};

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
    match v.items.as_slice() {
        [one] if !v.list => Out::Str(one.clone()),
        all => Out::Arr(all.iter().map(|s| Out::Str(s.clone())).collect()),
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
    match v.items.as_slice() {
        [one] if !v.list => scalar(one),
        all => Out::Arr(all.iter().map(scalar).collect()),
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

fn element(s: &Statement, e: Element) -> Option<(String, Out)> {
    let named = |negated: bool, yes: &str, no: &str| if negated { no } else { yes }.to_string();
    match e {
        Element::Sid => s.sid.as_ref().map(|v| ("Sid".into(), Out::Str(v.clone()))),
        Element::Effect => Some(("Effect".into(), Out::Str(s.effect.as_str().into()))),
        Element::Principal => s.principal.as_ref().map(principal),
        Element::Action => Some((
            named(s.action.negated, "Action", "NotAction"),
            strings(&s.action.values),
        )),
        Element::Resource => s.resource.as_ref().map(|r| {
            (
                named(r.negated, "Resource", "NotResource"),
                strings(&r.values),
            )
        }),
        Element::Condition => {
            (!s.condition.is_empty()).then(|| ("Condition".into(), condition(&s.condition)))
        }
    }
}

fn statement(s: &Statement, written: &[Element]) -> Out {
    let present = |e: Element| element(s, e).is_some();
    let order = layout::ordered(written, Element::AWS_ORDER, present);
    Out::Obj(order.into_iter().filter_map(|e| element(s, e)).collect())
}

fn policy(p: &Policy, layout: &Layout) -> Out {
    let statement_at = |i: usize, s: &Statement| {
        let written = layout.statements.get(i).map_or(&[][..], Vec::as_slice);
        statement(s, written)
    };
    let present = |e: TopElement| match e {
        TopElement::Version => p.version.is_some(),
        TopElement::Id => p.id.is_some(),
        TopElement::Statement => true,
    };
    let order = layout::ordered(&layout.top, TopElement::AWS_ORDER, present);
    let mut o = Vec::new();
    for e in order {
        match e {
            TopElement::Version => {
                if let Some(v) = p.version {
                    o.push(("Version".to_string(), Out::Str(v.as_str().to_string())));
                }
            }
            TopElement::Id => {
                if let Some(id) = &p.id {
                    o.push(("Id".to_string(), Out::Str(id.clone())));
                }
            }
            TopElement::Statement => {
                let st = match p.statements.as_slice() {
                    [one] if !p.statement_list => statement_at(0, one),
                    all => Out::Arr(
                        all.iter()
                            .enumerate()
                            .map(|(i, s)| statement_at(i, s))
                            .collect(),
                    ),
                };
                o.push(("Statement".to_string(), st));
            }
        }
    }
    Out::Obj(o)
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

/// Writes `out` as JSON. Pretty output matches serde_json's pretty printer with the given
/// indent (so a policy written by serde_json reads back to the same text).
fn render(out: &Out, shape: &Shape, depth: usize, buf: &mut String) {
    let entries: Vec<(Option<&str>, &Out)> = match out {
        Out::Str(s) => return buf.push_str(&quote(s)),
        Out::Num(n) => return buf.push_str(n),
        Out::Bool(b) => return buf.push_str(if *b { "true" } else { "false" }),
        Out::Arr(items) => items.iter().map(|i| (None, i)).collect(),
        Out::Obj(items) => items.iter().map(|(k, v)| (Some(k.as_str()), v)).collect(),
    };
    let (open, close) = match out {
        Out::Arr(_) => ('[', ']'),
        _ => ('{', '}'),
    };
    buf.push(open);
    let inner = depth.saturating_add(1);
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        match shape {
            Shape::Pretty { indent } => {
                buf.push('\n');
                buf.push_str(&indent.repeat(inner));
            }
            Shape::Compact { spaced: true } if i > 0 => buf.push(' '),
            Shape::Compact { .. } => {}
        }
        if let Some(k) = key {
            buf.push_str(&quote(k));
            buf.push(':');
            if !matches!(shape, Shape::Compact { spaced: false }) {
                buf.push(' ');
            }
        }
        render(value, shape, inner, buf);
    }
    if let (Shape::Pretty { indent }, false) = (shape, entries.is_empty()) {
        buf.push('\n');
        buf.push_str(&indent.repeat(depth));
    }
    buf.push(close);
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

/// The policy as canonical JSON text (AWS's element order, 4-space indent).
pub fn to_json(p: &Policy) -> String {
    write(p, &Layout::default())
}

/// The policy in `layout`: the author's element order (elements the author did not write go
/// where AWS puts them) and text style.
pub fn write(p: &Policy, layout: &Layout) -> String {
    let mut buf = String::new();
    render(&policy(p, layout), &layout.style.shape, 0, &mut buf);
    if layout.style.newline_at_end {
        buf.push('\n');
    }
    buf
}

/// A `Principal` element's value as one-line JSON (`{"AWS":"arn:..."}`), for showing it.
pub fn principal_json(p: &PrincipalBlock) -> String {
    let mut buf = String::new();
    render(
        &principal(p).1,
        &Shape::Compact { spaced: false },
        0,
        &mut buf,
    );
    buf
}

/// The policy as a `serde_json` value.
pub fn to_value(p: &Policy) -> serde_json::Value {
    to_serde(&policy(p, &Layout::default()))
}
