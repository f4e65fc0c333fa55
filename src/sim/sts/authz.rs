//! From the world and a caller to `sim::eval` requests: the caller's identity policies,
//! boundary, session policies, SCPs/RCPs, principal facts and context keys.

use super::caller::Caller;
use super::session::{Session, SessionOrigin, SessionPrincipal};
use crate::sim::eval::{
    ContextValue, EvalRequest, NamedPolicy, Organization, PrincipalInfo, ResourceInfo, SessionInfo,
};
use crate::sim::ids::{AccountId, UserId};
use crate::sim::policy::{parse, PolicyKind};
use crate::sim::time::SimTime;
use crate::sim::world::{IdentityPolicy, OrgParent, OrgPolicyType, Role, World};
use std::collections::BTreeMap;

/// Parses a stored policy; a document that does not parse is left out (the world's editor
/// already reports it), so it can neither allow nor deny.
/// A role as the resource of an STS call: its ARN, account and tags, so a trust policy's
/// `aws:ResourceTag/...` conditions read the role's tags whichever API assumes it.
pub fn role_resource(role: &Role) -> ResourceInfo {
    ResourceInfo {
        arn: role.arn.clone(),
        account: role.account.to_string(),
        tags: tags_map(role.tags.iter().map(|t| (t.key.clone(), t.value.clone()))),
    }
}

pub fn named(name: &str, text: &str, kind: PolicyKind) -> Option<NamedPolicy> {
    parse(text, kind).policy.map(|policy| NamedPolicy {
        name: name.to_string(),
        policy,
    })
}

fn identity(p: &IdentityPolicy, kind: PolicyKind) -> Option<NamedPolicy> {
    named(p.arn.as_deref().unwrap_or(&p.name), &p.text, kind)
}

/// The policies that decide what a caller may do: identity policies, boundary, session
/// policies. Root has none (it is allowed everything in its account by the evaluator).
pub struct IdentitySide {
    /// User (+ groups) or role policies.
    pub identity_policies: Vec<NamedPolicy>,
    /// The user's or role's permissions boundary.
    pub permissions_boundary: Option<NamedPolicy>,
    /// The session's inline and managed session policies.
    pub session_policies: Vec<NamedPolicy>,
}

/// Collects the identity side for `caller`.
pub fn identity_side(world: &World, caller: &Caller) -> IdentitySide {
    let mut side = IdentitySide {
        identity_policies: Vec::new(),
        permissions_boundary: None,
        session_policies: Vec::new(),
    };
    let user = |id: &str, side: &mut IdentitySide| {
        let id = UserId::new(id);
        side.identity_policies = world
            .identity_policies_for_user(&id)
            .iter()
            .filter_map(|p| identity(p, PolicyKind::Identity))
            .collect();
        side.permissions_boundary = world
            .permissions_boundary_for_user(&id)
            .and_then(|p| identity(&p, PolicyKind::PermissionsBoundary));
    };
    match caller {
        Caller::Root { .. } => {}
        Caller::Outside { .. } => {
            side.identity_policies = named(
                "permissions outside the simulation",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                PolicyKind::Identity,
            )
            .into_iter()
            .collect();
        }
        Caller::User { user_id, .. } => user(user_id, &mut side),
        Caller::Session(s) => match &s.principal {
            SessionPrincipal::User { user_id, .. } => user(user_id.as_str(), &mut side),
            SessionPrincipal::Root { .. } => {}
            SessionPrincipal::Role { role_id: id, .. } => {
                side.identity_policies = world
                    .identity_policies_for_role(id)
                    .iter()
                    .filter_map(|p| identity(p, PolicyKind::Identity))
                    .collect();
                side.permissions_boundary = world
                    .permissions_boundary_for_role(id)
                    .and_then(|p| identity(&p, PolicyKind::PermissionsBoundary));
                side.session_policies = session_policies(world, s);
            }
        },
    }
    side
}

/// A session's inline policy and managed session policies, parsed.
pub fn session_policies(world: &World, s: &Session) -> Vec<NamedPolicy> {
    let mut out: Vec<NamedPolicy> = s
        .session_policy
        .iter()
        .filter_map(|text| named("session policy", text, PolicyKind::Session))
        .collect();
    for arn in &s.session_policy_arns {
        if let Some((_, text)) = world.managed_policy_document(arn) {
            out.extend(named(arn, text, PolicyKind::Session));
        }
    }
    out
}

/// The organization's SCPs (or RCPs) for `account`, one list per level from the root down.
pub fn org_levels(world: &World, account: &str, t: OrgPolicyType) -> Vec<Vec<NamedPolicy>> {
    let Some(levels) = world.org_policies_for_account(&AccountId::new(account), t) else {
        return Vec::new();
    };
    let kind = match t {
        OrgPolicyType::ResourceControlPolicy => PolicyKind::Rcp,
        _ => PolicyKind::Scp,
    };
    levels
        .iter()
        .map(|l| {
            l.policies
                .iter()
                .filter_map(|(name, text)| named(name, text, kind))
                .collect()
        })
        .collect()
}

