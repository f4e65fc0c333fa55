//! The gates every STS call shares: credentials, parameters, MFA, duration, session policies.

use super::caller::{authenticate, Caller};
use super::gate::{Comparison, GateName, Gates};
use super::limits;
use super::mfa::mfa_code_matches;
use super::request::Tag;
use super::session::StsState;
use super::validate;
use super::StsError;
use crate::sim::policy::{parse, PolicyKind};
use crate::sim::time::SimTime;
use crate::sim::world::{Role, World};

/// What a call gives back: the response or AWS's error, and the gates it went through (the
/// list stops at the first refusing gate).
#[derive(Debug, Clone, PartialEq)]
pub struct StsOutcome<T> {
    /// The response or the error.
    pub result: Result<T, StsError>,
    /// The checks made, in order.
    pub gates: Gates,
}

/// Authenticates and records the `credentials` gate.
pub fn credentials_gate(
    world: &World,
    state: &StsState,
    credential: &str,
    now: SimTime,
    gates: &mut Gates,
) -> Result<Caller, StsError> {
    match authenticate(world, state, credential, now) {
        Ok(c) => {
            gates.pass(
                GateName::Credentials,
                match &c {
                    Caller::Session(s) => format!(
                        "Temporary credentials of {} are valid until {}",
                        s.arn(),
                        s.credentials.expiration
                    ),
                    Caller::User { access_key_id, .. } => {
                        format!("Access key {access_key_id} of {} is active", c.arn())
                    }
                    Caller::Root { .. } => "Signed in as the account root user".to_string(),
                    Caller::Outside { arn, .. } => {
                        format!("{arn} acts from outside the simulation")
                    }
                },
            );
            Ok(c)
        }
        Err(e) => {
            gates.fail(GateName::Credentials, e.message());
            Err(e)
        }
    }
}

pub fn parameters_gate(gates: &mut Gates, r: Result<(), StsError>) -> Result<(), StsError> {
    match r {
        Ok(()) => {
            gates.pass(
                GateName::Parameters,
                "All parameters satisfy their constraints",
            );
            Ok(())
        }
        Err(e) => {
            gates.fail(GateName::Parameters, e.message());
            Err(e)
        }
    }
}

/// Records a pass/fail gate from a check's result.
pub fn gate_result(
    gates: &mut Gates,
    name: GateName,
    ok: &str,
    r: Result<(), StsError>,
) -> Result<(), StsError> {
    match r {
        Ok(()) => {
            gates.pass(name, ok);
            Ok(())
        }
        Err(e) => {
            gates.fail(name, e.message());
            Err(e)
        }
    }
}

/// STS's AccessDenied text for a serial number that is not the caller's device. Two spaces
/// after "code." as STS sends it (aws/aws-cli#6325, 99designs/aws-vault#676); AWS's pages
/// only say the call "returns an access denied error".
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (TokenCode)
pub const MFA_UNKNOWN_DEVICE: &str = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";
/// STS's AccessDenied text for a wrong code (step-security/wait-for-secrets#216).
pub const MFA_WRONG_CODE: &str =
    "MultiFactorAuthentication failed with invalid MFA one time pass code.";
/// STS's AccessDenied text when only one of SerialNumber and TokenCode is given
/// (dtan4/terraforming#424).
pub const MFA_INCOMPLETE: &str =
    "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.";

