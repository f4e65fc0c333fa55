//! Policy parsing and validation findings, in the spirit of IAM Access Analyzer policy checks.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>
//! Grammar: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>

use iam_playground::sim::policy::{
    from_value, parse, policy_size, Effect, Finding, PolicyKind, PrincipalValue, Severity,
    SizeLimit, Version,
};

fn codes(text: &str, kind: PolicyKind) -> Vec<String> {
    parse(text, kind)
        .findings
        .iter()
        .map(|f| f.code.clone())
        .collect()
}

fn finding<'a>(findings: &'a [Finding], code: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {findings:#?}"))
}

const IDENTITY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
        }
    ]
}"#;

#[test]
fn a_valid_identity_policy_has_no_findings() {
    let out = parse(IDENTITY, PolicyKind::Identity);
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
    let p = out.policy.unwrap();
    assert_eq!(p.version, Some(Version::V2012_10_17));
    assert_eq!(p.statements[0].effect, Effect::Allow);
    assert_eq!(p.statements[0].action.values.items.len(), 2);
}

#[test]
fn malformed_json_names_line_and_column() {
    let out = parse(
        "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}",
        PolicyKind::Identity,
    );
    assert!(out.policy.is_none());
    let f = finding(&out.findings, "JSON_SYNTAX_ERROR");
    assert_eq!(f.severity, Severity::Error);
    // The comma is missing at the end of line 2.
    assert_eq!(f.line, 2);
    assert!(f.message.contains("line 2"), "{}", f.message);
    assert!(f.message.contains("Expected comma"), "{}", f.message);
}

#[test]
fn principal_in_an_identity_policy_is_an_error() {
    // "The Principal element is not supported for identity policy" (UNSUPPORTED_PRINCIPAL).
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
    let out = parse(text, PolicyKind::Identity);
    let f = finding(&out.findings, "UNSUPPORTED_PRINCIPAL");
    assert_eq!(f.path, "Statement.Principal");
    assert_eq!(f.column, 67); // the value of Principal
}

#[test]
fn trust_and_resource_policies_need_a_principal() {
    let text =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#;
    assert!(codes(text, PolicyKind::Trust).contains(&"MISSING_PRINCIPAL".to_string()));
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    assert!(codes(text, PolicyKind::Resource).contains(&"MISSING_PRINCIPAL".to_string()));
}

#[test]
fn trust_policy_trusting_everyone_is_a_security_warning() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#;
    let out = parse(text, PolicyKind::Trust);
    assert_eq!(
        finding(&out.findings, "TRUST_POLICY_ALLOWS_ANY_PRINCIPAL").severity,
        Severity::SecurityWarning
    );
    assert!(out.is_valid());
}

#[test]
fn effect_is_case_sensitive() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}"#;
    let out = parse(text, PolicyKind::Identity);
    let f = finding(&out.findings, "INVALID_EFFECT");
    assert_eq!(f.path, "Statement[0].Effect");
    assert!(out.policy.is_none());
}

#[test]
fn duplicate_sids_are_an_error() {
    // "In IAM, the Sid value must be unique within a JSON policy." (Sid element page)
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;
    assert!(codes(text, PolicyKind::Identity).contains(&"DUPLICATE_SID".to_string()));
}

#[test]
fn unknown_elements_are_reported_with_a_hint() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    let out = parse(text, PolicyKind::Identity);
    let f = finding(&out.findings, "UNSUPPORTED_ELEMENT");
    assert!(f.message.contains("did you mean `Effect`"), "{}", f.message);
}

#[test]
fn missing_version_is_a_suggestion_and_a_warning_with_variables() {
    let plain = r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    assert_eq!(
        finding(
            &parse(plain, PolicyKind::Identity).findings,
            "MISSING_VERSION"
        )
        .severity,
        Severity::Suggestion
    );
    let vars = r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}"#;
    assert_eq!(
        finding(
            &parse(vars, PolicyKind::Identity).findings,
            "MISSING_VERSION"
        )
        .severity,
        Severity::Warning
    );
}

#[test]
fn empty_statement_and_missing_action_or_resource_are_errors() {
    assert!(codes(
        r#"{"Version":"2012-10-17","Statement":[]}"#,
        PolicyKind::Identity
    )
    .contains(&"MISSING_STATEMENT".to_string()));
    let no_action = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}"#;
    assert!(codes(no_action, PolicyKind::Identity).contains(&"MISSING_ACTION".to_string()));
    let no_resource = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}"#;
    assert!(codes(no_resource, PolicyKind::Identity).contains(&"MISSING_RESOURCE".to_string()));
}

