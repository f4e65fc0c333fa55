//! IAM's input rules (names, paths, tags, durations) with AWS's ValidationError texts.
//!
//! Constraints from the IAM API reference (e.g. <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html>:
//! UserName 1-64 `[\w+=,.@-]+`, Path 1-512 `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`) and
//! "IAM and AWS STS quotas" (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>).
//! AWS reports a broken constraint as
//! `1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: Member must ...`.

use super::{Tag, WorldError};

/// The name pattern IAM documents for users, groups, roles, policies and instance profiles.
pub const NAME_PATTERN: &str = r"[\w+=,.@-]+";
/// The path pattern from the API reference.
pub const PATH_PATTERN: &str = r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";
/// Tag key pattern (TagUser/TagRole API reference).
pub const TAG_KEY_PATTERN: &str = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+";
/// Tag value pattern.
pub const TAG_VALUE_PATTERN: &str = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*";
/// Tags per IAM entity (quotas page: "Tags per IAM resource: 50").
pub const MAX_TAGS: usize = 50;

/// `MaxSessionDuration` range in seconds: 1 hour to 12 hours
/// (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html>).
pub const MIN_MAX_SESSION_DURATION: u32 = 3600;
/// Upper end of the `MaxSessionDuration` range.
pub const MAX_MAX_SESSION_DURATION: u32 = 43200;

/// AWS's wording for a broken constraint on one request field.
pub fn constraint_error(value: &str, field: &str, constraint: &str) -> WorldError {
    WorldError::validation(format!(
        "1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"
    ))
}

/// `\w` in IAM's (Java) pattern is ASCII letters, digits and underscore.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

fn check_length(value: &str, field: &str, min: usize, max: usize) -> Result<(), WorldError> {
    let len = value.chars().count();
    if len < min {
        return Err(constraint_error(
            value,
            field,
            &format!("Member must have length greater than or equal to {min}"),
        ));
    }
    if len > max {
        return Err(constraint_error(
            value,
            field,
            &format!("Member must have length less than or equal to {max}"),
        ));
    }
    Ok(())
}

/// A friendly name: `field` is the API parameter (`userName`, `roleName`, `groupName`,
/// `policyName`, `instanceProfileName`), `max` its documented length (64 or 128).
pub fn validate_name(value: &str, field: &str, max: usize) -> Result<(), WorldError> {
    check_length(value, field, 1, max)?;
    if !value.chars().all(is_name_char) {
        return Err(constraint_error(
            value,
            field,
            &format!("Member must satisfy regular expression pattern: {NAME_PATTERN}"),
        ));
    }
    Ok(())
}

/// A path: `/`, or `/` + printable ASCII except space (U+0021..U+007E) + `/`, at most 512.
pub fn validate_path(value: &str) -> Result<(), WorldError> {
    check_length(value, "path", 1, 512)?;
    let ok = value == "/"
        || (value.len() >= 3
            && value.starts_with('/')
            && value.ends_with('/')
            && value.chars().all(|c| ('\u{21}'..='\u{7E}').contains(&c)));
    if ok {
        Ok(())
    } else {
        Err(constraint_error(
            value,
            "path",
            &format!("Member must satisfy regular expression pattern: {PATH_PATTERN}"),
        ))
    }
}

