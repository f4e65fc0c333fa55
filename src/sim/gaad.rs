//! Reading and writing `aws iam get-account-authorization-details` (GAAD) output: a real
//! account's users, groups, roles and policies become a world, and a world becomes that file.
//!
//! The shapes are the IAM API reference's `GetAccountAuthorizationDetails` response
//! (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html>):
//! `UserDetailList` of `UserDetail`, `GroupDetailList` of `GroupDetail`, `RoleDetailList` of
//! `RoleDetail` (with `InstanceProfileList` of `InstanceProfile`), and `Policies` of
//! `ManagedPolicyDetail` (with `PolicyVersionList` of `PolicyVersion`). The AWS CLI prints
//! policy documents as JSON objects; the API itself returns them URL-encoded
//! (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html>: "The policy
//! document returned in this structure is URL-encoded compliant with RFC 3986"). Both are read.

mod decode;
mod read;
mod report;
mod write;

pub use decode::{decode_policy_document, percent_decode};
pub use report::{
    Assumed, ImportCounts, ImportReport, Missing, MissingUse, Unparsed, STAYED_LOCAL,
};
pub use write::{export_account, export_gaad, GaadForm};

use serde_json::Value;

use crate::sim::world::World;

/// Why a whole file could not be read (problems with single entities go into the report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GaadError {
    /// The text is not JSON; line and column are 1-based.
    NotJson {
        /// Which file (1-based), when several are read together.
        file: usize,
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but none of `UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies`.
    NotGaad { file: usize },
}

impl std::fmt::Display for GaadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GaadError::NotJson { file, line, column, message } => write!(
                f,
                "File {file} is not valid JSON (line {line}, column {column}): {message}"
            ),
            GaadError::NotGaad { file } => write!(
                f,
                "File {file} is not the output of `aws iam get-account-authorization-details`: it has none of UserDetailList, GroupDetailList, RoleDetailList, Policies."
            ),
        }
    }
}

impl std::error::Error for GaadError {}

/// True when `v` looks like a GAAD document (an object with at least one of its lists).
pub fn is_gaad(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        [
            "UserDetailList",
            "GroupDetailList",
            "RoleDetailList",
            "Policies",
        ]
        .iter()
        .any(|k| o.contains_key(*k))
    })
}

/// Parses each text as JSON: one GAAD document, or an array of them (one per account).
pub fn parse_files(texts: &[&str]) -> Result<Vec<Value>, GaadError> {
    let mut docs = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let file = i.saturating_add(1);
        let v: Value = serde_json::from_str(text).map_err(|e| GaadError::NotJson {
            file,
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        match v {
            Value::Array(items) if items.iter().all(is_gaad) && !items.is_empty() => {
                docs.extend(items)
            }
            v if is_gaad(&v) => docs.push(v),
            _ => return Err(GaadError::NotGaad { file }),
        }
    }
    Ok(docs)
}

/// Adds the accounts of `docs` (parsed GAAD documents) to `world` and says what happened.
/// Each entity's account comes from its ARN; an account already in the world is not touched
/// (its entities are reported as not imported), so merging never overwrites.
pub fn import_into(world: &mut World, docs: &[Value]) -> ImportReport {
    let mut report = ImportReport::new(docs.len());
    read::import(world, docs, &mut report);
    report
}

/// A new world (ids for anything the files lack come from `seed`) holding the accounts of
/// the GAAD texts, with its import report.
pub fn import_texts(texts: &[&str], seed: u64) -> Result<(World, ImportReport), GaadError> {
    let docs = parse_files(texts)?;
    let mut world = World::new(seed);
    let report = import_into(&mut world, &docs);
    Ok((world, report))
}

/// The seed of worlds imported for `iam-eval` scripts (the editor's new documents use the
/// same one, so a script and the page hand out the same generated ids).
pub const IMPORT_SEED: u64 = 20_111_122;

/// Gives every instance profile of `accounts` that holds a role an EC2 instance named after
/// it, so the simulator can run as the role. GAAD lists no instances: the report says these
/// are stand-ins.
pub fn launch_for_profiles(world: &mut World, accounts: &[String], report: &mut ImportReport) {
    let profiles: Vec<(
        crate::sim::ids::InstanceProfileId,
        crate::sim::ids::AccountId,
        String,
    )> = world
        .instance_profiles
        .values()
        .filter(|p| p.role.is_some() && accounts.iter().any(|a| a == p.account.as_str()))
        .map(|p| {
            (
                p.instance_profile_id.clone(),
                p.account.clone(),
                p.instance_profile_name.clone(),
            )
        })
        .collect();
    let mut launched = 0usize;
    for (id, account, name) in profiles {
        let region = crate::sim::world::DEFAULT_REGION;
        if world
            .launch_ec2_instance(&account, region, &name, Some(&id))
            .is_ok()
        {
            launched = launched.saturating_add(1);
        }
    }
    if launched > 0 {
        report.assumed.push(Assumed {
            what: format!("EC2 instances for {launched} instance profiles"),
            value: format!("one per instance profile, named after it, in {}", crate::sim::world::DEFAULT_REGION),
            why: "GAAD lists no instances; each stands for wherever the profile is used, so you can run the simulator as its role.".into(),
        });
    }
}

/// A script's `"world"` given as a GAAD document or an array of them: the accounts imported
/// into a new world, with an EC2 instance per instance profile (as in the editor).
pub fn world_for_script(v: &Value) -> Result<World, String> {
    let docs: Vec<Value> = match v {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let mut world = World::new(IMPORT_SEED);
    let mut report = import_into(&mut world, &docs);
    if let Some(first) = report.unparsed.first() {
        return Err(format!(
            "the GAAD world could not be read: {}: {}",
            first.entity, first.reason
        ));
    }
    let accounts = report.accounts.clone();
    launch_for_profiles(&mut world, &accounts, &mut report);
    Ok(world)
}

/// True when `v` is a GAAD document or a non-empty array of them.
pub fn is_gaad_world(v: &Value) -> bool {
    is_gaad(v)
        || v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(is_gaad))
}
