//! Script mode: a world, a start time and a list of calls in, one AWS-shaped result per call
//! out. Used by `iam-eval` (lines with a `"world"` key) and by tests; see the README, "STS scripts".

mod calls;
mod helpers;

use super::passage::TimeEvent;
use super::session::StsState;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::World;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A script's running state: the world, STS, the clock and the labels calls gave to
/// credentials and tokens (`"as": "deploy"`).
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

/// `"sample"`, a serialized world, a saved document (whose `world` is used) or a guided
/// scenario file (whose `document` is used).
fn load_world(v: &Value) -> Result<World, String> {
    match v {
        Value::String(s) if s == "sample" => Ok(World::sample()),
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
        _ => serde_json::from_value(v.clone()).map_err(|e| format!("`world` is not a world: {e}")),
    }
}

/// Runs `{"world": {...} | "sample", "now": "2026-01-01T00:00:00Z", "calls": [...]}` and
/// returns one result per call. A malformed script gives a single `{"error": "..."}`.
pub fn run_script(input: &Value) -> Vec<Value> {
    let world = match input.get("world").map(load_world) {
        Some(Ok(w)) => w,
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
    if let Some(d) = call.get("advance").and_then(Value::as_str) {
        return match SimDuration::parse_iso8601(d) {
            Ok(d) => move_clock(run, run.now.plus(d)),
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    if let Some(t) = call.get("jump").and_then(Value::as_str) {
        return match SimTime::parse_iso8601(t) {
            Ok(t) => move_clock(run, t),
            Err(e) => json!({ "error": e.to_string() }),
        };
    }
    let Some(api) = call.get("api").and_then(Value::as_str) else {
        return json!({ "error": "each call needs `api`, `advance` or `jump`" });
    };
    let mut out = calls::dispatch(run, api, call);
    if let Some(o) = out.as_object_mut() {
        o.insert("api".into(), json!(api));
        o.insert("at".into(), json!(run.now.to_iso8601()));
    }
    out
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
