//! Who can reach what: hand-built worlds whose answers follow from AWS's evaluation rules.
//! Cross-account role assumption needs both the caller's identity policy and the role's trust
//! policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html);
//! a chained session lasts at most one hour
//! (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining).

mod reach_support;

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::reach::{parse_start, Analysis, EscalationScan, Hop, Reach};
use iam_playground::sim::world::{IdentityId, OrgPolicyType, OrgTarget, World};
use reach_support::*;
use serde_json::{json, Value};

fn reach(world: &World, from: &str) -> Reach {
    let start = parse_start(world, from).unwrap();
    Analysis::new(world).reach(&start, 5)
}

fn paths_to<'r>(r: &'r Reach, role: &str) -> Option<&'r Vec<Vec<Hop>>> {
    r.reaches.iter().find(|x| x.role == role).map(|x| &x.paths)
}

/// alice -> Deploy (same account) -> Partner (other account, ExternalId required).
fn two_accounts() -> World {
    let mut w = World::new(1);
    let a = w.add_account(A, None).unwrap();
    let b = w.add_account(B, None).unwrap();
    user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    let deploy = w
        .create_role(&a, "Deploy", "/", &trust_aws(&arn_user(A, "alice"), ""))
        .unwrap();
    w.set_max_session_duration(&deploy, 43_200).unwrap();
    w.put_inline_policy(
        &IdentityId::Role(deploy),
        "Hop",
        &allow("sts:AssumeRole", &arn_role(B, "Partner")),
    )
    .unwrap();
    let partner = w
        .create_role(
            &b,
            "Partner",
            "/",
            &trust_aws(&arn_role(A, "Deploy"), EXTERNAL_ID_XYZ),
        )
        .unwrap();
    w.set_max_session_duration(&partner, 43_200).unwrap();
    w
}

#[test]
fn two_account_chain_lists_the_external_id_hop_and_caps_the_chained_session_at_one_hour() {
    let w = two_accounts();
    let r = reach(&w, "alice");
    assert_eq!(r.from, arn_user(A, "alice"));
    let deploy = paths_to(&r, &arn_role(A, "Deploy")).unwrap();
    assert_eq!(deploy.len(), 1);
    assert_eq!(deploy[0].len(), 1);
    assert!(deploy[0][0].conditions.is_empty());
    assert_eq!(deploy[0][0].max_session_seconds, 43_200);
    let partner = paths_to(&r, &arn_role(B, "Partner")).unwrap();
    assert_eq!(partner.len(), 1);
    let hop = &partner[0][1];
    assert_eq!(hop.from, arn_role(A, "Deploy"));
    assert_eq!(hop.via, "sts:AssumeRole");
    assert_eq!(
        hop.max_session_seconds, 3600,
        "role chaining: at most 1 hour"
    );
    let c = serde_json::to_value(&hop.conditions).unwrap();
    assert_eq!(
        c,
        json!([{"side": "trust", "operator": "StringEquals", "key": "sts:ExternalId", "values": ["xyz"]}])
    );
}

#[test]
fn mfa_conditioned_trust_is_a_conditional_hop_not_a_missing_one() {
    let mut w = World::new(2);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    w.create_role(
        &a,
        "Admin",
        "/",
        &trust_aws(&arn_user(A, "alice"), MFA_TRUE),
    )
    .unwrap();
    let r = reach(&w, "alice");
    let paths = paths_to(&r, &arn_role(A, "Admin")).expect("the MFA hop is shown");
    let c = serde_json::to_value(&paths[0][0].conditions).unwrap();
    assert_eq!(
        c,
        json!([{"side": "trust", "operator": "Bool", "key": "aws:MultiFactorAuthPresent", "values": ["true"]}])
    );
}

