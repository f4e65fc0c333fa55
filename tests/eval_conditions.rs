//! Condition operators, multivalued keys, policy variables and the request context keys.
//! Operators: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>
//! Multivalued keys: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>
//! Variables: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>
//! Global keys: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>

use iam_playground::sim::eval::{evaluate, Decision, EvalRequest};
use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";

/// Whether a single Allow statement with `condition` allows the request with `context`.
fn allowed_with(condition: Value, context: Value) -> bool {
    allowed_full(
        json!({"principal": {"arn": ALICE}}),
        "2012-10-17",
        "*",
        condition,
        context,
    )
}

fn allowed_full(
    base: Value,
    version: &str,
    resource: &str,
    condition: Value,
    context: Value,
) -> bool {
    let mut req = base;
    let mut st = json!({"Effect": "Allow", "Action": "s3:*", "Resource": resource});
    if !condition.is_null() {
        st["Condition"] = condition;
    }
    let mut doc = json!({"Statement": [st]});
    if !version.is_empty() {
        doc["Version"] = json!(version);
    }
    req["action"] = json!("s3:GetObject");
    if req.get("resource").is_none() {
        req["resource"] = json!({"arn": "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/file.txt"});
    }
    req["identity_policies"] = json!([doc]);
    req["context"] = context;
    let r: EvalRequest = serde_json::from_value(req).expect("valid request");
    evaluate(&r).decision == Decision::Allowed
}

#[test]
fn missing_key_makes_a_positive_condition_false() {
    // "If the key that you specify in a policy condition is not present in the request
    // context, the values do not match and the condition is false."
    assert!(!allowed_with(
        json!({"StringEquals": {"aws:SourceVpc": "vpc-1"}}),
        json!({})
    ));
}

