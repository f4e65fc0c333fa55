//! `StsError`: the refusals STS returns, with AWS's error codes and message texts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an STS call (or a call made with STS credentials) was refused. `code()` and
/// `message()` are AWS's own words, so what a learner sees here is what the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "Code", content = "Message")]
pub enum StsError {
    /// Parameter constraints (`1 validation error detected: ...`) and duration limits.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
    ValidationError(String),
    /// A gate refused: identity policy, trust policy, root caller, MFA code.
    AccessDenied(String),
    /// Unknown, deleted or inactive access key.
    InvalidClientTokenId,
    /// Temporary credentials used at or after their `Expiration`. STS answers with the code
    /// `ExpiredToken` (what the CLI prints, e.g. prowler-cloud/prowler#789, aws/aws-cli#7870);
    /// the common-errors page lists the same condition as `ExpiredTokenException`, HTTP 403.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
    ExpiredToken,
    /// A web identity token or SAML assertion past its validity: code `ExpiredTokenException`,
    /// HTTP 400 ("The web identity token that was passed is expired or is not valid").
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
    ExpiredTokenException(String),
    /// Session policies and tags do not fit the packed format; the number is percent used.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_Errors
    PackedPolicyTooLarge(u32),
    /// A session policy that is not valid JSON policy grammar. AWS documents only that "the
    /// error message describes the specific error"; the texts are this simulator's own policy
    /// checks. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html#API_AssumeRole_Errors
    MalformedPolicyDocument(String),
    /// A parameter that is well-formed but not acceptable (tag clashes, `aws:` prefixes).
    InvalidParameterValue(String),
    /// A web identity token or SAML assertion AWS cannot validate (unknown provider, wrong
    /// audience, malformed SAML attributes). HTTP 400.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
    InvalidIdentityToken(String),
    /// The identity provider rejected the claim (code `IDPRejectedClaim`, HTTP 403). The
    /// simulation has no outside identity provider that could reject a claim, so nothing
    /// raises it yet.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
    IdpRejectedClaim(String),
}

impl StsError {
    /// AWS's error code (the `Code` element; the CLI prints it in parentheses).
    pub fn code(&self) -> &'static str {
        match self {
            StsError::ValidationError(_) => "ValidationError",
            StsError::AccessDenied(_) => "AccessDenied",
            StsError::InvalidClientTokenId => "InvalidClientTokenId",
            StsError::ExpiredToken => "ExpiredToken",
            StsError::ExpiredTokenException(_) => "ExpiredTokenException",
            StsError::PackedPolicyTooLarge(_) => "PackedPolicyTooLarge",
            StsError::MalformedPolicyDocument(_) => "MalformedPolicyDocument",
            StsError::InvalidParameterValue(_) => "InvalidParameterValue",
            StsError::InvalidIdentityToken(_) => "InvalidIdentityToken",
            StsError::IdpRejectedClaim(_) => "IDPRejectedClaim",
        }
    }

    /// AWS's message text.
    pub fn message(&self) -> String {
        match self {
            StsError::ValidationError(m)
            | StsError::AccessDenied(m)
            | StsError::MalformedPolicyDocument(m)
            | StsError::InvalidParameterValue(m)
            | StsError::InvalidIdentityToken(m)
            | StsError::ExpiredTokenException(m)
            | StsError::IdpRejectedClaim(m) => m.clone(),
            // The text STS returns (https://repost.aws/knowledge-center/iam-credentials-token);
            // the common-errors page describes InvalidClientTokenId in other words ("The X.509
            // certificate or AWS access key ID provided does not exist in our records").
            StsError::InvalidClientTokenId => {
                "The security token included in the request is invalid.".to_string()
            }
            // https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (ExpiredTokenException)
            // and the CLI output quoted in prowler-cloud/prowler#789.
            StsError::ExpiredToken => {
                "The security token included in the request is expired".to_string()
            }
            // AWS documents that "the error message indicates by percentage how close the
            // policies and tags are to the upper size limit", not the sentence itself; this
            // wording is the one users report, not checked against an AWS page.
            StsError::PackedPolicyTooLarge(pct) => {
                format!(
                    "Packed policy consumes {pct}% of allotted space, please use smaller policy."
                )
            }
        }
    }

    /// The HTTP status AWS answers with: 403 for refusals, expired credentials and
    /// `IDPRejectedClaim`, 400 for the rest (each error's "HTTP Status Code" in the STS API
    /// Reference, e.g. ExpiredTokenException 400 and IDPRejectedClaim 403 on
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html).
    pub fn http_status(&self) -> u16 {
        match self {
            StsError::AccessDenied(_)
            | StsError::InvalidClientTokenId
            | StsError::ExpiredToken
            | StsError::IdpRejectedClaim(_) => 403,
            _ => 400,
        }
    }

    /// The AWS error response body: `{"Error": {"Type": "Sender", "Code", "Message"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "Error": { "Type": "Sender", "Code": self.code(), "Message": self.message() }
        })
    }

    /// What `aws` prints: `An error occurred (CODE) when calling the OP operation: MESSAGE`.
    pub fn cli_text(&self, operation: &str) -> String {
        format!(
            "An error occurred ({}) when calling the {operation} operation: {}",
            self.code(),
            self.message()
        )
    }
}

impl fmt::Display for StsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for StsError {}

/// `User: ARN is not authorized to perform: ACTION on resource: RESOURCE`, AWS's AccessDenied
/// text for STS. https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html
pub fn not_authorized(caller_arn: &str, action: &str, resource_arn: &str) -> StsError {
    StsError::AccessDenied(format!(
        "User: {caller_arn} is not authorized to perform: {action} on resource: {resource_arn}"
    ))
}
