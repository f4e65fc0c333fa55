//! Workload credentials: EC2 instance profiles through IMDS, Lambda execution roles.
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html

mod sts_support;

use iam_playground::sim::sts::assume_role::assume_role;
use iam_playground::sim::sts::services::{imds_credentials, lambda_environment};
use iam_playground::sim::time::SimDuration;
use iam_playground::sim::world::{IdentityId, World};
use sts_support::*;

const EC2_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const LAMBDA_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

fn instance(w: &mut World, trust: &str) -> String {
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = w.create_role(&acct, "WebServerRole", "/", trust).unwrap();
    w.put_inline_policy(
        &IdentityId::Role(role.clone()),
        "ChainToAudit",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
    )
    .unwrap();
    let profile = w
        .create_instance_profile(&acct, "WebServerRole", "/")
        .unwrap();
    w.add_role_to_instance_profile(&profile, &role).unwrap();
    w.launch_ec2_instance(&acct, "us-east-1", "web", Some(&profile))
        .unwrap()
        .to_string()
}

#[test]
fn imds_serves_role_credentials_in_awss_json_shape_with_instance_id_as_session_name() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let c = imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
    let json = c.to_json();
    assert_eq!(json["Code"], "Success");
    assert_eq!(json["Type"], "AWS-HMAC");
    assert_eq!(json["LastUpdated"], "2026-01-01T00:00:00Z");
    assert!(json["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    for k in ["SecretAccessKey", "Token", "Expiration"] {
        assert!(json[k].is_string(), "{k}");
    }
    let s = f
        .state
        .session(c.credentials.access_key_id.as_str())
        .unwrap();
    assert_eq!(
        s.arn(),
        format!("arn:aws:sts::111122223333:assumed-role/WebServerRole/{id}")
    );
    assert!(!s.chained);
}

#[test]
fn a_workload_sessions_ids_are_saved_as_the_bare_strings_they_always_were() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let c = imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
    let s = f
        .state
        .session(c.credentials.access_key_id.as_str())
        .unwrap();
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = f.world.role_by_name(&acct, "WebServerRole").unwrap();
    let saved = serde_json::to_value(s).unwrap();
    assert_eq!(
        saved["origin"],
        serde_json::json!({"Ec2InstanceProfile": {"instance_id": id}})
    );
    assert_eq!(
        saved["principal"]["Role"]["role_id"],
        serde_json::json!(role.role_id.as_str())
    );
    let back: iam_playground::sim::sts::session::Session = serde_json::from_value(saved).unwrap();
    assert_eq!(&back, s);
}

#[test]
fn ec2_refreshes_credentials_at_least_five_minutes_before_expiry() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let first = imds_credentials(&f.world, &mut f.state, &id, t0())
        .unwrap()
        .credentials;
    let exp = first.expiration;
    let before = exp.plus(SimDuration::from_secs(-5 * 60 - 1));
    assert_eq!(
        imds_credentials(&f.world, &mut f.state, &id, before)
            .unwrap()
            .credentials,
        first
    );
    let at_five = exp.plus(SimDuration::from_secs(-5 * 60));
    let next = imds_credentials(&f.world, &mut f.state, &id, at_five).unwrap();
    assert_ne!(next.credentials.access_key_id, first.access_key_id);
    assert!(next.credentials.expiration > exp);
    assert_eq!(next.last_updated, at_five);
    // The old credentials still work until their own expiration.
    assert!(!first.is_expired(at_five));
}

#[test]
fn ec2_role_without_service_trust_gets_no_credentials() {
    let mut f = fixture();
    let id = instance(
        &mut f.world,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}"#,
    );
    let e = imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap_err();
    assert_eq!(e.code(), "AssumeRoleUnauthorizedAccess");
}

