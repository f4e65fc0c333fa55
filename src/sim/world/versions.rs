//! Versions of customer managed policies: create, set default, delete, edit in place.
//!
//! "Versioning IAM policies": <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html>
//! (at most five versions; the default version is the one that applies and cannot be deleted).

use super::policies::{check_managed_size, POLICY_VERSIONS_MAX};
use super::{PolicyVersion, World, WorldError};
use crate::sim::ids::PolicyId;

impl World {
    /// CreatePolicyVersion: a new version, optionally made the default; at most 5 versions.
    pub fn create_policy_version(
        &mut self,
        id: &PolicyId,
        document: &str,
        set_as_default: bool,
    ) -> Result<String, WorldError> {
        check_managed_size(document)?;
        let policy = self.policy_mut(id)?;
        if policy.versions.len() >= POLICY_VERSIONS_MAX {
            return Err(WorldError::limit_exceeded(format!(
                "A managed policy can have up to {POLICY_VERSIONS_MAX} versions. Before you create a new version, you must delete an existing version."
            )));
        }
        let next = policy
            .versions
            .iter()
            .filter_map(|v| v.version_id.trim_start_matches('v').parse::<u32>().ok())
            .max()
            .map_or(1, |v| u64::from(v).saturating_add(1)); // u32 + 1 fits in u64
        let version_id = format!("v{next}");
        policy.versions.push(PolicyVersion {
            version_id: version_id.clone(),
            document: document.to_string(),
        });
        if set_as_default {
            policy.default_version_id = version_id.clone();
        }
        Ok(version_id)
    }

    /// Editor convenience: replace the text of the default version in place (no new version).
    pub fn set_policy_document(&mut self, id: &PolicyId, document: &str) -> Result<(), WorldError> {
        check_managed_size(document)?;
        let policy = self.policy_mut(id)?;
        let default = policy.default_version_id.clone();
        if let Some(v) = policy.versions.iter_mut().find(|v| v.version_id == default) {
            v.document = document.to_string();
        }
        Ok(())
    }

    /// SetDefaultPolicyVersion: the version that applies from now on.
    pub fn set_default_policy_version(
        &mut self,
        id: &PolicyId,
        version_id: &str,
    ) -> Result<(), WorldError> {
        let policy = self.policy_mut(id)?;
        if !policy.versions.iter().any(|v| v.version_id == version_id) {
            return Err(WorldError::no_such_entity(format!(
                "Policy {} version {version_id} does not exist.",
                policy.arn
            )));
        }
        policy.default_version_id = version_id.to_string();
        Ok(())
    }

    /// DeletePolicyVersion: any version but the default.
    pub fn delete_policy_version(
        &mut self,
        id: &PolicyId,
        version_id: &str,
    ) -> Result<(), WorldError> {
        let policy = self.policy_mut(id)?;
        if policy.default_version_id == version_id {
            return Err(WorldError::DeleteConflict {
                message: "Cannot delete the default version of a policy.".to_string(),
            });
        }
        if !policy.versions.iter().any(|v| v.version_id == version_id) {
            return Err(WorldError::no_such_entity(format!(
                "Policy {} version {version_id} does not exist or is not deletable.",
                policy.arn
            )));
        }
        policy.versions.retain(|v| v.version_id != version_id);
        Ok(())
    }
}
