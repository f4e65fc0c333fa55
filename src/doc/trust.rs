//! Trust and resource policy JSON <-> edges: reading which principals a policy names, and
//! adding or removing one when an edge is drawn or deleted.
//!
//! Works on the JSON text with `serde_json` (key order preserved) so what the person typed
//! keeps its shape: a new principal is merged into an existing plain Allow statement for the
//! same action, otherwise a statement is appended.

use serde_json::{json, Map, Value};

/// The policy language version every new policy gets.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>
pub const POLICY_VERSION: &str = "2012-10-17";

/// A principal as written in a `Principal` element.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrincipalRef {
    /// `{"AWS": "arn:aws:iam::111122223333:user/alice"}`, an account id or root ARN.
    Aws(String),
    /// `{"Service": "ec2.amazonaws.com"}`.
    Service(String),
    /// `{"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}`.
    Federated(String),
    /// `"Principal": "*"` or `{"AWS": "*"}`: anyone.
    Everyone,
}

impl PrincipalRef {
    /// The key inside the `Principal` object.
    pub fn key(&self) -> &'static str {
        match self {
            PrincipalRef::Aws(_) | PrincipalRef::Everyone => "AWS",
            PrincipalRef::Service(_) => "Service",
            PrincipalRef::Federated(_) => "Federated",
        }
    }

    /// The value inside the `Principal` object.
    pub fn value(&self) -> &str {
        match self {
            PrincipalRef::Aws(v) | PrincipalRef::Service(v) | PrincipalRef::Federated(v) => v,
            PrincipalRef::Everyone => "*",
        }
    }

    /// The STS action a trust statement for this principal allows: federated principals
    /// assume with a token, everything else with `sts:AssumeRole`. A SAML provider ARN has
    /// `:saml-provider/` in it.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html>
    pub fn assume_action(&self) -> &'static str {
        match self {
            PrincipalRef::Federated(arn) if arn.contains(":saml-provider/") => {
                "sts:AssumeRoleWithSAML"
            }
            PrincipalRef::Federated(_) => "sts:AssumeRoleWithWebIdentity",
            _ => "sts:AssumeRole",
        }
    }
}

/// One principal a policy allows, with the condition keys that restrict it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub principal: PrincipalRef,
    /// Short names for the conditions: "ExternalId", "MFA", "Org", "SourceArn", or the key.
    pub conditions: Vec<String>,
    /// The actions of the statement, as written.
    pub actions: Vec<String>,
}

/// A short badge for a condition key, the words people use for it.
pub fn condition_badge(key: &str) -> String {
    let k = key.to_ascii_lowercase();
    match k.as_str() {
        "sts:externalid" => "ExternalId".into(),
        "aws:multifactorauthpresent" | "aws:multifactorauthage" => "MFA".into(),
        "aws:principalorgid" | "aws:principalorgpaths" | "aws:resourceorgid" => "Org".into(),
        "aws:sourcearn" | "aws:sourceaccount" => "SourceArn".into(),
        // Identity provider keys (`token.actions.githubusercontent.com:sub`, `SAML:aud`)
        // read as the claim they test.
        _ => match key.rsplit_once(':') {
            Some((provider, claim)) if provider.contains('.') || provider == "SAML" => {
                claim.to_string()
            }
            _ => key.to_string(),
        },
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        _ => vec![],
    }
}

/// Every principal an `Allow` statement with a `Principal` element names. `NotPrincipal` and
/// `Deny` statements draw no edge (they take away, they do not connect). Unreadable text
/// yields nothing: the last valid policy in the world is what draws edges.
pub fn grants(policy_text: &str) -> Vec<Grant> {
    let Ok(doc) = serde_json::from_str::<Value>(policy_text) else {
        return vec![];
    };
    let mut out = Vec::new();
    for st in statements(&doc) {
        if st.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        let actions = strings(st.get("Action"));
        let conditions = conditions(st);
        for principal in principals(st.get("Principal")) {
            out.push(Grant {
                principal,
                conditions: conditions.clone(),
                actions: actions.clone(),
            });
        }
    }
    out
}

fn conditions(st: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(Value::Object(ops)) = st.get("Condition") {
        for block in ops.values() {
            if let Value::Object(keys) = block {
                for k in keys.keys() {
                    let b = condition_badge(k);
                    if !out.contains(&b) {
                        out.push(b);
                    }
                }
            }
        }
    }
    out
}

fn principals(p: Option<&Value>) -> Vec<PrincipalRef> {
    match p {
        Some(Value::String(s)) if s == "*" => vec![PrincipalRef::Everyone],
        Some(Value::Object(m)) => {
            let mut out = Vec::new();
            for (key, v) in m {
                for s in strings(Some(v)) {
                    out.push(match key.as_str() {
                        "AWS" if s == "*" => PrincipalRef::Everyone,
                        "AWS" => PrincipalRef::Aws(s),
                        "Service" => PrincipalRef::Service(s),
                        "Federated" => PrincipalRef::Federated(s),
                        _ => continue,
                    });
                }
            }
            out
        }
        _ => vec![],
    }
}

/// Why a policy text could not be edited by drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The current text is not JSON (it cannot be in the world, only in a draft).
    NotJson(String),
    /// The principal is already allowed; nothing to add.
    AlreadyPresent,
    /// The principal is not named in any Allow statement; nothing to remove.
    NotPresent,
}

/// A new, empty policy document.
pub fn empty_policy() -> Value {
    json!({ "Version": POLICY_VERSION, "Statement": [] })
}

