//! The rules a consistent world keeps, checked on demand (after loading a hand-edited file,
//! and by the property tests after every operation).

use std::collections::BTreeSet;

use super::entities::iam_arn;
use super::org::{OrgParent, OrgTarget};
use super::{World, GROUPS_PER_USER, MANAGED_POLICIES_PER_ENTITY};
use crate::sim::ids::AccountId;

impl World {
    /// Every broken rule, in plain words; empty when the world is consistent.
    pub fn check_invariants(&self) -> Vec<String> {
        let mut problems = Vec::new();
        self.check_iam_entities(&mut problems);
        self.check_unique_names(&mut problems);
        self.check_workloads(&mut problems);
        self.check_organization(&mut problems);
        problems
    }

    fn check_attachments(
        &self,
        who: &str,
        account: &AccountId,
        arns: &[String],
        out: &mut Vec<String>,
    ) {
        if arns.len() > MANAGED_POLICIES_PER_ENTITY {
            out.push(format!(
                "{who} has {} managed policies attached",
                arns.len()
            ));
        }
        let distinct: BTreeSet<&String> = arns.iter().collect();
        if distinct.len() != arns.len() {
            out.push(format!("{who} has a managed policy attached twice"));
        }
        for arn in arns {
            if !self.policy_attachable(arn, account) {
                out.push(format!(
                    "{who} has {arn} attached, which is not attachable there"
                ));
            }
        }
    }

    fn check_iam_entities(&self, out: &mut Vec<String>) {
        let mut key_ids = BTreeSet::new();
        for (id, u) in &self.users {
            let who = format!("user {}", u.user_name);
            if id != &u.user_id || !self.accounts.contains_key(&u.account) {
                out.push(format!("{who} is filed under the wrong id or account"));
            }
            if u.arn != iam_arn("user", &u.account, &u.path, &u.user_name) {
                out.push(format!("{who} has a stale ARN {}", u.arn));
            }
            if u.groups.len() > GROUPS_PER_USER {
                out.push(format!("{who} is in {} groups", u.groups.len()));
            }
            for g in &u.groups {
                if self.groups.get(g).is_none_or(|g| g.account != u.account) {
                    out.push(format!(
                        "{who} is in group {g}, which is not in its account"
                    ));
                }
            }
            self.check_attachments(&who, &u.account, &u.attached_policies, out);
            if let Some(b) = &u.permissions_boundary {
                if !self.policy_attachable(b, &u.account) {
                    out.push(format!("{who} has boundary {b}, which is not usable there"));
                }
            }
            if u.access_keys.len() > super::ACCESS_KEYS_PER_USER {
                out.push(format!("{who} has {} access keys", u.access_keys.len()));
            }
            for k in &u.access_keys {
                if !key_ids.insert(k.access_key_id.clone()) {
                    out.push(format!(
                        "access key {} belongs to two users",
                        k.access_key_id
                    ));
                }
            }
        }
        for (id, g) in &self.groups {
            let who = format!("group {}", g.group_name);
            if id != &g.group_id || !self.accounts.contains_key(&g.account) {
                out.push(format!("{who} is filed under the wrong id or account"));
            }
            if g.arn != iam_arn("group", &g.account, &g.path, &g.group_name) {
                out.push(format!("{who} has a stale ARN {}", g.arn));
            }
            self.check_attachments(&who, &g.account, &g.attached_policies, out);
        }
        for (id, r) in &self.roles {
            let who = format!("role {}", r.role_name);
            if id != &r.role_id || !self.accounts.contains_key(&r.account) {
                out.push(format!("{who} is filed under the wrong id or account"));
            }
            if r.arn != iam_arn("role", &r.account, &r.path, &r.role_name) {
                out.push(format!("{who} has a stale ARN {}", r.arn));
            }
            self.check_attachments(&who, &r.account, &r.attached_policies, out);
            if !(3600..=43200).contains(&r.max_session_duration) {
                out.push(format!(
                    "{who} has MaxSessionDuration {}",
                    r.max_session_duration
                ));
            }
        }
        for (id, p) in &self.policies {
            if id != &p.policy_id || p.arn != iam_arn("policy", &p.account, &p.path, &p.policy_name)
            {
                out.push(format!(
                    "policy {} is filed wrongly or has a stale ARN",
                    p.policy_name
                ));
            }
            if !p
                .versions
                .iter()
                .any(|v| v.version_id == p.default_version_id)
            {
                out.push(format!("policy {} has no default version", p.policy_name));
            }
        }
    }

