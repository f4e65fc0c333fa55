//! The evaluation flow, rule by rule, each test citing the AWS page that states the rule.
//! Main pages: policy evaluation logic
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>
//! and cross-account evaluation
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html>.

use iam_playground::sim::eval::{evaluate, Decision, EvalRequest, EvalResult, PolicyType};
use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BUCKET_OBJ: &str = "arn:aws:s3:::amzn-s3-demo-bucket/report.csv";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

fn deny(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": action, "Resource": resource}]})
}

fn resource_allow(principal: Value, action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}]})
}

fn run(mut request: Value) -> EvalResult {
    if request.get("action").is_none() {
        request["action"] = json!("s3:GetObject");
    }
    if request.get("resource").is_none() {
        request["resource"] = json!({"arn": BUCKET_OBJ, "account": "111122223333"});
    }
    if request.get("principal").is_none() {
        request["principal"] = json!({"arn": ALICE});
    }
    let req: EvalRequest = serde_json::from_value(request).expect("valid request");
    evaluate(&req)
}

fn assert_decision(r: &EvalResult, decision: Decision, by: PolicyType) {
    assert_eq!(
        (r.decision, r.decided_by),
        (decision, by),
        "message: {}",
        r.message
    );
}

#[test]
fn requests_are_implicitly_denied_by_default() {
    // "By default, all requests are implicitly denied" (evaluation logic page).
    let r = run(json!({}));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Identity);
    assert_eq!(r.message, format!("User: {ALICE} is not authorized to perform: s3:GetObject on resource: {BUCKET_OBJ} because no identity-based policy allows the s3:GetObject action"));
}

