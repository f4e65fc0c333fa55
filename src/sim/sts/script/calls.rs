//! The calls a script can make, each answered in AWS's JSON shape plus the gate trace.

use super::credentials::{fill_mfa, remember, resolve_credentials, text};
use super::{helpers, Run};
use crate::sim::sts::assume_role::{assume_role, StsOutcome};
use crate::sim::sts::call::revoke_sessions;
use crate::sim::sts::federation::{assume_role_with_saml, assume_role_with_web_identity};
use crate::sim::sts::services::{imds_credentials, lambda_environment};
use crate::sim::sts::session_token::{get_caller_identity, get_session_token};
use crate::sim::sts::{
    AssumeRoleRequest, AssumeRoleWithSamlRequest, AssumeRoleWithWebIdentityRequest,
    GetSessionTokenRequest,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn params<T: DeserializeOwned + Default>(call: &Value) -> Result<T, String> {
    match call.get("params") {
        None => Ok(T::default()),
        Some(p) => serde_json::from_value(p.clone()).map_err(|e| format!("`params`: {e}")),
    }
}

/// AWS's answer plus the gates; a call refused by a policy gate also carries that gate's
/// `decision` and `decided_by`, as service calls do.
fn outcome<T>(o: StsOutcome<T>, to_json: impl Fn(&T) -> Value) -> Value {
    let gates = serde_json::to_value(&o.gates.0).unwrap_or(Value::Null);
    let mut out = match &o.result {
        Ok(r) => json!({ "ok": true, "response": to_json(r), "gates": gates }),
        Err(e) => {
            json!({ "ok": false, "error": { "Code": e.code(), "Message": e.message() }, "gates": gates })
        }
    };
    let refused = o.result.is_err().then(|| o.gates.failed()).flatten();
    if let (Some(g), Some(map)) = (refused, out.as_object_mut()) {
        if let (Some(d), Some(by)) = (g.decision, g.decided_by) {
            map.insert("decision".into(), json!(d));
            map.insert("decided_by".into(), json!(by.as_str()));
        }
    }
    out
}

/// One call by API name.
pub fn dispatch(run: &mut Run, api: &str, call: &Value) -> Value {
    match run_api(run, api, call) {
        Ok(v) => v,
        Err(e) => json!({ "ok": false, "error": { "Code": "ScriptError", "Message": e } }),
    }
}

/// The keys a step of each kind may have: STS calls signed with credentials, calls that need
/// none (federation, simulation helpers), and service calls.
const SIGNED: &[&str] = &["api", "credentials", "params", "as"];
const UNSIGNED: &[&str] = &["api", "params", "as"];
const SERVICE: &[&str] = &["api", "credentials", "resource", "context"];

/// The `params` each simulation helper takes (the AWS APIs' own are checked by their types).
fn helper_params(api: &str) -> Option<&'static [&'static str]> {
    Some(match api {
        "IssueWebIdentityToken" => &["Issuer", "Sub", "Aud", "Claims", "Lifetime"],
        "IssueSAMLAssertion" => &[
            "PrincipalArn",
            "Subject",
            "RoleSessionName",
            "Roles",
            "SessionNotOnOrAfter",
            "Attributes",
        ],
        "RevokeSessions" => &["RoleArn"],
        "InstanceMetadata" => &["InstanceId"],
        "LambdaEnvironment" => &["FunctionName"],
        "GetCallerIdentity" => &[],
        _ => return None,
    })
}

fn check_step(api: &str, call: &Value) -> Result<(), String> {
    let allowed = match api {
        "AssumeRole" | "GetSessionToken" | "GetCallerIdentity" => SIGNED,
        a if a.contains(':') => SERVICE,
        _ => UNSIGNED,
    };
    super::check_fields(call, api, allowed)?;
    if let (Some(names), Some(p)) = (helper_params(api), call.get("params")) {
        let p = p.as_object().ok_or("`params` must be an object")?;
        if let Some(k) = p.keys().find(|k| !names.contains(&k.as_str())) {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            return Err(format!(
                "`params`: unknown field `{k}` for {api}; it takes {}",
                if list.is_empty() {
                    "none".to_string()
                } else {
                    list.join(", ")
                }
            ));
        }
    }
    Ok(())
}

