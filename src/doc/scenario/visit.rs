//! A visit to a guided scenario, as kept in the browser's history entry: which scenario, at
//! which step, and the document as the reader left it, so Back, Forward and reload return
//! to where the reader was.

use super::Scenario;
use crate::doc::document::Document;
use serde_json::{json, Value};

/// One opened scenario in the page's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub scenario: Scenario,
    /// The step on show, 0-based.
    pub step: usize,
    /// The document as the reader left this visit (their edits); `None` until they leave.
    pub document: Option<Document>,
}

/// Marks a history entry as one of ours (the host page of an embed, or another script, may
/// keep its own state in history).
const KIND: &str = "iam-playground-visit";

impl Visit {
    /// A visit at `step` of `scenario`, not left yet.
    pub fn new(scenario: Scenario, step: usize) -> Visit {
        Visit {
            scenario,
            step,
            document: None,
        }
    }

    /// The scenario opened where the reader was: at the visit's step.
    pub fn scenario_at_step(&self) -> Scenario {
        let mut s = self.scenario.clone();
        s.open_at = Some(self.step.saturating_add(1));
        s
    }

    /// The visit as JSON text for `history.pushState`.
    pub fn to_json(&self) -> String {
        let mut v =
            json!({ "type": KIND, "scenario": self.scenario.to_value(), "step": self.step });
        if let (Some(o), Some(d)) = (v.as_object_mut(), &self.document) {
            o.insert("document".into(), d.to_value());
        }
        v.to_string()
    }

    /// Reads a history entry; `None` for anything that is not a readable visit (an entry
    /// of the page before any scenario was opened, or one made by someone else).
    pub fn from_json(text: &str) -> Option<Visit> {
        let mut v: Value = serde_json::from_str(text).ok()?;
        if v.get("type").and_then(Value::as_str) != Some(KIND) {
            return None;
        }
        let step = usize::try_from(v.get("step")?.as_u64()?).ok()?;
        let o = v.as_object_mut()?;
        let scenario = Scenario::from_value(o.remove("scenario")?).ok()?;
        let document = match o.remove("document") {
            Some(d) => Some(Document::from_json(&d.to_string()).ok()?),
            None => None,
        };
        Some(Visit {
            scenario,
            step,
            document,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::scenario::built_in;

    fn scenario() -> Scenario {
        match built_in("cross-account") {
            Some(Ok(s)) => s,
            other => panic!("the cross-account scenario is built in: {other:?}"),
        }
    }

    #[test]
    fn a_visit_comes_back_from_history_with_its_step_and_the_readers_edits() {
        let mut edited = scenario().document;
        edited.title = "Cross-account, as I left it".into();
        let visit = Visit {
            scenario: scenario(),
            step: 2,
            document: Some(edited),
        };
        assert_eq!(Visit::from_json(&visit.to_json()), Some(visit.clone()));
        assert_eq!(visit.scenario_at_step().first_step(), 2);
    }

    #[test]
    fn entries_that_are_not_visits_are_ignored() {
        for text in [
            "null",
            "{}",
            "\"x\"",
            r#"{"type": "iam-playground-visit", "step": 1}"#,
        ] {
            assert_eq!(Visit::from_json(text), None, "{text}");
        }
    }
}
