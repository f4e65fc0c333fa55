//! GetCallerIdentity shapes, GetSessionToken limits and MFA, revoking sessions, and the
//! permissions a session carries (role policies AND session policies).
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html

mod sts_support;

use iam_playground::sim::sts::assume_role::assume_role;
use iam_playground::sim::sts::call::{call, revoke_older_sessions_policy, revoke_sessions};
use iam_playground::sim::sts::mfa_code;
use iam_playground::sim::sts::session_token::{get_caller_identity, get_session_token};
use iam_playground::sim::sts::GetSessionTokenRequest;
use sts_support::*;

#[test]
fn get_caller_identity_shapes_for_user_role_session_and_root() {
    let mut f = fixture();
    let user = get_caller_identity(&f.world, &mut f.state, &f.alice_key, t0())
        .result
        .unwrap();
    assert!(user.user_id.starts_with("AIDA") && user.user_id.len() == 21);
    assert_eq!(
        (user.account.as_str(), user.arn.as_str()),
        (ACCT, "arn:aws:iam::111122223333:user/alice")
    );
    let s = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "alice-session"),
        t0(),
    )
    .result
    .unwrap();
    let role = get_caller_identity(
        &f.world,
        &mut f.state,
        s.credentials.access_key_id.as_str(),
        t0(),
    )
    .result
    .unwrap();
    assert!(role.user_id.starts_with("AROA") && role.user_id.ends_with(":alice-session"));
    assert_eq!(
        role.arn,
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice-session"
    );
    let root = get_caller_identity(
        &f.world,
        &mut f.state,
        "arn:aws:iam::111122223333:root",
        t0(),
    )
    .result
    .unwrap();
    assert_eq!(
        (root.user_id.as_str(), root.arn.as_str()),
        (ACCT, "arn:aws:iam::111122223333:root")
    );
    let json = serde_json::to_value(&root).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"UserId": ACCT, "Account": ACCT, "Arn": "arn:aws:iam::111122223333:root"})
    );
}

#[test]
fn get_caller_identity_needs_no_permission_but_valid_credentials() {
    let mut f = fixture();
    // bob has no policy at all.
    assert!(
        get_caller_identity(&f.world, &mut f.state, &f.bob_key, t0())
            .result
            .is_ok()
    );
    let e = get_caller_identity(&f.world, &mut f.state, "AKIAIOSFODNN7EXAMPLE", t0())
        .result
        .unwrap_err();
    assert_eq!(e.code(), "InvalidClientTokenId");
}

#[test]
fn get_session_token_defaults_to_12_hours_and_refuses_session_credentials() {
    let mut f = fixture();
    let r = get_session_token(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &GetSessionTokenRequest::default(),
        t0(),
    )
    .result
    .unwrap();
    assert_eq!(
        r.credentials.expiration.to_iso8601(),
        "2026-01-01T12:00:00Z"
    );
    let e = get_session_token(
        &f.world,
        &mut f.state,
        r.credentials.access_key_id.as_str(),
        &GetSessionTokenRequest::default(),
        t0(),
    )
    .result
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "AccessDenied: Cannot call GetSessionToken with session credentials"
    );
    let too_long = GetSessionTokenRequest {
        duration_seconds: Some(129_601),
        ..Default::default()
    };
    assert_eq!(
        get_session_token(&f.world, &mut f.state, &f.alice_key, &too_long, t0())
            .result
            .unwrap_err()
            .code(),
        "ValidationError"
    );
    // Root: "If the duration is longer than one hour, the session for AWS account owners
    // defaults to one hour."
    let root_long = GetSessionTokenRequest {
        duration_seconds: Some(7200),
        ..Default::default()
    };
    let root = get_session_token(
        &f.world,
        &mut f.state,
        "arn:aws:iam::111122223333:root",
        &root_long,
        t0(),
    );
    assert_eq!(root.result.unwrap().credentials.expiration, at(3600));
}

