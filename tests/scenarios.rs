//! Every built-in guided scenario loads, and every step reaches the result its caption
//! states (`doc::scenario::self_check`). Run with `UPDATE_SCENARIOS=1` to rebuild the files
//! in `static/scenarios/*.scenario.json` from `tests/scenarios/build.rs`.

#[path = "scenarios/build.rs"]
mod build;

use iam_playground::doc::command::Command;
use iam_playground::doc::document::{Document, Target};
use iam_playground::doc::geometry::Point;
use iam_playground::doc::scenario::{built_in, library, self_check, BUILT_IN};
use iam_playground::doc::scene::{ActorKind, IdpKind, NodeId, NodeKind, ResourceKind, ServiceKind};
use iam_playground::doc::share;

fn write_if_asked() {
    if std::env::var_os("UPDATE_SCENARIOS").is_none() {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/scenarios");
    for (slug, s) in build::all() {
        std::fs::write(
            dir.join(format!("{slug}.scenario.json")),
            s.to_json() + "\n",
        )
        .unwrap();
    }
}

#[test]
fn every_built_in_scenario_reaches_its_stated_results() {
    write_if_asked();
    assert_eq!(BUILT_IN.len(), 9);
    for (slug, _) in BUILT_IN {
        let s = built_in(slug)
            .unwrap()
            .unwrap_or_else(|e| panic!("{slug}: {e}"));
        let problems = self_check(&s);
        assert!(problems.is_empty(), "{slug}:\n{}", problems.join("\n"));
        assert!(s.steps.len() >= 4, "{slug} tells too short a story");
        assert!(
            s.steps.iter().any(|st| st.action.is_some()),
            "{slug} has no action to run"
        );
    }
}

#[test]
fn every_built_in_scenario_is_valid_iam_and_laid_out() {
    for (slug, _) in BUILT_IN {
        let s = built_in(slug).unwrap().unwrap();
        let problems = s.document.world.check_invariants();
        assert!(problems.is_empty(), "{slug}: {problems:?}");
        let scene = s.document.scene();
        assert!(!scene.nodes.is_empty(), "{slug} shows nothing");
        assert_eq!(s.document.title, s.title, "{slug}");
    }
}

#[test]
fn the_library_lists_every_scenario_with_title_and_summary() {
    let lib = library();
    assert_eq!(lib.len(), BUILT_IN.len());
    for e in &lib {
        assert!(!e.title.is_empty() && e.summary.len() > 40, "{e:?}");
    }
    assert_eq!(lib[0].title, "IAM user vs IAM role");
    assert!(built_in("no-such-scenario").is_none());
}

#[test]
fn every_built_in_scenario_fits_a_share_link_and_round_trips() {
    for (slug, _) in BUILT_IN {
        let s = built_in(slug).unwrap().unwrap();
        let payload = share::encode(&s);
        // Browsers accept URLs of megabytes, but chat apps and blog engines cut long ones;
        // keep links short enough to paste anywhere reasonable.
        assert!(payload.len() < 16_000, "{slug}: {} chars", payload.len());
        assert_eq!(share::decode(&payload).as_ref(), Ok(&s), "{slug}");
    }
}

#[test]
fn the_saved_files_are_what_the_builders_make() {
    // Catches a builder edited without UPDATE_SCENARIOS=1. A change elsewhere (ids, layout)
    // shows here first: rebuild, look at the screenshots, commit.
    for (slug, built) in build::all() {
        let saved = built_in(slug).unwrap().unwrap();
        assert_eq!(
            saved.steps, built.steps,
            "{slug}: rerun with UPDATE_SCENARIOS=1"
        );
        assert_eq!(saved.title, built.title, "{slug}");
        assert_eq!(
            saved.recap, built.recap,
            "{slug}: rerun with UPDATE_SCENARIOS=1"
        );
        // Where the nodes stand: the files once kept an older automatic layout's places
        // while the builders made new ones.
        let mut placed = built.document.clone();
        placed.ensure_layout();
        assert_eq!(
            saved.document.layout, placed.layout,
            "{slug}: rerun with UPDATE_SCENARIOS=1"
        );
    }
}

/// The guided steps drive the simulator: the state after step N is what steps 1..N did.
#[test]
fn user_vs_role_assume_step_leaves_one_live_role_session_and_stepping_back_removes_it() {
    use iam_playground::doc::scenario::state_after;
    let s = built_in("user-vs-role").unwrap().unwrap();
    let assume = s
        .steps
        .iter()
        .position(|st| st.action.as_ref().and_then(|a| a.get("api")) == Some(&"AssumeRole".into()))
        .expect("the front-door scenario assumes a role");

    let at = state_after(&s, assume);
    let live: Vec<_> = at.sts.active_sessions(at.now).collect();
    assert_eq!(live.len(), 1, "one role session after AssumeRole");
    assert!(
        live[0]
            .arn()
            .starts_with("arn:aws:sts::111122223333:assumed-role/Deploy/"),
        "{}",
        live[0].arn()
    );
    assert!(live[0]
        .credentials
        .access_key_id
        .as_str()
        .starts_with("ASIA"));
    // The step's own call is the timeline entry the simulator shows the checks of.
    let event = &at.sts.timeline.events()[at.event.expect("AssumeRole is on the timeline")];
    assert_eq!(event.api, "AssumeRole");
    assert!(event.issued_access_key_id.is_some());

    let before = state_after(&s, assume - 1);
    assert_eq!(
        before.sts.sessions.len(),
        0,
        "nothing issued before the assume step"
    );
    assert!(before
        .sts
        .timeline
        .events()
        .iter()
        .all(|e| e.api != "AssumeRole"));

    // The same ids as a full run: the caption and the dock tell one story.
    let outcomes = iam_playground::doc::scenario::run(&s);
    let key = outcomes[assume].result.as_ref().unwrap()["response"]["Credentials"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(live[0].credentials.access_key_id.as_str(), key);
}

#[test]
fn after_the_hour_passes_the_role_session_is_expired_but_kept_and_the_clock_is_an_hour_on() {
    use iam_playground::doc::scenario::state_after;
    use iam_playground::sim::sts::EventKind;
    use iam_playground::sim::time::SimDuration;
    let s = built_in("user-vs-role").unwrap().unwrap();
    let hour = s
        .steps
        .iter()
        .position(|st| st.action.as_ref().and_then(|a| a.get("advance")).is_some())
        .unwrap();
    let before = state_after(&s, hour - 1);
    let after = state_after(&s, hour);
    assert_eq!(after.now, before.now.plus(SimDuration::from_hours(1)));
    assert_eq!(
        after.sts.sessions.len(),
        1,
        "an expired session stays in the wallet"
    );
    assert_eq!(after.sts.active_sessions(after.now).count(), 0);
    assert!(after
        .sts
        .timeline
        .events()
        .iter()
        .any(|e| e.kind == EventKind::Expired));
    assert_eq!(after.event, None, "a clock step makes no call to show");
    // Past the end is the last step, never a panic.
    let last = state_after(&s, s.steps.len() - 1);
    assert_eq!(state_after(&s, 999), last);
}

/// Every kind the canvas draws.
const EVERY_KIND: [NodeKind; 16] = [
    NodeKind::Organization,
    NodeKind::Account,
    NodeKind::User,
    NodeKind::Group,
    NodeKind::Role,
    NodeKind::Service(ServiceKind::Ec2Instance),
    NodeKind::Service(ServiceKind::LambdaFunction),
    NodeKind::Service(ServiceKind::EcsTask),
    NodeKind::IdentityProvider(IdpKind::Oidc),
    NodeKind::IdentityProvider(IdpKind::Saml),
    NodeKind::OutsideActor(ActorKind::Person),
    NodeKind::Resource(ResourceKind::S3Bucket),
    NodeKind::Resource(ResourceKind::KmsKey),
    NodeKind::Resource(ResourceKind::SqsQueue),
    NodeKind::Resource(ResourceKind::Secret),
    NodeKind::Resource(ResourceKind::SnsTopic),
];

/// The seed example with one node of every kind added and its account made an organization.
fn seed_with_every_kind() -> Document {
    let mut doc = Document::seed_example();
    for kind in EVERY_KIND {
        if kind == NodeKind::Organization {
            continue;
        }
        // Inside the seed's account frame (a new account goes to its right).
        let at = match kind {
            NodeKind::Account => Point::new(900.0, 96.0),
            _ => Point::new(72.0, 432.0),
        };
        doc.apply(&Command::AddNode { kind, at })
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
    doc.apply(&Command::AddOrganization {
        management: NodeId::new("111122223333"),
    })
    .unwrap();
    doc
}

#[test]
fn every_node_the_canvas_draws_has_a_typed_id_that_maps_back_to_it() {
    let mut docs = vec![
        ("seed".to_string(), Document::seed_example()),
        ("seed with every kind".to_string(), seed_with_every_kind()),
    ];
    for (slug, _) in BUILT_IN {
        docs.push((slug.to_string(), built_in(slug).unwrap().unwrap().document));
    }
    let mut kinds = Vec::new();
    for (name, doc) in &docs {
        for node in doc.scene().nodes {
            let target = doc
                .target(&node.id)
                .unwrap_or_else(|| panic!("{name}: {} has no typed id", node.label));
            assert_eq!(target.node_id(), node.id, "{name}: {}", node.label);
            match (target.entity(), &target) {
                (Some(entity), _) => assert_eq!(NodeId::of(&entity), node.id, "{name}"),
                (None, Target::Actor(_)) => {}
                (None, other) => panic!("{name}: {other:?} is not an outside actor"),
            }
            assert_eq!(doc.kind_of(&node.id), Some(node.kind), "{name}");
            kinds.push(node.kind);
        }
    }
    for kind in EVERY_KIND {
        assert!(kinds.contains(&kind), "no {kind:?} was checked");
    }
}
