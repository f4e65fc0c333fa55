//! CloudFormation YAML: one template per account (a stack lives in one account), with
//! `AWS::IAM::ManagedPolicy`, `Group`, `User`, `Role` and `InstanceProfile` resources and
//! inline `Policies`. References use `Ref` (a group's or role's `Ref` is its name, a managed
//! policy's is its ARN), so CloudFormation creates things in dependency order.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::{policy_value, roles_in_trust_order, Labels};
use crate::sim::ids::AccountId;
use crate::sim::world::{Tag, World};

fn logical_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn inline(map: &BTreeMap<String, String>) -> Option<Value> {
    (!map.is_empty()).then(|| {
        map.iter()
            .map(|(n, t)| json!({ "PolicyName": n, "PolicyDocument": policy_value(t) }))
            .collect()
    })
}

fn tags(t: &[Tag]) -> Option<Value> {
    (!t.is_empty()).then(|| {
        t.iter()
            .map(|t| json!({ "Key": t.key, "Value": t.value }))
            .collect()
    })
}

/// Managed policy ARNs: `Ref` to a policy of this template, else the ARN.
fn arns(list: &[String], refs: &BTreeMap<String, String>) -> Option<Value> {
    (!list.is_empty()).then(|| list.iter().map(|a| policy_ref(a, refs)).collect())
}

fn policy_ref(arn: &str, refs: &BTreeMap<String, String>) -> Value {
    refs.get(arn)
        .map_or_else(|| json!(arn), |l| json!({ "Ref": l }))
}

/// A resource: `Type` and the `Properties` that are set.
fn resource(kind: &str, props: Vec<(&str, Option<Value>)>) -> Value {
    let props: Map<String, Value> = props
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), v?)))
        .collect();
    json!({ "Type": kind, "Properties": props })
}

/// The template of one account, as a JSON value (printed as YAML by [`cloudformation`]).
pub fn template(world: &World, account: &AccountId) -> Value {
    let mut labels = Labels::new(logical_char, true);
    let mut res = Map::new();
    let mut refs = BTreeMap::new();
    for p in world.policies.values().filter(|p| &p.account == account) {
        let l = labels.label("Policy", &p.policy_name);
        refs.insert(p.arn.clone(), l.clone());
        let desc = (!p.description.is_empty()).then(|| json!(p.description));
        res.insert(
            l,
            resource(
                "AWS::IAM::ManagedPolicy",
                vec![
                    ("ManagedPolicyName", Some(json!(p.policy_name))),
                    ("Path", Some(json!(p.path))),
                    ("Description", desc),
                    ("PolicyDocument", Some(policy_value(p.document()))),
                ],
            ),
        );
    }
    let mut groups = BTreeMap::new();
    for g in world.groups.values().filter(|g| &g.account == account) {
        let l = labels.label("Group", &g.group_name);
        groups.insert(g.group_id.clone(), l.clone());
        res.insert(
            l,
            resource(
                "AWS::IAM::Group",
                vec![
                    ("GroupName", Some(json!(g.group_name))),
                    ("Path", Some(json!(g.path))),
                    ("ManagedPolicyArns", arns(&g.attached_policies, &refs)),
                    ("Policies", inline(&g.inline_policies)),
                ],
            ),
        );
    }
    for u in world.users.values().filter(|u| &u.account == account) {
        let l = labels.label("User", &u.user_name);
        let member: Vec<Value> = u
            .groups
            .iter()
            .filter_map(|g| groups.get(g))
            .map(|g| json!({ "Ref": g }))
            .collect();
        let boundary = u
            .permissions_boundary
            .as_deref()
            .map(|b| policy_ref(b, &refs));
        res.insert(
            l,
            resource(
                "AWS::IAM::User",
                vec![
                    ("UserName", Some(json!(u.user_name))),
                    ("Path", Some(json!(u.path))),
                    ("Groups", (!member.is_empty()).then(|| json!(member))),
                    ("ManagedPolicyArns", arns(&u.attached_policies, &refs)),
                    ("PermissionsBoundary", boundary),
                    ("Policies", inline(&u.inline_policies)),
                    ("Tags", tags(&u.tags)),
                ],
            ),
        );
    }
    for r in roles_in_trust_order(world, account) {
        let l = labels.label("Role", &r.role_name);
        let boundary = r
            .permissions_boundary
            .as_deref()
            .map(|b| policy_ref(b, &refs));
        let desc = (!r.description.is_empty()).then(|| json!(r.description));
        res.insert(
            l.clone(),
            resource(
                "AWS::IAM::Role",
                vec![
                    ("RoleName", Some(json!(r.role_name))),
                    ("Path", Some(json!(r.path))),
                    ("Description", desc),
                    ("MaxSessionDuration", Some(json!(r.max_session_duration))),
                    (
                        "AssumeRolePolicyDocument",
                        Some(policy_value(&r.trust_policy)),
                    ),
                    ("ManagedPolicyArns", arns(&r.attached_policies, &refs)),
                    ("PermissionsBoundary", boundary),
                    ("Policies", inline(&r.inline_policies)),
                    ("Tags", tags(&r.tags)),
                ],
            ),
        );
        for p in world
            .instance_profiles
            .values()
            .filter(|p| p.role.as_ref() == Some(&r.role_id))
        {
            let pl = labels.label("InstanceProfile", &p.instance_profile_name);
            res.insert(
                pl,
                resource(
                    "AWS::IAM::InstanceProfile",
                    vec![
                        ("InstanceProfileName", Some(json!(p.instance_profile_name))),
                        ("Path", Some(json!(p.path))),
                        ("Roles", Some(json!([{ "Ref": l }]))),
                    ],
                ),
            );
        }
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("IAM Playground export: the IAM users, groups, roles and policies of account {account}."),
        "Resources": res,
    })
}

/// Every account's template, as YAML documents separated by `---`.
pub fn cloudformation(world: &World) -> String {
    let mut out = String::from("# IAM Playground export: CloudFormation, one template (YAML document) per account.\n# Only IAM: no access keys, passwords or MFA devices.\n");
    for account in world.accounts.keys() {
        out.push_str(&format!("---\n# Account {account}\n"));
        yaml(&template(world, account), 0, &mut out);
    }
    out
}

/// A YAML key: plain when it is a simple word, else double-quoted.
fn key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        k.to_string()
    } else {
        Value::String(k.to_string()).to_string()
    }
}

/// A scalar: strings double-quoted (JSON escapes are YAML double-quoted escapes), so no value
/// is ever read as a number, boolean or date; empty collections in flow style.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) if o.is_empty() => Some("{}".into()),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(_) | Value::Array(_) => None,
        other => Some(other.to_string()),
    }
}

/// Block-style YAML of `v` at `pad` spaces.
fn yaml(v: &Value, pad: usize, out: &mut String) {
    let sp = " ".repeat(pad);
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                match scalar(v) {
                    Some(s) => out.push_str(&format!("{sp}{}: {s}\n", key(k))),
                    None => {
                        out.push_str(&format!("{sp}{}:\n", key(k)));
                        yaml(v, pad.saturating_add(2), out);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match scalar(item) {
                    Some(s) => out.push_str(&format!("{sp}- {s}\n")),
                    None => {
                        // The item's first line goes after the dash, the rest align under it.
                        let mut inner = String::new();
                        yaml(item, pad.saturating_add(2), &mut inner);
                        let body = inner.get(pad.saturating_add(2)..).unwrap_or_default();
                        out.push_str(&format!("{sp}- {body}"));
                    }
                }
            }
        }
        other => out.push_str(&format!("{sp}{}\n", scalar(other).unwrap_or_default())),
    }
}
