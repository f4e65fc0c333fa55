//! The form view of a policy: simple statements (effect, actions, resources, simple
//! conditions) read from and written back to real policy JSON.
//!
//! Reads through the `sim::policy` AST and writes back in the author's layout
//! ([`crate::sim::policy::edit`]): what the form did not change keeps its order, style and
//! JSON types. Element names and shapes follow the IAM JSON policy element reference
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>).
//! A `Principal` is carried through untouched (trust and resource policies need one, the
//! form does not edit it). Anything the form cannot show faithfully (`NotAction`,
//! `NotResource`, `NotPrincipal`, `Id`, nested condition values, elements IAM does not know)
//! makes the policy "not simple", and the editor stays in JSON.

use crate::sim::policy::edit::{read_all, Authored, ReadError};
use crate::sim::policy::print::{self, Element, Layout};
use crate::sim::policy::{
    ActionBlock, ConditionClause, ConditionOperator, Effect, Policy, PrincipalBlock, ResourceBlock,
    Scalar, Statement, Values, Version,
};

/// One condition test: `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCondition {
    /// Condition operator: `StringEquals`, `Bool`, `IpAddress`...
    pub operator: String,
    /// Condition key: `aws:SourceIp`, `sts:ExternalId`...
    pub key: String,
    /// One or more values (OR-ed by IAM).
    pub values: Vec<String>,
}

/// A statement the form can show.
#[derive(Debug, Clone, PartialEq)]
pub struct FormStatement {
    pub sid: Option<String>,
    pub effect: Effect,
    /// Kept as written; the form shows it read-only.
    pub principal: Option<PrincipalBlock>,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
    pub conditions: Vec<FormCondition>,
    /// The statement as read and its elements' order, so writing back keeps what the form
    /// did not change (a value's JSON type, a one-element array).
    written: Option<(Statement, Vec<Element>)>,
}

impl FormStatement {
    /// A new empty Allow statement.
    pub fn new_allow() -> Self {
        FormStatement {
            sid: None,
            effect: Effect::Allow,
            principal: None,
            actions: Vec::new(),
            resources: Vec::new(),
            conditions: Vec::new(),
            written: None,
        }
    }

    /// The `Principal` element's value as one-line JSON, for showing it.
    pub fn principal_json(&self) -> Option<String> {
        self.principal.as_ref().map(print::principal_json)
    }
}

/// A policy as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyForm {
    /// `Version`, kept as written (absent stays absent).
    pub version: Option<Version>,
    pub statements: Vec<FormStatement>,
    /// How the policy was written (the statements carry their own element order).
    layout: Layout,
    /// Whether `Statement` was an array.
    statement_list: bool,
}

impl PolicyForm {
    /// An empty policy, `Version` 2012-10-17, written 4-space indented.
    pub fn new() -> Self {
        let empty = Authored::empty();
        PolicyForm {
            version: empty.policy.version,
            statements: Vec::new(),
            layout: empty.layout,
            statement_list: true,
        }
    }
}

impl Default for PolicyForm {
    fn default() -> Self {
        PolicyForm::new()
    }
}

/// Why a policy cannot be shown as a form (the editor says so and stays in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The text is not JSON (fix it in the JSON view first).
    NotJson,
    /// Valid JSON, but it uses something the form cannot show; the text names it.
    NotSimple(String),
    /// Valid JSON, but not a policy; the text says why.
    NotAPolicy(String),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::NotJson => f.write_str("The form needs valid JSON: fix the JSON first."),
            FormError::NotSimple(what) => {
                write!(f, "The form cannot show {what}; edit it as JSON.")
            }
            FormError::NotAPolicy(why) => write!(f, "The form cannot show this policy: {why}"),
        }
    }
}

/// Reads policy JSON into the form, or says why it cannot.
pub fn from_json(text: &str) -> Result<PolicyForm, FormError> {
    let authored = read_all(text).map_err(|e| match e {
        ReadError::NotJson(_) => FormError::NotJson,
        ReadError::Unkept(f) if f.code == "UNSUPPORTED_ELEMENT" => {
            let name = f.path.rsplit('.').next().unwrap_or_default();
            FormError::NotSimple(format!("`{name}`"))
        }
        ReadError::NotAPolicy(f) | ReadError::Unkept(f) => FormError::NotAPolicy(f.message),
    })?;
    let Authored { policy, layout } = authored;
    if policy.id.is_some() {
        return Err(FormError::NotSimple("the policy `Id`".into()));
    }
    let statements = policy
        .statements
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let order = layout.statements.get(i).cloned().unwrap_or_default();
            statement(s, order)
        })
        .collect::<Result<_, _>>()?;
    Ok(PolicyForm {
        version: policy.version,
        statements,
        layout: Layout {
            statements: Vec::new(),
            ..layout
        },
        statement_list: policy.statement_list,
    })
}

