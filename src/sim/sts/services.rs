//! Credentials AWS services hand to workloads: EC2 instance profiles through instance
//! metadata (IMDS), Lambda execution roles through environment variables. The service assumes
//! the role (its trust policy must name the service principal); this is not role chaining.
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
//! https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html

use super::authz;
use super::gate::Gates;
use super::issue::{issue_role_session, NewRoleSession};
use super::role_gates::{self, RoleCheck};
use super::session::{Credentials, SessionOrigin, SessionPrincipal, StsState};
use super::timeline::{EventKind, Outcome, TimelineEvent};
use crate::sim::eval::{evaluate, EvalRequest, PrincipalInfo};
use crate::sim::policy::PolicyKind;
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{Role, World};
use serde::Serialize;
use std::collections::BTreeMap;

/// How long instance-profile credentials last: a simulation choice. AWS does not document it;
/// the EC2 guide only says the credentials are temporary and rotated automatically. Six hours
/// is roughly what instances are reported to see between IMDS `LastUpdated` and `Expiration`.
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
pub const EC2_CREDENTIALS_SECONDS: i64 = 6 * 3600;
/// "We make new credentials available at least five minutes before the expiration of the old
/// credentials." https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
pub const EC2_REFRESH_BEFORE_SECONDS: i64 = 5 * 60;
/// How long a Lambda function's execution-role credentials last: a simulation choice (12
/// hours). AWS does not document this lifetime; Lambda refreshes the environment's
/// credentials itself. The five-minute early refresh reused below is EC2's rule, also a
/// simulation choice for Lambda.
pub const LAMBDA_CREDENTIALS_SECONDS: i64 = 12 * 3600;

/// Why a workload got no credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ServiceCredentialsError {
    /// No such instance or function, or it has no instance profile / role (IMDS answers 404).
    NotFound(String),
    /// The role's trust policy does not let the service assume it (IMDS `iam/info` Code).
    AssumeRoleUnauthorizedAccess(String),
}

impl ServiceCredentialsError {
    /// The code IMDS (or Lambda) reports.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceCredentialsError::NotFound(_) => "NotFound",
            ServiceCredentialsError::AssumeRoleUnauthorizedAccess(_) => {
                "AssumeRoleUnauthorizedAccess"
            }
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        match self {
            ServiceCredentialsError::NotFound(m)
            | ServiceCredentialsError::AssumeRoleUnauthorizedAccess(m) => m,
        }
    }
}

/// `GET /latest/meta-data/iam/security-credentials/ROLE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImdsCredentials {
    /// The role the instance profile holds.
    pub role_name: String,
    /// When these credentials were issued.
    pub last_updated: SimTime,
    /// The credentials.
    pub credentials: Credentials,
}

impl ImdsCredentials {
    /// IMDS's JSON: `{"Code", "LastUpdated", "Type": "AWS-HMAC", "AccessKeyId",
    /// "SecretAccessKey", "Token", "Expiration"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "Code": "Success",
            "LastUpdated": self.last_updated.to_iso8601(),
            "Type": "AWS-HMAC",
            "AccessKeyId": self.credentials.access_key_id.as_str(),
            "SecretAccessKey": self.credentials.secret_access_key,
            "Token": self.credentials.session_token,
            "Expiration": self.credentials.expiration.to_iso8601(),
        })
    }
}

/// What instance metadata serves to `instance_id` at `now`: the current credentials of its
/// instance profile's role, replaced by new ones once five minutes or less remain.
pub fn imds_credentials(
    world: &World,
    state: &mut StsState,
    instance_id: &str,
    now: SimTime,
) -> Result<ImdsCredentials, ServiceCredentialsError> {
    let instance = world
        .ec2_instances
        .values()
        .find(|i| i.instance_id.as_str() == instance_id)
        .ok_or_else(|| ServiceCredentialsError::NotFound(format!("No instance {instance_id}")))?;
    let role = world
        .role_of_instance(&instance.instance_id)
        .ok_or_else(|| {
            ServiceCredentialsError::NotFound(format!(
                "Instance {instance_id} has no instance profile with a role"
            ))
        })?;
    let origin = SessionOrigin::Ec2InstanceProfile {
        instance_id: instance.instance_id.clone(),
    };
    let credentials = workload_credentials(
        state,
        role,
        "ec2.amazonaws.com",
        origin,
        instance_id,
        (EC2_CREDENTIALS_SECONDS, EC2_REFRESH_BEFORE_SECONDS),
        now,
    )?;
    let last_updated = state
        .session(credentials.access_key_id.as_str())
        .map_or(now, |s| s.issued_at);
    Ok(ImdsCredentials {
        role_name: role.role_name.clone(),
        last_updated,
        credentials,
    })
}