#[test]
fn contradictory_conditions_and_an_always_applying_deny_are_not_hops() {
    let mut w = World::new(3);
    let a = w.add_account(A, None).unwrap();
    let alice = user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    // Allowed only with MFA, denied whenever MFA is present: no request gets through.
    w.put_inline_policy(
        &IdentityId::User(alice.clone()),
        "NoMfaSessions",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
    )
    .unwrap();
    w.create_role(&a, "Admin", "/", &trust_aws(&arn_root(A), MFA_TRUE))
        .unwrap();
    w.create_role(&a, "Open", "/", &trust_aws(&arn_root(A), ""))
        .unwrap();
    let r = reach(&w, "alice");
    assert!(paths_to(&r, &arn_role(A, "Admin")).is_none());
    // The same Deny leaves a hop that needs no MFA, and says MFA must be absent.
    let open = paths_to(&r, &arn_role(A, "Open")).unwrap();
    let c = serde_json::to_value(&open[0][0].conditions).unwrap();
    assert_eq!(
        c,
        json!([{"side": "identity", "operator": "Bool", "key": "aws:MultiFactorAuthPresent", "values": ["false"]}])
    );
    w.put_inline_policy(
        &IdentityId::User(alice),
        "NoRoles",
        &deny("sts:AssumeRole", "*"),
    )
    .unwrap();
    assert!(reach(&w, "alice").reaches.is_empty());
}

#[test]
fn cross_account_trust_naming_a_role_whose_caller_lacks_sts_assume_role_is_no_hop() {
    let mut w = two_accounts();
    let deploy = w
        .role_by_name(&AccountId::new(A), "Deploy")
        .unwrap()
        .role_id
        .clone();
    w.delete_inline_policy(&IdentityId::Role(deploy), "Hop")
        .unwrap();
    let r = reach(&w, "alice");
    assert!(paths_to(&r, &arn_role(A, "Deploy")).is_some());
    assert!(paths_to(&r, &arn_role(B, "Partner")).is_none());
}

#[test]
fn an_scp_blocking_the_callers_account_removes_the_hop() {
    let mut w = two_accounts();
    let b = AccountId::new(B);
    w.create_organization(&b).unwrap();
    let a = AccountId::new(A);
    w.place_account(&a, &iam_playground::sim::world::OrgParent::Root)
        .unwrap();
    assert!(paths_to(&reach(&w, "alice"), &arn_role(B, "Partner")).is_some());
    let scp = w
        .create_org_policy(
            OrgPolicyType::ServiceControlPolicy,
            "NoAssumeRole",
            &deny("sts:AssumeRole", "*"),
        )
        .unwrap();
    w.attach_org_policy(&scp, &OrgTarget::Account(a)).unwrap();
    let r = reach(&w, "alice");
    assert!(r.reaches.is_empty(), "{r:?}");
}

#[test]
fn a_cycle_terminates_and_lists_only_minimal_paths() {
    let mut w = World::new(4);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    let ra = w
        .create_role(&a, "RA", "/", &trust_aws(&arn_user(A, "alice"), ""))
        .unwrap();
    let rb = w
        .create_role(&a, "RB", "/", &trust_aws(&arn_role(A, "RA"), ""))
        .unwrap();
    // RA also trusts RB: A -> B -> A is a cycle.
    w.set_trust_policy(
        &ra,
        &trust_aws_many(&[&arn_user(A, "alice"), &arn_role(A, "RB")]),
    )
    .unwrap();
    for r in [&ra, &rb] {
        w.put_inline_policy(
            &IdentityId::Role(r.clone()),
            "Hop",
            &allow("sts:AssumeRole", "*"),
        )
        .unwrap();
    }
    let r = reach(&w, "alice");
    let to_ra = paths_to(&r, &arn_role(A, "RA")).unwrap();
    let to_rb = paths_to(&r, &arn_role(A, "RB")).unwrap();
    assert_eq!(to_ra.len(), 1, "no path visits RA twice: {to_ra:?}");
    assert_eq!(to_rb.len(), 1);
    assert_eq!(to_rb[0].len(), 2);
    // From RA itself: RB, and not RA again.
    let from_ra = reach(&w, &arn_role(A, "RA"));
    let roles: Vec<&str> = from_ra.reaches.iter().map(|x| x.role.as_str()).collect();
    assert_eq!(roles, vec![arn_role(A, "RB").as_str()]);
}