/// A trust policy's `aws:ResourceTag/...` reads the role's own tags whichever way the role is
/// assumed (IAM User Guide, "Controlling access to IAM roles using tags": `aws:ResourceTag` in a
/// role's policies refers to the role), for an instance profile as for AssumeRole.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html
#[test]
fn an_instance_profile_trust_condition_on_the_roles_own_tag_reads_the_role_tags() {
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:ResourceTag/tier":"web"}}}]}"#;
    let mut f = fixture();
    let id = instance(&mut f.world, trust);
    let e = imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap_err();
    assert_eq!(
        e.code(),
        "AssumeRoleUnauthorizedAccess",
        "untagged role: the condition fails"
    );
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = f
        .world
        .role_by_name(&acct, "WebServerRole")
        .unwrap()
        .role_id
        .clone();
    let tag = iam_playground::sim::world::Tag {
        key: "tier".into(),
        value: "web".into(),
    };
    f.world
        .set_tags(&IdentityId::Role(role), vec![tag])
        .unwrap();
    assert!(
        imds_credentials(&f.world, &mut f.state, &id, t0()).is_ok(),
        "tagged role: allowed"
    );
}

/// "AWS does not treat using roles to grant permissions to applications that run on EC2
/// instances as role chaining" (IAM User Guide, "Roles terms and concepts", role chaining;
/// footnote 1 of "Methods to assume a role"): no one-hour cap. A session assumed from that
/// session is a role chain again.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
#[test]
fn instance_credentials_assuming_another_role_are_not_role_chaining() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    f.world
        .set_trust_policy(&f.audit, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/WebServerRole","arn:aws:iam::111122223333:role/Audit"]},"Action":"sts:AssumeRole"}]}"#)
        .unwrap();
    let c = imds_credentials(&f.world, &mut f.state, &id, t0())
        .unwrap()
        .credentials;
    let mut r = req(AUDIT, "from-ec2");
    r.duration_seconds = Some(7200);
    let out = assume_role(&f.world, &mut f.state, c.access_key_id.as_str(), &r, t0());
    let s = out.result.unwrap_or_else(|e| panic!("{e} {:?}", out.gates));
    assert_eq!(s.credentials.expiration, at(7200));
    let issued = f
        .state
        .session(s.credentials.access_key_id.as_str())
        .unwrap();
    assert!(!issued.chained);
    // Audit (MaxSessionDuration 12 hours) assuming itself from that session is chaining.
    let mut again = req(AUDIT, "chained");
    again.duration_seconds = Some(7200);
    let e = assume_role(
        &f.world,
        &mut f.state,
        s.credentials.access_key_id.as_str(),
        &again,
        t0(),
    )
    .result
    .unwrap_err();
    assert_eq!(e.message(), "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
}

#[test]
fn lambda_gets_execution_role_credentials_as_environment_variables() {
    let mut f = fixture();
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = f
        .world
        .create_role(&acct, "FnRole", "/service-role/", LAMBDA_TRUST)
        .unwrap();
    f.world
        .create_lambda_function(&acct, "us-east-1", "resize", Some(&role))
        .unwrap();
    let env = lambda_environment(&f.world, &mut f.state, "resize", t0()).unwrap();
    let key = &env["AWS_ACCESS_KEY_ID"];
    assert!(key.starts_with("ASIA"));
    assert!(env.contains_key("AWS_SECRET_ACCESS_KEY") && env.contains_key("AWS_SESSION_TOKEN"));
    let s = f.state.session(key).unwrap();
    // Path is not part of the assumed-role ARN; the session name is the function name.
    assert_eq!(
        s.arn(),
        "arn:aws:sts::111122223333:assumed-role/FnRole/resize"
    );
}

#[test]
fn advancing_time_refreshes_instance_credentials_before_they_expire() {
    use iam_playground::sim::sts::{EventKind, TimeEvent};
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let first = imds_credentials(&f.world, &mut f.state, &id, t0())
        .unwrap()
        .credentials;
    let events: Vec<_> = f
        .state
        .advance(&f.world, t0(), at(12 * 3600))
        .into_iter()
        .map(|e| (matches!(e, TimeEvent::Refreshed { .. }), e.at()))
        .collect();
    assert_eq!(
        events,
        vec![
            (true, at(6 * 3600 - 300)),
            (false, at(6 * 3600)),
            (true, at(12 * 3600 - 600)),
            (false, at(12 * 3600 - 300)),
        ]
    );
    // On the timeline the second refresh and the expiry it leads to fold into the first
    // refresh's entry; the first expiry stays an entry of its own.
    let timeline = &f.state.timeline;
    let kinds: Vec<_> = timeline
        .events()
        .iter()
        .skip(1)
        .map(|e| (e.kind, e.at))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (EventKind::CredentialsDelivered, at(6 * 3600 - 300)),
            (EventKind::Expired, at(6 * 3600)),
        ]
    );
    let folded = timeline.refreshes(1).unwrap();
    assert_eq!((folded.count, folded.expired), (2, 1));
    assert_eq!(folded.last_at, at(12 * 3600 - 600));
    // The instance always holds unexpired credentials, and they are not the first ones.
    let now = imds_credentials(&f.world, &mut f.state, &id, at(12 * 3600))
        .unwrap()
        .credentials;
    assert_ne!(now.access_key_id, first.access_key_id);
    assert!(!now.is_expired(at(12 * 3600)));
}

