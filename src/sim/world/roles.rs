//! IAM role operations: create, rename, move, delete, trust policy, session duration.
//!
//! CreateRole constraints: <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html>
//! (RoleName 1-64, MaxSessionDuration 3600-43200, Description up to 1000). Trust policy size:
//! "Role trust policy length: 2,048 characters" on the quotas page.

use std::collections::BTreeMap;

use super::entities::iam_arn;
use super::quotas::AccountQuota;
use super::users::policy_usable_in;
use super::validate::{
    constraint_error, same_name, validate_max_session_duration, validate_name, validate_path,
    validate_policy_document,
};
use super::{Role, World, WorldError, DEFAULT_MAX_SESSION_DURATION};
use crate::sim::ids::{AccountId, RoleId};
use crate::sim::policy::{policy_size, SizeLimit};

/// Maximum trust policy size (characters, whitespace not counted), AWS's default quota.
pub const TRUST_POLICY_MAX_SIZE: usize = SizeLimit::TrustPolicy.max();

impl World {
    /// CreateRole with its trust policy (`AssumeRolePolicyDocument`) as JSON text.
    pub fn create_role(
        &mut self,
        account: &AccountId,
        role_name: &str,
        path: &str,
        trust_policy: &str,
    ) -> Result<RoleId, WorldError> {
        validate_name(role_name, "roleName", 64)?;
        validate_path(path)?;
        validate_policy_document(trust_policy, "assumeRolePolicyDocument")?;
        check_trust_policy_size(trust_policy)?;
        self.require_account(account)?;
        self.check_role_name_free(account, role_name, None)?;
        self.check_account_quota(account, AccountQuota::Roles)?;
        self.check_principals_exist(trust_policy, crate::sim::policy::PolicyKind::Trust)?;
        let role_id = self.id_gen.role_id();
        let role = Role {
            role_id: role_id.clone(),
            account: account.clone(),
            role_name: role_name.to_string(),
            path: path.to_string(),
            arn: iam_arn("role", account, path, role_name),
            trust_policy: trust_policy.to_string(),
            attached_policies: Vec::new(),
            inline_policies: BTreeMap::new(),
            permissions_boundary: None,
            max_session_duration: DEFAULT_MAX_SESSION_DURATION,
            description: String::new(),
            tags: Vec::new(),
        };
        self.roles.insert(role_id.clone(), role);
        Ok(role_id)
    }

    fn check_role_name_free(
        &self,
        account: &AccountId,
        name: &str,
        except: Option<&RoleId>,
    ) -> Result<(), WorldError> {
        let taken = self.roles.values().any(|r| {
            &r.account == account && same_name(&r.role_name, name) && Some(&r.role_id) != except
        });
        if taken {
            return Err(WorldError::already_exists(format!(
                "Role with name {name} already exists."
            )));
        }
        Ok(())
    }

    pub(crate) fn role_mut(&mut self, id: &RoleId) -> Result<&mut Role, WorldError> {
        self.roles.get_mut(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("The role with id {id} cannot be found."))
        })
    }

    /// Renames a role (AWS cannot; the playground can). The ARN follows, the unique id stays.
    /// Trust and resource policies naming the role follow it (AWS stores the unique id).
    pub fn rename_role(
        &mut self,
        id: &RoleId,
        new_name: &str,
        new_path: Option<&str>,
    ) -> Result<(), WorldError> {
        validate_name(new_name, "roleName", 64)?;
        if let Some(path) = new_path {
            validate_path(path)?;
        }
        let account = self.role_mut(id)?.account.clone();
        self.check_role_name_free(&account, new_name, Some(id))?;
        let role = self.role_mut(id)?;
        role.role_name = new_name.to_string();
        if let Some(path) = new_path {
            role.path = path.to_string();
        }
        let old_arn = std::mem::replace(
            &mut role.arn,
            iam_arn("role", &role.account, &role.path, &role.role_name),
        );
        let new_arn = role.arn.clone();
        self.rewrite_principal(&old_arn, &new_arn);
        Ok(())
    }

    /// Moves a role to another account (playground operation): new ARN, same id. Customer
    /// managed policies of the old account are detached; instance profiles let go of it.
    pub fn move_role(&mut self, id: &RoleId, to: &AccountId) -> Result<(), WorldError> {
        self.require_account(to)?;
        let name = self.role_mut(id)?.role_name.clone();
        self.check_role_name_free(to, &name, Some(id))?;
        let role = self.role_mut(id)?;
        if &role.account == to {
            return Ok(());
        }
        role.account = to.clone();
        let old_arn = std::mem::replace(
            &mut role.arn,
            iam_arn("role", to, &role.path, &role.role_name),
        );
        role.attached_policies
            .retain(|arn| policy_usable_in(arn, to));
        if role
            .permissions_boundary
            .as_deref()
            .is_some_and(|arn| !policy_usable_in(arn, to))
        {
            role.permissions_boundary = None;
        }
        for profile in self.instance_profiles.values_mut() {
            if profile.role.as_ref() == Some(id) && &profile.account != to {
                profile.role = None;
            }
        }
        let new_arn = self
            .roles
            .get(id)
            .map(|r| r.arn.clone())
            .unwrap_or_default();
        self.rewrite_principal(&old_arn, &new_arn);
        Ok(())
    }

    /// Deletes a role; instance profiles, Lambda functions and ECS tasks let go of it
    /// (the console removes the role from its instance profiles too).
    pub fn delete_role(&mut self, id: &RoleId) -> Result<(), WorldError> {
        self.roles.remove(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("The role with id {id} cannot be found."))
        })?;
        for profile in self.instance_profiles.values_mut() {
            if profile.role.as_ref() == Some(id) {
                profile.role = None;
            }
        }
        for function in &mut self.lambda_functions {
            if function.execution_role.as_ref() == Some(id) {
                function.execution_role = None;
            }
        }
        for task in &mut self.ecs_tasks {
            if task.task_role.as_ref() == Some(id) {
                task.task_role = None;
            }
        }
        Ok(())
    }

    /// UpdateAssumeRolePolicy: replaces the trust policy text.
    pub fn set_trust_policy(&mut self, id: &RoleId, trust_policy: &str) -> Result<(), WorldError> {
        validate_policy_document(trust_policy, "policyDocument")?;
        check_trust_policy_size(trust_policy)?;
        self.check_principals_exist(trust_policy, crate::sim::policy::PolicyKind::Trust)?;
        self.role_mut(id)?.trust_policy = trust_policy.to_string();
        Ok(())
    }

    /// UpdateRole MaxSessionDuration (3600-43200 seconds).
    pub fn set_max_session_duration(
        &mut self,
        id: &RoleId,
        seconds: u32,
    ) -> Result<(), WorldError> {
        validate_max_session_duration(seconds)?;
        self.role_mut(id)?.max_session_duration = seconds;
        Ok(())
    }

    /// UpdateRoleDescription (up to 1000 characters).
    pub fn set_role_description(
        &mut self,
        id: &RoleId,
        description: &str,
    ) -> Result<(), WorldError> {
        if description.chars().count() > 1000 {
            return Err(constraint_error(
                description,
                "description",
                "Member must have length less than or equal to 1000",
            ));
        }
        self.role_mut(id)?.description = description.to_string();
        Ok(())
    }
}

fn check_trust_policy_size(text: &str) -> Result<(), WorldError> {
    if policy_size(text) > TRUST_POLICY_MAX_SIZE {
        return Err(WorldError::limit_exceeded(format!(
            "Cannot exceed quota for ACLSizePerRole: {TRUST_POLICY_MAX_SIZE}"
        )));
    }
    Ok(())
}
