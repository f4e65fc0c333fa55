//! Script mode: a world, a start time and a list of calls in, one AWS-shaped result per call
//! out. Used by `iam-eval` (lines with a `"world"` key) and by tests; see the README, "STS scripts".

mod calls;
mod credentials;
mod helpers;
mod iam;

use super::passage::TimeEvent;
use super::session::StsState;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::World;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A script's running state: the world, STS, the clock and the labels calls gave to
/// credentials and tokens (`"as": "deploy"`).
#[derive(Clone)]
pub struct Run {
    /// The world (revoking sessions changes it).
    pub world: World,
    /// Everything STS issued.
    pub state: StsState,
    /// The simulated now.
    pub now: SimTime,
    /// Label -> access key id, token id or assertion id.
    pub labels: BTreeMap<String, String>,
}

/// `"sample"`, a serialized world, a saved document (whose `world` is used), a guided
/// scenario file (whose `document` is used), or `aws iam get-account-authorization-details`
/// output: one GAAD document or an array of them, one per account (`sim::gaad`). Also how
/// reachability queries and export lines read `"world"`.
pub fn load_world(v: &Value) -> Result<World, String> {
    match v {
        Value::String(s) if s == "sample" => Ok(World::sample()),
        v if crate::sim::gaad::is_gaad_world(v) => crate::sim::gaad::world_for_script(v),
        Value::Object(o)
            if o.get("type").and_then(Value::as_str) == Some("iam-playground-scenario") =>
        {
            let inner = o
                .get("document")
                .ok_or("the scenario file has no `document`")?;
            load_world(inner)
        }
        Value::Object(o) if o.get("type").and_then(Value::as_str) == Some("iam-playground") => {
            let inner = o
                .get("world")
                .ok_or("the scenario document has no `world`")?;
            load_world(inner)
        }
        _ => {
            // From text, not from the `Value`: the world's deserializer is compiled once,
            // for text, which is how the page reads every saved world.
            let world: World = serde_json::from_str(&v.to_string()).map_err(|e| {
                format!(
                    "`world` is not a world: {}",
                    crate::sim::bounds::without_place(&e)
                )
            })?;
            refuse_malformed(world)
        }
    }
}

/// AWS never stores a policy that does not parse, so a world holding one is refused, naming
/// the entity, the policy and the parser's message, rather than run with the policy left out.
fn refuse_malformed(world: World) -> Result<World, String> {
    match world.malformed_policies().first() {
        Some(p) => Err(format!("`world`: {p}")),
        None => Ok(world),
    }
}

/// Runs `{"world": {...} | "sample", "now": "2026-01-01T00:00:00Z", "calls": [...]}` and
/// returns one result per call. A malformed script gives a single `{"error": "..."}`.
pub fn run_script(input: &Value) -> Vec<Value> {
    let world = match input.get("world").map(load_world) {
        Some(Ok(w)) => match crate::sim::bounds::check_world(&w) {
            Ok(()) => w,
            Err(e) => return vec![json!({ "error": format!("`world`: {e}") })],
        },
        Some(Err(e)) => return vec![json!({ "error": e })],
        None => return vec![json!({ "error": "a script needs a `world`" })],
    };
    let now = match input.get("now").and_then(Value::as_str) {
        None => SimTime::WORLD_EPOCH,
        Some(t) => match SimTime::parse_iso8601(t) {
            Ok(t) => t,
            Err(e) => return vec![json!({ "error": format!("`now`: {e}") })],
        },
    };
    let Some(calls) = input.get("calls").and_then(Value::as_array) else {
        return vec![json!({ "error": "a script needs a `calls` array" })];
    };
    let mut run = Run::new(world, now);
    calls.iter().map(|c| run.step(c)).collect()
}

impl Run {
    /// A run against `world` starting at `now`, with nothing issued yet. STS's ids come from
    /// the world's seed, as in the simulator, so both hand out the same keys.
    pub fn new(world: World, now: SimTime) -> Run {
        let seed = world.id_gen.seed;
        Run {
            world,
            state: StsState::new(seed),
            now,
            labels: BTreeMap::new(),
        }
    }