/// The organization facts the evaluator needs (`aws:PrincipalOrgID`, management account).
pub fn organization(world: &World) -> Option<Organization> {
    let org = world.organization.as_ref()?;
    let accounts = crate::sim::sorting::map_of(org.accounts.iter().map(|(account, parent)| {
        let mut path = format!("{}/{}/", org.id, org.root_id);
        if let OrgParent::Ou(_) = parent {
            for ou in org.ou_chain(parent) {
                path.push_str(&format!("{}/", ou.id));
            }
        }
        (account.to_string(), path)
    }));
    Some(Organization {
        id: org.id.to_string(),
        management_account: org.management_account.to_string(),
        accounts,
    })
}

fn tags_map(tags: impl IntoIterator<Item = (String, String)>) -> BTreeMap<String, String> {
    crate::sim::sorting::map_of(tags)
}

/// Who the caller is, for the evaluator: ARN, account, unique id, tags, session facts.
pub fn principal_info(world: &World, caller: &Caller, now: SimTime) -> PrincipalInfo {
    let user_tags = |id: &str| {
        world
            .users
            .get(&UserId::new(id))
            .map(|u| tags_map(u.tags.iter().map(|t| (t.key.clone(), t.value.clone()))))
            .unwrap_or_default()
    };
    match caller {
        Caller::Outside { account, .. } => PrincipalInfo {
            arn: caller.arn(),
            account: account.clone(),
            ..Default::default()
        },
        Caller::Root { account } => PrincipalInfo {
            arn: caller.arn(),
            account: account.clone(),
            ..Default::default()
        },
        Caller::User {
            user_id, account, ..
        } => PrincipalInfo {
            arn: caller.arn(),
            account: account.clone(),
            id: Some(user_id.clone()),
            tags: user_tags(user_id),
            ..Default::default()
        },
        Caller::Session(s) => {
            let (id, tags, role_arn) = match &s.principal {
                SessionPrincipal::User { user_id, .. } => {
                    (user_id.to_string(), user_tags(user_id.as_str()), None)
                }
                SessionPrincipal::Root { account, .. } => {
                    (account.to_string(), BTreeMap::new(), None)
                }
                SessionPrincipal::Role {
                    role_id, role_arn, ..
                } => {
                    let tags = world
                        .roles
                        .get(role_id)
                        .map(|r| tags_map(r.tags.iter().map(|t| (t.key.clone(), t.value.clone()))))
                        .unwrap_or_default();
                    (role_id.to_string(), tags, Some(role_arn.clone()))
                }
            };
            PrincipalInfo {
                arn: caller.arn(),
                account: s.account.clone(),
                id: Some(id),
                tags,
                session: Some(session_info(s, role_arn, now)),
                service: None,
            }
        }
    }
}

fn session_info(s: &Session, role_arn: Option<String>, now: SimTime) -> SessionInfo {
    let federated_provider = match &s.origin {
        SessionOrigin::WebIdentity { provider_arn } | SessionOrigin::Saml { provider_arn } => {
            Some(provider_arn.clone())
        }
        _ => None,
    };
    SessionInfo {
        role_arn,
        tags: tags_map(s.tags.iter().map(|t| (t.key.clone(), t.value.clone()))),
        source_identity: s.source_identity.clone(),
        mfa: s.mfa_present,
        mfa_age_seconds: s
            .mfa_authenticated_at
            .and_then(|at| u64::try_from(now.since(at).as_secs()).ok()),
        token_issue_time: Some(s.issued_at.to_iso8601()),
        federated_provider,
    }
}

/// A single-valued context key.
pub fn single(v: impl Into<String>) -> ContextValue {
    ContextValue::Single(v.into())
}

/// The full request for `caller` doing `action` on `resource_arn` (owned by
/// `resource_account`), with the resource's policy if it has one.
pub fn request(
    world: &World,
    caller: &Caller,
    action: &str,
    resource: ResourceInfo,
    resource_policy: Option<NamedPolicy>,
    mut context: BTreeMap<String, ContextValue>,
    now: SimTime,
) -> EvalRequest {
    let side = identity_side(world, caller);
    context
        .entry("aws:CurrentTime".to_string())
        .or_insert_with(|| single(now.to_iso8601()));
    let rcps = org_levels(
        world,
        &resource.account,
        OrgPolicyType::ResourceControlPolicy,
    );
    EvalRequest {
        principal: principal_info(world, caller, now),
        action: action.to_string(),
        scps: org_levels(world, caller.account(), OrgPolicyType::ServiceControlPolicy),
        rcps,
        resource,
        context,
        identity_policies: side.identity_policies,
        resource_policy,
        permissions_boundary: side.permissions_boundary,
        session_policies: side.session_policies,
        organization: organization(world),
    }
}
