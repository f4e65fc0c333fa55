//! `iam-eval` scripts whose `"world"` is GAAD output: one document, or an array of them.

use iam_playground::sim::gaad::world_for_script;
use iam_playground::sim::sts::run_script;
use serde_json::{json, Value};

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/tests/gaad/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn an_imported_user_has_no_key_until_one_is_created_but_an_instance_profile_runs() {
    let gaad = fixture("api_single_account.json");
    let world = world_for_script(&gaad).unwrap();
    let instance = world.ec2_instances.keys().next().unwrap().to_string();
    let out = run_script(&json!({
        "world": gaad,
        "calls": [
            {"api": "GetCallerIdentity", "credentials": "alice"},
            {"api": "InstanceMetadata", "params": {"InstanceId": instance}, "as": "web"},
            {"api": "s3:GetObject", "credentials": "web", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/index.html"},
            {"api": "GetCallerIdentity", "credentials": "web"}
        ]
    }));
    assert_eq!(out[0]["ok"], false, "{}", out[0]);
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["decision"], "Allowed", "{}", out[2]);
    let arn = out[3]["response"]["Arn"].as_str().unwrap();
    assert!(
        arn.starts_with("arn:aws:sts::111122223333:assumed-role/WebServerRole/"),
        "{arn}"
    );
}

#[test]
fn an_array_of_gaad_documents_is_a_multi_account_world() {
    let out = run_script(&json!({
        "world": [fixture("multi_account_a.json"), fixture("multi_account_b.json")],
        "calls": [{"api": "GetCallerIdentity", "credentials": "root@777788889999"}]
    }));
    assert_eq!(out[0]["response"]["Account"], "777788889999", "{}", out[0]);
}

#[test]
fn a_gaad_world_with_unreadable_parts_is_refused_with_the_first_reason() {
    let out = run_script(&json!({ "world": fixture("missing_and_broken.json"), "calls": [] }));
    let e = out[0]["error"].as_str().unwrap();
    assert!(e.starts_with("the GAAD world could not be read: "), "{e}");
}
