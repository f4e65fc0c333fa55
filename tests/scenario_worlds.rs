//! The worlds of the built-in guided scenarios (`static/scenarios/*.scenario.json`), checked
//! on their own: the STS and service calls they teach, run as the page runs them, and how
//! each world reads on the canvas.

use iam_playground::doc::scenario::{built_in, Scenario, BUILT_IN};
use iam_playground::doc::scene::{EdgeView, NodeKind};
use iam_playground::sim::policy::{parse, PolicyKind};
use iam_playground::sim::sts::run_script;
use serde_json::{json, Value};

fn scenario(slug: &str) -> Scenario {
    built_in(slug)
        .unwrap_or_else(|| panic!("no built-in scenario {slug}"))
        .unwrap_or_else(|e| panic!("{slug}: {e}"))
}

/// Runs `calls` against the scenario's world from its starting time, as the simulator does.
fn run(slug: &str, calls: Value) -> Vec<Value> {
    let s = scenario(slug);
    let world = serde_json::to_value(&s.document.world).unwrap();
    let now = s.start_time().to_iso8601();
    run_script(&json!({ "world": world, "now": now, "calls": calls }))
}

fn gate<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["gates"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["name"] == name))
        .unwrap_or_else(|| panic!("no gate {name} in {r}"))
}

fn failed_gate(r: &Value) -> String {
    r["gates"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["passed"] == false))
        .map(|g| g["name"].as_str().unwrap_or("").to_string())
        .unwrap_or_default()
}

/// An AssumeRole call whose credentials later calls name `<session>-session`.
fn assume(creds: &str, role: &str, session: &str) -> Value {
    json!({"api": "AssumeRole", "credentials": creds, "as": format!("{session}-session"),
           "params": {"RoleArn": role, "RoleSessionName": session}})
}

fn edge<'a>(edges: &'a [std::rc::Rc<EdgeView>], label: &str) -> &'a EdgeView {
    edges.iter().find(|e| e.label == label).unwrap_or_else(|| {
        let all: Vec<&str> = edges.iter().map(|e| e.label.as_str()).collect();
        panic!("no edge `{label}` in {all:?}")
    })
}

fn badges(e: &EdgeView) -> Vec<&str> {
    e.badges.iter().map(|b| b.text.as_str()).collect()
}

// ---- STS and service calls -------------------------------------------------------------

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
#[test]
fn alice_assumes_deploy_and_the_instance_reads_the_bucket_but_may_not_write() {
    for slug in ["user-vs-role", "ec2-instance-role"] {
        let s = scenario(slug);
        let instance = s.document.world.ec2_instances.keys().next().unwrap();
        let creds = format!("instance:{}", instance.as_str());
        let object = "arn:aws:s3:::amzn-s3-demo-bucket/index.html";
        let out = run(
            slug,
            json!([
                assume("alice", "arn:aws:iam::111122223333:role/Deploy", "alice"),
                {"api": "s3:GetObject", "credentials": creds, "resource": object},
                {"api": "s3:PutObject", "credentials": creds, "resource": object}
            ]),
        );
        assert_eq!(out[0]["ok"], true, "{slug}: {}", out[0]);
        assert_eq!(
            out[0]["response"]["AssumedRoleUser"]["Arn"],
            "arn:aws:sts::111122223333:assumed-role/Deploy/alice"
        );
        assert_eq!(out[1]["ok"], true, "{slug}: {}", out[1]);
        assert_eq!(out[2]["ok"], false, "{slug}: {}", out[2]);
    }
}

