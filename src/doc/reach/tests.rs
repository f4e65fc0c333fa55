//! "Reachable from here", "Who can reach this" and "Play this path" on the built-in
//! scenarios, natively.

use super::*;
use crate::doc::scenario::built_in;
use crate::doc::scene::EdgeKind;
use crate::doc::session::{Session, SessionEvent};
use crate::sim::sts::session::SessionPrincipal;
use std::rc::Rc;

const ALICE: &str = "AIDAVBGDWRWEFHNNDIDVC";
const JUMP: &str = "AROA3TML3PSPTVE6JS25B";
const TARGET: &str = "AROAXX7PYEQXVAOH6H355";

fn scenario(slug: &str) -> (Document, Scene) {
    let s = built_in(slug).expect("built in").expect("loads");
    let scene = s.document.scene();
    (s.document, scene)
}

fn node(id: &str) -> NodeId {
    NodeId::new(id)
}

fn reach_from(doc: &Document, scene: &Scene, id: &str) -> ReachView {
    answer(doc, scene, &from_here(node(id))).expect("an answer")
}

fn session_in(doc: &Document) -> Session {
    let mut s = Session::default();
    s.apply(SessionEvent::DocumentReplaced(Rc::new(doc.world.clone())));
    s
}

#[test]
fn role_chaining_user_reaches_both_roles_over_solid_trust_edges() {
    let (doc, scene) = scenario("role-chaining");
    let v = reach_from(&doc, &scene, ALICE);
    assert_eq!(v.title, "Reachable from User alice");
    assert_eq!(v.nodes.get(&node(ALICE)), Some(&NodeMark::Origin));
    assert_eq!(v.nodes.get(&node(JUMP)), Some(&NodeMark::Reachable));
    assert_eq!(v.nodes.get(&node(TARGET)), Some(&NodeMark::Reachable));
    let lit: Vec<(&str, &str, bool)> = v
        .edges
        .iter()
        .map(|(id, m)| (id.from.0.as_str(), id.to.0.as_str(), m.dashed))
        .collect();
    assert_eq!(lit, vec![(ALICE, JUMP, false), (JUMP, TARGET, false)]);
    assert!(v.edges.keys().all(|e| e.kind == EdgeKind::Trusts));
    assert!(v.extra.is_empty(), "both hops follow edges the scene draws");
}

#[test]
fn role_chaining_paths_list_each_hop_with_both_sides_and_the_one_hour_cap() {
    let (doc, scene) = scenario("role-chaining");
    let v = reach_from(&doc, &scene, ALICE);
    let shapes: Vec<Vec<&str>> = v
        .paths
        .iter()
        .map(|p| p.hops.iter().map(|h| h.to.as_str()).collect())
        .collect();
    assert_eq!(
        shapes,
        vec![vec!["Role Jump"], vec!["Role Jump", "Role Target"]]
    );
    let chain = v.paths.get(1).expect("the chain");
    let (to_jump, to_target) = (&chain.hops[0], &chain.hops[1]);
    assert!(to_jump.conditions.is_empty() && to_target.conditions.is_empty());
    // Same account, the trust policy names alice: her own policies need not allow it.
    assert_eq!(
        to_jump.reasons,
        vec![
            "No identity-based policy needed: the role's trust policy names the caller",
            "The role's trust policy allows sts:AssumeRole: `trust policy of Jump`, statement 1",
        ]
    );
    assert_eq!(
        to_target.reasons,
        vec![
            "Allowed by `AssumeTarget` (identity-based policy), statement 1, for sts:AssumeRole",
            "The role's trust policy allows sts:AssumeRole: `trust policy of Target`, statement 1",
        ]
    );
    assert_eq!(session_words(&to_jump.hop), "sessions up to 12 hours");
    assert_eq!(
        session_words(&to_target.hop),
        "sessions up to 1 hour (role chaining caps them at 1 hour)"
    );
}

#[test]
fn who_can_reach_a_role_lists_direct_and_chained_principals() {
    let (doc, scene) = scenario("role-chaining");
    let q = Query::WhoCan {
        node: node(TARGET),
        action: default_action(None).to_string(),
        max_hops: 5,
    };
    let v = answer(&doc, &scene, &q).expect("an answer");
    assert_eq!(v.title, "Who can sts:AssumeRole on Role Target");
    assert_eq!(v.nodes.get(&node(TARGET)), Some(&NodeMark::Target));
    assert_eq!(v.nodes.get(&node(ALICE)), Some(&NodeMark::CanReach));
    assert_eq!(v.nodes.get(&node(JUMP)), Some(&NodeMark::CanReach));
    let listed: Vec<(&str, usize)> = v
        .paths
        .iter()
        .map(|p| (p.principal.as_str(), p.hops.len()))
        .collect();
    // Sorted by ARN, as `iam-eval who-can` lists them; Jump holds it directly.
    assert_eq!(listed, vec![("Role Jump", 0), ("User alice", 1)]);
    let jump_target = v
        .edges
        .keys()
        .any(|e| e.from == node(JUMP) && e.to == node(TARGET));
    assert!(jump_target, "the last step onto the target lights its edge");
    let grants: Vec<String> = v
        .paths
        .iter()
        .map(|p| p.grant.as_ref().map(GrantView::words).unwrap_or_default())
        .collect();
    assert_eq!(
        grants,
        vec!["Then sts:AssumeRole: no conditions"; 2],
        "both paths end at Jump's unconditional permission"
    );
}

