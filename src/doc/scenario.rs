//! Guided scenarios: a document plus the steps that tell its story, in the `iam-playground-scenario` file format.
//!
//! A step's `action` is one call of the STS script language (the README's "STS scripts": `{"api":
//! "AssumeRole", "credentials": "alice", "params": {...}}`, `{"advance": "PT1H"}`), so a
//! scenario speaks AWS's own API and parameter names. [`run`] plays the steps against
//! `sim::sts` on a simulated clock; [`self_check`] compares each outcome with the step's
//! `expect`, which keeps every caption honest.

mod library;
mod replay;
mod runner;
pub mod visit;

pub use library::{built_in, library, next_in_library, LibraryEntry, BUILT_IN};
pub use replay::{state_after, Checkpoints};
pub use runner::{
    departure, describe_action, run, run_with_checkpoints, self_check, StepOutcome, StepState,
};

use super::document::{Document, DOC_TYPE};
use super::persist::LoadError;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The `type` of a scenario file.
pub const SCENARIO_TYPE: &str = "iam-playground-scenario";
/// The scenario format version this build reads and writes.
pub const SCENARIO_VERSION: u64 = 1;

/// A document and the guided steps that go with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub title: String,
    /// One or two sentences: what the reader will see.
    pub summary: String,
    pub document: Document,
    /// Where the simulated clock starts; `None` is [`SimTime::WORLD_EPOCH`].
    pub start: Option<SimTime>,
    pub steps: Vec<Step>,
    /// The step the story opens at, counted from 1 (a link shared at step 5 opens at step 5);
    /// `None` is the first.
    pub open_at: Option<usize>,
    /// What the reader should take away, a few sentences shown as a recap card once they
    /// step past the last step; empty for a story without one (no card then).
    pub recap: Vec<String>,
}

/// One step of the story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What happens, in AWS's terms.
    pub caption: String,
    /// A script call (`api`, `advance` or `jump`); `None` for a step that only explains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Value>,
    /// What the action must produce; checked by [`self_check`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expect>,
}

/// The stated result of a step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Whether the call succeeds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Verdict>,
    /// AWS's error code when it fails (`AccessDenied`, `ExpiredToken`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The evaluator's decision for a service call (`Allowed`, `ExplicitlyDenied`,
    /// `ImplicitlyDenied`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// For a clock advance: how many credentials expired on the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired: Option<usize>,
}

/// Allowed or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Allowed,
    Denied,
}

/// Why a scenario file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioError {
    /// Not JSON; line and column are 1-based.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON whose `type` is neither a scenario nor a document.
    WrongType { found: Option<String> },
    /// No usable `version`.
    MissingVersion,
    /// Written by a newer IAM Playground.
    FromTheFuture { version: u64 },
    /// The envelope or a step does not fit the format.
    Invalid { message: String },
    /// The embedded document could not be loaded.
    Document(LoadError),
    /// Nests deeper than the playground reads, or a step asks for more than AWS allows.
    OverLimit { message: String },
}

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScenarioError::NotJson { line, column, message } => {
                write!(f, "it is not valid JSON (line {line}, column {column}): {message}")
            }
            ScenarioError::WrongType { found: Some(t) } => write!(
                f,
                "it is a \"{t}\" file, not an IAM Playground scenario (\"type\": \"{SCENARIO_TYPE}\")"
            ),
            ScenarioError::WrongType { found: None } => {
                write!(f, "it has no \"type\": \"{SCENARIO_TYPE}\"")
            }
            ScenarioError::MissingVersion => f.write_str("it has no \"version\" number"),
            ScenarioError::FromTheFuture { version } => write!(
                f,
                "it is scenario version {version}, made by a newer IAM Playground; this one reads up to version {SCENARIO_VERSION}"
            ),
            ScenarioError::Invalid { message } => write!(f, "it is damaged: {message}"),
            // Refused for AWS's limits or a malformed policy, not unreadable: say only that.
            ScenarioError::Document(LoadError::OverLimit { message }) => {
                write!(f, "it asks for more than AWS allows: {message}")
            }
            ScenarioError::Document(e @ LoadError::MalformedPolicy(_)) => write!(f, "{e}"),
            ScenarioError::Document(e) => write!(f, "its document cannot be read: {e}"),
            ScenarioError::OverLimit { message } => {
                write!(f, "it asks for more than AWS allows: {message}")
            }
        }
    }
}

impl std::error::Error for ScenarioError {}

/// The file as serde sees it; the document stays a `Value` so it can go through the
/// document's own migrations.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    #[serde(rename = "type")]
    file_type: String,
    version: u64,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    document: Value,
    #[serde(default)]
    steps: Vec<Step>,
    #[serde(
        default,
        rename = "open_at_step",
        skip_serializing_if = "Option::is_none"
    )]
    open_at: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    recap: Vec<String>,
}

impl Scenario {
    /// A scenario with no steps around `document`, titled like it.
    pub fn from_document(document: Document) -> Scenario {
        Scenario {
            title: document.title.clone(),
            summary: document.description.clone(),
            document,
            start: None,
            steps: Vec::new(),
            open_at: None,
            recap: Vec::new(),
        }
    }

    /// The index of the step to open at (0-based, always a step that exists).
    pub fn first_step(&self) -> usize {
        self.open_at
            .unwrap_or(1)
            .clamp(1, self.steps.len().max(1))
            .saturating_sub(1)
    }

