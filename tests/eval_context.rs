//! The global context keys AWS sets itself, present exactly when AWS includes them.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>

use iam_playground::sim::eval::{evaluate, ContextValue, EvalRequest};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn context(request: Value) -> BTreeMap<String, ContextValue> {
    let mut request = request;
    request["action"] = json!("s3:GetObject");
    let req: EvalRequest = serde_json::from_value(request).expect("valid request");
    evaluate(&req).trace.context
}

fn single(ctx: &BTreeMap<String, ContextValue>, key: &str) -> Option<String> {
    match ctx.get(key)? {
        ContextValue::Single(s) => Some(s.clone()),
        ContextValue::Multi(_) => None,
    }
}

#[test]
fn iam_user_with_long_term_keys() {
    let ctx = context(
        json!({"principal": {"arn": "arn:aws:iam::111122223333:user/dev/alice", "id": "AIDAEXAMPLE12345", "tags": {"team": "blue"}}}),
    );
    assert_eq!(single(&ctx, "aws:username").as_deref(), Some("alice"));
    assert_eq!(
        single(&ctx, "aws:userid").as_deref(),
        Some("AIDAEXAMPLE12345")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalArn").as_deref(),
        Some("arn:aws:iam::111122223333:user/dev/alice")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalAccount").as_deref(),
        Some("111122223333")
    );
    assert_eq!(single(&ctx, "aws:PrincipalType").as_deref(), Some("User"));
    assert_eq!(
        single(&ctx, "aws:PrincipalIsAWSService").as_deref(),
        Some("false")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalTag/team").as_deref(),
        Some("blue")
    );
    // Long-term access keys: no MFA key, no token issue time.
    assert!(!ctx.contains_key("aws:MultiFactorAuthPresent"));
    assert!(!ctx.contains_key("aws:TokenIssueTime"));
    // No organization: no org keys.
    assert!(!ctx.contains_key("aws:PrincipalOrgID"));
}

#[test]
fn role_session_keys() {
    let ctx = context(json!({"principal": {
        "arn": "arn:aws:sts::111122223333:assumed-role/Deploy/ci-run",
        "id": "AROAEXAMPLEROLEID",
        "tags": {"team": "blue", "env": "prod"},
        "session": {"role_arn": "arn:aws:iam::111122223333:role/ops/Deploy", "tags": {"team": "green"}, "mfa": true, "mfa_age_seconds": 120, "token_issue_time": "2024-05-01T10:00:00Z", "source_identity": "alice"}
    }}));
    // "aws:username ... not present for roles".
    assert!(!ctx.contains_key("aws:username"));
    assert_eq!(
        single(&ctx, "aws:userid").as_deref(),
        Some("AROAEXAMPLEROLEID:ci-run")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalArn").as_deref(),
        Some("arn:aws:iam::111122223333:role/ops/Deploy")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalType").as_deref(),
        Some("AssumedRole")
    );
    // Session tags override the role's tags of the same key.
    assert_eq!(
        single(&ctx, "aws:PrincipalTag/team").as_deref(),
        Some("green")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalTag/env").as_deref(),
        Some("prod")
    );
    assert_eq!(
        single(&ctx, "aws:MultiFactorAuthPresent").as_deref(),
        Some("true")
    );
    assert_eq!(
        single(&ctx, "aws:MultiFactorAuthAge").as_deref(),
        Some("120")
    );
    assert_eq!(
        single(&ctx, "aws:TokenIssueTime").as_deref(),
        Some("2024-05-01T10:00:00Z")
    );
    assert_eq!(single(&ctx, "aws:SourceIdentity").as_deref(), Some("alice"));
}

#[test]
fn root_and_federated_user_keys() {
    let ctx = context(json!({"principal": {"arn": "arn:aws:iam::111122223333:root"}}));
    assert_eq!(
        single(&ctx, "aws:PrincipalType").as_deref(),
        Some("Account")
    );
    assert_eq!(single(&ctx, "aws:userid").as_deref(), Some("111122223333"));
    assert!(!ctx.contains_key("aws:username"));
    let ctx = context(
        json!({"principal": {"arn": "arn:aws:sts::111122223333:federated-user/Bob", "session": {}}}),
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalType").as_deref(),
        Some("FederatedUser")
    );
    assert_eq!(
        single(&ctx, "aws:userid").as_deref(),
        Some("111122223333:Bob")
    );
    assert_eq!(
        single(&ctx, "aws:MultiFactorAuthPresent").as_deref(),
        Some("false")
    );
}

#[test]
fn service_principal_keys() {
    let ctx = context(json!({"principal": {"service": "cloudtrail.amazonaws.com"}}));
    assert_eq!(
        single(&ctx, "aws:PrincipalIsAWSService").as_deref(),
        Some("true")
    );
    assert_eq!(
        single(&ctx, "aws:PrincipalServiceName").as_deref(),
        Some("cloudtrail.amazonaws.com")
    );
    assert!(!ctx.contains_key("aws:PrincipalArn"));
}

#[test]
fn organization_and_resource_keys() {
    let ctx = context(json!({
        "principal": {"arn": "arn:aws:iam::111122223333:user/alice"},
        "resource": {"arn": "arn:aws:sqs:us-east-1:444455556666:jobs", "tags": {"owner": "ops"}},
        "organization": {"id": "o-a1b2c3d4e5", "management_account": "999988887777",
                         "accounts": {"111122223333": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "444455556666": ""}}
    }));
    assert_eq!(
        single(&ctx, "aws:PrincipalOrgID").as_deref(),
        Some("o-a1b2c3d4e5")
    );
    assert_eq!(
        ctx.get("aws:PrincipalOrgPaths"),
        Some(&ContextValue::Multi(vec![
            "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/".to_string()
        ]))
    );
    assert_eq!(
        single(&ctx, "aws:ResourceAccount").as_deref(),
        Some("444455556666")
    );
    assert_eq!(
        single(&ctx, "aws:ResourceOrgID").as_deref(),
        Some("o-a1b2c3d4e5")
    );
    assert!(!ctx.contains_key("aws:ResourceOrgPaths"));
    assert_eq!(
        single(&ctx, "aws:ResourceTag/owner").as_deref(),
        Some("ops")
    );
}

#[test]
fn caller_supplied_keys_override_derived_ones_and_epoch_time_follows_current_time() {
    let ctx = context(json!({
        "principal": {"arn": "arn:aws:iam::111122223333:user/alice"},
        "context": {"aws:username": "mallory", "aws:CurrentTime": "2020-01-01T00:00:10Z"}
    }));
    assert_eq!(single(&ctx, "aws:username").as_deref(), Some("mallory"));
    assert_eq!(single(&ctx, "aws:EpochTime").as_deref(), Some("1577836810"));
}
