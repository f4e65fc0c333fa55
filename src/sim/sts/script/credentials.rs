//! Labels: what a step's `credentials` label stands for (an earlier call's `"as"`, a user, the
//! root user, an instance's or a function's role credentials, or an access key id as is), and
//! giving a step's result its `"as"` label.

use super::Run;
use crate::sim::sts::mfa::mfa_code;
use crate::sim::sts::services::{imds_credentials, lambda_environment};
use crate::sim::world::AccessKeyStatus;
use serde_json::Value;

/// A label from `"as"`, a user name or ARN (its first active key), `root` / `root@ACCOUNT` /
/// a root ARN, `instance:i-...` (IMDS credentials now), `lambda:NAME`, `outside:...`, or an
/// access key id as is. A label that names nothing in the script or the world is an error
/// of the script, not a request AWS would see; a well-formed key id the world does not know is
/// sent as is, so that STS answers `InvalidClientTokenId`.
pub fn resolve_credentials(run: &mut Run, label: &str) -> Result<String, String> {
    if let Some(v) = run.labels.get(label) {
        return Ok(v.clone());
    }
    if label.is_empty() {
        return Err("the call needs `credentials`".to_string());
    }
    let root_of = |run: &Run, a: &str| {
        run.world
            .accounts
            .keys()
            .any(|k| k.as_str() == a)
            .then(|| format!("arn:aws:iam::{a}:root"))
            .ok_or_else(|| format!("credentials `{label}`: account {a} is not in the world"))
    };
    if label == "root" {
        let first = run.world.accounts.keys().next().map(|a| a.to_string());
        return first
            .map(|a| format!("arn:aws:iam::{a}:root"))
            .ok_or_else(|| "credentials `root`: the world has no account".to_string());
    }
    if let Some(a) = label.strip_prefix("root@") {
        return root_of(run, a);
    }
    if let Some(a) = label
        .strip_prefix("arn:aws:iam::")
        .and_then(|r| r.strip_suffix(":root"))
    {
        return root_of(run, a);
    }
    if let Some(i) = label.strip_prefix("instance:") {
        return imds_credentials(&run.world, &mut run.state, i, run.now)
            .map(|c| c.credentials.access_key_id.to_string())
            .map_err(|e| format!("credentials `{label}`: {}", e.message()));
    }
    if let Some(name) = label.strip_prefix("lambda:") {
        return lambda_environment(&run.world, &mut run.state, name, run.now)
            .map(|env| env.get("AWS_ACCESS_KEY_ID").cloned().unwrap_or_default())
            .map_err(|e| format!("credentials `{label}`: {}", e.message()));
    }
    if label.starts_with("outside:") || is_key_id(label) {
        return Ok(label.to_string());
    }
    let user = run
        .world
        .users
        .values()
        .find(|u| u.user_name == label || u.arn == label);
    let Some(u) = user else {
        return Err(format!(
            "credentials `{label}` name nothing: no earlier call labelled its result `{label}` \
             (\"as\"), and no user, root, instance:, lambda:, outside: or access key id is called that"
        ));
    };
    let key = u
        .access_keys
        .iter()
        .find(|k| k.status == AccessKeyStatus::Active)
        .or(u.access_keys.first());
    // A user without an access key cannot sign a request: STS sees no valid key at all.
    Ok(key.map_or_else(|| label.to_string(), |k| k.access_key_id.to_string()))
}

/// An access key id as AWS shapes them: `AKIA` (long-term) or `ASIA` (temporary), then upper-case
/// letters and digits, 16 to 128 characters in all (the `AccessKeyId` constraint of the IAM API).
fn is_key_id(text: &str) -> bool {
    (text.starts_with("AKIA") || text.starts_with("ASIA"))
        && (16..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `"SerialNumber": "current"` and `"TokenCode": "current"` stand for the caller's virtual MFA
/// device and the code it shows now.
pub(super) fn fill_mfa(
    run: &Run,
    credential: &str,
    serial: &mut Option<String>,
    token: &mut Option<String>,
) {
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

/// A string field of a step (`"as"`, `"credentials"`).
pub(super) fn text(call: &Value, key: &str) -> Option<String> {
    call.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Gives `value` (a key id, token id or assertion id) the step's `"as"` label, if it has one.
pub(super) fn remember(run: &mut Run, call: &Value, value: String) {
    if let Some(label) = text(call, "as") {
        run.labels.insert(label, value);
    }
}