/// Shared by AssumeRole and GetSessionToken: `None` when no MFA was offered. The texts are
/// those STS returns (quoted in the issues named on each constant), not quoted by AWS's pages.
pub fn check_mfa(
    world: &World,
    caller: &Caller,
    serial: Option<&str>,
    code: Option<&str>,
    now: SimTime,
    gates: &mut Gates,
) -> Result<Option<SimTime>, StsError> {
    let (serial, code) = match (serial, code) {
        (Some(s), Some(c)) => (s, c),
        (None, None) => return Ok(None),
        (Some(_), None) | (None, Some(_)) => {
            let e = StsError::AccessDenied(MFA_INCOMPLETE.to_string());
            gates.fail(
                GateName::Mfa,
                "SerialNumber and TokenCode must be given together",
            );
            return Err(e);
        }
    };
    let user_id = match caller {
        Caller::User { user_id, .. } => Some(user_id.clone()),
        Caller::Session(s) => match &s.principal {
            super::session::SessionPrincipal::User { user_id, .. } => Some(user_id.to_string()),
            super::session::SessionPrincipal::Role { .. }
            | super::session::SessionPrincipal::Root { .. } => None,
        },
        Caller::Root { .. } | Caller::Outside { .. } => None,
    };
    let device = user_id
        .and_then(|id| world.users.get(&crate::sim::ids::UserId::new(id)))
        .and_then(|u| u.mfa_device.as_ref())
        .filter(|d| d.serial_number == serial);
    let Some(device) = device else {
        let e = StsError::AccessDenied(MFA_UNKNOWN_DEVICE.to_string());
        gates.fail(
            GateName::Mfa,
            format!("{serial} is not the caller's MFA device"),
        );
        return Err(e);
    };
    let expected = super::mfa::mfa_code(&device.seed, now);
    let ok = mfa_code_matches(&device.seed, now, code);
    gates.push(
        GateName::Mfa,
        ok,
        if ok {
            "The MFA code matches the device's current code".to_string()
        } else {
            "The MFA code is not the device's current code".to_string()
        },
        vec![Comparison {
            key: "TokenCode".to_string(),
            operator: "equals".to_string(),
            expected: vec![expected],
            actual: Some(vec![code.to_string()]),
            result: ok,
        }],
    );
    if ok {
        Ok(Some(now))
    } else {
        Err(StsError::AccessDenied(MFA_WRONG_CODE.to_string()))
    }
}

/// DurationSeconds against the role's MaxSessionDuration and the one-hour cap (`chained`:
/// the caller signs with temporary credentials, a role session or GetSessionToken's).
pub fn duration_gate(
    gates: &mut Gates,
    requested: Option<i64>,
    role: &Role,
    chained: bool,
) -> Result<i64, StsError> {
    let max = i64::from(role.max_session_duration);
    let r = limits::role_session_duration(requested, max, chained);
    let cap = if chained {
        validate::CHAINED_MAX_DURATION_SECONDS.min(max)
    } else {
        max
    };
    let compared = vec![Comparison {
        key: "DurationSeconds".to_string(),
        operator: "<=".to_string(),
        expected: vec![cap.to_string()],
        actual: Some(vec![requested
            .unwrap_or(validate::DEFAULT_ROLE_DURATION_SECONDS)
            .to_string()]),
        result: r.is_ok(),
    }];
    match r {
        Ok(d) => {
            let why = if chained {
                " (assumed with temporary credentials: at most 1 hour)"
            } else {
                ""
            };
            gates.push(
                GateName::Duration,
                true,
                format!("Session lasts {d} seconds; the role allows up to {max}{why}"),
                compared,
            );
            Ok(d)
        }
        Err(e) => {
            gates.push(GateName::Duration, false, e.message(), compared);
            Err(e)
        }
    }
}

/// Shared by the AssumeRole* calls: `MalformedPolicyDocument` and `PackedPolicyTooLarge`.
pub fn session_policy_gate(
    gates: &mut Gates,
    policy: Option<&str>,
    arns: &[super::request::PolicyDescriptorType],
    tags: &[Tag],
) -> Result<u32, StsError> {
    if let Some(text) = policy {
        let outcome = parse(text, PolicyKind::Session);
        if !outcome.is_valid() {
            let why: Vec<String> = outcome
                .findings
                .iter()
                .filter(|f| f.severity == crate::sim::policy::Severity::Error)
                .map(|f| f.message.clone())
                .collect();
            let e = StsError::MalformedPolicyDocument(why.join(" "));
            gates.fail(GateName::PackedPolicySize, e.message());
            return Err(e);
        }
    }
    let pct = limits::packed_policy_size(policy, arns, tags);
    match limits::check_packed_size(pct) {
        Ok(()) => {
            gates.pass(
                GateName::PackedPolicySize,
                format!("Session policies and tags use {pct}% of the packed size limit"),
            );
            Ok(pct)
        }
        Err(e) => {
            gates.fail(GateName::PackedPolicySize, e.message());
            Err(e)
        }
    }
}