#[test]
fn passrole_to_ec2_reaches_a_role_that_trusts_ec2_and_not_one_that_does_not() {
    let mut w = World::new(5);
    let a = w.add_account(A, None).unwrap();
    user(
        &mut w,
        &a,
        "dev",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}]}"#,
    );
    for (name, service) in [
        ("AppRole", "ec2.amazonaws.com"),
        ("FnRole", "lambda.amazonaws.com"),
    ] {
        let role = w
            .create_role(&a, name, "/", &trust_service(service))
            .unwrap();
        let profile = w.create_instance_profile(&a, name, "/").unwrap();
        w.add_role_to_instance_profile(&profile, &role).unwrap();
    }
    let r = reach(&w, "dev");
    let app = paths_to(&r, &arn_role(A, "AppRole")).unwrap();
    assert_eq!(app[0][0].via, "iam:PassRole+ec2:RunInstances");
    assert!(app[0][0].conditions.is_empty());
    assert!(paths_to(&r, &arn_role(A, "FnRole")).is_none());
}

#[test]
fn passrole_limited_to_another_service_is_no_ec2_path() {
    let mut w = World::new(6);
    let a = w.add_account(A, None).unwrap();
    user(
        &mut w,
        &a,
        "dev",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}"#,
    );
    let role = w
        .create_role(&a, "AppRole", "/", &trust_service("ec2.amazonaws.com"))
        .unwrap();
    let profile = w.create_instance_profile(&a, "AppRole", "/").unwrap();
    w.add_role_to_instance_profile(&profile, &role).unwrap();
    assert!(reach(&w, "dev").reaches.is_empty());
}

#[test]
fn who_can_read_a_bucket_lists_the_bucket_policy_principal_the_role_and_the_path_to_it() {
    let mut w = World::new(7);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    user(&mut w, &a, "bob", &allow("s3:ListBucket", "*"));
    let reader = w
        .create_role(&a, "Reader", "/", &trust_aws(&arn_user(A, "alice"), ""))
        .unwrap();
    w.put_inline_policy(
        &IdentityId::Role(reader),
        "Read",
        &allow("s3:GetObject", "arn:aws:s3:::reports-bucket/*"),
    )
    .unwrap();
    let bucket = w
        .create_s3_bucket(&a, "us-east-1", "reports-bucket")
        .unwrap();
    let carol = "arn:aws:iam::777788889999:user/carol";
    w.set_resource_policy(
        &bucket,
        Some(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{carol}"}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*"}}]}}"#
        )),
    )
    .unwrap();
    let out = Analysis::new(&w).who_can("s3:GetObject", "arn:aws:s3:::reports-bucket/q3.csv", 5);
    let names: Vec<&str> = out
        .principals
        .iter()
        .map(|p| p.principal.as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            arn_role(A, "Reader").as_str(),
            arn_user(A, "alice").as_str(),
            carol
        ]
    );
    assert_eq!(out.principals[0].paths, vec![Vec::<Hop>::new()]);
    assert_eq!(out.principals[1].paths.len(), 1);
    assert_eq!(out.principals[1].paths[0][0].to, arn_role(A, "Reader"));
    assert_eq!(out.principals[2].paths, vec![Vec::<Hop>::new()]);
}

