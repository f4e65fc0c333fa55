//! Runs every worked example in `tests/corpus/*.json` (requests modelled on the examples of
//! the AWS IAM User Guide) and names each file whose decision differs.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use serde::Deserialize;
use std::path::Path;

/// One corpus file. Unknown fields are errors so a typo cannot skip a check.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the example shows.
    description: String,
    /// The AWS documentation page the example comes from.
    source: String,
    /// An `iam-eval` request.
    request: serde_json::Value,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    decision: String,
    decided_by: String,
    /// AWS's exact message, where the example states it.
    #[serde(default)]
    message: Option<String>,
}

fn check(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Case = serde_json::from_str(&text).map_err(|e| format!("bad corpus file: {e}"))?;
    if !case.source.starts_with("https://docs.aws.amazon.com/") || case.description.is_empty() {
        return Err("each case cites an AWS documentation page and says what it shows".to_string());
    }
    let out = iam_playground::sim::eval::evaluate_json(&case.request.to_string());
    let got: serde_json::Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
    if let Some(err) = got.get("error") {
        return Err(format!("request rejected: {err}"));
    }
    let decision = got["decision"].as_str().unwrap_or("");
    let decided_by = got["decided_by"].as_str().unwrap_or("");
    let message = got["message"].as_str().unwrap_or("");
    if (decision, decided_by)
        != (
            case.expect.decision.as_str(),
            case.expect.decided_by.as_str(),
        )
    {
        return Err(format!(
            "expected {} by {}, got {decision} by {decided_by}: {message}",
            case.expect.decision, case.expect.decided_by
        ));
    }
    if let Some(m) = case.expect.message {
        if m != message {
            return Err(format!("expected message\n  {m}\ngot\n  {message}"));
        }
    }
    Ok(())
}

#[test]
fn every_corpus_example_gets_the_documented_decision() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus has {} files", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| {
            check(p).err().map(|e| {
                format!(
                    "{}: {e}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} corpus files failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The same examples through policies compiled once: every decision, message and trace is
/// the plain evaluator's.
#[test]
fn every_corpus_example_decides_the_same_through_compiled_policies() {
    use iam_playground::sim::eval::compiled::{self, Detail, PolicySet};
    use iam_playground::sim::eval::{evaluate, EvalRequest};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/corpus exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable corpus file");
        let case: Case = serde_json::from_str(&text).expect("a corpus case");
        let req: EvalRequest = serde_json::from_value(case.request).expect("a valid request");
        let set = PolicySet::compile(&req);
        let plain = evaluate(&req);
        let name = path.display();
        assert_eq!(
            compiled::evaluate(&req, &set, Detail::Trace),
            plain,
            "{name}"
        );
        let quick = compiled::evaluate(&req, &set, Detail::Decision);
        assert_eq!(
            (quick.decision, quick.decided_by, quick.message),
            (plain.decision, plain.decided_by, plain.message),
            "{name}"
        );
        assert_eq!(
            serde_json::to_value(quick.decision).expect("a decision serializes"),
            serde_json::Value::String(case.expect.decision.clone()),
            "{name}"
        );
        checked += 1;
    }
    assert!(checked >= 20, "the corpus has {checked} files");
}