#[test]
fn who_can_shows_the_condition_on_the_permission_a_path_ends_at() {
    let (mut doc, _) = scenario("role-chaining");
    let jump = doc
        .world
        .roles
        .get_mut(&crate::sim::ids::RoleId::new(JUMP))
        .expect("Jump");
    for policy in jump.inline_policies.values_mut() {
        *policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#.to_string();
    }
    let scene = doc.scene();
    let q = Query::WhoCan {
        node: node(TARGET),
        action: default_action(None).to_string(),
        max_hops: 5,
    };
    let v = answer(&doc, &scene, &q).expect("an answer");
    let words: Vec<String> = v
        .paths
        .iter()
        .filter_map(|p| p.grant.as_ref().map(GrantView::words))
        .collect();
    assert_eq!(
        words,
        vec![
            "Then sts:AssumeRole only when identity-based policy: Bool aws:MultiFactorAuthPresent `true`";
            2
        ]
    );
}

#[test]
fn a_node_that_signs_nothing_has_no_reach() {
    let (doc, scene) = scenario("role-chaining");
    let account = node("111122223333");
    let err = answer(&doc, &scene, &from_here(account)).expect_err("accounts sign nothing");
    assert!(err.contains("signs no requests"), "{err}");
}

#[test]
fn an_external_id_hop_is_dashed_with_its_badge_and_condition() {
    let (doc, scene) = scenario("external-id");
    let v = reach_from(&doc, &scene, "actor-1");
    let role = doc.world.roles.values().next().expect("VendorAudit");
    let role_node = node(role.role_id.as_str());
    assert_eq!(v.nodes.get(&role_node), Some(&NodeMark::Reachable));
    let marks: Vec<&EdgeMark> = v
        .edges
        .iter()
        .filter(|(id, _)| id.to == role_node)
        .map(|(_, m)| m)
        .chain(
            v.extra
                .iter()
                .filter(|x| x.to == role_node)
                .map(|x| &x.mark),
        )
        .collect();
    assert!(!marks.is_empty(), "the hop is drawn");
    assert!(marks.iter().all(|m| m.dashed && m.badges == ["ExternalId"]));
    let hop = &v.paths[0].hops[0];
    assert_eq!(
        hop.conditions,
        vec!["trust policy: StringEquals sts:ExternalId `Unique-ID-From-Vendor-12345`"]
    );
}

#[test]
fn an_mfa_hop_is_conditional_not_missing() {
    let (doc, scene) = scenario("mfa-admin");
    let carol = doc.world.users.values().next().expect("carol");
    let v = reach_from(&doc, &scene, carol.user_id.as_str());
    let hop = &v.paths.first().expect("a path to Admin").hops[0];
    assert_eq!(hop.hop.via, "sts:AssumeRole");
    assert!(hop
        .conditions
        .iter()
        .any(|c| c.contains("aws:MultiFactorAuthPresent")));
    let dashed = v
        .edges
        .values()
        .chain(v.extra.iter().map(|x| &x.mark))
        .any(|m| m.dashed && m.badges == ["MFA"]);
    assert!(dashed, "the MFA hop is drawn dashed with an MFA badge");
}

#[test]
fn playing_the_chain_issues_a_session_of_the_last_role() {
    let (doc, scene) = scenario("role-chaining");
    let v = reach_from(&doc, &scene, ALICE);
    let path: Vec<_> = v.paths[1].hops.iter().map(|h| h.hop.clone()).collect();
    let mut session = session_in(&doc);
    let play = plan_play(&session, &path).expect("playable");
    assert!(play.issued, "{}", play.said);
    assert_eq!(play.events.len(), 2);
    for e in play.events {
        session.apply(e);
    }
    let last = session.sts.sessions.last().expect("a session");
    assert!(
        matches!(&last.principal, SessionPrincipal::Role { role_name, .. } if role_name == "Target")
    );
    assert!(last.chained, "the second hop chains from Jump's session");
}