/// A trust policy requiring `aws:MultiFactorAuthPresent` refuses long-term keys alone, with
/// AWS's message, and accepts the same call made with the MFA device's code.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
/// and the message ("Troubleshoot access denied error messages", role trust policies):
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
#[test]
fn mfa_admin_trust_refuses_access_keys_alone_and_allows_them_with_mfa() {
    let role = "arn:aws:iam::111122223333:role/Admin";
    let mut with_mfa = assume("carol", role, "carol");
    with_mfa["params"]["SerialNumber"] = json!("arn:aws:iam::111122223333:mfa/carol");
    with_mfa["params"]["TokenCode"] = json!("current");
    let out = run(
        "mfa-admin",
        json!([assume("carol", role, "carol"), with_mfa]),
    );
    assert_eq!(failed_gate(&out[0]), "trust_policy", "{}", out[0]);
    assert_eq!(out[0]["error"]["Code"], "AccessDenied", "{}", out[0]);
    assert_eq!(
        out[0]["error"]["Message"],
        "User: arn:aws:iam::111122223333:user/carol is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action"
    );
    // Long-term keys carry no aws:MultiFactorAuthPresent at all: the condition sees nothing.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
    let mfa = gate(&out[0], "trust_policy")["compared"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"] == "aws:MultiFactorAuthPresent")
        .unwrap_or_else(|| panic!("MFA key not compared: {}", out[0]));
    assert_eq!(mfa["actual"], Value::Null);
    assert_eq!(mfa["result"], false);

    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(
        out[1]["response"]["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::111122223333:assumed-role/Admin/carol"
    );
}

/// Across accounts both sides must allow: the role's trust policy in B and the caller's
/// identity policy in A.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
#[test]
fn cross_account_role_needs_trust_in_b_and_an_allow_in_a() {
    let deploy = "arn:aws:iam::444455556666:role/CrossAccountDeploy";
    let admin = "arn:aws:iam::444455556666:role/ProdAdmin";
    let out = run(
        "cross-account",
        json!([
            assume("dana", deploy, "dana"),
            assume("erin", deploy, "erin"),
            assume("dana", admin, "dana-admin")
        ]),
    );
    assert_eq!(out[0]["ok"], true, "{}", out[0]);
    assert_eq!(
        out[0]["response"]["AssumedRoleUser"]["Arn"],
        "arn:aws:sts::444455556666:assumed-role/CrossAccountDeploy/dana"
    );
    // erin is trusted by B (through account A) but has no allow of her own.
    assert_eq!(out[1]["ok"], false, "{}", out[1]);
    assert_ne!(failed_gate(&out[1]), "trust_policy", "{}", out[1]);
    assert_eq!(
        out[1]["error"]["Message"],
        format!("User: arn:aws:iam::111122223333:user/erin is not authorized to perform: sts:AssumeRole on resource: {deploy}")
    );
    // dana's own policy allows every role in B, but ProdAdmin trusts only B itself.
    assert_eq!(failed_gate(&out[2]), "trust_policy", "{}", out[2]);
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#[test]
fn vendor_needs_the_agreed_external_id() {
    let role = "arn:aws:iam::111122223333:role/VendorAudit";
    let with_id = |creds: &str, id: Option<&str>| {
        let mut a = assume(creds, role, "vendor");
        if let Some(id) = id {
            a["params"]["ExternalId"] = json!(id);
        }
        a
    };
    for creds in ["outside:999988887777", "audit-service"] {
        let out = run(
            "external-id",
            json!([
                with_id(creds, None),
                with_id(creds, Some("Unique-ID-Of-Another-Customer")),
                with_id(creds, Some("Unique-ID-From-Vendor-12345"))
            ]),
        );
        assert_eq!(failed_gate(&out[0]), "trust_policy", "{creds}: {}", out[0]);
        assert_eq!(failed_gate(&out[1]), "trust_policy", "{creds}: {}", out[1]);
        assert_eq!(out[2]["ok"], true, "{creds}: {}", out[2]);
    }
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html and
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
#[test]
fn github_actions_trades_its_token_for_role_credentials_only_from_its_repo_and_audience() {
    let role = "arn:aws:iam::111122223333:role/GitHubDeploy";
    let token = |label: &str, sub: &str, aud: &str| {
        json!({"api": "IssueWebIdentityToken", "as": label, "params": {
            "Issuer": "https://token.actions.githubusercontent.com", "Sub": sub, "Aud": aud}})
    };
    let exchange = |label: &str, as_label: &str| {
        json!({"api": "AssumeRoleWithWebIdentity", "as": as_label, "params": {
            "RoleArn": role, "RoleSessionName": "GitHubActions", "WebIdentityToken": label}})
    };
    let out = run(
        "github-oidc",
        json!([
            token("main", "repo:octo-org/octo-repo:ref:refs/heads/main", "sts.amazonaws.com"),
            exchange("main", "ci"),
            {"api": "s3:PutObject", "credentials": "ci", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/site/index.html"},
            token("fork", "repo:someone/fork:ref:refs/heads/main", "sts.amazonaws.com"),
            exchange("fork", "fork-ci"),
            token("other-aud", "repo:octo-org/octo-repo:ref:refs/heads/main", "https://example.com"),
            exchange("other-aud", "aud-ci")
        ]),
    );
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["ok"], true, "{}", out[2]);
    assert_eq!(out[4]["error"]["Code"], "AccessDenied", "{}", out[4]);
    assert_eq!(
        out[4]["error"]["Message"],
        "Not authorized to perform sts:AssumeRoleWithWebIdentity"
    );
    assert_eq!(
        out[6]["error"]["Code"], "InvalidIdentityToken",
        "{}",
        out[6]
    );
}

/// https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
#[test]
fn lambda_reads_its_queue_and_nothing_else() {
    let queue = "arn:aws:sqs:us-east-1:111122223333:orders";
    let out = run(
        "lambda-execution-role",
        json!([
            {"api": "LambdaEnvironment", "as": "fn", "params": {"FunctionName": "process-orders"}},
            {"api": "sqs:ReceiveMessage", "credentials": "fn", "resource": queue},
            {"api": "sqs:SendMessage", "credentials": "fn", "resource": queue},
            {"api": "s3:GetObject", "credentials": "fn", "resource": "arn:aws:s3:::amzn-s3-demo-bucket/index.html"}
        ]),
    );
    assert!(out[0]["response"]["AWS_ACCESS_KEY_ID"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", out[0]))
        .starts_with("ASIA"));
    assert_eq!(out[1]["ok"], true, "{}", out[1]);
    assert_eq!(out[2]["ok"], false, "{}", out[2]);
    assert_eq!(out[3]["ok"], false, "{}", out[3]);
}

// ---- The worlds themselves, and the canvas -----------------------------------------------

/// Every policy text in a world, with the grammar it must follow.
fn policies(s: &Scenario) -> Vec<(String, PolicyKind)> {
    let w = &s.document.world;
    let mut texts: Vec<(String, PolicyKind)> = Vec::new();
    texts.extend(
        w.roles
            .values()
            .map(|r| (r.trust_policy.clone(), PolicyKind::Trust)),
    );
    for inline in w
        .users
        .values()
        .map(|u| &u.inline_policies)
        .chain(w.groups.values().map(|g| &g.inline_policies))
        .chain(w.roles.values().map(|r| &r.inline_policies))
    {
        texts.extend(inline.values().map(|t| (t.clone(), PolicyKind::Identity)));
    }
    texts.extend(
        w.policies
            .values()
            .map(|p| (p.document().to_string(), PolicyKind::Identity)),
    );
    texts.extend(
        w.resources
            .iter()
            .filter_map(|r| r.policy.clone())
            .map(|t| (t, PolicyKind::Resource)),
    );
    if let Some(org) = &w.organization {
        texts.extend(
            org.policies
                .iter()
                .filter(|p| !p.aws_managed)
                .map(|p| (p.content.clone(), PolicyKind::Scp)),
        );
    }
    texts
}

/// The policy grammar and its rules:
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
#[test]
fn every_scenario_world_holds_only_policies_iam_accepts() {
    for (slug, _) in BUILT_IN {
        let s = scenario(slug);
        let texts = policies(&s);
        assert!(!texts.is_empty(), "{slug} holds no policy to check");
        for (text, kind) in texts {
            let outcome = parse(&text, kind);
            assert!(
                outcome.is_valid(),
                "{slug}: {kind:?} policy refused: {:?}\n{text}",
                outcome.findings
            );
        }
    }
}

#[test]
fn every_scenario_is_laid_out_without_overlaps_and_inside_its_frames() {
    for (slug, _) in BUILT_IN {
        let scene = scenario(slug).document.scene();
        let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
        assert!(!plain.is_empty(), "{slug} shows nothing");
        for n in &plain {
            match &n.account {
                Some(frame) => {
                    let f = scene.node(frame).unwrap();
                    assert!(
                        f.rect.contains_rect(&n.rect),
                        "{slug}: {} outside {}",
                        n.label,
                        f.label
                    );
                }
                None => {
                    assert!(
                        matches!(n.kind, NodeKind::OutsideActor(_)),
                        "{slug}: {} belongs to no account",
                        n.label
                    );
                    for f in scene.nodes.iter().filter(|f| f.kind.is_frame()) {
                        assert!(
                            !f.rect.intersects(&n.rect),
                            "{slug}: {} sits on {}",
                            n.label,
                            f.label
                        );
                    }
                }
            }
        }
        for (i, a) in plain.iter().enumerate() {
            for b in plain.iter().skip(i + 1) {
                assert!(
                    !a.rect.intersects(&b.rect),
                    "{slug}: {} overlaps {}",
                    a.label,
                    b.label
                );
            }
        }
    }
}

/// Trusting `arn:aws:iam::111122223333:root` trusts the account, drawn from its frame.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts
#[test]
fn cross_account_trust_is_drawn_from_the_trusted_account() {
    let scene = scenario("cross-account").document.scene();
    let e = edge(
        &scene.edges,
        "Account 111122223333 may assume Role CrossAccountDeploy",
    );
    assert!(e.badges.is_empty(), "no condition: {:?}", badges(e));
    // ProdAdmin trusts its own account only: no arrow from A.
    edge(
        &scene.edges,
        "Account 444455556666 may assume Role ProdAdmin",
    );
    assert!(!scene
        .edges
        .iter()
        .any(|e| e.label == "Account 111122223333 may assume Role ProdAdmin"));
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
#[test]
fn an_mfa_condition_in_the_trust_policy_shows_as_an_mfa_badge_on_the_trust_edge() {
    let scene = scenario("mfa-admin").document.scene();
    let e = edge(&scene.edges, "Account 111122223333 may assume Role Admin");
    assert_eq!(badges(e), vec!["MFA"]);
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#[test]
fn the_vendor_comes_in_through_its_account_with_an_external_id() {
    let scene = scenario("external-id").document.scene();
    assert_eq!(
        badges(edge(
            &scene.edges,
            "Account 999988887777 may assume Role VendorAudit"
        )),
        vec!["ExternalId"]
    );
    edge(
        &scene.edges,
        "Third-party vendor Audit vendor acts through Account 999988887777",
    );
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
#[test]
fn github_actions_trust_is_federated_and_limited_by_aud_and_sub() {
    let scene = scenario("github-oidc").document.scene();
    let e = edge(
        &scene.edges,
        "OIDC provider token.actions.githubusercontent.com may assume Role GitHubDeploy",
    );
    assert_eq!(badges(e), vec!["aud", "sub"]);
    edge(
        &scene.edges,
        "CI system GitHub Actions acts through OIDC provider token.actions.githubusercontent.com",
    );
}

/// https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
#[test]
fn the_lambda_function_runs_as_a_role_that_trusts_lambda() {
    let s = scenario("lambda-execution-role");
    let scene = s.document.scene();
    let e = edge(
        &scene.edges,
        "Lambda function process-orders runs as Role QueueWorker",
    );
    assert!(e.badges.is_empty(), "{:?}", e.badges);
    let role = s
        .document
        .world
        .role_by_name(
            &iam_playground::sim::ids::AccountId::new("111122223333"),
            "QueueWorker",
        )
        .unwrap();
    let trust: Value = serde_json::from_str(&role.trust_policy).unwrap();
    assert_eq!(
        trust["Statement"][0]["Principal"]["Service"],
        "lambda.amazonaws.com"
    );
    assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
}
