//! The form view of a policy: simple statements (effect, actions, resources, simple
//! conditions) read from and written back to real policy JSON.
//!
//! Element names and shapes follow the IAM JSON policy element reference
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>).
//! A `Principal` is carried through untouched (trust and resource policies need one, the
//! form does not edit it). Anything the form cannot show faithfully (`NotAction`,
//! `NotResource`, `NotPrincipal`, nested condition values) makes the policy "not simple",
//! and the editor stays in JSON.

use serde_json::{Map, Value};

/// The policy language version every new policy should use.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>
pub const POLICY_VERSION: &str = "2012-10-17";

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEffect {
    Allow,
    Deny,
}

impl FormEffect {
    /// The JSON word.
    pub fn as_str(self) -> &'static str {
        match self {
            FormEffect::Allow => "Allow",
            FormEffect::Deny => "Deny",
        }
    }
}

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
    pub effect: FormEffect,
    /// Kept as written; the form shows it read-only.
    pub principal: Option<Value>,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
    pub conditions: Vec<FormCondition>,
}

impl FormStatement {
    /// A new empty Allow statement.
    pub fn new_allow() -> Self {
        FormStatement {
            sid: None,
            effect: FormEffect::Allow,
            principal: None,
            actions: Vec::new(),
            resources: Vec::new(),
            conditions: Vec::new(),
        }
    }
}

/// A policy as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyForm {
    pub version: String,
    pub statements: Vec<FormStatement>,
}

/// Why a policy cannot be shown as a form (the editor says so and stays in JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The text is not JSON (fix it in the JSON view first).
    NotJson,
    /// Valid JSON, but it uses something the form cannot show; the text names it.
    NotSimple(String),
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormError::NotJson => f.write_str("The form needs valid JSON: fix the JSON first."),
            FormError::NotSimple(what) => {
                write!(f, "The form cannot show {what}; edit it as JSON.")
            }
        }
    }
}

fn strings(v: &Value, what: &str) -> Result<Vec<String>, FormError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| FormError::NotSimple(format!("a non-string {what}")))
            })
            .collect(),
        _ => Err(FormError::NotSimple(format!("this {what} value"))),
    }
}

fn conditions(v: &Value) -> Result<Vec<FormCondition>, FormError> {
    let ops = v
        .as_object()
        .ok_or_else(|| FormError::NotSimple("this Condition".into()))?;
    let mut out = Vec::new();
    for (operator, keys) in ops {
        let keys = keys
            .as_object()
            .ok_or_else(|| FormError::NotSimple(format!("the {operator} condition")))?;
        for (key, values) in keys {
            let values = match values {
                Value::Bool(b) => vec![b.to_string()],
                Value::Number(n) => vec![n.to_string()],
                other => strings(other, "condition")?,
            };
            out.push(FormCondition {
                operator: operator.clone(),
                key: key.clone(),
                values,
            });
        }
    }
    Ok(out)
}

fn statement(v: &Value) -> Result<FormStatement, FormError> {
    let obj = v
        .as_object()
        .ok_or_else(|| FormError::NotSimple("a statement that is not an object".into()))?;
    let mut st = FormStatement::new_allow();
    for (k, val) in obj {
        match k.as_str() {
            "Sid" => st.sid = val.as_str().map(str::to_string),
            "Effect" => {
                st.effect = match val.as_str() {
                    Some("Allow") => FormEffect::Allow,
                    Some("Deny") => FormEffect::Deny,
                    _ => return Err(FormError::NotSimple("this Effect".into())),
                }
            }
            "Principal" => st.principal = Some(val.clone()),
            "Action" => st.actions = strings(val, "Action")?,
            "Resource" => st.resources = strings(val, "Resource")?,
            "Condition" => st.conditions = conditions(val)?,
            other => return Err(FormError::NotSimple(format!("`{other}`"))),
        }
    }
    Ok(st)
}

/// Reads policy JSON into the form, or says why it cannot.
pub fn from_json(text: &str) -> Result<PolicyForm, FormError> {
    let v: Value = serde_json::from_str(text).map_err(|_| FormError::NotJson)?;
    let obj = v
        .as_object()
        .ok_or_else(|| FormError::NotSimple("a policy that is not an object".into()))?;
    let mut form = PolicyForm {
        version: POLICY_VERSION.to_string(),
        statements: Vec::new(),
    };
    for (k, val) in obj {
        match k.as_str() {
            "Version" => form.version = val.as_str().unwrap_or(POLICY_VERSION).to_string(),
            "Statement" => {
                form.statements = match val {
                    Value::Array(items) => items.iter().map(statement).collect::<Result<_, _>>()?,
                    single => vec![statement(single)?],
                }
            }
            "Id" => return Err(FormError::NotSimple("the policy `Id`".into())),
            other => return Err(FormError::NotSimple(format!("`{other}`"))),
        }
    }
    Ok(form)
}

