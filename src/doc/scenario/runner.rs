//! Plays a scenario's steps against `sim::sts` on a simulated clock and checks each outcome.

use super::{Expect, Scenario, Verdict};
use crate::sim::sts::run_script;
use crate::sim::time::SimTime;
use serde_json::{json, Value};

/// What one step did.
#[derive(Debug, Clone, PartialEq)]
pub struct StepOutcome {
    /// The simulated clock once the step is done.
    pub at: SimTime,
    /// The script's answer (AWS's JSON shape plus gates), `None` for a step without action.
    pub result: Option<Value>,
    /// One line in AWS's terms: who called what, and what came back.
    pub summary: String,
    /// `Some(true)` allowed, `Some(false)` refused, `None` for clock moves and explanations.
    pub allowed: Option<bool>,
}

/// Runs every step in order against one world, one STS state and one clock.
pub fn run(scenario: &Scenario) -> Vec<StepOutcome> {
    let start = scenario.start_time();
    let calls: Vec<Value> = scenario
        .steps
        .iter()
        .filter_map(|s| s.action.clone())
        .collect();
    let results = if calls.is_empty() {
        Vec::new()
    } else {
        let input = json!({
            "world": serde_json::to_value(&scenario.document.world).unwrap_or(Value::Null),
            "now": start.to_iso8601(),
            "calls": calls,
        });
        run_script(&input)
    };
    let mut results = results.into_iter();
    let mut now = start;
    let mut out = Vec::with_capacity(scenario.steps.len());
    for step in &scenario.steps {
        let Some(action) = &step.action else {
            out.push(StepOutcome {
                at: now,
                result: None,
                summary: String::new(),
                allowed: None,
            });
            continue;
        };
        let result = results
            .next()
            .unwrap_or_else(|| json!({ "error": "the script stopped before this step" }));
        if let Some(t) = result
            .get("now")
            .and_then(Value::as_str)
            .and_then(|t| SimTime::parse_iso8601(t).ok())
        {
            now = t;
        }
        let allowed = if action.get("api").is_some() {
            Some(result.get("ok").and_then(Value::as_bool) == Some(true))
        } else {
            None
        };
        out.push(StepOutcome {
            at: now,
            summary: summarize(action, &result),
            result: Some(result),
            allowed,
        });
    }
    out
}

/// Every way the scenario's outcomes differ from what its steps state; empty when it keeps
/// its word.
pub fn self_check(scenario: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (step, outcome)) in scenario.steps.iter().zip(run(scenario)).enumerate() {
        let n = i + 1;
        if step.caption.trim().is_empty() {
            problems.push(format!("step {n} has no caption"));
        }
        let Some(result) = &outcome.result else {
            if step.expect.is_some() {
                problems.push(format!("step {n} expects a result but has no action"));
            }
            continue;
        };
        if let Some(e) = result.get("error").and_then(Value::as_str) {
            problems.push(format!("step {n}: the script refused the action: {e}"));
            continue;
        }
        if code(result) == Some("ScriptError") {
            problems.push(format!("step {n}: {}", outcome.summary));
            continue;
        }
        match &step.expect {
            None => problems.push(format!("step {n} has an action but no `expect`")),
            Some(expect) => {
                if let Err(why) = check(expect, result, outcome.allowed) {
                    problems.push(format!("step {n} ({}): {why}", outcome.summary));
                }
            }
        }
    }
    problems
}

fn code(result: &Value) -> Option<&str> {
    result.pointer("/error/Code").and_then(Value::as_str)
}

