//! Using credentials: a service call evaluated with the caller's effective permissions, and
//! "Revoke active sessions" on a role.

use super::authz;
use super::caller::{authenticate, Caller};
use super::gate::{GateName, Gates};
use super::session::StsState;
use super::timeline::{EventKind, Outcome, TimelineEvent};
use super::StsError;
use crate::sim::eval::{evaluate, Decision, EvalResult, ResourceInfo};
use crate::sim::policy::PolicyKind;
use crate::sim::time::SimTime;
use crate::sim::world::{IdentityId, World, WorldError};
use serde::Serialize;
use std::collections::BTreeMap;

/// A refused service call: AWS's code and message (these differ per service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceError {
    /// `AccessDenied`, `ExpiredToken`, `InvalidClientTokenId`, `InvalidAccessKeyId`...
    pub code: String,
    /// AWS's message.
    pub message: String,
}

/// The result of calling an AWS action with some credentials.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallResult {
    /// Whether the action was allowed.
    pub allowed: bool,
    /// The refusal, if any.
    pub error: Option<ServiceError>,
    /// The caller's ARN (when the credentials were valid).
    pub caller_arn: Option<String>,
    /// The policy evaluation (absent when the credentials were refused first).
    pub evaluation: Option<EvalResult>,
    /// The gates: `credentials`, then `authorization`.
    pub gates: Gates,
}

fn is_s3(resource_arn: &str, action: &str) -> bool {
    resource_arn.starts_with("arn:aws:s3:") || action.to_ascii_lowercase().starts_with("s3:")
}

/// Credential refusals as the service words them. S3 has its own texts.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
fn credential_error(e: &StsError, s3: bool) -> ServiceError {
    let (code, message) = match (e, s3) {
        (StsError::ExpiredToken, true) => (
            "ExpiredToken",
            "The provided token has expired.".to_string(),
        ),
        (StsError::InvalidClientTokenId, true) => (
            "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records.".to_string(),
        ),
        _ => (e.code(), e.message()),
    };
    ServiceError {
        code: code.to_string(),
        message,
    }
}

/// Calls `action` on `resource_arn` with `credential` at `now`: authenticates (expired
/// credentials fail here), then evaluates the caller's identity policies, boundary, session
/// policies, SCPs/RCPs and the resource's policy, with the session's context keys
/// (`aws:TokenIssueTime`, `aws:MultiFactorAuthPresent`, `aws:SourceIdentity`,
/// `aws:PrincipalTag/*`, `aws:PrincipalArn`, `aws:userid`...). Recorded on the timeline.
pub fn call(
    world: &World,
    state: &mut StsState,
    credential: &str,
    action: &str,
    resource_arn: &str,
    now: SimTime,
) -> CallResult {
    call_with_context(
        world,
        state,
        credential,
        action,
        resource_arn,
        BTreeMap::new(),
        now,
    )
}

/// [`call`] with extra request context keys (`aws:SourceIp`, `s3:prefix`...).
pub fn call_with_context(
    world: &World,
    state: &mut StsState,
    credential: &str,
    action: &str,
    resource_arn: &str,
    context: BTreeMap<String, crate::sim::eval::ContextValue>,
    now: SimTime,
) -> CallResult {
    let mut gates = Gates::default();
    let s3 = is_s3(resource_arn, action);
    let result = match authenticate(world, state, credential, now) {
        Err(e) => {
            let err = credential_error(&e, s3);
            gates.fail(GateName::Credentials, err.message.clone());
            CallResult {
                allowed: false,
                error: Some(err),
                caller_arn: None,
                evaluation: None,
                gates,
            }
        }
        Ok(caller) if iam_without_mfa(&caller, action) => {
            // "You cannot call any IAM API operations unless MFA authentication information is
            // included in the request." (GetSessionToken API reference). IAM answers
            // InvalidClientTokenId, as in aws/aws-sdk-js#460 and cloudyr/aws.iam#15.
            let e = credential_error(&StsError::InvalidClientTokenId, s3);
            gates.fail(
                GateName::Credentials,
                "Credentials from GetSessionToken cannot call IAM APIs unless MFA was used to get them",
            );
            CallResult {
                allowed: false,
                error: Some(e),
                caller_arn: Some(caller.arn()),
                evaluation: None,
                gates,
            }
        }
        Ok(caller) => {
            gates.pass(GateName::Credentials, "The credentials are valid");
            authorize(world, &caller, action, resource_arn, context, now, gates)
        }
    };
    state.timeline.record(TimelineEvent {
        at: now,
        kind: EventKind::ServiceCall,
        who: result
            .caller_arn
            .clone()
            .unwrap_or_else(|| credential.to_string()),
        identity_provider: None,
        access_key_id: credential.starts_with('A').then(|| credential.to_string()),
        api: action.to_string(),
        target: Some(resource_arn.to_string()),
        outcome: match &result.error {
            None => Outcome::Success,
            Some(e) => Outcome::Error {
                code: e.code.clone(),
                message: e.message.clone(),
            },
        },
        gates: result.gates.0.clone(),
        issued_access_key_id: None,
    });
    result
}

