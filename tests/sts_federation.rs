//! AssumeRoleWithWebIdentity (GitHub Actions OIDC) and AssumeRoleWithSAML.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html

mod sts_support;

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::sts::federation::{
    assume_role_with_saml, assume_role_with_web_identity, issue_saml_assertion,
    issue_web_identity_token,
};
use iam_playground::sim::sts::{AssumeRoleWithSamlRequest, AssumeRoleWithWebIdentityRequest};
use iam_playground::sim::time::SimDuration;
use std::collections::BTreeMap;
use sts_support::*;

const GH: &str = "token.actions.githubusercontent.com";
const GH_ROLE: &str = "arn:aws:iam::111122223333:role/GitHubDeploy";

fn github_world(f: &mut Fixture) {
    let acct = AccountId::new(ACCT);
    let provider = f
        .world
        .create_oidc_provider(
            &acct,
            "https://token.actions.githubusercontent.com",
            vec!["sts.amazonaws.com".into()],
            vec![],
        )
        .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"{GH}:aud":"sts.amazonaws.com"}},"StringLike":{{"{GH}:sub":"repo:octo-org/octo-repo:ref:refs/heads/main"}}}}}}]}}"#
    );
    f.world
        .create_role(&acct, "GitHubDeploy", "/", &trust)
        .unwrap();
}

fn web_req(token: &str) -> AssumeRoleWithWebIdentityRequest {
    AssumeRoleWithWebIdentityRequest {
        role_arn: GH_ROLE.into(),
        role_session_name: "GitHubActions".into(),
        web_identity_token: token.into(),
        ..Default::default()
    }
}

#[test]
fn github_actions_main_branch_token_assumes_the_role() {
    let mut f = fixture();
    github_world(&mut f);
    let token = issue_web_identity_token(
        &mut f.state,
        "https://token.actions.githubusercontent.com",
        "repo:octo-org/octo-repo:ref:refs/heads/main",
        "sts.amazonaws.com",
        BTreeMap::new(),
        SimDuration::from_mins(5),
        t0(),
    );
    let out = assume_role_with_web_identity(&f.world, &mut f.state, &web_req(&token.id), t0());
    let r = out.result.unwrap_or_else(|e| panic!("{e} {:?}", out.gates));
    assert_eq!(
        r.assumed.assumed_role_user.arn,
        "arn:aws:sts::111122223333:assumed-role/GitHubDeploy/GitHubActions"
    );
    let json = r.to_json();
    assert_eq!(
        json["SubjectFromWebIdentityToken"],
        "repo:octo-org/octo-repo:ref:refs/heads/main"
    );
    assert_eq!(json["Audience"], "sts.amazonaws.com");
}

#[test]
fn another_branch_is_refused_by_the_sub_condition() {
    let mut f = fixture();
    github_world(&mut f);
    let token = issue_web_identity_token(
        &mut f.state,
        GH,
        "repo:octo-org/octo-repo:ref:refs/heads/feature",
        "sts.amazonaws.com",
        BTreeMap::new(),
        SimDuration::from_mins(5),
        t0(),
    );
    let out = assume_role_with_web_identity(&f.world, &mut f.state, &web_req(&token.id), t0());
    assert_eq!(
        out.result.unwrap_err().to_string(),
        "AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"
    );
    let gate = out.gates.failed().unwrap();
    assert_eq!(gate.name, "trust_policy");
    let sub = gate
        .compared
        .iter()
        .find(|c| c.key.ends_with(":sub"))
        .unwrap();
    assert!(!sub.result);
    assert_eq!(
        sub.actual,
        Some(vec![
            "repo:octo-org/octo-repo:ref:refs/heads/feature".to_string()
        ])
    );
}

#[test]
fn wrong_audience_unknown_provider_and_expired_tokens_are_refused() {
    let mut f = fixture();
    github_world(&mut f);
    let main = "repo:octo-org/octo-repo:ref:refs/heads/main";
    let bad_aud = issue_web_identity_token(
        &mut f.state,
        GH,
        main,
        "someone-else",
        BTreeMap::new(),
        SimDuration::from_mins(5),
        t0(),
    );
    let e = assume_role_with_web_identity(&f.world, &mut f.state, &web_req(&bad_aud.id), t0())
        .result
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "InvalidIdentityToken: Incorrect token audience"
    );
    let other = issue_web_identity_token(
        &mut f.state,
        "https://gitlab.com",
        main,
        "sts.amazonaws.com",
        BTreeMap::new(),
        SimDuration::from_mins(5),
        t0(),
    );
    let e = assume_role_with_web_identity(&f.world, &mut f.state, &web_req(&other.id), t0())
        .result
        .unwrap_err();
    assert_eq!(
        e.message(),
        "No OpenIDConnect provider found in your account for https://gitlab.com"
    );
    let ok = issue_web_identity_token(
        &mut f.state,
        GH,
        main,
        "sts.amazonaws.com",
        BTreeMap::new(),
        SimDuration::from_mins(5),
        t0(),
    );
    let e = assume_role_with_web_identity(&f.world, &mut f.state, &web_req(&ok.id), at(300))
        .result
        .unwrap_err();
    // An expired token is ExpiredTokenException, HTTP 400 (not ExpiredToken, which is for
    // expired credentials).
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
    assert_eq!(e.code(), "ExpiredTokenException");
    assert_eq!(e.http_status(), 400);
    let t = t0().as_secs() + 300;
    assert_eq!(
        e.message(),
        format!("Token expired: current date/time {t} must be before the expiration date/time {t}")
    );
}

