//! Script steps `{"iam": ACTION, "params": {...}, "as": LABEL}`: IAM's write APIs, run as an
//! administrator of the account (no caller is authorized), with IAM's validation and texts.
//!
//! They change the world for every later step. A session issued before a change gets the new
//! permissions at its next request: "because the permissions for the temporary credentials are
//! checked for each request, you can change the effective permissions for the temporary
//! security credentials by editing (or deleting) the policy or policies" (IAM User Guide,
//! "Permissions for temporary security credentials",
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access.html>).
//! Each action's parameters and errors follow its page of the IAM API Reference,
//! `https://docs.aws.amazon.com/IAM/latest/APIReference/API_<Action>.html`.

mod access_keys;
mod params;
mod tags;

use super::Run;
use crate::sim::policy::PolicyKind;
use crate::sim::world::{IdentityId, World, WorldError};
use params::{account, group, role, user, Kind, Params, Refusal};
use serde_json::{json, Value};

/// The IAM actions a script can call, with the parameters (AWS's names) each takes.
pub const IAM_ACTIONS: &[(&str, &[&str])] = &[
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
    (
        "PutRolePolicy",
        &["RoleName", "PolicyName", "PolicyDocument"],
    ),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html
    ("DeleteRolePolicy", &["RoleName", "PolicyName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
    ("AttachRolePolicy", &["RoleName", "PolicyArn"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html
    ("DetachRolePolicy", &["RoleName", "PolicyArn"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
    (
        "PutUserPolicy",
        &["UserName", "PolicyName", "PolicyDocument"],
    ),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPolicy.html
    ("DeleteUserPolicy", &["UserName", "PolicyName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html
    ("AttachUserPolicy", &["UserName", "PolicyArn"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachUserPolicy.html
    ("DetachUserPolicy", &["UserName", "PolicyArn"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
    ("UpdateAssumeRolePolicy", &["RoleName", "PolicyDocument"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html
    (
        "PutRolePermissionsBoundary",
        &["RoleName", "PermissionsBoundary"],
    ),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html
    ("DeleteRolePermissionsBoundary", &["RoleName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html
    ("AddUserToGroup", &["GroupName", "UserName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveUserFromGroup.html
    ("RemoveUserFromGroup", &["GroupName", "UserName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
    ("CreateAccessKey", &["UserName"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
    ("UpdateAccessKey", &["UserName", "AccessKeyId", "Status"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html
    ("DeleteAccessKey", &["UserName", "AccessKeyId"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html
    ("TagRole", &["RoleName", "Tags"]),
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html
    ("UntagRole", &["RoleName", "TagKeys"]),
];

/// Runs one IAM step: `{"iam", "at", "ok", "response"}` or `{..., "ok": false, "error":
/// {"Code", "Message"}}`; `ScriptError` for an unknown action or parameter.
pub fn iam_step(run: &mut Run, action: &str, call: &Value) -> Value {
    let mut out = match run_action(run, action, call) {
        Ok(response) => json!({ "ok": true, "response": response }),
        Err(Refusal::Iam(e)) => {
            json!({ "ok": false, "error": { "Code": e.code(), "Message": e.message() } })
        }
        Err(Refusal::Script(m)) => {
            json!({ "ok": false, "error": { "Code": "ScriptError", "Message": m } })
        }
    };
    if let Some(o) = out.as_object_mut() {
        o.insert("iam".into(), json!(action));
        o.insert("at".into(), json!(run.now.to_iso8601()));
    }
    out
}

fn run_action(run: &mut Run, action: &str, call: &Value) -> Result<Value, Refusal> {
    let Some((_, allowed)) = IAM_ACTIONS.iter().find(|(a, _)| *a == action) else {
        let known: Vec<&str> = IAM_ACTIONS.iter().map(|(a, _)| *a).collect();
        return Err(Refusal::Script(format!(
            "unknown IAM action `{action}`; a script can call {}",
            known.join(", ")
        )));
    };
    // No `credentials`: these steps act as an administrator, not as a caller.
    super::check_fields(call, "iam", &["iam", "params", "as", "account"])
        .map_err(Refusal::Script)?;
    if action != "CreateAccessKey" && call.get("as").is_some() {
        return Err(Refusal::Script(format!(
            "`as` labels nothing here: {action} returns no credentials (CreateAccessKey does)"
        )));
    }
    let p = Params::read(action, call, allowed)?;
    match action {
        "CreateAccessKey" | "UpdateAccessKey" | "DeleteAccessKey" => {
            access_keys::run(run, action, call, &p)
        }
        "AddUserToGroup" | "RemoveUserFromGroup" => membership(run, action, call, &p),
        "TagRole" | "UntagRole" => tags::tags(run, action, call, &p),
        _ if action.contains("Role") => role_action(run, action, call, &p),
        _ => user_action(run, action, call, &p),
    }
}

/// The policy actions on a role, and its trust policy and permissions boundary.
fn role_action(run: &mut Run, action: &str, call: &Value, p: &Params) -> Result<Value, Refusal> {
    let name = p.name("RoleName", "roleName", 64)?;
    let change = read_change(action, p)?;
    let acct = account(&run.world, call, Kind::Role, &name)?;
    let who = IdentityId::Role(role(&run.world, &acct, &name)?);
    apply(&mut run.world, &who, change)?;
    Ok(json!({}))
}

/// The policy actions on a user.
fn user_action(run: &mut Run, action: &str, call: &Value, p: &Params) -> Result<Value, Refusal> {
    let name = p.name("UserName", "userName", 64)?;
    let change = read_change(action, p)?;
    let acct = account(&run.world, call, Kind::User, &name)?;
    let who = IdentityId::User(user(&run.world, &acct, &name)?);
    apply(&mut run.world, &who, change)?;
    Ok(json!({}))
}

/// What a policy action does to its role or user.
enum Change {
    /// Put*Policy: an inline policy's name and document.
    PutInline(String, String),
    /// Delete*Policy: the inline policy's name.
    DeleteInline(String),
    /// Attach*Policy: a managed policy ARN.
    Attach(String),
    /// Detach*Policy: the attached managed policy's ARN.
    Detach(String),
    /// UpdateAssumeRolePolicy: the new trust policy.
    Trust(String),
    /// PutRolePermissionsBoundary (`Some`) or DeleteRolePermissionsBoundary (`None`).
    Boundary(Option<String>),
}

/// Reads and checks the parameters before the entity is looked up, as IAM validates a request
/// before it acts on it.
fn read_change(action: &str, p: &Params) -> Result<Change, Refusal> {
    let invalid = if action.contains("User") {
        invalid_user_policy_arn
    } else {
        invalid_role_policy_arn
    };
    let arn = || p.policy_arn("PolicyArn", "policyArn", invalid);
    Ok(match action {
        "UpdateAssumeRolePolicy" => Change::Trust(p.document(PolicyKind::Trust)?),
        "PutRolePolicy" | "PutUserPolicy" => {
            let name = p.name("PolicyName", "policyName", 128)?;
            Change::PutInline(name, p.document(PolicyKind::Identity)?)
        }
        "DeleteRolePolicy" | "DeleteUserPolicy" => {
            Change::DeleteInline(p.name("PolicyName", "policyName", 128)?)
        }
        "PutRolePermissionsBoundary" => Change::Boundary(Some(p.policy_arn(
            "PermissionsBoundary",
            "permissionsBoundary",
            invalid_boundary_arn,
        )?)),
        "DeleteRolePermissionsBoundary" => Change::Boundary(None),
        "DetachRolePolicy" | "DetachUserPolicy" => Change::Detach(arn()?),
        _ => Change::Attach(arn()?),
    })
}

// IAM's answers to a PolicyArn or PermissionsBoundary that is not a policy ARN. The API
// Reference lists the codes (ValidationError, InvalidInput) but not the texts; these are the
// texts of recorded AWS responses (reproduced by LocalStack's snapshot-tested IAM provider).
fn invalid_role_policy_arn(arn: &str) -> WorldError {
    WorldError::ValidationError {
        message: format!("ARN {arn} is not valid."),
    }
}

fn invalid_user_policy_arn(_arn: &str) -> WorldError {
    WorldError::ValidationError {
        message: "Invalid ARN:  Could not be parsed!".to_string(),
    }
}

fn invalid_boundary_arn(arn: &str) -> WorldError {
    WorldError::InvalidInput {
        message: format!("ARN {arn} is not valid."),
    }
}

/// The world's own editing operations, the ones the editor's commands use.
fn apply(w: &mut World, who: &IdentityId, change: Change) -> Result<(), WorldError> {
    match change {
        Change::PutInline(name, doc) => w.put_inline_policy(who, &name, &doc),
        Change::DeleteInline(name) => w.delete_inline_policy(who, &name),
        Change::Attach(arn) => w.attach_policy(who, &arn),
        Change::Detach(arn) => w.detach_policy(who, &arn),
        Change::Boundary(Some(arn)) if !boundary_exists(w, who, &arn) => {
            // PutRolePermissionsBoundary's own words for a policy that is not there (recorded
            // AWS responses), where attaching says "Policy ... does not exist".
            Err(WorldError::NoSuchEntity {
                message: format!("Scope ARN: {arn} does not exist or is not attachable."),
            })
        }
        Change::Boundary(arn) => w.set_permissions_boundary(who, arn.as_deref()),
        Change::Trust(doc) => match who {
            IdentityId::Role(id) => w.set_trust_policy(id, &doc),
            // Only roles have a trust policy; UpdateAssumeRolePolicy names a role.
            _ => Ok(()),
        },
    }
}

/// AddUserToGroup / RemoveUserFromGroup: both in the group's account.
fn membership(run: &mut Run, action: &str, call: &Value, p: &Params) -> Result<Value, Refusal> {
    let group_name = p.name("GroupName", "groupName", 128)?;
    let user_name = p.name("UserName", "userName", 64)?;
    let acct = account(&run.world, call, Kind::Group, &group_name)?;
    let g = group(&run.world, &acct, &group_name)?;
    let u = user(&run.world, &acct, &user_name)?;
    if action == "AddUserToGroup" {
        run.world.add_user_to_group(&u, &g)?;
    } else {
        run.world.remove_user_from_group(&u, &g)?;
    }
    Ok(json!({}))
}

fn boundary_exists(w: &World, who: &IdentityId, arn: &str) -> bool {
    let account = match who {
        IdentityId::Role(id) => w.role(id).map(|r| r.account.clone()),
        IdentityId::User(id) => w.user(id).map(|u| u.account.clone()),
        IdentityId::Group(_) => None,
    };
    account.is_some_and(|a| w.policy_attachable(arn, &a))
}
