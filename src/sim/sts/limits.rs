//! The request checks that need more than a character class: durations against the role and
//! the chain, tag key clashes, source identity rules, and the packed size of session data.

use super::request::{PolicyDescriptorType, Tag};
use super::validate::{
    CHAINED_MAX_DURATION_SECONDS, DEFAULT_ROLE_DURATION_SECONDS, MAX_ROLE_DURATION_SECONDS,
};
use super::StsError;

/// The session length AssumeRole grants, after checking the role's MaxSessionDuration and the
/// one-hour role-chaining cap.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds)
/// The chaining text is quoted by AWS in
/// https://repost.aws/knowledge-center/iam-role-chaining-limit; the MaxSessionDuration text
/// is what STS returns (kreuzwerker/awsu#27, prowler-cloud/prowler#923; the SAML
/// troubleshooting page titles it "Requested DurationSeconds exceeds MaxSessionDuration set
/// for this role").
pub fn role_session_duration(
    requested: Option<i64>,
    role_max_session_duration: i64,
    chained: bool,
) -> Result<i64, StsError> {
    let Some(d) = requested else {
        return Ok(DEFAULT_ROLE_DURATION_SECONDS);
    };
    if chained && d > CHAINED_MAX_DURATION_SECONDS {
        return Err(StsError::ValidationError(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
                .to_string(),
        ));
    }
    if d > role_max_session_duration.min(MAX_ROLE_DURATION_SECONDS) {
        return Err(StsError::ValidationError(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
                .to_string(),
        ));
    }
    Ok(d)
}

/// Tag keys are unique regardless of case ("you cannot have separate `Department` and
/// `department` tag keys"), and a session may not restate a transitive key it inherited.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (Tags)
pub fn session_tags(
    tags: &[Tag],
    transitive_tag_keys: &[String],
    inherited_transitive: &[Tag],
) -> Result<(), StsError> {
    for (i, t) in tags.iter().enumerate() {
        let earlier = tags.iter().take(i);
        if earlier.clone().any(|u| u.key.eq_ignore_ascii_case(&t.key)) {
            // IAM's TagRole text for the same rule; STS's exact wording is not documented.
            return Err(StsError::InvalidParameterValue(
                "Duplicate tag keys found. Please note that Tag keys are case insensitive."
                    .to_string(),
            ));
        }
        if inherited_transitive
            .iter()
            .any(|u| u.key.eq_ignore_ascii_case(&t.key))
        {
            // "If you pass a session tag with the same key as an inherited tag, the operation
            // fails." The text is STS's, from a recorded AWS response (AWS's pages do not
            // quote it).
            return Err(StsError::InvalidParameterValue(
                TRANSITIVE_KEY_CONFLICT.to_string(),
            ));
        }
    }
    // Transitive keys must name session tags of the request. The text is STS's, from a
    // recorded AWS response (AWS's pages do not quote it); it names no key.
    if transitive_tag_keys
        .iter()
        .any(|k| !tags.iter().any(|t| t.key.eq_ignore_ascii_case(k)))
    {
        return Err(StsError::InvalidParameterValue(
            TRANSITIVE_KEY_NOT_REQUESTED.to_string(),
        ));
    }
    Ok(())
}

/// STS's `InvalidParameterValue` text for a `TransitiveTagKeys` entry that is not among the
/// `Tags` passed (recorded AWS response).
pub const TRANSITIVE_KEY_NOT_REQUESTED: &str =
    "The specified transitive tag key must be included in the requested tags.";

/// STS's `InvalidParameterValue` text for a passed tag whose key is a transitive tag key
/// inherited from the calling session (recorded AWS response).
pub const TRANSITIVE_KEY_CONFLICT: &str = "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.";

/// SourceIdentity may not start with `aws:` ("reserved for AWS internal use"), and once a
/// session has one it persists through the chain and cannot be changed. Both rules are
/// documented; the refusal texts below are the simulator's wording (AWS's pages do not quote
/// STS's messages for AssumeRole).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
pub fn source_identity(
    requested: Option<&str>,
    inherited: Option<&str>,
) -> Result<Option<String>, StsError> {
    if let Some(s) = requested {
        if s.len() >= 4 && s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
            return Err(StsError::InvalidParameterValue(
                "The source identity cannot start with 'aws:'; that prefix is reserved for AWS internal use."
                    .to_string(),
            ));
        }
    }
    match (requested, inherited) {
        (Some(r), Some(i)) if r != i => Err(StsError::InvalidParameterValue(format!(
            "The source identity `{i}` of the calling session cannot be changed to `{r}`."
        ))),
        (_, Some(i)) => Ok(Some(i.to_string())),
        (Some(r), None) => Ok(Some(r.to_string())),
        (None, None) => Ok(None),
    }
}

/// The packed budget the approximation below measures against (a simulation choice: AWS does
/// not publish the packed limit).
const PACKED_BUDGET: usize = 2_900;

/// `PackedPolicySize`: how much of the packed session-data space the session policies and tags
/// use, in percent. AWS compresses them into an undocumented binary format; this approximates
/// it (inline policy without insignificant whitespace, ARNs, tag keys and values) so that
/// a 2048-character policy uses about 70% and many long tags overflow, as they do in AWS.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (PackedPolicySize)
pub fn packed_policy_size(
    policy: Option<&str>,
    policy_arns: &[PolicyDescriptorType],
    tags: &[Tag],
) -> u32 {
    let policy_bytes = policy.map_or(0, minified_len);
    // Saturating: a size past usize is past the budget too, and reads as too large.
    let arn_bytes = policy_arns
        .iter()
        .map(|d| (d.arn.len() / 2).saturating_add(4))
        .fold(0usize, usize::saturating_add);
    let tag_bytes = tags
        .iter()
        .map(|t| t.key.len().saturating_add(t.value.len()).saturating_add(4))
        .fold(0usize, usize::saturating_add);
    let used = policy_bytes
        .saturating_add(arn_bytes)
        .saturating_add(tag_bytes);
    u32::try_from(used.saturating_mul(100).div_ceil(PACKED_BUDGET)).unwrap_or(u32::MAX)
}

/// Fails with `PackedPolicyTooLarge` when the packed size passes 100%.
pub fn check_packed_size(percent: u32) -> Result<(), StsError> {
    if percent > 100 {
        Err(StsError::PackedPolicyTooLarge(percent))
    } else {
        Ok(())
    }
}

fn minified_len(text: &str) -> usize {
    let mut in_string = false;
    let mut escaped = false;
    let mut n = 0usize;
    for c in text.chars() {
        if in_string {
            n = n.saturating_add(1); // at most text.len()
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            n = n.saturating_add(1);
        } else if !c.is_whitespace() {
            n = n.saturating_add(1);
        }
    }
    n
}
