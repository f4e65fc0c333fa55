//! Identity tokens issued inside the world: OIDC JWTs (e.g. GitHub Actions) and SAML assertions.
//!
//! Real tokens are signed documents; here they are records STS looks up by id, with the same
//! claims AWS reads: `iss`, `sub`, `aud`, `exp` for OIDC, and `Role`, `RoleSessionName`,
//! `SessionNotOnOrAfter` attributes for SAML.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html

use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The GitHub Actions OIDC issuer host, as trust policy condition keys spell it.
/// https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
pub const GITHUB_ACTIONS_ISSUER: &str = "token.actions.githubusercontent.com";

/// An OIDC ID token (JWT) as a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebIdentityToken {
    /// What the caller passes as `WebIdentityToken`.
    pub id: String,
    /// `iss`: the provider URL without scheme, e.g. `token.actions.githubusercontent.com`.
    pub issuer: String,
    /// `sub`, e.g. `repo:octo-org/octo-repo:ref:refs/heads/main`.
    pub sub: String,
    /// `aud`, e.g. `sts.amazonaws.com`.
    pub aud: String,
    /// Other claims (`repository`, `ref`, `amr`...).
    pub claims: BTreeMap<String, String>,
    /// `iat`.
    pub issued_at: SimTime,
    /// `exp`: STS refuses the token at or after this instant.
    pub expires_at: SimTime,
}

/// A SAML 2.0 assertion as a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamlAssertion {
    /// What the caller passes as `SAMLAssertion`.
    pub id: String,
    /// The IdP's SAML provider ARN in IAM (the `Issuer` as IAM knows it).
    pub provider_arn: String,
    /// `NameID` of the subject.
    pub subject: String,
    /// `https://aws.amazon.com/SAML/Attributes/RoleSessionName`.
    pub role_session_name: String,
    /// `https://aws.amazon.com/SAML/Attributes/Role` entries the assertion grants (role ARNs).
    pub roles: Vec<String>,
    /// `SAML:aud`; AWS's sign-in endpoint.
    pub audience: String,
    /// `https://aws.amazon.com/SAML/Attributes/SessionDuration`, seconds, if present.
    pub session_duration: Option<i64>,
    /// `SessionNotOnOrAfter`: no session may last past it.
    pub session_not_on_or_after: Option<SimTime>,
    /// `NotOnOrAfter` of the subject confirmation: the assertion is refused at or after it.
    pub not_on_or_after: SimTime,
    /// Other attributes, e.g. `PrincipalTag:Department`.
    pub attributes: BTreeMap<String, String>,
}
