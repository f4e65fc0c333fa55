//! STS parameter validation: AWS's limits and exact error texts.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html

use iam_playground::sim::sts::limits::{
    check_packed_size, packed_policy_size, role_session_duration, session_tags, source_identity,
};
use iam_playground::sim::sts::validate::{assume_role_params, get_session_token_params};
use iam_playground::sim::sts::{AssumeRoleRequest, GetSessionTokenRequest, StsError, Tag};

fn req(name: &str) -> AssumeRoleRequest {
    AssumeRoleRequest {
        role_arn: "arn:aws:iam::111122223333:role/Deploy".into(),
        role_session_name: name.into(),
        ..Default::default()
    }
}

fn tag(k: &str, v: &str) -> Tag {
    Tag {
        key: k.into(),
        value: v.into(),
    }
}

fn message(r: Result<(), StsError>) -> String {
    match r {
        Err(e) => format!("{}: {}", e.code(), e.message()),
        Ok(()) => "ok".into(),
    }
}

#[test]
fn role_session_name_must_match_awss_pattern() {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (RoleSessionName)
    assert_eq!(
        message(assume_role_params(&req("bad name!"))),
        "ValidationError: 1 validation error detected: Value 'bad name!' at 'roleSessionName' \
         failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
    );
    assert_eq!(message(assume_role_params(&req("alice@example.com"))), "ok");
    assert_eq!(message(assume_role_params(&req("a+b=c,d.e-f_9"))), "ok");
}

#[test]
fn role_session_name_is_2_to_64_characters() {
    assert_eq!(
        message(assume_role_params(&req("x"))),
        "ValidationError: 1 validation error detected: Value 'x' at 'roleSessionName' failed to \
         satisfy constraint: Member must have length greater than or equal to 2"
    );
    assert_eq!(message(assume_role_params(&req(&"a".repeat(64)))), "ok");
    assert!(message(assume_role_params(&req(&"a".repeat(65))))
        .ends_with("Member must have length less than or equal to 64"));
}

#[test]
fn several_violations_are_reported_together() {
    let mut r = req("x");
    r.duration_seconds = Some(600);
    let m = message(assume_role_params(&r));
    assert!(
        m.starts_with("ValidationError: 2 validation errors detected: "),
        "{m}"
    );
    assert!(m.contains("Value '600' at 'durationSeconds'"), "{m}");
}

#[test]
fn duration_below_900_seconds_is_a_validation_error() {
    let mut r = req("ok-session");
    r.duration_seconds = Some(600);
    assert_eq!(
        message(assume_role_params(&r)),
        "ValidationError: 1 validation error detected: Value '600' at 'durationSeconds' failed \
         to satisfy constraint: Member must have value greater than or equal to 900"
    );
    r.duration_seconds = Some(900);
    assert_eq!(message(assume_role_params(&r)), "ok");
}

#[test]
fn duration_above_role_max_session_duration_is_refused() {
    // MaxSessionDuration defaults to 3600 and can be set up to 43200.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html
    assert_eq!(role_session_duration(None, 3600, false), Ok(3600));
    assert_eq!(role_session_duration(Some(3600), 3600, false), Ok(3600));
    assert_eq!(
        role_session_duration(Some(3601), 3600, false),
        Err(StsError::ValidationError(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
                .into()
        ))
    );
    assert_eq!(
        role_session_duration(Some(43_200), 43_200, false),
        Ok(43_200)
    );
}

#[test]
fn chained_session_capped_at_one_hour() {
    // https://repost.aws/knowledge-center/iam-role-chaining-limit
    assert_eq!(
        role_session_duration(Some(7200), 43_200, true),
        Err(StsError::ValidationError(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
                .into()
        ))
    );
    assert_eq!(role_session_duration(Some(3600), 43_200, true), Ok(3600));
    assert_eq!(role_session_duration(None, 43_200, true), Ok(3600));
}

#[test]
fn external_id_is_2_to_1224_characters_of_its_pattern() {
    let mut r = req("s1");
    r.external_id = Some("tenant:42/blue".into());
    assert_eq!(message(assume_role_params(&r)), "ok");
    r.external_id = Some("a".into());
    assert!(message(assume_role_params(&r)).contains("at 'externalId'"));
    r.external_id = Some("has space".into());
    assert!(message(assume_role_params(&r))
        .contains("Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*"));
    r.external_id = Some("x".repeat(1225));
    assert!(message(assume_role_params(&r))
        .ends_with("Member must have length less than or equal to 1224"));
}

#[test]
fn token_code_is_six_digits() {
    let mut r = req("s1");
    r.serial_number = Some("arn:aws:iam::111122223333:mfa/alice".into());
    r.token_code = Some("12345".into());
    assert!(message(assume_role_params(&r)).contains("Value '12345' at 'tokenCode'"));
    r.token_code = Some("12a456".into());
    assert!(message(assume_role_params(&r)).contains("regular expression pattern: [\\d]*"));
}

#[test]
fn get_session_token_allows_900_to_129600_seconds() {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    let mut r = GetSessionTokenRequest {
        duration_seconds: Some(129_600),
        ..Default::default()
    };
    assert_eq!(message(get_session_token_params(&r, 129_600)), "ok");
    r.duration_seconds = Some(129_601);
    assert_eq!(
        message(get_session_token_params(&r, 129_600)),
        "ValidationError: 1 validation error detected: Value '129601' at 'durationSeconds' \
         failed to satisfy constraint: Member must have value less than or equal to 129600"
    );
}

