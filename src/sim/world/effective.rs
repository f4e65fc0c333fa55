//! The policy texts that bear on a request: a principal's identity policies, its permissions
//! boundary, and the SCPs/RCPs at each level of the organization above an account.
//!
//! What counts: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>
//! (identity-based = the user's inline and attached policies plus those of its groups).

use serde::{Deserialize, Serialize};

use super::org::{OrgPolicyType, OrgTarget};
use super::World;
use crate::sim::ids::{AccountId, RoleId, UserId};
use crate::sim::managed;

/// Where an identity policy comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicySource {
    /// Inline in the user.
    UserInline,
    /// Managed policy attached to the user.
    UserManaged,
    /// Inline in a group the user belongs to.
    GroupInline { group: String },
    /// Managed policy attached to a group the user belongs to.
    GroupManaged { group: String },
    /// Inline in the role.
    RoleInline,
    /// Managed policy attached to the role.
    RoleManaged,
    /// The permissions boundary (a managed policy used as a ceiling, grants nothing by itself).
    PermissionsBoundary,
}

/// One policy text that applies, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityPolicy {
    /// Inline policy name or managed policy name.
    pub name: String,
    /// Where it comes from.
    pub source: PolicySource,
    /// The managed policy ARN (None for inline policies).
    pub arn: Option<String>,
    /// True for `arn:aws:iam::aws:policy/...`.
    pub aws_managed: bool,
    /// JSON text.
    pub text: String,
}

impl IdentityPolicy {
    /// How the console would describe it: `inline policy`, `AWS managed policy`,
    /// `customer managed policy via group Developers`, `permissions boundary`.
    pub fn kind_label(&self) -> String {
        let managed = if self.aws_managed {
            "AWS managed policy"
        } else {
            "customer managed policy"
        };
        match &self.source {
            PolicySource::UserInline | PolicySource::RoleInline => "inline policy".to_string(),
            PolicySource::UserManaged | PolicySource::RoleManaged => managed.to_string(),
            PolicySource::GroupInline { group } => format!("inline policy via group {group}"),
            PolicySource::GroupManaged { group } => format!("{managed} via group {group}"),
            PolicySource::PermissionsBoundary => format!("permissions boundary ({managed})"),
        }
    }
}

/// The SCPs or RCPs attached at one level above an account: root, an OU, or the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPolicyLevel {
    /// Which level.
    pub target: OrgTarget,
    /// `Root`, the OU's name, or the account id.
    pub target_name: String,
    /// (policy name, JSON text) of each policy attached there.
    pub policies: Vec<(String, String)>,
}

impl World {
    fn managed_entries(
        &self,
        arns: &[String],
        source: impl Fn() -> PolicySource,
    ) -> Vec<IdentityPolicy> {
        arns.iter()
            .filter_map(|arn| {
                let (name, text) = self.managed_policy_document(arn)?;
                Some(IdentityPolicy {
                    name: name.to_string(),
                    source: source(),
                    arn: Some(arn.clone()),
                    aws_managed: managed::by_arn(arn).is_some()
                        || self.aws_managed_policies.contains_key(arn),
                    text: text.to_string(),
                })
            })
            .collect()
    }

    fn inline_entries(
        inline: &std::collections::BTreeMap<String, String>,
        source: impl Fn() -> PolicySource,
    ) -> Vec<IdentityPolicy> {
        inline
            .iter()
            .map(|(name, text)| IdentityPolicy {
                name: name.clone(),
                source: source(),
                arn: None,
                aws_managed: false,
                text: text.clone(),
            })
            .collect()
    }

    /// The identity-based policies of a user: its inline and attached policies, then each
    /// group's inline and attached policies. Empty if the user does not exist.
    pub fn identity_policies_for_user(&self, id: &UserId) -> Vec<IdentityPolicy> {
        let Some(user) = self.users.get(id) else {
            return Vec::new();
        };
        let mut out = Self::inline_entries(&user.inline_policies, || PolicySource::UserInline);
        out.extend(self.managed_entries(&user.attached_policies, || PolicySource::UserManaged));
        for group in user.groups.iter().filter_map(|g| self.groups.get(g)) {
            let name = group.group_name.clone();
            out.extend(Self::inline_entries(&group.inline_policies, || {
                PolicySource::GroupInline {
                    group: name.clone(),
                }
            }));
            out.extend(self.managed_entries(&group.attached_policies, || {
                PolicySource::GroupManaged {
                    group: name.clone(),
                }
            }));
        }
        out
    }

    /// The identity-based policies of a role: inline, then attached.
    pub fn identity_policies_for_role(&self, id: &RoleId) -> Vec<IdentityPolicy> {
        let Some(role) = self.roles.get(id) else {
            return Vec::new();
        };
        let mut out = Self::inline_entries(&role.inline_policies, || PolicySource::RoleInline);
        out.extend(self.managed_entries(&role.attached_policies, || PolicySource::RoleManaged));
        out
    }

    /// The user's permissions boundary, if one is set.
    pub fn permissions_boundary_for_user(&self, id: &UserId) -> Option<IdentityPolicy> {
        let arn = self.users.get(id)?.permissions_boundary.clone()?;
        self.managed_entries(&[arn], || PolicySource::PermissionsBoundary)
            .into_iter()
            .next()
    }

    /// The role's permissions boundary, if one is set.
    pub fn permissions_boundary_for_role(&self, id: &RoleId) -> Option<IdentityPolicy> {
        let arn = self.roles.get(id)?.permissions_boundary.clone()?;
        self.managed_entries(&[arn], || PolicySource::PermissionsBoundary)
            .into_iter()
            .next()
    }

    /// Where an account sits in the organization (`None` when it is not a member).
    pub fn account_parent(&self, account: &AccountId) -> Option<&super::org::OrgParent> {
        self.organization.as_ref()?.accounts.get(account)
    }

    /// True when `account` is its organization's management account (SCPs and RCPs do not
    /// apply to it: <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html>).
    pub fn is_management_account(&self, account: &AccountId) -> bool {
        self.organization
            .as_ref()
            .is_some_and(|o| &o.management_account == account)
    }

    /// SCPs or RCPs above an account, level by level: root, each OU from the outermost in, then
    /// the account itself. `None` when the account is not in an organization (nothing applies).
    /// A request is allowed only if every level allows it.
    pub fn org_policies_for_account(
        &self,
        account: &AccountId,
        policy_type: OrgPolicyType,
    ) -> Option<Vec<OrgPolicyLevel>> {
        let org = self.organization.as_ref()?;
        let parent = org.accounts.get(account)?;
        let level = |target: OrgTarget, target_name: String| {
            let policies = org
                .policies
                .iter()
                .filter(|p| p.policy_type == policy_type && p.targets.contains(&target))
                .map(|p| (p.name.clone(), p.content.clone()))
                .collect();
            OrgPolicyLevel {
                target,
                target_name,
                policies,
            }
        };
        let mut levels = vec![level(OrgTarget::Root, "Root".to_string())];
        for ou in org.ou_chain(parent) {
            levels.push(level(OrgTarget::Ou(ou.id.clone()), ou.name.clone()));
        }
        levels.push(level(
            OrgTarget::Account(account.clone()),
            account.to_string(),
        ));
        Some(levels)
    }
}
