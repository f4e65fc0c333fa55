//! The scenario format reads what it writes, refuses what it cannot play, and the runner
//! reports what STS answers.

use super::*;
use crate::doc::document::Document;
use serde_json::json;

fn step(caption: &str, action: Value, expect: Expect) -> Step {
    Step {
        caption: caption.into(),
        action: Some(action),
        expect: Some(expect),
    }
}

fn allowed() -> Expect {
    Expect {
        result: Some(Verdict::Allowed),
        ..Expect::default()
    }
}

fn denied(code: &str) -> Expect {
    Expect {
        result: Some(Verdict::Denied),
        error: Some(code.into()),
        ..Expect::default()
    }
}

/// alice assumes Deploy, an hour passes, the session's credentials are refused.
fn deploy_story() -> Scenario {
    let mut s = Scenario::from_document(Document::seed_example());
    s.steps = vec![
        Step {
            caption: "alice holds permanent access keys.".into(),
            action: None,
            expect: None,
        },
        step(
            "alice assumes Deploy.",
            json!({"api": "AssumeRole", "credentials": "alice", "as": "deploy",
                   "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy", "RoleSessionName": "alice"}}),
            allowed(),
        ),
        step(
            "An hour later",
            json!({"advance": "PT1H"}),
            Expect {
                expired: Some(1),
                ..Expect::default()
            },
        ),
        step(
            "The session is over.",
            json!({"api": "GetCallerIdentity", "credentials": "deploy"}),
            denied("ExpiredToken"),
        ),
    ];
    s
}

#[test]
fn a_scenario_file_round_trips() {
    let mut s = deploy_story();
    s.start = Some(SimTime::WORLD_EPOCH);
    let text = s.to_json();
    assert!(text.contains("\"type\": \"iam-playground-scenario\""));
    assert_eq!(Scenario::from_json(&text), Ok(s));
}

#[test]
fn a_scenario_shared_mid_story_opens_at_that_step() {
    let mut s = deploy_story();
    assert_eq!(s.first_step(), 0, "a story opens at its first step");
    s.open_at = Some(3);
    let back = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(back.open_at, Some(3));
    assert_eq!(back.first_step(), 2);
    // A step that does not exist is refused with the valid range, never a panic later.
    for bad in [0, 5] {
        let mut v = s.to_value();
        v["open_at_step"] = json!(bad);
        let e = Scenario::from_value(v).unwrap_err().to_string();
        assert!(e.contains("numbered 1 to 4"), "{bad}: {e}");
    }
}

#[test]
fn a_plain_document_opens_as_a_scenario_without_steps() {
    let doc = Document::seed_example();
    let s = Scenario::from_json(&doc.to_json()).unwrap();
    assert_eq!(s.title, doc.title);
    assert!(s.steps.is_empty());
    assert_eq!(s.document, doc);
}

#[test]
fn wrong_type_future_version_and_unknown_fields_are_refused() {
    let mut v = deploy_story().to_value();
    v["version"] = json!(2);
    assert_eq!(
        Scenario::from_value(v.clone()),
        Err(ScenarioError::FromTheFuture { version: 2 })
    );
    v["version"] = json!(1);
    v["type"] = json!("something-else");
    assert!(matches!(
        Scenario::from_value(v.clone()),
        Err(ScenarioError::WrongType { .. })
    ));
    v["type"] = json!(SCENARIO_TYPE);
    v["steps"][0]["narration"] = json!("?");
    let e = Scenario::from_value(v).unwrap_err();
    assert!(e.to_string().contains("narration"), "{e}");
    assert!(matches!(
        Scenario::from_json("{"),
        Err(ScenarioError::NotJson { line: 1, .. })
    ));
}

#[test]
fn an_action_the_runner_cannot_play_is_refused_at_load() {
    for bad in [
        json!({"api": "DeleteEverything"}),
        json!({"api": "AssumeRole", "advance": "PT1H"}),
        json!({"advance": 3600}),
        json!("AssumeRole"),
    ] {
        let mut v = deploy_story().to_value();
        v["steps"][1]["action"] = bad.clone();
        let e = Scenario::from_value(v).unwrap_err();
        assert!(e.to_string().contains("step 2"), "{bad}: {e}");
    }
}

#[test]
fn the_runner_follows_the_clock_and_reports_expiry_in_aws_terms() {
    // Credentials are expired from the instant now >= Expiration.
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html
    let s = deploy_story();
    let out = run(&s);
    assert_eq!(out.len(), 4);
    assert_eq!(out[0].result, None);
    assert_eq!(out[1].allowed, Some(true));
    assert!(
        out[1].summary.contains("assumed-role/Deploy/alice"),
        "{}",
        out[1].summary
    );
    assert!(out[1].summary.contains("ASIA"), "{}", out[1].summary);
    assert_eq!(
        out[2].at,
        SimTime::WORLD_EPOCH.plus(crate::sim::time::SimDuration::from_hours(1))
    );
    assert!(
        out[2].summary.contains("Expired: ASIA"),
        "{}",
        out[2].summary
    );
    assert_eq!(out[3].allowed, Some(false));
    assert!(
        out[3].summary.starts_with("ExpiredToken: "),
        "{}",
        out[3].summary
    );
    assert_eq!(self_check(&s), Vec::<String>::new());
}