/// The permission at the end of a path can carry its own conditions (here the role may read
/// only from one network); who-can keeps them with the role that holds it, and an
/// unconditional grant says so with an empty entry. Condition keys:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
#[test]
fn who_can_keeps_the_conditions_of_the_permission_itself() {
    let mut w = World::new(7);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "alice", &allow("sts:AssumeRole", "*"));
    user(&mut w, &a, "bob", &allow("s3:GetObject", "*"));
    let reader = w
        .create_role(&a, "Reader", "/", &trust_aws(&arn_user(A, "alice"), ""))
        .unwrap();
    w.put_inline_policy(
        &IdentityId::Role(reader),
        "Read",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports-bucket/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#,
    )
    .unwrap();
    w.create_s3_bucket(&a, "us-east-1", "reports-bucket")
        .unwrap();
    let out = Analysis::new(&w).who_can("s3:GetObject", "arn:aws:s3:::reports-bucket/q3.csv", 5);
    let reader_grant = serde_json::to_value(&out.grants[&arn_role(A, "Reader")]).unwrap();
    assert_eq!(
        reader_grant,
        json!([[{"side": "identity", "operator": "IpAddress", "key": "aws:SourceIp", "values": ["203.0.113.0/24"]}]])
    );
    assert_eq!(out.grants[&arn_user(A, "bob")], vec![Vec::new()]);
    assert!(
        !out.grants.contains_key(&arn_user(A, "alice")),
        "alice holds no grant of her own: she reaches it through Reader"
    );
    let wire = serde_json::to_value(&out).unwrap();
    assert_eq!(
        wire.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec![
            "action".to_string(),
            "resource".to_string(),
            "principals".to_string()
        ]),
        "the iam-eval answer keeps its documented fields"
    );
}

#[test]
fn creating_access_keys_for_another_user_is_an_escalation_with_its_catalogue_id() {
    let mut w = World::new(8);
    let a = w.add_account(A, None).unwrap();
    user(
        &mut w,
        &a,
        "ci",
        &allow("iam:CreateAccessKey", &arn_user(A, "admin")),
    );
    user(&mut w, &a, "admin", &allow("*", "*"));
    let r = reach(&w, "ci");
    let e = serde_json::to_value(&r.escalations).unwrap();
    assert_eq!(
        e,
        json!([{"id": "iam-002", "principal": arn_user(A, "ci"), "gains": arn_user(A, "admin"), "via": ["iam:CreateAccessKey"]}])
    );
}

#[test]
fn every_escalation_of_the_world_is_found_for_its_holder_without_a_question_about_it() {
    let mut w = World::new(9);
    let a = w.add_account(A, None).unwrap();
    user(
        &mut w,
        &a,
        "ci",
        &allow("iam:CreateAccessKey", &arn_user(A, "admin")),
    );
    user(&mut w, &a, "admin", &allow("s3:*", "*"));
    let builder = w
        .create_role(
            &a,
            "Builder",
            "/",
            &trust_service("codebuild.amazonaws.com"),
        )
        .unwrap();
    w.put_inline_policy(
        &IdentityId::Role(builder),
        "Own",
        &allow("iam:PutRolePolicy", &arn_role(A, "Builder")),
    )
    .unwrap();
    let found = serde_json::to_value(Analysis::new(&w).escalations()).unwrap();
    assert_eq!(
        found,
        json!([
            {"id": "iam-002", "principal": arn_user(A, "ci"), "gains": arn_user(A, "admin"), "via": ["iam:CreateAccessKey"]},
            {"id": "iam-005", "principal": arn_role(A, "Builder"), "gains": arn_role(A, "Builder"), "via": ["iam:PutRolePolicy"]}
        ])
    );
}

/// An administrator (`*` on `*`) that may also create another user's keys gains nothing by
/// it: Principal Mapper's test for an administrator, and pathfinding.cloud's paths all start
/// from a principal short of one. A user one `iam:` action short of `*` still escalates.
#[test]
fn an_administrator_holds_no_escalation_a_user_short_of_one_does() {
    let mut w = World::new(9);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "admin", &allow("*", "*"));
    user(
        &mut w,
        &a,
        "ops",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","iam:CreateAccessKey"],"Resource":"*"}]}"#,
    );
    let found = serde_json::to_value(Analysis::new(&w).escalations()).unwrap();
    assert_eq!(
        found,
        json!([
            {"id": "iam-002", "principal": arn_user(A, "ops"), "gains": arn_user(A, "admin"), "via": ["iam:CreateAccessKey"]}
        ])
    );
}

