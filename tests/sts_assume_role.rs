//! AssumeRole end to end: gates, AWS texts, chaining, expiry, tags, source identity.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

mod sts_support;

use iam_playground::sim::sts::assume_role::assume_role;
use iam_playground::sim::sts::call::call;
use iam_playground::sim::sts::Tag;
use sts_support::*;

#[test]
fn user_named_in_trust_policy_gets_temporary_credentials() {
    let mut f = fixture();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "alice-deploy"),
        t0(),
    );
    let r = out.result.unwrap_or_else(|e| panic!("{e} {:?}", out.gates));
    assert!(r.credentials.access_key_id.as_str().starts_with("ASIA"));
    assert_eq!(r.credentials.access_key_id.as_str().len(), 20);
    assert_eq!(
        r.credentials.expiration.to_iso8601(),
        "2026-01-01T01:00:00Z"
    );
    // The role's path is not in the assumed-role ARN; the id is AROA...:session.
    assert_eq!(
        r.assumed_role_user.arn,
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice-deploy"
    );
    assert!(r.assumed_role_user.assumed_role_id.starts_with("AROA"));
    assert!(r
        .assumed_role_user
        .assumed_role_id
        .ends_with(":alice-deploy"));
    assert!(out.gates.0.iter().all(|g| g.passed));
    let json = r.to_json();
    assert_eq!(json["Credentials"]["Expiration"], "2026-01-01T01:00:00Z");
    assert_eq!(
        json["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice-deploy"
    );
}

#[test]
fn deny_in_the_trust_policy_is_reported_as_an_explicit_deny_in_the_role_trust_policy() {
    // "Troubleshoot access denied error messages", access denied due to role trust
    // policies, explicit denial.
    let mut f = fixture();
    let deploy = f.deploy.clone();
    f.world
        .set_trust_policy(
            &deploy,
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"},
                {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}"#,
        )
        .unwrap();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    let e = out.result.unwrap_err();
    assert_eq!(e.code(), "AccessDenied");
    assert_eq!(
        e.message(),
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy"
    );
    assert_eq!(out.gates.failed().unwrap().name, "trust_policy");
}

#[test]
fn user_not_trusted_gets_awss_access_denied_text_and_gates_stop_at_trust() {
    // bob has no identity policy and the trust policy does not name him. The message is the
    // role trust policy text of "Troubleshoot access denied error messages".
    let mut f = fixture();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    let e = out.result.unwrap_err();
    assert_eq!(e.code(), "AccessDenied");
    assert_eq!(
        e.message(),
        "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action"
    );
    let last = out.gates.0.last().unwrap();
    assert!(!last.passed);
    assert_eq!(out.gates.failed().unwrap().name, last.name);
}

#[test]
fn same_account_trust_naming_the_user_is_enough_without_identity_policy() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    let mut f = fixture();
    f.world
        .delete_inline_policy(
            &iam_playground::sim::world::IdentityId::User(f.alice.clone()),
            "AssumeRoles",
        )
        .unwrap();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert!(out.result.is_ok(), "{:?}", out.gates);
}

#[test]
fn trust_naming_the_account_requires_an_identity_policy() {
    let mut f = fixture();
    f.world
        .set_trust_policy(
            &f.deploy,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}"#,
        )
        .unwrap();
    let ok = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert!(ok.result.is_ok(), "{:?}", ok.gates);
    let bob = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert!(bob.result.is_err());
    assert_eq!(bob.gates.failed().unwrap().name, "identity_policy");
}

#[test]
fn cross_account_needs_identity_policy_and_trust() {
    let mut f = fixture();
    let alice = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(PARTNER, "xacct"),
        t0(),
    );
    assert!(alice.result.is_ok(), "{:?}", alice.gates);
    let bob = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(PARTNER, "xacct"),
        t0(),
    );
    assert_eq!(bob.gates.failed().unwrap().name, "identity_policy");
    assert_eq!(
        bob.result.unwrap_err().message(),
        "User: arn:aws:iam::111122223333:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Partner"
    );
}

#[test]
fn root_cannot_assume_roles() {
    let mut f = fixture();
    let out = assume_role(
        &f.world,
        &mut f.state,
        "arn:aws:iam::111122223333:root",
        &req(DEPLOY, "sess"),
        t0(),
    );
    let e = out.result.unwrap_err();
    assert_eq!(e.code(), "AccessDenied");
    assert_eq!(e.message(), "Roles may not be assumed by root accounts.");
    assert_eq!(out.gates.failed().unwrap().name, "root_caller");
}

#[test]
fn a_role_does_not_implicitly_trust_itself() {
    // https://aws.amazon.com/blogs/security/announcing-an-update-to-iam-role-trust-policy-behavior/
    let mut f = fixture();
    let s = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    )
    .result
    .unwrap();
    let again = assume_role(
        &f.world,
        &mut f.state,
        s.credentials.access_key_id.as_str(),
        &req(DEPLOY, "self"),
        at(10),
    );
    assert_eq!(
        again.result.unwrap_err().message(),
        "User: arn:aws:sts::111122223333:assumed-role/Deploy/sess is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action"
    );
}

