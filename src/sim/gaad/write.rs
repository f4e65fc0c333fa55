//! A world as GAAD JSON, one document per account, in the AWS CLI's form (policy documents
//! as JSON objects) or the API's (URL-encoded strings), so export then import is a round trip.
//! GAAD's `CreateDate`s are left out: the world does not know when things were created.

use serde_json::{json, Map, Value};

use super::decode::percent_encode;
use crate::sim::ids::AccountId;
use crate::sim::managed;
use crate::sim::world::{ManagedPolicy, Tag, World};

/// How policy documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaadForm {
    /// JSON objects, as `aws iam get-account-authorization-details` prints them.
    Cli,
    /// URL-encoded JSON strings, as the API returns them.
    Api,
}

/// The world's GAAD: one document for a one-account world, else a JSON array with one
/// document per account (what the importer and `iam-eval` read back).
pub fn export_gaad(world: &World, form: GaadForm) -> String {
    let docs: Vec<Value> = world
        .accounts
        .keys()
        .map(|a| export_account(world, a, form))
        .collect();
    let v = match <[Value; 1]>::try_from(docs) {
        Ok([one]) => one,
        Err(many) => Value::Array(many),
    };
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn doc(text: &str, form: GaadForm) -> Value {
    match form {
        GaadForm::Api => Value::String(percent_encode(text)),
        GaadForm::Cli => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
        }
    }
}

fn inline(map: &std::collections::BTreeMap<String, String>, form: GaadForm) -> Value {
    map.iter()
        .map(|(n, t)| json!({ "PolicyName": n, "PolicyDocument": doc(t, form) }))
        .collect()
}

fn attached(world: &World, arns: &[String]) -> Value {
    arns.iter()
        .map(|arn| {
            let name = world
                .managed_policy_document(arn)
                .map(|(n, _)| n)
                .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(arn));
            json!({ "PolicyName": name, "PolicyArn": arn })
        })
        .collect()
}

fn tags(tags: &[Tag]) -> Value {
    tags.iter()
        .map(|t| json!({ "Key": t.key, "Value": t.value }))
        .collect()
}

