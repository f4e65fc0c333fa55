//! The form reads policies through the AST and writes back only what changed.

use super::*;
use crate::sim::policy::{parse, PolicyKind};
use serde_json::Value;

const MFA_ONLY: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadWithMfa","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;

#[test]
fn a_simple_policy_round_trips_through_the_form_to_equal_json() {
    let form = from_json(MFA_ONLY).unwrap();
    let s = &form.statements[0];
    assert_eq!(s.effect, Effect::Allow);
    assert_eq!(s.actions, ["s3:GetObject", "s3:ListBucket"]);
    assert_eq!(s.conditions[0].key, "aws:MultiFactorAuthPresent");
    let back: Value = serde_json::from_str(&to_json(&form)).unwrap();
    let orig: Value = serde_json::from_str(MFA_ONLY).unwrap();
    assert_eq!(back, orig);
}

#[test]
fn form_output_is_a_valid_identity_policy_with_aws_element_order() {
    let mut form = PolicyForm {
        statements: vec![FormStatement::new_allow()],
        ..PolicyForm::new()
    };
    form.statements[0].actions = vec!["sts:AssumeRole".into(), " ".into()];
    form.statements[0].resources = vec!["arn:aws:iam::111122223333:role/Deploy".into()];
    let text = to_json(&form);
    assert!(parse(&text, PolicyKind::Identity).is_valid(), "{text}");
    // One action is a string; AWS's element order; the console's 4-space indent.
    assert_eq!(
        text,
        r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/Deploy"
        }
    ]
}"#
    );
}

#[test]
fn trust_policy_principal_is_carried_through_untouched() {
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let form = from_json(trust).unwrap();
    assert_eq!(
        form.statements[0].principal_json().as_deref(),
        Some(r#"{"Service":"ec2.amazonaws.com"}"#)
    );
    let text = to_json(&form);
    assert!(parse(&text, PolicyKind::Trust).is_valid(), "{text}");
    assert_eq!(text, trust, "nothing changed, so nothing is rewritten");
}

#[test]
fn editing_one_action_changes_only_that_action() {
    // Two-space indent, Action before Effect, a one-element Resource array and a boolean
    // condition value: all kept; only the action text changes.
    let text = "{\n  \"Statement\": {\n    \"Action\": \"s3:GetObject\",\n    \"Effect\": \"Allow\",\n    \"Resource\": [\n      \"*\"\n    ],\n    \"Condition\": {\n      \"Bool\": {\n        \"aws:SecureTransport\": true\n      }\n    }\n  },\n  \"Version\": \"2012-10-17\"\n}\n";
    let mut form = from_json(text).unwrap();
    form.statements[0].actions[0] = "s3:PutObject".into();
    assert_eq!(to_json(&form), text.replace("s3:GetObject", "s3:PutObject"));
}

#[test]
fn a_half_typed_operator_is_written_as_typed_and_read_back() {
    let mut form = from_json(MFA_ONLY).unwrap();
    form.statements[0].conditions[0].operator = "Boo".into();
    let text = to_json(&form);
    assert!(!parse(&text, PolicyKind::Identity).is_valid(), "{text}");
    let again = from_json(&text).unwrap();
    assert_eq!(again.statements[0].conditions[0].operator, "Boo");
}

#[test]
fn not_action_unknown_elements_and_broken_json_stay_in_the_json_view() {
    let not_action = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}"#;
    assert_eq!(
        from_json(not_action),
        Err(FormError::NotSimple("`NotAction`".into()))
    );
    let comment = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*","Comment":"x"}]}"#;
    assert_eq!(
        from_json(comment),
        Err(FormError::NotSimple("`Comment`".into()))
    );
    assert_eq!(from_json("{\"Version\": "), Err(FormError::NotJson));
}

#[test]
fn removing_every_statement_leaves_a_form_that_reads_back() {
    let mut form = from_json(MFA_ONLY).unwrap();
    form.statements.clear();
    let text = to_json(&form);
    assert_eq!(text, r#"{"Version":"2012-10-17","Statement":[]}"#);
    assert_eq!(from_json(&text).map(|f| f.statements.len()), Ok(0));
}