/// One string when there is one, else an array: how the console writes them.
fn one_or_many(items: &[String]) -> Value {
    match items {
        [one] => Value::String(one.clone()),
        many => Value::Array(many.iter().cloned().map(Value::String).collect()),
    }
}

/// Writes the form as policy JSON, elements in the order AWS's examples use (Sid, Effect,
/// Principal, Action, Resource, Condition). Blank actions, resources and values are dropped.
pub fn to_json(form: &PolicyForm) -> String {
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let statements: Vec<Value> = form
        .statements
        .iter()
        .map(|s| {
            let mut m = Map::new();
            if let Some(sid) = s.sid.as_ref().filter(|x| !x.is_empty()) {
                m.insert("Sid".into(), Value::String(sid.clone()));
            }
            m.insert("Effect".into(), Value::String(s.effect.as_str().into()));
            if let Some(p) = &s.principal {
                m.insert("Principal".into(), p.clone());
            }
            m.insert("Action".into(), one_or_many(&clean(&s.actions)));
            let resources = clean(&s.resources);
            if !resources.is_empty() {
                m.insert("Resource".into(), one_or_many(&resources));
            }
            let mut cond = Map::new();
            for c in &s.conditions {
                let (op, key) = (c.operator.trim(), c.key.trim());
                if op.is_empty() || key.is_empty() {
                    continue;
                }
                let entry = cond
                    .entry(op.to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(keys) = entry {
                    keys.insert(key.to_string(), one_or_many(&clean(&c.values)));
                }
            }
            if !cond.is_empty() {
                m.insert("Condition".into(), Value::Object(cond));
            }
            Value::Object(m)
        })
        .collect();
    let mut root = Map::new();
    root.insert("Version".into(), Value::String(form.version.clone()));
    root.insert("Statement".into(), Value::Array(statements));
    serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default()
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
mod tests {
    use super::*;
    use crate::sim::policy::{parse, PolicyKind};

    const MFA_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadWithMfa","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;

    #[test]
    fn a_simple_policy_round_trips_through_the_form_to_equal_json() {
        let form = from_json(MFA_ONLY).unwrap();
        let s = &form.statements[0];
        assert_eq!(s.effect, FormEffect::Allow);
        assert_eq!(s.actions, ["s3:GetObject", "s3:ListBucket"]);
        assert_eq!(s.conditions[0].key, "aws:MultiFactorAuthPresent");
        let back: Value = serde_json::from_str(&to_json(&form)).unwrap();
        let orig: Value = serde_json::from_str(MFA_ONLY).unwrap();
        assert_eq!(back, orig);
    }

    #[test]
    fn form_output_is_a_valid_identity_policy_with_aws_element_order() {
        let mut form = PolicyForm {
            version: POLICY_VERSION.into(),
            statements: vec![FormStatement::new_allow()],
        };
        form.statements[0].actions = vec!["sts:AssumeRole".into(), " ".into()];
        form.statements[0].resources = vec!["arn:aws:iam::111122223333:role/Deploy".into()];
        let text = to_json(&form);
        assert!(parse(&text, PolicyKind::Identity).is_valid(), "{text}");
        let effect = text.find("\"Effect\"").unwrap();
        assert!(effect < text.find("\"Action\"").unwrap());
        assert!(
            text.contains("\"Action\": \"sts:AssumeRole\""),
            "one action is a string"
        );
    }

    #[test]
    fn trust_policy_principal_is_carried_through_untouched() {
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        let form = from_json(trust).unwrap();
        let text = to_json(&form);
        assert!(parse(&text, PolicyKind::Trust).is_valid(), "{text}");
        assert!(text.contains("ec2.amazonaws.com"));
        assert!(!text.contains("Resource"), "a trust policy has no Resource");
    }

    #[test]
    fn not_action_and_broken_json_stay_in_the_json_view() {
        let not_action = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}"#;
        assert_eq!(
            from_json(not_action),
            Err(FormError::NotSimple("`NotAction`".into()))
        );
        assert_eq!(from_json("{\"Version\": "), Err(FormError::NotJson));
    }
}