fn boundary(o: &mut Map<String, Value>, arn: Option<&String>) {
    if let Some(arn) = arn {
        o.insert(
            "PermissionsBoundary".into(),
            json!({ "PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn }),
        );
    }
}

/// One account's GAAD document.
pub fn export_account(world: &World, account: &AccountId, form: GaadForm) -> Value {
    let users: Vec<Value> = world
        .users
        .values()
        .filter(|u| &u.account == account)
        .map(|u| {
            let groups: Vec<&str> = u
                .groups
                .iter()
                .filter_map(|g| world.groups.get(g))
                .map(|g| g.group_name.as_str())
                .collect();
            let mut o = Map::new();
            o.insert("Path".into(), json!(u.path));
            o.insert("UserName".into(), json!(u.user_name));
            o.insert("UserId".into(), json!(u.user_id));
            o.insert("Arn".into(), json!(u.arn));
            o.insert("UserPolicyList".into(), inline(&u.inline_policies, form));
            o.insert("GroupList".into(), json!(groups));
            o.insert(
                "AttachedManagedPolicies".into(),
                attached(world, &u.attached_policies),
            );
            boundary(&mut o, u.permissions_boundary.as_ref());
            o.insert("Tags".into(), tags(&u.tags));
            Value::Object(o)
        })
        .collect();
    let groups: Vec<Value> = world
        .groups
        .values()
        .filter(|g| &g.account == account)
        .map(|g| {
            json!({
                "Path": g.path, "GroupName": g.group_name, "GroupId": g.group_id, "Arn": g.arn,
                "GroupPolicyList": inline(&g.inline_policies, form),
                "AttachedManagedPolicies": attached(world, &g.attached_policies),
            })
        })
        .collect();
    let roles: Vec<Value> = world.roles.values().filter(|r| &r.account == account).map(|r| {
        let bare = json!({ "Path": r.path, "RoleName": r.role_name, "RoleId": r.role_id, "Arn": r.arn, "AssumeRolePolicyDocument": doc(&r.trust_policy, form) });
        let profiles: Vec<Value> = world.instance_profiles.values().filter(|p| p.role.as_ref() == Some(&r.role_id)).map(|p| json!({
            "Path": p.path, "InstanceProfileName": p.instance_profile_name, "InstanceProfileId": p.instance_profile_id, "Arn": p.arn, "Roles": [bare.clone()],
        })).collect();
        let mut o = Map::new();
        o.insert("Path".into(), json!(r.path));
        o.insert("RoleName".into(), json!(r.role_name));
        o.insert("RoleId".into(), json!(r.role_id));
        o.insert("Arn".into(), json!(r.arn));
        o.insert("AssumeRolePolicyDocument".into(), doc(&r.trust_policy, form));
        o.insert("InstanceProfileList".into(), Value::Array(profiles));
        o.insert("RolePolicyList".into(), inline(&r.inline_policies, form));
        o.insert("AttachedManagedPolicies".into(), attached(world, &r.attached_policies));
        boundary(&mut o, r.permissions_boundary.as_ref());
        o.insert("Tags".into(), tags(&r.tags));
        Value::Object(o)
    }).collect();
    json!({
        "UserDetailList": users,
        "GroupDetailList": groups,
        "RoleDetailList": roles,
        "Policies": policies(world, account, form),
        "IsTruncated": false,
    })
}

/// How often an account uses `arn`: (attachments, as a boundary).
fn usage(world: &World, account: &AccountId, arn: &str) -> (usize, usize) {
    let has = |v: &[String]| v.iter().any(|a| a == arn);
    let is = |b: &Option<String>| b.as_deref() == Some(arn);
    let u = world.users.values().filter(|u| &u.account == account);
    let g = world.groups.values().filter(|g| &g.account == account);
    let r = world.roles.values().filter(|r| &r.account == account);
    // Counts of distinct entities: their sum cannot reach usize::MAX.
    let attached = u
        .clone()
        .filter(|u| has(&u.attached_policies))
        .count()
        .saturating_add(g.filter(|g| has(&g.attached_policies)).count())
        .saturating_add(r.clone().filter(|r| has(&r.attached_policies)).count());
    let bound = u
        .filter(|u| is(&u.permissions_boundary))
        .count()
        .saturating_add(r.filter(|r| is(&r.permissions_boundary)).count());
    (attached, bound)
}

fn policy_detail(p: &ManagedPolicy, (attached, bound): (usize, usize), form: GaadForm) -> Value {
    let versions: Vec<Value> = p.versions.iter().map(|v| json!({
        "Document": doc(&v.document, form), "VersionId": v.version_id, "IsDefaultVersion": v.version_id == p.default_version_id,
    })).collect();
    json!({
        "PolicyName": p.policy_name, "PolicyId": p.policy_id, "Arn": p.arn, "Path": p.path,
        "DefaultVersionId": p.default_version_id, "AttachmentCount": attached,
        "PermissionsBoundaryUsageCount": bound, "IsAttachable": true, "Description": p.description,
        "PolicyVersionList": versions,
    })
}

/// The account's customer managed policies, then the AWS managed ones it uses (GAAD lists
/// those too): the imported copy when the world has one, else the catalogue's.
fn policies(world: &World, account: &AccountId, form: GaadForm) -> Vec<Value> {
    let mut out: Vec<Value> = world
        .policies
        .values()
        .filter(|p| &p.account == account)
        .map(|p| policy_detail(p, usage(world, account, &p.arn), form))
        .collect();
    let mut aws: Vec<&str> = Vec::new();
    let users = world
        .users
        .values()
        .filter(|u| &u.account == account)
        .flat_map(|u| {
            u.attached_policies
                .iter()
                .chain(u.permissions_boundary.iter())
        });
    let groups = world
        .groups
        .values()
        .filter(|g| &g.account == account)
        .flat_map(|g| g.attached_policies.iter());
    let roles = world
        .roles
        .values()
        .filter(|r| &r.account == account)
        .flat_map(|r| {
            r.attached_policies
                .iter()
                .chain(r.permissions_boundary.iter())
        });
    for arn in users.chain(groups).chain(roles) {
        if arn.starts_with("arn:aws:iam::aws:policy/") && !aws.contains(&arn.as_str()) {
            aws.push(arn);
        }
    }
    crate::sim::sorting::sort(&mut aws);
    for arn in aws {
        let copy = world.aws_managed_policies.get(arn).cloned().or_else(|| {
            let m = managed::by_arn(arn)?;
            Some(ManagedPolicy {
                policy_id: crate::sim::ids::PolicyId::new(""),
                account: AccountId::new("aws"),
                policy_name: m.name.to_string(),
                path: m.path.to_string(),
                arn: m.arn.to_string(),
                description: m.description.to_string(),
                versions: vec![crate::sim::world::PolicyVersion {
                    version_id: m.version_id.to_string(),
                    document: m.document.to_string(),
                }],
                default_version_id: m.version_id.to_string(),
            })
        });
        if let Some(p) = copy {
            let mut d = policy_detail(&p, usage(world, account, arn), form);
            if p.policy_id.as_str().is_empty() {
                if let Some(o) = d.as_object_mut() {
                    o.remove("PolicyId"); // the catalogue does not know AWS's id
                }
            }
            out.push(d);
        }
    }
    out
}
