//! Parameter validation with AWS's exact constraint texts (`1 validation error detected: ...`).
//!
//! Lengths and patterns are each parameter's "Length Constraints" and "Pattern" in the STS API
//! Reference (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
//! API_GetSessionToken.html, API_AssumeRoleWithWebIdentity.html, API_AssumeRoleWithSAML.html,
//! generated from the same service model as botocore's `sts/2011-06-15/service-2.json`):
//! RoleSessionName 2-64 `[\w+=,.@-]*`, ExternalId 2-1224 `[\w+=,.@:\/-]*`, SerialNumber 9-256
//! `[\w+=/:,.@-]*`, TokenCode exactly 6 `[\d]*`, SourceIdentity 2-64, Policy 1-2048,
//! WebIdentityToken 4-20000, SAMLAssertion 4-100000, DurationSeconds 900-43200 (roles) and
//! 900-129600 (GetSessionToken), tag keys 1-128 and values 0-256, at most 50 tags.
//! Session limits: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html.

use super::request::{PolicyDescriptorType, Tag};
use super::StsError;

/// Shortest session AWS issues (15 minutes).
pub const MIN_DURATION_SECONDS: i64 = 900;
/// AssumeRole's default session length.
pub const DEFAULT_ROLE_DURATION_SECONDS: i64 = 3600;
/// The most any role's MaxSessionDuration can be (12 hours).
pub const MAX_ROLE_DURATION_SECONDS: i64 = 43_200;
/// Role chaining caps sessions at one hour, and so does AssumeRole with GetSessionToken's
/// credentials (https://repost.aws/knowledge-center/iam-role-chaining-limit).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
pub const CHAINED_MAX_DURATION_SECONDS: i64 = 3600;
/// GetSessionToken: default 12 hours, up to 36 hours (root: 1 hour).
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
pub const SESSION_TOKEN_DEFAULT_SECONDS: i64 = 43_200;
/// GetSessionToken's upper bound for IAM users.
pub const SESSION_TOKEN_MAX_SECONDS: i64 = 129_600;
/// GetSessionToken's upper bound for the root user.
pub const SESSION_TOKEN_ROOT_MAX_SECONDS: i64 = 3600;
/// At most 10 managed session policies; up to 50 session tags.
pub const MAX_POLICY_ARNS: usize = 10;
/// Session tags per request.
pub const MAX_SESSION_TAGS: usize = 50;
/// Plain-text inline session policy size.
pub const MAX_SESSION_POLICY_CHARS: usize = 2048;

/// Constraint violations gathered for one request; AWS reports them all at once.
#[derive(Debug, Default)]
pub struct Violations(Vec<String>);

impl Violations {
    /// Records `Value 'v' at 'field' failed to satisfy constraint: Member must ...`.
    pub fn push(&mut self, value: &str, field: &str, constraint: &str) {
        self.0.push(format!(
            "Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"
        ));
    }

    /// Length between `min` and `max` characters.
    pub fn length(&mut self, value: &str, field: &str, min: usize, max: usize) {
        let n = value.chars().count();
        if n < min {
            self.push(
                value,
                field,
                &format!("Member must have length greater than or equal to {min}"),
            );
        } else if n > max {
            self.push(
                value,
                field,
                &format!("Member must have length less than or equal to {max}"),
            );
        }
    }

    /// Every character in the class; `pattern` is the regex AWS names in the message.
    pub fn pattern(&mut self, value: &str, field: &str, pattern: &str, ok: fn(char) -> bool) {
        if !value.chars().all(ok) {
            self.push(
                value,
                field,
                &format!("Member must satisfy regular expression pattern: {pattern}"),
            );
        }
    }

    /// `Ok` when nothing was recorded, else one `ValidationError` listing everything.
    pub fn finish(self) -> Result<(), StsError> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(StsError::ValidationError(format!(
                "1 validation error detected: {}",
                self.0.join("; ")
            ))),
            n => Err(StsError::ValidationError(format!(
                "{n} validation errors detected: {}",
                self.0.join("; ")
            ))),
        }
    }
}

