//! The STS request parameters, spelled as in the STS API reference (PascalCase JSON). Unknown
//! names are refused, so a misspelt `DurationSecond` is reported rather than ignored.

use serde::{Deserialize, Serialize};

/// A session tag. https://docs.aws.amazon.com/STS/latest/APIReference/API_Tag.html
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Tag {
    /// 1-128 characters; case-insensitive for uniqueness, case preserved.
    pub key: String,
    /// 0-256 characters.
    pub value: String,
}

/// A managed policy ARN passed as a session policy.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_PolicyDescriptorType.html
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDescriptorType {
    /// The managed policy's ARN (lower-case `arn`, as the API spells it).
    pub arn: String,
}

/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct AssumeRoleRequest {
    /// The role to assume.
    pub role_arn: String,
    /// 2-64 characters of `[\w+=,.@-]`; becomes the last part of the assumed-role ARN.
    pub role_session_name: String,
    /// 900 up to the role's MaxSessionDuration (3600 when chaining); default 3600.
    pub duration_seconds: Option<i64>,
    /// 2-1224 characters of `[\w+=,.@:\/-]`; compared with `sts:ExternalId`.
    pub external_id: Option<String>,
    /// The caller's MFA device ARN.
    pub serial_number: Option<String>,
    /// The six digits the device shows now.
    pub token_code: Option<String>,
    /// Inline session policy (up to 2048 characters).
    pub policy: Option<String>,
    /// Managed session policies (up to 10).
    pub policy_arns: Vec<PolicyDescriptorType>,
    /// Session tags (up to 50); needs `sts:TagSession` in the trust policy.
    pub tags: Vec<Tag>,
    /// Keys of `tags` that pass on to chained sessions.
    pub transitive_tag_keys: Vec<String>,
    /// Needs `sts:SetSourceIdentity` in the trust policy; cannot start with `aws:`.
    pub source_identity: Option<String>,
}

/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct GetSessionTokenRequest {
    /// 900-129600 seconds for IAM users (3600 at most for root); default 43200.
    pub duration_seconds: Option<i64>,
    /// The caller's MFA device ARN.
    pub serial_number: Option<String>,
    /// The six digits the device shows now.
    pub token_code: Option<String>,
}

/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct AssumeRoleWithWebIdentityRequest {
    /// The role to assume.
    pub role_arn: String,
    /// 2-64 characters of `[\w+=,.@-]`.
    pub role_session_name: String,
    /// The id of a token issued in the world by an OIDC provider (see `sts::federation`).
    pub web_identity_token: String,
    /// 900 up to the role's MaxSessionDuration; default 3600.
    pub duration_seconds: Option<i64>,
    /// Inline session policy.
    pub policy: Option<String>,
    /// Managed session policies (up to 10).
    pub policy_arns: Vec<PolicyDescriptorType>,
}

/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct AssumeRoleWithSamlRequest {
    /// The role to assume.
    pub role_arn: String,
    /// The SAML provider's ARN in IAM.
    pub principal_arn: String,
    /// The id of an assertion issued in the world by the SAML provider.
    #[serde(rename = "SAMLAssertion")]
    pub saml_assertion: String,
    /// 900 up to the role's MaxSessionDuration, and never past SessionNotOnOrAfter.
    pub duration_seconds: Option<i64>,
    /// Inline session policy.
    pub policy: Option<String>,
    /// Managed session policies (up to 10).
    pub policy_arns: Vec<PolicyDescriptorType>,
}
