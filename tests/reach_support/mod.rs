//! Small builders for reachability worlds: accounts, policy texts, trust policies.
#![allow(dead_code)]

use iam_playground::sim::ids::{AccountId, UserId};
use iam_playground::sim::world::{IdentityId, World};

pub const A: &str = "111122223333";
pub const B: &str = "444455556666";
/// A trust condition: the caller must pass ExternalId `xyz`.
pub const EXTERNAL_ID_XYZ: &str = r#","Condition":{"StringEquals":{"sts:ExternalId":"xyz"}}"#;
/// A trust condition: MFA must have been used.
pub const MFA_TRUE: &str = r#","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#;

pub fn arn_user(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:user/{name}")
}

pub fn arn_role(account: &str, name: &str) -> String {
    format!("arn:aws:iam::{account}:role/{name}")
}

pub fn arn_root(account: &str) -> String {
    format!("arn:aws:iam::{account}:root")
}

pub fn allow(action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}]}}"#
    )
}

pub fn deny(action: &str, resource: &str) -> String {
    allow(action, resource).replace("\"Allow\"", "\"Deny\"")
}

/// A trust policy letting `principal` call sts:AssumeRole; `condition` is appended to the
/// statement (`,"Condition":{...}` or empty).
pub fn trust_aws(principal: &str, condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":"sts:AssumeRole"{condition}}}]}}"#
    )
}

pub fn trust_aws_many(principals: &[&str]) -> String {
    let list: Vec<String> = principals.iter().map(|p| format!("\"{p}\"")).collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":[{}]}},"Action":"sts:AssumeRole"}}]}}"#,
        list.join(",")
    )
}

pub fn trust_service(service: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"{service}"}},"Action":"sts:AssumeRole"}}]}}"#
    )
}

/// A user with one inline policy.
pub fn user(w: &mut World, account: &AccountId, name: &str, policy: &str) -> UserId {
    let id = w.create_user(account, name, "/").unwrap();
    w.put_inline_policy(&IdentityId::User(id.clone()), "Policy", policy)
        .unwrap();
    id
}
