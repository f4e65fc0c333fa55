//! Drawing edges writes trust JSON; trust JSON draws edges.

use super::*;
use serde_json::{json, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";

fn aws(s: &str) -> PrincipalRef {
    PrincipalRef::Aws(s.to_string())
}

#[test]
fn drawing_the_first_trust_edge_writes_a_complete_trust_policy() {
    let text = add_principal("", &aws(ALICE), "sts:AssumeRole", None).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v,
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": ALICE}, "Action": "sts:AssumeRole"}]})
    );
    // AWS order (Effect, Principal, Action) and four-space indentation, as the console shows.
    assert!(
        text.contains("\"Effect\": \"Allow\",\n            \"Principal\""),
        "{text}"
    );
}

#[test]
fn a_second_principal_merges_into_the_plain_statement() {
    let one = add_principal("", &aws(ALICE), "sts:AssumeRole", None).unwrap();
    let two = add_principal(&one, &aws(BOB), "sts:AssumeRole", None).unwrap();
    let v: Value = serde_json::from_str(&two).unwrap();
    assert_eq!(v["Statement"][0]["Principal"]["AWS"], json!([ALICE, BOB]));
    assert_eq!(
        add_principal(&two, &aws(BOB), "sts:AssumeRole", None),
        Err(EditError::AlreadyPresent)
    );
    // A service principal goes under its own key in the same statement.
    let three = add_principal(
        &two,
        &PrincipalRef::Service("ec2.amazonaws.com".into()),
        "sts:AssumeRole",
        None,
    )
    .unwrap();
    let v: Value = serde_json::from_str(&three).unwrap();
    assert_eq!(
        v["Statement"][0]["Principal"]["Service"],
        json!("ec2.amazonaws.com")
    );
}

#[test]
fn a_principal_is_not_merged_into_a_conditioned_statement() {
    let with_mfa = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;
    let text = add_principal(with_mfa, &aws(BOB), "sts:AssumeRole", None).unwrap();
    let g = grants(&text);
    assert_eq!(g.len(), 2);
    assert_eq!(g[0].conditions, vec!["MFA"]);
    assert!(
        g[1].conditions.is_empty(),
        "bob must not inherit alice's MFA condition"
    );
}

#[test]
fn federated_principals_use_the_web_identity_or_saml_action() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html
    let oidc = PrincipalRef::Federated(
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com".into(),
    );
    let saml = PrincipalRef::Federated("arn:aws:iam::111122223333:saml-provider/Okta".into());
    assert_eq!(oidc.assume_action(), "sts:AssumeRoleWithWebIdentity");
    assert_eq!(saml.assume_action(), "sts:AssumeRoleWithSAML");
    let text = add_principal("", &oidc, oidc.assume_action(), None).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["Statement"][0]["Action"],
        json!("sts:AssumeRoleWithWebIdentity")
    );
}

#[test]
fn removing_the_last_principal_removes_its_statement_and_keeps_the_rest() {
    let one = add_principal("", &aws(ALICE), "sts:AssumeRole", None).unwrap();
    let two = add_principal(&one, &aws(BOB), "sts:AssumeRole", None).unwrap();
    let back = remove_principal(&two, &aws(BOB)).unwrap();
    let v: Value = serde_json::from_str(&back).unwrap();
    assert_eq!(
        v["Statement"][0]["Principal"]["AWS"],
        json!(ALICE),
        "a one-element list collapses to a string"
    );
    let none = remove_principal(&back, &aws(ALICE)).unwrap();
    let v: Value = serde_json::from_str(&none).unwrap();
    assert_eq!(v["Statement"], json!([]));
    assert_eq!(
        remove_principal(&none, &aws(ALICE)),
        Err(EditError::NotPresent)
    );
}

#[test]
fn removing_never_touches_deny_statements() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"},
        {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:user/bob","arn:aws:iam::111122223333:user/alice"]},"Action":"sts:AssumeRole"}]}"#;
    let out = remove_principal(text, &aws(BOB)).unwrap();
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["Statement"][0]["Effect"], json!("Deny"));
    assert_eq!(v["Statement"][0]["Principal"]["AWS"], json!(BOB));
    assert_eq!(v["Statement"][1]["Principal"]["AWS"], json!(ALICE));
}

#[test]
fn grants_read_every_principal_form_and_condition_badges() {
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:root"],"Service":"ec2.amazonaws.com","Federated":"arn:aws:iam::111122223333:saml-provider/Okta"},"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x","aws:PrincipalOrgID":"o-1"},"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b"},"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringLike":{"aws:RequestTag/team":"a"}}}}"#;
    let g = grants(text);
    let ps: Vec<&PrincipalRef> = g.iter().map(|g| &g.principal).collect();
    assert_eq!(
        ps,
        vec![
            &aws("111122223333"),
            &aws("arn:aws:iam::444455556666:root"),
            &PrincipalRef::Service("ec2.amazonaws.com".into()),
            &PrincipalRef::Federated("arn:aws:iam::111122223333:saml-provider/Okta".into())
        ]
    );
    assert_eq!(
        g[0].conditions,
        vec![
            "ExternalId",
            "Org",
            "SourceArn",
            "MFA",
            "aws:RequestTag/team"
        ]
    );
    assert!(grants(
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#
    )
    .iter()
    .any(|g| g.principal == PrincipalRef::Everyone));
    assert!(grants("{ not json").is_empty());
}

#[test]
fn resource_policy_statements_carry_the_resource() {
    let text = add_principal(
        "",
        &aws(ALICE),
        "s3:GetObject",
        Some("arn:aws:s3:::photos/*"),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["Statement"][0]["Resource"],
        json!("arn:aws:s3:::photos/*")
    );
    let more = add_principal(
        &text,
        &aws(BOB),
        "s3:GetObject",
        Some("arn:aws:s3:::photos/*"),
    )
    .unwrap();
    assert_eq!(grants(&more).len(), 2);
    assert_eq!(
        serde_json::from_str::<Value>(&more).unwrap()["Statement"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn identity_provider_condition_keys_read_as_their_claim() {
    assert_eq!(
        condition_badge("token.actions.githubusercontent.com:sub"),
        "sub"
    );
    assert_eq!(condition_badge("SAML:aud"), "aud");
    assert_eq!(
        condition_badge("aws:PrincipalTag/team"),
        "aws:PrincipalTag/team"
    );
}
