//! Federation: `AssumeRoleWithWebIdentity` (OIDC, e.g. GitHub Actions) and
//! `AssumeRoleWithSAML` (in `sts::saml`). These calls are not signed with AWS credentials: the token or the
//! assertion is the proof, and only the role's trust policy decides.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html

use super::assume_role::{session_policy_gate, StsOutcome};
use super::authz;
use super::federated_trust::{fail, trust_gate};
use super::gate::{GateName, Gates};
use super::issue::{find_role, issue_role_session, AssumeRoleResponse, NewRoleSession};
use super::role_gates::RoleCheck;
pub use super::saml::{assume_role_with_saml, issue_saml_assertion, SAML_AUDIENCE};
use super::session::{SessionOrigin, StsState};
use super::session_token::{record, CallRecord};
use super::tokens::WebIdentityToken;
use super::validate;
use super::{AssumeRoleWithWebIdentityRequest, StsError};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{IdentityProvider, World};
use std::collections::BTreeMap;

/// An OIDC provider in the world issues a token (its id is what the workload passes as
/// `WebIdentityToken`). `issuer` is the provider URL, with or without `https://`.
pub fn issue_web_identity_token(
    state: &mut StsState,
    issuer: &str,
    sub: &str,
    aud: &str,
    claims: BTreeMap<String, String>,
    lifetime: SimDuration,
    now: SimTime,
) -> WebIdentityToken {
    let token = WebIdentityToken {
        id: format!(
            "eyJ{}",
            state.id_gen.chars(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                40
            )
        ),
        issuer: issuer
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_string(),
        sub: sub.to_string(),
        aud: aud.to_string(),
        claims,
        issued_at: now,
        expires_at: now.plus(lifetime),
    };
    state.web_identity_tokens.push(token.clone());
    token
}

/// `AssumeRoleWithWebIdentity`'s extra response fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentityResponse {
    /// Credentials and assumed-role user.
    pub assumed: AssumeRoleResponse,
    /// The token's `sub`.
    pub subject_from_web_identity_token: String,
    /// The token's `aud`.
    pub audience: String,
    /// The issuer (`iss`).
    pub provider: String,
}

impl WebIdentityResponse {
    /// The API's JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = self.assumed.to_json();
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "SubjectFromWebIdentityToken".into(),
                self.subject_from_web_identity_token.clone().into(),
            );
            o.insert("Audience".into(), self.audience.clone().into());
            o.insert("Provider".into(), self.provider.clone().into());
        }
        v
    }
}

/// An expired web identity token: `ExpiredTokenException` (HTTP 400, documented on
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors).
/// The message, with both instants as Unix seconds, is the one STS returns in
/// aws/aws-sdk-java-v2#5709 and awslabs/aws-orbit-workbench#707; AWS's pages do not quote it.
pub(crate) fn expired_web_identity_token(now: SimTime, expires_at: SimTime) -> StsError {
    StsError::ExpiredTokenException(format!(
        "Token expired: current date/time {} must be before the expiration date/time {}",
        now.as_secs(),
        expires_at.as_secs()
    ))
}