    /// Plays one call (`api`, `advance` or `jump`) and returns its result.
    pub fn step(&mut self, call: &Value) -> Value {
        step(self, call)
    }
}

fn step(run: &mut Run, call: &Value) -> Value {
    if let Err(e) = crate::sim::bounds::check_request_strings(call) {
        return json!({ "error": e.to_string() });
    }
    let Some(obj) = call.as_object() else {
        return json!({ "error": "each call must be a JSON object" });
    };
    let kinds: Vec<&str> = ["api", "iam", "advance", "jump"]
        .into_iter()
        .filter(|k| obj.contains_key(*k))
        .collect();
    let [kind] = kinds.as_slice() else {
        return json!({ "error": "each call needs exactly one of `api`, `iam`, `advance` or `jump`" });
    };
    match *kind {
        "advance" | "jump" => {
            if let Err(e) = check_fields(call, kind, &[kind]) {
                return json!({ "error": e });
            }
            clock_step(run, kind, call)
        }
        "iam" => match call.get("iam").and_then(Value::as_str) {
            Some(action) => iam::iam_step(run, action, call),
            None => json!({ "error": "`iam` must be the name of an IAM action" }),
        },
        _ => api_step(run, call),
    }
}

fn clock_step(run: &mut Run, kind: &str, call: &Value) -> Value {
    let Some(text) = call.get(kind).and_then(Value::as_str) else {
        return json!({ "error": format!("`{kind}` must be an ISO 8601 string") });
    };
    let to = if kind == "advance" {
        SimDuration::parse_iso8601(text).map(|d| run.now.plus(d))
    } else {
        SimTime::parse_iso8601(text)
    };
    match to {
        Ok(t) => move_clock(run, t),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn api_step(run: &mut Run, call: &Value) -> Value {
    let Some(api) = call.get("api").and_then(Value::as_str) else {
        return json!({ "error": "`api` must be the name of an API" });
    };
    let mut out = calls::dispatch(run, api, call);
    if let Some(o) = out.as_object_mut() {
        o.insert("api".into(), json!(api));
        o.insert("at".into(), json!(run.now.to_iso8601()));
    }
    out
}

/// Refuses a call with a key outside `allowed`, naming it: a misspelt key would otherwise be
/// ignored and the call would quietly mean something else.
pub(crate) fn check_fields(call: &Value, what: &str, allowed: &[&str]) -> Result<(), String> {
    let Some(obj) = call.as_object() else {
        return Ok(());
    };
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        None => Ok(()),
        Some(k) => {
            let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
            Err(format!(
                "unknown field `{k}` in a {what} call; it takes {}",
                list.join(", ")
            ))
        }
    }
}

/// Moves the clock and reports which credentials expired, and which workload credentials
/// were replaced, on the way.
fn move_clock(run: &mut Run, to: SimTime) -> Value {
    let events = run.state.advance(&run.world, run.now, to);
    run.now = to;
    let (mut expired, mut refreshed) = (Vec::new(), Vec::new());
    for e in events {
        match e {
            TimeEvent::Expired { at, arn, access_key_id } => expired.push(json!({ "AccessKeyId": access_key_id, "Arn": arn, "Expiration": at.to_iso8601() })),
            TimeEvent::Refreshed { at, role_arn, access_key_id, .. } => refreshed.push(json!({ "AccessKeyId": access_key_id, "RoleArn": role_arn, "At": at.to_iso8601() })),
            TimeEvent::RefreshRefused { at, role_arn, code, .. } => refreshed.push(json!({ "AccessKeyId": null, "RoleArn": role_arn, "At": at.to_iso8601(), "Error": code })),
            // Replaced and expired within the span: counted, no credentials to show.
            TimeEvent::UnobservedRefreshes { first, last, count, role_arn, .. } => refreshed.push(json!({ "AccessKeyId": null, "RoleArn": role_arn, "At": first.to_iso8601(), "Until": last.to_iso8601(), "Count": count })),
        }
    }
    json!({ "now": to.to_iso8601(), "expired": expired, "refreshed": refreshed })
}
