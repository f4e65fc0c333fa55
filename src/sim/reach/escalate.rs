//! Privilege escalation in place: changing one's own (or another identity's) permissions or
//! credentials instead of assuming a role. Ids from pathfinding.cloud
//! (<https://pathfinding.cloud/paths/iam-001> ...); a path the catalogue does not list has none.

use super::graph::Graph;
use super::hops::TargetSide;
use super::start::Start;
use super::Escalation;
use crate::sim::eval::ResourceInfo;
use crate::sim::ids::AccountId;
use crate::sim::world::IdentityId;

/// Every action an escalation below uses.
const ACTIONS: [&str; 13] = [
    "iam:PutRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:AttachUserPolicy",
    "iam:PutGroupPolicy",
    "iam:AttachGroupPolicy",
    "iam:AddUserToGroup",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
];

struct Holder<'h> {
    start: &'h Start,
    arn: String,
    account: AccountId,
    identity: IdentityId,
    /// The actions of [`ACTIONS`] its identity policies could grant, read once: most
    /// principals hold none, and every check of the others is skipped.
    mentioned: Vec<&'static str>,
}

fn finding(id: Option<&str>, h: &Holder<'_>, gains: &str, via: &[&str]) -> Escalation {
    Escalation {
        id: id.map(str::to_string),
        principal: h.arn.clone(),
        gains: gains.to_string(),
        via: via.iter().map(|s| s.to_string()).collect(),
    }
}

/// `arn` in the holder's account, with no policy of its own.
fn target_in_account(h: &Holder<'_>, arn: &str) -> TargetSide {
    TargetSide {
        resource: ResourceInfo {
            arn: arn.to_string(),
            account: h.account.to_string(),
            tags: Default::default(),
        },
        ..TargetSide::default()
    }
}

fn allowed(g: &mut Graph<'_>, h: &Holder<'_>, action: &str, arn: &str) -> bool {
    if !h.mentioned.contains(&action) {
        return false;
    }
    !g.check(h.start, action, &target_in_account(h, arn), &[])
        .is_empty()
}

/// Whether the holder may already perform every action on every resource, with no
/// condition (the check Principal Mapper makes to call a principal an administrator,
/// `*` on `*`): changing permissions gains it nothing, so it holds no escalation.
fn administrator(g: &mut Graph<'_>, h: &Holder<'_>) -> bool {
    g.check(h.start, "*", &target_in_account(h, "*"), &[])
        .iter()
        .any(Vec::is_empty)
}

/// Every escalation `start` (a user or a role session) holds.
pub fn find(g: &mut Graph<'_>, start: &Start) -> Vec<Escalation> {
    let world = g.world;
    let holder = match start {
        Start::User(id) => world.users.get(id).map(|u| Holder {
            start,
            arn: u.arn.clone(),
            account: u.account.clone(),
            identity: IdentityId::User(id.clone()),
            mentioned: Vec::new(),
        }),
        Start::Role(id) => world.roles.get(id).map(|r| Holder {
            start,
            arn: r.arn.clone(),
            account: r.account.clone(),
            identity: IdentityId::Role(id.clone()),
            mentioned: Vec::new(),
        }),
        _ => None,
    };
    let Some(mut h) = holder else {
        return Vec::new();
    };
    h.mentioned = ACTIONS
        .into_iter()
        .filter(|a| g.mentions(start, a))
        .collect();
    if h.mentioned.is_empty() || administrator(g, &h) {
        return Vec::new();
    }
    let mut out = Vec::new();
    own(g, &h, &mut out);
    other_users(g, &h, &mut out);
    other_roles(g, &h, &mut out);
    policies(g, &h, &mut out);
    out
}

/// Policies on oneself: iam-005, iam-007..iam-011, iam-013.
fn own(g: &mut Graph<'_>, h: &Holder<'_>, out: &mut Vec<Escalation>) {
    let world = g.world;
    let (put, attach, put_id, attach_id) = match &h.identity {
        IdentityId::Role(_) => (
            "iam:PutRolePolicy",
            "iam:AttachRolePolicy",
            "iam-005",
            "iam-009",
        ),
        _ => (
            "iam:PutUserPolicy",
            "iam:AttachUserPolicy",
            "iam-007",
            "iam-008",
        ),
    };
    for (action, id) in [(put, put_id), (attach, attach_id)] {
        if allowed(g, h, action, &h.arn) {
            out.push(finding(Some(id), h, &h.arn, &[action]));
        }
    }
    let IdentityId::User(user_id) = &h.identity else {
        return;
    };
    let member_of = world
        .users
        .get(user_id)
        .map(|u| u.groups.clone())
        .unwrap_or_default();
    for group in world.groups.values().filter(|gr| gr.account == h.account) {
        if member_of.contains(&group.group_id) {
            for (action, id) in [
                ("iam:PutGroupPolicy", "iam-011"),
                ("iam:AttachGroupPolicy", "iam-010"),
            ] {
                if allowed(g, h, action, &group.arn) {
                    out.push(finding(Some(id), h, &group.arn, &[action]));
                }
            }
        } else if allowed(g, h, "iam:AddUserToGroup", &group.arn) {
            out.push(finding(
                Some("iam-013"),
                h,
                &group.arn,
                &["iam:AddUserToGroup"],
            ));
        }
    }
}