/// The environment Lambda gives a function: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
/// `AWS_SESSION_TOKEN` of its execution role (session name = function name).
pub fn lambda_environment(
    world: &World,
    state: &mut StsState,
    function_name: &str,
    now: SimTime,
) -> Result<BTreeMap<String, String>, ServiceCredentialsError> {
    let function = world.lambda_function(function_name).ok_or_else(|| {
        ServiceCredentialsError::NotFound(format!("Function not found: {function_name}"))
    })?;
    let role = function
        .execution_role
        .as_ref()
        .and_then(|r| world.roles.get(r))
        .ok_or_else(|| {
            ServiceCredentialsError::NotFound(format!(
                "Function {function_name} has no execution role"
            ))
        })?;
    let origin = SessionOrigin::LambdaExecution {
        function_name: function.function_name.clone(),
        function_arn: function.arn.clone(),
    };
    let c = workload_credentials(
        state,
        role,
        "lambda.amazonaws.com",
        origin,
        &function.function_name,
        (LAMBDA_CREDENTIALS_SECONDS, EC2_REFRESH_BEFORE_SECONDS),
        now,
    )?;
    Ok(BTreeMap::from([
        ("AWS_ACCESS_KEY_ID".to_string(), c.access_key_id.to_string()),
        ("AWS_SECRET_ACCESS_KEY".to_string(), c.secret_access_key),
        ("AWS_SESSION_TOKEN".to_string(), c.session_token),
    ]))
}

/// Reuses the workload's current credentials while more than `refresh_before` remain, else
/// has the service assume the role again (trust policy checked) and records the delivery.
fn workload_credentials(
    state: &mut StsState,
    role: &Role,
    service: &str,
    origin: SessionOrigin,
    session_name: &str,
    (lifetime, refresh_before): (i64, i64),
    now: SimTime,
) -> Result<Credentials, ServiceCredentialsError> {
    let current = state.sessions.iter().rev().find(|s| {
        s.origin == origin
            && matches!(&s.principal, SessionPrincipal::Role { role_id, .. } if *role_id == role.role_id)
    });
    if let Some(s) = current {
        if s.credentials.remaining(now) > SimDuration::from_secs(refresh_before) {
            return Ok(s.credentials.clone());
        }
    }
    let mut gates = Gates::default();
    let request = service_trust_request(role, service, now);
    let checked = role_gates::record(
        &evaluate(&request),
        RoleCheck::Assume,
        "sts:AssumeRole",
        service,
        &role.arn,
        false,
        &mut gates,
    );
    let result = checked.map(|()| {
        issue_role_session(
            state,
            role,
            NewRoleSession {
                origin,
                session_name: session_name.to_string(),
                duration_seconds: lifetime,
                source_identity: None,
                tags: Vec::new(),
                transitive_tag_keys: Vec::new(),
                session_policy: None,
                session_policy_arns: Vec::new(),
                mfa: None,
                chained: false,
                parent: None,
                packed_policy_size: 0,
            },
            now,
        )
        .credentials
    });
    state.timeline.record(TimelineEvent {
        at: now,
        kind: EventKind::CredentialsDelivered,
        who: service.to_string(),
        identity_provider: None,
        access_key_id: None,
        api: "AssumeRole".to_string(),
        target: Some(role.arn.clone()),
        outcome: match &result {
            Ok(_) => Outcome::Success,
            Err(e) => Outcome::from(e),
        },
        gates: gates.0,
        issued_access_key_id: result.as_ref().ok().map(|c| c.access_key_id.to_string()),
    });
    result.map_err(|_| {
        ServiceCredentialsError::AssumeRoleUnauthorizedAccess(format!(
            "{service} cannot assume the role {}: its trust policy does not allow the service principal.",
            role.role_name
        ))
    })
}

/// What the role's trust policy is asked when `service` assumes `role` at `now`.
pub(crate) fn service_trust_request(role: &Role, service: &str, now: SimTime) -> EvalRequest {
    EvalRequest {
        principal: PrincipalInfo {
            account: role.account.to_string(),
            service: Some(service.to_string()),
            ..Default::default()
        },
        action: "sts:AssumeRole".to_string(),
        resource: authz::role_resource(role),
        resource_policy: authz::named(
            &format!("trust policy of {}", role.role_name),
            &role.trust_policy,
            PolicyKind::Trust,
        ),
        context: BTreeMap::from([(
            "aws:CurrentTime".to_string(),
            authz::single(now.to_iso8601()),
        )]),
        ..Default::default()
    }
}