/// Adds `principal` for `action` (and `resource`, for resource policies). Merges into the
/// first Allow statement that has the same actions, resource and no conditions, so drawing
/// three users onto a role gives one statement listing three ARNs, as people write it.
pub fn add_principal(
    text: &str,
    principal: &PrincipalRef,
    action: &str,
    resource: Option<&str>,
) -> Result<String, EditError> {
    let mut doc: Value = if text.trim().is_empty() {
        empty_policy()
    } else {
        serde_json::from_str(text).map_err(|e| EditError::NotJson(e.to_string()))?
    };
    if grants(text).iter().any(|g| {
        g.principal == *principal
            && g.conditions.is_empty()
            && g.actions.iter().any(|a| a == action)
    }) {
        return Err(EditError::AlreadyPresent);
    }
    let Some(obj) = doc.as_object_mut() else {
        return Err(EditError::NotJson("the policy is not a JSON object".into()));
    };
    // A single statement object becomes an array so another can be appended.
    let list = match obj.remove("Statement") {
        Some(Value::Array(a)) => a,
        Some(single @ Value::Object(_)) => vec![single],
        _ => vec![],
    };
    let mut list = list;
    let merged = list
        .iter_mut()
        .any(|st| merge_into(st, principal, action, resource));
    if !merged {
        list.push(new_statement(principal, action, resource));
    }
    obj.insert("Statement".into(), Value::Array(list));
    Ok(pretty(&doc))
}

fn new_statement(principal: &PrincipalRef, action: &str, resource: Option<&str>) -> Value {
    let mut st = Map::new();
    st.insert("Effect".into(), json!("Allow"));
    st.insert(
        "Principal".into(),
        match principal {
            PrincipalRef::Everyone => json!("*"),
            p => json!({ p.key(): p.value() }),
        },
    );
    st.insert("Action".into(), json!(action));
    if let Some(r) = resource {
        st.insert("Resource".into(), json!(r));
    }
    Value::Object(st)
}

fn merge_into(
    st: &mut Value,
    principal: &PrincipalRef,
    action: &str,
    resource: Option<&str>,
) -> bool {
    let plain = st.get("Effect").and_then(Value::as_str) == Some("Allow")
        && st.get("Condition").is_none()
        && strings(st.get("Action")) == [action.to_string()]
        && resource.is_none_or(|r| strings(st.get("Resource")) == [r.to_string()])
        && *principal != PrincipalRef::Everyone;
    let Some(Value::Object(p)) = st.get_mut("Principal").filter(|_| plain) else {
        return false;
    };
    match p.get_mut(principal.key()) {
        None => {
            p.insert(principal.key().into(), json!(principal.value()));
        }
        Some(Value::String(s)) => {
            let old = std::mem::take(s);
            p.insert(principal.key().into(), json!([old, principal.value()]));
        }
        Some(Value::Array(a)) => a.push(json!(principal.value())),
        Some(_) => return false,
    }
    true
}

/// Removes `principal` from every Allow statement; a statement left with no principal is
/// removed. Deny statements are left alone: deleting an edge must never widen access.
pub fn remove_principal(text: &str, principal: &PrincipalRef) -> Result<String, EditError> {
    let mut doc: Value =
        serde_json::from_str(text).map_err(|e| EditError::NotJson(e.to_string()))?;
    let mut removed = false;
    let keep_single = matches!(doc.get("Statement"), Some(Value::Object(_)));
    if let Some(obj) = doc.as_object_mut() {
        let list = match obj.remove("Statement") {
            Some(Value::Array(a)) => a,
            Some(single @ Value::Object(_)) => vec![single],
            _ => vec![],
        };
        let mut kept = Vec::new();
        for mut st in list {
            if st.get("Effect").and_then(Value::as_str) == Some("Allow")
                && strip(&mut st, principal)
            {
                removed = true;
                if st.get("Principal").is_none() {
                    continue;
                }
            }
            kept.push(st);
        }
        let value = match (keep_single, kept.len()) {
            (true, 1) => kept.pop().unwrap_or(Value::Null),
            _ => Value::Array(kept),
        };
        obj.insert("Statement".into(), value);
    }
    if removed {
        Ok(pretty(&doc))
    } else {
        Err(EditError::NotPresent)
    }
}

/// Takes `principal` out of the statement's Principal; removes the element when emptied.
fn strip(st: &mut Value, principal: &PrincipalRef) -> bool {
    let Some(obj) = st.as_object_mut() else {
        return false;
    };
    if *principal == PrincipalRef::Everyone && obj.get("Principal") == Some(&json!("*")) {
        obj.remove("Principal");
        return true;
    }
    let Some(Value::Object(p)) = obj.get_mut("Principal") else {
        return false;
    };
    let key = principal.key();
    let hit = match p.get_mut(key) {
        Some(Value::String(s)) if s == principal.value() => {
            p.remove(key);
            true
        }
        Some(Value::Array(a)) => {
            let before = a.len();
            a.retain(|v| v.as_str() != Some(principal.value()));
            let hit = a.len() != before;
            match a.len() {
                0 => {
                    p.remove(key);
                }
                1 => {
                    let only = a.pop().unwrap_or(Value::Null);
                    p.insert(key.into(), only);
                }
                _ => {}
            }
            hit
        }
        _ => false,
    };
    if p.is_empty() {
        obj.remove("Principal");
    }
    hit
}

/// Four-space indented JSON, the way the IAM console shows policies.
pub fn pretty(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    match serde::Serialize::serialize(v, &mut ser) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(_) => v.to_string(),
    }
}

#[cfg(test)]
mod tests;
