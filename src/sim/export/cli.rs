//! An AWS CLI script that builds the world's IAM in empty accounts, in dependency order:
//! managed policies, groups, users (then memberships), roles (each after the roles its trust
//! policy names), instance profiles. Every argument is single-quoted for the shell.

use std::collections::BTreeMap;

use serde_json::json;

use super::{policy_value, roles_in_trust_order};
use crate::sim::ids::AccountId;
use crate::sim::world::{Tag, World};

/// `text` as one single-quoted shell word: a `'` inside becomes `'\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// A policy as compact JSON, one shell word.
fn doc(text: &str) -> String {
    shell_quote(&policy_value(text).to_string())
}

fn tags(t: &[Tag]) -> String {
    if t.is_empty() {
        return String::new();
    }
    let list: Vec<_> = t
        .iter()
        .map(|t| json!({ "Key": t.key, "Value": t.value }))
        .collect();
    format!(
        " --tags {}",
        shell_quote(&serde_json::Value::Array(list).to_string())
    )
}

fn boundary(b: &Option<String>) -> String {
    b.as_deref()
        .map(|b| format!(" --permissions-boundary {}", shell_quote(b)))
        .unwrap_or_default()
}

/// `put-KIND-policy` and `attach-KIND-policy` lines of one identity.
fn policies(
    out: &mut Vec<String>,
    kind: &str,
    name: &str,
    inline: &BTreeMap<String, String>,
    attached: &[String],
) {
    let n = shell_quote(name);
    for (p, text) in inline {
        out.push(format!(
            "aws iam put-{kind}-policy --{kind}-name {n} --policy-name {} --policy-document {}",
            shell_quote(p),
            doc(text)
        ));
    }
    for arn in attached {
        out.push(format!(
            "aws iam attach-{kind}-policy --{kind}-name {n} --policy-arn {}",
            shell_quote(arn)
        ));
    }
}

fn account_lines(world: &World, account: &AccountId) -> Vec<String> {
    let mut out = Vec::new();
    for p in world.policies.values().filter(|p| &p.account == account) {
        let desc = if p.description.is_empty() {
            String::new()
        } else {
            format!(" --description {}", shell_quote(&p.description))
        };
        out.push(format!(
            "aws iam create-policy --policy-name {} --path {} --policy-document {}{desc}",
            shell_quote(&p.policy_name),
            shell_quote(&p.path),
            doc(p.document())
        ));
    }
    for g in world.groups.values().filter(|g| &g.account == account) {
        out.push(format!(
            "aws iam create-group --group-name {} --path {}",
            shell_quote(&g.group_name),
            shell_quote(&g.path)
        ));
        policies(
            &mut out,
            "group",
            &g.group_name,
            &g.inline_policies,
            &g.attached_policies,
        );
    }
    for u in world.users.values().filter(|u| &u.account == account) {
        out.push(format!(
            "aws iam create-user --user-name {} --path {}{}{}",
            shell_quote(&u.user_name),
            shell_quote(&u.path),
            boundary(&u.permissions_boundary),
            tags(&u.tags)
        ));
        for g in u.groups.iter().filter_map(|g| world.groups.get(g)) {
            out.push(format!(
                "aws iam add-user-to-group --user-name {} --group-name {}",
                shell_quote(&u.user_name),
                shell_quote(&g.group_name)
            ));
        }
        policies(
            &mut out,
            "user",
            &u.user_name,
            &u.inline_policies,
            &u.attached_policies,
        );
    }
    for r in roles_in_trust_order(world, account) {
        let desc = if r.description.is_empty() {
            String::new()
        } else {
            format!(" --description {}", shell_quote(&r.description))
        };
        out.push(format!(
            "aws iam create-role --role-name {} --path {} --assume-role-policy-document {} --max-session-duration {}{desc}{}{}",
            shell_quote(&r.role_name), shell_quote(&r.path), doc(&r.trust_policy), r.max_session_duration, boundary(&r.permissions_boundary), tags(&r.tags)
        ));
        policies(
            &mut out,
            "role",
            &r.role_name,
            &r.inline_policies,
            &r.attached_policies,
        );
        for p in world
            .instance_profiles
            .values()
            .filter(|p| p.role.as_ref() == Some(&r.role_id))
        {
            let name = shell_quote(&p.instance_profile_name);
            out.push(format!(
                "aws iam create-instance-profile --instance-profile-name {name} --path {}",
                shell_quote(&p.path)
            ));
            out.push(format!("aws iam add-role-to-instance-profile --instance-profile-name {name} --role-name {}", shell_quote(&r.role_name)));
        }
    }
    out
}

/// The script: one section per account, each to run with that account's credentials.
pub fn cli_script(world: &World) -> String {
    let mut out = String::from("#!/bin/sh\n# IAM Playground export: AWS CLI calls that build this IAM in empty accounts, in dependency order.\n# Only IAM: no access keys, passwords or MFA devices. Managed policies get their default version only.\nset -eu\n");
    for account in world.accounts.keys() {
        out.push_str(&format!(
            "\n# Account {account}: run this part with credentials of account {account}.\n"
        ));
        for line in account_lines(world, account) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
