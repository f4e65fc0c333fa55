//! `sts:GetSessionToken` and `sts:GetCallerIdentity`.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

use super::assume_role::{check_mfa, credentials_gate, StsOutcome};
use super::caller::{get_caller_identity as identity_of, Caller, GetCallerIdentityResponse};
use super::gate::{GateName, Gates};
use super::session::{Credentials, Session, SessionOrigin, SessionPrincipal, StsState};
use super::timeline::{EventKind, Outcome, TimelineEvent};
use super::validate::{
    self, SESSION_TOKEN_DEFAULT_SECONDS, SESSION_TOKEN_MAX_SECONDS, SESSION_TOKEN_ROOT_MAX_SECONDS,
};
use super::{GetSessionTokenRequest, StsError};
use crate::sim::ids::{AccessKeyId, AccountId, UserId};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::World;
use std::rc::Rc;

/// GetSessionToken's answer: `{"Credentials": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetSessionTokenResponse {
    /// The temporary credentials.
    pub credentials: Credentials,
}

impl GetSessionTokenResponse {
    /// The API's JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "Credentials": self.credentials.to_json() })
    }
}

/// What one STS call leaves on the timeline.
pub(crate) struct CallRecord<'a> {
    pub api: &'a str,
    pub who: String,
    /// The OIDC provider that issued a web identity token, when the call found it.
    pub identity_provider: Option<String>,
    pub credential: Option<&'a str>,
    pub target: Option<String>,
    pub issued: Option<String>,
}

pub(crate) fn record<T>(
    state: &mut StsState,
    call: CallRecord<'_>,
    result: &Result<T, StsError>,
    gates: &Gates,
    now: SimTime,
) {
    state.timeline.record(TimelineEvent {
        at: now,
        kind: EventKind::StsCall,
        who: call.who,
        identity_provider: call.identity_provider,
        access_key_id: call
            .credential
            .filter(|c| !c.starts_with("arn:"))
            .map(str::to_string),
        api: call.api.to_string(),
        target: call.target,
        outcome: match result {
            Ok(_) => Outcome::Success,
            Err(e) => Outcome::from(e),
        },
        gates: gates.0.clone(),
        issued_access_key_id: call.issued,
    });
}

/// `sts:GetCallerIdentity`: never denied by policy, but the credentials must be valid.
pub fn get_caller_identity(
    world: &World,
    state: &mut StsState,
    credential: &str,
    now: SimTime,
) -> StsOutcome<GetCallerIdentityResponse> {
    let mut gates = Gates::default();
    let result = credentials_gate(world, state, credential, now, &mut gates).map(|c| {
        gates.pass(
            GateName::NoPolicyNeeded,
            "GetCallerIdentity needs no permission: no policy can deny it",
        );
        identity_of(&c)
    });
    let who = result
        .as_ref()
        .map(|r| r.arn.clone())
        .unwrap_or_else(|_| credential.to_string());
    record(
        state,
        CallRecord {
            api: "GetCallerIdentity",
            who,
            identity_provider: None,
            credential: Some(credential),
            target: None,
            issued: None,
        },
        &result,
        &gates,
        now,
    );
    StsOutcome { result, gates }
}

/// `sts:GetSessionToken` with long-term credentials: the user's (or root's) own permissions,
/// temporary, optionally with MFA. 900-129600 seconds for users (default 43200), up to 3600
/// for root. Session credentials cannot call it.
pub fn get_session_token(
    world: &World,
    state: &mut StsState,
    credential: &str,
    req: &GetSessionTokenRequest,
    now: SimTime,
) -> StsOutcome<GetSessionTokenResponse> {
    let mut gates = Gates::default();
    let mut who = credential.to_string();
    let result = run(world, state, credential, req, now, &mut gates, &mut who);
    let issued = result
        .as_ref()
        .ok()
        .map(|r| r.credentials.access_key_id.to_string());
    record(
        state,
        CallRecord {
            api: "GetSessionToken",
            who,
            identity_provider: None,
            credential: Some(credential),
            target: None,
            issued,
        },
        &result,
        &gates,
        now,
    );
    StsOutcome { result, gates }
}

fn run(
    world: &World,
    state: &mut StsState,
    credential: &str,
    req: &GetSessionTokenRequest,
    now: SimTime,
    gates: &mut Gates,
    who: &mut String,
) -> Result<GetSessionTokenResponse, StsError> {
    let caller = credentials_gate(world, state, credential, now, gates)?;
    *who = caller.arn();
    // Temporary credentials "cannot call GetFederationToken or GetSessionToken" (AssumeRole API
    // reference); STS's text as in aws/aws-sdk-php#1876 and aws/aws-sdk-js#3670.
    if let Caller::Session(_) = caller {
        let e = StsError::AccessDenied(
            "Cannot call GetSessionToken with session credentials".to_string(),
        );
        gates.fail(GateName::LongTermCredentials, e.message());
        return Err(e);
    }
    gates.pass(
        GateName::LongTermCredentials,
        "Called with long-term credentials",
    );
    let root = caller.is_root();
    match validate::get_session_token_params(req, SESSION_TOKEN_MAX_SECONDS) {
        Ok(()) => gates.pass(
            GateName::Parameters,
            "All parameters satisfy their constraints",
        ),
        Err(e) => {
            gates.fail(GateName::Parameters, e.message());
            return Err(e);
        }
    }
    let mfa = check_mfa(
        world,
        &caller,
        req.serial_number.as_deref(),
        req.token_code.as_deref(),
        now,
        gates,
    )?;
    let default = if root {
        SESSION_TOKEN_ROOT_MAX_SECONDS
    } else {
        SESSION_TOKEN_DEFAULT_SECONDS
    };
    // "If the duration is longer than one hour, the session for AWS account owners defaults
    // to one hour": root is clamped, not refused.
    let (duration, detail) = match (req.duration_seconds.unwrap_or(default), root) {
        (d, true) if d > SESSION_TOKEN_ROOT_MAX_SECONDS => (
            SESSION_TOKEN_ROOT_MAX_SECONDS,
            format!("{d} seconds asked; root user sessions last at most one hour, so 3600 seconds"),
        ),
        (d, _) => (d, format!("Session lasts {d} seconds")),
    };
    gates.pass(GateName::Duration, detail);
    let credentials = state.mint_credentials(now.plus(SimDuration::from_secs(duration)));
    let principal = match &caller {
        Caller::User { user_id, arn, .. } => SessionPrincipal::User {
            user_id: UserId::new(user_id.as_str()),
            user_arn: arn.clone(),
        },
        _ => SessionPrincipal::Root {
            account: AccountId::new(caller.account()),
            arn: caller.arn(),
        },
    };
    state.sessions.push(Rc::new(Session {
        credentials: credentials.clone(),
        account: caller.account().to_string(),
        principal,
        origin: SessionOrigin::SessionToken,
        issued_at: now,
        source_identity: None,
        tags: Vec::new(),
        transitive_tag_keys: Vec::new(),
        session_policy: None,
        session_policy_arns: Vec::new(),
        mfa_present: mfa.is_some(),
        mfa_authenticated_at: mfa,
        chained: false,
        parent: caller.access_key_id().map(AccessKeyId::new),
        packed_policy_size: 0,
    }));
    Ok(GetSessionTokenResponse { credentials })
}