/// `\w` in AWS's Java regexes: ASCII letters, digits and underscore.
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `[\w+=,.@-]*`: RoleSessionName and SourceIdentity.
pub fn session_name_char(c: char) -> bool {
    word(c) || "+=,.@-".contains(c)
}

/// `[\w+=,.@:\/-]*`: ExternalId.
pub fn external_id_char(c: char) -> bool {
    word(c) || "+=,.@:/-".contains(c)
}

/// `[\w+=/:,.@-]*`: SerialNumber.
fn serial_char(c: char) -> bool {
    word(c) || "+=/:,.@-".contains(c)
}

/// `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`: tag keys and values.
fn tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c)
}

/// `[\u0009\u000A\u000D\u0020-\u00FF]+`: inline session policies.
fn policy_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{a}' | '\u{d}' | '\u{20}'..='\u{ff}')
}

/// RoleSessionName: 2-64, `[\w+=,.@-]*`.
pub fn role_session_name(v: &mut Violations, name: &str) {
    v.length(name, "roleSessionName", 2, 64);
    v.pattern(name, "roleSessionName", r"[\w+=,.@-]*", session_name_char);
}

/// ExternalId: 2-1224, `[\w+=,.@:\/-]*`.
pub fn external_id(v: &mut Violations, id: &str) {
    v.length(id, "externalId", 2, 1224);
    v.pattern(id, "externalId", r"[\w+=,.@:\/-]*", external_id_char);
}

/// SourceIdentity: 2-64, `[\w+=,.@-]*`.
pub fn source_identity(v: &mut Violations, id: &str) {
    v.length(id, "sourceIdentity", 2, 64);
    v.pattern(id, "sourceIdentity", r"[\w+=,.@-]*", session_name_char);
}

/// SerialNumber 9-256 and TokenCode exactly six digits.
pub fn mfa(v: &mut Violations, serial: Option<&str>, token: Option<&str>) {
    if let Some(s) = serial {
        v.length(s, "serialNumber", 9, 256);
        v.pattern(s, "serialNumber", r"[\w+=/:,.@-]*", serial_char);
    }
    if let Some(t) = token {
        v.length(t, "tokenCode", 6, 6);
        v.pattern(t, "tokenCode", r"[\d]*", |c| c.is_ascii_digit());
    }
}

/// DurationSeconds' static range (900 to `max`), before role-specific limits.
pub fn duration_range(v: &mut Violations, requested: Option<i64>, max: i64) {
    if let Some(d) = requested {
        if d < MIN_DURATION_SECONDS {
            v.push(
                &d.to_string(),
                "durationSeconds",
                &format!("Member must have value greater than or equal to {MIN_DURATION_SECONDS}"),
            );
        } else if d > max {
            v.push(
                &d.to_string(),
                "durationSeconds",
                &format!("Member must have value less than or equal to {max}"),
            );
        }
    }
}

/// Inline policy length/characters and the PolicyArns count.
pub fn session_policies(v: &mut Violations, policy: Option<&str>, arns: &[PolicyDescriptorType]) {
    if let Some(p) = policy {
        v.length(p, "policy", 1, MAX_SESSION_POLICY_CHARS);
        v.pattern(
            p,
            "policy",
            r"[\u0009\u000A\u000D\u0020-\u00FF]+",
            policy_char,
        );
    }
    // "You can provide up to 10 managed policy ARNs" is documented, but the list has no
    // length constraint in the API reference, so how AWS words this refusal is not known:
    // this reuses the validation-error form.
    if arns.len() > MAX_POLICY_ARNS {
        v.push(
            &format!("{} policy ARNs", arns.len()),
            "policyArns",
            &format!("Member must have length less than or equal to {MAX_POLICY_ARNS}"),
        );
    }
    for (i, d) in arns.iter().enumerate() {
        v.length(
            &d.arn,
            &format!("policyArns.{}.member.arn", i.saturating_add(1)),
            20,
            2048,
        );
    }
}

