//! Customer managed policies, attaching managed policies, inline policies, permissions
//! boundaries and tags on users, groups and roles.
//!
//! Limits from <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>:
//! managed policy size 6,144 characters, 5 versions per managed policy, inline policy totals
//! 2,048 (user) / 5,120 (group) / 10,240 (role) characters; whitespace is not counted.

use super::entities::iam_arn;
use super::quotas::AccountQuota;
use super::validate::{
    same_name, validate_name, validate_path, validate_policy_document, validate_tags,
};
use super::{
    IdentityId, ManagedPolicy, PolicyVersion, Tag, World, WorldError, MANAGED_POLICIES_PER_ENTITY,
};
use crate::sim::ids::{AccountId, PolicyId};
use crate::sim::managed;
use crate::sim::policy::{policy_size, SizeLimit};

/// Managed policy document size limit.
pub const MANAGED_POLICY_MAX_SIZE: usize = SizeLimit::ManagedPolicy.max();
/// Versions kept per customer managed policy.
pub const POLICY_VERSIONS_MAX: usize = 5;

/// What a policy operation needs to know about one identity.
struct Holder<'a> {
    attached: &'a mut Vec<String>,
    inline: &'a mut std::collections::BTreeMap<String, String>,
    kind: &'static str,
    name: String,
    account: AccountId,
}