#[test]
fn at_most_10_managed_session_policies_and_50_tags() {
    let mut r = req("s1");
    r.policy_arns = (0..11)
        .map(|i| iam_playground::sim::sts::PolicyDescriptorType {
            arn: format!("arn:aws:iam::111122223333:policy/P{i}"),
        })
        .collect();
    assert!(message(assume_role_params(&r))
        .contains("at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10"));
    let mut r = req("s1");
    r.tags = (0..51).map(|i| tag(&format!("k{i}"), "v")).collect();
    assert!(message(assume_role_params(&r)).contains(
        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"
    ));
}

#[test]
fn session_policy_over_2048_characters_is_refused() {
    let mut r = req("s1");
    r.policy = Some(format!(
        "{{\"Version\":\"2012-10-17\",\"x\":\"{}\"}}",
        "a".repeat(2048)
    ));
    assert!(message(assume_role_params(&r))
        .contains("at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"));
}

#[test]
fn tag_keys_are_unique_regardless_of_case() {
    // "you cannot have separate Department and department tag keys"
    let r = session_tags(&[tag("Department", "a"), tag("department", "b")], &[], &[]);
    assert_eq!(
        r,
        Err(StsError::InvalidParameterValue(
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.".into()
        ))
    );
    assert_eq!(
        session_tags(&[tag("Department", "a")], &["department".into()], &[]),
        Ok(())
    );
}

#[test]
fn session_tag_restating_an_inherited_transitive_key_fails_with_stss_text() {
    // "If you pass a session tag with the same key as an inherited tag, the operation fails"
    // (IAM User Guide, "Pass session tags in AWS STS", chaining roles with session tags). The
    // text is STS's, from a recorded AWS response.
    let r = session_tags(&[tag("project", "b")], &[], &[tag("Project", "a")]);
    assert_eq!(
        r,
        Err(StsError::InvalidParameterValue(
            "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.".into()
        ))
    );
}

#[test]
fn transitive_tag_key_not_among_the_passed_tags_fails_with_stss_text() {
    // Each of TransitiveTagKeys must be a key of the Tags passed (AssumeRole, STS API
    // Reference); the text is STS's, from a recorded AWS response.
    let r = session_tags(&[tag("Project", "b")], &["CostCenter".into()], &[]);
    assert_eq!(
        r,
        Err(StsError::InvalidParameterValue(
            "The specified transitive tag key must be included in the requested tags.".into()
        ))
    );
    // Keys compare without case, as tag keys do.
    assert_eq!(
        session_tags(&[tag("Project", "b")], &["project".into()], &[]),
        Ok(())
    );
}

#[test]
fn source_identity_cannot_start_with_aws_prefix_and_cannot_change() {
    assert!(source_identity(Some("aws:alice"), None).is_err());
    assert_eq!(
        source_identity(Some("alice"), None),
        Ok(Some("alice".into()))
    );
    assert_eq!(
        source_identity(None, Some("alice")),
        Ok(Some("alice".into()))
    );
    assert_eq!(
        source_identity(Some("alice"), Some("alice")),
        Ok(Some("alice".into()))
    );
    assert!(source_identity(Some("bob"), Some("alice")).is_err());
}

#[test]
fn packed_policy_size_grows_with_session_data_and_overflows_past_100_percent() {
    let small = packed_policy_size(Some(r#"{"Version":"2012-10-17"}"#), &[], &[]);
    assert!(small > 0 && small < 5, "{small}");
    let tags: Vec<Tag> = (0..50)
        .map(|i| tag(&format!("k{i:03}"), &"v".repeat(200)))
        .collect();
    let big = packed_policy_size(None, &[], &tags);
    assert!(big > 100, "{big}");
    assert_eq!(
        check_packed_size(big).map_err(|e| e.message()),
        Err(format!(
            "Packed policy consumes {big}% of allotted space, please use smaller policy."
        ))
    );
    assert_eq!(check_packed_size(100), Ok(()));
}

proptest::proptest! {
    /// The hand-written character classes agree with AWS's published patterns, read by a
    /// regex engine (`\w` as in Java: ASCII letters, digits, underscore).
    #[test]
    fn role_session_name_check_agrees_with_awss_regex(name in "[a-zA-Z0-9_+=,.@ !#/:é-]{0,70}") {
        let oracle = regex::Regex::new(r"^(?-u:[\w+=,.@-]){2,64}$").unwrap();
        let ours = assume_role_params(&req(&name)).is_ok();
        proptest::prop_assert_eq!(ours, oracle.is_match(&name), "{}", name);
    }

    #[test]
    fn external_id_check_agrees_with_awss_regex(id in "[a-zA-Z0-9_+=,.@:/ !#é-]{0,40}") {
        let oracle = regex::Regex::new(r"^(?-u:[\w+=,.@:/-]){2,1224}$").unwrap();
        let mut r = req("session");
        r.external_id = Some(id.clone());
        proptest::prop_assert_eq!(assume_role_params(&r).is_ok(), oracle.is_match(&id), "{}", id);
    }
}
