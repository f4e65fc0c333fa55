//! The IAM world: accounts, an optional organization, IAM entities, compute and resources,
//! and the operations that change them with AWS's validation and error texts.
//!
//! Entities are keyed by their unique ids (`AIDA...`, `AROA...`): a rename or a move to another
//! account changes the ARN but never the id, so the canvas keeps pointing at the same thing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::ids::{
    AccountId, GroupId, IdGen, InstanceId, InstanceProfileId, PolicyId, RoleId, UserId,
};

pub mod ecs;
pub mod effective;
pub mod entities;
pub mod error;
pub mod groups;
pub mod invariants;
pub mod lookup;
pub mod org;
pub mod policies;
pub mod policy_check;
pub mod principals;
pub mod providers;
pub mod quotas;
pub mod resources;
pub mod roles;
pub mod sample;
pub mod services;
pub mod users;
pub mod validate;
pub mod versions;
pub mod workloads;

pub use effective::{IdentityPolicy, OrgPolicyLevel, PolicySource};
pub use entities::{
    AccessKey, AccessKeyStatus, Account, Group, IdentityId, InstanceProfile, ManagedPolicy,
    MfaDevice, PolicyVersion, Role, Tag, User,
};
pub use error::WorldError;
pub use lookup::EntityRef;
pub use org::{OrgParent, OrgPolicy, OrgPolicyType, OrgTarget, Organization, OrganizationalUnit};
pub use policy_check::MalformedPolicy;
pub use services::{
    Ec2Instance, EcsTask, IdentityProvider, LambdaFunction, OidcProvider, Resource, ResourceKind,
    SamlProvider, DEFAULT_REGION, SERVICE_PRINCIPALS,
};

/// The current version of the serialized world; bump it and add a migration when the shape changes.
pub const WORLD_VERSION: u32 = 1;

/// Managed policies attached per user, group or role. AWS's default quota is 10 (adjustable to
/// 20); the playground keeps the default
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
pub const MANAGED_POLICIES_PER_ENTITY: usize = 10;
/// Groups an IAM user can be a member of.
pub const GROUPS_PER_USER: usize = 10;
/// Access keys per IAM user.
pub const ACCESS_KEYS_PER_USER: usize = 2;
/// Default `MaxSessionDuration` of a role, seconds.
pub const DEFAULT_MAX_SESSION_DURATION: u32 = 3600;

/// Everything that exists in the simulation. Serialized as-is into the scenario document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct World {
    /// Shape version, [`WORLD_VERSION`].
    pub version: u32,
    /// `aws`.
    pub partition: String,
    /// The seeded generator every new id comes from.
    pub id_gen: IdGen,
    /// Accounts by id.
    pub accounts: BTreeMap<AccountId, Account>,
    /// The AWS Organizations organization, if the accounts form one.
    pub organization: Option<Organization>,
    /// IAM users by unique id.
    pub users: BTreeMap<UserId, User>,
    /// IAM groups by unique id.
    pub groups: BTreeMap<GroupId, Group>,
    /// IAM roles by unique id.
    pub roles: BTreeMap<RoleId, Role>,
    /// Customer managed policies by unique id (AWS managed ones live in `sim::managed`).
    pub policies: BTreeMap<PolicyId, ManagedPolicy>,
    /// Instance profiles by unique id.
    pub instance_profiles: BTreeMap<InstanceProfileId, InstanceProfile>,
    /// EC2 instances by id.
    pub ec2_instances: BTreeMap<InstanceId, Ec2Instance>,
    /// Lambda functions.
    pub lambda_functions: Vec<LambdaFunction>,
    /// ECS tasks.
    #[serde(default)]
    pub ecs_tasks: Vec<EcsTask>,
    /// OIDC and SAML identity providers.
    pub identity_providers: Vec<IdentityProvider>,
    /// Resources with resource-based policies.
    pub resources: Vec<Resource>,
    /// AWS managed policies read from an imported account file (`sim::gaad`) that the built-in
    /// catalogue lacks or holds a different document for, by ARN (their `account` is `aws`, as
    /// in the ARN). They come before the catalogue: the file is what the account really has.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aws_managed_policies: BTreeMap<String, ManagedPolicy>,
}

impl World {
    /// An empty world whose ids come from `seed`.
    pub fn new(seed: u64) -> World {
        World {
            version: WORLD_VERSION,
            partition: crate::sim::arn::AWS_PARTITION.to_string(),
            id_gen: IdGen::new(seed),
            accounts: BTreeMap::new(),
            organization: None,
            users: BTreeMap::new(),
            groups: BTreeMap::new(),
            roles: BTreeMap::new(),
            policies: BTreeMap::new(),
            instance_profiles: BTreeMap::new(),
            ec2_instances: BTreeMap::new(),
            lambda_functions: Vec::new(),
            ecs_tasks: Vec::new(),
            identity_providers: Vec::new(),
            resources: Vec::new(),
            aws_managed_policies: BTreeMap::new(),
        }
    }

