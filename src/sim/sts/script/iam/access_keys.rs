//! IAM steps on access keys: CreateAccessKey, UpdateAccessKey, DeleteAccessKey.

use super::params::{account, user, Kind, Params, Refusal};
use crate::sim::ids::{AccessKeyId, UserId};
use crate::sim::sts::script::credentials::remember;
use crate::sim::sts::script::Run;
use crate::sim::world::{AccessKeyStatus, WorldError};
use serde_json::{json, Value};

/// CreateAccessKey answers `{"AccessKey": {...}}` and `"as"` labels the new key for later
/// `credentials`; UpdateAccessKey and DeleteAccessKey answer `{}`.
/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html>
pub fn run(run: &mut Run, action: &str, call: &Value, p: &Params) -> Result<Value, Refusal> {
    if action == "CreateAccessKey" {
        // Without UserName AWS creates a key for the signing identity; these steps have none
        // (and the simulation keeps no root access keys).
        let name = p.name("UserName", "userName", 64)?;
        let acct = account(&run.world, call, Kind::User, &name)?;
        let id = user(&run.world, &acct, &name)?;
        let created = u64::try_from(run.now.as_secs()).unwrap_or(0);
        let key = run.world.create_access_key(&id, created)?;
        let user_name = run
            .world
            .user(&id)
            .map(|u| u.user_name.clone())
            .unwrap_or(name);
        remember(run, call, key.access_key_id.to_string());
        return Ok(json!({ "AccessKey": {
            "UserName": user_name,
            "AccessKeyId": key.access_key_id.to_string(),
            "Status": status_text(key.status),
            "SecretAccessKey": key.secret_access_key,
            "CreateDate": run.now.to_iso8601(),
        }}));
    }
    let key_id = AccessKeyId::new(p.required("AccessKeyId", "accessKeyId")?);
    let status = if action == "UpdateAccessKey" {
        Some(status(&p.required("Status", "status")?)?)
    } else {
        None
    };
    let owner = key_owner(run, call, p, &key_id)?;
    match status {
        Some(s) => run.world.set_access_key_status(&owner, &key_id, s)?,
        None => run.world.delete_access_key(&owner, &key_id)?,
    }
    Ok(json!({}))
}

/// The user named by `UserName`, or (as AWS does without it) the user the key belongs to.
fn key_owner(run: &Run, call: &Value, p: &Params, key: &AccessKeyId) -> Result<UserId, Refusal> {
    if let Some(name) = p.optional("UserName")? {
        crate::sim::world::validate::validate_name(&name, "userName", 64)?;
        let acct = account(&run.world, call, Kind::User, &name)?;
        return user(&run.world, &acct, &name);
    }
    run.world
        .user_by_access_key(key.as_str())
        .map(|(u, _)| u.user_id.clone())
        .ok_or_else(|| {
            Refusal::Iam(WorldError::NoSuchEntity {
                message: format!("The Access Key with id {key} cannot be found."),
            })
        })
}

fn status_text(s: AccessKeyStatus) -> &'static str {
    match s {
        AccessKeyStatus::Active => "Active",
        AccessKeyStatus::Inactive => "Inactive",
    }
}

/// `Status` is an enum of `Active` and `Inactive` (UpdateAccessKey API reference).
fn status(text: &str) -> Result<AccessKeyStatus, Refusal> {
    match text {
        "Active" => Ok(AccessKeyStatus::Active),
        "Inactive" => Ok(AccessKeyStatus::Inactive),
        other => Err(Refusal::Iam(WorldError::ValidationError {
            message: format!(
                "1 validation error detected: Value '{other}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
            ),
        })),
    }
}