fn check(expect: &Expect, result: &Value, allowed: Option<bool>) -> Result<(), String> {
    if let Some(verdict) = expect.result {
        let want = verdict == Verdict::Allowed;
        if allowed != Some(want) {
            return Err(format!("expected {verdict:?}, got {allowed:?}"));
        }
    }
    if let Some(want) = &expect.error {
        if code(result) != Some(want.as_str()) {
            return Err(format!("expected error {want}, got {:?}", code(result)));
        }
    }
    if let Some(want) = &expect.decision {
        let got = result.get("decision").and_then(Value::as_str);
        if got != Some(want.as_str()) {
            return Err(format!("expected decision {want}, got {got:?}"));
        }
    }
    if let Some(want) = expect.expired {
        let got = result
            .get("expired")
            .and_then(Value::as_array)
            .map(Vec::len);
        if got != Some(want) {
            return Err(format!("expected {want} expired credentials, got {got:?}"));
        }
    }
    Ok(())
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// The action in words: `alice calls sts:AssumeRole on arn:aws:iam::...:role/Deploy`.
pub fn describe_action(action: &Value) -> String {
    if let Some(d) = action.get("advance").and_then(Value::as_str) {
        return format!("The clock moves forward {d}");
    }
    if let Some(t) = action.get("jump").and_then(Value::as_str) {
        return format!("The clock jumps to {t}");
    }
    let api = text(action, "/api");
    let cred = text(action, "/credentials");
    let who = if let Some(i) = cred.strip_prefix("instance:") {
        format!("The instance {i}")
    } else if let Some(f) = cred.strip_prefix("lambda:") {
        format!("The function {f}")
    } else if cred.is_empty() {
        "The caller".to_string()
    } else {
        format!("`{cred}`")
    };
    let target = [
        "/params/RoleArn",
        "/resource",
        "/params/InstanceId",
        "/params/FunctionName",
    ]
    .iter()
    .map(|p| text(action, p))
    .find(|t| !t.is_empty());
    let full = if api.contains(':') {
        api.to_string()
    } else {
        match api {
            "InstanceMetadata" => "the instance metadata service (IMDS)".to_string(),
            "LambdaEnvironment" => "the Lambda runtime environment".to_string(),
            "IssueWebIdentityToken" => "its OIDC provider for a token".to_string(),
            other => format!("sts:{other}"),
        }
    };
    match target {
        Some(t) => format!("{who} calls {full} on {t}"),
        None => format!("{who} calls {full}"),
    }
}

/// The outcome in AWS's words.
fn summarize(action: &Value, result: &Value) -> String {
    if let Some(e) = result.get("error").and_then(Value::as_str) {
        return format!("Not run: {e}");
    }
    if let Some(now) = result.get("now").and_then(Value::as_str) {
        let expired: Vec<&str> = result
            .get("expired")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.get("AccessKeyId").and_then(Value::as_str))
                    .collect()
            })
            .unwrap_or_default();
        return match expired.as_slice() {
            [] => format!("It is now {now}. Nothing expired."),
            keys => format!("It is now {now}. Expired: {}.", keys.join(", ")),
        };
    }
    if let Some(c) = code(result) {
        return format!("{c}: {}", text(result, "/error/Message"));
    }
    let api = text(action, "/api");
    let r = result.get("response").unwrap_or(&Value::Null);
    let creds = |p: &str| -> String {
        let key = text(r, &format!("{p}/AccessKeyId"));
        let exp = text(r, &format!("{p}/Expiration"));
        format!("{key}, expiring {exp}")
    };
    match api {
        "AssumeRole" | "AssumeRoleWithWebIdentity" | "AssumeRoleWithSAML" => format!(
            "Allowed. Temporary credentials {} for {}",
            creds("/Credentials"),
            text(r, "/AssumedRoleUser/Arn")
        ),
        "GetSessionToken" => format!("Allowed. Session credentials {}", creds("/Credentials")),
        "GetCallerIdentity" => format!(
            "Arn {}, account {}, UserId {}",
            text(r, "/Arn"),
            text(r, "/Account"),
            text(r, "/UserId")
        ),
        "InstanceMetadata" => format!("IMDS hands out {}", creds("")),
        "LambdaEnvironment" => format!(
            "The function's environment holds AWS_ACCESS_KEY_ID={}",
            text(r, "/AWS_ACCESS_KEY_ID")
        ),
        "IssueWebIdentityToken" => format!(
            "Token for sub {} (aud {}), valid until {}",
            text(r, "/sub"),
            text(r, "/aud"),
            text(r, "/exp")
        ),
        a if a.contains(':') => format!("Allowed: {a} on {}", text(action, "/resource")),
        _ => "Done.".to_string(),
    }
}
