//! Finding things: by ARN, by friendly name in an account, by unique id.

use super::services::{Ec2Instance, IdentityProvider, LambdaFunction, Resource};
use super::validate::same_name;
use super::{Group, IdentityId, InstanceProfile, ManagedPolicy, Role, User, World};
use crate::sim::arn::Arn;
use crate::sim::ids::{AccountId, GroupId, RoleId, UserId};
use crate::sim::managed::{self, AwsManagedPolicy};

/// Whatever an ARN names in the world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EntityRef<'a> {
    /// `arn:aws:iam::ACCOUNT:root`.
    AccountRoot(&'a AccountId),
    /// An IAM user.
    User(&'a User),
    /// A group.
    Group(&'a Group),
    /// A role.
    Role(&'a Role),
    /// A customer managed policy.
    CustomerManagedPolicy(&'a ManagedPolicy),
    /// An AWS managed policy from the catalogue.
    AwsManagedPolicy(&'a AwsManagedPolicy),
    /// An instance profile.
    InstanceProfile(&'a InstanceProfile),
    /// An OIDC or SAML provider.
    IdentityProvider(&'a IdentityProvider),
    /// A resource with a resource-based policy.
    Resource(&'a Resource),
    /// A Lambda function.
    LambdaFunction(&'a LambdaFunction),
    /// An EC2 instance.
    Ec2Instance(&'a Ec2Instance),
}

impl World {
    /// The user with this unique id.
    pub fn user(&self, id: &UserId) -> Option<&User> {
        self.users.get(id)
    }

    /// The group with this unique id.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.groups.get(id)
    }

    /// The role with this unique id.
    pub fn role(&self, id: &RoleId) -> Option<&Role> {
        self.roles.get(id)
    }

    /// The user whose ARN is exactly `arn`.
    pub fn user_by_arn(&self, arn: &str) -> Option<&User> {
        self.users.values().find(|u| u.arn == arn)
    }

    /// The role whose ARN is exactly `arn` (paths included, as in a trust policy).
    pub fn role_by_arn(&self, arn: &str) -> Option<&Role> {
        self.roles.values().find(|r| r.arn == arn)
    }

    /// The ARN of a user, group or role.
    pub fn identity_arn(&self, who: &IdentityId) -> Option<&str> {
        match who {
            IdentityId::User(id) => self.users.get(id).map(|u| u.arn.as_str()),
            IdentityId::Group(id) => self.groups.get(id).map(|g| g.arn.as_str()),
            IdentityId::Role(id) => self.roles.get(id).map(|r| r.arn.as_str()),
        }
    }

    /// The friendly name of a user, group or role.
    pub fn identity_name(&self, who: &IdentityId) -> Option<&str> {
        match who {
            IdentityId::User(id) => self.users.get(id).map(|u| u.user_name.as_str()),
            IdentityId::Group(id) => self.groups.get(id).map(|g| g.group_name.as_str()),
            IdentityId::Role(id) => self.roles.get(id).map(|r| r.role_name.as_str()),
        }
    }

    /// A user by friendly name in an account (case-insensitive, as IAM compares names).
    pub fn user_by_name(&self, account: &AccountId, name: &str) -> Option<&User> {
        self.users
            .values()
            .find(|u| &u.account == account && same_name(&u.user_name, name))
    }

    /// A group by friendly name in an account.
    pub fn group_by_name(&self, account: &AccountId, name: &str) -> Option<&Group> {
        self.groups
            .values()
            .find(|g| &g.account == account && same_name(&g.group_name, name))
    }

    /// A role by friendly name in an account.
    pub fn role_by_name(&self, account: &AccountId, name: &str) -> Option<&Role> {
        self.roles
            .values()
            .find(|r| &r.account == account && same_name(&r.role_name, name))
    }

    /// A customer managed policy by name in an account.
    pub fn policy_by_name(&self, account: &AccountId, name: &str) -> Option<&ManagedPolicy> {
        self.policies
            .values()
            .find(|p| &p.account == account && same_name(&p.policy_name, name))
    }

    /// An instance profile by name in an account.
    pub fn instance_profile_by_name(
        &self,
        account: &AccountId,
        name: &str,
    ) -> Option<&InstanceProfile> {
        self.instance_profiles
            .values()
            .find(|p| &p.account == account && same_name(&p.instance_profile_name, name))
    }

    /// The role of an EC2 instance, through its instance profile.
    pub fn role_of_instance(&self, instance: &crate::sim::ids::InstanceId) -> Option<&Role> {
        let profile = self
            .ec2_instances
            .get(instance)?
            .instance_profile
            .as_ref()?;
        let role = self.instance_profiles.get(profile)?.role.as_ref()?;
        self.roles.get(role)
    }

    /// The JSON text and name of a managed policy (AWS managed from the catalogue, or customer
    /// managed from the world), by ARN.
    pub fn managed_policy_document(&self, arn: &str) -> Option<(&str, &str)> {
        if let Some(p) = self.aws_managed_policies.get(arn) {
            return Some((p.policy_name.as_str(), p.document()));
        }
        if let Some(p) = managed::by_arn(arn) {
            return Some((p.name, p.document));
        }
        self.policies
            .values()
            .find(|p| p.arn == arn)
            .map(|p| (p.policy_name.as_str(), p.document()))
    }

    /// Whatever `arn` names. IAM ARNs match exactly (paths included), except `root`.
    pub fn find_by_arn(&self, arn: &str) -> Option<EntityRef<'_>> {
        let parsed = Arn::parse(arn).ok()?;
        if parsed.service == "iam" && parsed.resource == "root" {
            return self
                .accounts
                .get_key_value(&AccountId::new(parsed.account))
                .map(|(k, _)| EntityRef::AccountRoot(k));
        }
        if let Some(p) = managed::by_arn(arn) {
            return Some(EntityRef::AwsManagedPolicy(p));
        }
        self.users
            .values()
            .find(|u| u.arn == arn)
            .map(EntityRef::User)
            .or_else(|| {
                self.groups
                    .values()
                    .find(|g| g.arn == arn)
                    .map(EntityRef::Group)
            })
            .or_else(|| {
                self.roles
                    .values()
                    .find(|r| r.arn == arn)
                    .map(EntityRef::Role)
            })
            .or_else(|| {
                self.policies
                    .values()
                    .find(|p| p.arn == arn)
                    .map(EntityRef::CustomerManagedPolicy)
            })
            .or_else(|| {
                self.instance_profiles
                    .values()
                    .find(|p| p.arn == arn)
                    .map(EntityRef::InstanceProfile)
            })
            .or_else(|| {
                self.identity_providers
                    .iter()
                    .find(|p| p.arn() == arn)
                    .map(EntityRef::IdentityProvider)
            })
            .or_else(|| self.resource(arn).map(EntityRef::Resource))
            .or_else(|| {
                self.lambda_functions
                    .iter()
                    .find(|f| f.arn == arn)
                    .map(EntityRef::LambdaFunction)
            })
            .or_else(|| {
                let id = parsed.resource.strip_prefix("instance/")?;
                self.ec2_instances
                    .values()
                    .find(|i| i.instance_id.as_str() == id && i.account.as_str() == parsed.account)
                    .map(EntityRef::Ec2Instance)
            })
    }
}
