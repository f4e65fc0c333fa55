//! "Play this path": the simulator's own AssumeRole calls, one per hop, each signed with the
//! credentials the previous hop handed out, satisfying the hop's ExternalId and MFA
//! conditions. Planned against a copy of the running simulation, so the page dispatches
//! calls whose results it already knows to be the simulator's.

use crate::doc::session::{Session, SessionEvent};
use crate::sim::reach::{Hop, HopCondition};
use crate::sim::sts::mfa::mfa_code;
use crate::sim::sts::session::SessionPrincipal;
use crate::sim::sts::AssumeRoleRequest;
use crate::sim::world::{AccessKeyStatus, World};

/// The session name every played hop uses (2-64 characters of `[\w+=,.@-]`).
pub const SESSION_NAME: &str = "access-path";

/// The calls that play a path, and what the person should know about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Play {
    /// Dispatch these in order.
    pub events: Vec<SessionEvent>,
    /// How far the path got: every hop issued credentials, or which call was refused.
    pub said: String,
    /// Whether the last hop issued credentials.
    pub issued: bool,
}

/// Plans the calls for `path` from the running `session`; an error says why the path cannot
/// be played at all (nothing to sign the first call with, a hop that is not an AssumeRole).
pub fn plan_play(session: &Session, path: &[Hop]) -> Result<Play, String> {
    let world = session
        .world
        .clone()
        .ok_or_else(|| "The simulator has no world yet".to_string())?;
    let first = path
        .first()
        .ok_or_else(|| "This path has no hops".to_string())?;
    if let Some(h) = path.iter().find(|h| h.via != "sts:AssumeRole") {
        return Err(format!(
            "The simulator plays sts:AssumeRole calls; the hop to {} is {}",
            h.to, h.via
        ));
    }
    let mut credential = first_credential(&world, session, &first.from)?;
    let mut copy = session.clone();
    let mut events = Vec::new();
    for (i, hop) in path.iter().enumerate() {
        let request = request_for(&world, session, &credential, hop, i == 0);
        let event = SessionEvent::AssumeRole {
            credential: credential.clone(),
            request: Box::new(request),
        };
        copy.apply(event.clone());
        events.push(event);
        let issued = copy
            .sts
            .timeline
            .events()
            .last()
            .and_then(|e| e.issued_access_key_id.clone());
        match issued {
            Some(key) => credential = key,
            None => {
                return Ok(Play {
                    events,
                    said: format!("The call to assume {} was refused: see its checks", hop.to),
                    issued: false,
                })
            }
        }
    }
    Ok(Play {
        events,
        said: format!("Every hop issued credentials: {credential} is a session of the last role"),
        issued: true,
    })
}

/// What signs the first call: the user's active access key, a live session of the role, or
/// the outside principal itself.
fn first_credential(world: &World, session: &Session, from: &str) -> Result<String, String> {
    if let Some(u) = world.user_by_arn(from) {
        return u
            .access_keys
            .iter()
            .find(|k| k.status == AccessKeyStatus::Active)
            .map(|k| k.access_key_id.to_string())
            .ok_or_else(|| {
                format!(
                    "{} has no active access key to sign the first call",
                    u.user_name
                )
            });
    }
    if let Some(r) = world.role_by_arn(from) {
        let now = session.clock.now;
        return session
            .sts
            .sessions
            .iter()
            .filter(|s| !s.credentials.is_expired(now))
            .filter(|s| matches!(&s.principal, SessionPrincipal::Role { role_arn, .. } if *role_arn == r.arn))
            .max_by_key(|s| s.issued_at)
            .map(|s| s.credentials.access_key_id.to_string())
            .ok_or_else(|| {
                format!("No live session of {} to start from: assume it first", r.role_name)
            });
    }
    if from.starts_with("arn:") {
        return Ok(format!("outside:{from}"));
    }
    Err(format!(
        "{from} signs no AssumeRole call the simulator can make"
    ))
}

fn wants(conditions: &[HopCondition], key: &str) -> bool {
    conditions.iter().any(|c| c.key.eq_ignore_ascii_case(key))
}

/// The request a hop's conditions call for: its ExternalId, and the user's MFA code when
/// the hop needs MFA (only a user's own call can carry one).
fn request_for(
    world: &World,
    session: &Session,
    credential: &str,
    hop: &Hop,
    first: bool,
) -> AssumeRoleRequest {
    let external_id = hop
        .conditions
        .iter()
        .find(|c| c.key.eq_ignore_ascii_case("sts:ExternalId") && !c.operator.contains("Not"))
        .and_then(|c| c.values.first().cloned());
    let mut req = AssumeRoleRequest {
        role_arn: hop.to.clone(),
        role_session_name: SESSION_NAME.to_string(),
        external_id,
        ..AssumeRoleRequest::default()
    };
    let mfa = wants(&hop.conditions, "aws:MultiFactorAuthPresent")
        || wants(&hop.conditions, "aws:MultiFactorAuthAge");
    if mfa && first && credential.starts_with("AKIA") {
        if let Some(device) = world
            .user_by_arn(&hop.from)
            .and_then(|u| u.mfa_device.as_ref())
        {
            req.serial_number = Some(device.serial_number.clone());
            req.token_code = Some(mfa_code(&device.seed, session.clock.now));
        }
    }
    req
}
