//! Who a call is about: the caller and role behind a credential, with the entities that stand
//! for them.

use super::Participants;
use crate::sim::ids::{AccountId, EntityId};
use crate::sim::sts::{SessionOrigin, SessionPrincipal, StsState};
use crate::sim::world::World;

/// The caller behind `credential` (an access key id or a root ARN) and the role `role_arn`.
/// Works for expired sessions too: the flow still has to say whose credentials expired.
pub fn participants(
    world: &World,
    state: &StsState,
    credential: &str,
    role_arn: &str,
) -> Participants {
    let role_entity = world
        .role_by_arn(role_arn)
        .map(|r| EntityId::Role(r.role_id.clone()));
    let resource_entity = role_entity
        .is_none()
        .then(|| world.resource_of_request(role_arn))
        .flatten()
        .map(|r| EntityId::Resource(r.arn.clone()));
    let mut p = Participants {
        caller_arn: credential.to_string(),
        caller_name: credential.to_string(),
        role_arn: role_arn.to_string(),
        role_entity,
        resource_entity,
        ..Default::default()
    };
    if let Some(account) = credential
        .strip_prefix("arn:aws:iam::")
        .and_then(|r| r.strip_suffix(":root"))
    {
        p.caller_name = "the root user".to_string();
        p.caller_entity = Some(EntityId::Account(AccountId::new(account)));
    } else if let Some((user, _)) = world.user_by_access_key(credential) {
        p.caller_arn = user.arn.clone();
        p.caller_name = user.user_name.clone();
        p.caller_entity = Some(EntityId::User(user.user_id.clone()));
    } else if let Some(s) = state.session(credential) {
        p.caller_arn = s.arn().to_string();
        match &s.principal {
            SessionPrincipal::Role {
                role_id,
                role_arn,
                role_name,
                session_name,
                ..
            } => {
                p.caller_name = format!("{role_name}/{session_name}");
                p.caller_role_arn = Some(role_arn.clone());
                let role = || EntityId::Role(role_id.clone());
                let caller = match &s.origin {
                    SessionOrigin::Ec2InstanceProfile { instance_id } => {
                        EntityId::Ec2Instance(instance_id.clone())
                    }
                    SessionOrigin::LambdaExecution {
                        function_name,
                        function_arn,
                    } => world
                        .lambda_of_session(function_name, function_arn)
                        .map_or_else(role, |f| EntityId::LambdaFunction(f.arn.clone())),
                    _ => role(),
                };
                p.caller_role_entity = (caller != role()).then(role);
                p.caller_entity = Some(caller);
            }
            SessionPrincipal::User { user_id, user_arn } => {
                p.caller_name = user_arn.rsplit('/').next().unwrap_or(user_arn).to_string();
                p.caller_entity = Some(EntityId::User(user_id.clone()));
            }
            SessionPrincipal::Root { account, .. } => {
                p.caller_name = "the root user".to_string();
                p.caller_entity = Some(EntityId::Account(account.clone()));
            }
        }
    }
    p
}