    /// Adds an account with a given 12-digit id (e.g. `111122223333`).
    pub fn add_account(
        &mut self,
        account_id: &str,
        alias: Option<&str>,
    ) -> Result<AccountId, WorldError> {
        let Some(id) = AccountId::parse(account_id) else {
            return Err(validate::constraint_error(
                account_id,
                "accountId",
                "Member must satisfy regular expression pattern: ^\\d{12}$",
            ));
        };
        if let Some(alias) = alias {
            validate::validate_account_alias(alias)?;
        }
        if self.accounts.contains_key(&id) {
            return Err(WorldError::already_exists(format!(
                "Account {id} already exists."
            )));
        }
        if let Some(alias) = alias {
            self.check_alias_free(alias)?;
        }
        self.accounts.insert(
            id.clone(),
            Account {
                account_id: id.clone(),
                alias: alias.map(str::to_string),
            },
        );
        Ok(id)
    }

    /// Adds an account with a generated id.
    pub fn create_account(&mut self, alias: Option<&str>) -> Result<AccountId, WorldError> {
        let mut id = self.id_gen.account_id();
        while self.accounts.contains_key(&id) {
            id = self.id_gen.account_id();
        }
        self.add_account(id.as_str(), alias)
    }

    /// Sets or clears an account alias (aliases are unique across AWS).
    pub fn set_account_alias(
        &mut self,
        account: &AccountId,
        alias: Option<&str>,
    ) -> Result<(), WorldError> {
        if let Some(alias) = alias {
            validate::validate_account_alias(alias)?;
            let taken = self
                .accounts
                .values()
                .any(|a| &a.account_id != account && a.alias.as_deref() == Some(alias));
            if taken {
                return Err(WorldError::already_exists(format!(
                    "The account alias {alias} already exists."
                )));
            }
        }
        let acct = self.account_mut(account)?;
        acct.alias = alias.map(str::to_string);
        Ok(())
    }

    fn check_alias_free(&self, alias: &str) -> Result<(), WorldError> {
        if self
            .accounts
            .values()
            .any(|a| a.alias.as_deref() == Some(alias))
        {
            return Err(WorldError::already_exists(format!(
                "The account alias {alias} already exists."
            )));
        }
        Ok(())
    }

    pub(crate) fn account_mut(&mut self, account: &AccountId) -> Result<&mut Account, WorldError> {
        self.accounts.get_mut(account).ok_or_else(|| {
            WorldError::no_such_entity(format!("Account {account} cannot be found."))
        })
    }

    pub(crate) fn require_account(&self, account: &AccountId) -> Result<(), WorldError> {
        if self.accounts.contains_key(account) {
            Ok(())
        } else {
            Err(WorldError::no_such_entity(format!(
                "Account {account} cannot be found."
            )))
        }
    }

    /// Removes an account and everything in it (users, groups, roles, policies, profiles,
    /// workloads, resources, identity providers), and takes it out of the organization.
    pub fn delete_account(&mut self, account: &AccountId) -> Result<(), WorldError> {
        self.require_account(account)?;
        let users: Vec<UserId> = self
            .users
            .values()
            .filter(|u| &u.account == account)
            .map(|u| u.user_id.clone())
            .collect();
        for id in users {
            self.delete_user(&id)?;
        }
        let groups: Vec<GroupId> = self
            .groups
            .values()
            .filter(|g| &g.account == account)
            .map(|g| g.group_id.clone())
            .collect();
        for id in groups {
            self.delete_group(&id)?;
        }
        let roles: Vec<RoleId> = self
            .roles
            .values()
            .filter(|r| &r.account == account)
            .map(|r| r.role_id.clone())
            .collect();
        for id in roles {
            self.delete_role(&id)?;
        }
        let policies: Vec<PolicyId> = self
            .policies
            .values()
            .filter(|p| &p.account == account)
            .map(|p| p.policy_id.clone())
            .collect();
        for id in policies {
            self.delete_policy(&id)?;
        }
        self.instance_profiles.retain(|_, p| &p.account != account);
        self.ec2_instances.retain(|_, i| &i.account != account);
        self.lambda_functions.retain(|f| &f.account != account);
        self.ecs_tasks.retain(|t| &t.account != account);
        self.identity_providers.retain(|p| p.account() != account);
        self.resources.retain(|r| &r.account != account);
        // Without its management account an organization cannot exist.
        if self.is_management_account(account) {
            self.organization = None;
        }
        if let Some(org) = self.organization.as_mut() {
            org.forget_account(account);
        }
        self.accounts.remove(account);
        Ok(())
    }
}
