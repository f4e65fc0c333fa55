//! The built-in scenarios (static/scenarios/*.json), run through STS as the page runs them.

use iam_playground::sim::sts::run_script;
use serde_json::{json, Value};

fn run(doc: &str, calls: Value) -> Vec<Value> {
    let world: Value = serde_json::from_str(doc).unwrap();
    run_script(&json!({ "world": world, "now": "2026-01-01T00:00:00Z", "calls": calls }))
}

fn failed_gate(r: &Value) -> String {
    r["gates"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["passed"] == false))
        .map(|g| g["name"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

#[test]
fn alice_deploys_and_the_web_server_reads_the_bucket() {
    let out = run(
        include_str!("../static/scenarios/alice-deploys.json"),
        json!([
            {"api": "AssumeRole", "credentials": "alice", "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy", "RoleSessionName": "alice"}},
            {"api": "s3:GetObject", "credentials": "instance:i-0e4b8cba40b6ca065", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/index.html"},
            {"api": "s3:PutObject", "credentials": "instance:i-0e4b8cba40b6ca065", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/index.html"}
        ]),
    );
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["ok"], false);
}

#[test]
fn cross_account_role_requires_mfa() {
    let doc = include_str!("../static/scenarios/cross-account-mfa.json");
    let role = "arn:aws:iam::444455556666:role/ProdReadOnly";
    let out = run(
        doc,
        json!([
            {"api": "AssumeRole", "credentials": "carol", "params": {"RoleArn": role, "RoleSessionName": "carol"}},
            {"api": "AssumeRole", "credentials": "carol", "params": {"RoleArn": role, "RoleSessionName": "carol", "SerialNumber": "current", "TokenCode": "current"}}
        ]),
    );
    assert_eq!(failed_gate(&out[0]), "trust_policy");
    assert_eq!(out[0]["error"]["Message"], format!("User: arn:aws:iam::111122223333:user/carol is not authorized to perform: sts:AssumeRole on resource: {role}"));
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(
        out[1]["response"]["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::444455556666:assumed-role/ProdReadOnly/carol"
    );
    // Long-term keys carry no aws:MultiFactorAuthPresent at all: the condition sees nothing.
    let trust = out[0]["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "trust_policy")
        .unwrap();
    let mfa = trust["compared"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "aws:MultiFactorAuthPresent")
        .unwrap();
    assert_eq!(mfa["actual"], Value::Null);
    assert_eq!(mfa["result"], false);
}

#[test]
fn vendor_needs_the_agreed_external_id() {
    let doc = include_str!("../static/scenarios/vendor-external-id.json");
    let role = "arn:aws:iam::111122223333:role/VendorAudit";
    let out = run(
        doc,
        json!([
            {"api": "AssumeRole", "credentials": "outside:999988887777", "params": {"RoleArn": role, "RoleSessionName": "vendor"}},
            {"api": "AssumeRole", "credentials": "outside:999988887777", "params": {"RoleArn": role, "RoleSessionName": "vendor", "ExternalId": "guess"}},
            {"api": "AssumeRole", "credentials": "outside:999988887777", "params": {"RoleArn": role, "RoleSessionName": "vendor", "ExternalId": "Unique-ID-From-Vendor-12345"}}
        ]),
    );
    assert_eq!(failed_gate(&out[0]), "trust_policy");
    assert_eq!(failed_gate(&out[1]), "trust_policy");
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
}

#[test]
fn github_actions_trades_its_token_for_role_credentials() {
    let doc = include_str!("../static/scenarios/github-actions-oidc.json");
    let role = "arn:aws:iam::111122223333:role/GitHubDeploy";
    let out = run(
        doc,
        json!([
            {"api": "IssueWebIdentityToken", "as": "main", "params": {"Issuer": "token.actions.githubusercontent.com", "Sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}},
            {"api": "AssumeRoleWithWebIdentity", "as": "ci", "params": {"RoleArn": role, "RoleSessionName": "GitHubActions", "WebIdentityToken": "main"}},
            {"api": "s3:PutObject", "credentials": "ci", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/site/index.html"},
            {"api": "IssueWebIdentityToken", "as": "fork", "params": {"Issuer": "token.actions.githubusercontent.com", "Sub": "repo:someone/fork:ref:refs/heads/main"}},
            {"api": "AssumeRoleWithWebIdentity", "params": {"RoleArn": role, "RoleSessionName": "GitHubActions", "WebIdentityToken": "fork"}}
        ]),
    );
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(
        out[4]["error"]["Message"],
        "Not authorized to perform sts:AssumeRoleWithWebIdentity"
    );
}

#[test]
fn lambda_reads_its_queue_and_nothing_else() {
    let doc = include_str!("../static/scenarios/lambda-reads-queue.json");
    let out = run(
        doc,
        json!([
            {"api": "LambdaEnvironment", "as": "fn", "params": {"FunctionName": "process-orders"}},
            {"api": "sqs:ReceiveMessage", "credentials": "fn", "resource": "arn:aws:sqs:us-east-1:111122223333:orders"},
            {"api": "sqs:SendMessage", "credentials": "fn", "resource": "arn:aws:sqs:us-east-1:111122223333:orders"}
        ]),
    );
    assert!(out[0]["response"]["AWS_ACCESS_KEY_ID"]
        .as_str()
        .unwrap()
        .starts_with("ASIA"));
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["ok"], false);
}
