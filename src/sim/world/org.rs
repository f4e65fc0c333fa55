//! AWS Organizations: root, nested OUs, member accounts, and SCPs/RCPs attached at each level.
//!
//! Ids and defaults: <https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html>,
//! FullAWSAccess (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html>)
//! and RCPFullAWSAccess (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html>)
//! are attached to the root, every OU and every account when the policy type is enabled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{World, WorldError};
use crate::sim::ids::{AccountId, OrgPolicyId, OrganizationId, OuId, RootId};

/// The AWS managed SCP that allows everything.
pub const FULL_AWS_ACCESS_SCP: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
/// The AWS managed RCP that allows everything.
pub const RCP_FULL_AWS_ACCESS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;

/// Service control policy or resource control policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgPolicyType {
    /// `SERVICE_CONTROL_POLICY`: caps what principals in the accounts may do.
    ServiceControlPolicy,
    /// `RESOURCE_CONTROL_POLICY`: caps what may be done to resources in the accounts.
    ResourceControlPolicy,
}

impl OrgPolicyType {
    /// AWS's constant, e.g. `SERVICE_CONTROL_POLICY`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgPolicyType::ServiceControlPolicy => "SERVICE_CONTROL_POLICY",
            OrgPolicyType::ResourceControlPolicy => "RESOURCE_CONTROL_POLICY",
        }
    }
}

/// Where an account or OU sits: directly under the root or inside an OU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgParent {
    /// Directly under the root.
    Root,
    /// Inside this OU.
    Ou(OuId),
}

/// What a policy can be attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgTarget {
    /// The root.
    Root,
    /// An OU.
    Ou(OuId),
    /// A member account.
    Account(AccountId),
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationalUnit {
    /// `ou-xxxx-xxxxxxxx`.
    pub id: OuId,
    /// 1-128 characters.
    pub name: String,
    /// Root or another OU (OUs nest up to five levels).
    pub parent: OrgParent,
}

/// An SCP or RCP and where it is attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPolicy {
    /// `p-xxxxxxxx` (`p-FullAWSAccess` for the AWS managed one).
    pub id: OrgPolicyId,
    /// Name.
    pub name: String,
    /// SCP or RCP.
    pub policy_type: OrgPolicyType,
    /// JSON text.
    pub content: String,
    /// AWS managed (FullAWSAccess, RCPFullAWSAccess) or customer written.
    pub aws_managed: bool,
    /// Targets it is attached to.
    pub targets: Vec<OrgTarget>,
}

/// An organization: a management account, a root, OUs, member accounts and policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    /// `o-` + 10.
    pub id: OrganizationId,
    /// The account that created the organization; SCPs never restrict it.
    pub management_account: AccountId,
    /// `r-` + 4.
    pub root_id: RootId,
    /// OUs (any nesting).
    pub ous: Vec<OrganizationalUnit>,
    /// Member accounts (the management account included) and where each sits.
    pub accounts: BTreeMap<AccountId, OrgParent>,
    /// SCPs and RCPs.
    pub policies: Vec<OrgPolicy>,
}

impl Organization {
    pub(crate) fn forget_account(&mut self, account: &AccountId) {
        self.accounts.remove(account);
        let target = OrgTarget::Account(account.clone());
        for p in &mut self.policies {
            p.targets.retain(|t| t != &target);
        }
    }

    /// The chain of OUs from the root down to `parent` (outermost first).
    pub fn ou_chain(&self, parent: &OrgParent) -> Vec<&OrganizationalUnit> {
        let mut chain = Vec::new();
        let mut current = parent.clone();
        // An OU cycle cannot be built through the API; the bound guards a hand-edited file.
        for _ in 0..=self.ous.len() {
            let OrgParent::Ou(id) = &current else { break };
            let Some(ou) = self.ous.iter().find(|o| &o.id == id) else {
                break;
            };
            chain.push(ou);
            current = ou.parent.clone();
        }
        chain.reverse();
        chain
    }

