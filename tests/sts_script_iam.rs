//! Script mode's IAM steps (`{"iam": ACTION, "params": {...}}`): an administrator's change
//! reaches live sessions at their next request, with IAM's error codes and texts; and scripts
//! that say what they mean (unknown fields, parameters and labels are errors naming them).

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use iam_playground::sim::sts::run_script;
use serde_json::{json, Value};

fn script(calls: Value) -> Vec<Value> {
    run_script(&json!({ "world": "sample", "now": "2026-01-01T00:00:00Z", "calls": calls }))
}

const DEPLOY: &str = "arn:aws:iam::111122223333:role/Deploy";
const OBJECT: &str = "arn:aws:s3:::playground-artifacts-111122223333/app.zip";

fn assume_deploy() -> Value {
    json!({"api": "AssumeRole", "credentials": "alice", "as": "deploy",
           "params": {"RoleArn": DEPLOY, "RoleSessionName": "alice"}})
}

fn put_object(credentials: &str) -> Value {
    json!({"api": "s3:PutObject", "credentials": credentials, "resource": OBJECT})
}

const ARTIFACTS_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::playground-artifacts-111122223333/*"}]}"#;

// "Because the permissions for the temporary credentials are checked for each request, you can
// change the effective permissions for the temporary security credentials by editing (or
// deleting) the policy" (IAM User Guide, "Permissions for temporary security credentials").
#[test]
fn deleting_a_role_policy_denies_a_session_issued_before_and_putting_it_back_allows_again() {
    let out = script(json!([
        assume_deploy(),
        put_object("deploy"),
        {"iam": "DeleteRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "DeployArtifacts"}},
        put_object("deploy"),
        {"iam": "PutRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "Artifacts",
                                            "PolicyDocument": ARTIFACTS_POLICY}},
        put_object("deploy"),
    ]));
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(out[1]["decision"], "Allowed", "{}", out[1]);
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(out[2]["iam"], "DeleteRolePolicy");
    assert_eq!(out[2]["response"], json!({}));
    assert_eq!(out[3]["ok"], false);
    assert_eq!(out[3]["decision"], "ImplicitlyDenied", "{}", out[3]);
    assert_eq!(out[3]["decided_by"], "identity");
    assert_eq!(out[4]["ok"], true, "{}", out[4]);
    assert_eq!(out[5]["decision"], "Allowed", "{}", out[5]);
}

#[test]
fn a_policy_document_may_be_given_as_an_object_and_a_malformed_one_is_refused_in_iams_code() {
    let out = script(json!([
        assume_deploy(),
        {"iam": "PutRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "Deny",
          "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}}},
        put_object("deploy"),
        {"iam": "PutRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "Broken",
          "PolicyDocument": "{\"Statement\": "}},
        {"iam": "PutRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "NoEffect",
          "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "s3:*", "Resource": "*"}]}}},
    ]));
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["decision"], "ExplicitlyDenied", "{}", out[2]);
    assert_eq!(
        out[3]["error"],
        json!({"Code": "MalformedPolicyDocument", "Message": "This policy contains invalid Json"})
    );
    assert_eq!(
        out[4]["error"]["Code"], "MalformedPolicyDocument",
        "{}",
        out[4]
    );
}

// IAM API Reference, DeleteRolePolicy / AttachRolePolicy: NoSuchEntity names the role.
#[test]
fn a_role_that_does_not_exist_is_no_such_entity_in_iams_words() {
    let out = script(json!([
        {"iam": "DeleteRolePolicy", "params": {"RoleName": "Nope", "PolicyName": "X"}},
        {"iam": "DeleteRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "X"}},
        {"iam": "AttachRolePolicy", "params": {"RoleName": "Deploy", "PolicyArn": "not-an-arn"}},
        {"iam": "DeleteRolePolicy", "params": {"RoleName": "Deploy"}},
        {"iam": "AttachUserPolicy", "params": {"UserName": "bob", "PolicyArn": "arn:aws:s3:::bucket"}},
        {"iam": "PutRolePermissionsBoundary", "params": {"RoleName": "Deploy", "PermissionsBoundary": "x"}},
        {"iam": "PutRolePermissionsBoundary", "params": {"RoleName": "Deploy",
          "PermissionsBoundary": "arn:aws:iam::111122223333:policy/Missing"}},
        {"iam": "AttachRolePolicy", "params": {"RoleName": "Deploy",
          "PolicyArn": "arn:aws:iam::111122223333:policy/Missing"}},
    ]));
    assert_eq!(
        out[0]["error"],
        json!({"Code": "NoSuchEntity", "Message": "The role with name Nope cannot be found."})
    );
    assert_eq!(
        out[1]["error"],
        json!({"Code": "NoSuchEntity", "Message": "The role policy with name X cannot be found."})
    );
    // Recorded AWS responses: AttachRolePolicy says ValidationError, AttachUserPolicy says it
    // differently, PutRolePermissionsBoundary says InvalidInput.
    assert_eq!(
        out[2]["error"],
        json!({"Code": "ValidationError", "Message": "ARN not-an-arn is not valid."})
    );
    assert_eq!(
        out[3]["error"]["Message"],
        "1 validation error detected: Value null at 'policyName' failed to satisfy constraint: Member must not be null"
    );
    assert_eq!(
        out[4]["error"],
        json!({"Code": "ValidationError", "Message": "Invalid ARN:  Could not be parsed!"})
    );
    assert_eq!(
        out[5]["error"],
        json!({"Code": "InvalidInput", "Message": "ARN x is not valid."})
    );
    assert_eq!(
        out[6]["error"],
        json!({"Code": "NoSuchEntity",
               "Message": "Scope ARN: arn:aws:iam::111122223333:policy/Missing does not exist or is not attachable."})
    );
    assert_eq!(
        out[7]["error"],
        json!({"Code": "NoSuchEntity",
               "Message": "Policy arn:aws:iam::111122223333:policy/Missing does not exist or is not attachable."})
    );
}

#[test]
fn a_permissions_boundary_limits_a_live_session_until_it_is_deleted() {
    let out = script(json!([
        assume_deploy(),
        {"iam": "PutRolePermissionsBoundary", "params": {"RoleName": "Deploy",
          "PermissionsBoundary": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        put_object("deploy"),
        {"iam": "DeleteRolePermissionsBoundary", "params": {"RoleName": "Deploy"}},
        put_object("deploy"),
    ]));
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["decision"], "ImplicitlyDenied", "{}", out[2]);
    assert_eq!(out[2]["decided_by"], "permissions_boundary");
    assert_eq!(out[4]["decision"], "Allowed", "{}", out[4]);
}

#[test]
fn detaching_a_managed_policy_from_a_role_reaches_the_instance_session() {
    let out = script(json!([
        {"api": "s3:GetObject", "credentials": "instance:i-0000000000000000", "resource": OBJECT},
    ]));
    // The sample's instance id comes from the seeded generator: find it through IMDS instead.
    assert_eq!(out[0]["error"]["Code"], "ScriptError", "{}", out[0]);
    let world = iam_playground::sim::world::World::sample();
    let instance = world.ec2_instances.keys().next().unwrap().to_string();
    let label = format!("instance:{instance}");
    let out = script(json!([
        {"api": "InstanceMetadata", "params": {"InstanceId": instance}, "as": "web"},
        {"api": "s3:GetObject", "credentials": "web", "resource": OBJECT},
        {"iam": "DetachRolePolicy", "params": {"RoleName": "WebServerRole",
          "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        {"api": "s3:GetObject", "credentials": "web", "resource": OBJECT},
        {"iam": "DetachRolePolicy", "params": {"RoleName": "WebServerRole",
          "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        {"iam": "AttachRolePolicy", "params": {"RoleName": "WebServerRole",
          "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        {"api": "s3:GetObject", "credentials": label, "resource": OBJECT},
    ]));
    assert_eq!(out[1]["decision"], "Allowed", "{}", out[1]);
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(out[3]["decision"], "ImplicitlyDenied", "{}", out[3]);
    assert_eq!(
        out[4]["error"],
        json!({"Code": "NoSuchEntity",
               "Message": "Policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess was not found."})
    );
    assert_eq!(out[5]["ok"], true, "{}", out[5]);
    assert_eq!(out[6]["decision"], "Allowed", "{}", out[6]);
}

// IAM User Guide, "Manage access keys for IAM users": a user has at most two access keys.
#[test]
fn create_access_key_answers_awss_shape_labels_the_key_and_a_third_key_is_over_quota() {
    let out = script(json!([
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "as": "bob-key"},
        {"api": "GetCallerIdentity", "credentials": "bob-key"},
        {"iam": "CreateAccessKey", "params": {"UserName": "alice"}},
        {"iam": "CreateAccessKey", "params": {"UserName": "alice"}},
    ]));
    let key = &out[0]["response"]["AccessKey"];
    assert_eq!(key["UserName"], "bob", "{}", out[0]);
    assert_eq!(key["Status"], "Active");
    assert_eq!(key["CreateDate"], "2026-01-01T00:00:00Z");
    let id = key["AccessKeyId"].as_str().unwrap();
    assert!(id.starts_with("AKIA") && id.len() == 20, "{id}");
    assert_eq!(key["SecretAccessKey"].as_str().unwrap().len(), 40);
    let mut fields: Vec<&str> = key
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "AccessKeyId",
            "CreateDate",
            "SecretAccessKey",
            "Status",
            "UserName"
        ]
    );
    assert_eq!(
        out[1]["response"]["Arn"],
        "arn:aws:iam::111122223333:user/bob"
    );
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(
        out[3]["error"],
        json!({"Code": "LimitExceeded", "Message": "Cannot exceed quota for AccessKeysPerUser: 2"})
    );
    // The seeded generator makes the same keys every run.
    let again = script(json!([{"iam": "CreateAccessKey", "params": {"UserName": "bob"}}]));
    assert_eq!(
        again[0]["response"]["AccessKey"],
        out[0]["response"]["AccessKey"]
    );
}

#[test]
fn a_deactivated_or_deleted_key_no_longer_signs_requests() {
    let out = script(json!([
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "as": "k"},
        {"iam": "UpdateAccessKey", "params": {"UserName": "bob", "AccessKeyId": "k", "Status": "Inactive"}},
    ]));
    // `AccessKeyId` takes the key id itself, as in AWS.
    assert_eq!(out[1]["error"]["Code"], "NoSuchEntity", "{}", out[1]);
    let id = out[0]["response"]["AccessKey"]["AccessKeyId"].clone();
    let out = script(json!([
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "as": "k"},
        {"iam": "UpdateAccessKey", "params": {"AccessKeyId": id, "Status": "Disabled"}},
        {"iam": "UpdateAccessKey", "params": {"AccessKeyId": id, "Status": "Inactive"}},
        {"api": "GetCallerIdentity", "credentials": "k"},
        {"iam": "UpdateAccessKey", "params": {"UserName": "bob", "AccessKeyId": id, "Status": "Active"}},
        {"api": "GetCallerIdentity", "credentials": "k"},
        {"iam": "DeleteAccessKey", "params": {"UserName": "bob", "AccessKeyId": id}},
        {"api": "GetCallerIdentity", "credentials": "k"},
        {"iam": "DeleteAccessKey", "params": {"UserName": "bob", "AccessKeyId": id}},
    ]));
    assert_eq!(
        out[1]["error"]["Message"],
        "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
    );
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(
        out[3]["error"]["Code"], "InvalidClientTokenId",
        "{}",
        out[3]
    );
    assert_eq!(out[5]["ok"], true, "{}", out[5]);
    assert_eq!(out[6]["ok"], true, "{}", out[6]);
    assert_eq!(
        out[7]["error"]["Code"], "InvalidClientTokenId",
        "{}",
        out[7]
    );
    assert_eq!(
        out[8]["error"]["Message"],
        format!(
            "The Access Key with id {} cannot be found.",
            id.as_str().unwrap()
        )
    );
}

#[test]
fn group_membership_and_user_policies_change_what_a_user_may_do() {
    let out = script(json!([
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "as": "bob"},
        {"api": "s3:GetObject", "credentials": "bob", "resource": OBJECT},
        {"iam": "AddUserToGroup", "params": {"GroupName": "Developers", "UserName": "bob"}},
        {"api": "s3:GetObject", "credentials": "bob", "resource": OBJECT},
        {"iam": "RemoveUserFromGroup", "params": {"GroupName": "Developers", "UserName": "bob"}},
        {"api": "s3:GetObject", "credentials": "bob", "resource": OBJECT},
        {"iam": "AttachUserPolicy", "params": {"UserName": "bob",
          "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        {"api": "s3:GetObject", "credentials": "bob", "resource": OBJECT},
        {"iam": "DetachUserPolicy", "params": {"UserName": "bob",
          "PolicyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}},
        {"iam": "PutUserPolicy", "params": {"UserName": "bob", "PolicyName": "Put",
          "PolicyDocument": ARTIFACTS_POLICY}},
        put_object("bob"),
        {"iam": "DeleteUserPolicy", "params": {"UserName": "bob", "PolicyName": "Put"}},
        put_object("bob"),
        {"iam": "AddUserToGroup", "params": {"GroupName": "Admins", "UserName": "bob"}},
    ]));
    let decisions: Vec<&Value> = [1, 3, 5, 7, 10, 12]
        .iter()
        .map(|&i| &out[i]["decision"])
        .collect();
    assert_eq!(
        decisions,
        [
            "ImplicitlyDenied",
            "Allowed",
            "ImplicitlyDenied",
            "Allowed",
            "Allowed",
            "ImplicitlyDenied"
        ]
    );
    assert_eq!(
        out[13]["error"],
        json!({"Code": "NoSuchEntity", "Message": "The group with name Admins cannot be found."})
    );
}

#[test]
fn role_tags_reach_a_live_sessions_principal_tags() {
    let condition = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}}]});
    let get = json!({"api": "s3:GetObject", "credentials": "deploy",
                     "resource": "arn:aws:s3:::other-bucket/x"});
    let out = script(json!([
        assume_deploy(),
        {"iam": "PutRolePolicy", "params": {"RoleName": "Deploy", "PolicyName": "Team",
                                            "PolicyDocument": condition}},
        get,
        {"iam": "TagRole", "params": {"RoleName": "Deploy", "Tags": [{"Key": "team", "Value": "blue"}]}},
        get,
        {"iam": "UntagRole", "params": {"RoleName": "Deploy", "TagKeys": ["team"]}},
        get,
        {"iam": "TagRole", "params": {"RoleName": "Deploy", "Tags": [{"Key": "aws:team", "Value": "x"}]}},
    ]));
    assert_eq!(out[2]["decision"], "ImplicitlyDenied", "{}", out[2]);
    assert_eq!(out[4]["decision"], "Allowed", "{}", out[4]);
    assert_eq!(out[6]["decision"], "ImplicitlyDenied", "{}", out[6]);
    assert_eq!(out[7]["error"]["Code"], "InvalidInput", "{}", out[7]);
}

// The refusal names the trust policy as the deciding policy type (`decided_by: resource`).
#[test]
fn update_assume_role_policy_then_assume_role_is_refused_with_the_trust_gates_verdict() {
    let out = script(json!([
        {"iam": "UpdateAssumeRolePolicy", "params": {"RoleName": "Deploy", "PolicyDocument":
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
        assume_deploy(),
        {"iam": "UpdateAssumeRolePolicy", "params": {"RoleName": "Deploy", "PolicyDocument":
          {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"},
            {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}}},
        assume_deploy(),
        {"iam": "UpdateAssumeRolePolicy", "params": {"RoleName": "Deploy",
          "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}},
    ]));
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(out[1]["ok"], false);
    assert_eq!(out[1]["error"]["Code"], "AccessDenied");
    assert_eq!(out[1]["decision"], "ImplicitlyDenied", "{}", out[1]);
    assert_eq!(out[1]["decided_by"], "resource");
    let last = out[1]["gates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["name"], "trust_policy");
    assert_eq!(last["decision"], "ImplicitlyDenied");
    assert_eq!(out[3]["decision"], "ExplicitlyDenied", "{}", out[3]);
    assert_eq!(out[3]["decided_by"], "resource");
    // A trust policy without a Principal is not a trust policy IAM would store.
    assert_eq!(
        out[4]["error"]["Code"], "MalformedPolicyDocument",
        "{}",
        out[4]
    );
}

#[test]
fn a_caller_whose_own_policies_refuse_gets_the_identity_gates_verdict() {
    let trust_account = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": ["sts:AssumeRole", "sts:TagSession"]}]});
    let tagged = |who: &str| {
        json!({"api": "AssumeRole", "credentials": who, "params": {"RoleArn": DEPLOY,
               "RoleSessionName": who, "Tags": [{"Key": "team", "Value": "blue"}]}})
    };
    let out = script(json!([
        {"iam": "UpdateAssumeRolePolicy", "params": {"RoleName": "Deploy", "PolicyDocument": trust_account}},
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "as": "bob"},
        {"api": "AssumeRole", "credentials": "bob", "params": {"RoleArn": DEPLOY, "RoleSessionName": "bob"}},
        tagged("alice"),
    ]));
    assert_eq!(out[2]["decision"], "ImplicitlyDenied", "{}", out[2]);
    assert_eq!(out[2]["decided_by"], "identity");
    assert_eq!(
        out[2]["gates"].as_array().unwrap().last().unwrap()["name"],
        "identity_policy"
    );
    // alice may call sts:AssumeRole but her policies do not allow sts:TagSession: the caller
    // side of TagSession refuses, not the trust policy, which allows it.
    assert_eq!(out[3]["ok"], false, "{}", out[3]);
    assert_eq!(
        out[3]["gates"].as_array().unwrap().last().unwrap()["name"],
        "identity_tag_session"
    );
    assert_eq!(out[3]["decided_by"], "identity");
    // With the sample's trust policy (no sts:TagSession), the trust side refuses.
    let out = script(json!([tagged("alice")]));
    let last = out[0]["gates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["name"], "tag_session", "{}", out[0]);
    assert_eq!(out[0]["decided_by"], "resource");
}

#[test]
fn a_misspelt_sts_parameter_is_an_error_naming_it() {
    let out = script(json!([
        {"api": "AssumeRole", "credentials": "alice",
         "params": {"RoleArn": DEPLOY, "RoleSessionName": "alice", "DurationSecond": 7200}},
        {"api": "AssumeRole", "credential": "alice",
         "params": {"RoleArn": DEPLOY, "RoleSessionName": "alice"}},
        {"api": "InstanceMetadata", "params": {"InstanceID": "i-1"}},
        {"advance": "PT1H", "credentials": "alice"},
        {"advance": "PT1H", "jump": "2026-01-02T00:00:00Z"},
    ]));
    assert_eq!(out[0]["error"]["Code"], "ScriptError");
    let m = out[0]["error"]["Message"].as_str().unwrap();
    assert!(
        m.contains("`DurationSecond`") && m.contains("DurationSeconds"),
        "{m}"
    );
    let m = out[1]["error"]["Message"].as_str().unwrap();
    assert!(
        m.contains("`credential`") && m.contains("`credentials`"),
        "{m}"
    );
    let m = out[2]["error"]["Message"].as_str().unwrap();
    assert!(
        m.contains("`InstanceID`") && m.contains("`InstanceId`"),
        "{m}"
    );
    assert!(
        out[3]["error"].as_str().unwrap().contains("`credentials`"),
        "{}",
        out[3]
    );
    assert!(out[4]["error"].is_string(), "{}", out[4]);
}

#[test]
fn an_unknown_iam_action_or_parameter_is_an_error_naming_it() {
    let out = script(json!([
        {"iam": "DeleteRole", "params": {"RoleName": "Deploy"}},
        {"iam": "PutRolePolicy", "params": {"Role": "Deploy"}},
        {"iam": "CreateAccessKey", "params": {"UserName": "bob"}, "credentials": "alice"},
        {"iam": "TagRole", "as": "tagged", "params": {"RoleName": "Deploy", "Tags": []}},
    ]));
    assert_eq!(out[0]["error"]["Code"], "ScriptError");
    assert!(out[0]["error"]["Message"]
        .as_str()
        .unwrap()
        .contains("`DeleteRole`"));
    let m = out[1]["error"]["Message"].as_str().unwrap();
    assert!(m.contains("`Role`") && m.contains("`RoleName`"), "{m}");
    let m = out[2]["error"]["Message"].as_str().unwrap();
    assert!(m.contains("`credentials`"), "{m}");
    let m = out[3]["error"]["Message"].as_str().unwrap();
    assert!(m.contains("`as`") && m.contains("TagRole"), "{m}");
}

#[test]
fn a_label_that_names_nothing_is_a_script_error_and_an_unknown_key_id_is_aws_s() {
    let out = script(json!([
        {"api": "GetCallerIdentity", "credentials": "deploi"},
        {"api": "s3:GetObject", "credentials": "nobody", "resource": OBJECT},
        {"api": "GetCallerIdentity", "credentials": "AKIAIOSFODNN7EXAMPLE"},
        {"api": "GetCallerIdentity", "credentials": "root@999999999999"},
        {"api": "GetCallerIdentity"},
    ]));
    assert_eq!(out[0]["error"]["Code"], "ScriptError");
    assert!(out[0]["error"]["Message"]
        .as_str()
        .unwrap()
        .contains("`deploi`"));
    assert_eq!(out[1]["error"]["Code"], "ScriptError");
    assert_eq!(out[2]["error"]["Code"], "InvalidClientTokenId");
    assert_eq!(out[3]["error"]["Code"], "ScriptError");
    assert_eq!(out[4]["error"]["Code"], "ScriptError");
}

#[test]
fn names_are_looked_up_in_the_account_that_has_them_unless_the_step_says_which() {
    let file: Value = serde_json::from_str(include_str!(
        "../static/scenarios/cross-account.scenario.json"
    ))
    .unwrap();
    let tag = |account: Option<&str>| {
        let mut step = json!({"iam": "TagRole", "params": {"RoleName": "CrossAccountDeploy",
                              "Tags": [{"Key": "team", "Value": "blue"}]}});
        if let Some(a) = account {
            step["account"] = json!(a);
        }
        step
    };
    let out = run_script(&json!({"world": file, "calls": [
        tag(None), tag(Some("444455556666")), tag(Some("111122223333")), tag(Some("999999999999"))
    ]}));
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(
        out[2]["error"]["Message"],
        "The role with name CrossAccountDeploy cannot be found."
    );
    assert_eq!(out[3]["error"]["Code"], "ScriptError");
}

// "Permissions for sts:SetSourceIdentity are required in both the permissions policy of the
// principal who is assuming the role and in the role trust policy" (IAM User Guide, "Monitor
// and control actions taken with assumed roles"): each side is its own gate.
#[test]
fn set_source_identity_is_refused_by_the_side_that_does_not_allow_it() {
    let with_source = json!({"api": "AssumeRole", "credentials": "alice", "params": {
        "RoleArn": DEPLOY, "RoleSessionName": "alice", "SourceIdentity": "alice"}});
    let trust_account = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"]}]});
    let out = script(json!([
        with_source.clone(),
        {"iam": "UpdateAssumeRolePolicy", "params": {"RoleName": "Deploy", "PolicyDocument": trust_account}},
        with_source,
    ]));
    let last = |v: &Value| v["gates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last(&out[0])["name"], "set_source_identity", "{}", out[0]);
    assert_eq!(out[0]["decided_by"], "resource");
    assert_eq!(
        last(&out[2])["name"],
        "identity_set_source_identity",
        "{}",
        out[2]
    );
    assert_eq!(out[2]["decided_by"], "identity");
    assert_eq!(out[2]["decision"], "ImplicitlyDenied");
}
