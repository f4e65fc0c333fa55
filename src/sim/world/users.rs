//! IAM user operations: create, rename, move, delete, group membership, console password,
//! access keys and the virtual MFA device.
//!
//! Quotas: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>
//! (groups per user 10, access keys per user 2).

use std::collections::BTreeMap;

use super::entities::iam_arn;
use super::quotas::AccountQuota;
use super::validate::{same_name, validate_name, validate_path};
use super::{
    AccessKey, AccessKeyStatus, MfaDevice, User, World, WorldError, ACCESS_KEYS_PER_USER,
    GROUPS_PER_USER,
};
use crate::sim::arn::Arn;
use crate::sim::ids::{AccessKeyId, AccountId, GroupId, UserId};

impl World {
    /// CreateUser: a user named `user_name` at `path` in `account`.
    pub fn create_user(
        &mut self,
        account: &AccountId,
        user_name: &str,
        path: &str,
    ) -> Result<UserId, WorldError> {
        validate_name(user_name, "userName", 64)?;
        validate_path(path)?;
        self.require_account(account)?;
        self.check_user_name_free(account, user_name, None)?;
        self.check_account_quota(account, AccountQuota::Users)?;
        let user_id = self.id_gen.user_id();
        let user = User {
            user_id: user_id.clone(),
            account: account.clone(),
            user_name: user_name.to_string(),
            path: path.to_string(),
            arn: iam_arn("user", account, path, user_name),
            tags: Vec::new(),
            groups: Vec::new(),
            attached_policies: Vec::new(),
            inline_policies: BTreeMap::new(),
            permissions_boundary: None,
            console_password: false,
            access_keys: Vec::new(),
            mfa_device: None,
        };
        self.users.insert(user_id.clone(), user);
        Ok(user_id)
    }

    fn check_user_name_free(
        &self,
        account: &AccountId,
        name: &str,
        except: Option<&UserId>,
    ) -> Result<(), WorldError> {
        let taken = self.users.values().any(|u| {
            &u.account == account && same_name(&u.user_name, name) && Some(&u.user_id) != except
        });
        if taken {
            return Err(WorldError::already_exists(format!(
                "User with name {name} already exists."
            )));
        }
        Ok(())
    }

