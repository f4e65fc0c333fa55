//! Issuing a role session: mint credentials, remember the session, shape the response.

use super::request::Tag;
use super::session::{
    AssumedRoleUser, Credentials, Session, SessionOrigin, SessionPrincipal, StsState,
};
use crate::sim::ids::AccessKeyId;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::Role;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// What every AssumeRole* call returns on success.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_ResponseElements
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumeRoleResponse {
    /// The temporary credentials.
    pub credentials: Credentials,
    /// `AROA...:session` and the assumed-role ARN.
    pub assumed_role_user: AssumedRoleUser,
    /// Percent of the packed session-data space used.
    pub packed_policy_size: u32,
    /// The session's source identity, if any.
    pub source_identity: Option<String>,
}

impl AssumeRoleResponse {
    /// The API's JSON (`aws sts assume-role` output, with the API's `Z` timestamps).
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "Credentials": self.credentials.to_json(),
            "AssumedRoleUser": self.assumed_role_user.to_json(),
            "PackedPolicySize": self.packed_policy_size,
        });
        if let (Some(si), Some(obj)) = (&self.source_identity, v.as_object_mut()) {
            obj.insert("SourceIdentity".to_string(), serde_json::json!(si));
        }
        v
    }
}

impl AssumeRoleResponse {
    /// What `aws sts assume-role` prints (`Expiration` with `+00:00`).
    pub fn to_cli_json(&self) -> serde_json::Value {
        let mut v = self.to_json();
        if let Some(o) = v.as_object_mut() {
            o.insert("Credentials".to_string(), self.credentials.to_cli_json());
        }
        v
    }
}

/// Everything a new role session needs besides the role.
pub struct NewRoleSession {
    /// How it is made.
    pub origin: SessionOrigin,
    /// The session name (also the last part of the assumed-role ARN).
    pub session_name: String,
    /// Granted length in seconds.
    pub duration_seconds: i64,
    /// Source identity (set now or inherited).
    pub source_identity: Option<String>,
    /// Inherited transitive tags followed by the request's tags.
    pub tags: Vec<Tag>,
    /// Transitive keys (inherited and new).
    pub transitive_tag_keys: Vec<String>,
    /// Inline session policy.
    pub session_policy: Option<String>,
    /// Managed session policies.
    pub session_policy_arns: Vec<String>,
    /// MFA present, and when it was used.
    pub mfa: Option<SimTime>,
    /// Made with a role session's credentials.
    pub chained: bool,
    /// The credentials that asked.
    pub parent: Option<AccessKeyId>,
    /// Reported packed size.
    pub packed_policy_size: u32,
}

/// Mints credentials for `role` and remembers the session in `state`.
pub fn issue_role_session(
    state: &mut StsState,
    role: &Role,
    new: NewRoleSession,
    now: SimTime,
) -> AssumeRoleResponse {
    let expiration = now.plus(SimDuration::from_secs(new.duration_seconds));
    let credentials = state.mint_credentials(expiration);
    let assumed_role_user = AssumedRoleUser::new(
        role.role_id.as_str(),
        role.account.as_str(),
        &role.role_name,
        &new.session_name,
    );
    state.sessions.push(Rc::new(Session {
        credentials: credentials.clone(),
        account: role.account.to_string(),
        principal: SessionPrincipal::Role {
            role_id: role.role_id.clone(),
            role_arn: role.arn.clone(),
            role_name: role.role_name.clone(),
            session_name: new.session_name,
            assumed_role_user: assumed_role_user.clone(),
        },
        origin: new.origin,
        issued_at: now,
        source_identity: new.source_identity.clone(),
        tags: new.tags,
        transitive_tag_keys: new.transitive_tag_keys,
        session_policy: new.session_policy,
        session_policy_arns: new.session_policy_arns,
        mfa_present: new.mfa.is_some(),
        mfa_authenticated_at: new.mfa,
        chained: new.chained,
        parent: new.parent,
        packed_policy_size: new.packed_policy_size,
    }));
    AssumeRoleResponse {
        credentials,
        assumed_role_user,
        packed_policy_size: new.packed_policy_size,
        source_identity: new.source_identity,
    }
}

/// The role a `RoleArn` names. The ARN must match exactly (path included), as IAM resolves it.
pub fn find_role<'w>(world: &'w crate::sim::world::World, role_arn: &str) -> Option<&'w Role> {
    world.roles.values().find(|r| r.arn == role_arn)
}