#[test]
fn playing_an_mfa_hop_passes_the_users_code() {
    let (doc, scene) = scenario("mfa-admin");
    let carol = doc.world.users.values().next().expect("carol");
    let v = reach_from(&doc, &scene, carol.user_id.as_str());
    let path: Vec<_> = v.paths[0].hops.iter().map(|h| h.hop.clone()).collect();
    let play = plan_play(&session_in(&doc), &path).expect("playable");
    assert!(play.issued, "{}", play.said);
}

#[test]
fn playing_from_a_role_without_a_live_session_says_to_assume_it_first() {
    let (doc, scene) = scenario("role-chaining");
    let v = reach_from(&doc, &scene, JUMP);
    let path: Vec<_> = v.paths[0].hops.iter().map(|h| h.hop.clone()).collect();
    let err = plan_play(&session_in(&doc), &path).expect_err("nothing signs the first call");
    assert_eq!(
        err,
        "No live session of Jump to start from: assume it first"
    );
}

#[test]
fn a_bucket_is_asked_about_its_objects() {
    assert_eq!(
        default_action(Some(crate::doc::scene::ResourceKind::S3Bucket)),
        "s3:GetObject"
    );
    assert_eq!(condition_badge("aws:SourceIp"), "SourceIp");
    assert_eq!(condition_badge("sts:ExternalId"), "ExternalId");
}

#[test]
fn a_user_who_can_put_her_own_policy_carries_an_escalation_warning() {
    let (mut doc, _) = scenario("role-chaining");
    with_self_service(&mut doc);
    let scene = doc.scene();
    let v = reach_from(&doc, &scene, ALICE);
    let found = v.escalations.get(&node(ALICE)).expect("alice holds one");
    let e = found
        .iter()
        .find(|e| e.id.as_deref() == Some("iam-007"))
        .expect("iam-007");
    assert_eq!(
        e.url.as_deref(),
        Some("https://pathfinding.cloud/paths/iam-007")
    );
    assert_eq!(
        e.name(),
        "Can escalate privileges: iam-007 User alice can give itself any permission with iam:PutUserPolicy"
    );
}

fn with_self_service(doc: &mut Document) {
    let alice = doc
        .world
        .users
        .get_mut(&crate::sim::ids::UserId::new(ALICE))
        .expect("alice");
    alice.inline_policies.insert(
        "SelfService".to_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::111122223333:user/alice"}]}"#
            .to_string(),
    );
}

#[test]
fn escalation_warnings_stand_on_their_holders_without_a_question() {
    let (mut doc, scene) = scenario("role-chaining");
    assert!(
        escalation_marks(&doc, &scene).is_empty(),
        "the scenario as built holds no escalation"
    );
    with_self_service(&mut doc);
    let scene = doc.scene();
    let marks = escalation_marks(&doc, &scene);
    assert_eq!(
        marks.keys().collect::<Vec<_>>(),
        vec![&node(ALICE)],
        "only alice can change permissions"
    );
    assert_eq!(
        marks[&node(ALICE)]
            .iter()
            .map(EscalationView::name)
            .collect::<Vec<_>>(),
        vec!["Can escalate privileges: iam-007 User alice can give itself any permission with iam:PutUserPolicy"]
    );
}

/// The page answers a question from what the escalation pass learnt of the same world (every
/// policy parsed, every principal's side worked out), and the next question from what that
/// answer learnt: each answer is the one a fresh analysis gives, in every order.
#[test]
fn an_answer_from_what_the_escalation_pass_learnt_is_the_fresh_answer() {
    use crate::sim::reach::EscalationScan;
    let (mut doc, _) = scenario("role-chaining");
    with_self_service(&mut doc);
    let scene = doc.scene();
    let who = Query::WhoCan {
        node: node(TARGET),
        action: default_action(None).to_string(),
        max_hops: 5,
    };
    let from = from_here(node(ALICE));
    let shallow = Query::WhoCan {
        node: node(TARGET),
        action: default_action(None).to_string(),
        max_hops: 1,
    };
    let fresh: Vec<_> = [&who, &from, &shallow]
        .iter()
        .map(|q| answer(&doc, &scene, q))
        .collect();
    assert!(fresh.iter().all(Result::is_ok), "{fresh:?}");
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let mut scan = EscalationScan::new(&doc.world);
        while !scan.step(&doc.world, 1) {}
        let (_, learnt) = scan.finish_learnt();
        let mut learnt = learnt;
        for i in order {
            let q = [&who, &from, &shallow][i];
            let (got, kept) = answer_with(&doc, &scene, q, learnt.take());
            assert_eq!(got, fresh[i], "question {i} in order {order:?}");
            learnt = Some(kept);
        }
    }
}
