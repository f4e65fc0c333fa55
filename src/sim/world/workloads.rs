//! Instance profiles, EC2 instances and Lambda functions (ECS tasks live in `ecs`).
//!
//! An instance profile holds one role ("Roles in an instance profile: 1", quotas page).

use super::entities::iam_arn;
use super::quotas::AccountQuota;
use super::services::{Ec2Instance, LambdaFunction};
use super::validate::{constraint_error, same_name, validate_name, validate_path};
use super::{InstanceProfile, World, WorldError};
use crate::sim::arn::Arn;
use crate::sim::ids::{AccountId, InstanceId, InstanceProfileId, RoleId};

impl World {
    /// CreateInstanceProfile.
    pub fn create_instance_profile(
        &mut self,
        account: &AccountId,
        name: &str,
        path: &str,
    ) -> Result<InstanceProfileId, WorldError> {
        validate_name(name, "instanceProfileName", 128)?;
        validate_path(path)?;
        self.require_account(account)?;
        let taken = self
            .instance_profiles
            .values()
            .any(|p| &p.account == account && same_name(&p.instance_profile_name, name));
        if taken {
            return Err(WorldError::already_exists(format!(
                "Instance Profile {name} already exists."
            )));
        }
        self.check_account_quota(account, AccountQuota::InstanceProfiles)?;
        let id = self.id_gen.instance_profile_id();
        self.instance_profiles.insert(
            id.clone(),
            InstanceProfile {
                instance_profile_id: id.clone(),
                account: account.clone(),
                instance_profile_name: name.to_string(),
                path: path.to_string(),
                arn: iam_arn("instance-profile", account, path, name),
                role: None,
            },
        );
        Ok(id)
    }

    fn instance_profile_mut(
        &mut self,
        id: &InstanceProfileId,
    ) -> Result<&mut InstanceProfile, WorldError> {
        self.instance_profiles.get_mut(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("Instance Profile {id} cannot be found."))
        })
    }

    /// AddRoleToInstanceProfile: at most one role, from the same account.
    pub fn add_role_to_instance_profile(
        &mut self,
        profile: &InstanceProfileId,
        role: &RoleId,
    ) -> Result<(), WorldError> {
        let profile_account = self.instance_profile_mut(profile)?.account.clone();
        if self
            .roles
            .get(role)
            .is_none_or(|r| r.account != profile_account)
        {
            return Err(WorldError::no_such_entity(format!(
                "The role with id {role} cannot be found."
            )));
        }
        let p = self.instance_profile_mut(profile)?;
        if p.role.is_some() {
            return Err(WorldError::limit_exceeded(
                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
            ));
        }
        p.role = Some(role.clone());
        Ok(())
    }

    /// RemoveRoleFromInstanceProfile.
    pub fn remove_role_from_instance_profile(
        &mut self,
        profile: &InstanceProfileId,
    ) -> Result<(), WorldError> {
        let p = self.instance_profile_mut(profile)?;
        if p.role.take().is_none() {
            return Err(WorldError::no_such_entity(format!(
                "Instance Profile {} has no role.",
                p.instance_profile_name
            )));
        }
        Ok(())
    }

    /// Deletes an instance profile; instances using it lose it.
    pub fn delete_instance_profile(&mut self, id: &InstanceProfileId) -> Result<(), WorldError> {
        self.instance_profiles.remove(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("Instance Profile {id} cannot be found."))
        })?;
        for instance in self.ec2_instances.values_mut() {
            if instance.instance_profile.as_ref() == Some(id) {
                instance.instance_profile = None;
            }
        }
        Ok(())
    }

    /// RunInstances (one instance), optionally with an instance profile of the same account.
    pub fn launch_ec2_instance(
        &mut self,
        account: &AccountId,
        region: &str,
        name: &str,
        instance_profile: Option<&InstanceProfileId>,
    ) -> Result<InstanceId, WorldError> {
        self.require_account(account)?;
        if let Some(p) = instance_profile {
            if self
                .instance_profiles
                .get(p)
                .is_none_or(|ip| &ip.account != account)
            {
                return Err(WorldError::no_such_entity(format!(
                    "Instance Profile {p} cannot be found."
                )));
            }
        }
        let id = self.id_gen.instance_id();
        self.ec2_instances.insert(
            id.clone(),
            Ec2Instance {
                instance_id: id.clone(),
                account: account.clone(),
                region: region.to_string(),
                name: name.to_string(),
                instance_profile: instance_profile.cloned(),
            },
        );
        Ok(id)
    }

    /// AssociateIamInstanceProfile / DisassociateIamInstanceProfile.
    pub fn set_instance_profile(
        &mut self,
        instance: &InstanceId,
        profile: Option<&InstanceProfileId>,
    ) -> Result<(), WorldError> {
        let account = self
            .ec2_instances
            .get(instance)
            .map(|i| i.account.clone())
            .ok_or_else(|| WorldError::ResourceNotFoundException {
                message: format!("The instance ID '{instance}' does not exist"),
            })?;
        if let Some(p) = profile {
            if self
                .instance_profiles
                .get(p)
                .is_none_or(|ip| ip.account != account)
            {
                return Err(WorldError::no_such_entity(format!(
                    "Instance Profile {p} cannot be found."
                )));
            }
        }
        if let Some(i) = self.ec2_instances.get_mut(instance) {
            i.instance_profile = profile.cloned();
        }
        Ok(())
    }

    /// Terminates an instance.
    pub fn terminate_ec2_instance(&mut self, instance: &InstanceId) -> Result<(), WorldError> {
        self.ec2_instances
            .remove(instance)
            .map(|_| ())
            .ok_or_else(|| WorldError::ResourceNotFoundException {
                message: format!("The instance ID '{instance}' does not exist"),
            })
    }

    /// CreateFunction: name 1-64 of letters, digits, `-` and `_`; unique per account and Region.
    pub fn create_lambda_function(
        &mut self,
        account: &AccountId,
        region: &str,
        function_name: &str,
        execution_role: Option<&RoleId>,
    ) -> Result<String, WorldError> {
        let ok_chars = function_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if function_name.is_empty() || function_name.len() > 64 || !ok_chars {
            return Err(constraint_error(
                function_name,
                "functionName",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ and have length less than or equal to 64",
            ));
        }
        self.require_account(account)?;
        let arn = Arn::lambda_function(region, account.as_str(), function_name).to_string();
        if self.lambda_functions.iter().any(|f| f.arn == arn) {
            return Err(WorldError::ResourceConflictException {
                message: format!("Function already exist: {function_name}"),
            });
        }
        self.lambda_functions.push(LambdaFunction {
            function_name: function_name.to_string(),
            account: account.clone(),
            region: region.to_string(),
            arn: arn.clone(),
            execution_role: execution_role.cloned(),
        });
        Ok(arn)
    }
}