/// Tags: at most 50, keys 1-128, values 0-256, and TransitiveTagKeys at most 50.
pub fn tags(v: &mut Violations, tags: &[Tag], transitive: &[String]) {
    if tags.len() > MAX_SESSION_TAGS {
        v.push(
            &format!("{} tags", tags.len()),
            "tags",
            &format!("Member must have length less than or equal to {MAX_SESSION_TAGS}"),
        );
    }
    for (i, t) in tags.iter().enumerate() {
        let at = |f: &str| format!("tags.{}.member.{f}", i.saturating_add(1));
        v.length(&t.key, &at("key"), 1, 128);
        v.pattern(&t.key, &at("key"), r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+", tag_char);
        v.length(&t.value, &at("value"), 0, 256);
        v.pattern(
            &t.value,
            &at("value"),
            r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*",
            tag_char,
        );
    }
    if transitive.len() > MAX_SESSION_TAGS {
        v.push(
            &format!("{} keys", transitive.len()),
            "transitiveTagKeys",
            &format!("Member must have length less than or equal to {MAX_SESSION_TAGS}"),
        );
    }
}

/// Every static constraint of an AssumeRole request, reported together as AWS does.
pub fn assume_role_params(req: &super::AssumeRoleRequest) -> Result<(), StsError> {
    let mut v = Violations::default();
    v.length(&req.role_arn, "roleArn", 20, 2048);
    role_session_name(&mut v, &req.role_session_name);
    duration_range(&mut v, req.duration_seconds, MAX_ROLE_DURATION_SECONDS);
    if let Some(id) = &req.external_id {
        external_id(&mut v, id);
    }
    mfa(
        &mut v,
        req.serial_number.as_deref(),
        req.token_code.as_deref(),
    );
    session_policies(&mut v, req.policy.as_deref(), &req.policy_arns);
    tags(&mut v, &req.tags, &req.transitive_tag_keys);
    if let Some(s) = &req.source_identity {
        source_identity(&mut v, s);
    }
    v.finish()
}

/// Every static constraint of a GetSessionToken request (`max` is 3600 for root).
pub fn get_session_token_params(
    req: &super::GetSessionTokenRequest,
    max: i64,
) -> Result<(), StsError> {
    let mut v = Violations::default();
    duration_range(&mut v, req.duration_seconds, max);
    mfa(
        &mut v,
        req.serial_number.as_deref(),
        req.token_code.as_deref(),
    );
    v.finish()
}

/// Every static constraint of an AssumeRoleWithWebIdentity request.
pub fn web_identity_params(req: &super::AssumeRoleWithWebIdentityRequest) -> Result<(), StsError> {
    let mut v = Violations::default();
    v.length(&req.role_arn, "roleArn", 20, 2048);
    role_session_name(&mut v, &req.role_session_name);
    v.length(&req.web_identity_token, "webIdentityToken", 4, 20_000);
    duration_range(&mut v, req.duration_seconds, MAX_ROLE_DURATION_SECONDS);
    session_policies(&mut v, req.policy.as_deref(), &req.policy_arns);
    v.finish()
}

/// Every static constraint of an AssumeRoleWithSAML request.
pub fn saml_params(req: &super::AssumeRoleWithSamlRequest) -> Result<(), StsError> {
    let mut v = Violations::default();
    v.length(&req.role_arn, "roleArn", 20, 2048);
    v.length(&req.principal_arn, "principalArn", 20, 2048);
    v.length(&req.saml_assertion, "sAMLAssertion", 4, 100_000);
    duration_range(&mut v, req.duration_seconds, MAX_ROLE_DURATION_SECONDS);
    session_policies(&mut v, req.policy.as_deref(), &req.policy_arns);
    v.finish()
}
