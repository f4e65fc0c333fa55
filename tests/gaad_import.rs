//! Importing `aws iam get-account-authorization-details` output (fixtures under tests/gaad,
//! written from the IAM API reference shapes `UserDetail`, `GroupDetail`, `RoleDetail`,
//! `ManagedPolicyDetail`, `PolicyVersion`, `InstanceProfile`), in the CLI and the API form.

use iam_playground::doc::document::Document;
use iam_playground::doc::persist::LoadError;
use iam_playground::sim::gaad::{import_texts, GaadError, ImportReport, MissingUse, IMPORT_SEED};
use iam_playground::sim::ids::{AccountId, UserId};
use iam_playground::sim::world::World;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/gaad/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import(names: &[&str]) -> (World, ImportReport) {
    let texts: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    import_texts(&refs, IMPORT_SEED).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

const ACCOUNT: &str = "111122223333";

#[test]
fn cli_form_keeps_ids_names_paths_groups_tags_and_policies() {
    let (w, report) = import(&["cli_single_account.json"]);
    let acct = AccountId::new(ACCOUNT);
    let alice = w.user_by_name(&acct, "alice").unwrap();
    assert_eq!(alice.user_id.as_str(), "AIDAEXAMPLEALICE0001");
    assert_eq!(alice.arn, "arn:aws:iam::111122223333:user/alice");
    let devs = w.group_by_name(&acct, "Developers").unwrap();
    assert_eq!(alice.groups, vec![devs.group_id.clone()]);
    assert_eq!(alice.tags[0].key, "team");
    assert_eq!(
        alice.permissions_boundary.as_deref(),
        Some("arn:aws:iam::111122223333:policy/DeveloperBoundary")
    );
    assert_eq!(
        alice.attached_policies,
        ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    );
    let own = json(&alice.inline_policies["OwnPrefix"]);
    assert_eq!(
        own["Statement"][0]["Resource"],
        "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"
    );
    let bob = w.user_by_name(&acct, "bob").unwrap();
    assert_eq!(bob.path, "/eng/");
    assert_eq!(bob.arn, "arn:aws:iam::111122223333:user/eng/bob");
    let web = w.role_by_name(&acct, "WebServerRole").unwrap();
    assert_eq!(web.path, "/service-role/");
    assert_eq!(
        json(&web.trust_policy)["Statement"][0]["Principal"]["Service"],
        "ec2.amazonaws.com"
    );
    assert!(web.inline_policies.contains_key("ReadBucket"));
    let profile = w
        .instance_profile_by_name(&acct, "WebServerProfile")
        .unwrap();
    assert_eq!(profile.role.as_ref(), Some(&web.role_id));
    assert_eq!(profile.instance_profile_id.as_str(), "AIPAEXAMPLEWEBPROF01");
    assert!(
        w.check_invariants().is_empty(),
        "{:?}",
        w.check_invariants()
    );
    assert_eq!(report.counts.users, 2);
    assert_eq!(report.counts.groups, 1);
    assert_eq!(report.counts.roles, 2);
    assert_eq!(report.counts.customer_managed_policies, 2);
    assert_eq!(report.counts.aws_managed_policies, 2);
    assert_eq!(report.counts.inline_policies, 3);
    assert_eq!(report.counts.instance_profiles, 1);
    assert!(
        report.unparsed.is_empty() && report.missing.is_empty(),
        "{report:?}"
    );
}

#[test]
fn only_the_default_version_applies_even_when_it_is_not_first_or_last() {
    let (w, _) = import(&["cli_single_account.json"]);
    let p = w
        .policy_by_name(&AccountId::new(ACCOUNT), "DeveloperBoundary")
        .unwrap();
    assert_eq!(p.default_version_id, "v2");
    assert_eq!(p.versions.len(), 3, "the history is kept");
    assert_eq!(json(p.document())["Statement"][0]["Action"][0], "s3:*");
    // What a decision reads is the default version, never v1's "*" nor v3's "iam:*".
    let alice = w.user_by_name(&AccountId::new(ACCOUNT), "alice").unwrap();
    let boundary = w.permissions_boundary_for_user(&alice.user_id).unwrap();
    assert_eq!(json(&boundary.text), json(p.document()));
}

#[test]
fn api_form_url_encoded_documents_give_the_same_world() {
    let (cli, _) = import(&["cli_single_account.json"]);
    let (api, report) = import(&["api_single_account.json"]);
    assert!(report.unparsed.is_empty(), "{:?}", report.unparsed);
    let docs = |w: &World| -> Vec<Value> {
        let mut out: Vec<Value> = w.roles.values().map(|r| json(&r.trust_policy)).collect();
        for u in w.users.values() {
            out.extend(u.inline_policies.values().map(|t| json(t)));
        }
        out.extend(
            w.policies
                .values()
                .flat_map(|p| p.versions.iter().map(|v| json(&v.document))),
        );
        out
    };
    assert_eq!(docs(&cli), docs(&api));
    assert_eq!(
        cli.users.keys().collect::<Vec<_>>(),
        api.users.keys().collect::<Vec<_>>()
    );
    // The API form keeps the decoded text exactly: compact, as IAM stores it.
    let alice = api.user(&UserId::new("AIDAEXAMPLEALICE0001")).unwrap();
    assert!(alice.inline_policies["OwnPrefix"].starts_with("{\"Version\":\"2012-10-17\""));
}

#[test]
fn an_aws_managed_policy_from_the_file_overrides_the_shortened_catalogue_copy() {
    let (w, _) = import(&["cli_single_account.json"]);
    let arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    let (_, text) = w.managed_policy_document(arn).unwrap();
    assert!(text.contains("dynamodb:Describe*"));
    // AdministratorAccess in the file equals the catalogue's: nothing extra is stored.
    assert!(!w
        .aws_managed_policies
        .contains_key("arn:aws:iam::aws:policy/AdministratorAccess"));
}

#[test]
fn what_gaad_does_not_hold_is_said_not_invented() {
    let (w, report) = import(&["cli_single_account.json"]);
    assert!(w
        .users
        .values()
        .all(|u| u.access_keys.is_empty() && u.mfa_device.is_none()));
    assert!(w.roles.values().all(|r| r.max_session_duration == 3600));
    let whats: Vec<&str> = report.assumed.iter().map(|a| a.what.as_str()).collect();
    assert!(
        whats.contains(&"MaxSessionDuration of 2 roles"),
        "{whats:?}"
    );
    assert!(
        whats.contains(&"Access keys and MFA devices of 2 users"),
        "{whats:?}"
    );
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("not uploaded or sent anywhere")));
}

