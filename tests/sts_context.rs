//! The context keys a session carries into later calls and into chained AssumeRole calls.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html

mod sts_support;

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::sts::{
    assume_role, call, get_session_token, mfa_code, GetSessionTokenRequest, Tag,
};
use iam_playground::sim::world::IdentityId;
use sts_support::*;

fn role_with_policy(f: &mut Fixture, name: &str, trust_principal: &str, policy: &str) -> String {
    let acct = AccountId::new(ACCT);
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{trust_principal}"}},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}}]}}"#
    );
    let role = f.world.create_role(&acct, name, "/team/", &trust).unwrap();
    f.world
        .put_inline_policy(&IdentityId::Role(role), "P", policy)
        .unwrap();
    format!("arn:aws:iam::111122223333:role/team/{name}")
}

#[test]
fn session_tags_become_principal_tags_in_later_calls() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
    let mut f = fixture();
    let arn = role_with_policy(
        &mut f,
        "Abac",
        "arn:aws:iam::111122223333:user/alice",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/Project":"blue"}}}]}"#,
    );
    let mut r = req(&arn, "abac");
    r.tags = vec![Tag {
        key: "Project".into(),
        value: "blue".into(),
    }];
    let blue = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    r.tags = vec![Tag {
        key: "Project".into(),
        value: "red".into(),
    }];
    let red = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    assert!(
        call(
            &f.world,
            &mut f.state,
            blue.credentials.access_key_id.as_str(),
            "s3:GetObject",
            &object(),
            at(1)
        )
        .allowed
    );
    assert!(
        !call(
            &f.world,
            &mut f.state,
            red.credentials.access_key_id.as_str(),
            "s3:GetObject",
            &object(),
            at(1)
        )
        .allowed
    );
}

#[test]
fn principal_arn_of_a_session_is_the_role_arn_with_its_path() {
    let mut f = fixture();
    let arn = role_with_policy(
        &mut f,
        "Pathy",
        "arn:aws:iam::111122223333:user/alice",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/Pathy"}}}]}"#,
    );
    let s = assume_role(&f.world, &mut f.state, &f.alice_key, &req(&arn, "p1"), t0())
        .result
        .unwrap();
    // The session ARN has no path; aws:PrincipalArn (the role ARN) keeps it.
    assert_eq!(
        s.assumed_role_user.arn,
        "arn:aws:sts::111122223333:assumed-role/Pathy/p1"
    );
    let r = call(
        &f.world,
        &mut f.state,
        s.credentials.access_key_id.as_str(),
        "s3:GetObject",
        &object(),
        at(1),
    );
    assert!(r.allowed, "{:?}", r.evaluation.map(|e| e.message));
    let ctx = &r.evaluation.unwrap().trace.context;
    let get = |k: &str| serde_json::to_value(&ctx[k]).unwrap();
    assert_eq!(
        get("aws:PrincipalArn"),
        "arn:aws:iam::111122223333:role/team/Pathy"
    );
    assert_eq!(get("aws:TokenIssueTime"), "2026-01-01T00:00:00Z");
    assert_eq!(get("aws:MultiFactorAuthPresent"), "false");
    assert!(get("aws:userid").as_str().unwrap().ends_with(":p1"));
}

#[test]
fn source_identity_is_a_context_key_in_every_call() {
    let mut f = fixture();
    let arn = role_with_policy(
        &mut f,
        "Traced",
        "arn:aws:iam::111122223333:user/alice",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}"#,
    );
    let mut r = req(&arn, "traced");
    r.source_identity = Some("alice".into());
    let s = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    assert!(
        call(
            &f.world,
            &mut f.state,
            s.credentials.access_key_id.as_str(),
            "s3:GetObject",
            &object(),
            at(1)
        )
        .allowed
    );
    let plain = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(&arn, "plain"),
        t0(),
    )
    .result
    .unwrap();
    assert!(
        !call(
            &f.world,
            &mut f.state,
            plain.credentials.access_key_id.as_str(),
            "s3:GetObject",
            &object(),
            at(1)
        )
        .allowed
    );
}

#[test]
fn mfa_from_get_session_token_carries_into_assume_role() {
    // The CLI's MFA pattern: GetSessionToken with MFA, then AssumeRole on a role that
    // requires aws:MultiFactorAuthPresent.
    let mut f = fixture();
    f.world
        .set_trust_policy(&f.deploy, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#)
        .unwrap();
    let device = f.world.enable_mfa_device(&f.alice, "alice").unwrap();
    let gst = GetSessionTokenRequest {
        serial_number: Some(device.serial_number.clone()),
        token_code: Some(mfa_code(&device.seed, t0())),
        ..Default::default()
    };
    let tmp = get_session_token(&f.world, &mut f.state, &f.alice_key, &gst, t0())
        .result
        .unwrap();
    let out = assume_role(
        &f.world,
        &mut f.state,
        tmp.credentials.access_key_id.as_str(),
        &req(DEPLOY, "mfa"),
        at(10),
    );
    let r = out.result.unwrap_or_else(|e| panic!("{e} {:?}", out.gates));
    assert!(
        f.state
            .session(r.credentials.access_key_id.as_str())
            .unwrap()
            .mfa_present
    );
    // Long-term keys alone do not satisfy it.
    assert!(assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "nomfa"),
        at(10)
    )
    .result
    .is_err());
}

#[test]
fn cli_output_uses_plus_zero_offset_expiration() {
    let mut f = fixture();
    let r = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "cli"),
        t0(),
    )
    .result
    .unwrap();
    assert_eq!(
        r.to_cli_json()["Credentials"]["Expiration"],
        "2026-01-01T01:00:00+00:00"
    );
    assert_eq!(
        r.to_json()["Credentials"]["Expiration"],
        "2026-01-01T01:00:00Z"
    );
}

proptest::proptest! {
    #[test]
    fn remaining_time_never_grows_and_expiry_is_exclusive(a in 0i64..20_000, b in 0i64..20_000) {
        let mut f = fixture();
        let r = assume_role(&f.world, &mut f.state, &f.alice_key, &req(DEPLOY, "prop"), t0()).result.unwrap();
        let (early, late) = (at(a.min(b)), at(a.max(b)));
        proptest::prop_assert!(r.credentials.remaining(late) <= r.credentials.remaining(early));
        proptest::prop_assert_eq!(r.credentials.is_expired(late), late >= r.credentials.expiration);
    }
}
