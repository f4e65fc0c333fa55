//! Organizations operations: create the organization, OUs, place accounts, SCPs and RCPs.
//!
//! Error codes and texts: the AWS Organizations API reference
//! (<https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html> and each
//! action's page). Each exception's message here is its description in the API reference
//! (the same text the SDKs carry); ConstraintViolationException messages are the reason code
//! and its documented explanation. Limits: the Organizations quotas page
//! <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html>.

use std::collections::BTreeMap;

use super::{
    OrgParent, OrgPolicy, OrgPolicyType, OrgTarget, Organization, OrganizationalUnit,
    FULL_AWS_ACCESS_SCP, RCP_FULL_AWS_ACCESS,
};
use crate::sim::ids::{AccountId, OrgPolicyId, OrganizationId, OuId};
use crate::sim::world::{World, WorldError};

/// OUs nest at most five levels under the root (Organizations quotas page).
pub const MAX_OU_DEPTH: usize = 5;
/// SCPs (and RCPs) attached directly to one root, OU or account, and the most characters in
/// one SCP, as the Organizations quotas page states them. Blog posts (cevo.com.au,
/// sjramblings.io) report that AWS raised both to 10 and 10,240 on 15 May 2026; the AWS page
/// this was checked against still says 5 and 5,120, so the simulation keeps them.
pub const MAX_POLICIES_PER_TARGET: usize = 5;
/// See [`MAX_POLICIES_PER_TARGET`].
pub const MAX_ORG_POLICY_CHARS: usize = 5120;
impl World {
    fn org_mut(&mut self) -> Result<&mut Organization, WorldError> {
        self.organization
            .as_mut()
            .ok_or_else(|| WorldError::AWSOrganizationsNotInUseException {
                message: "Your account isn't a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.".to_string(),
            })
    }

    /// CreateOrganization with all features: `management` becomes the management account,
    /// SCPs and RCPs are enabled with FullAWSAccess/RCPFullAWSAccess attached to the root.
    pub fn create_organization(
        &mut self,
        management: &AccountId,
    ) -> Result<OrganizationId, WorldError> {
        self.require_account(management)?;
        if self.organization.is_some() {
            return Err(WorldError::AlreadyInOrganizationException {
                message: "This account is already a member of an organization. An account can belong to only one organization at a time.".to_string(),
            });
        }
        let id = self.id_gen.organization_id();
        let root_id = self.id_gen.root_id();
        let full = |pid: &str, name: &str, t: OrgPolicyType, content: &str| OrgPolicy {
            id: OrgPolicyId::new(pid),
            name: name.to_string(),
            policy_type: t,
            content: content.to_string(),
            aws_managed: true,
            targets: vec![OrgTarget::Root, OrgTarget::Account(management.clone())],
        };
        let policies = vec![
            full(
                "p-FullAWSAccess",
                "FullAWSAccess",
                OrgPolicyType::ServiceControlPolicy,
                FULL_AWS_ACCESS_SCP,
            ),
            full(
                "p-RCPFullAWSAccess",
                "RCPFullAWSAccess",
                OrgPolicyType::ResourceControlPolicy,
                RCP_FULL_AWS_ACCESS,
            ),
        ];
        let mut accounts = BTreeMap::new();
        accounts.insert(management.clone(), OrgParent::Root);
        self.organization = Some(Organization {
            id: id.clone(),
            management_account: management.clone(),
            root_id,
            ous: Vec::new(),
            accounts,
            policies,
        });
        Ok(id)
    }

    /// CreateOrganizationalUnit under the root or another OU.
    pub fn create_organizational_unit(
        &mut self,
        parent: &OrgParent,
        name: &str,
    ) -> Result<OuId, WorldError> {
        // OrganizationalUnitName is 1-128 characters (CreateOrganizationalUnit API reference);
        // the refusal's wording is the simulator's, not AWS's.
        if name.is_empty() || name.chars().count() > 128 {
            return Err(WorldError::validation("OU names must be 1-128 characters."));
        }
        let org = self.org_mut()?;
        if let OrgParent::Ou(p) = parent {
            if !org.ous.iter().any(|o| &o.id == p) {
                return Err(WorldError::ParentNotFoundException {
                    message: "We can't find a root or OU with the ParentId that you specified."
                        .to_string(),
                });
            }
        }
        if org.ou_chain(parent).len() >= MAX_OU_DEPTH {
            return Err(WorldError::ConstraintViolationException {
                message: "OU_DEPTH_LIMIT_EXCEEDED: You attempted to create an OU tree that is too many levels deep.".to_string(),
            });
        }
        if org
            .ous
            .iter()
            .any(|o| &o.parent == parent && o.name == name)
        {
            return Err(WorldError::DuplicateOrganizationalUnitException {
                message: "An OU with the same name already exists.".to_string(),
            });
        }
        let root = org.root_id.clone();
        let id = self.id_gen.ou_id(&root);
        let org = self.org_mut()?;
        org.ous.push(OrganizationalUnit {
            id: id.clone(),
            name: name.to_string(),
            parent: parent.clone(),
        });
        org.attach_full_access(OrgTarget::Ou(id.clone()));
        Ok(id)
    }