    fn target_exists(&self, target: &OrgTarget) -> bool {
        match target {
            OrgTarget::Root => true,
            OrgTarget::Ou(id) => self.ous.iter().any(|o| &o.id == id),
            OrgTarget::Account(a) => self.accounts.contains_key(a),
        }
    }

    fn attach_full_access(&mut self, target: OrgTarget) {
        for p in self.policies.iter_mut().filter(|p| p.aws_managed) {
            if !p.targets.contains(&target) {
                p.targets.push(target.clone());
            }
        }
    }
}

impl World {
    fn org_mut(&mut self) -> Result<&mut Organization, WorldError> {
        self.organization
            .as_mut()
            .ok_or_else(|| WorldError::AWSOrganizationsNotInUseException {
                message: "Your account is not a member of an organization.".to_string(),
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
                message: "The AWS account is already a member of an organization.".to_string(),
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

    /// DeleteOrganizationalUnit: only when it holds no accounts and no OUs.
    pub fn delete_organizational_unit(&mut self, ou: &OuId) -> Result<(), WorldError> {
        let org = self.org_mut()?;
        if !org.ous.iter().any(|o| &o.id == ou) {
            return Err(WorldError::TargetNotFoundException {
                message: "We can't find an organizational unit (OU) with the specified ID."
                    .to_string(),
            });
        }
        let inside = OrgParent::Ou(ou.clone());
        if org.accounts.values().any(|p| p == &inside) || org.ous.iter().any(|o| o.parent == inside)
        {
            return Err(WorldError::OrganizationalUnitNotEmptyException { message: "The specified OU is not empty. Move all accounts to another root or OU, delete all child OUs, and try again.".to_string() });
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
                message: "You can't remove the management account from an organization."
                    .to_string(),
            });
        }
        if !org.accounts.contains_key(account) {
            return Err(WorldError::TargetNotFoundException {
                message: "We can't find an account with the specified ID.".to_string(),
            });
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
        if name.is_empty() || name.chars().count() > 128 {
            return Err(WorldError::validation(
                "Policy names must be 1-128 characters.",
            ));
        }
        check_org_policy_json(content)?;
        // SCP and RCP size limit: 5,120 characters (Organizations quotas page).
        if content.chars().count() > 5120 {
            return Err(WorldError::ConstraintViolationException { message: "You attempted to create a policy that is larger than the maximum size (5,120 characters).".to_string() });
        }
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
        let org = self.org_mut()?;
        let p = org
            .policies
            .iter_mut()
            .find(|p| &p.id == policy)
            .ok_or_else(policy_not_found)?;
        if p.aws_managed {
            return Err(WorldError::ConstraintViolationException {
                message: "You can't modify an AWS managed policy.".to_string(),
            });
        }
        p.content = content.to_string();
        Ok(())
    }

    /// AttachPolicy (Organizations). At most 5 SCPs (or RCPs) per target.
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
                message: "A policy with the same name is already attached to the target."
                    .to_string(),
            });
        }
        if count >= 5 {
            return Err(WorldError::ConstraintViolationException { message: "You have attached the maximum number of policies of this type to the specified target (5).".to_string() });
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
        if p.aws_managed || !p.targets.is_empty() {
            return Err(WorldError::ConstraintViolationException {
                message:
                    "You can't delete a policy that is AWS managed or still attached to a target."
                        .to_string(),
            });
        }
        org.policies.retain(|p| &p.id != policy);
        Ok(())
    }
}

fn check_org_policy_json(content: &str) -> Result<(), WorldError> {
    if serde_json::from_str::<serde_json::Value>(content).is_err() {
        return Err(WorldError::MalformedPolicyDocumentException {
            message: "The provided policy document doesn't meet the requirements of the specified policy type.".to_string(),
        });
    }
    Ok(())
}

fn policy_not_found() -> WorldError {
    WorldError::PolicyNotFoundException {
        message: "We can't find a policy with the PolicyId that you specified.".to_string(),
    }
}

fn target_not_found() -> WorldError {
    WorldError::TargetNotFoundException {
        message:
            "We can't find a root, OU, account, or email with the TargetId that you specified."
                .to_string(),
    }
}