#[test]
fn chained_session_capped_at_one_hour() {
    // https://repost.aws/knowledge-center/iam-role-chaining-limit
    let mut f = fixture();
    let mut r = req(DEPLOY, "sess");
    r.duration_seconds = Some(7200);
    let first = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    assert_eq!(
        first.credentials.expiration.to_iso8601(),
        "2026-01-01T02:00:00Z"
    );
    let key = first.credentials.access_key_id.to_string();
    let mut chained = req(AUDIT, "chained");
    chained.duration_seconds = Some(7200);
    let out = assume_role(&f.world, &mut f.state, &key, &chained, at(60));
    assert_eq!(
        out.result.unwrap_err().message(),
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
    );
    assert_eq!(out.gates.failed().unwrap().name, "duration");
    chained.duration_seconds = None;
    let ok = assume_role(&f.world, &mut f.state, &key, &chained, at(60))
        .result
        .unwrap();
    assert_eq!(ok.credentials.expiration, at(60 + 3600));
    assert!(
        f.state
            .session(ok.credentials.access_key_id.as_str())
            .unwrap()
            .chained
    );
}

#[test]
fn duration_above_max_session_duration_is_refused_with_awss_text() {
    let mut f = fixture();
    let mut r = req(DEPLOY, "sess");
    r.duration_seconds = Some(43_201);
    let e = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap_err();
    assert_eq!(e.code(), "ValidationError");
    f.world.set_max_session_duration(&f.deploy, 3600).unwrap();
    r.duration_seconds = Some(3601);
    let out = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0());
    assert_eq!(
        out.result.unwrap_err().message(),
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    );
}

#[test]
fn session_allowed_at_59_59_and_refused_at_60_00_since_expiry_is_exclusive() {
    // Expired means now >= Expiration.
    let mut f = fixture();
    let s = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    )
    .result
    .unwrap();
    let key = s.credentials.access_key_id.to_string();
    let obj = object();
    assert!(call(&f.world, &mut f.state, &key, "s3:GetObject", &obj, at(3599)).allowed);
    let at_expiry = call(&f.world, &mut f.state, &key, "s3:GetObject", &obj, at(3600));
    assert!(!at_expiry.allowed);
    let e = at_expiry.error.unwrap();
    // S3 words it its own way. https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ExpiredToken", "The provided token has expired.")
    );
    assert!(!call(&f.world, &mut f.state, &key, "s3:GetObject", &obj, at(3601)).allowed);
    // STS itself: "The security token included in the request is expired".
    let sts = assume_role(&f.world, &mut f.state, &key, &req(AUDIT, "xacct"), at(3600));
    assert_eq!(
        sts.result.unwrap_err().to_string(),
        "ExpiredToken: The security token included in the request is expired"
    );
}

#[test]
fn inactive_and_unknown_keys_are_invalid_client_token_id() {
    let mut f = fixture();
    let alice = f.alice.clone();
    let key = iam_playground::sim::ids::AccessKeyId::new(f.alice_key.clone());
    f.world
        .set_access_key_status(
            &alice,
            &key,
            iam_playground::sim::world::AccessKeyStatus::Inactive,
        )
        .unwrap();
    for cred in [
        f.alice_key.clone(),
        "AKIAIOSFODNN7EXAMPLE".to_string(),
        "ASIAIOSFODNN7EXAMPLE".to_string(),
    ] {
        let e = assume_role(&f.world, &mut f.state, &cred, &req(DEPLOY, "sess"), t0())
            .result
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "InvalidClientTokenId: The security token included in the request is invalid."
        );
    }
}

#[test]
fn session_tags_need_tag_session_and_transitive_tags_carry_into_chains() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html
    let mut f = fixture();
    let mut r = req(DEPLOY, "sess");
    r.tags = vec![
        Tag {
            key: "Project".into(),
            value: "blue".into(),
        },
        Tag {
            key: "Team".into(),
            value: "web".into(),
        },
    ];
    r.transitive_tag_keys = vec!["Project".into()];
    let s = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    let key = s.credentials.access_key_id.to_string();
    let chained = assume_role(&f.world, &mut f.state, &key, &req(AUDIT, "chain"), at(1))
        .result
        .unwrap();
    let sess = f
        .state
        .session(chained.credentials.access_key_id.as_str())
        .unwrap();
    assert_eq!(
        sess.tags,
        vec![Tag {
            key: "Project".into(),
            value: "blue".into()
        }]
    );
    // Restating an inherited transitive key fails.
    let mut again = req(AUDIT, "c2");
    again.tags = vec![Tag {
        key: "project".into(),
        value: "red".into(),
    }];
    let out = assume_role(&f.world, &mut f.state, &key, &again, at(2));
    let e = out.result.unwrap_err();
    assert_eq!(e.code(), "InvalidParameterValue");
    // STS's text, from a recorded AWS response.
    assert_eq!(e.message(), "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.");
    // A trust policy without sts:TagSession refuses tags.
    f.world
        .set_trust_policy(&f.deploy, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}"#)
        .unwrap();
    let out = assume_role(&f.world, &mut f.state, &f.alice_key, &r, at(3));
    assert_eq!(out.gates.failed().unwrap().name, "tag_session");
    assert_eq!(out.result.unwrap_err().code(), "AccessDenied");
}