#[test]
fn mfa_code_from_the_virtual_device_sets_multi_factor_auth_present() {
    let mut f = fixture();
    let device = f.world.enable_mfa_device(&f.alice, "alice").unwrap();
    let now = at(45);
    let good = GetSessionTokenRequest {
        serial_number: Some(device.serial_number.clone()),
        token_code: Some(mfa_code(&device.seed, now)),
        ..Default::default()
    };
    let r = get_session_token(&f.world, &mut f.state, &f.alice_key, &good, now)
        .result
        .unwrap();
    assert!(
        f.state
            .session(r.credentials.access_key_id.as_str())
            .unwrap()
            .mfa_present
    );
    let mut stale = good.clone();
    stale.token_code = Some(mfa_code(&device.seed, at(0)));
    let e = get_session_token(&f.world, &mut f.state, &f.alice_key, &stale, at(75))
        .result
        .unwrap_err();
    assert_eq!(
        e.message(),
        "MultiFactorAuthentication failed with invalid MFA one time pass code."
    );
    let mut wrong_device = good;
    wrong_device.serial_number = Some("arn:aws:iam::111122223333:mfa/nobody".into());
    let e = get_session_token(&f.world, &mut f.state, &f.alice_key, &wrong_device, now)
        .result
        .unwrap_err();
    // Two spaces after "code.", as STS sends it (aws/aws-cli#6325, 99designs/aws-vault#676).
    assert_eq!(
        e.message(),
        "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user."
    );
}

#[test]
fn mfa_serial_number_without_token_code_is_refused() {
    // STS refuses half an MFA pair (dtan4/terraforming#424); AWS's pages only say the call
    // "returns an access denied error".
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
    let mut f = fixture();
    let device = f.world.enable_mfa_device(&f.alice, "alice").unwrap();
    let half = GetSessionTokenRequest {
        serial_number: Some(device.serial_number.clone()),
        ..Default::default()
    };
    let e = get_session_token(&f.world, &mut f.state, &f.alice_key, &half, t0())
        .result
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "AccessDenied: MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."
    );
}

#[test]
fn session_token_credentials_assume_roles_for_at_most_one_hour() {
    // "Users that use MFA with the AWS CLI use temporary credentials to assume another role.
    // The temporary credentials use the AWS STS GetSessionToken API and are limited to 1 hour."
    // https://repost.aws/knowledge-center/iam-role-chaining-limit
    let mut f = fixture();
    let st = get_session_token(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &GetSessionTokenRequest::default(),
        t0(),
    )
    .result
    .unwrap();
    let key = st.credentials.access_key_id.to_string();
    let mut long = req(DEPLOY, "via-session-token");
    long.duration_seconds = Some(7200);
    let e = assume_role(&f.world, &mut f.state, &key, &long, t0())
        .result
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "ValidationError: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
    );
    // The same request with the user's own access key may last up to the role's 12 hours.
    let direct = assume_role(&f.world, &mut f.state, &f.alice_key, &long, t0());
    assert_eq!(direct.result.unwrap().credentials.expiration, at(7200));
    long.duration_seconds = Some(3600);
    let ok = assume_role(&f.world, &mut f.state, &key, &long, t0());
    assert!(ok.result.is_ok(), "{:?}", ok.gates);
}

#[test]
fn mfa_condition_in_trust_policy_needs_a_code() {
    let mut f = fixture();
    f.world
        .set_trust_policy(&f.deploy, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#)
        .unwrap();
    let device = f.world.enable_mfa_device(&f.alice, "alice").unwrap();
    let without = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert_eq!(without.gates.failed().unwrap().name, "trust_policy");
    let mut with = req(DEPLOY, "sess");
    with.serial_number = Some(device.serial_number.clone());
    with.token_code = Some(mfa_code(&device.seed, t0()));
    let ok = assume_role(&f.world, &mut f.state, &f.alice_key, &with, t0());
    assert!(ok.result.is_ok(), "{:?}", ok.gates);
}

#[test]
fn revoke_sessions_denies_older_sessions_only() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html
    let mut f = fixture();
    let old = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "old"),
        t0(),
    )
    .result
    .unwrap();
    revoke_sessions(&mut f.world, &mut f.state, DEPLOY, at(60)).unwrap();
    let doc = &f.world.roles[&f.deploy].inline_policies["AWSRevokeOlderSessions"];
    assert_eq!(doc, &revoke_older_sessions_policy(at(60)));
    assert!(doc.contains(r#""DateLessThan": {"aws:TokenIssueTime": "2026-01-01T00:01:00Z"}"#));
    let denied = call(
        &f.world,
        &mut f.state,
        old.credentials.access_key_id.as_str(),
        "s3:GetObject",
        &object(),
        at(61),
    );
    assert!(!denied.allowed);
    assert_eq!(denied.error.unwrap().code, "AccessDenied");
    let new = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "new"),
        at(120),
    )
    .result
    .unwrap();
    assert!(
        call(
            &f.world,
            &mut f.state,
            new.credentials.access_key_id.as_str(),
            "s3:GetObject",
            &object(),
            at(121)
        )
        .allowed
    );
}