    pub(crate) fn user_mut(&mut self, id: &UserId) -> Result<&mut User, WorldError> {
        self.users.get_mut(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("The user with id {id} cannot be found."))
        })
    }

    /// UpdateUser: new name and/or path. The ARN follows; the unique id stays, and trust and
    /// resource policies naming the user show the new ARN (they hold the unique id).
    pub fn rename_user(
        &mut self,
        id: &UserId,
        new_name: &str,
        new_path: Option<&str>,
    ) -> Result<(), WorldError> {
        validate_name(new_name, "newUserName", 64)?;
        if let Some(path) = new_path {
            validate_path(path)?;
        }
        let account = self.user_mut(id)?.account.clone();
        self.check_user_name_free(&account, new_name, Some(id))?;
        let user = self.user_mut(id)?;
        user.user_name = new_name.to_string();
        if let Some(path) = new_path {
            user.path = path.to_string();
        }
        let old_arn = std::mem::replace(
            &mut user.arn,
            iam_arn("user", &user.account, &user.path, &user.user_name),
        );
        let new_arn = user.arn.clone();
        self.rewrite_principal(&old_arn, &new_arn);
        Ok(())
    }

    /// Moves a user to another account (a playground operation; AWS has none). The ARN changes,
    /// the unique id stays. What cannot cross accounts is dropped: group memberships, attached
    /// customer managed policies and a boundary from the old account, and the MFA device.
    pub fn move_user(&mut self, id: &UserId, to: &AccountId) -> Result<(), WorldError> {
        self.require_account(to)?;
        let name = self.user_mut(id)?.user_name.clone();
        self.check_user_name_free(to, &name, Some(id))?;
        let user = self.user_mut(id)?;
        if &user.account == to {
            return Ok(());
        }
        user.account = to.clone();
        let old_arn = std::mem::replace(
            &mut user.arn,
            iam_arn("user", to, &user.path, &user.user_name),
        );
        user.groups.clear();
        user.attached_policies
            .retain(|arn| policy_usable_in(arn, to));
        if user
            .permissions_boundary
            .as_deref()
            .is_some_and(|arn| !policy_usable_in(arn, to))
        {
            user.permissions_boundary = None;
        }
        user.mfa_device = None;
        let new_arn = user.arn.clone();
        self.rewrite_principal(&old_arn, &new_arn);
        Ok(())
    }

    /// Deletes a user and what hangs on it (keys, memberships, policies, MFA), as the console
    /// does in one step. Trust and resource policies naming it keep the ARN text (the document
    /// marks them dangling); AWS would show the unique id instead, see
    /// [`World::rewrite_principal`].
    pub fn delete_user(&mut self, id: &UserId) -> Result<(), WorldError> {
        self.users.remove(id).map(|_| ()).ok_or_else(|| {
            WorldError::no_such_entity(format!("The user with id {id} cannot be found."))
        })
    }

    /// AddUserToGroup. Both must be in the same account; at most 10 groups per user.
    pub fn add_user_to_group(&mut self, user: &UserId, group: &GroupId) -> Result<(), WorldError> {
        let user_account = self.user_mut(user)?.account.clone();
        if self
            .groups
            .get(group)
            .is_none_or(|g| g.account != user_account)
        {
            return Err(WorldError::no_such_entity(format!(
                "The group with id {group} cannot be found."
            )));
        }
        let u = self.user_mut(user)?;
        if u.groups.contains(group) {
            return Ok(());
        }
        if u.groups.len() >= GROUPS_PER_USER {
            return Err(WorldError::limit_exceeded(format!(
                "Cannot exceed quota for GroupsPerUser: {GROUPS_PER_USER}"
            )));
        }
        u.groups.push(group.clone());
        Ok(())
    }

    /// RemoveUserFromGroup.
    pub fn remove_user_from_group(
        &mut self,
        user: &UserId,
        group: &GroupId,
    ) -> Result<(), WorldError> {
        if !self.groups.contains_key(group) {
            return Err(WorldError::no_such_entity(format!(
                "The group with id {group} cannot be found."
            )));
        }
        let u = self.user_mut(user)?;
        // IAM's RemoveUserFromGroup answer when the user is not a member.
        if !u.groups.contains(group) {
            return Err(WorldError::no_such_entity(format!(
                "The user with name {} cannot be found.",
                u.user_name
            )));
        }
        u.groups.retain(|g| g != group);
        Ok(())
    }

    /// CreateLoginProfile / DeleteLoginProfile: give or take the console password.
    pub fn set_console_password(&mut self, user: &UserId, enabled: bool) -> Result<(), WorldError> {
        let u = self.user_mut(user)?;
        match (u.console_password, enabled) {
            (true, true) => Err(WorldError::already_exists(format!(
                "Login Profile for user {} already exists.",
                u.user_name
            ))),
            (false, false) => Err(WorldError::no_such_entity(format!(
                "Login Profile for User {} cannot be found.",
                u.user_name
            ))),
            _ => {
                u.console_password = enabled;
                Ok(())
            }
        }
    }

    /// CreateAccessKey: a new Active key; at most 2 per user. Returns the key (with its secret).
    pub fn create_access_key(
        &mut self,
        user: &UserId,
        now_epoch_secs: u64,
    ) -> Result<AccessKey, WorldError> {
        let count = self.user_mut(user)?.access_keys.len();
        if count >= ACCESS_KEYS_PER_USER {
            return Err(WorldError::limit_exceeded(format!(
                "Cannot exceed quota for AccessKeysPerUser: {ACCESS_KEYS_PER_USER}"
            )));
        }
        let key = AccessKey {
            access_key_id: self.id_gen.access_key_id(),
            secret_access_key: self.id_gen.secret_access_key(),
            status: AccessKeyStatus::Active,
            created_at: now_epoch_secs,
        };
        self.user_mut(user)?.access_keys.push(key.clone());
        Ok(key)
    }

    fn access_key_mut(
        &mut self,
        user: &UserId,
        key: &AccessKeyId,
    ) -> Result<&mut AccessKey, WorldError> {
        self.user_mut(user)?
            .access_keys
            .iter_mut()
            .find(|k| &k.access_key_id == key)
            .ok_or_else(|| {
                WorldError::no_such_entity(format!("The Access Key with id {key} cannot be found."))
            })
    }

    /// UpdateAccessKey: Active or Inactive.
    pub fn set_access_key_status(
        &mut self,
        user: &UserId,
        key: &AccessKeyId,
        status: AccessKeyStatus,
    ) -> Result<(), WorldError> {
        self.access_key_mut(user, key)?.status = status;
        Ok(())
    }

    /// DeleteAccessKey.
    pub fn delete_access_key(
        &mut self,
        user: &UserId,
        key: &AccessKeyId,
    ) -> Result<(), WorldError> {
        self.access_key_mut(user, key)?;
        self.user_mut(user)?
            .access_keys
            .retain(|k| &k.access_key_id != key);
        Ok(())
    }

    /// Rotation as AWS recommends it, in one step: create a new key, deactivate the old one.
    /// Fails with AWS's quota error if the user already has two keys.
    pub fn rotate_access_key(
        &mut self,
        user: &UserId,
        old: &AccessKeyId,
        now_epoch_secs: u64,
    ) -> Result<AccessKey, WorldError> {
        self.access_key_mut(user, old)?;
        let new_key = self.create_access_key(user, now_epoch_secs)?;
        self.set_access_key_status(user, old, AccessKeyStatus::Inactive)?;
        Ok(new_key)
    }

    /// CreateVirtualMFADevice + EnableMFADevice: serial `arn:aws:iam::ACCOUNT:mfa/NAME`.
    pub fn enable_mfa_device(
        &mut self,
        user: &UserId,
        device_name: &str,
    ) -> Result<MfaDevice, WorldError> {
        validate_name(device_name, "virtualMFADeviceName", 226)?;
        let u = self.user_mut(user)?;
        if u.mfa_device.is_some() {
            return Err(WorldError::limit_exceeded(format!(
                "Cannot exceed quota for MFADevicesPerUser: 1 (user {})",
                u.user_name
            )));
        }
        let serial = Arn::iam_mfa(u.account.as_str(), "/", device_name).to_string();
        let taken = self.users.values().any(|o| {
            o.mfa_device
                .as_ref()
                .is_some_and(|d| same_name(&d.serial_number, &serial))
        });
        if taken {
            return Err(WorldError::already_exists(
                "MFADevice entity at the same path and name already exists.",
            ));
        }
        let device = MfaDevice {
            serial_number: serial,
            seed: self.id_gen.mfa_seed(),
        };
        self.user_mut(user)?.mfa_device = Some(device.clone());
        Ok(device)
    }

    /// DeactivateMFADevice + DeleteVirtualMFADevice.
    pub fn disable_mfa_device(&mut self, user: &UserId) -> Result<(), WorldError> {
        let u = self.user_mut(user)?;
        if u.mfa_device.take().is_none() {
            return Err(WorldError::no_such_entity(format!(
                "MFA Device for user {} cannot be found.",
                u.user_name
            )));
        }
        Ok(())
    }

    /// Finds the user owning a long-term access key (what STS does with a signed request).
    pub fn user_by_access_key(&self, key: &str) -> Option<(&User, &AccessKey)> {
        self.users.values().find_map(|u| {
            u.access_keys
                .iter()
                .find(|k| k.access_key_id.as_str() == key)
                .map(|k| (u, k))
        })
    }
}

/// AWS managed policies can be attached anywhere; a customer managed one only in its account.
pub(crate) fn policy_usable_in(policy_arn: &str, account: &AccountId) -> bool {
    match Arn::parse(policy_arn) {
        Ok(arn) => arn.account == "aws" || arn.account == account.as_str(),
        Err(_) => false,
    }
}
