//! A generated `get-account-authorization-details` file of any size, for the tests of large
//! accounts.

#![allow(dead_code)]

use serde_json::{json, Value};

pub const ACCOUNT: &str = "111122223333";

/// A GAAD file of `users` users (each in two groups), `groups` groups and `roles` roles
/// (each trusting one user, each tenth with an instance profile).
pub fn gaad(users: usize, groups: usize, roles: usize) -> String {
    let policy = |i: usize| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": format!("arn:aws:s3:::bucket-{i}/*")}]});
    let id = |p: &str, i: usize| format!("{p}{i:017}");
    let u: Vec<Value> = (0..users).map(|i| json!({
        "Path": "/", "UserName": format!("user-{i}"), "UserId": id("AIDA", i),
        "Arn": format!("arn:aws:iam::{ACCOUNT}:user/user-{i}"),
        "GroupList": [format!("group-{}", i % groups), format!("group-{}", (i + 1) % groups)],
        "UserPolicyList": [{"PolicyName": "Own", "PolicyDocument": policy(i)}],
        "AttachedManagedPolicies": [], "Tags": [],
    })).collect();
    let g: Vec<Value> = (0..groups)
        .map(|i| {
            json!({
                "Path": "/", "GroupName": format!("group-{i}"), "GroupId": id("AGPA", i),
                "Arn": format!("arn:aws:iam::{ACCOUNT}:group/group-{i}"),
                "GroupPolicyList": [], "AttachedManagedPolicies": [],
            })
        })
        .collect();
    let r: Vec<Value> = (0..roles).map(|i| {
        let profiles: Vec<Value> = if i % 10 == 0 {
            vec![json!({"Path": "/", "InstanceProfileName": format!("role-{i}"), "InstanceProfileId": id("AIPA", i), "Arn": format!("arn:aws:iam::{ACCOUNT}:instance-profile/role-{i}"), "Roles": []})]
        } else {
            vec![]
        };
        json!({
            "Path": "/", "RoleName": format!("role-{i}"), "RoleId": id("AROA", i),
            "Arn": format!("arn:aws:iam::{ACCOUNT}:role/role-{i}"),
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT}:user/user-{}", i % users)}, "Action": "sts:AssumeRole"}]},
            "InstanceProfileList": profiles, "RolePolicyList": [{"PolicyName": "Work", "PolicyDocument": policy(i)}],
            "AttachedManagedPolicies": [], "Tags": [],
        })
    }).collect();
    json!({"UserDetailList": u, "GroupDetailList": g, "RoleDetailList": r, "Policies": []})
        .to_string()
}

/// An imported account with every cluster expanded: each user, group and role drawn one by
/// one (an import opens big clusters collapsed).
pub fn expanded(text: &str) -> iam_playground::doc::document::Document {
    use iam_playground::doc::command::Command;
    let mut doc = iam_playground::doc::document::Document::from_gaad(&[text]).unwrap();
    doc.layout.collapsed.clear();
    doc.apply(&Command::AutoLayout).unwrap();
    doc
}