#[test]
fn unknown_condition_operator_is_an_error() {
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:SourceVpc":"vpc-1"}}}}"#;
    assert!(codes(text, PolicyKind::Identity).contains(&"INVALID_OPERATOR".to_string()));
}

#[test]
fn wrong_json_type_is_a_data_type_mismatch() {
    let text =
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":5,"Resource":"*"}}"#;
    assert!(codes(text, PolicyKind::Identity).contains(&"DATA_TYPE_MISMATCH".to_string()));
}

#[test]
fn partial_wildcards_in_principals_are_rejected() {
    // "You cannot use a wildcard to match part of a principal name or ARN." (Principal page)
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/*"},"Action":"s3:*","Resource":"*"}}"#;
    assert!(codes(text, PolicyKind::Resource).contains(&"INVALID_PRINCIPAL".to_string()));
}

#[test]
fn statement_may_be_a_single_object_and_principal_a_star() {
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
    let p = parse(text, PolicyKind::Resource).policy.unwrap();
    assert!(!p.statement_list);
    assert_eq!(
        p.statements[0].principal.as_ref().unwrap().value,
        PrincipalValue::Any
    );
}

#[test]
fn printing_gives_canonical_aws_json_that_parses_back() {
    let p = parse(IDENTITY, PolicyKind::Identity).policy.unwrap();
    let printed = p.to_json();
    assert!(
        printed.starts_with("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": ["),
        "{printed}"
    );
    assert_eq!(parse(&printed, PolicyKind::Identity).policy.unwrap(), p);
    assert_eq!(from_value(&p.to_value(), PolicyKind::Identity).unwrap(), p);
}

#[test]
fn from_value_rejects_invalid_policies_with_their_errors() {
    let v = serde_json::json!({"Version": "2012-10-17", "Statement": {"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}});
    let err = from_value(&v, PolicyKind::Identity).unwrap_err();
    assert_eq!(err.errors[0].code, "INVALID_EFFECT");
}

#[test]
fn policy_size_ignores_white_space_and_checks_quotas() {
    // "IAM doesn't count white space when calculating the size of a policy against these quotas."
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    let compact: String = IDENTITY.split_whitespace().collect::<Vec<_>>().join("");
    assert!(policy_size(IDENTITY) <= compact.len());
    assert!(SizeLimit::TrustPolicy.check(2_049).is_some());
    assert!(SizeLimit::GroupInline.check(5_120).is_none());
}

#[test]
fn set_operators_must_fit_the_key() {
    // Multivalued context keys page: multivalued keys need ForAnyValue/ForAllValues;
    // single-valued keys must not use them.
    let multi = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"env"}}}}"#;
    assert!(codes(multi, PolicyKind::Identity).contains(&"MISSING_SET_OPERATOR".to_string()));
    let single = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalTag/team":"blue"}}}}"#;
    assert!(codes(single, PolicyKind::Identity)
        .contains(&"SET_OPERATOR_ON_SINGLE_VALUED_KEY".to_string()));
    let good = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:CreateTags","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"env"}}}}"#;
    assert!(parse(good, PolicyKind::Identity).findings.is_empty());
}

#[test]
fn unique_ids_of_deleted_principals_are_valid_principals() {
    // Principal page: a deleted role in a trust policy shows as its unique id (AROA...).
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"AROADBQP57FF2AEXAMPLE"},"Action":"sts:AssumeRole"}}"#;
    assert!(parse(text, PolicyKind::Trust).is_valid());
}

#[test]
fn an_arn_condition_value_without_six_parts_is_warned_as_never_matching() {
    // ARN condition operators: "Each of the six colon-delimited components of the ARN is
    // checked separately" (IAM User Guide, "IAM JSON policy elements: Condition operators").
    let with = |value: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*","Condition":{{"ArnLike":{{"aws:SourceArn":"{value}"}}}}}}]}}"#
        )
    };
    assert!(
        codes(&with("*"), PolicyKind::Identity).contains(&"INVALID_CONDITION_VALUE".to_string())
    );
    assert!(codes(&with("arn:aws:sns:*"), PolicyKind::Identity)
        .contains(&"INVALID_CONDITION_VALUE".to_string()));
    assert!(
        !codes(&with("arn:aws:sns:*:111122223333:*"), PolicyKind::Identity)
            .contains(&"INVALID_CONDITION_VALUE".to_string())
    );
}