/// The page checks a large account a few principals at a time (`EscalationScan`), so the
/// canvas keeps answering: in slices of any size it must find what the whole pass finds.
#[test]
fn escalations_found_in_slices_are_those_of_the_whole_pass() {
    let mut w = World::new(10);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "admin", &allow("*", "*"));
    for i in 0..6 {
        let next = if i == 5 {
            "admin".to_string()
        } else {
            format!("dev{}", i + 1)
        };
        user(
            &mut w,
            &a,
            &format!("dev{i}"),
            &allow("iam:CreateAccessKey", &arn_user(A, &next)),
        );
    }
    for i in 0..4 {
        let name = format!("Builder{i}");
        let role = w
            .create_role(&a, &name, "/", &trust_service("codebuild.amazonaws.com"))
            .unwrap();
        w.put_inline_policy(
            &IdentityId::Role(role),
            "Own",
            &allow("iam:PutRolePolicy", &arn_role(A, &name)),
        )
        .unwrap();
    }
    let whole = Analysis::new(&w).escalations();
    assert!(
        whole.len() >= 8,
        "the world holds escalations to find: {whole:?}"
    );
    for slice in [1, 2, 3, 5, 1000] {
        let mut scan = EscalationScan::new(&w);
        let mut steps = 0;
        while !scan.step(&w, slice) {
            steps += 1;
            assert!(steps < 100, "a scan in slices of {slice} ends");
        }
        assert_eq!(
            scan.progress(),
            (7 + 4, 7 + 4),
            "every user and role examined"
        );
        assert_eq!(scan.finish(), whole, "in slices of {slice}");
    }
}

/// After an edit the page checks the world again reading through the policies the previous
/// pass parsed (`EscalationScan::after`): what it finds is what a fresh pass over the edited
/// world finds, whether the edit changed a policy, added a principal or an SCP.
#[test]
fn a_pass_after_an_edit_reading_the_previous_policies_finds_what_a_fresh_pass_finds() {
    let mut w = World::new(10);
    let a = w.add_account(A, None).unwrap();
    user(&mut w, &a, "admin", &allow("*", "*"));
    let dev = user(
        &mut w,
        &a,
        "dev",
        &allow("iam:CreateAccessKey", &arn_user(A, "admin")),
    );
    user(
        &mut w,
        &a,
        "ops",
        &allow("iam:PutUserPolicy", &arn_user(A, "ops")),
    );
    let scan_of = |world: &World, earlier| {
        let mut scan = EscalationScan::after(world, earlier);
        while !scan.step(world, 2) {}
        scan.finish_learnt()
    };
    let (first, learnt) = scan_of(&w, None);
    assert_eq!(first, Analysis::new(&w).escalations());
    assert!(first.len() >= 2, "dev and ops hold escalations: {first:?}");
    // Edits: dev's policy no longer escalates; a new user does; an SCP denies ops's action.
    w.put_inline_policy(
        &IdentityId::User(dev),
        "Policy",
        &allow("s3:GetObject", "*"),
    )
    .unwrap();
    user(
        &mut w,
        &a,
        "newcomer",
        &allow("iam:AttachUserPolicy", &arn_user(A, "newcomer")),
    );
    let (second, learnt) = scan_of(&w, learnt);
    assert_eq!(
        second,
        Analysis::new(&w).escalations(),
        "after the policy edits"
    );
    assert_ne!(second, first, "the edits changed what is found");
    // SCPs bind member accounts, not the management account: B manages, A is a member.
    let b = w.add_account(B, None).unwrap();
    w.create_organization(&b).unwrap();
    let org = AccountId::new(A);
    w.place_account(&org, &iam_playground::sim::world::OrgParent::Root)
        .unwrap();
    let scp = w
        .create_org_policy(
            OrgPolicyType::ServiceControlPolicy,
            "NoPolicyEdits",
            &deny("iam:PutUserPolicy", "*"),
        )
        .unwrap();
    w.attach_org_policy(&scp, &OrgTarget::Account(org)).unwrap();
    let (third, _) = scan_of(&w, learnt);
    assert_eq!(third, Analysis::new(&w).escalations(), "after the SCP");
    assert_ne!(third, second, "the SCP changed what is found");
}