#[test]
fn federation_error_codes_have_the_documented_http_status() {
    // "HTTP Status Code" of each error on the AssumeRoleWithWebIdentity API reference page.
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html#API_AssumeRoleWithWebIdentity_Errors
    use iam_playground::sim::sts::StsError;
    let cases = [
        (
            StsError::ExpiredTokenException(String::new()),
            "ExpiredTokenException",
            400,
        ),
        (
            StsError::IdpRejectedClaim(String::new()),
            "IDPRejectedClaim",
            403,
        ),
        (
            StsError::InvalidIdentityToken(String::new()),
            "InvalidIdentityToken",
            400,
        ),
        (
            StsError::MalformedPolicyDocument(String::new()),
            "MalformedPolicyDocument",
            400,
        ),
        (
            StsError::PackedPolicyTooLarge(120),
            "PackedPolicyTooLarge",
            400,
        ),
    ];
    for (e, code, status) in cases {
        assert_eq!((e.code(), e.http_status()), (code, status));
    }
}

fn saml_world(f: &mut Fixture) -> (String, String) {
    let acct = AccountId::new(ACCT);
    let provider = f
        .world
        .create_saml_provider(&acct, "Okta", "<EntityDescriptor/>")
        .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":["sts:AssumeRoleWithSAML","sts:SetSourceIdentity"]}}]}}"#
    );
    f.world.create_role(&acct, "SamlUser", "/", &trust).unwrap();
    (
        provider,
        "arn:aws:iam::111122223333:role/SamlUser".to_string(),
    )
}

fn saml_req(role_arn: &str, provider: &str, assertion: &str) -> AssumeRoleWithSamlRequest {
    AssumeRoleWithSamlRequest {
        role_arn: role_arn.into(),
        principal_arn: provider.into(),
        saml_assertion: assertion.into(),
        ..Default::default()
    }
}

#[test]
fn saml_assertion_must_be_redeemed_within_five_minutes() {
    // ExpiredTokenException (400) is among AssumeRoleWithSAML's documented errors.
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html#API_AssumeRoleWithSAML_Errors
    let mut f = fixture();
    let (provider, role) = saml_world(&mut f);
    let a = issue_saml_assertion(
        &mut f.state,
        &provider,
        "alice",
        "alice",
        vec![role.clone()],
        None,
        t0(),
    );
    let late = assume_role_with_saml(
        &f.world,
        &mut f.state,
        &saml_req(&role, &provider, &a.id),
        at(300),
    );
    let e = late.result.unwrap_err();
    assert_eq!(
        e.to_string(),
        "ExpiredTokenException: Token must be redeemed within 5 minutes of issuance"
    );
    assert_eq!(e.http_status(), 400);
    let on_time = assume_role_with_saml(
        &f.world,
        &mut f.state,
        &saml_req(&role, &provider, &a.id),
        at(299),
    );
    assert!(on_time.result.is_ok(), "{:?}", on_time.gates);
}

#[test]
fn saml_session_name_and_source_identity_follow_the_documented_pattern() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html
    const SOURCE_IDENTITY: &str = "https://aws.amazon.com/SAML/Attributes/SourceIdentity";
    let mut f = fixture();
    let (provider, role) = saml_world(&mut f);
    // Issues an assertion for `session` (with a SourceIdentity if given) and redeems it.
    let mut redeem = |session: &str, source_identity: Option<&str>, n: usize| {
        let mut a = issue_saml_assertion(
            &mut f.state,
            &provider,
            "alice",
            session,
            vec![role.clone()],
            None,
            t0(),
        );
        if let Some(si) = source_identity {
            a.attributes.insert(SOURCE_IDENTITY.into(), si.into());
            a.id.push_str(&"x".repeat(n));
            f.state.saml_assertions.push(a.clone());
        }
        assume_role_with_saml(
            &f.world,
            &mut f.state,
            &saml_req(&role, &provider, &a.id),
            t0(),
        )
        .result
        .map_err(|e| e.to_string())
    };
    assert_eq!(
        redeem("Alice Smith", None, 0).unwrap_err(),
        "InvalidIdentityToken: RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"
    );
    assert_eq!(
        redeem("", None, 0).unwrap_err(),
        "InvalidIdentityToken: RoleSessionName is required in AuthnResponse"
    );
    assert_eq!(
        redeem("alice", Some("aws:alice"), 1).unwrap_err(),
        "InvalidIdentityToken: Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\""
    );
    assert!(redeem("alice", Some("alice"), 2).is_ok());
}

