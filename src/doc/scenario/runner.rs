//! Plays a scenario's steps against `sim::sts` on a simulated clock and checks each outcome.

use super::replay::{play_all, Checkpoints};
use super::Step;
use super::{Expect, Scenario, Verdict};
use crate::sim::bounds::MAX_SCENARIO_POLICY_READ;
use crate::sim::sts::StsState;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::World;
use serde_json::Value;

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
    /// `false` for a step the story never reached because the steps before it read more
    /// policy than the playground plays in one story; its summary says so.
    pub played: bool,
}

/// Where the story stands once a step is done: what the simulator shows at that step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepState {
    /// The world (a `RevokeSessions` step adds AWS's revocation policy to a role).
    pub world: World,
    /// Everything STS issued up to and including the step, with its timeline.
    pub sts: StsState,
    /// The simulated clock once the step is done.
    pub now: SimTime,
    /// The timeline entry of the step's own call, if it made one (its checks can be shown).
    pub event: Option<usize>,
}

/// Runs every step in order against one world, one STS state and one clock.
pub fn run(scenario: &Scenario) -> Vec<StepOutcome> {
    run_with_checkpoints(scenario).0
}

/// [`run`], with saved points along the story so that [`Checkpoints::state_after`] shows
/// any step without replaying the whole story up to it.
pub fn run_with_checkpoints(scenario: &Scenario) -> (Vec<StepOutcome>, Checkpoints) {
    let mut out = Vec::with_capacity(scenario.steps.len());
    let checkpoints = play_all(scenario, |step, result, run| {
        let (Some(action), Some(result)) = (&step.action, result) else {
            out.push(StepOutcome {
                at: run.now,
                result: None,
                summary: String::new(),
                allowed: None,
                played: true,
            });
            return;
        };
        let allowed = if action.get("api").is_some() {
            Some(result.get("ok").and_then(Value::as_bool) == Some(true))
        } else {
            None
        };
        out.push(StepOutcome {
            at: run.now,
            summary: summarize(action, &result),
            result: Some(result),
            allowed,
            played: true,
        });
    });
    let at = out.last().map_or(scenario.start_time(), |o| o.at);
    let summary = too_much(out.len(), scenario.steps.len());
    out.resize_with(scenario.steps.len(), || StepOutcome {
        at,
        result: None,
        summary: summary.clone(),
        allowed: None,
        played: false,
    });
    (out, checkpoints)
}

/// What an unplayed step says: the story asks for more work than the page will do at once.
fn too_much(played: usize, steps: usize) -> String {
    format!(
        "Not played: this scenario asks for too much. Its steps read more than {} characters of policy, the most the playground plays in one story, so only steps 1 to {played} of {steps} were played.",
        group_thousands(MAX_SCENARIO_POLICY_READ)
    )
}

/// `2000000` as `2,000,000`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && digits.len().saturating_sub(i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every way the scenario's outcomes differ from what its steps state; empty when it keeps
/// its word.
pub fn self_check(scenario: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (step, outcome)) in scenario.steps.iter().zip(run(scenario)).enumerate() {
        let n = i.saturating_add(1);
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

/// How a step's outcome departs from what the story states, in words for the caption; `None`
/// when it keeps its word. A step departs when the diagram was edited after the scenario
/// opened: the story expected AssumeRole to be allowed, and with the trust removed it is not.
pub fn departure(step: &Step, outcome: &StepOutcome) -> Option<String> {
    let expect = step.expect.as_ref()?;
    let result = outcome.result.as_ref()?;
    check(expect, result, outcome.allowed).err()?;
    let word = |allowed: bool| if allowed { "allowed" } else { "denied" };
    Some(match (expect.result, outcome.allowed) {
        (Some(v), Some(now)) if (v == Verdict::Allowed) != now => format!(
            "With your changes to the diagram this call is {}; the story expects it to be {}.",
            word(now),
            word(v == Verdict::Allowed)
        ),
        _ => format!(
            "With your changes to the diagram the result differs from what the story expects: {}",
            outcome.summary
        ),
    })
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
        let words =
            SimDuration::parse_iso8601(d).map_or_else(|_| d.to_string(), SimDuration::in_words);
        return format!("The clock moves forward {words}");
    }
    if let Some(t) = action.get("jump").and_then(Value::as_str) {
        return format!("The clock jumps to {t}");
    }
    let api = text(action, "/api");
    let cred = text(action, "/credentials");
    // Compute gets its credentials from AWS, not by calling with some of its own.
    // https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
    match api {
        "LambdaEnvironment" => {
            return format!(
                "Lambda assumes the execution role of {} and puts the credentials in its environment",
                text(action, "/params/FunctionName")
            )
        }
        "InstanceMetadata" => {
            return format!(
                "The instance {} reads its role's credentials from the instance metadata service (IMDS)",
                text(action, "/params/InstanceId")
            )
        }
        _ => {}
    }
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
