//! The built-in guided scenarios, compiled into the page so the library needs no fetch.

use super::{Scenario, ScenarioError};
use serde_json::Value;

/// Slug and file text of every built-in scenario, in the order the library lists them
/// (`static/scenarios/<slug>.scenario.json`).
pub const BUILT_IN: [(&str, &str); 9] = [
    (
        "user-vs-role",
        include_str!("../../../static/scenarios/user-vs-role.scenario.json"),
    ),
    (
        "ec2-instance-role",
        include_str!("../../../static/scenarios/ec2-instance-role.scenario.json"),
    ),
    (
        "lambda-execution-role",
        include_str!("../../../static/scenarios/lambda-execution-role.scenario.json"),
    ),
    (
        "cross-account",
        include_str!("../../../static/scenarios/cross-account.scenario.json"),
    ),
    (
        "external-id",
        include_str!("../../../static/scenarios/external-id.scenario.json"),
    ),
    (
        "mfa-admin",
        include_str!("../../../static/scenarios/mfa-admin.scenario.json"),
    ),
    (
        "github-oidc",
        include_str!("../../../static/scenarios/github-oidc.scenario.json"),
    ),
    (
        "role-chaining",
        include_str!("../../../static/scenarios/role-chaining.scenario.json"),
    ),
    (
        "boundary-and-scp",
        include_str!("../../../static/scenarios/boundary-and-scp.scenario.json"),
    ),
];

/// One line of the library: enough to list a scenario without loading its document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryEntry {
    pub slug: &'static str,
    pub title: String,
    pub summary: String,
    pub steps: usize,
}

/// The library's list (titles and summaries only; cheap).
pub fn library() -> Vec<LibraryEntry> {
    BUILT_IN
        .iter()
        .filter_map(|(slug, text)| {
            let v: Value = serde_json::from_str(text).ok()?;
            let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            Some(LibraryEntry {
                slug,
                title: s("title"),
                summary: s("summary"),
                steps: v.get("steps").and_then(Value::as_array).map_or(0, Vec::len),
            })
        })
        .collect()
}

/// Loads the built-in scenario `slug`; `None` when there is no such scenario.
pub fn built_in(slug: &str) -> Option<Result<Scenario, ScenarioError>> {
    BUILT_IN
        .iter()
        .find(|(s, _)| *s == slug)
        .map(|(_, text)| Scenario::from_json(text))
}

/// The built-in scenario after the one titled `title`, in library order: what the recap card
/// offers next. `None` after the last, and for a scenario that is not built in.
pub fn next_in_library(title: &str) -> Option<LibraryEntry> {
    let entries = library();
    let at = entries.iter().position(|e| e.title == title)?;
    entries.into_iter().nth(at.saturating_add(1))
}