/// Lambda function names are unique within an account and Region, not across accounts
/// (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html, FunctionName): two
/// accounts may each run a `resize`. Each gets its own execution-role credentials, and a
/// session names the function it belongs to by ARN.
#[test]
fn same_named_functions_in_two_accounts_hold_their_own_execution_role_credentials() {
    use iam_playground::sim::ids::AccountId;
    use iam_playground::sim::sts::workload::{current, deliver, workloads};
    use iam_playground::sim::sts::SessionOrigin;
    let mut f = fixture();
    let mut arns = Vec::new();
    for (account, role_name) in [(ACCT, "ResizeA"), (OTHER, "ResizeB")] {
        let acct = AccountId::new(account);
        let role = f
            .world
            .create_role(&acct, role_name, "/", LAMBDA_TRUST)
            .unwrap();
        arns.push(
            f.world
                .create_lambda_function(&acct, "us-east-1", "resize", Some(&role))
                .unwrap(),
        );
    }
    let origins = workloads(&f.world);
    assert_eq!(origins.len(), 2, "two workloads, not one: {origins:?}");
    for o in &origins {
        deliver(&f.world, &mut f.state, o, t0()).unwrap();
    }
    let roles: Vec<String> = origins
        .iter()
        .map(|o| current(&f.state, o).expect("credentials").arn())
        .map(str::to_string)
        .collect();
    assert_eq!(
        roles,
        vec![
            "arn:aws:sts::111122223333:assumed-role/ResizeA/resize".to_string(),
            format!("arn:aws:sts::{OTHER}:assumed-role/ResizeB/resize"),
        ]
    );
    let held: Vec<&str> = origins
        .iter()
        .map(|o| match o {
            SessionOrigin::LambdaExecution { function_arn, .. } => function_arn.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(held, arns.iter().map(String::as_str).collect::<Vec<_>>());
}

/// A session saved before sessions kept the function's ARN still finds its function by name.
#[test]
fn a_lambda_session_saved_without_the_functions_arn_still_finds_it() {
    use iam_playground::sim::sts::SessionOrigin;
    let old: SessionOrigin =
        serde_json::from_str(r#"{"LambdaExecution":{"function_name":"resize"}}"#).unwrap();
    let mut f = fixture();
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = f
        .world
        .create_role(&acct, "Resize", "/", LAMBDA_TRUST)
        .unwrap();
    let arn = f
        .world
        .create_lambda_function(&acct, "us-east-1", "resize", Some(&role))
        .unwrap();
    let SessionOrigin::LambdaExecution {
        function_name,
        function_arn,
    } = &old
    else {
        panic!("{old:?}")
    };
    assert_eq!(function_arn, "");
    let found = f.world.lambda_of_session(function_name, function_arn);
    assert_eq!(found.map(|l| l.arn.as_str()), Some(arn.as_str()));
}