#[test]
fn missing_key_makes_a_negated_condition_true() {
    // "If the policy condition requires that the key is not matched, such as StringNotLike
    // or ArnNotLike, and the right key is not present, the condition is true."
    assert!(allowed_with(
        json!({"StringNotLike": {"aws:SourceVpc": "vpc-*"}}),
        json!({})
    ));
    assert!(allowed_with(
        json!({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*"}}),
        json!({})
    ));
    assert!(allowed_with(
        json!({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        json!({})
    ));
}

#[test]
fn if_exists_is_true_when_the_key_is_missing_and_checks_it_when_present() {
    let c = json!({"StringEqualsIfExists": {"ec2:InstanceType": ["t3.micro", "t3.small"]}});
    assert!(allowed_with(c.clone(), json!({})));
    assert!(allowed_with(
        c.clone(),
        json!({"ec2:InstanceType": "t3.small"})
    ));
    assert!(!allowed_with(c, json!({"ec2:InstanceType": "m5.large"})));
}

#[test]
fn null_true_requires_the_key_to_be_absent() {
    // Null: "true" - the key is absent; "false" - the key is present.
    let absent = json!({"Null": {"aws:TokenIssueTime": "true"}});
    assert!(allowed_with(absent.clone(), json!({})));
    assert!(!allowed_with(
        absent,
        json!({"aws:TokenIssueTime": "2024-01-01T00:00:00Z"})
    ));
    assert!(allowed_with(
        json!({"Null": {"aws:ResourceTag/team": "false"}}),
        json!({"aws:ResourceTag/team": "blue"})
    ));
}

#[test]
fn several_values_are_ored_and_several_keys_anded() {
    // Condition element page: values of one key are ORed; keys and operators are ANDed.
    let c = json!({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"], "aws:PrincipalTag/team": "blue"}});
    assert!(!allowed_with(
        c.clone(),
        json!({"aws:RequestedRegion": "eu-west-1"})
    ));
    assert!(allowed_with(
        c,
        json!({"aws:RequestedRegion": "eu-west-1", "aws:PrincipalTag/team": "blue"})
    ));
}

#[test]
fn condition_key_names_ignore_case_but_values_do_not() {
    // "Context key names are not case-sensitive ... Case-sensitivity of context key values
    // depends on the condition operator."
    assert!(allowed_with(
        json!({"StringEquals": {"AWS:SOURCEVPC": "vpc-1"}}),
        json!({"aws:SourceVpc": "vpc-1"})
    ));
    assert!(!allowed_with(
        json!({"StringEquals": {"aws:SourceVpc": "VPC-1"}}),
        json!({"aws:SourceVpc": "vpc-1"})
    ));
    assert!(allowed_with(
        json!({"StringEqualsIgnoreCase": {"aws:SourceVpc": "VPC-1"}}),
        json!({"aws:SourceVpc": "vpc-1"})
    ));
}

#[test]
fn string_like_uses_wildcards_anywhere() {
    let c = json!({"StringLike": {"s3:prefix": ["home/*/docs", "public/?"]}});
    assert!(allowed_with(
        c.clone(),
        json!({"s3:prefix": "home/alice/docs"})
    ));
    assert!(allowed_with(c.clone(), json!({"s3:prefix": "public/a"})));
    assert!(!allowed_with(c, json!({"s3:prefix": "public/ab"})));
}

#[test]
fn numeric_and_date_operators_compare_request_against_policy() {
    assert!(allowed_with(
        json!({"NumericLessThanEquals": {"s3:max-keys": "10"}}),
        json!({"s3:max-keys": "10"})
    ));
    assert!(!allowed_with(
        json!({"NumericLessThan": {"s3:max-keys": 10}}),
        json!({"s3:max-keys": "10"})
    ));
    let window = json!({"DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"}, "DateLessThan": {"aws:CurrentTime": "2020-06-30T23:59:59Z"}});
    assert!(allowed_with(
        window.clone(),
        json!({"aws:CurrentTime": "2020-05-15T12:00:00Z"})
    ));
    assert!(!allowed_with(
        window,
        json!({"aws:CurrentTime": "2020-07-01T00:00:00Z"})
    ));
    // aws:EpochTime is derived from aws:CurrentTime.
    assert!(allowed_with(
        json!({"DateGreaterThan": {"aws:EpochTime": "1577836800"}}),
        json!({"aws:CurrentTime": "2020-05-15T12:00:00Z"})
    ));
}

#[test]
fn ip_address_matches_v4_and_v6_cidr_blocks() {
    let c = json!({"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64"]}});
    assert!(allowed_with(
        c.clone(),
        json!({"aws:SourceIp": "203.0.113.10"})
    ));
    assert!(allowed_with(
        c.clone(),
        json!({"aws:SourceIp": "2001:db8:1234:5678::abcd"})
    ));
    assert!(!allowed_with(c, json!({"aws:SourceIp": "198.51.100.7"})));
}

#[test]
fn bool_and_arn_operators() {
    assert!(allowed_with(
        json!({"Bool": {"aws:SecureTransport": "true"}}),
        json!({"aws:SecureTransport": true})
    ));
    assert!(!allowed_with(
        json!({"Bool": {"aws:SecureTransport": true}}),
        json!({"aws:SecureTransport": "false"})
    ));
    let arn = json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:topic-*"}});
    assert!(allowed_with(
        arn.clone(),
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic-a"})
    ));
    assert!(!allowed_with(
        arn,
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:topic-a"})
    ));
}

#[test]
fn arn_condition_operators_check_each_of_the_six_parts_separately() {
    // IAM User Guide, "IAM JSON policy elements: Condition operators", ARN condition
    // operators: "Each of the six colon-delimited components of the ARN is checked
    // separately". Its example lets SNS send to a queue only for one topic.
    let topic =
        json!({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"}});
    assert!(allowed_with(
        topic.clone(),
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:TOPIC-ID"})
    ));
    assert!(!allowed_with(
        topic,
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:OTHER-TOPIC"})
    ));
    // A `*` in the region part does not span the colon into the account part: another
    // account's ARN whose resource part starts with `111122223333:` does not match.
    let account = json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}});
    assert!(allowed_with(
        account.clone(),
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:topic"})
    ));
    assert!(!allowed_with(
        account.clone(),
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:111122223333:topic"})
    ));
    // The same request under ArnNotLike: the other account is "not like" the pattern.
    let not_like = json!({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}});
    assert!(allowed_with(
        not_like,
        json!({"aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:111122223333:topic"})
    ));
    // The resource part is everything after the fifth colon, colons included.
    let logs =
        json!({"ArnLike": {"aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:*"}});
    assert!(allowed_with(
        logs,
        json!({"aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s"})
    ));
    // A value that is not an ARN has no six parts and matches no ARN pattern.
    assert!(!allowed_with(
        account,
        json!({"aws:SourceArn": "111122223333"})
    ));
}

#[test]
fn mfa_key_is_absent_for_long_term_access_keys() {
    // aws:MultiFactorAuthPresent "is not present when an API or CLI command is called with
    // long-term credentials" - hence the BoolIfExists pattern.
    let strict = json!({"Bool": {"aws:MultiFactorAuthPresent": "false"}});
    let if_exists = json!({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}});
    assert!(!allowed_with(strict, json!({})));
    assert!(allowed_with(if_exists, json!({})));
    let session = json!({"principal": {"arn": "arn:aws:sts::111122223333:assumed-role/R/s", "session": {"mfa": true}}});
    assert!(allowed_full(
        session,
        "2012-10-17",
        "*",
        json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
        json!({})
    ));
}