fn run_api(run: &mut Run, api: &str, call: &Value) -> Result<Value, String> {
    check_step(api, call)?;
    let label = text(call, "credentials").unwrap_or_default();
    let now = run.now;
    Ok(match api {
        "AssumeRole" => {
            let mut req: AssumeRoleRequest = params(call)?;
            let cred = resolve_credentials(run, &label)?;
            fill_mfa(run, &cred, &mut req.serial_number, &mut req.token_code);
            let o = assume_role(&run.world, &mut run.state, &cred, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "GetSessionToken" => {
            let mut req: GetSessionTokenRequest = params(call)?;
            let cred = resolve_credentials(run, &label)?;
            fill_mfa(run, &cred, &mut req.serial_number, &mut req.token_code);
            let o = get_session_token(&run.world, &mut run.state, &cred, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "GetCallerIdentity" => {
            let cred = resolve_credentials(run, &label)?;
            let o = get_caller_identity(&run.world, &mut run.state, &cred, now);
            outcome(o, |r| serde_json::to_value(r).unwrap_or(Value::Null))
        }
        "AssumeRoleWithWebIdentity" => {
            let mut req: AssumeRoleWithWebIdentityRequest = params(call)?;
            if let Some(id) = run.labels.get(&req.web_identity_token) {
                req.web_identity_token = id.clone();
            }
            let o = assume_role_with_web_identity(&run.world, &mut run.state, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.assumed.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "AssumeRoleWithSAML" => {
            let mut req: AssumeRoleWithSamlRequest = params(call)?;
            if let Some(id) = run.labels.get(&req.saml_assertion) {
                req.saml_assertion = id.clone();
            }
            let o = assume_role_with_saml(&run.world, &mut run.state, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "IssueWebIdentityToken" => helpers::issue_token(run, call)?,
        "IssueSAMLAssertion" => helpers::issue_assertion(run, call)?,
        "RevokeSessions" => {
            let role = call
                .pointer("/params/RoleArn")
                .and_then(Value::as_str)
                .ok_or("`params.RoleArn` is required")?;
            match revoke_sessions(&mut run.world, &mut run.state, role, now) {
                Ok(()) => {
                    json!({ "ok": true, "response": { "PolicyName": crate::sim::sts::call::REVOKE_POLICY_NAME } })
                }
                Err(e) => {
                    json!({ "ok": false, "error": { "Code": "NoSuchEntity", "Message": e.to_string() } })
                }
            }
        }
        "InstanceMetadata" => {
            let id = call
                .pointer("/params/InstanceId")
                .and_then(Value::as_str)
                .ok_or("`params.InstanceId` is required")?;
            match imds_credentials(&run.world, &mut run.state, id, now) {
                Ok(c) => {
                    remember(run, call, c.credentials.access_key_id.to_string());
                    json!({ "ok": true, "response": c.to_json() })
                }
                Err(e) => {
                    json!({ "ok": false, "error": { "Code": e.code(), "Message": e.message() } })
                }
            }
        }
        "LambdaEnvironment" => {
            let f = call
                .pointer("/params/FunctionName")
                .and_then(Value::as_str)
                .ok_or("`params.FunctionName` is required")?;
            match lambda_environment(&run.world, &mut run.state, f, now) {
                Ok(env) => {
                    remember(
                        run,
                        call,
                        env.get("AWS_ACCESS_KEY_ID").cloned().unwrap_or_default(),
                    );
                    json!({ "ok": true, "response": env })
                }
                Err(e) => {
                    json!({ "ok": false, "error": { "Code": e.code(), "Message": e.message() } })
                }
            }
        }
        action if action.contains(':') => helpers::service_call(run, action, &label, call)?,
        other => return Err(format!("unknown api `{other}`")),
    })
}