fn iam_without_mfa(caller: &Caller, action: &str) -> bool {
    match caller {
        Caller::Session(s) => {
            s.origin == super::session::SessionOrigin::SessionToken
                && !s.mfa_present
                && action.to_ascii_lowercase().starts_with("iam:")
        }
        _ => false,
    }
}

fn authorize(
    world: &World,
    caller: &Caller,
    action: &str,
    resource_arn: &str,
    context: BTreeMap<String, crate::sim::eval::ContextValue>,
    now: SimTime,
    mut gates: Gates,
) -> CallResult {
    let record = world.resource_of_request(resource_arn);
    let account = record
        .map(|r| r.account.to_string())
        .or_else(|| {
            resource_arn
                .split(':')
                .nth(4)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| caller.account().to_string());
    let resource = ResourceInfo {
        arn: resource_arn.to_string(),
        account,
        tags: BTreeMap::new(),
    };
    let policy = record.and_then(|r| {
        let text = r.policy.as_deref()?;
        authz::named(
            &format!("resource policy of {}", r.name),
            text,
            PolicyKind::Resource,
        )
    });
    let eval = evaluate(&authz::request(
        world, caller, action, resource, policy, context, now,
    ));
    let allowed = eval.decision == Decision::Allowed;
    if allowed {
        gates.push(
            GateName::Authorization,
            true,
            eval.message.clone(),
            Vec::new(),
        );
    } else {
        let verdict = (eval.decision, eval.decided_by);
        gates.refuse(
            GateName::Authorization,
            eval.message.clone(),
            Vec::new(),
            verdict,
        );
    }
    CallResult {
        allowed,
        error: (!allowed).then(|| ServiceError {
            code: "AccessDenied".to_string(),
            message: eval.message.clone(),
        }),
        caller_arn: Some(caller.arn()),
        evaluation: Some(eval),
        gates,
    }
}

/// The inline policy name the IAM console uses for "Revoke active sessions".
pub const REVOKE_POLICY_NAME: &str = "AWSRevokeOlderSessions";

/// The policy "Revoke active sessions" attaches: deny everything to sessions whose
/// `aws:TokenIssueTime` is before `now`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html
pub fn revoke_older_sessions_policy(now: SimTime) -> String {
    format!(
        r#"{{
  "Version": "2012-10-17",
  "Statement": {{
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {{
      "DateLessThan": {{"aws:TokenIssueTime": "{}"}}
    }}
  }}
}}"#,
        now.to_iso8601()
    )
}

/// "Revoke active sessions" on the role `role_arn`: puts (or replaces) the
/// `AWSRevokeOlderSessions` inline policy so every session issued before `now` is denied.
pub fn revoke_sessions(
    world: &mut World,
    state: &mut StsState,
    role_arn: &str,
    now: SimTime,
) -> Result<(), WorldError> {
    let role_id = world
        .roles
        .values()
        .find(|r| r.arn == role_arn)
        .map(|r| r.role_id.clone())
        .ok_or_else(|| {
            WorldError::no_such_entity(format!("The role with ARN {role_arn} cannot be found."))
        })?;
    world.put_inline_policy(
        &IdentityId::Role(role_id),
        REVOKE_POLICY_NAME,
        &revoke_older_sessions_policy(now),
    )?;
    state.timeline.record(TimelineEvent {
        at: now,
        kind: EventKind::SessionsRevoked,
        who: role_arn.to_string(),
        identity_provider: None,
        access_key_id: None,
        api: "RevokeActiveSessions".to_string(),
        target: Some(role_arn.to_string()),
        outcome: Outcome::Success,
        gates: Vec::new(),
        issued_access_key_id: None,
    });
    Ok(())
}
