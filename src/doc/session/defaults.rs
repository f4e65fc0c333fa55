//! The simulator form's defaults: who calls and which role, chosen so the first press of
//! "Assume role" works, from what the trust policies say (their parsed AST, not their text).

use crate::sim::flow::callers::{callers, CallerChoice};
use crate::sim::flow::web_identity::oidc_callers;
use crate::sim::policy::wildcard::action_matches;
use crate::sim::policy::{self, Effect, PolicyKind, PrincipalType, PrincipalValue};
use crate::sim::sts::StsState;
use crate::sim::time::SimTime;
use crate::sim::world::World;

/// What the "Assume role" form starts with in a world.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormDefaults {
    /// The caller's option value ([`caller_value`]), or an identity provider's ARN when
    /// nobody holds an access key.
    pub caller: Option<String>,
    /// The default session name for that caller.
    pub session_name: String,
    /// The role's ARN.
    pub role: Option<String>,
}

/// The option value for a caller: `user:ID` for users (so the choice survives a new key),
/// the credential otherwise.
pub fn caller_value(c: &CallerChoice) -> String {
    match &c.user_id {
        Some(user) => format!("user:{user}"),
        None => c.credential.clone(),
    }
}

/// The option value for an OpenID Connect provider as caller: `oidc:ISSUER`.
pub fn provider_value(issuer: &str) -> String {
    format!("oidc:{issuer}")
}

/// The first caller holding a key, and the first role whose trust policy lets that caller's
/// ARN (or its account: `arn:aws:iam::ACCOUNT:root` or the bare account id, which AWS reads
/// the same way, "AWS account principals" in
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>)
/// assume it; without any key holder, the first OpenID Connect
/// provider and a role that trusts it. Otherwise the first role.
pub fn form_defaults(world: &World, sts: &StsState, now: SimTime) -> FormDefaults {
    let first_role = world.roles.values().next().map(|r| r.arn.clone());
    let choices = callers(world, sts, now);
    if let Some(c) = choices.iter().find(|c| !c.credential.is_empty()) {
        let trusted = world
            .user_by_access_key(&c.credential)
            .and_then(|(user, _)| {
                let account = user.account.to_string();
                let root = format!("arn:aws:iam::{account}:root");
                role_trusting(world, PrincipalType::Aws, &[&user.arn])
                    .or_else(|| role_trusting(world, PrincipalType::Aws, &[&root, &account]))
            });
        return FormDefaults {
            caller: Some(caller_value(c)),
            session_name: c.session_name.clone(),
            role: trusted.or(first_role),
        };
    }
    if let Some(o) = oidc_callers(world).first() {
        return FormDefaults {
            caller: Some(provider_value(&o.issuer)),
            session_name: String::new(),
            role: role_trusting(world, PrincipalType::Federated, &[&o.provider_arn]).or(first_role),
        };
    }
    FormDefaults {
        role: first_role,
        ..FormDefaults::default()
    }
}

/// The first role (in the world's order) whose trust policy has an `Allow` statement for an
/// `sts:AssumeRole*` action naming one of `principals` under `kind`.
pub fn role_trusting(world: &World, kind: PrincipalType, principals: &[&str]) -> Option<String> {
    world
        .roles
        .values()
        .find(|r| trusts(&r.trust_policy, kind, principals))
        .map(|r| r.arn.clone())
}

/// Whether the trust policy text names one of `principals` in an allowing statement.
fn trusts(text: &str, kind: PrincipalType, principals: &[&str]) -> bool {
    let Some(p) = policy::parse(text, PolicyKind::Trust).policy else {
        return false;
    };
    p.statements.iter().any(|s| {
        let assumes = !s.action.negated
            && s.action.values.items.iter().any(|a| {
                ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]
                    .iter()
                    .any(|api| action_matches(a, api))
            });
        let names = match s.principal.as_ref() {
            Some(b) if !b.negated => match &b.value {
                PrincipalValue::Any => false,
                PrincipalValue::Map(m) => m.iter().any(|(t, v)| {
                    *t == kind && v.items.iter().any(|id| principals.contains(&id.as_str()))
                }),
            },
            _ => false,
        };
        s.effect == Effect::Allow && assumes && names
    })
}