fn statement(s: Statement, order: Vec<Element>) -> Result<FormStatement, FormError> {
    let refuse = |what: &str| Err(FormError::NotSimple(format!("`{what}`")));
    if s.principal.as_ref().is_some_and(|p| p.negated) {
        return refuse("NotPrincipal");
    }
    if s.action.negated {
        return refuse("NotAction");
    }
    if s.resource.as_ref().is_some_and(|r| r.negated) {
        return refuse("NotResource");
    }
    Ok(FormStatement {
        sid: s.sid.clone(),
        effect: s.effect,
        principal: s.principal.clone(),
        actions: s.action.values.items.clone(),
        resources: s
            .resource
            .as_ref()
            .map(|r| r.values.items.clone())
            .unwrap_or_default(),
        conditions: s
            .condition
            .iter()
            .map(|c| FormCondition {
                operator: c.operator.raw.clone(),
                key: c.key.clone(),
                values: c.values.items.iter().map(Scalar::text).collect(),
            })
            .collect(),
        written: Some((s, order)),
    })
}

/// Trimmed, blanks dropped.
fn clean(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `items` as values: the values as written when unchanged, else strings in the written
/// shape (an author who wrote `["a"]` gets an array again).
fn strings(items: Vec<String>, written: Option<&Values<String>>) -> Values<String> {
    match written {
        Some(w) if w.items == items => w.clone(),
        w => Values {
            items,
            list: w.is_some_and(|w| w.list),
        },
    }
}

fn clause(c: &FormCondition, written: Option<&Statement>) -> Option<ConditionClause> {
    let (op, key) = (c.operator.trim(), c.key.trim());
    if op.is_empty() || key.is_empty() {
        return None;
    }
    let texts = clean(&c.values);
    let before = written
        .into_iter()
        .flat_map(|s| &s.condition)
        .find(|w| w.operator.raw == op && w.key == key);
    let values = match before {
        // Unchanged values keep their JSON types (`true`, `10`).
        Some(w)
            if w.values
                .items
                .iter()
                .map(Scalar::text)
                .eq(texts.iter().cloned()) =>
        {
            w.values.clone()
        }
        w => Values {
            items: texts.into_iter().map(Scalar::String).collect(),
            list: w.is_some_and(|w| w.values.list),
        },
    };
    Some(ConditionClause {
        operator: ConditionOperator::parse(op).unwrap_or_else(|| ConditionOperator::unknown(op)),
        key: key.to_string(),
        values,
    })
}

fn to_statement(f: &FormStatement) -> Statement {
    let written = f.written.as_ref().map(|(s, _)| s);
    let resources = clean(&f.resources);
    Statement {
        sid: f
            .sid
            .as_ref()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty()),
        effect: f.effect,
        principal: f.principal.clone(),
        action: ActionBlock {
            negated: false,
            values: strings(clean(&f.actions), written.map(|s| &s.action.values)),
        },
        resource: (!resources.is_empty()).then(|| ResourceBlock {
            negated: false,
            values: strings(
                resources,
                written.and_then(|s| s.resource.as_ref()).map(|r| &r.values),
            ),
        }),
        condition: f
            .conditions
            .iter()
            .filter_map(|c| clause(c, written))
            .collect(),
    }
}

/// Writes the form as policy JSON in the layout it was read with; new statements and
/// elements go in the order AWS's examples use (Sid, Effect, Principal, Action, Resource,
/// Condition). Blank actions, resources and values are dropped.
pub fn to_json(form: &PolicyForm) -> String {
    let authored = Authored {
        policy: Policy {
            version: form.version,
            id: None,
            statements: form.statements.iter().map(to_statement).collect(),
            statement_list: form.statement_list,
        },
        layout: Layout {
            statements: form
                .statements
                .iter()
                .map(|s| {
                    s.written
                        .as_ref()
                        .map(|(_, o)| o.clone())
                        .unwrap_or_default()
                })
                .collect(),
            ..form.layout.clone()
        },
    };
    authored.to_text()
}

/// Common condition operators for the form's completion list.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>
pub const CONDITION_OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringLike",
    "StringNotLike",
    "ArnEquals",
    "ArnLike",
    "Bool",
    "IpAddress",
    "NotIpAddress",
    "NumericLessThan",
    "NumericGreaterThan",
    "DateLessThan",
    "DateGreaterThan",
];

/// Common global and STS condition keys for the form's completion list.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>
pub const CONDITION_KEYS: &[&str] = &[
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:PrincipalOrgID",
    "aws:PrincipalArn",
    "aws:PrincipalTag/team",
    "aws:RequestedRegion",
    "aws:SecureTransport",
    "aws:CurrentTime",
    "aws:SourceAccount",
    "aws:SourceArn",
    "sts:ExternalId",
    "sts:RoleSessionName",
    "s3:prefix",
];

#[cfg(test)]
mod tests;