#[test]
fn identity_policy_allow_grants_within_the_account() {
    let r = run(
        json!({"identity_policies": [allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/*")]}),
    );
    assert_decision(&r, Decision::Allowed, PolicyType::Identity);
}

#[test]
fn explicit_deny_overrides_allow() {
    // "An explicit deny in any policy overrides any allows."
    let r = run(
        json!({"identity_policies": [allow("s3:*", "*"), {"name": "arn:aws:iam::111122223333:policy/NoReports", "document": deny("s3:GetObject", "*")}]}),
    );
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Identity);
    assert_eq!(r.message, format!("User: {ALICE} is not authorized to perform: s3:GetObject on resource: {BUCKET_OBJ} with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/NoReports"));
}

#[test]
fn explicit_deny_in_resource_policy_overrides_identity_allow() {
    let res = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]});
    let r = run(json!({"identity_policies": [allow("s3:*", "*")], "resource_policy": res}));
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Resource);
    assert!(
        r.message
            .ends_with("with an explicit deny in a resource-based policy"),
        "{}",
        r.message
    );
}

#[test]
fn scp_explicit_deny_wins_over_everything() {
    let r = run(json!({
        "identity_policies": [allow("*", "*")],
        "scps": [[allow("*", "*")], [deny("s3:*", "*")]]
    }));
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Scp);
    assert!(
        r.message
            .ends_with("with an explicit deny in a service control policy"),
        "{}",
        r.message
    );
}

#[test]
fn scps_must_allow_at_every_level_of_the_organization() {
    // SCPs: "permissions must be allowed at every level from the root to the account".
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
    let r = run(json!({
        "identity_policies": [allow("s3:*", "*")],
        "scps": [[allow("*", "*")], [allow("ec2:*", "*")]]
    }));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Scp);
    assert!(
        r.message
            .ends_with("because no service control policy allows the s3:GetObject action"),
        "{}",
        r.message
    );
}

#[test]
fn scps_do_not_affect_the_management_account() {
    // "SCPs don't affect users or roles in the management account."
    let r = run(json!({
        "identity_policies": [allow("s3:*", "*")],
        "scps": [[deny("*", "*")]],
        "organization": {"id": "o-a1b2c3d4e5", "management_account": "111122223333", "accounts": ["111122223333", "444455556666"]}
    }));
    assert_decision(&r, Decision::Allowed, PolicyType::Identity);
}

#[test]
fn rcps_must_allow_for_resources_in_member_accounts() {
    let r = run(json!({
        "identity_policies": [allow("s3:*", "*")],
        "rcps": [[{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]}]]
    }));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Rcp);
    assert!(
        r.message
            .ends_with("because no resource control policy allows the s3:GetObject action"),
        "{}",
        r.message
    );
}

#[test]
fn permissions_boundary_limits_identity_policy_grants() {
    // "An entity's permissions boundary allows it to perform only the actions that are
    // allowed by both its identity-based policies and its permissions boundaries."
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    let r = run(
        json!({"identity_policies": [allow("s3:*", "*")], "permissions_boundary": allow("ec2:*", "*")}),
    );
    assert_decision(
        &r,
        Decision::ImplicitlyDenied,
        PolicyType::PermissionsBoundary,
    );
    assert!(
        r.message
            .ends_with("because no permissions boundary allows the s3:GetObject action"),
        "{}",
        r.message
    );
}

#[test]
fn permissions_boundary_alone_grants_nothing() {
    let r = run(json!({"permissions_boundary": allow("s3:*", "*")}));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Identity);
}

const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/Reader/app";

#[test]
fn session_policies_limit_role_session_permissions() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
    let r = run(json!({
        "principal": {"arn": SESSION, "session": {}},
        "identity_policies": [allow("s3:*", "*")],
        "session_policies": [allow("s3:ListBucket", "*")]
    }));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Session);
    assert!(
        r.message
            .ends_with("because no session policy allows the s3:GetObject action"),
        "{}",
        r.message
    );
}

#[test]
fn same_account_resource_policy_naming_the_user_needs_no_identity_policy() {
    // "If either the identity-based policy or the resource-based policy within the same
    // account allows the request and the other doesn't, the request is still allowed."
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
    let r = run(
        json!({"resource_policy": resource_allow(json!({"AWS": ALICE}), "s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/*")}),
    );
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn resource_policy_naming_the_user_is_not_limited_by_the_boundary() {
    // Boundaries page: resource-based policies granting to an IAM user ARN in the same
    // account are not limited by an implicit deny in the permissions boundary.
    let r = run(json!({
        "resource_policy": resource_allow(json!({"AWS": ALICE}), "s3:GetObject", "*"),
        "permissions_boundary": allow("ec2:*", "*")
    }));
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn resource_policy_naming_the_role_is_limited_by_the_boundary() {
    // Boundaries page: granting to the role ARN is limited by an implicit deny in the boundary.
    let r = run(json!({
        "principal": {"arn": SESSION, "session": {}},
        "resource_policy": resource_allow(json!({"AWS": "arn:aws:iam::111122223333:role/Reader"}), "s3:GetObject", "*"),
        "permissions_boundary": allow("ec2:*", "*")
    }));
    assert_decision(
        &r,
        Decision::ImplicitlyDenied,
        PolicyType::PermissionsBoundary,
    );
}

#[test]
fn resource_policy_naming_the_role_grants_without_identity_policy() {
    let r = run(json!({
        "principal": {"arn": SESSION, "session": {}},
        "resource_policy": resource_allow(json!({"AWS": "arn:aws:iam::111122223333:role/Reader"}), "s3:GetObject", "*")
    }));
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn resource_policy_naming_the_session_arn_is_not_limited_by_session_policies() {
    // Session policies: "A resource-based policy can specify the ARN of the session as a
    // principal ... The session policy doesn't limit those permissions."
    let r = run(json!({
        "principal": {"arn": SESSION, "session": {}},
        "resource_policy": resource_allow(json!({"AWS": SESSION}), "s3:GetObject", "*"),
        "session_policies": [allow("ec2:*", "*")]
    }));
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn resource_policy_naming_the_account_delegates_to_identity_policies() {
    let res = resource_allow(
        json!({"AWS": "arn:aws:iam::111122223333:root"}),
        "s3:GetObject",
        "*",
    );
    let r = run(json!({"resource_policy": res}));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Identity);
    let r = run(json!({"resource_policy": res, "identity_policies": [allow("s3:GetObject", "*")]}));
    assert_decision(&r, Decision::Allowed, PolicyType::Identity);
}

const BOB: &str = "arn:aws:iam::444455556666:user/bob";

#[test]
fn cross_account_access_needs_the_resource_policy_to_allow() {
    // "the request must be allowed by both the identity policy of the requester and the
    // resource-based policy of the resource owner" (cross-account page).
    let r = run(json!({"principal": {"arn": BOB}, "identity_policies": [allow("s3:*", "*")]}));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Resource);
    assert!(
        r.message
            .ends_with("because no resource-based policy allows the s3:GetObject action"),
        "{}",
        r.message
    );
}

#[test]
fn cross_account_access_needs_the_callers_identity_policy_to_allow() {
    let res = resource_allow(json!({"AWS": BOB}), "s3:GetObject", "*");
    let r = run(json!({"principal": {"arn": BOB}, "resource_policy": res}));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Identity);
}

#[test]
fn cross_account_access_is_allowed_when_both_sides_allow() {
    // Naming the trusted account is enough on the resource side.
    let res = resource_allow(json!({"AWS": "444455556666"}), "s3:GetObject", "*");
    let r = run(
        json!({"principal": {"arn": BOB}, "resource_policy": res, "identity_policies": [allow("s3:GetObject", "*")]}),
    );
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn role_trust_policy_must_allow_even_within_the_account() {
    // Role trust policies are resource-based policies that must name the principal.
    let r = run(json!({
        "action": "sts:AssumeRole",
        "resource": {"arn": "arn:aws:iam::111122223333:role/Admin"},
        "identity_policies": [allow("sts:AssumeRole", "*")]
    }));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Resource);
}

#[test]
fn trust_policy_naming_the_user_allows_assume_role_in_the_same_account() {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ALICE}, "Action": "sts:AssumeRole"}]});
    let r = run(
        json!({"action": "sts:AssumeRole", "resource": {"arn": "arn:aws:iam::111122223333:role/Admin"}, "resource_policy": trust}),
    );
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
}

#[test]
fn trust_policy_naming_the_account_also_needs_an_identity_policy() {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]});
    let base = json!({"action": "sts:AssumeRole", "resource": {"arn": "arn:aws:iam::111122223333:role/Admin"}, "resource_policy": trust});
    assert_decision(
        &run(base.clone()),
        Decision::ImplicitlyDenied,
        PolicyType::Identity,
    );
    let mut with = base;
    with["identity_policies"] = json!([allow(
        "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/Admin"
    )]);
    assert_decision(&run(with), Decision::Allowed, PolicyType::Identity);
}

#[test]
fn kms_key_policy_must_allow_even_within_the_account() {
    // "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key."
    // https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
    let r = run(json!({
        "action": "kms:Decrypt",
        "resource": {"arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
        "identity_policies": [allow("kms:*", "*")]
    }));
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Resource);
}

#[test]
fn root_user_has_full_access_in_its_own_account() {
    // "all requests are implicitly denied with the exception of the AWS account root user"
    let r = run(json!({"principal": {"arn": "arn:aws:iam::111122223333:root"}}));
    assert_decision(&r, Decision::Allowed, PolicyType::Identity);
}

#[test]
fn root_user_of_a_member_account_is_still_limited_by_scps() {
    let r = run(
        json!({"principal": {"arn": "arn:aws:iam::111122223333:root"}, "scps": [[deny("s3:*", "*")]]}),
    );
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Scp);
}

#[test]
fn not_principal_with_deny_excludes_only_when_user_and_account_are_listed() {
    // NotPrincipal page: list the principal and its account, or the deny applies to it.
    let only_user = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": [ALICE]}, "Action": "s3:*", "Resource": "*"}]});
    let r = run(json!({"identity_policies": [allow("s3:*", "*")], "resource_policy": only_user}));
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Resource);
    let both = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": [ALICE, "arn:aws:iam::111122223333:root"]}, "Action": "s3:*", "Resource": "*"}]});
    let r =
        run(json!({"identity_policies": [allow("s3:*", "*")], "resource_policy": both.clone()}));
    assert_decision(&r, Decision::Allowed, PolicyType::Identity);
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that
    // has a permissions boundary policy attached" (permissions boundaries page).
    let r = run(
        json!({"identity_policies": [allow("s3:*", "*")], "resource_policy": both, "permissions_boundary": allow("*", "*")}),
    );
    assert_decision(&r, Decision::ExplicitlyDenied, PolicyType::Resource);
}

#[test]
fn service_principals_are_allowed_only_by_resource_policies() {
    let res = resource_allow(
        json!({"Service": "cloudtrail.amazonaws.com"}),
        "s3:PutObject",
        "*",
    );
    let r = run(
        json!({"principal": {"service": "cloudtrail.amazonaws.com"}, "action": "s3:PutObject", "resource_policy": res}),
    );
    assert_decision(&r, Decision::Allowed, PolicyType::Resource);
    let r = run(
        json!({"principal": {"service": "lambda.amazonaws.com"}, "action": "s3:PutObject", "resource_policy": res}),
    );
    assert_decision(&r, Decision::ImplicitlyDenied, PolicyType::Resource);
}

#[test]
fn trace_lists_every_policy_and_statement_match() {
    let r = run(
        json!({"identity_policies": [{"name": "S3Read", "document": allow("s3:Get*", "*")}], "permissions_boundary": allow("*", "*")}),
    );
    assert_eq!(r.trace.policies.len(), 2);
    let first = &r.trace.policies[0];
    assert_eq!((first.name.as_str(), first.allows), ("S3Read", true));
    assert_eq!(first.statements[0].action.by.as_deref(), Some("s3:Get*"));
    assert!(r
        .trace
        .steps
        .iter()
        .any(|s| s.gate == "permissions_boundary" && s.outcome == "pass"));
}

#[test]
fn a_role_arn_cannot_be_the_caller() {
    let out = iam_playground::sim::eval::evaluate_json(
        &json!({"principal": {"arn": "arn:aws:iam::111122223333:role/Admin"}, "action": "s3:GetObject"}).to_string(),
    );
    assert!(out.contains("\"error\""), "{out}");
    assert!(out.contains("assumed-role"), "{out}");
}

#[test]
fn requests_can_be_built_from_parsed_policies_without_json() {
    use iam_playground::sim::eval::NamedPolicy;
    use iam_playground::sim::policy::{parse, PolicyKind};
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}}"#;
    let policy = parse(text, PolicyKind::Identity)
        .policy
        .expect("valid policy");
    let mut req = EvalRequest::new(
        ALICE,
        "sqs:SendMessage",
        "arn:aws:sqs:us-east-1:111122223333:jobs",
    );
    req.identity_policies
        .push(NamedPolicy::new("SendJobs", policy));
    assert_decision(&evaluate(&req), Decision::Allowed, PolicyType::Identity);
    req.action = "sqs:DeleteQueue".to_string();
    assert_decision(
        &evaluate(&req),
        Decision::ImplicitlyDenied,
        PolicyType::Identity,
    );
}

#[test]
fn not_principal_must_list_session_role_and_account_to_exclude_a_role_session() {
    // NotPrincipal page: for a role session, list the session ARN, the role ARN and the account.
    let deny_except = |list: Vec<&str>| json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": list}, "Action": "s3:*", "Resource": "*"}]});
    let base = |res: Value| json!({"principal": {"arn": SESSION, "session": {}}, "identity_policies": [allow("s3:*", "*")], "resource_policy": res});
    let partial = deny_except(vec![SESSION, "arn:aws:iam::111122223333:root"]);
    assert_decision(
        &run(base(partial)),
        Decision::ExplicitlyDenied,
        PolicyType::Resource,
    );
    let full = deny_except(vec![
        SESSION,
        "arn:aws:iam::111122223333:role/Reader",
        "arn:aws:iam::111122223333:root",
    ]);
    assert_decision(&run(base(full)), Decision::Allowed, PolicyType::Identity);
}
