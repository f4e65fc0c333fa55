//! The calls a script can make, each answered in AWS's JSON shape plus the gate trace.

use super::{helpers, Run};
use crate::sim::sts::assume_role::{assume_role, StsOutcome};
use crate::sim::sts::call::revoke_sessions;
use crate::sim::sts::federation::{assume_role_with_saml, assume_role_with_web_identity};
use crate::sim::sts::mfa::mfa_code;
use crate::sim::sts::services::{imds_credentials, lambda_environment};
use crate::sim::sts::session_token::{get_caller_identity, get_session_token};
use crate::sim::sts::{
    AssumeRoleRequest, AssumeRoleWithSamlRequest, AssumeRoleWithWebIdentityRequest,
    GetSessionTokenRequest,
};
use crate::sim::world::AccessKeyStatus;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn params<T: DeserializeOwned + Default>(call: &Value) -> Result<T, String> {
    match call.get("params") {
        None => Ok(T::default()),
        Some(p) => serde_json::from_value(p.clone()).map_err(|e| format!("`params`: {e}")),
    }
}

pub(super) fn text(call: &Value, key: &str) -> Option<String> {
    call.get(key).and_then(Value::as_str).map(str::to_string)
}

/// A label from `"as"`, a user name or ARN (its first active key), `root` / `root@ACCOUNT` /
/// a root ARN, `instance:i-...` (IMDS credentials now), `lambda:NAME`, or a key id as is.
pub fn resolve_credentials(run: &mut Run, label: &str) -> String {
    if let Some(v) = run.labels.get(label) {
        return v.clone();
    }
    if label == "root" {
        if let Some(a) = run.world.accounts.keys().next() {
            return format!("arn:aws:iam::{a}:root");
        }
    }
    if let Some(a) = label.strip_prefix("root@") {
        return format!("arn:aws:iam::{a}:root");
    }
    if let Some(i) = label.strip_prefix("instance:") {
        if let Ok(c) = imds_credentials(&run.world, &mut run.state, i, run.now) {
            return c.credentials.access_key_id.to_string();
        }
    }
    if let Some(name) = label.strip_prefix("lambda:") {
        if let Ok(env) = lambda_environment(&run.world, &mut run.state, name, run.now) {
            return env.get("AWS_ACCESS_KEY_ID").cloned().unwrap_or_default();
        }
    }
    let user = run
        .world
        .users
        .values()
        .find(|u| u.user_name == label || u.arn == label);
    if let Some(u) = user {
        let key = u
            .access_keys
            .iter()
            .find(|k| k.status == AccessKeyStatus::Active)
            .or(u.access_keys.first());
        if let Some(k) = key {
            return k.access_key_id.to_string();
        }
    }
    label.to_string()
}

/// `"SerialNumber": "current"` and `"TokenCode": "current"` stand for the caller's virtual MFA
/// device and the code it shows now.
fn fill_mfa(run: &Run, credential: &str, serial: &mut Option<String>, token: &mut Option<String>) {
    let device = run
        .world
        .user_by_access_key(credential)
        .and_then(|(u, _)| u.mfa_device.as_ref());
    let Some(d) = device else { return };
    if serial.as_deref() == Some("current") {
        *serial = Some(d.serial_number.clone());
    }
    if token.as_deref() == Some("current") {
        *token = Some(mfa_code(&d.seed, run.now));
    }
}

fn outcome<T>(o: StsOutcome<T>, to_json: impl Fn(&T) -> Value) -> Value {
    let gates = serde_json::to_value(&o.gates.0).unwrap_or(Value::Null);
    match &o.result {
        Ok(r) => json!({ "ok": true, "response": to_json(r), "gates": gates }),
        Err(e) => {
            json!({ "ok": false, "error": { "Code": e.code(), "Message": e.message() }, "gates": gates })
        }
    }
}

pub(super) fn remember(run: &mut Run, call: &Value, value: String) {
    if let Some(label) = text(call, "as") {
        run.labels.insert(label, value);
    }
}

/// One call by API name.
pub fn dispatch(run: &mut Run, api: &str, call: &Value) -> Value {
    match run_api(run, api, call) {
        Ok(v) => v,
        Err(e) => json!({ "ok": false, "error": { "Code": "ScriptError", "Message": e } }),
    }
}

fn run_api(run: &mut Run, api: &str, call: &Value) -> Result<Value, String> {
    let label = text(call, "credentials").unwrap_or_default();
    let now = run.now;
    Ok(match api {
        "AssumeRole" => {
            let cred = resolve_credentials(run, &label);
            let mut req: AssumeRoleRequest = params(call)?;
            fill_mfa(run, &cred, &mut req.serial_number, &mut req.token_code);
            let o = assume_role(&run.world, &mut run.state, &cred, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "GetSessionToken" => {
            let cred = resolve_credentials(run, &label);
            let mut req: GetSessionTokenRequest = params(call)?;
            fill_mfa(run, &cred, &mut req.serial_number, &mut req.token_code);
            let o = get_session_token(&run.world, &mut run.state, &cred, &req, now);
            if let Ok(r) = &o.result {
                remember(run, call, r.credentials.access_key_id.to_string());
            }
            outcome(o, |r| r.to_json())
        }
        "GetCallerIdentity" => {
            let cred = resolve_credentials(run, &label);
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
        action if action.contains(':') => helpers::service_call(run, action, &label, call),
        other => return Err(format!("unknown api `{other}`")),
    })
}