/// Tags: at most 50, keys 1-128 and values 0-256 of letters, digits, spaces and `_.:/=+-@`,
/// keys unique (case-insensitively), and no `aws:` prefix (reserved for AWS).
pub fn validate_tags(tags: &[Tag]) -> Result<(), WorldError> {
    if tags.len() > MAX_TAGS {
        return Err(constraint_error(
            &format!("{} tags", tags.len()),
            "tags",
            &format!("Member must have length less than or equal to {MAX_TAGS}"),
        ));
    }
    let tag_char = |c: char| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c);
    for (i, tag) in tags.iter().enumerate() {
        let key_field = format!("tags.{}.member.key", i.saturating_add(1));
        let value_field = format!("tags.{}.member.value", i.saturating_add(1));
        check_length(&tag.key, &key_field, 1, 128)?;
        if !tag.key.chars().all(tag_char) {
            return Err(constraint_error(
                &tag.key,
                &key_field,
                &format!("Member must satisfy regular expression pattern: {TAG_KEY_PATTERN}"),
            ));
        }
        check_length(&tag.value, &value_field, 0, 256)?;
        if !tag.value.chars().all(tag_char) {
            return Err(constraint_error(
                &tag.value,
                &value_field,
                &format!("Member must satisfy regular expression pattern: {TAG_VALUE_PATTERN}"),
            ));
        }
        if tag.key.to_ascii_lowercase().starts_with("aws:") {
            return Err(WorldError::invalid_input(
                "User-defined tag keys can't start with 'aws:'. This prefix is reserved for AWS.",
            ));
        }
        let duplicate = tags
            .iter()
            .take(i)
            .any(|earlier| earlier.key.eq_ignore_ascii_case(&tag.key));
        if duplicate {
            return Err(WorldError::invalid_input(format!(
                "Duplicate tag keys found. Please note that Tag keys are case insensitive. Tag key: {}",
                tag.key
            )));
        }
    }
    Ok(())
}

/// `MaxSessionDuration` between 3600 and 43200 seconds.
pub fn validate_max_session_duration(seconds: u32) -> Result<(), WorldError> {
    let value = seconds.to_string();
    if seconds < MIN_MAX_SESSION_DURATION {
        return Err(constraint_error(
            &value,
            "maxSessionDuration",
            &format!("Member must have value greater than or equal to {MIN_MAX_SESSION_DURATION}"),
        ));
    }
    if seconds > MAX_MAX_SESSION_DURATION {
        return Err(constraint_error(
            &value,
            "maxSessionDuration",
            &format!("Member must have value less than or equal to {MAX_MAX_SESSION_DURATION}"),
        ));
    }
    Ok(())
}

/// An account alias: 3-63 lowercase letters, digits and single hyphens, not starting or ending
/// with a hyphen (quotas page, "IAM name requirements"; CreateAccountAlias API reference).
pub fn validate_account_alias(alias: &str) -> Result<(), WorldError> {
    check_length(alias, "accountAlias", 3, 63)?;
    let chars_ok = alias
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let ok = chars_ok
        && !alias.starts_with('-')
        && !alias.ends_with('-')
        && !alias.contains("--")
        && !alias.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(constraint_error(
            alias,
            "accountAlias",
            "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
        ))
    }
}

/// The characters a policy document may contain (quotas page, "IAM name requirements";
/// the `PolicyDocument` pattern in e.g. <https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html>).
pub const POLICY_DOCUMENT_PATTERN: &str = r"[\u0009\u000A\u000D\u0020-\u00FF]+";

/// What IAM checks on any policy text before it reads the policy itself: 1-131072 characters
/// of tab, LF, CR and U+0020..U+00FF, and well-formed JSON. The policy grammar (Statement,
/// Effect, ...) is `sim::policy`'s business. `field` is the API parameter (`policyDocument`,
/// `assumeRolePolicyDocument`).
pub fn validate_policy_document(text: &str, field: &str) -> Result<(), WorldError> {
    check_length(text, field, 1, 131_072)?;
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || ('\u{20}'..='\u{FF}').contains(&c);
    if !text.chars().all(allowed) {
        return Err(constraint_error(
            text,
            field,
            &format!("Member must satisfy regular expression pattern: {POLICY_DOCUMENT_PATTERN}"),
        ));
    }
    // Read by the policy reader's JSON layer, like every other policy text.
    if crate::sim::policy::json::parse_text(text).is_err() {
        return Err(WorldError::MalformedPolicyDocument {
            message: "This policy contains invalid Json".to_string(),
        });
    }
    Ok(())
}

/// Case-insensitive equality, the way IAM compares names for uniqueness.
pub fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}
