//! Hostile inputs (issue: "A hostile link cannot freeze or crash the page"): wildcard bombs,
//! overflowing dates, deep nesting, huge policies and non-UTF-8 lines are refused with the
//! limit named or answered correctly, never a panic, a stack overflow or a freeze.
//! The reproducers live in `tests/hostile/`.

use iam_playground::doc::document::Document;
use iam_playground::doc::scenario::Scenario;
use iam_playground::doc::share;
use iam_playground::sim::policy::wildcard::{action_matches, glob_match, tokens};
use iam_playground::sim::policy::{parse, PolicyKind};
use std::io::Write;
use std::process::{Command, Stdio};

fn hostile(name: &str) -> String {
    let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The refusal's text; a hostile input that loads fails the test.
fn refused<T, E: std::fmt::Display>(result: Result<T, E>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(_) => panic!("the hostile input loaded"),
    }
}

// IAM and AWS STS quotas page: "Managed policy size: 6,144 characters"; AWS refuses with
// `LimitExceeded: Cannot exceed quota for PolicySize: 6144`.
#[test]
fn a_wildcard_bomb_in_a_managed_policy_is_refused_at_load_naming_the_policy_size_quota() {
    let message = refused(Scenario::from_json(&hostile("wildcard-bomb.scenario.json")));
    assert!(
        message.contains("Cannot exceed quota for PolicySize: 6144"),
        "{message}"
    );
}

#[test]
fn a_share_link_carrying_the_wildcard_bomb_opens_with_the_quota_named() {
    let link = hostile("wildcard-bomb.link.txt");
    let err = refused(share::decode(&link));
    assert!(
        err.contains("Cannot exceed quota for PolicySize: 6144"),
        "{err}"
    );
}

// AssumeRole API reference: RoleArn "Maximum length of 2048"; the same bound for any ARN.
#[test]
fn a_step_on_a_120000_character_arn_is_refused_at_load_naming_the_2048_character_limit() {
    let message = refused(Scenario::from_json(&hostile("long-arn-step.scenario.json")));
    assert!(message.contains("2048 characters"), "{message}");
    assert!(message.contains("step 5"), "{message}");
}

#[test]
fn a_leading_star_pattern_against_100_kb_matches_exactly_for_action_and_string_like() {
    let pattern = format!("*{}b", "a".repeat(10_000));
    let without_b = "a".repeat(100_000);
    let with_b = format!("{without_b}b");
    assert!(!action_matches(&pattern, &without_b));
    assert!(action_matches(&pattern, &with_b));
    assert!(action_matches(&pattern.to_uppercase(), &with_b));
    let toks = tokens(&pattern);
    assert!(!glob_match(&toks, &without_b, false));
    assert!(glob_match(&toks, &with_b, false));
    // A `?` in the bomb takes the bit-parallel path; the answer is the same.
    let with_one = tokens(&format!("*{}?b", "a".repeat(10_000)));
    assert!(glob_match(&with_one, &with_b, false));
    assert!(!glob_match(&with_one, &without_b, false));
}

#[test]
fn the_resource_bomb_pattern_still_matches_exactly_when_evaluated_directly() {
    use iam_playground::sim::policy::wildcard::arn_match;
    let pattern = tokens(&format!("arn:aws:s3:::{}b", "a*".repeat(60_000)));
    let arn = format!("arn:aws:s3:::{}", "a".repeat(120_000));
    assert!(!arn_match(&pattern, &arn));
    assert!(arn_match(&pattern, &format!("{arn}b")));
    // A mid-segment star does not cross a colon, even in a bomb.
    assert!(!arn_match(&pattern, &format!("{arn}:b")));
}

// Condition operators page, "Date condition operators": values are ISO 8601 dates or epoch
// seconds. These three overflow 64-bit milliseconds: the policy parses, each value is reported
// as not a date, and none of them panics.
#[test]
fn dates_that_overflow_parse_as_not_dates_per_the_date_condition_operators_page() {
    let outcome = parse(
        &hostile("overflowing-dates.policy.json"),
        PolicyKind::Identity,
    );
    assert!(outcome.policy.is_some(), "{:?}", outcome.findings);
    let invalid = outcome
        .findings
        .iter()
        .filter(|f| f.code == "INVALID_CONDITION_VALUE")
        .count();
    assert_eq!(invalid, 3, "{:?}", outcome.findings);
}