    /// UpdateOrganizationalUnit: renames an OU (its id stays).
    pub fn rename_organizational_unit(&mut self, ou: &OuId, name: &str) -> Result<(), WorldError> {
        if name.is_empty() || name.chars().count() > 128 {
            return Err(WorldError::validation("OU names must be 1-128 characters."));
        }
        let org = self.org_mut()?;
        let parent = org
            .ous
            .iter()
            .find(|o| &o.id == ou)
            .map(|o| o.parent.clone())
            .ok_or_else(ou_not_found)?;
        if org
            .ous
            .iter()
            .any(|o| o.parent == parent && o.name == name && &o.id != ou)
        {
            return Err(WorldError::DuplicateOrganizationalUnitException {
                message: "An OU with the same name already exists.".to_string(),
            });
        }
        if let Some(o) = org.ous.iter_mut().find(|o| &o.id == ou) {
            o.name = name.to_string();
        }
        Ok(())
    }

    /// DeleteOrganizationalUnit: only when it holds no accounts and no OUs.
    pub fn delete_organizational_unit(&mut self, ou: &OuId) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        if !org.ous.iter().any(|o| &o.id == ou) {
            return Err(ou_not_found());
        }
        let inside = OrgParent::Ou(ou.clone());
        if org.accounts.values().any(|p| p == &inside) || org.ous.iter().any(|o| o.parent == inside)
        {
            return Err(WorldError::OrganizationalUnitNotEmptyException { message: "The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.".to_string() });
        }
        org.ous.retain(|o| &o.id != ou);
        let target = OrgTarget::Ou(ou.clone());
        for p in &mut org.policies {
            p.targets.retain(|t| t != &target);
        }
        Ok(())
    }

    /// Puts an account in the organization (invite + accept), or moves it (MoveAccount).
    pub fn place_account(
        &mut self,
        account: &AccountId,
        parent: &OrgParent,
    ) -> Result<(), WorldError> {
        self.require_account(account)?;
        let org = self.org_mut()?;
        if let OrgParent::Ou(p) = parent {
            if !org.ous.iter().any(|o| &o.id == p) {
                return Err(WorldError::ParentNotFoundException {
                    message: "We can't find a root or OU with the ParentId that you specified."
                        .to_string(),
                });
            }
        }
        let is_new = org
            .accounts
            .insert(account.clone(), parent.clone())
            .is_none();
        if is_new {
            org.attach_full_access(OrgTarget::Account(account.clone()));
        }
        Ok(())
    }

    /// RemoveAccountFromOrganization (the management account cannot leave).
    pub fn remove_account_from_organization(
        &mut self,
        account: &AccountId,
    ) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        if &org.management_account == account {
            return Err(WorldError::ConstraintViolationException {
                message: "ACCOUNT_CANNOT_LEAVE_ORGANIZATION: You attempted to remove the management account from the organization. You can't remove the management account. Instead, after you remove all member accounts, delete the organization itself.".to_string(),
            });
        }
        if !org.accounts.contains_key(account) {
            // AccountNotFoundException in AWS; the simulation reports it as TargetNotFound.
            return Err(target_not_found());
        }
        org.forget_account(account);
        Ok(())
    }

    /// CreatePolicy (Organizations): a customer SCP or RCP, attached nowhere yet.
    pub fn create_org_policy(
        &mut self,
        policy_type: OrgPolicyType,
        name: &str,
        content: &str,
    ) -> Result<OrgPolicyId, WorldError> {
        // PolicyName is 1-128 characters (CreatePolicy API reference); the refusal's wording is
        // the simulator's, not AWS's.
        if name.is_empty() || name.chars().count() > 128 {
            return Err(WorldError::validation(
                "Policy names must be 1-128 characters.",
            ));
        }
        check_org_policy_json(content)?;
        check_org_policy_size(content)?;
        self.org_mut()?;
        let id = self.id_gen.org_policy_id();
        let org = self.org_mut()?;
        org.policies.push(OrgPolicy {
            id: id.clone(),
            name: name.to_string(),
            policy_type,
            content: content.to_string(),
            aws_managed: false,
            targets: Vec::new(),
        });
        Ok(id)
    }

    /// UpdatePolicy content (customer policies only).
    pub fn set_org_policy_content(
        &mut self,
        policy: &OrgPolicyId,
        content: &str,
    ) -> Result<(), WorldError> {
        check_org_policy_json(content)?;
        check_org_policy_size(content)?;
        let org = self.org_mut()?;
        let p = org
            .policies
            .iter_mut()
            .find(|p| &p.id == policy)
            .ok_or_else(policy_not_found)?;
        if p.aws_managed {
            // AWS managed policies cannot be edited; the simulator's wording.
            return Err(WorldError::ConstraintViolationException {
                message: "You can't modify an AWS managed policy.".to_string(),
            });
        }
        p.content = content.to_string();
        Ok(())
    }

    /// AttachPolicy (Organizations). At most [`MAX_POLICIES_PER_TARGET`] SCPs (or RCPs) per
    /// target.
    pub fn attach_org_policy(
        &mut self,
        policy: &OrgPolicyId,
        target: &OrgTarget,
    ) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        if !org.target_exists(target) {
            return Err(target_not_found());
        }
        let kind = org
            .policies
            .iter()
            .find(|p| &p.id == policy)
            .map(|p| p.policy_type)
            .ok_or_else(policy_not_found)?;
        let count = org
            .policies
            .iter()
            .filter(|p| p.policy_type == kind && p.targets.contains(target))
            .count();
        let p = org
            .policies
            .iter_mut()
            .find(|p| &p.id == policy)
            .ok_or_else(policy_not_found)?;
        if p.targets.contains(target) {
            return Err(WorldError::DuplicatePolicyAttachmentException {
                message: "The selected policy is already attached to the specified target."
                    .to_string(),
            });
        }
        if count >= MAX_POLICIES_PER_TARGET {
            return Err(WorldError::ConstraintViolationException { message: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED: You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.".to_string() });
        }
        p.targets.push(target.clone());
        Ok(())
    }

    /// DetachPolicy (Organizations).
    pub fn detach_org_policy(
        &mut self,
        policy: &OrgPolicyId,
        target: &OrgTarget,
    ) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        let kind = org
            .policies
            .iter()
            .find(|p| &p.id == policy)
            .map(|p| p.policy_type)
            .ok_or_else(policy_not_found)?;
        // Every root, OU and account keeps at least one policy of each enabled type, so
        // FullAWSAccess cannot be detached until another SCP is attached there.
        let remaining = org
            .policies
            .iter()
            .filter(|p| p.policy_type == kind && p.targets.contains(target) && &p.id != policy)
            .count();
        let p = org
            .policies
            .iter_mut()
            .find(|p| &p.id == policy)
            .ok_or_else(policy_not_found)?;
        if !p.targets.contains(target) {
            return Err(WorldError::PolicyNotAttachedException {
                message: "The policy isn't attached to the specified target in the specified root."
                    .to_string(),
            });
        }
        if remaining == 0 {
            return Err(WorldError::ConstraintViolationException {
                message: "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED: You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.".to_string(),
            });
        }
        p.targets.retain(|t| t != target);
        Ok(())
    }

    /// DeletePolicy (Organizations): only customer policies that are attached nowhere.
    pub fn delete_org_policy(&mut self, policy: &OrgPolicyId) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        let p = org
            .policies
            .iter()
            .find(|p| &p.id == policy)
            .ok_or_else(policy_not_found)?;
        if p.aws_managed {
            // AWS managed policies cannot be deleted; the simulator's wording.
            return Err(WorldError::ConstraintViolationException {
                message: "You can't delete an AWS managed policy.".to_string(),
            });
        }
        if !p.targets.is_empty() {
            return Err(WorldError::PolicyInUseException {
                message: "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.".to_string(),
            });
        }
        org.policies.retain(|p| &p.id != policy);
        Ok(())
    }
}