#[test]
fn source_identity_needs_set_source_identity_and_persists_through_chains() {
    let mut f = fixture();
    let mut r = req(DEPLOY, "sess");
    r.source_identity = Some("alice".into());
    let s = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .unwrap();
    assert_eq!(s.to_json()["SourceIdentity"], "alice");
    let key = s.credentials.access_key_id.to_string();
    let c = assume_role(&f.world, &mut f.state, &key, &req(AUDIT, "chain"), at(1))
        .result
        .unwrap();
    assert_eq!(
        f.state
            .session(c.credentials.access_key_id.as_str())
            .unwrap()
            .source_identity
            .as_deref(),
        Some("alice")
    );
    let mut change = req(AUDIT, "chain");
    change.source_identity = Some("mallory".into());
    assert!(assume_role(&f.world, &mut f.state, &key, &change, at(2))
        .result
        .is_err());
    r.source_identity = Some("aws:alice".into());
    assert!(assume_role(&f.world, &mut f.state, &f.alice_key, &r, at(3))
        .result
        .is_err());
    // Carrying it into a chain also needs sts:SetSourceIdentity in the next trust policy.
    f.world
        .set_trust_policy(&f.audit, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Deploy"},"Action":"sts:AssumeRole"}]}"#)
        .unwrap();
    let out = assume_role(&f.world, &mut f.state, &key, &req(AUDIT, "chain2"), at(4));
    assert_eq!(out.gates.failed().unwrap().name, "set_source_identity");
}

#[test]
fn external_id_condition_compares_values_in_the_trust_gate() {
    let mut f = fixture();
    f.world
        .set_trust_policy(&f.deploy, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"tenant-42"}}}]}"#)
        .unwrap();
    let mut r = req(DEPLOY, "sess");
    r.external_id = Some("tenant-41".into());
    let out = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0());
    let gate = out.gates.failed().unwrap();
    assert_eq!(gate.name, "trust_policy");
    let cmp = gate
        .compared
        .iter()
        .find(|c| c.key == "sts:ExternalId")
        .unwrap();
    assert_eq!(cmp.expected, vec!["tenant-42".to_string()]);
    assert_eq!(cmp.actual, Some(vec!["tenant-41".to_string()]));
    r.external_id = Some("tenant-42".into());
    assert!(assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0())
        .result
        .is_ok());
}

#[test]
fn every_call_lands_on_the_timeline_and_expiry_is_recorded_when_time_passes() {
    let mut f = fixture();
    let _ = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    let s = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    )
    .result
    .unwrap();
    f.state.advance(&f.world, t0(), at(3599));
    assert_eq!(f.state.timeline.events().len(), 2);
    f.state.advance(&f.world, at(3599), at(3600));
    let last = f.state.timeline.events().last().unwrap();
    assert_eq!(last.api, "Expired");
    assert_eq!(last.at, s.credentials.expiration);
    assert_eq!(
        last.access_key_id.as_deref(),
        Some(s.credentials.access_key_id.as_str())
    );
    f.state.advance(&f.world, at(3600), at(9000));
    assert_eq!(
        f.state.timeline.events().len(),
        3,
        "an expiry is recorded once"
    );
}

#[test]
fn trust_gate_says_why_it_refused() {
    let mut f = fixture();
    let bob = assume_role(
        &f.world,
        &mut f.state,
        &f.bob_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert!(bob
        .gates
        .failed()
        .unwrap()
        .detail
        .ends_with("its Principal does not name the caller, its role or its account"));
    f.world
        .set_trust_policy(&f.deploy, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"tenant-42"}}}]}"#)
        .unwrap();
    let alice = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "sess"),
        t0(),
    );
    assert_eq!(
        alice.gates.failed().unwrap().detail,
        "The role's trust policy does not let arn:aws:iam::111122223333:user/alice call sts:AssumeRole: \
         condition StringEquals on sts:ExternalId wants `tenant-42`, no value in the request"
    );
}

#[test]
fn gates_come_in_awss_order_each_with_a_title() {
    let mut f = fixture();
    let mut r = req(DEPLOY, "ordered");
    r.tags = vec![Tag {
        key: "Project".into(),
        value: "blue".into(),
    }];
    r.source_identity = Some("alice".into());
    let out = assume_role(&f.world, &mut f.state, &f.alice_key, &r, t0());
    assert!(out.result.is_ok(), "{:?}", out.gates);
    let names: Vec<&str> = out.gates.0.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "credentials",
            "parameters",
            "root_caller",
            "role_exists",
            "identity_policy",
            "trust_policy",
            "identity_tag_session",
            "tag_session",
            "session_tags",
            "source_identity",
            "identity_set_source_identity",
            "set_source_identity",
            "duration",
            "packed_policy_size"
        ]
    );
    assert!(out.gates.0.iter().all(|g| g.title != "Check" && g.passed));
}
