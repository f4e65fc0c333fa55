//! Script steps that are not STS APIs: service calls with credentials, and the simulated
//! identity providers issuing OIDC tokens and SAML assertions.

use super::credentials::{remember, resolve_credentials, text};
use super::Run;
use crate::sim::eval::ContextValue;
use crate::sim::sts::call::call_with_context;
use crate::sim::sts::federation::{issue_saml_assertion, issue_web_identity_token};
use crate::sim::time::{SimDuration, SimTime};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A service call signed with `label`'s credentials, with the evaluator's verdict and trace.
pub fn service_call(
    run: &mut Run,
    action: &str,
    label: &str,
    call: &Value,
) -> Result<Value, String> {
    let cred = resolve_credentials(run, label)?;
    let resource = text(call, "resource").unwrap_or_else(|| "*".to_string());
    let context: BTreeMap<String, ContextValue> = call
        .get("context")
        .and_then(Value::as_object)
        .map(|m| {
            crate::sim::sorting::map_of(m.iter().map(|(k, v)| {
                let value = match v {
                    Value::Array(a) => ContextValue::Multi(
                        a.iter()
                            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                            .collect(),
                    ),
                    Value::String(s) => ContextValue::Single(s.clone()),
                    other => ContextValue::Single(other.to_string()),
                };
                (k.clone(), value)
            }))
        })
        .unwrap_or_default();
    let r = call_with_context(
        &run.world,
        &mut run.state,
        &cred,
        action,
        &resource,
        context,
        run.now,
    );
    let mut v = json!({
        "ok": r.allowed,
        "gates": serde_json::to_value(&r.gates.0).unwrap_or(Value::Null),
    });
    if let Some(o) = v.as_object_mut() {
        if let Some(e) = &r.error {
            o.insert(
                "error".into(),
                json!({ "Code": e.code, "Message": e.message }),
            );
        }
        if let Some(ev) = &r.evaluation {
            o.insert(
                "decision".into(),
                serde_json::to_value(ev.decision).unwrap_or(Value::Null),
            );
            o.insert("decided_by".into(), json!(ev.decided_by.as_str()));
            o.insert(
                "trace".into(),
                serde_json::to_value(&ev.trace).unwrap_or(Value::Null),
            );
        }
    }
    Ok(v)
}

fn lifetime(call: &Value, default_mins: i64) -> Result<SimDuration, String> {
    match call.pointer("/params/Lifetime").and_then(Value::as_str) {
        None => Ok(SimDuration::from_mins(default_mins)),
        Some(d) => SimDuration::parse_iso8601(d).map_err(|e| e.to_string()),
    }
}

pub fn issue_token(run: &mut Run, call: &Value) -> Result<Value, String> {
    let p = |k: &str| {
        call.pointer(&format!("/params/{k}"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let issuer = p("Issuer").ok_or("`params.Issuer` is required")?;
    let sub = p("Sub").ok_or("`params.Sub` is required")?;
    let aud = p("Aud").unwrap_or_else(|| "sts.amazonaws.com".to_string());
    let claims: BTreeMap<String, String> = call
        .pointer("/params/Claims")
        .and_then(Value::as_object)
        .map(|m| {
            crate::sim::sorting::map_of(m.iter().map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().map_or_else(|| v.to_string(), str::to_string),
                )
            }))
        })
        .unwrap_or_default();
    let life = lifetime(call, 5)?;
    let t = issue_web_identity_token(&mut run.state, &issuer, &sub, &aud, claims, life, run.now);
    remember(run, call, t.id.clone());
    Ok(
        json!({ "ok": true, "response": { "WebIdentityToken": t.id, "iss": t.issuer, "sub": t.sub, "aud": t.aud, "exp": t.expires_at.to_iso8601() } }),
    )
}

pub fn issue_assertion(run: &mut Run, call: &Value) -> Result<Value, String> {
    let p = |k: &str| {
        call.pointer(&format!("/params/{k}"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let provider = p("PrincipalArn").ok_or("`params.PrincipalArn` is required")?;
    let subject = p("Subject").ok_or("`params.Subject` is required")?;
    let name = p("RoleSessionName").unwrap_or_else(|| subject.clone());
    let roles: Vec<String> = call
        .pointer("/params/Roles")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let not_after = match p("SessionNotOnOrAfter") {
        None => None,
        Some(t) => Some(SimTime::parse_iso8601(&t).map_err(|e| e.to_string())?),
    };
    let a = issue_saml_assertion(
        &mut run.state,
        &provider,
        &subject,
        &name,
        roles,
        not_after,
        run.now,
    );
    // `Attributes`: AWS SAML attribute names to values (`...PrincipalTag:Team`, `...SourceIdentity`).
    if let (Some(attrs), Some(last)) = (
        call.pointer("/params/Attributes")
            .and_then(Value::as_object),
        run.state.saml_assertions.last_mut(),
    ) {
        for (k, v) in attrs {
            let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            last.attributes.insert(k.clone(), v);
        }
    }
    remember(run, call, a.id.clone());
    Ok(json!({ "ok": true, "response": { "SAMLAssertion": a.id, "Subject": a.subject } }))
}