#[test]
fn saml_session_ends_at_session_not_on_or_after_when_sooner() {
    let mut f = fixture();
    let acct = AccountId::new(ACCT);
    let provider = f
        .world
        .create_saml_provider(&acct, "Okta", "<EntityDescriptor/>")
        .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":"sts:AssumeRoleWithSAML","Condition":{{"StringEquals":{{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}}}}]}}"#
    );
    let role = f
        .world
        .create_role(&acct, "SamlAdmin", "/", &trust)
        .unwrap();
    f.world.set_max_session_duration(&role, 43_200).unwrap();
    let role_arn = "arn:aws:iam::111122223333:role/SamlAdmin".to_string();
    let a = issue_saml_assertion(
        &mut f.state,
        &provider,
        "alice@example.com",
        "alice@example.com",
        vec![role_arn.clone()],
        Some(at(1800)),
        t0(),
    );
    let req = AssumeRoleWithSamlRequest {
        role_arn: role_arn.clone(),
        principal_arn: provider.clone(),
        saml_assertion: a.id.clone(),
        duration_seconds: Some(7200),
        ..Default::default()
    };
    let out = assume_role_with_saml(&f.world, &mut f.state, &req, t0());
    let r = out.result.unwrap_or_else(|e| panic!("{e} {:?}", out.gates));
    assert_eq!(r.credentials.expiration, at(1800));
    assert_eq!(
        r.assumed_role_user.arn,
        "arn:aws:sts::111122223333:assumed-role/SamlAdmin/alice@example.com"
    );
    // An assertion that does not list the role is refused.
    let other = issue_saml_assertion(&mut f.state, &provider, "bob", "bob", vec![], None, t0());
    let req2 = AssumeRoleWithSamlRequest {
        saml_assertion: other.id,
        ..req
    };
    assert_eq!(
        assume_role_with_saml(&f.world, &mut f.state, &req2, t0())
            .result
            .unwrap_err()
            .code(),
        "AccessDenied"
    );
}

#[test]
fn saml_attributes_set_session_tags_and_source_identity_when_the_trust_policy_allows() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-saml
    let mut f = fixture();
    let acct = AccountId::new(ACCT);
    let provider = f
        .world
        .create_saml_provider(&acct, "Okta", "<EntityDescriptor/>")
        .unwrap();
    let trust = |actions: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":[{actions}]}}]}}"#
        )
    };
    let role = f
        .world
        .create_role(
            &acct,
            "Workforce",
            "/",
            &trust(r#""sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity""#),
        )
        .unwrap();
    let role_arn = "arn:aws:iam::111122223333:role/Workforce".to_string();
    let issue = |f: &mut Fixture| {
        let a = issue_saml_assertion(
            &mut f.state,
            &provider,
            "diego",
            "diego",
            vec![role_arn.clone()],
            None,
            t0(),
        );
        let last = f.state.saml_assertions.last_mut().unwrap();
        last.attributes.insert(
            "https://aws.amazon.com/SAML/Attributes/PrincipalTag:Department".into(),
            "Finance".into(),
        );
        last.attributes.insert(
            "https://aws.amazon.com/SAML/Attributes/SourceIdentity".into(),
            "DiegoRamirez".into(),
        );
        AssumeRoleWithSamlRequest {
            role_arn: role_arn.clone(),
            principal_arn: provider.clone(),
            saml_assertion: a.id,
            ..Default::default()
        }
    };
    let req = issue(&mut f);
    let r = assume_role_with_saml(&f.world, &mut f.state, &req, t0())
        .result
        .unwrap();
    let s = f
        .state
        .session(r.credentials.access_key_id.as_str())
        .unwrap();
    assert_eq!(s.source_identity.as_deref(), Some("DiegoRamirez"));
    assert_eq!(s.tags[0].key, "Department");
    f.world
        .set_trust_policy(
            &role,
            &trust(r#""sts:AssumeRoleWithSAML","sts:SetSourceIdentity""#),
        )
        .unwrap();
    let req = issue(&mut f);
    let out = assume_role_with_saml(&f.world, &mut f.state, &req, t0());
    assert_eq!(out.gates.failed().unwrap().name, "tag_session");
    assert_eq!(
        out.result.unwrap_err().message(),
        "Not authorized to perform sts:TagSession"
    );
}