/// Credentials or policies of another user: iam-002, iam-004, iam-006, iam-015, iam-018.
fn other_users(g: &mut Graph<'_>, h: &Holder<'_>, out: &mut Vec<Escalation>) {
    let world = g.world;
    for user in world
        .users
        .values()
        .filter(|u| u.account == h.account && u.arn != h.arn)
    {
        let keys = allowed(g, h, "iam:CreateAccessKey", &user.arn);
        if keys {
            out.push(finding(
                Some("iam-002"),
                h,
                &user.arn,
                &["iam:CreateAccessKey"],
            ));
        }
        let (login, login_id) = if user.console_password {
            ("iam:UpdateLoginProfile", "iam-006")
        } else {
            ("iam:CreateLoginProfile", "iam-004")
        };
        if allowed(g, h, login, &user.arn) {
            out.push(finding(Some(login_id), h, &user.arn, &[login]));
        }
        for (action, id) in [
            ("iam:PutUserPolicy", "iam-018"),
            ("iam:AttachUserPolicy", "iam-015"),
        ] {
            if allowed(g, h, action, &user.arn) {
                let (id, via) = if keys {
                    (Some(id), vec![action, "iam:CreateAccessKey"])
                } else {
                    (None, vec![action])
                };
                out.push(finding(id, h, &user.arn, &via));
            }
        }
    }
}

/// Another role's permissions or trust: iam-012, iam-014, iam-017, iam-019, iam-021.
fn other_roles(g: &mut Graph<'_>, h: &Holder<'_>, out: &mut Vec<Escalation>) {
    let world = g.world;
    // The holder's hops are needed only when it may change a role's policy.
    let mut hops = None;
    for role in world
        .roles
        .values()
        .filter(|r| r.account == h.account && r.arn != h.arn)
    {
        let trust = allowed(g, h, "iam:UpdateAssumeRolePolicy", &role.arn);
        if trust {
            out.push(finding(
                Some("iam-012"),
                h,
                &role.arn,
                &["iam:UpdateAssumeRolePolicy"],
            ));
        }
        let combos = [
            ("iam:PutRolePolicy", "iam-017", "iam-021"),
            ("iam:AttachRolePolicy", "iam-014", "iam-019"),
        ];
        for (action, with_assume, with_trust) in combos {
            if !allowed(g, h, action, &role.arn) {
                continue;
            }
            let hops = hops.get_or_insert_with(|| g.hops_from(h.start));
            let assume = hops
                .iter()
                .any(|(id, hop)| *id == role.role_id && hop.via == "sts:AssumeRole");
            let (id, via) = if assume {
                (Some(with_assume), vec![action, "sts:AssumeRole"])
            } else if trust {
                (Some(with_trust), vec![action, "iam:UpdateAssumeRolePolicy"])
            } else {
                (None, vec![action])
            };
            out.push(finding(id, h, &role.arn, &via));
        }
    }
}

/// New or older versions of customer managed policies: iam-001 for a policy attached to the
/// holder; `iam:SetDefaultPolicyVersion` has no catalogue id.
fn policies(g: &mut Graph<'_>, h: &Holder<'_>, out: &mut Vec<Escalation>) {
    let world = g.world;
    let attached: Vec<String> = match &h.identity {
        IdentityId::User(id) => world.identity_policies_for_user(id),
        IdentityId::Role(id) => world.identity_policies_for_role(id),
        IdentityId::Group(_) => Vec::new(),
    }
    .into_iter()
    .filter_map(|p| p.arn)
    .collect();
    for policy in world.policies.values().filter(|p| p.account == h.account) {
        let own = attached.contains(&policy.arn);
        if allowed(g, h, "iam:CreatePolicyVersion", &policy.arn) {
            let id = own.then_some("iam-001");
            out.push(finding(id, h, &policy.arn, &["iam:CreatePolicyVersion"]));
        }
        if policy.versions.len() > 1 && allowed(g, h, "iam:SetDefaultPolicyVersion", &policy.arn) {
            out.push(finding(
                None,
                h,
                &policy.arn,
                &["iam:SetDefaultPolicyVersion"],
            ));
        }
    }
}