#[test]
fn self_check_catches_a_step_that_does_not_do_what_it_says() {
    let mut s = deploy_story();
    s.steps[3].expect = Some(allowed());
    let problems = self_check(&s);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("step 4"), "{problems:?}");
    s.steps[3].expect = Some(denied("AccessDenied"));
    assert!(self_check(&s)[0].contains("expected error AccessDenied"));
    s.steps[3].expect = None;
    assert!(self_check(&s)[0].contains("no `expect`"));
}

#[test]
fn actions_are_described_as_who_calls_what() {
    assert_eq!(
        describe_action(&json!({"api": "AssumeRole", "credentials": "alice",
            "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy"}})),
        "`alice` calls sts:AssumeRole on arn:aws:iam::111122223333:role/Deploy"
    );
    assert_eq!(
        describe_action(
            &json!({"api": "s3:GetObject", "credentials": "instance:i-1",
            "resource": "arn:aws:s3:::b/k"})
        ),
        "The instance i-1 calls s3:GetObject on arn:aws:s3:::b/k"
    );
    assert_eq!(
        describe_action(&json!({"advance": "PT1H"})),
        "The clock moves forward 1 hour"
    );
    assert_eq!(
        describe_action(&json!({"advance": "PT1H15M"})),
        "The clock moves forward 1 hour and 15 minutes"
    );
}

#[test]
fn a_step_that_no_longer_keeps_its_word_after_an_edit_says_how() {
    let mut s = deploy_story();
    let outcomes = run(&s);
    for (step, o) in s.steps.iter().zip(&outcomes) {
        assert_eq!(
            departure(step, o),
            None,
            "the story as written keeps its word"
        );
    }
    // The reader takes alice out of Deploy's trust policy.
    let deploy = s
        .document
        .world
        .role_by_name(&crate::sim::ids::AccountId::new("111122223333"), "Deploy")
        .unwrap()
        .role_id
        .clone();
    s.document
        .world
        .set_trust_policy(
            &deploy,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        )
        .unwrap();
    let outcomes = run(&s);
    let said = departure(&s.steps[1], &outcomes[1]).expect("AssumeRole is now refused");
    assert_eq!(
        said,
        "With your changes to the diagram this call is denied; the story expects it to be allowed."
    );
}

#[test]
fn a_recap_is_read_kept_and_written_back_and_left_out_when_empty() {
    let mut v = deploy_story().to_value();
    assert!(v.get("recap").is_none(), "no recap, no field");
    v["recap"] = json!(["Roles expire.", "Users' keys do not."]);
    let s = Scenario::from_value(v).expect("a scenario with a recap loads");
    assert_eq!(s.recap, vec!["Roles expire.", "Users' keys do not."]);
    let again = Scenario::from_value(s.to_value()).expect("and loads again");
    assert_eq!(again, s);
    assert_eq!(
        Scenario::from_document(Document::seed_example()).recap,
        Vec::<String>::new()
    );
}

#[test]
fn a_recap_that_is_not_a_list_of_sentences_is_refused() {
    for bad in [json!("Roles expire."), json!([1, 2]), json!({"a": "b"})] {
        let mut v = deploy_story().to_value();
        v["recap"] = bad.clone();
        assert!(
            matches!(Scenario::from_value(v), Err(ScenarioError::Invalid { .. })),
            "{bad}"
        );
    }
}

#[test]
fn every_built_in_scenario_ends_with_a_recap_of_two_to_five_sentences() {
    for (slug, _) in BUILT_IN {
        let s = match built_in(slug) {
            Some(Ok(s)) => s,
            other => panic!("{slug} is built in: {other:?}"),
        };
        assert!(
            (2..=5).contains(&s.recap.len()),
            "{slug}: {} recap sentences",
            s.recap.len()
        );
        for sentence in &s.recap {
            assert!(
                sentence.trim().ends_with('.') && sentence.len() > 20,
                "{slug}: {sentence:?} is not a sentence"
            );
            assert_eq!(
                sentence.matches('`').count() % 2,
                0,
                "{slug}: unbalanced backticks in {sentence:?}"
            );
        }
    }
}

#[test]
fn the_next_scenario_follows_the_library_order_and_none_follows_the_last() {
    let order: Vec<&str> = BUILT_IN.iter().map(|(slug, _)| *slug).collect();
    let entries = library();
    for (i, e) in entries.iter().enumerate() {
        let next = next_in_library(&e.title).map(|n| n.slug);
        assert_eq!(next, order.get(i + 1).copied(), "after {}", e.slug);
    }
    assert_eq!(
        next_in_library("IAM user vs IAM role").map(|n| n.slug),
        Some("ec2-instance-role")
    );
    assert_eq!(next_in_library("A diagram of my own"), None);
}
