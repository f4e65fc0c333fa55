//! The `iam-eval` reachability queries: `{"query": "reach", ...}` and
//! `{"query": "who-can", ...}`, one JSON line in, one out (README, "Reachability queries").

use super::{parse_start, Analysis, DEFAULT_MAX_HOPS};
use crate::sim::sts::script::load_world;
use serde_json::{json, Value};

/// The deepest search a query may ask for: paths grow as roles^hops.
pub const MAX_MAX_HOPS: u64 = 10;

fn fields(o: &serde_json::Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    let unknown: Vec<String> = o
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| format!("`{k}`"))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "unknown field{} {} (expected {})",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", "),
            allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

fn text<'v>(o: &'v serde_json::Map<String, Value>, key: &str) -> Result<&'v str, String> {
    o.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("`{key}` must be a string"))
}

fn max_hops(o: &serde_json::Map<String, Value>) -> Result<usize, String> {
    match o.get("max_hops") {
        None => Ok(DEFAULT_MAX_HOPS),
        Some(v) => match v.as_u64() {
            Some(n) if n <= MAX_MAX_HOPS => usize::try_from(n).map_err(|e| e.to_string()),
            _ => Err(format!(
                "`max_hops` must be a whole number from 0 to {MAX_MAX_HOPS}"
            )),
        },
    }
}

fn run(v: &Value) -> Result<Value, String> {
    let o = v.as_object().ok_or("a query is a JSON object")?;
    let query = text(o, "query")?;
    match query {
        "reach" => fields(o, &["query", "world", "from", "max_hops"])?,
        "who-can" => fields(o, &["query", "world", "action", "resource", "max_hops"])?,
        other => {
            return Err(format!(
                "unknown query `{other}` (expected `reach` or `who-can`)"
            ))
        }
    }
    let hops = max_hops(o)?;
    let world = load_world(o.get("world").ok_or("a query needs a `world`")?)?;
    let mut analysis = Analysis::new(&world);
    let out = if query == "reach" {
        let from = parse_start(&world, text(o, "from")?)?;
        serde_json::to_value(analysis.reach(&from, hops))
    } else {
        let (action, resource) = (text(o, "action")?, text(o, "resource")?);
        serde_json::to_value(analysis.who_can(action, resource, hops))
    };
    out.map_err(|e| e.to_string())
}

/// Answers one query line: the result, or `{"error": "..."}`.
pub fn answer_json(v: &Value) -> String {
    match run(v) {
        Ok(out) => out.to_string(),
        Err(e) => json!({ "error": e }).to_string(),
    }
}