#[test]
fn a_finding_on_a_multi_line_policy_names_its_line_and_column() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"s3:GetObject\",\n    \"Resource\": \"*\",\n    \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \"soon\"}}\n  }]\n}";
    let outcome = parse(text, PolicyKind::Identity);
    let f = outcome
        .findings
        .iter()
        .find(|f| f.code == "INVALID_CONDITION_VALUE")
        .expect("a finding for `soon`");
    // `"soon"` starts on line 7 at character 55 (1-based).
    assert_eq!((f.line, f.column), (7, 55), "{f:?}");
}

#[test]
fn a_120_kb_policy_with_a_finding_per_statement_parses() {
    let statement = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "never"}}}"#;
    let n = 120 * 1024 / statement.len();
    let body = vec![statement; n].join(",\n");
    let text = format!("{{\"Version\": \"2012-10-17\", \"Statement\": [\n{body}\n]}}");
    let started = std::time::Instant::now();
    let outcome = parse(&text, PolicyKind::Identity);
    println!(
        "parsed {} KB with {} findings in {:?}",
        text.len() / 1024,
        outcome.findings.len(),
        started.elapsed()
    );
    let last = outcome
        .findings
        .iter()
        .filter(|f| f.code == "INVALID_CONDITION_VALUE")
        .max_by_key(|f| f.line)
        .expect("findings");
    assert_eq!(last.line as usize, n + 1);
}

/// `PolicyDocument` is "1-131,072 characters" in every IAM API that takes one
/// (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html>).
#[test]
fn policy_text_longer_than_131072_characters_is_refused_with_aws_length_constraint() {
    let fits = format!("{{\"Statement\": []{}}}", " ".repeat(131_072 - 17));
    assert_eq!(fits.chars().count(), 131_072);
    assert!(parse(&fits, PolicyKind::Identity)
        .findings
        .iter()
        .all(|f| f.code != "POLICY_TOO_LONG"));
    for text in [
        format!("{{\"Statement\": []{}}}", " ".repeat(131_073 - 17)),
        // 158 MB of one character: refused without being read as JSON.
        format!("{{\"Action\": \"{}\"}}", "\u{202e}".repeat(50_000_000)),
    ] {
        let outcome = parse(&text, PolicyKind::Identity);
        assert!(outcome.policy.is_none());
        assert_eq!(outcome.findings.len(), 1);
        assert_eq!(
            outcome.findings[0].message,
            "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to 131072"
        );
    }
}

fn nesting_refused(message: &str) {
    assert!(message.contains("more than 64 levels deep"), "{message}");
}

#[test]
fn deep_nesting_is_refused_by_the_policy_parser() {
    for name in ["nested-450.json", "nested-10000.json"] {
        let outcome = parse(&hostile(name), PolicyKind::Identity);
        assert!(outcome.policy.is_none());
        let f = outcome.findings.first().expect("a finding");
        assert_eq!(f.code, "NESTING_TOO_DEEP");
        nesting_refused(&f.message);
    }
}

#[test]
fn deep_nesting_is_refused_by_the_document_scenario_and_share_loaders() {
    for name in ["nested-450.json", "nested-10000.json"] {
        let text = hostile(name);
        nesting_refused(&refused(Document::from_json(&text)));
        nesting_refused(&refused(Scenario::from_json(&text)));
    }
    let link = hostile("nested-10000.link.txt");
    nesting_refused(&refused(share::decode(&link)));
}

/// Runs `iam-eval` on `input`, returning its output lines.
fn iam_eval(input: &[u8]) -> Vec<serde_json::Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iam-eval"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("iam-eval runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    let out = child.wait_with_output().expect("iam-eval ends");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn iam_eval_answers_deep_lines_with_an_error_line_and_goes_on() {
    let mut input = hostile("nested-10000.json").into_bytes();
    input.extend_from_slice(hostile("nested-450.json").as_bytes());
    let out = iam_eval(&input);
    assert_eq!(out.len(), 2);
    for line in &out {
        nesting_refused(line["error"].as_str().expect("an error line"));
    }
}

