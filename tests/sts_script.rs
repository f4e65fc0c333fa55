//! Script mode (`iam-eval` lines with a "world" key): the sample world's story end to end.

use iam_playground::sim::sts::run_script;
use serde_json::json;

fn script(calls: serde_json::Value) -> Vec<serde_json::Value> {
    run_script(&json!({ "world": "sample", "now": "2026-01-01T00:00:00Z", "calls": calls }))
}

#[test]
fn alice_assumes_deploy_uses_it_and_it_expires_after_one_hour() {
    let out = script(json!([
        {"api": "AssumeRole", "credentials": "alice", "as": "deploy",
         "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy", "RoleSessionName": "alice"}},
        {"advance": "PT30M"},
        {"api": "s3:PutObject", "credentials": "deploy", "resource": "arn:aws:s3:::playground-artifacts-111122223333/app.zip"},
        {"api": "GetCallerIdentity", "credentials": "deploy"},
        {"advance": "PT30M"},
        {"api": "s3:PutObject", "credentials": "deploy", "resource": "arn:aws:s3:::playground-artifacts-111122223333/app.zip"},
        {"api": "AssumeRole", "credentials": "bob",
         "params": {"RoleArn": "arn:aws:iam::111122223333:role/Deploy", "RoleSessionName": "bob"}}
    ]));
    assert_eq!(out.len(), 7);
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(
        out[0]["response"]["Credentials"]["Expiration"],
        "2026-01-01T01:00:00Z"
    );
    assert_eq!(
        out[0]["response"]["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice"
    );
    assert_eq!(out[1]["now"], "2026-01-01T00:30:00Z");
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(
        out[3]["response"]["Arn"],
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice"
    );
    assert_eq!(out[4]["expired"][0]["Expiration"], "2026-01-01T01:00:00Z");
    assert_eq!(out[5]["ok"], false);
    assert_eq!(
        out[5]["error"],
        json!({"Code": "ExpiredToken", "Message": "The provided token has expired."})
    );
    // bob has no access key in the sample world: his "credentials" are not a key at all.
    assert_eq!(out[6]["error"]["Code"], "InvalidClientTokenId");
    let gates = out[6]["gates"].as_array().unwrap();
    assert_eq!(gates.len(), 1);
    assert_eq!(gates[0]["name"], "credentials");
    assert_eq!(gates[0]["passed"], false);
}

#[test]
fn instance_credentials_and_bad_scripts() {
    let out = script(
        json!([{"api": "GetCallerIdentity", "credentials": "root"}, {"api": "Nope"}, {"advance": "soon"}]),
    );
    assert_eq!(out[0]["response"]["UserId"], "111122223333");
    assert_eq!(out[1]["error"]["Code"], "ScriptError");
    assert!(out[2]["error"].is_string());
    let bad = run_script(&json!({"world": 3, "calls": []}));
    assert!(bad[0]["error"].as_str().unwrap().contains("world"));
}

#[test]
fn a_guided_scenario_file_is_a_world_for_scripts() {
    let file: serde_json::Value = serde_json::from_str(include_str!(
        "../static/scenarios/cross-account.scenario.json"
    ))
    .unwrap();
    let out = run_script(&json!({
        "world": file,
        "calls": [{"api": "AssumeRole", "credentials": "dana",
                   "params": {"RoleArn": "arn:aws:iam::444455556666:role/CrossAccountDeploy",
                              "RoleSessionName": "dana"}}]
    }));
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(
        out[0]["response"]["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::444455556666:assumed-role/CrossAccountDeploy/dana"
    );
    let broken = run_script(&json!({
        "world": {"type": "iam-playground-scenario", "version": 1},
        "calls": []
    }));
    assert_eq!(broken[0]["error"], "the scenario file has no `document`");
}

#[test]
fn a_world_with_a_policy_that_does_not_parse_is_refused_naming_it() {
    // AWS would never have stored it (MalformedPolicyDocument): the script does not run with
    // the policy silently left out of evaluation.
    let mut world = serde_json::to_value(iam_playground::sim::world::World::sample()).unwrap();
    let alice = world["users"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .find(|u| u["user_name"] == "alice")
        .unwrap();
    alice["inline_policies"]["Broken"] =
        json!(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#);
    let out = run_script(&json!({"world": world, "calls": [
        {"api": "GetCallerIdentity", "credentials": "alice"}
    ]}));
    assert_eq!(out.len(), 1);
    let e = out[0]["error"].as_str().unwrap();
    assert!(
        e.starts_with("`world`: MalformedPolicyDocument: the inline policy `Broken` of user `alice` does not parse: line 1, column "),
        "{e}"
    );
}
