//! IAM user group operations: create, rename, move, delete.
//!
//! GroupName: 1-128 `[\w+=,.@-]+` (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html>).

use std::collections::BTreeMap;

use super::entities::iam_arn;
use super::quotas::AccountQuota;
use super::users::policy_usable_in;
use super::validate::{same_name, validate_name, validate_path};
use super::{Group, World, WorldError};
use crate::sim::ids::{AccountId, GroupId};

impl World {
    /// CreateGroup.
    pub fn create_group(
        &mut self,
        account: &AccountId,
        group_name: &str,
        path: &str,
    ) -> Result<GroupId, WorldError> {
        validate_name(group_name, "groupName", 128)?;
        validate_path(path)?;
        self.require_account(account)?;
        self.check_group_name_free(account, group_name, None)?;
        self.check_account_quota(account, AccountQuota::Groups)?;
        let group_id = self.id_gen.group_id();
        let group = Group {
            group_id: group_id.clone(),
            account: account.clone(),
            group_name: group_name.to_string(),
            path: path.to_string(),
            arn: iam_arn("group", account, path, group_name),
            attached_policies: Vec::new(),
            inline_policies: BTreeMap::new(),
        };
        self.groups.insert(group_id.clone(), group);
        Ok(group_id)
    }

    fn check_group_name_free(
        &self,
        account: &AccountId,
        name: &str,
        except: Option<&GroupId>,
    ) -> Result<(), WorldError> {
        let taken = self.groups.values().any(|g| {
            &g.account == account && same_name(&g.group_name, name) && Some(&g.group_id) != except
        });
        if taken {
            return Err(WorldError::already_exists(format!(
                "Group with name {name} already exists."
            )));
        }
        Ok(())
    }

    pub(crate) fn group_mut(&mut self, id: &GroupId) -> Result<&mut Group, WorldError> {
        self.groups.get_mut(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("The group with id {id} cannot be found."))
        })
    }

    /// UpdateGroup: new name and/or path; the ARN follows, the unique id stays.
    pub fn rename_group(
        &mut self,
        id: &GroupId,
        new_name: &str,
        new_path: Option<&str>,
    ) -> Result<(), WorldError> {
        validate_name(new_name, "newGroupName", 128)?;
        if let Some(path) = new_path {
            validate_path(path)?;
        }
        let account = self.group_mut(id)?.account.clone();
        self.check_group_name_free(&account, new_name, Some(id))?;
        let group = self.group_mut(id)?;
        group.group_name = new_name.to_string();
        if let Some(path) = new_path {
            group.path = path.to_string();
        }
        group.arn = iam_arn("group", &group.account, &group.path, &group.group_name);
        Ok(())
    }

    /// Moves a group to another account (playground operation). Members from the old account
    /// leave it; customer managed policies of the old account are detached.
    pub fn move_group(&mut self, id: &GroupId, to: &AccountId) -> Result<(), WorldError> {
        self.require_account(to)?;
        let name = self.group_mut(id)?.group_name.clone();
        self.check_group_name_free(to, &name, Some(id))?;
        let group = self.group_mut(id)?;
        if &group.account == to {
            return Ok(());
        }
        group.account = to.clone();
        group.arn = iam_arn("group", to, &group.path, &group.group_name);
        group
            .attached_policies
            .retain(|arn| policy_usable_in(arn, to));
        for user in self.users.values_mut() {
            user.groups.retain(|g| g != id);
        }
        Ok(())
    }

    /// Deletes a group after removing its members, as the console does.
    pub fn delete_group(&mut self, id: &GroupId) -> Result<(), WorldError> {
        self.groups.remove(id).ok_or_else(|| {
            WorldError::no_such_entity(format!("The group with id {id} cannot be found."))
        })?;
        for user in self.users.values_mut() {
            user.groups.retain(|g| g != id);
        }
        Ok(())
    }
}
