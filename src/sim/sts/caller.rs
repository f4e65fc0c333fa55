//! Who is calling: credentials to a caller, and `GetCallerIdentity`.
//!
//! A long-term key (`AKIA`) names an IAM user; a temporary key (`ASIA`) names a session STS
//! issued; the root user is named by its ARN (`arn:aws:iam::ACCOUNT:root`), since the world
//! keeps no root access keys.

use super::session::{Session, SessionPrincipal, StsState};
use super::StsError;
use crate::sim::time::SimTime;
use crate::sim::world::{AccessKeyStatus, World};
use serde::{Deserialize, Serialize};

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Caller {
    /// The account root user.
    Root {
        /// Its account.
        account: String,
    },
    /// An IAM user signing with a long-term access key.
    User {
        /// `AIDA...`.
        user_id: String,
        /// The user's ARN (with path).
        arn: String,
        /// Its account.
        account: String,
        /// The `AKIA` key used.
        access_key_id: String,
    },
    /// Temporary credentials STS issued.
    Session(Box<Session>),
    /// A principal outside the simulation (a vendor's or another company's user), named by
    /// ARN. Its own account's policies are not modelled: it may do anything there, so only
    /// the other side (trust policy, resource policy) decides.
    Outside {
        /// A user or assumed-role ARN.
        arn: String,
        /// Its account.
        account: String,
    },
}

impl Caller {
    /// The ARN AWS names the caller by in messages and in `GetCallerIdentity`.
    pub fn arn(&self) -> String {
        match self {
            Caller::Root { account } => format!("arn:aws:iam::{account}:root"),
            Caller::User { arn, .. } => arn.clone(),
            Caller::Session(s) => s.arn().to_string(),
            Caller::Outside { arn, .. } => arn.clone(),
        }
    }

    /// The caller's account.
    pub fn account(&self) -> &str {
        match self {
            Caller::Root { account }
            | Caller::User { account, .. }
            | Caller::Outside { account, .. } => account,
            Caller::Session(s) => &s.account,
        }
    }

    /// The access key id the call was signed with (none for root by ARN).
    pub fn access_key_id(&self) -> Option<String> {
        match self {
            Caller::Root { .. } | Caller::Outside { .. } => None,
            Caller::User { access_key_id, .. } => Some(access_key_id.clone()),
            Caller::Session(s) => Some(s.credentials.access_key_id.to_string()),
        }
    }

    /// Whether the root user is calling (with its own credentials or a root session).
    pub fn is_root(&self) -> bool {
        match self {
            Caller::Root { .. } => true,
            Caller::Session(s) => matches!(s.principal, SessionPrincipal::Root { .. }),
            Caller::User { .. } | Caller::Outside { .. } => false,
        }
    }

    /// The role session, if the caller is one.
    pub fn role_session(&self) -> Option<&Session> {
        match self {
            Caller::Session(s) if matches!(s.principal, SessionPrincipal::Role { .. }) => Some(s),
            _ => None,
        }
    }

    /// `UserId` as GetCallerIdentity shows it: `AIDA...` for users, `AROA...:session` for
    /// role sessions, the account id for root.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
    pub fn user_id(&self) -> String {
        match self {
            Caller::Root { account } | Caller::Outside { account, .. } => account.clone(),
            Caller::User { user_id, .. } => user_id.clone(),
            Caller::Session(s) => match &s.principal {
                SessionPrincipal::Role {
                    assumed_role_user, ..
                } => assumed_role_user.assumed_role_id.clone(),
                SessionPrincipal::User { user_id, .. } => user_id.to_string(),
                SessionPrincipal::Root { account, .. } => account.to_string(),
            },
        }
    }
}