fn check_org_policy_json(content: &str) -> Result<(), WorldError> {
    // Read by the policy reader's JSON layer, like every other policy text.
    if crate::sim::policy::json::parse_text(content).is_err() {
        return Err(WorldError::MalformedPolicyDocumentException {
            message: "The provided policy document doesn't meet the requirements of the specified policy type.".to_string(),
        });
    }
    Ok(())
}

/// CreatePolicy and UpdatePolicy refuse a policy over [`MAX_ORG_POLICY_CHARS`] characters.
fn check_org_policy_size(content: &str) -> Result<(), WorldError> {
    if content.chars().count() > MAX_ORG_POLICY_CHARS {
        return Err(WorldError::ConstraintViolationException {
            message: "POLICY_CONTENT_LIMIT_EXCEEDED: You attempted to create a policy that is larger than the maximum size.".to_string(),
        });
    }
    Ok(())
}

fn ou_not_found() -> WorldError {
    WorldError::OrganizationalUnitNotFoundException {
        message: "We can't find an OU with the OrganizationalUnitId that you specified."
            .to_string(),
    }
}

fn policy_not_found() -> WorldError {
    WorldError::PolicyNotFoundException {
        message: "We can't find a policy with the PolicyId that you specified.".to_string(),
    }
}

fn target_not_found() -> WorldError {
    WorldError::TargetNotFoundException {
        message:
            "We can't find a root, OU, account, or policy with the TargetId that you specified."
                .to_string(),
    }
}