/// `sts:AssumeRoleWithWebIdentity`: the token must come from an OIDC provider registered in
/// the role's account, name one of its client ids as audience, be unexpired, and satisfy the
/// trust policy (`Federated` principal, `ISSUER:sub` / `ISSUER:aud` conditions).
pub fn assume_role_with_web_identity(
    world: &World,
    state: &mut StsState,
    req: &AssumeRoleWithWebIdentityRequest,
    now: SimTime,
) -> StsOutcome<WebIdentityResponse> {
    let mut gates = Gates::default();
    let mut identity_provider = None;
    let result = web_identity(world, state, req, now, &mut gates, &mut identity_provider);
    let issued = result
        .as_ref()
        .ok()
        .map(|r| r.assumed.credentials.access_key_id.to_string());
    // The caller is the token's subject; the provider that issued the token is recorded
    // apart, as CloudTrail does (`userName` and `identityProvider`):
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html
    let who = result
        .as_ref()
        .map(|r| r.subject_from_web_identity_token.clone())
        .unwrap_or_else(|_| "web identity".into());
    record(
        state,
        CallRecord {
            api: "AssumeRoleWithWebIdentity",
            who,
            identity_provider,
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

fn web_identity(
    world: &World,
    state: &mut StsState,
    req: &AssumeRoleWithWebIdentityRequest,
    now: SimTime,
    gates: &mut Gates,
    identity_provider: &mut Option<String>,
) -> Result<WebIdentityResponse, StsError> {
    if let Err(e) = validate::web_identity_params(req) {
        return fail(gates, GateName::Parameters, e);
    }
    gates.pass(
        GateName::Parameters,
        "All parameters satisfy their constraints",
    );
    let Some(token) = state
        .web_identity_tokens
        .iter()
        .find(|t| t.id == req.web_identity_token)
        .cloned()
    else {
        // InvalidIdentityToken's description in the API reference; the message AWS sends for
        // a token it cannot parse is not documented.
        return fail(
            gates,
            GateName::WebIdentityToken,
            StsError::InvalidIdentityToken(
                "The web identity token that was passed could not be validated by AWS.".into(),
            ),
        );
    };
    if now >= token.expires_at {
        return fail(
            gates,
            GateName::WebIdentityToken,
            expired_web_identity_token(now, token.expires_at),
        );
    }
    let Some(role) = find_role(world, &req.role_arn) else {
        // "Not authorized to perform sts:AssumeRoleWithWebIdentity" is what STS answers for a
        // missing role or a refusing trust policy (the SAML twin of this text is documented on
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html).
        return fail(
            gates,
            GateName::RoleExists,
            StsError::AccessDenied(
                "Not authorized to perform sts:AssumeRoleWithWebIdentity".into(),
            ),
        );
    };
    let provider = world.identity_providers.iter().find_map(|p| match p {
        IdentityProvider::Oidc(o)
            if o.account == role.account
                && o.url.trim_start_matches("https://").trim_end_matches('/') == token.issuer =>
        {
            Some(o)
        }
        _ => None,
    });
    let Some(provider) = provider else {
        // Not in AWS's pages, but the text STS returns, e.g. aws-actions/configure-aws-credentials#721,
        // kubernetes-sigs/aws-load-balancer-controller#2315.
        return fail(
            gates,
            GateName::IdentityProvider,
            StsError::InvalidIdentityToken(format!(
                "No OpenIDConnect provider found in your account for https://{}",
                token.issuer
            )),
        );
    };
    *identity_provider = Some(provider.arn.clone());
    if !provider.client_ids.iter().any(|c| c == &token.aud) {
        // The text STS returns for an audience not among the provider's client IDs (reported
        // by users; AWS's pages do not quote it).
        return fail(
            gates,
            GateName::IdentityProvider,
            StsError::InvalidIdentityToken("Incorrect token audience".into()),
        );
    }
    gates.pass(
        GateName::WebIdentityToken,
        format!(
            "Token from {} for {} is valid until {}",
            token.issuer, token.sub, token.expires_at
        ),
    );
    let mut context = BTreeMap::new();
    context.insert(
        format!("{}:sub", token.issuer),
        authz::single(token.sub.clone()),
    );
    context.insert(
        format!("{}:aud", token.issuer),
        authz::single(token.aud.clone()),
    );
    for (k, v) in &token.claims {
        context.insert(format!("{}:{k}", token.issuer), authz::single(v.clone()));
    }
    context.insert(
        "sts:RoleSessionName".into(),
        authz::single(req.role_session_name.clone()),
    );
    trust_gate(
        role,
        &provider.arn,
        &req.role_session_name,
        ("sts:AssumeRoleWithWebIdentity", RoleCheck::Assume),
        context,
        now,
        gates,
    )?;
    let duration = super::assume_role::duration_gate(gates, req.duration_seconds, role, false)?;
    let packed = session_policy_gate(gates, req.policy.as_deref(), &req.policy_arns, &[])?;
    let assumed = issue_role_session(
        state,
        role,
        NewRoleSession {
            origin: SessionOrigin::WebIdentity {
                provider_arn: provider.arn.clone(),
            },
            session_name: req.role_session_name.clone(),
            duration_seconds: duration,
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
    );
    Ok(WebIdentityResponse {
        assumed,
        subject_from_web_identity_token: token.sub,
        audience: token.aud,
        provider: token.issuer,
    })
}