#[test]
fn several_files_make_a_multi_account_world_with_cross_account_trust() {
    let (w, report) = import(&["multi_account_a.json", "multi_account_b.json"]);
    assert_eq!(report.accounts, ["444455556666", "777788889999"]);
    let deployer = w
        .role_by_name(&AccountId::new("777788889999"), "Deployer")
        .unwrap();
    assert_eq!(
        json(&deployer.trust_policy)["Statement"][0]["Principal"]["AWS"],
        "arn:aws:iam::444455556666:user/ci"
    );
    assert_eq!(
        report.from_catalogue,
        ["arn:aws:iam::aws:policy/PowerUserAccess"]
    );
    let one_array = format!(
        "[{}, {}]",
        fixture("multi_account_a.json"),
        fixture("multi_account_b.json")
    );
    let (same, _) = import_texts(&[&one_array], IMPORT_SEED).unwrap();
    assert_eq!(
        same, w,
        "an array of GAAD documents reads like several files"
    );
}

#[test]
fn missing_and_unparseable_parts_are_reported_with_entity_and_reason() {
    let (w, report) = import(&["missing_and_broken.json"]);
    let acct = AccountId::new("555555555555");
    let carol = w.user_by_name(&acct, "carol").unwrap();
    // The catalogue fills in AmazonS3ReadOnlyAccess; the others are missing and left out.
    assert_eq!(
        carol.attached_policies,
        ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    );
    assert!(carol.inline_policies.is_empty());
    assert_eq!(
        report.from_catalogue,
        ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    );
    let missing: Vec<(&str, MissingUse)> = report
        .missing
        .iter()
        .map(|m| (m.reference.as_str(), m.used_as))
        .collect();
    assert_eq!(
        missing,
        [
            ("Admins", MissingUse::GroupMembership),
            (
                "arn:aws:iam::555555555555:policy/Gone",
                MissingUse::Attached
            ),
            (
                "arn:aws:iam::aws:policy/AWSSupportAccess",
                MissingUse::Attached
            ),
            (
                "arn:aws:iam::555555555555:policy/NoDefault",
                MissingUse::PermissionsBoundary
            ),
        ]
    );
    let unparsed: Vec<(&str, &str)> = report
        .unparsed
        .iter()
        .map(|u| (u.entity.as_str(), u.reason.as_str()))
        .collect();
    assert!(
        unparsed
            .iter()
            .any(|(e, r)| e.ends_with("policy/NoDefault") && r.contains("default version v3")),
        "{unparsed:?}"
    );
    assert!(
        unparsed.iter().any(
            |(e, r)| e.ends_with("user/carol inline policy Broken") && r.contains("hex digits")
        ),
        "{unparsed:?}"
    );
    assert!(
        unparsed
            .iter()
            .any(|(e, r)| e.ends_with("user/noname") && r.contains("UserName")),
        "{unparsed:?}"
    );
    assert!(
        unparsed
            .iter()
            .any(|(e, _)| e.contains("role/Mangled trust policy")),
        "{unparsed:?}"
    );
    assert!(w.role_by_name(&acct, "Mangled").is_none());
    let fine = w.role_by_name(&acct, "Fine").unwrap();
    assert_eq!(fine.permissions_boundary, None);
    assert!(report.notes.iter().any(|n| n.contains("IsTruncated")));
    assert!(
        w.check_invariants().is_empty(),
        "{:?}",
        w.check_invariants()
    );
}

