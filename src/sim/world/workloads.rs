//! Instance profiles, EC2 instances, Lambda functions, ECS tasks and identity providers.
//!
//! An instance profile holds one role ("Roles in an instance profile: 1", quotas page).

use super::entities::iam_arn;
use super::services::{
    Ec2Instance, EcsTask, IdentityProvider, LambdaFunction, OidcProvider, SamlProvider,
};
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

    /// Adds an ECS task with an optional task role.
    pub fn create_ecs_task(
        &mut self,
        account: &AccountId,
        region: &str,
        family: &str,
        task_role: Option<&RoleId>,
    ) -> Result<(), WorldError> {
        self.require_account(account)?;
        self.ecs_tasks.push(EcsTask {
            family: family.to_string(),
            account: account.clone(),
            region: region.to_string(),
            task_role: task_role.cloned(),
        });
        Ok(())
    }

    /// CreateOpenIDConnectProvider. Returns its ARN.
    pub fn create_oidc_provider(
        &mut self,
        account: &AccountId,
        url: &str,
        client_ids: Vec<String>,
        thumbprints: Vec<String>,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        if !url.starts_with("https://") {
            return Err(WorldError::invalid_input(
                "The URL must begin with https://",
            ));
        }
        let arn = Arn::iam_oidc_provider(account.as_str(), url).to_string();
        if self.identity_providers.iter().any(|p| p.arn() == arn) {
            return Err(WorldError::already_exists(format!(
                "Provider with url {url} already exists."
            )));
        }
        self.identity_providers
            .push(IdentityProvider::Oidc(OidcProvider {
                arn: arn.clone(),
                account: account.clone(),
                url: url.to_string(),
                client_ids,
                thumbprints,
            }));
        Ok(arn)
    }

    /// CreateSAMLProvider (metadata is a stub). Returns its ARN.
    pub fn create_saml_provider(
        &mut self,
        account: &AccountId,
        name: &str,
        metadata_document: &str,
    ) -> Result<String, WorldError> {
        validate_name(name, "name", 128)?;
        self.require_account(account)?;
        let arn = Arn::iam_saml_provider(account.as_str(), name).to_string();
        if self.identity_providers.iter().any(|p| p.arn() == arn) {
            return Err(WorldError::already_exists(format!(
                "SAMLProvider {name} already exists."
            )));
        }
        self.identity_providers
            .push(IdentityProvider::Saml(SamlProvider {
                arn: arn.clone(),
                account: account.clone(),
                name: name.to_string(),
                metadata_document: metadata_document.to_string(),
            }));
        Ok(arn)
    }

    /// Deletes an identity provider by ARN.
    pub fn delete_identity_provider(&mut self, arn: &str) -> Result<(), WorldError> {
        let before = self.identity_providers.len();
        self.identity_providers.retain(|p| p.arn() != arn);
        if self.identity_providers.len() == before {
            return Err(WorldError::no_such_entity(format!(
                "Provider {arn} cannot be found."
            )));
        }
        Ok(())
    }
}