impl World {
    fn holder(&mut self, who: &IdentityId) -> Result<Holder<'_>, WorldError> {
        Ok(match who {
            IdentityId::User(id) => {
                let u = self.user_mut(id)?;
                Holder {
                    attached: &mut u.attached_policies,
                    inline: &mut u.inline_policies,
                    kind: "user",
                    name: u.user_name.clone(),
                    account: u.account.clone(),
                }
            }
            IdentityId::Group(id) => {
                let g = self.group_mut(id)?;
                Holder {
                    attached: &mut g.attached_policies,
                    inline: &mut g.inline_policies,
                    kind: "group",
                    name: g.group_name.clone(),
                    account: g.account.clone(),
                }
            }
            IdentityId::Role(id) => {
                let r = self.role_mut(id)?;
                Holder {
                    attached: &mut r.attached_policies,
                    inline: &mut r.inline_policies,
                    kind: "role",
                    name: r.role_name.clone(),
                    account: r.account.clone(),
                }
            }
        })
    }

    /// CreatePolicy: a customer managed policy with version `v1` as default.
    pub fn create_policy(
        &mut self,
        account: &AccountId,
        policy_name: &str,
        path: &str,
        document: &str,
        description: &str,
    ) -> Result<PolicyId, WorldError> {
        validate_name(policy_name, "policyName", 128)?;
        validate_path(path)?;
        check_managed_size(document)?;
        if description.chars().count() > 1000 {
            return Err(super::validate::constraint_error(
                description,
                "description",
                "Member must have length less than or equal to 1000",
            ));
        }
        self.require_account(account)?;
        self.check_policy_name_free(account, policy_name, None)?;
        self.check_account_quota(account, AccountQuota::Policies)?;
        let policy_id = self.id_gen.policy_id();
        let policy = ManagedPolicy {
            policy_id: policy_id.clone(),
            account: account.clone(),
            policy_name: policy_name.to_string(),
            path: path.to_string(),
            arn: iam_arn("policy", account, path, policy_name),
            description: description.to_string(),
            versions: vec![PolicyVersion {
                version_id: "v1".to_string(),
                document: document.to_string(),
            }],
            default_version_id: "v1".to_string(),
        };
        self.policies.insert(policy_id.clone(), policy);
        Ok(policy_id)
    }

    fn check_policy_name_free(
        &self,
        account: &AccountId,
        name: &str,
        except: Option<&PolicyId>,
    ) -> Result<(), WorldError> {
        let taken = self.policies.values().any(|p| {
            &p.account == account && same_name(&p.policy_name, name) && Some(&p.policy_id) != except
        });
        if taken {
            return Err(WorldError::already_exists(format!(
                "A policy called {name} already exists. Duplicate names are not allowed."
            )));
        }
        Ok(())
    }

    pub(crate) fn policy_mut(&mut self, id: &PolicyId) -> Result<&mut ManagedPolicy, WorldError> {
        self.policies
            .get_mut(id)
            .ok_or_else(|| WorldError::no_such_entity(format!("Policy {id} was not found.")))
    }

    /// Renames a customer managed policy (AWS cannot; the playground can): the ARN changes and
    /// every attachment and boundary that pointed at the old ARN follows.
    pub fn rename_policy(&mut self, id: &PolicyId, new_name: &str) -> Result<(), WorldError> {
        validate_name(new_name, "policyName", 128)?;
        let account = self.policy_mut(id)?.account.clone();
        self.check_policy_name_free(&account, new_name, Some(id))?;
        let policy = self.policy_mut(id)?;
        let old_arn = policy.arn.clone();
        policy.policy_name = new_name.to_string();
        policy.arn = iam_arn("policy", &policy.account, &policy.path, new_name);
        let new_arn = policy.arn.clone();
        self.replace_policy_references(&old_arn, Some(&new_arn));
        Ok(())
    }

    /// Deletes a customer managed policy after detaching it everywhere (as the console does).
    pub fn delete_policy(&mut self, id: &PolicyId) -> Result<(), WorldError> {
        let policy = self
            .policies
            .remove(id)
            .ok_or_else(|| WorldError::no_such_entity(format!("Policy {id} was not found.")))?;
        self.replace_policy_references(&policy.arn, None);
        Ok(())
    }

    fn replace_policy_references(&mut self, old: &str, new: Option<&str>) {
        let fix_list = |list: &mut Vec<String>| match new {
            Some(n) => list
                .iter_mut()
                .filter(|a| a.as_str() == old)
                .for_each(|a| *a = n.to_string()),
            None => list.retain(|a| a != old),
        };
        let fix_boundary = |b: &mut Option<String>| {
            if b.as_deref() == Some(old) {
                *b = new.map(str::to_string);
            }
        };
        for u in self.users.values_mut() {
            fix_list(&mut u.attached_policies);
            fix_boundary(&mut u.permissions_boundary);
        }
        for g in self.groups.values_mut() {
            fix_list(&mut g.attached_policies);
        }
        for r in self.roles.values_mut() {
            fix_list(&mut r.attached_policies);
            fix_boundary(&mut r.permissions_boundary);
        }
    }

    /// True when `arn` names an AWS managed policy of the catalogue or a customer managed
    /// policy of `account` (IAM refuses to attach a policy of another account).
    pub fn policy_attachable(&self, arn: &str, account: &AccountId) -> bool {
        managed::by_arn(arn).is_some()
            || self.aws_managed_policies.contains_key(arn)
            || self
                .policies
                .values()
                .any(|p| p.arn == arn && &p.account == account)
    }

    /// AttachUserPolicy / AttachGroupPolicy / AttachRolePolicy (idempotent, like AWS).
    pub fn attach_policy(&mut self, who: &IdentityId, policy_arn: &str) -> Result<(), WorldError> {
        let account = self.holder(who)?.account;
        if !self.policy_attachable(policy_arn, &account) {
            return Err(WorldError::no_such_entity(format!(
                "Policy {policy_arn} does not exist or is not attachable."
            )));
        }
        let holder = self.holder(who)?;
        if holder.attached.iter().any(|a| a == policy_arn) {
            return Ok(());
        }
        if holder.attached.len() >= MANAGED_POLICIES_PER_ENTITY {
            let quota = match holder.kind {
                "user" => "PoliciesPerUser",
                "group" => "PoliciesPerGroup",
                _ => "PoliciesPerRole",
            };
            return Err(WorldError::limit_exceeded(format!(
                "Cannot exceed quota for {quota}: {MANAGED_POLICIES_PER_ENTITY}"
            )));
        }
        holder.attached.push(policy_arn.to_string());
        Ok(())
    }

    /// DetachUserPolicy / DetachGroupPolicy / DetachRolePolicy.
    pub fn detach_policy(&mut self, who: &IdentityId, policy_arn: &str) -> Result<(), WorldError> {
        let holder = self.holder(who)?;
        if !holder.attached.iter().any(|a| a == policy_arn) {
            return Err(WorldError::no_such_entity(format!(
                "Policy {policy_arn} was not found."
            )));
        }
        holder.attached.retain(|a| a != policy_arn);
        Ok(())
    }

    /// PutUserPolicy / PutGroupPolicy / PutRolePolicy: add or replace an inline policy.
    pub fn put_inline_policy(
        &mut self,
        who: &IdentityId,
        policy_name: &str,
        document: &str,
    ) -> Result<(), WorldError> {
        validate_name(policy_name, "policyName", 128)?;
        validate_policy_document(document, "policyDocument")?;
        let holder = self.holder(who)?;
        let limit = match holder.kind {
            "user" => SizeLimit::UserInline,
            "group" => SizeLimit::GroupInline,
            _ => SizeLimit::RoleInline,
        }
        .max();
        let others: usize = holder
            .inline
            .iter()
            .filter(|(name, _)| name.as_str() != policy_name)
            .map(|(_, text)| policy_size(text))
            .fold(0, usize::saturating_add);
        if others.saturating_add(policy_size(document)) > limit {
            return Err(WorldError::limit_exceeded(format!(
                "Maximum policy size of {limit} bytes exceeded for {} {}",
                holder.kind, holder.name
            )));
        }
        holder
            .inline
            .insert(policy_name.to_string(), document.to_string());
        Ok(())
    }

    /// DeleteUserPolicy / DeleteGroupPolicy / DeleteRolePolicy.
    pub fn delete_inline_policy(
        &mut self,
        who: &IdentityId,
        policy_name: &str,
    ) -> Result<(), WorldError> {
        let holder = self.holder(who)?;
        if holder.inline.remove(policy_name).is_none() {
            return Err(WorldError::no_such_entity(format!(
                "The {} policy with name {policy_name} cannot be found.",
                holder.kind
            )));
        }
        Ok(())
    }

    /// PutUserPermissionsBoundary / PutRolePermissionsBoundary (`Some`), or the Delete
    /// variants (`None`). Groups cannot have a boundary.
    pub fn set_permissions_boundary(
        &mut self,
        who: &IdentityId,
        policy_arn: Option<&str>,
    ) -> Result<(), WorldError> {
        let account = self.holder(who)?.account;
        if let Some(arn) = policy_arn {
            if !self.policy_attachable(arn, &account) {
                return Err(WorldError::no_such_entity(format!(
                    "Policy {arn} does not exist or is not attachable."
                )));
            }
        }
        let value = policy_arn.map(str::to_string);
        match who {
            IdentityId::User(id) => self.user_mut(id)?.permissions_boundary = value,
            IdentityId::Role(id) => self.role_mut(id)?.permissions_boundary = value,
            IdentityId::Group(_) => {
                return Err(WorldError::invalid_input(
                    "A permissions boundary can be set only on an IAM user or role.",
                ))
            }
        }
        Ok(())
    }

    /// Replaces the tags of a user or role (TagUser/UntagUser in one step). IAM groups
    /// cannot be tagged.
    pub fn set_tags(&mut self, who: &IdentityId, tags: Vec<Tag>) -> Result<(), WorldError> {
        validate_tags(&tags)?;
        match who {
            IdentityId::User(id) => self.user_mut(id)?.tags = tags,
            IdentityId::Role(id) => self.role_mut(id)?.tags = tags,
            IdentityId::Group(_) => {
                return Err(WorldError::invalid_input(
                    "IAM user groups cannot be tagged.",
                ))
            }
        }
        Ok(())
    }
}

pub(crate) fn check_managed_size(document: &str) -> Result<(), WorldError> {
    validate_policy_document(document, "policyDocument")?;
    if policy_size(document) > MANAGED_POLICY_MAX_SIZE {
        return Err(WorldError::limit_exceeded(format!(
            "Cannot exceed quota for PolicySize: {MANAGED_POLICY_MAX_SIZE}"
        )));
    }
    Ok(())
}