impl World {
    /// Renames an instance profile (a playground operation): the ARN follows, the id stays.
    pub fn rename_instance_profile(
        &mut self,
        id: &InstanceProfileId,
        new_name: &str,
    ) -> Result<(), WorldError> {
        validate_name(new_name, "instanceProfileName", 128)?;
        let account = self.instance_profile_mut(id)?.account.clone();
        let taken = self.instance_profiles.values().any(|p| {
            p.account == account
                && same_name(&p.instance_profile_name, new_name)
                && &p.instance_profile_id != id
        });
        if taken {
            return Err(WorldError::already_exists(format!(
                "Instance Profile {new_name} already exists."
            )));
        }
        let p = self.instance_profile_mut(id)?;
        p.instance_profile_name = new_name.to_string();
        p.arn = iam_arn("instance-profile", &p.account, &p.path, new_name);
        Ok(())
    }

    /// UpdateFunctionConfiguration Role: sets or clears a function's execution role
    /// (a role of the same account).
    pub fn set_lambda_execution_role(
        &mut self,
        function_arn: &str,
        role: Option<&RoleId>,
    ) -> Result<(), WorldError> {
        let account = self
            .lambda_functions
            .iter()
            .find(|f| f.arn == function_arn)
            .map(|f| f.account.clone())
            .ok_or_else(|| function_not_found(function_arn))?;
        if let Some(r) = role {
            if self.roles.get(r).is_none_or(|x| x.account != account) {
                return Err(WorldError::no_such_entity(format!(
                    "The role with id {r} cannot be found."
                )));
            }
        }
        if let Some(f) = self
            .lambda_functions
            .iter_mut()
            .find(|f| f.arn == function_arn)
        {
            f.execution_role = role.cloned();
        }
        Ok(())
    }

    /// The function named by its ARN, or else by its name (the first of that name: a name is
    /// unique only within one account and region).
    pub fn lambda_function(&self, arn_or_name: &str) -> Option<&LambdaFunction> {
        let functions = || self.lambda_functions.iter();
        functions()
            .find(|f| f.arn == arn_or_name)
            .or_else(|| functions().find(|f| f.function_name == arn_or_name))
    }

    /// The function whose execution-role credentials a session holds: by ARN, or by name
    /// for a session saved before sessions kept the ARN.
    pub fn lambda_of_session(
        &self,
        function_name: &str,
        function_arn: &str,
    ) -> Option<&LambdaFunction> {
        if function_arn.is_empty() {
            self.lambda_function(function_name)
        } else {
            self.lambda_functions.iter().find(|f| f.arn == function_arn)
        }
    }

    /// DeleteFunction.
    pub fn delete_lambda_function(&mut self, function_arn: &str) -> Result<(), WorldError> {
        let before = self.lambda_functions.len();
        self.lambda_functions.retain(|f| f.arn != function_arn);
        if self.lambda_functions.len() == before {
            return Err(function_not_found(function_arn));
        }
        Ok(())
    }
}

/// Lambda's ResourceNotFoundException text.
fn function_not_found(arn: &str) -> WorldError {
    WorldError::ResourceNotFoundException {
        message: format!("Function not found: {arn}"),
    }
}
