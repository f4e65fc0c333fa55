//! The real inputs the mutations start from: built-in scenarios, the evaluation corpus, the
//! README's STS script, and the words (keys and strings) found in them.

use iam_playground::doc::scenario::BUILT_IN;
use serde_json::{json, Value};
use std::path::Path;

/// Everything a generator may start from, loaded once per run.
pub struct Seeds {
    /// Scenario files (`static/scenarios/*.scenario.json`).
    pub scenarios: Vec<Value>,
    /// The `document` of each scenario (saved-document files).
    pub documents: Vec<Value>,
    /// Every policy found in the scenarios and the corpus (objects with a `Statement`).
    pub policies: Vec<Value>,
    /// `iam-eval` requests (`tests/corpus/*.json`'s `request`).
    pub requests: Vec<Value>,
    /// STS scripts: the README's, and each scenario's steps played against its world.
    pub scripts: Vec<Value>,
    /// Object keys seen anywhere, to rename and insert keys the loaders know.
    pub keys: Vec<String>,
    /// String values seen anywhere (ARNs, dates, actions, CIDRs, variables, ...).
    pub strings: Vec<String>,
}

impl Seeds {
    pub fn load() -> Seeds {
        let mut seeds = Seeds {
            scenarios: Vec::new(),
            documents: Vec::new(),
            policies: Vec::new(),
            requests: Vec::new(),
            scripts: vec![readme_script()],
            keys: Vec::new(),
            strings: Vec::new(),
        };
        for (_, text) in BUILT_IN {
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if let Some(doc) = v.get("document") {
                seeds.documents.push(doc.clone());
                seeds.scripts.push(script_of(&v, doc));
            }
            seeds.scenarios.push(v);
        }
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut files: Vec<_> = std::fs::read_dir(corpus)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if let Some(r) = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v.get("request").cloned())
            {
                seeds.requests.push(r);
            }
        }
        let all: Vec<Value> = seeds
            .scenarios
            .iter()
            .chain(&seeds.requests)
            .cloned()
            .collect();
        for v in &all {
            seeds.collect(v);
        }
        seeds.keys.sort();
        seeds.keys.dedup();
        seeds.strings.sort();
        seeds.strings.dedup();
        seeds
    }

    fn collect(&mut self, v: &Value) {
        match v {
            Value::Object(o) => {
                if o.contains_key("Statement") {
                    self.policies.push(v.clone());
                }
                for (k, child) in o {
                    self.keys.push(k.clone());
                    self.collect(child);
                }
            }
            Value::Array(a) => a.iter().for_each(|c| self.collect(c)),
            Value::String(s) => {
                // Policies kept as text inside documents are policies too.
                if s.contains("\"Statement\"") {
                    if let Ok(p) = serde_json::from_str::<Value>(s) {
                        self.collect(&p);
                    }
                }
                if s.len() <= 200 {
                    self.strings.push(s.clone());
                }
            }
            _ => {}
        }
    }
}

/// The example of the README's "STS scripts" section.
fn readme_script() -> Value {
    json!({"world": "sample", "now": "2026-01-01T00:00:00Z", "calls": [
        {"api": "AssumeRole", "credentials": "alice", "as": "deploy",
         "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy", "RoleSessionName": "alice"}},
        {"advance": "PT30M"},
        {"api": "s3:PutObject", "credentials": "deploy",
         "resource": "arn:aws:s3:::playground-artifacts-111122223333/app.zip"},
        {"advance": "PT30M"},
        {"api": "s3:PutObject", "credentials": "deploy",
         "resource": "arn:aws:s3:::playground-artifacts-111122223333/app.zip"}
    ]})
}

/// A scenario's steps as an STS script against its document.
fn script_of(scenario: &Value, document: &Value) -> Value {
    let calls: Vec<Value> = scenario
        .get("steps")
        .and_then(Value::as_array)
        .map(|steps| {
            steps
                .iter()
                .filter_map(|s| s.get("action").cloned())
                .collect()
        })
        .unwrap_or_default();
    let mut script = json!({ "world": document, "calls": calls });
    if let (Some(start), Some(o)) = (scenario.get("start"), script.as_object_mut()) {
        o.insert("now".into(), start.clone());
    }
    script
}