    /// When the story starts on the simulated clock.
    pub fn start_time(&self) -> SimTime {
        self.start.unwrap_or(SimTime::WORLD_EPOCH)
    }

    /// Reads a scenario file, or a plain document file (as a scenario without steps).
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let over =
            |e: crate::sim::bounds::BoundsError| ScenarioError::OverLimit { message: e.message };
        crate::sim::bounds::check_file_size(text).map_err(over)?;
        crate::sim::bounds::check_nesting(text).map_err(over)?;
        let value: Value = serde_json::from_str(text).map_err(|e| ScenarioError::NotJson {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Scenario::from_value(value)
    }

    /// [`Scenario::from_json`] for parsed JSON.
    pub fn from_value(value: Value) -> Result<Scenario, ScenarioError> {
        match value.get("type").and_then(Value::as_str) {
            Some(DOC_TYPE) => {
                let doc =
                    Document::from_json(&value.to_string()).map_err(ScenarioError::Document)?;
                return Ok(Scenario::from_document(doc));
            }
            Some(SCENARIO_TYPE) => {}
            other => {
                return Err(ScenarioError::WrongType {
                    found: other.map(str::to_string),
                })
            }
        }
        match value.get("version").and_then(Value::as_u64) {
            None | Some(0) => return Err(ScenarioError::MissingVersion),
            Some(v) if v > SCENARIO_VERSION => {
                return Err(ScenarioError::FromTheFuture { version: v })
            }
            Some(_) => {}
        }
        // From text, not from the `Value` (see `Document::from_json`).
        let file: ScenarioFile =
            serde_json::from_str(&value.to_string()).map_err(|e| ScenarioError::Invalid {
                message: crate::sim::bounds::without_place(&e),
            })?;
        let start = match &file.start {
            None => None,
            Some(t) => Some(
                SimTime::parse_iso8601(t).map_err(|e| ScenarioError::Invalid {
                    message: format!("`start`: {e}"),
                })?,
            ),
        };
        for (i, step) in file.steps.iter().enumerate() {
            if let Some(action) = &step.action {
                crate::sim::bounds::check_request_strings(action).map_err(|e| {
                    ScenarioError::OverLimit {
                        message: format!("step {}: {}", i.saturating_add(1), e.message),
                    }
                })?;
                check_action(action).map_err(|message| ScenarioError::Invalid {
                    message: format!("step {}: {message}", i.saturating_add(1)),
                })?;
            }
        }
        if let Some(n) = file.open_at {
            if n == 0 || n > file.steps.len() {
                return Err(ScenarioError::Invalid {
                    message: format!(
                        "`open_at_step` is {n}, but the steps are numbered 1 to {}",
                        file.steps.len()
                    ),
                });
            }
        }
        let document =
            Document::from_json(&file.document.to_string()).map_err(ScenarioError::Document)?;
        Ok(Scenario {
            title: file.title,
            summary: file.summary,
            document,
            start,
            steps: file.steps,
            open_at: file.open_at,
            recap: file.recap,
        })
    }

    /// The scenario as JSON, `{"type": "iam-playground-scenario", "version": 1, ...}`.
    pub fn to_value(&self) -> Value {
        let mut v = json!({
            "type": SCENARIO_TYPE,
            "version": SCENARIO_VERSION,
            "title": self.title,
            "summary": self.summary,
        });
        if let (Some(o), Some(t)) = (v.as_object_mut(), self.start) {
            o.insert("start".into(), json!(t.to_iso8601()));
        }
        if let Some(o) = v.as_object_mut() {
            o.insert("document".into(), self.document.to_value());
            o.insert(
                "steps".into(),
                serde_json::to_value(&self.steps).unwrap_or(Value::Null),
            );
            if let Some(n) = self.open_at {
                o.insert("open_at_step".into(), json!(n));
            }
            if !self.recap.is_empty() {
                o.insert("recap".into(), json!(self.recap));
            }
        }
        v
    }

    /// Pretty JSON, for files.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }
}

/// The script step kinds a scenario may use; anything else is refused at load time rather
/// than failing in front of an audience.
const STS_APIS: [&str; 10] = [
    "AssumeRole",
    "GetSessionToken",
    "GetCallerIdentity",
    "AssumeRoleWithWebIdentity",
    "AssumeRoleWithSAML",
    "IssueWebIdentityToken",
    "IssueSAMLAssertion",
    "RevokeSessions",
    "InstanceMetadata",
    "LambdaEnvironment",
];

fn check_action(action: &Value) -> Result<(), String> {
    let Some(obj) = action.as_object() else {
        return Err("`action` must be an object".into());
    };
    let kinds = ["api", "advance", "jump"]
        .iter()
        .filter(|k| obj.contains_key(**k))
        .count();
    if kinds != 1 {
        return Err("`action` needs exactly one of `api`, `advance` or `jump`".into());
    }
    if let Some(api) = obj.get("api") {
        let api = api.as_str().ok_or("`api` must be a string")?;
        if !STS_APIS.contains(&api) && !api.contains(':') {
            return Err(format!("unknown api `{api}`"));
        }
    }
    for key in ["advance", "jump"] {
        if obj.get(key).is_some_and(|v| !v.is_string()) {
            return Err(format!("`{key}` must be an ISO 8601 string"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