#[test]
fn for_all_values_is_true_for_a_missing_key() {
    // "ForAllValues ... also returns true if there are no context keys in the request".
    let c = json!({"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}});
    assert!(allowed_with(c.clone(), json!({})));
    assert!(allowed_with(c.clone(), json!({"aws:TagKeys": []})));
    assert!(allowed_with(c.clone(), json!({"aws:TagKeys": ["env"]})));
    assert!(!allowed_with(
        c,
        json!({"aws:TagKeys": ["env", "cost-center"]})
    ));
}

#[test]
fn for_any_value_is_false_for_a_missing_key() {
    let c = json!({"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}});
    assert!(!allowed_with(c.clone(), json!({})));
    assert!(!allowed_with(c.clone(), json!({"aws:TagKeys": []})));
    assert!(allowed_with(
        c.clone(),
        json!({"aws:TagKeys": ["cost-center", "team"]})
    ));
    assert!(!allowed_with(c, json!({"aws:TagKeys": ["cost-center"]})));
}

#[test]
fn negated_set_operators_apply_per_request_value() {
    // ForAllValues:StringNotEquals: every request value is outside the policy set.
    let c = json!({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["admin"]}});
    assert!(allowed_with(
        c.clone(),
        json!({"aws:TagKeys": ["env", "team"]})
    ));
    assert!(!allowed_with(c, json!({"aws:TagKeys": ["env", "admin"]})));
    // ForAnyValue:StringNotEquals: at least one request value is outside the set.
    let c = json!({"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env"]}});
    assert!(allowed_with(
        c.clone(),
        json!({"aws:TagKeys": ["env", "team"]})
    ));
    assert!(!allowed_with(c, json!({"aws:TagKeys": ["env"]})));
}

#[test]
fn username_variable_is_substituted_in_resource() {
    let base = json!({"principal": {"arn": ALICE}});
    assert!(allowed_full(
        base.clone(),
        "2012-10-17",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
        Value::Null,
        json!({})
    ));
    let bob = json!({"principal": {"arn": "arn:aws:iam::111122223333:user/bob"}});
    assert!(!allowed_full(
        bob,
        "2012-10-17",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
        Value::Null,
        json!({})
    ));
}

#[test]
fn variables_are_literal_text_under_version_2008_or_without_version() {
    // "Policy variables ... only work with the 2012-10-17 version"; otherwise literal.
    let base = json!({"principal": {"arn": ALICE}});
    for version in ["2008-10-17", ""] {
        assert!(
            !allowed_full(
                base.clone(),
                version,
                "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
                Value::Null,
                json!({})
            ),
            "{version}"
        );
    }
}

#[test]
fn username_is_absent_for_role_sessions_so_the_variable_matches_nothing() {
    // aws:username: "This key is not present for ... roles".
    let role = json!({"principal": {"arn": "arn:aws:sts::111122223333:assumed-role/R/alice"}});
    assert!(!allowed_full(
        role.clone(),
        "2012-10-17",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
        Value::Null,
        json!({})
    ));
    // ...but a default value fills in.
    assert!(allowed_full(
        role,
        "2012-10-17",
        "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username, 'alice'}/*",
        Value::Null,
        json!({})
    ));
}

#[test]
fn principal_tag_variable_in_condition_values() {
    let base = json!({"principal": {"arn": ALICE, "tags": {"team": "blue"}}, "resource": {"arn": "arn:aws:s3:::b/x", "tags": {"team": "blue"}}});
    let c = json!({"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}});
    assert!(allowed_full(base, "2012-10-17", "*", c, json!({})));
}

#[test]
fn escaped_wildcard_matches_only_a_literal_asterisk() {
    let c = json!({"StringLike": {"s3:prefix": "a${*}"}});
    assert!(allowed_with(c.clone(), json!({"s3:prefix": "a*"})));
    assert!(!allowed_with(c, json!({"s3:prefix": "ab"})));
}

#[test]
fn principal_org_id_is_present_only_for_accounts_in_the_organization() {
    let org = json!({"id": "o-a1b2c3d4e5", "management_account": "999988887777", "accounts": ["111122223333"]});
    let c = json!({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}});
    let in_org = json!({"principal": {"arn": ALICE}, "organization": org});
    assert!(allowed_full(
        in_org,
        "2012-10-17",
        "*",
        c.clone(),
        json!({})
    ));
    let outside = json!({"principal": {"arn": "arn:aws:iam::444455556666:user/eve"}, "resource": {"arn": "arn:aws:s3:::b/x", "account": "444455556666"}, "organization": org});
    assert!(!allowed_full(outside, "2012-10-17", "*", c, json!({})));
}

#[test]
fn principal_arn_of_a_role_session_is_the_role_arn() {
    // aws:PrincipalArn: "For IAM roles, the request context returns the ARN of the role".
    let s = json!({"principal": {"arn": "arn:aws:sts::111122223333:assumed-role/Deploy/ci", "session": {"role_arn": "arn:aws:iam::111122223333:role/ops/Deploy"}}});
    let c = json!({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/ops/Deploy"}});
    assert!(allowed_full(s, "2012-10-17", "*", c, json!({})));
}

/// The first condition's trace entry for one Allow statement with `condition`.
fn condition_trace(condition: Value, context: Value) -> Value {
    let req = json!({
        "principal": {"arn": ALICE},
        "action": "s3:GetObject",
        "resource": {"arn": "arn:aws:s3:::amzn-s3-demo-bucket/a.txt"},
        "identity_policies": [{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": condition}]}],
        "context": context
    });
    let r: EvalRequest = serde_json::from_value(req).expect("valid request");
    let trace = serde_json::to_value(evaluate(&r).trace).unwrap();
    trace["policies"][0]["statements"][0]["conditions"][0].clone()
}

#[test]
fn a_value_the_operator_cannot_read_is_reported_as_could_not_evaluate() {
    // Numeric condition operators compare numbers (IAM User Guide, "IAM JSON policy elements:
    // Condition operators"): a request value that is not one matches nothing, and the trace
    // says the clause could not be evaluated rather than passing over it as a plain mismatch.
    let c = condition_trace(
        json!({"NumericLessThan": {"s3:max-keys": "10"}}),
        json!({"s3:max-keys": "ten"}),
    );
    assert_eq!(c["result"], false);
    assert_eq!(
        c["note"],
        "could not evaluate NumericLessThan on s3:max-keys: `ten` in the request is not a number, so it matches nothing"
    );
    let c = condition_trace(
        json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}),
        json!({"aws:SourceIp": "203.0.113.7"}),
    );
    assert_eq!(
        c["note"],
        "could not evaluate IpAddress on aws:SourceIp: `203.0.113.0/33` in the policy is not an IP address, so it matches nothing"
    );
    // A readable comparison carries no note, whether it matches or not.
    let c = condition_trace(
        json!({"NumericLessThan": {"s3:max-keys": "10"}}),
        json!({"s3:max-keys": "20"}),
    );
    assert_eq!(c["result"], false);
    assert!(c.get("note").is_none(), "{c}");
}