fn run_iam_eval(lines: &[Value]) -> Vec<Value> {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_iam-eval"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        let stdin = child.stdin.as_mut().unwrap();
        for l in lines {
            writeln!(stdin, "{l}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn iam_eval_answers_reach_and_who_can_lines_and_names_unknown_fields() {
    let w = serde_json::to_value(two_accounts()).unwrap();
    let out = run_iam_eval(&[
        json!({"query": "reach", "world": w, "from": "alice", "max_hops": 1}),
        json!({"query": "who-can", "world": w, "action": "sts:AssumeRole", "resource": arn_role(B, "Partner")}),
        json!({"query": "reach", "world": "sample", "from": "alice", "depth": 3}),
    ]);
    assert_eq!(out.len(), 3);
    assert_eq!(
        out[0],
        json!({"from": arn_user(A, "alice"), "reaches": [{"role": arn_role(A, "Deploy"), "paths": [[
            {"from": arn_user(A, "alice"), "to": arn_role(A, "Deploy"), "via": "sts:AssumeRole", "conditions": [], "max_session_seconds": 43200}
        ]]}], "escalations": []})
    );
    let principals: Vec<&str> = out[1]["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["principal"].as_str().unwrap())
        .collect();
    assert_eq!(
        principals,
        vec![
            arn_role(A, "Deploy").as_str(),
            arn_user(A, "alice").as_str()
        ]
    );
    assert_eq!(out[1]["action"], "sts:AssumeRole");
    assert!(out[2]["error"].as_str().unwrap().contains("`depth`"));
}

#[test]
fn an_oidc_token_holder_reaches_a_role_through_web_identity_with_the_sub_condition_shown() {
    let mut w = World::new(9);
    let a = w.add_account(A, None).unwrap();
    let b = w.add_account(B, None).unwrap();
    let url = "https://token.actions.githubusercontent.com";
    let provider = w
        .create_oidc_provider(&a, url, vec!["sts.amazonaws.com".into()], Vec::new())
        .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringLike":{{"token.actions.githubusercontent.com:sub":"repo:example/app:*"}}}}}}]}}"#
    );
    w.create_role(&a, "Ci", "/", &trust).unwrap();
    // The same trust in another account: the provider is not registered there.
    let other = trust.replace(A, B);
    w.create_oidc_provider(&b, url, vec!["sts.amazonaws.com".into()], Vec::new())
        .unwrap();
    w.create_role(&b, "CiElsewhere", "/", &other).unwrap();
    let r = reach(&w, &provider);
    let roles: Vec<&str> = r.reaches.iter().map(|x| x.role.as_str()).collect();
    assert_eq!(roles, vec![arn_role(A, "Ci").as_str()]);
    let hop = &r.reaches[0].paths[0][0];
    assert_eq!(hop.via, "sts:AssumeRoleWithWebIdentity");
    assert_eq!(
        serde_json::to_value(&hop.conditions).unwrap(),
        json!([{"side": "trust", "operator": "StringLike", "key": "token.actions.githubusercontent.com:sub", "values": ["repo:example/app:*"]}])
    );
}

#[test]
fn a_service_principal_reaches_the_roles_that_trust_it() {
    let mut w = World::new(10);
    let a = w.add_account(A, None).unwrap();
    w.create_role(&a, "Web", "/", &trust_service("ec2.amazonaws.com"))
        .unwrap();
    w.create_role(&a, "Fn", "/", &trust_service("lambda.amazonaws.com"))
        .unwrap();
    let r = reach(&w, "ec2.amazonaws.com");
    assert_eq!(r.from, "ec2.amazonaws.com");
    let roles: Vec<&str> = r.reaches.iter().map(|x| x.role.as_str()).collect();
    assert_eq!(roles, vec![arn_role(A, "Web").as_str()]);
}
