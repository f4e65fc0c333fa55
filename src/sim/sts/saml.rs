//! `sts:AssumeRoleWithSAML`: a SAML provider's assertion in, a role session out.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html

use super::assume_role::{session_policy_gate, StsOutcome};
use super::authz;
use super::federation::{fail, trust_gate};
use super::gate::Gates;
use super::issue::{find_role, issue_role_session, AssumeRoleResponse, NewRoleSession};
use super::session::{SessionOrigin, StsState};
use super::session_token::{record, CallRecord};
use super::tokens::SamlAssertion;
use super::validate;
use super::{AssumeRoleWithSamlRequest, StsError};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{IdentityProvider, World};
use std::collections::BTreeMap;

/// The audience AWS expects in SAML assertions for the console and STS.
pub const SAML_AUDIENCE: &str = "https://signin.aws.amazon.com/saml";

/// A SAML provider in the world issues an assertion for `subject`, granting `roles`.
pub fn issue_saml_assertion(
    state: &mut StsState,
    provider_arn: &str,
    subject: &str,
    role_session_name: &str,
    roles: Vec<String>,
    session_not_on_or_after: Option<SimTime>,
    now: SimTime,
) -> SamlAssertion {
    let a = SamlAssertion {
        id: format!(
            "PHNhbWxwOlJlc3BvbnNl{}",
            state.id_gen.chars(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                32
            )
        ),
        provider_arn: provider_arn.to_string(),
        subject: subject.to_string(),
        role_session_name: role_session_name.to_string(),
        roles,
        audience: SAML_AUDIENCE.to_string(),
        session_duration: None,
        session_not_on_or_after,
        // Assertions are short-lived; five minutes is the usual NotOnOrAfter window.
        not_on_or_after: now.plus(SimDuration::from_mins(5)),
        attributes: BTreeMap::new(),
    };
    state.saml_assertions.push(a.clone());
    a
}

/// `sts:AssumeRoleWithSAML`: the assertion must be from the named SAML provider, unexpired,
/// and list the role; the trust policy must allow the provider (`SAML:aud` etc.). The session
/// ends at DurationSeconds or at the assertion's `SessionNotOnOrAfter`, whichever is sooner.
pub fn assume_role_with_saml(
    world: &World,
    state: &mut StsState,
    req: &AssumeRoleWithSamlRequest,
    now: SimTime,
) -> StsOutcome<AssumeRoleResponse> {
    let mut gates = Gates::default();
    let result = saml(world, state, req, now, &mut gates);
    let issued = result
        .as_ref()
        .ok()
        .map(|r| r.credentials.access_key_id.to_string());
    record(
        state,
        CallRecord {
            api: "AssumeRoleWithSAML",
            who: req.principal_arn.clone(),
            credential: None,
            target: Some(req.role_arn.clone()),
            issued,
        },
        &result,
        &gates,
        now,
    );
    StsOutcome { result, gates }
}

fn saml(
    world: &World,
    state: &mut StsState,
    req: &AssumeRoleWithSamlRequest,
    now: SimTime,
    gates: &mut Gates,
) -> Result<AssumeRoleResponse, StsError> {
    if let Err(e) = validate::saml_params(req) {
        return fail(gates, "parameters", e);
    }
    gates.pass("parameters", "All parameters satisfy their constraints");
    let Some(a) = state
        .saml_assertions
        .iter()
        .find(|a| a.id == req.saml_assertion)
        .cloned()
    else {
        return fail(
            gates,
            "saml_assertion",
            StsError::InvalidIdentityToken("Invalid SAML assertion.".into()),
        );
    };
    if now >= a.not_on_or_after {
        return fail(gates, "saml_assertion", StsError::ExpiredToken);
    }
    let known = world
        .identity_providers
        .iter()
        .any(|p| matches!(p, IdentityProvider::Saml(s) if s.arn == req.principal_arn));
    if !known || a.provider_arn != req.principal_arn {
        return fail(
            gates,
            "identity_provider",
            StsError::InvalidIdentityToken(format!(
                "The SAML provider {} does not exist or did not issue this assertion.",
                req.principal_arn
            )),
        );
    }
    if !a.roles.iter().any(|r| r == &req.role_arn) {
        return fail(
            gates,
            "saml_assertion",
            StsError::AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML".into()),
        );
    }
    gates.pass(
        "saml_assertion",
        format!("Assertion for {} lists the role", a.subject),
    );
    let Some(role) = find_role(world, &req.role_arn) else {
        return fail(
            gates,
            "role_exists",
            StsError::AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML".into()),
        );
    };
    let mut context = BTreeMap::new();
    context.insert("SAML:aud".into(), authz::single(a.audience.clone()));
    context.insert("SAML:sub".into(), authz::single(a.subject.clone()));
    for (k, v) in &a.attributes {
        context.insert(format!("SAML:{k}"), authz::single(v.clone()));
    }
    trust_gate(
        role,
        &req.principal_arn,
        &a.role_session_name,
        "sts:AssumeRoleWithSAML",
        context,
        now,
        gates,
    )?;
    let requested = req.duration_seconds.or(a.session_duration);
    let mut duration = super::assume_role::duration_gate(gates, requested, role, false)?;
    if let Some(limit) = a.session_not_on_or_after {
        duration = duration.min(limit.since(now).as_secs());
    }
    let packed = session_policy_gate(gates, req.policy.as_deref(), &req.policy_arns, &[])?;
    Ok(issue_role_session(
        state,
        role,
        NewRoleSession {
            origin: SessionOrigin::Saml {
                provider_arn: req.principal_arn.clone(),
            },
            session_name: a.role_session_name.clone(),
            duration_seconds: duration.max(0),
            source_identity: None,
            tags: Vec::new(),
            transitive_tag_keys: Vec::new(),
            session_policy: req.policy.clone(),
            session_policy_arns: req.policy_arns.iter().map(|d| d.arn.clone()).collect(),
            mfa: None,
            chained: false,
            parent: None,
            packed_policy_size: packed,
        },
        now,
    ))
}