#[test]
fn session_policy_narrows_the_role_permissions() {
    // Effective permissions = role policies AND session policies.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
    let mut f = fixture();
    let mut r = req(DEPLOY, "narrow");
    r.policy = Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#.into());
    let s = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    let key = s.credentials.access_key_id.to_string();
    assert!(
        call(
            &f.world,
            &mut f.state,
            &key,
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
            &key,
            "s3:PutObject",
            &object(),
            at(1)
        )
        .allowed
    );
    // The user's own keys do not carry the role's permissions.
    assert!(
        !call(
            &f.world,
            &mut f.state,
            &f.alice_key,
            "s3:PutObject",
            &object(),
            at(1)
        )
        .allowed
    );
}

#[test]
fn malformed_session_policy_is_refused() {
    let mut f = fixture();
    let mut r = req(DEPLOY, "bad");
    r.policy = Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#.into());
    let e = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap_err();
    assert_eq!(e.code(), "MalformedPolicyDocument");
}

#[test]
fn session_views_count_down_and_list_live_sessions_per_role() {
    let mut f = fixture();
    let s = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "view"),
        t0(),
    )
    .result
    .unwrap();
    let v = &f.state.live_sessions_of(DEPLOY, at(1))[0];
    assert_eq!(v.access_key_id, s.credentials.access_key_id.as_str());
    assert_eq!(
        (v.countdown.as_str(), v.origin.as_str(), v.expired),
        ("59:59", "AssumeRole", false)
    );
    assert_eq!(v.parent.as_deref(), Some(f.alice_key.as_str()));
    assert!(f.state.live_sessions_of(DEPLOY, at(3600)).is_empty());
    let all = f.state.session_views(at(3600));
    assert_eq!((all[0].countdown.as_str(), all[0].expired), ("0:00", true));
}

#[test]
fn get_session_token_credentials_without_mfa_cannot_call_iam() {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html (Permissions)
    let mut f = fixture();
    f.world
        .put_inline_policy(
            &iam_playground::sim::world::IdentityId::User(f.alice.clone()),
            "ListUsers",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}"#,
        )
        .unwrap();
    let plain = get_session_token(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &GetSessionTokenRequest::default(),
        t0(),
    )
    .result
    .unwrap();
    let r = call(
        &f.world,
        &mut f.state,
        plain.credentials.access_key_id.as_str(),
        "iam:ListUsers",
        "*",
        at(1),
    );
    assert_eq!(r.error.unwrap().code, "InvalidClientTokenId");
    assert!(
        call(
            &f.world,
            &mut f.state,
            &f.alice_key,
            "iam:ListUsers",
            "*",
            at(1)
        )
        .allowed
    );
    let device = f.world.enable_mfa_device(&f.alice, "alice").unwrap();
    let with_mfa = GetSessionTokenRequest {
        serial_number: Some(device.serial_number.clone()),
        token_code: Some(mfa_code(&device.seed, at(2))),
        ..Default::default()
    };
    let mfa = get_session_token(&f.world, &mut f.state, &f.alice_key, &with_mfa, at(2))
        .result
        .unwrap();
    assert!(
        call(
            &f.world,
            &mut f.state,
            mfa.credentials.access_key_id.as_str(),
            "iam:ListUsers",
            "*",
            at(3)
        )
        .allowed
    );
}

#[test]
fn sts_state_survives_a_save_and_load() {
    // The run (sessions, tokens, timeline) is serde data, like the document.
    let mut f = fixture();
    let _ = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "saved"),
        t0(),
    );
    let _ = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(DEPLOY, "refused"),
        t0(),
    );
    f.state.advance(&f.world, t0(), at(7200));
    let text = serde_json::to_string(&f.state).unwrap();
    let back: iam_playground::sim::sts::StsState = serde_json::from_str(&text).unwrap();
    assert_eq!(back, f.state);
    assert_eq!(back.timeline.events().len(), 3);
}
