//! Plays a scenario's steps against `sim::sts` on a simulated clock and checks each outcome.

use super::Step;
use super::{Expect, Scenario, Verdict};
use crate::sim::sts::script::Run;
use crate::sim::sts::{EventKind, StsState};
use crate::sim::time::SimTime;
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

/// Plays the steps in order against one world, one STS state and one clock, handing each
/// step, its script answer and the run after it to `visit`; stops when `visit` says so.
fn play(
    scenario: &Scenario,
    mut visit: impl FnMut(&Step, Option<Value>, &Run, Option<usize>) -> bool,
) {
    let mut run = Run::new(scenario.document.world.clone(), scenario.start_time());
    for step in &scenario.steps {
        let before = run.state.timeline.events().len();
        let result = step.action.as_ref().map(|a| run.step(a));
        // A call's own entry (AssumeRole, or the role credentials Lambda and IMDS deliver);
        // a clock move makes none, whatever expired or was refreshed on the way.
        let is_call = step.action.as_ref().is_some_and(|a| a.get("api").is_some());
        let event = run
            .state
            .timeline
            .events()
            .iter()
            .enumerate()
            .skip(before)
            .rev()
            .find(|(_, e)| is_call && e.kind != EventKind::Expired)
            .map(|(i, _)| i);
        if !visit(step, result, &run, event) {
            return;
        }
    }
}

/// Runs every step in order against one world, one STS state and one clock.
pub fn run(scenario: &Scenario) -> Vec<StepOutcome> {
    let mut out = Vec::with_capacity(scenario.steps.len());
    play(scenario, |step, result, run, _| {
        let (Some(action), Some(result)) = (&step.action, result) else {
            out.push(StepOutcome {
                at: run.now,
                result: None,
                summary: String::new(),
                allowed: None,
            });
            return true;
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
        });
        true
    });
    out
}

/// The simulation after steps `0..=index` (the last step when `index` is past the end): the
/// sessions they created, the clock, the timeline. Stepping back is replaying less.
pub fn state_after(scenario: &Scenario, index: usize) -> StepState {
    let last = index.min(scenario.steps.len().saturating_sub(1));
    let mut state = None;
    let mut i = 0;
    play(scenario, |_, _, run, event| {
        if i == last {
            state = Some(StepState {
                world: run.world.clone(),
                sts: run.state.clone(),
                now: run.now,
                event,
            });
            return false;
        }
        i = i.saturating_add(1); // one per step
        true
    });
    state.unwrap_or_else(|| {
        let world = scenario.document.world.clone();
        StepState {
            sts: StsState::new(world.id_gen.seed),
            world,
            now: scenario.start_time(),
            event: None,
        }
    })
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
        return format!("The clock moves forward {d}");
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