// README, "Script it": "A line that is not a valid request gets {"error": "..."} on its own
// output line and the run goes on."
#[test]
fn iam_eval_answers_a_line_that_is_not_utf8_with_an_error_and_goes_on() {
    let path = format!(
        "{}/tests/hostile/not-utf8.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = iam_eval(&std::fs::read(path).expect("reproducer"));
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["decision"], "Allowed", "{}", out[0]);
    let error = out[1]["error"].as_str().expect("an error line");
    assert!(error.contains("line 2 is not UTF-8"), "{error}");
    assert_eq!(out[2]["decision"], "Allowed", "{}", out[2]);
}

// README, "Script it": a line longer than 64 MiB gets an error naming the limit, without
// being held in memory, and the run goes on.
#[test]
fn iam_eval_answers_a_line_past_64_mib_with_an_error_naming_the_limit_and_goes_on() {
    use iam_playground::sim::bounds::MAX_LINE_BYTES;
    let path = format!(
        "{}/tests/hostile/not-utf8.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = std::fs::read(path).expect("reproducer");
    let request = file.split(|&b| b == b'\n').next().expect("a first line");
    let mut input = request.to_vec();
    input.push(b'\n');
    input.push(b'"');
    input.resize(input.len() + MAX_LINE_BYTES + 10, b'a');
    input.extend_from_slice(b"\"\n");
    input.extend_from_slice(request);
    input.push(b'\n');
    let out = iam_eval(&input);
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["decision"], "Allowed", "{}", out[0]);
    let error = out[1]["error"].as_str().expect("an error line");
    assert!(
        error.contains("line 2 is longer than 67108864 bytes"),
        "{error}"
    );
    assert_eq!(out[2]["decision"], "Allowed", "{}", out[2]);
}

/// A fuzz case: a node placed at `x: 92233720368545807` saved as `9.223372036854581e+16` and
/// came back as `9.22337203685458e+16`, so a document saved and opened again was not the one
/// saved. Numbers are now read with enough precision to round-trip (serde_json's
/// `float_roundtrip`), whatever their size.
#[test]
fn a_layout_coordinate_of_any_size_saves_and_opens_back_the_same() {
    let seed = Document::seed_example().to_json();
    let mut v: serde_json::Value = serde_json::from_str(&seed).expect("JSON");
    let first = v["layout"]["nodes"]
        .as_object()
        .and_then(|n| n.keys().next().cloned())
        .expect("a placed node");
    for (i, x) in [
        "92233720368545807",
        "0.30000000000000004",
        "1.7976931348623157e308",
    ]
    .iter()
    .enumerate()
    {
        v["layout"]["nodes"][&first]["x"] = serde_json::from_str(x).expect("a number");
        let text = v.to_string();
        let once = Document::from_json(&text).expect("opens").to_json();
        let twice = Document::from_json(&once).expect("opens again").to_json();
        assert_eq!(once, twice, "case {i}: {x}");
    }
}

/// A fuzz case handed the scenario loader 566 MB and it parsed for 13 s: documents and
/// scenarios past 64 MiB are refused at once, naming the limit.
#[test]
fn a_document_or_scenario_past_64_mib_is_refused_at_once_naming_the_limit() {
    let mut text = String::from("{\"type\": \"iam-playground-scenario\", \"title\": \"");
    text.push_str(&"a".repeat(iam_playground::sim::bounds::MAX_FILE_BYTES));
    text.push_str("\"}");
    let scenario = Scenario::from_json(&text).expect_err("refused").to_string();
    assert!(
        scenario.contains("at most 67108864 bytes (64 MiB)"),
        "{scenario}"
    );
    let document = Document::from_json(&text).expect_err("refused").to_string();
    assert!(
        document.contains("at most 67108864 bytes (64 MiB)"),
        "{document}"
    );
}