    fn check_unique_names(&self, out: &mut Vec<String>) {
        let mut seen = BTreeSet::new();
        let names = self
            .users
            .values()
            .map(|u| ("user", &u.account, &u.user_name))
            .chain(
                self.groups
                    .values()
                    .map(|g| ("group", &g.account, &g.group_name)),
            )
            .chain(
                self.roles
                    .values()
                    .map(|r| ("role", &r.account, &r.role_name)),
            )
            .chain(
                self.policies
                    .values()
                    .map(|p| ("policy", &p.account, &p.policy_name)),
            )
            .chain(
                self.instance_profiles
                    .values()
                    .map(|p| ("instance profile", &p.account, &p.instance_profile_name)),
            );
        for (kind, account, name) in names {
            if !seen.insert((kind, account.clone(), name.to_ascii_lowercase())) {
                out.push(format!("two {kind}s named {name} in account {account}"));
            }
        }
    }

    fn check_workloads(&self, out: &mut Vec<String>) {
        for p in self.instance_profiles.values() {
            if let Some(r) = &p.role {
                if self.roles.get(r).is_none_or(|r| r.account != p.account) {
                    out.push(format!(
                        "instance profile {} holds a role outside its account",
                        p.instance_profile_name
                    ));
                }
            }
        }
        for i in self.ec2_instances.values() {
            if let Some(p) = &i.instance_profile {
                if self
                    .instance_profiles
                    .get(p)
                    .is_none_or(|p| p.account != i.account)
                {
                    out.push(format!(
                        "instance {} uses a missing instance profile",
                        i.instance_id
                    ));
                }
            }
        }
        for f in &self.lambda_functions {
            if let Some(r) = &f.execution_role {
                if !self.roles.contains_key(r) {
                    out.push(format!(
                        "function {} runs as a missing role",
                        f.function_name
                    ));
                }
            }
        }
        let mut task_ids = BTreeSet::new();
        for t in &self.ecs_tasks {
            if t.task_id.as_str().is_empty() || !task_ids.insert(&t.task_id) {
                out.push(format!("task {} has no id of its own", t.family));
            }
        }
        for r in &self.resources {
            if !self.accounts.contains_key(&r.account) {
                out.push(format!("resource {} belongs to a missing account", r.arn));
            }
        }
    }

    fn check_organization(&self, out: &mut Vec<String>) {
        let Some(org) = &self.organization else {
            return;
        };
        if !org.accounts.contains_key(&org.management_account) {
            out.push("the management account is not in its organization".to_string());
        }
        let parent_ok = |p: &OrgParent| match p {
            OrgParent::Root => true,
            OrgParent::Ou(id) => org.ous.iter().any(|o| &o.id == id),
        };
        for (account, parent) in &org.accounts {
            if !self.accounts.contains_key(account) || !parent_ok(parent) {
                out.push(format!(
                    "account {account} is misplaced in the organization"
                ));
            }
        }
        for ou in &org.ous {
            if !parent_ok(&ou.parent) {
                out.push(format!("OU {} has a missing parent", ou.name));
            }
        }
        for p in &org.policies {
            for t in &p.targets {
                let exists = match t {
                    OrgTarget::Root => true,
                    OrgTarget::Ou(id) => org.ous.iter().any(|o| &o.id == id),
                    OrgTarget::Account(a) => org.accounts.contains_key(a),
                };
                if !exists {
                    out.push(format!("policy {} is attached to a missing target", p.name));
                }
            }
        }
    }
}