#[test]
fn merging_never_overwrites_an_account_already_there() {
    let (mut w, _) = import(&["cli_single_account.json"]);
    let before = w.clone();
    let docs =
        iam_playground::sim::gaad::parse_files(&[&fixture("cli_single_account.json")]).unwrap();
    let report = iam_playground::sim::gaad::import_into(&mut w, &docs);
    assert_eq!(w, before);
    assert!(report.accounts.is_empty());
    assert!(report
        .notes
        .iter()
        .any(|n| n.contains("111122223333 is already in the world")));
}

#[test]
fn files_that_are_not_gaad_are_refused_whole() {
    assert!(matches!(
        import_texts(&["{\"type\": \"iam-playground\"}"], 1),
        Err(GaadError::NotGaad { file: 1 })
    ));
    assert!(matches!(
        import_texts(&["{}", "{oops"], 1),
        Err(GaadError::NotGaad { file: 1 })
    ));
    assert!(matches!(
        import_texts(&["{\"Policies\": []}", "{oops"], 1),
        Err(GaadError::NotJson { file: 2, .. })
    ));
}

#[test]
fn a_document_from_gaad_has_a_laid_out_canvas_an_instance_per_profile_and_the_report() {
    let doc = Document::from_gaad(&[&fixture("cli_single_account.json")]).unwrap();
    assert_eq!(doc.title, "Account 111122223333");
    let instance = doc.world.ec2_instances.values().next().unwrap();
    assert_eq!(instance.name, "WebServerProfile");
    let role = doc.world.role_of_instance(&instance.instance_id).unwrap();
    assert_eq!(role.role_name, "WebServerRole");
    let scene = doc.scene();
    let placed: std::collections::BTreeSet<_> = scene
        .nodes
        .iter()
        .map(|n| (n.rect.x as i64, n.rect.y as i64))
        .collect();
    assert!(scene.nodes.len() >= 7);
    assert!(doc.layout.nodes.len() >= 6, "every node has a place");
    assert!(
        placed.len() >= scene.nodes.len() - 1,
        "nodes do not sit on each other"
    );
    let report = doc.import_report.as_ref().unwrap();
    assert!(report
        .assumed
        .iter()
        .any(|a| a.what == "EC2 instances for 1 instance profiles"));
    // The report is saved with the document and old saves (without it) still load.
    let again = Document::from_json(&doc.to_json()).unwrap();
    assert_eq!(again.import_report, doc.import_report);
    let mut old: Value = json(&Document::seed_example().to_json());
    old.as_object_mut().unwrap().remove("import_report");
    let loaded: Result<Document, LoadError> = Document::from_json(&old.to_string());
    assert_eq!(loaded.unwrap().import_report, None);
}

#[test]
fn merging_a_file_adds_an_account_to_the_right_and_keeps_what_was_placed() {
    let mut doc = Document::seed_example();
    let before = doc.layout.clone();
    doc.merge_gaad(&[&fixture("multi_account_a.json")]).unwrap();
    for (id, p) in &before.nodes {
        assert_eq!(doc.layout.nodes.get(id), Some(p), "{id:?} moved");
    }
    let old_right = before
        .frames
        .values()
        .map(|r| r.x + r.w)
        .fold(0.0, f64::max);
    let new = doc
        .layout
        .frames
        .get(&iam_playground::doc::scene::NodeId::new("444455556666"))
        .unwrap();
    assert!(
        new.x >= old_right,
        "{new:?} overlaps the old canvas (right edge {old_right})"
    );
    assert!(doc
        .world
        .user_by_name(&AccountId::new("444455556666"), "ci")
        .is_some());
    doc.dismiss_import_report();
    assert!(doc.import_report.is_none());
}
