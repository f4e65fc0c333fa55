//! Per-account IAM quotas (the defaults of "IAM object quotas":
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entities>).

use super::{World, WorldError};
use crate::sim::ids::AccountId;

/// IAM users per account.
pub const USERS_PER_ACCOUNT: usize = 5000;
/// Groups per account.
pub const GROUPS_PER_ACCOUNT: usize = 300;
/// Roles per account (default, adjustable).
pub const ROLES_PER_ACCOUNT: usize = 1000;
/// Customer managed policies per account (default, adjustable).
pub const POLICIES_PER_ACCOUNT: usize = 1500;
/// Instance profiles per account (default, adjustable).
pub const INSTANCE_PROFILES_PER_ACCOUNT: usize = 1000;

/// Which per-account count a create operation consumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountQuota {
    /// `UsersPerAccount`.
    Users,
    /// `GroupsPerAccount`.
    Groups,
    /// `RolesPerAccount`.
    Roles,
    /// `PoliciesPerAccount`.
    Policies,
    /// `InstanceProfilesPerAccount`.
    InstanceProfiles,
}

impl AccountQuota {
    /// IAM's quota name and value, as printed in `Cannot exceed quota for NAME: VALUE`.
    pub fn name_and_limit(self) -> (&'static str, usize) {
        match self {
            AccountQuota::Users => ("UsersPerAccount", USERS_PER_ACCOUNT),
            AccountQuota::Groups => ("GroupsPerAccount", GROUPS_PER_ACCOUNT),
            AccountQuota::Roles => ("RolesPerAccount", ROLES_PER_ACCOUNT),
            AccountQuota::Policies => ("PoliciesPerAccount", POLICIES_PER_ACCOUNT),
            AccountQuota::InstanceProfiles => {
                ("InstanceProfilesPerAccount", INSTANCE_PROFILES_PER_ACCOUNT)
            }
        }
    }
}

impl World {
    /// How many entities of a kind the account holds.
    pub fn account_usage(&self, account: &AccountId, quota: AccountQuota) -> usize {
        match quota {
            AccountQuota::Users => self
                .users
                .values()
                .filter(|u| &u.account == account)
                .count(),
            AccountQuota::Groups => self
                .groups
                .values()
                .filter(|g| &g.account == account)
                .count(),
            AccountQuota::Roles => self
                .roles
                .values()
                .filter(|r| &r.account == account)
                .count(),
            AccountQuota::Policies => self
                .policies
                .values()
                .filter(|p| &p.account == account)
                .count(),
            AccountQuota::InstanceProfiles => self
                .instance_profiles
                .values()
                .filter(|p| &p.account == account)
                .count(),
        }
    }

    /// `LimitExceeded: Cannot exceed quota for UsersPerAccount: 5000` when one more would not fit.
    pub(crate) fn check_account_quota(
        &self,
        account: &AccountId,
        quota: AccountQuota,
    ) -> Result<(), WorldError> {
        let (name, limit) = quota.name_and_limit();
        if self.account_usage(account, quota) >= limit {
            return Err(WorldError::limit_exceeded(format!(
                "Cannot exceed quota for {name}: {limit}"
            )));
        }
        Ok(())
    }
}
