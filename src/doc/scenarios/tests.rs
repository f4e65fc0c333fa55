//! Every built-in scenario builds, is valid IAM, reads well on the canvas, and matches its
//! saved file in `static/scenarios/`.

use super::*;
use crate::doc::scene::{EdgeView, NodeKind};
use crate::sim::policy::{parse, PolicyKind};

fn edge<'a>(edges: &'a [EdgeView], label: &str) -> &'a EdgeView {
    edges.iter().find(|e| e.label == label).unwrap_or_else(|| {
        let all: Vec<&str> = edges.iter().map(|e| e.label.as_str()).collect();
        panic!("no edge `{label}` in {all:?}")
    })
}

fn badges(e: &EdgeView) -> Vec<&str> {
    e.badges.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn every_scenario_builds_with_only_policies_iam_accepts() {
    for info in CATALOGUE {
        let doc = build(info.slug).unwrap_or_else(|| panic!("{} does not build", info.slug));
        assert!(
            !doc.world.accounts.is_empty(),
            "{} fell back to an empty document",
            info.slug
        );
        assert_eq!(doc.title, info.title);
        let w = &doc.world;
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
            w.resources
                .iter()
                .filter_map(|r| r.policy.clone())
                .map(|t| (t, PolicyKind::Resource)),
        );
        for (text, kind) in texts {
            let outcome = parse(&text, kind);
            assert!(
                outcome.is_valid(),
                "{}: {:?} policy refused: {:?}\n{text}",
                info.slug,
                kind,
                outcome.findings
            );
        }
    }
    assert!(build("no-such-scenario").is_none());
}

#[test]
fn every_scenario_is_laid_out_without_overlaps_and_inside_its_frames() {
    for info in CATALOGUE {
        let scene = build(info.slug).map(|d| d.scene()).unwrap_or_default();
        let plain: Vec<_> = scene.nodes.iter().filter(|n| !n.kind.is_frame()).collect();
        for n in &plain {
            match &n.account {
                Some(frame) => {
                    let f = scene.node(frame).unwrap();
                    assert!(
                        f.rect.contains_rect(&n.rect),
                        "{}: {} outside {}",
                        info.slug,
                        n.label,
                        f.label
                    );
                }
                None => {
                    assert!(matches!(n.kind, NodeKind::OutsideActor(_)));
                    for f in scene.nodes.iter().filter(|f| f.kind.is_frame()) {
                        assert!(
                            !f.rect.intersects(&n.rect),
                            "{}: {} sits on {}",
                            info.slug,
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
                    "{}: {} overlaps {}",
                    info.slug,
                    a.label,
                    b.label
                );
            }
        }
    }
}

#[test]
fn cross_account_trust_shows_the_account_and_its_mfa_condition() {
    let scene = build("cross-account-mfa").unwrap().scene();
    let e = edge(
        &scene.edges,
        "Account 111122223333 may assume Role ProdReadOnly",
    );
    assert_eq!(badges(e), vec!["MFA"]);
}

#[test]
fn the_vendor_comes_in_through_its_account_with_an_external_id() {
    let scene = build("vendor-external-id").unwrap().scene();
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

#[test]
fn github_actions_trust_is_federated_and_limited_by_aud_and_sub() {
    let scene = build("github-actions-oidc").unwrap().scene();
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

#[test]
fn the_lambda_function_runs_as_a_role_that_trusts_lambda() {
    let scene = build("lambda-reads-queue").unwrap().scene();
    let e = edge(
        &scene.edges,
        "Lambda function process-orders runs as Role QueueWorker",
    );
    assert!(e.badges.is_empty(), "{:?}", e.badges);
}

/// `static/scenarios/<slug>.json` are the scenarios as saved. Run with
/// `UPDATE_SCENARIOS=1 cargo test scenarios` to rewrite them after a deliberate change.
#[test]
fn saved_scenario_files_match_the_builders_and_load() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/scenarios");
    let update = std::env::var_os("UPDATE_SCENARIOS").is_some();
    for info in CATALOGUE {
        let doc = build(info.slug).unwrap();
        let path = dir.join(format!("{}.json", info.slug));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, doc.to_json() + "\n").unwrap();
        }
        let saved =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            saved.trim_end(),
            doc.to_json(),
            "{} is stale: rerun with UPDATE_SCENARIOS=1",
            path.display()
        );
        assert_eq!(Document::from_json(&saved), Ok(doc));
    }
}