/// Checks the credentials a request was signed with, as AWS does before anything else.
/// Unknown, deleted or inactive long-term keys fail with `InvalidClientTokenId` (what STS
/// answers; S3 says `InvalidAccessKeyId` instead); temporary credentials at or after their
/// expiration fail with `ExpiredToken`.
/// https://repost.aws/knowledge-center/iam-credentials-token
/// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
pub fn authenticate(
    world: &World,
    state: &StsState,
    credential: &str,
    now: SimTime,
) -> Result<Caller, StsError> {
    if let Some(account) = credential
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.strip_suffix(":root"))
    {
        return world
            .accounts
            .keys()
            .find(|a| a.as_str() == account)
            .map(|a| Caller::Root {
                account: a.to_string(),
            })
            .ok_or(StsError::InvalidClientTokenId);
    }
    if let Some(rest) = credential.strip_prefix("outside:") {
        return outside(world, rest);
    }
    if credential.starts_with("ASIA") {
        let Some(session) = state.session(credential) else {
            // A workload's old session, forgotten to keep the state small, expired first.
            return Err(if state.forgotten_keys.iter().any(|k| k == credential) {
                StsError::ExpiredToken
            } else {
                StsError::InvalidClientTokenId
            });
        };
        if session.credentials.is_expired(now) {
            return Err(StsError::ExpiredToken);
        }
        if !principal_exists(world, session) {
            return Err(StsError::InvalidClientTokenId);
        }
        return Ok(Caller::Session(Box::new(session.clone())));
    }
    let (user, key) = world
        .user_by_access_key(credential)
        .ok_or(StsError::InvalidClientTokenId)?;
    if key.status != AccessKeyStatus::Active {
        return Err(StsError::InvalidClientTokenId);
    }
    Ok(Caller::User {
        user_id: user.user_id.to_string(),
        arn: user.arn.clone(),
        account: user.account.to_string(),
        access_key_id: key.access_key_id.to_string(),
    })
}

/// `outside:ARN` (a user or assumed-role ARN) or `outside:ACCOUNT` (stands for
/// `arn:aws:iam::ACCOUNT:user/outside-actor`). Refused when the ARN names a user the world
/// models: that user signs with its access keys.
fn outside(world: &World, rest: &str) -> Result<Caller, StsError> {
    let arn = if rest.len() == 12 && rest.bytes().all(|b| b.is_ascii_digit()) {
        format!("arn:aws:iam::{rest}:user/outside-actor")
    } else {
        rest.to_string()
    };
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let (Some(&"arn"), Some(account), Some(resource)) = (parts.first(), parts.get(4), parts.get(5))
    else {
        return Err(StsError::InvalidClientTokenId);
    };
    let principal_kind = resource.starts_with("user/") || resource.starts_with("assumed-role/");
    let modelled = world.users.values().any(|u| u.arn == arn);
    if !principal_kind || modelled || account.is_empty() {
        return Err(StsError::InvalidClientTokenId);
    }
    Ok(Caller::Outside {
        account: account.to_string(),
        arn,
    })
}

/// A session of a deleted role or user no longer authenticates.
fn principal_exists(world: &World, session: &Session) -> bool {
    match &session.principal {
        SessionPrincipal::Role { role_id, .. } => world.roles.contains_key(role_id),
        SessionPrincipal::User { user_id, .. } => world.users.contains_key(user_id),
        SessionPrincipal::Root { account, .. } => world.accounts.contains_key(account),
    }
}

/// GetCallerIdentity's answer. Never denied: no policy can refuse it.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetCallerIdentityResponse {
    /// `AIDA...`, `AROA...:session`, or the account id for root.
    pub user_id: String,
    /// The 12-digit account.
    pub account: String,
    /// The caller's ARN.
    pub arn: String,
}

/// `sts:GetCallerIdentity` for already-authenticated credentials.
pub fn get_caller_identity(caller: &Caller) -> GetCallerIdentityResponse {
    GetCallerIdentityResponse {
        user_id: caller.user_id(),
        account: caller.account().to_string(),
        arn: caller.arn(),
    }
}
