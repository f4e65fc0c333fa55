//! `sts:AssumeRoleWithSAML`: a SAML provider's assertion in, a role session out.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html

use super::assume_role::{gate_result, session_policy_gate, StsOutcome};
use super::authz;
use super::federated_trust::{fail, trust_gate};
use super::gate::{GateName, Gates};
use super::issue::{find_role, issue_role_session, AssumeRoleResponse, NewRoleSession};
use super::limits;
use super::request::Tag;
use super::role_gates::RoleCheck;
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

/// The SAML attribute that sets the session's source identity.
pub const SOURCE_IDENTITY_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
/// Prefix of SAML attributes that become session tags (`...PrincipalTag:Department`).
pub const PRINCIPAL_TAG_ATTRIBUTE: &str = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
/// The SAML attribute listing transitive tag keys (comma-separated here).
pub const TRANSITIVE_TAG_KEYS_ATTRIBUTE: &str =
    "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

/// Session tags and transitive keys the assertion's attributes carry.
fn attribute_tags(a: &SamlAssertion) -> (Vec<Tag>, Vec<String>) {
    let tags = a
        .attributes
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(PRINCIPAL_TAG_ATTRIBUTE).map(|key| Tag {
                key: key.to_string(),
                value: v.clone(),
            })
        })
        .collect();
    let transitive = a
        .attributes
        .get(TRANSITIVE_TAG_KEYS_ATTRIBUTE)
        .map(|v| {
            v.split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (tags, transitive)
}

/// `[a-zA-Z_0-9+=,.@-]{2,64}`, the pattern AWS quotes for SAML session names and source
/// identities.
fn saml_name_ok(v: &str) -> bool {
    (2..=64).contains(&v.chars().count()) && v.chars().all(super::validate::session_name_char)
}

/// The assertion's `RoleSessionName` attribute, with the errors AWS documents for it
/// (InvalidIdentityToken, HTTP 400).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html
fn assertion_session_name(name: &str) -> Result<(), StsError> {
    if name.is_empty() {
        return Err(StsError::InvalidIdentityToken(
            "RoleSessionName is required in AuthnResponse".into(),
        ));
    }
    if !saml_name_ok(name) {
        return Err(StsError::InvalidIdentityToken(
            "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}".into(),
        ));
    }
    Ok(())
}

/// The assertion's `SourceIdentity` attribute: AWS's documented error (InvalidIdentityToken,
/// HTTP 400) for a value outside the pattern or starting with `aws:`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html
fn assertion_source_identity(si: &str) -> Result<(), StsError> {
    let reserved = si.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"));
    if reserved || !saml_name_ok(si) {
        return Err(StsError::InvalidIdentityToken(
            "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\""
                .into(),
        ));
    }
    Ok(())
}

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
            identity_provider: None,
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
        return fail(gates, GateName::Parameters, e);
    }
    gates.pass(
        GateName::Parameters,
        "All parameters satisfy their constraints",
    );
    let Some(a) = state
        .saml_assertions
        .iter()
        .find(|a| a.id == req.saml_assertion)
        .cloned()
    else {
        // AWS does not document the text for an assertion it cannot parse; this is the
        // simulator's wording under AWS's code.
        return fail(
            gates,
            GateName::SamlAssertion,
            StsError::InvalidIdentityToken("Invalid SAML assertion.".into()),
        );
    };
    if now >= a.not_on_or_after {
        // ExpiredTokenException (HTTP 400) is documented for AssumeRoleWithSAML; the message is
        // the one STS returns for a stale assertion (Nike-Inc/gimme-aws-creds#251), not quoted
        // in AWS's pages.
        // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html#API_AssumeRoleWithSAML_Errors
        return fail(
            gates,
            GateName::SamlAssertion,
            StsError::ExpiredTokenException(
                "Token must be redeemed within 5 minutes of issuance".into(),
            ),
        );
    }
    if let Err(e) = assertion_session_name(&a.role_session_name) {
        return fail(gates, GateName::SamlAssertion, e);
    }
    let known = world
        .identity_providers
        .iter()
        .any(|p| matches!(p, IdentityProvider::Saml(s) if s.arn == req.principal_arn));
    if !known || a.provider_arn != req.principal_arn {
        // The simulator's wording: AWS's pages do not quote STS's text for this case.
        return fail(
            gates,
            GateName::IdentityProvider,
            StsError::InvalidIdentityToken(format!(
                "The SAML provider {} does not exist or did not issue this assertion.",
                req.principal_arn
            )),
        );
    }
    // "Not authorized to perform sts:AssumeRoleWithSAML" (AccessDenied, 403) when the role is
    // not in the assertion, does not exist, or its trust policy refuses.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html
    if !a.roles.iter().any(|r| r == &req.role_arn) {
        return fail(
            gates,
            GateName::SamlAssertion,
            StsError::AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML".into()),
        );
    }
    gates.pass(
        GateName::SamlAssertion,
        format!("Assertion for {} lists the role", a.subject),
    );
    let Some(role) = find_role(world, &req.role_arn) else {
        return fail(
            gates,
            GateName::RoleExists,
            StsError::AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML".into()),
        );
    };
    let mut context = BTreeMap::new();
    context.insert("SAML:aud".into(), authz::single(a.audience.clone()));
    context.insert("SAML:sub".into(), authz::single(a.subject.clone()));
    for (k, v) in &a.attributes {
        context.insert(format!("SAML:{k}"), authz::single(v.clone()));
    }
    let (tags, transitive) = attribute_tags(&a);
    let source_identity = a.attributes.get(SOURCE_IDENTITY_ATTRIBUTE).cloned();
    for t in &tags {
        context.insert(
            format!("aws:RequestTag/{}", t.key),
            authz::single(t.value.clone()),
        );
    }
    if let Some(si) = &source_identity {
        context.insert("sts:SourceIdentity".into(), authz::single(si.clone()));
    }
    let provider = req.principal_arn.as_str();
    let name = a.role_session_name.as_str();
    trust_gate(
        role,
        provider,
        name,
        ("sts:AssumeRoleWithSAML", RoleCheck::Assume),
        context.clone(),
        now,
        gates,
    )?;
    if !tags.is_empty() {
        // Session tags from the assertion need sts:TagSession in the trust policy.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-saml
        trust_gate(
            role,
            provider,
            name,
            ("sts:TagSession", RoleCheck::TagSession),
            context.clone(),
            now,
            gates,
        )?;
        gate_result(
            gates,
            GateName::SessionTags,
            "Session tags from the assertion are unique",
            limits::session_tags(&tags, &transitive, &[]),
        )?;
    }
    if let Some(si) = &source_identity {
        // "Trust policies for all roles connected to an identity provider (IdP) must have the
        // sts:SetSourceIdentity permission."
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
        gate_result(
            gates,
            GateName::SourceIdentity,
            "The source identity is acceptable",
            assertion_source_identity(si),
        )?;
        trust_gate(
            role,
            provider,
            name,
            ("sts:SetSourceIdentity", RoleCheck::SetSourceIdentity),
            context,
            now,
            gates,
        )?;
    }
    let requested = req.duration_seconds.or(a.session_duration);
    let mut duration = super::assume_role::duration_gate(gates, requested, role, false)?;
    if let Some(limit) = a.session_not_on_or_after {
        duration = duration.min(limit.since(now).as_secs());
    }
    let packed = session_policy_gate(gates, req.policy.as_deref(), &req.policy_arns, &tags)?;
    Ok(issue_role_session(
        state,
        role,
        NewRoleSession {
            origin: SessionOrigin::Saml {
                provider_arn: req.principal_arn.clone(),
            },
            session_name: a.role_session_name.clone(),
            duration_seconds: duration.max(0),
            source_identity,
            tags,
            transitive_tag_keys: transitive,
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
