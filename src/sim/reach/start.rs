//! Where a search starts: a user, a role's session, an outside actor, an identity provider's
//! token holder, or an AWS service.

use crate::sim::ids::{RoleId, UserId};
use crate::sim::world::{IdentityProvider, World};

/// A principal paths start from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Start {
    /// An IAM user of the world.
    User(UserId),
    /// A session of a role of the world.
    Role(RoleId),
    /// A principal outside the world (`outside:ARN`): its own account lets it do anything,
    /// so only the other side decides (as `sts::Caller::Outside`).
    Outside {
        /// The ARN as given (a user, role or assumed-role ARN).
        arn: String,
        /// Its account.
        account: String,
    },
    /// Whoever holds a token of this OIDC provider (`AssumeRoleWithWebIdentity`).
    WebIdentity(String),
    /// Whoever holds an assertion of this SAML provider (`AssumeRoleWithSAML`).
    Saml(String),
    /// An AWS service principal such as `ec2.amazonaws.com`.
    Service(String),
}

fn account_of(arn: &str) -> Option<String> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then(|| account.into())
}

/// Reads a principal as `iam-eval` names it: a user or role name or ARN, `outside:ARN`, an
/// OIDC or SAML provider ARN, or a service principal.
pub fn parse_start(world: &World, text: &str) -> Result<Start, String> {
    if let Some(arn) = text.strip_prefix("outside:") {
        let account =
            account_of(arn).ok_or_else(|| format!("`{arn}` is not an ARN with an account id"))?;
        return Ok(Start::Outside {
            arn: arn.to_string(),
            account,
        });
    }
    if text.ends_with(".amazonaws.com") {
        return Ok(Start::Service(text.to_string()));
    }
    if text.starts_with("arn:") {
        if let Some(u) = world.user_by_arn(text) {
            return Ok(Start::User(u.user_id.clone()));
        }
        if let Some(r) = world.role_by_arn(text) {
            return Ok(Start::Role(r.role_id.clone()));
        }
        for p in &world.identity_providers {
            if p.arn() == text {
                return Ok(match p {
                    IdentityProvider::Oidc(_) => Start::WebIdentity(text.to_string()),
                    IdentityProvider::Saml(_) => Start::Saml(text.to_string()),
                });
            }
        }
        return Err(format!(
            "no user, role or identity provider `{text}` in the world (use `outside:{text}` for a principal outside it)"
        ));
    }
    let users: Vec<&UserId> = world
        .users
        .values()
        .filter(|u| u.user_name == text)
        .map(|u| &u.user_id)
        .collect();
    let roles: Vec<&RoleId> = world
        .roles
        .values()
        .filter(|r| r.role_name == text)
        .map(|r| &r.role_id)
        .collect();
    match (users.as_slice(), roles.as_slice()) {
        ([u], []) => Ok(Start::User((*u).clone())),
        ([], [r]) => Ok(Start::Role((*r).clone())),
        ([], []) => Err(format!("no user or role named `{text}` in the world")),
        _ => Err(format!(
            "`{text}` names more than one user or role: give its ARN"
        )),
    }
}
