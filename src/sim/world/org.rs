//! AWS Organizations: root, nested OUs, member accounts, and SCPs/RCPs attached at each level.
//!
//! Ids and defaults: <https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html>,
//! FullAWSAccess (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html>)
//! and RCPFullAWSAccess (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html>)
//! are attached to the root, every OU and every account when the policy type is enabled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::ids::{AccountId, OrgPolicyId, OrganizationId, OuId, RootId};

pub mod ops;

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

    pub(crate) fn target_exists(&self, target: &OrgTarget) -> bool {
        match target {
            OrgTarget::Root => true,
            OrgTarget::Ou(id) => self.ous.iter().any(|o| &o.id == id),
            OrgTarget::Account(a) => self.accounts.contains_key(a),
        }
    }

    pub(crate) fn attach_full_access(&mut self, target: OrgTarget) {
        for p in self.policies.iter_mut().filter(|p| p.aws_managed) {
            if !p.targets.contains(&target) {
                p.targets.push(target.clone());
            }
        }
    }
}
