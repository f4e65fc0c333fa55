//! The running simulation driven by event sequences, as the page drives it: guided playback,
//! what-if replays, New and Open, expiries and EC2 refreshes, the form's defaults.

use iam_playground::doc::document::Document;
use iam_playground::doc::scenario::{built_in, Scenario, BUILT_IN};
use iam_playground::doc::scene::NodeId;
use iam_playground::doc::session::{
    caller_value, role_trusting, Effect, FlowRun, Session, SessionEvent as E,
};
use iam_playground::sim::flow::callers::callers;
use iam_playground::sim::flow::web_identity::{default_subject, oidc_callers, WebIdentityCall};
use iam_playground::sim::flow::Flow;
use iam_playground::sim::ids::{AccountId, EntityId, InstanceId, RoleId, UserId};
use iam_playground::sim::policy::PrincipalType;
use iam_playground::sim::sts::{AssumeRoleRequest, EventKind, SessionPrincipal, StsState};
use iam_playground::sim::time::{ClockEvent, SimDuration};
use iam_playground::sim::world::World;
use std::collections::HashSet;
use std::rc::Rc;

const DEPLOY: &str = "arn:aws:iam::111122223333:role/Deploy";
const ALICE: &str = "arn:aws:iam::111122223333:user/alice";

fn scenario(slug: &str) -> Scenario {
    built_in(slug).unwrap().unwrap()
}

fn seed_world() -> World {
    Document::seed_example().world.clone()
}

/// A session over `world`, as the dock starts one when the page opens.
fn running(world: World) -> Session {
    let mut s = Session::default();
    s.apply(E::DocumentEdited(Rc::new(world)));
    s
}

/// `(role, session name, access key id)` of every session of Deploy issued so far (the
/// instance web-1 holds WebServerRole's credentials all along).
fn role_sessions(s: &Session) -> Vec<(String, String, String)> {
    s.sts
        .sessions
        .iter()
        .filter_map(|x| match &x.principal {
            SessionPrincipal::Role {
                role_name,
                session_name,
                ..
            } if role_name == "Deploy" => Some((
                role_name.clone(),
                session_name.clone(),
                x.credentials.access_key_id.to_string(),
            )),
            _ => None,
        })
        .collect()
}

/// The page after opening the built-in `slug` from Scenarios: the session opens the story and
/// the editor then reports the story's document it just loaded.
fn story_opened(slug: &str) -> Session {
    let mut s = running(seed_world());
    let story = scenario(slug);
    let world = story.document.world.clone();
    s.apply(E::OpenScenario(Box::new(story)));
    s.apply(E::DocumentReplaced(Rc::new(world)));
    s
}

fn alice_key(world: &World) -> String {
    let alice = world
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .unwrap();
    alice.access_keys[0].access_key_id.to_string()
}

fn assume(s: &mut Session, credential: &str, role: &str, name: &str) -> Vec<Effect> {
    s.apply(E::AssumeRole {
        credential: credential.to_string(),
        request: Box::new(AssumeRoleRequest {
            role_arn: role.to_string(),
            role_session_name: name.to_string(),
            ..Default::default()
        }),
    })
}

fn announced(effects: &[Effect]) -> String {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Announce(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn has_assume_role_entry(s: &Session) -> bool {
    s.sts
        .timeline
        .events()
        .iter()
        .any(|e| e.api == "AssumeRole")
}

#[test]
fn guided_step_that_issues_credentials_reveals_them_and_stepping_back_takes_them_away() {
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(scenario("user-vs-role"))));
    assert_eq!(s.guide.as_ref().unwrap().index, 0);
    assert!(s.apply(E::Step(1)).iter().all(|e| *e != Effect::RevealDock));
    let effects = s.apply(E::Step(1));
    assert_eq!(s.guide.as_ref().unwrap().index, 2, "step 3 of 8");
    assert!(effects.contains(&Effect::RevealDock), "{effects:?}");
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::RememberStep { index: 2, .. })));
    let sessions = role_sessions(&s);
    assert_eq!(sessions.len(), 1);
    let (role, name, key) = sessions[0].clone();
    assert_eq!((role.as_str(), name.as_str()), ("Deploy", "alice"));
    assert!(key.starts_with("ASIA") && key.len() == 20, "{key}");
    // The clock waits at the step's moment, so the session reads a full hour left.
    assert!(s.clock.paused);
    let session = &s.sts.sessions[0];
    assert_eq!(
        session.credentials.expiration,
        s.clock.now.plus(SimDuration::from_secs(3600))
    );
    // The step's own checks are on show and the live region names the same key.
    let run = s.run.as_ref().unwrap();
    assert_eq!(run.flow.api, "AssumeRole");
    assert!(
        announced(&effects).contains(&key),
        "{}",
        announced(&effects)
    );
    assert!(has_assume_role_entry(&s));

    // Back before the AssumeRole: no session, no AssumeRole on the timeline.
    s.apply(E::Step(-1));
    assert_eq!(s.guide.as_ref().unwrap().index, 1);
    assert!(role_sessions(&s).is_empty());
    assert!(!has_assume_role_entry(&s));
    // Forward again: the story replays deterministically, so the same key id.
    s.apply(E::Step(1));
    assert_eq!(role_sessions(&s)[0].2, key);
}

#[test]
fn an_hour_into_the_story_the_session_has_expired_and_the_timeline_says_so() {
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(scenario("user-vs-role"))));
    s.apply(E::Step(4));
    assert_eq!(s.guide.as_ref().unwrap().index, 4, "step 5 of 8");
    let session = &s.sts.sessions[0];
    assert!(session.credentials.is_expired(s.clock.now));
    assert!(s
        .sts
        .timeline
        .events()
        .iter()
        .any(|e| e.kind == EventKind::Expired && e.who.contains("Deploy/alice")));
    assert_eq!(s.next_expiry(), None, "nothing left to expire");
}

#[test]
fn stepping_past_the_last_step_shows_the_recap_and_stepping_back_hides_it() {
    let mut s = story_opened("user-vs-role");
    s.apply(E::Step(7));
    let last = s.guide.clone().unwrap();
    assert_eq!((last.index, last.recap), (7, false));
    let (sts, now) = (s.sts.clone(), s.clock.now);
    let effects = s.apply(E::Step(1));
    let g = s.guide.clone().unwrap();
    assert_eq!(
        (g.index, g.recap),
        (7, true),
        "Next on the last step shows the recap"
    );
    assert!(effects.is_empty(), "the recap replays nothing: {effects:?}");
    assert!(
        Rc::ptr_eq(&s.sts, &sts) && s.clock.now == now,
        "the last step's simulation stays"
    );
    assert!(s.apply(E::Step(1)).is_empty(), "nothing after the recap");
    assert!(s.guide.as_ref().unwrap().recap);
    s.apply(E::Step(-1));
    let g = s.guide.clone().unwrap();
    assert_eq!(
        (g.index, g.recap),
        (7, false),
        "Previous goes back to the last step"
    );
    s.apply(E::Step(-1));
    assert_eq!(s.guide.as_ref().unwrap().index, 6);
}

#[test]
fn play_again_goes_from_the_recap_back_to_step_one() {
    let mut s = story_opened("role-chaining");
    s.apply(E::Step(100));
    assert!(s.guide.as_ref().unwrap().recap);
    let effects = s.apply(E::PlayAgain);
    let g = s.guide.clone().unwrap();
    assert_eq!((g.index, g.recap), (0, false));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::RememberStep { index: 0, .. })),
        "a reload comes back to step 1: {effects:?}"
    );
    assert!(
        role_sessions(&s).is_empty() && s.sts.sessions.is_empty(),
        "step 1 issued nothing"
    );
}

#[test]
fn a_story_without_a_recap_stops_at_its_last_step() {
    let mut story = scenario("mfa-admin");
    story.recap.clear();
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(story)));
    s.apply(E::Step(100));
    let g = s.guide.clone().unwrap();
    assert_eq!((g.index, g.recap), (5, false));
    assert!(s.apply(E::Step(1)).is_empty());
}

#[test]
fn guided_steps_stay_inside_the_story() {
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(scenario("user-vs-role"))));
    assert!(s.apply(E::Step(-1)).is_empty(), "no step before the first");
    s.apply(E::Step(100));
    assert_eq!(s.guide.as_ref().unwrap().index, 7);
    assert!(s.apply(E::Step(1)).is_empty(), "no step after the last");
}

#[test]
fn editing_the_trust_policy_replays_the_step_against_the_edit_and_undo_restores_it() {
    let story = scenario("user-vs-role");
    let original = story.document.world.clone();
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(story)));
    s.apply(E::DocumentReplaced(Rc::new(original.clone())));
    s.apply(E::Step(2));
    assert_eq!(role_sessions(&s).len(), 1);

    // What if Deploy trusted bob instead of alice?
    let mut edited = original.clone();
    let deploy = edited.roles.values_mut().find(|r| r.arn == DEPLOY).unwrap();
    deploy.trust_policy = deploy.trust_policy.replace("user/alice", "user/bob");
    s.apply(E::DocumentEdited(Rc::new(edited)));
    let g = s.guide.as_ref().unwrap();
    assert_eq!(g.index, 2, "the reader stays at the step");
    assert_eq!(g.outcome().unwrap().allowed, Some(false));
    assert!(g.outcome().unwrap().summary.contains("AccessDenied"));
    assert!(role_sessions(&s).is_empty(), "no session any more");
    assert!(matches!(
        &s.run.as_ref().unwrap().flow.outcome,
        iam_playground::sim::flow::FlowOutcome::Refused { .. }
    ));

    // Undo: the story keeps its word again, with the same key as before.
    s.apply(E::DocumentEdited(Rc::new(original)));
    assert_eq!(
        s.guide.as_ref().unwrap().outcome().unwrap().allowed,
        Some(true)
    );
    assert_eq!(role_sessions(&s).len(), 1);
}

#[test]
fn new_forgets_the_previous_worlds_credentials_timeline_caller_and_role() {
    let world = seed_world();
    let key = alice_key(&world);
    let mut s = running(world);
    assume(&mut s, &key, DEPLOY, "alice");
    s.apply(E::PickCaller(key.clone()));
    assert_eq!(role_sessions(&s).len(), 1);
    let generation = s.generation;
    // New: an empty document with the same seed as the example's.
    let empty = Document::empty().world.clone();
    assert_eq!(empty.id_gen.seed, seed_world().id_gen.seed);
    s.apply(E::DocumentReplaced(Rc::new(empty)));
    assert!(s.sts.sessions.is_empty());
    assert!(s.sts.timeline.events().is_empty());
    assert!(s.run.is_none() && s.card.is_none() && s.pick_caller.is_none());
    assert_ne!(
        s.generation, generation,
        "the form drops its caller and role"
    );
    assert_eq!(s.defaults.caller, None);
    assert_eq!(s.defaults.role, None);
}

#[test]
fn new_during_a_guided_story_closes_it() {
    let mut s = story_opened("user-vs-role");
    s.apply(E::Step(2));
    let effects = s.apply(E::DocumentReplaced(Rc::new(
        Document::empty().world.clone(),
    )));
    assert!(effects.contains(&Effect::GuideClosed));
    assert!(s.guide.is_none());
    assert!(role_sessions(&s).is_empty());
}

/// An embed has no Scenarios menu: steps its reader closed come back at the same step.
#[test]
fn closed_guided_steps_come_back_at_their_step_until_another_document_opens() {
    let mut s = story_opened("user-vs-role");
    s.apply(E::Step(2));
    let key = role_sessions(&s)[0].2.clone();
    assert!(s.apply(E::CloseGuide).contains(&Effect::GuideClosed));
    assert!(s.guide.is_none());
    s.apply(E::ReopenGuide);
    assert_eq!(s.guide.as_ref().map(|g| g.index), Some(2));
    assert_eq!(role_sessions(&s)[0].2, key, "the same story, replayed");
    s.apply(E::CloseGuide);
    s.apply(E::DocumentReplaced(Rc::new(
        Document::empty().world.clone(),
    )));
    assert!(s.apply(E::ReopenGuide).is_empty());
    assert!(s.guide.is_none(), "New forgets the closed steps");
}

#[test]
fn opening_another_scenario_moves_the_defaults_to_its_world() {
    let mut s = running(seed_world());
    assert_eq!(s.defaults.role.as_deref(), Some(DEPLOY));
    let alice = s.defaults.caller.clone().unwrap();
    s.apply(E::OpenScenario(Box::new(scenario("cross-account"))));
    let story_world = s.world.clone().unwrap();
    // The editor then reports its new document: the story's own, so the guide stays.
    assert!(s
        .apply(E::DocumentReplaced(Rc::new(
            scenario("cross-account").document.world.clone()
        )))
        .is_empty());
    assert!(s.guide.is_some());
    let caller = s.defaults.caller.clone().unwrap();
    assert_ne!(caller, alice);
    let chosen = callers(&story_world, &s.sts, s.clock.now)
        .into_iter()
        .find(|c| caller_value(c) == caller)
        .unwrap();
    assert!(chosen.label.starts_with("dana") || chosen.label.starts_with("erin"));
    let role = s.defaults.role.clone().unwrap();
    assert!(
        role.ends_with(":role/ProdAdmin") || role.ends_with(":role/CrossAccountDeploy"),
        "{role}"
    );
    assert!(role.contains("444455556666"));
}

#[test]
fn the_first_assume_role_with_the_defaults_works_in_every_built_in_scenario_with_a_key_holder() {
    for slug in [
        "user-vs-role",
        "cross-account",
        "role-chaining",
        "mfa-admin",
    ] {
        let world = scenario(slug).document.world;
        let mut s = running(world.clone());
        let caller = s.defaults.caller.clone().unwrap();
        let Some(c) = callers(&world, &s.sts, s.clock.now)
            .into_iter()
            .find(|c| caller_value(c) == caller && !c.credential.is_empty())
        else {
            continue;
        };
        let role = s.defaults.role.clone().unwrap();
        assume(&mut s, &c.credential, &role, "first-try");
        let refused_by_trust = s
            .run
            .as_ref()
            .unwrap()
            .flow
            .failed_step()
            .is_some_and(|f| f.gate.as_str().contains("trust"));
        assert!(!refused_by_trust, "{slug}: {role} trusts {}", c.label);
    }
}

#[test]
fn default_role_reads_the_trust_policy_not_its_text() {
    // A role whose trust policy names alice only to deny her: text search would pick it.
    let mut world = seed_world();
    let acct = world.roles.values().next().unwrap().account.clone();
    let deny_alice = format!(
        r#"{{"Version":"2012-10-17","Statement":[
            {{"Effect":"Allow","Principal":{{"Service":"ec2.amazonaws.com"}},"Action":"sts:AssumeRole"}},
            {{"Effect":"Deny","Principal":{{"AWS":"{ALICE}"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    world.create_role(&acct, "Decoy", "/", &deny_alice).unwrap();
    assert_eq!(
        role_trusting(&world, PrincipalType::Aws, &[ALICE]).as_deref(),
        Some(DEPLOY)
    );
    assert_eq!(
        running(world.clone()).defaults.role.as_deref(),
        Some(DEPLOY)
    );
    // Without Deploy nobody trusts alice, whatever the decoy's text mentions.
    world.roles.retain(|_, r| r.arn != DEPLOY);
    assert_eq!(role_trusting(&world, PrincipalType::Aws, &[ALICE]), None);
}

#[test]
fn assumed_credentials_count_down_expire_and_then_are_refused_with_expired_token() {
    let world = seed_world();
    let key = alice_key(&world);
    let mut s = running(world);
    let effects = assume(&mut s, &key, DEPLOY, "alice-session");
    assert!(announced(&effects).starts_with("AssumeRole succeeded: alice"));
    let issued = role_sessions(&s)[0].2.clone();
    let expires = s.sts.sessions.last().unwrap().credentials.expiration;
    assert_eq!(
        s.sts
            .sessions
            .last()
            .unwrap()
            .credentials
            .access_key_id
            .to_string(),
        issued
    );
    assert_eq!(s.next_expiry(), Some(expires));
    s.apply(E::Clock(ClockEvent::Advance(SimDuration::from_mins(59))));
    assert!(!s
        .sts
        .sessions
        .last()
        .unwrap()
        .credentials
        .is_expired(s.clock.now));
    s.apply(E::Clock(ClockEvent::JumpTo(expires)));
    assert!(s.sts.timeline.events().iter().any(
        |e| e.kind == EventKind::Expired && e.access_key_id.as_deref() == Some(issued.as_str())
    ));
    let effects = s.apply(E::TryAction {
        credential: issued,
        action: "s3:ListBucket".into(),
        resource: "arn:aws:s3:::amzn-s3-demo-bucket".into(),
    });
    assert!(announced(&effects).contains("ExpiredToken"), "{effects:?}");
}

/// "Try an action" on web-1's credentials card is a call like the form's: its checks go on
/// show (the Checks panel) and its path lights on the canvas, web-1 -> WebServerRole -> bucket.
#[test]
fn an_action_tried_from_a_card_shows_its_checks_and_the_role_it_calls_as() {
    let mut s = running(seed_world());
    let key = s
        .sts
        .sessions
        .iter()
        .find(|x| x.arn().contains("WebServerRole"))
        .map(|x| x.credentials.access_key_id.to_string())
        .expect("web-1 has credentials");
    assert!(s.run.is_none(), "nothing on show yet");
    s.apply(E::TryAction {
        credential: key.clone(),
        action: "s3:GetObject".into(),
        resource: "arn:aws:s3:::amzn-s3-demo-bucket/index.html".into(),
    });
    let run = s.run.clone().expect("the call's checks are on show");
    let p = &run.flow.participants;
    assert!(matches!(p.caller_entity, Some(EntityId::Ec2Instance(_))));
    assert!(matches!(p.caller_role_entity, Some(EntityId::Role(_))));
    assert_eq!(
        p.resource_entity,
        Some(EntityId::Resource(
            "arn:aws:s3:::amzn-s3-demo-bucket".to_string()
        ))
    );
}

#[test]
fn a_paused_clock_ignores_ticks_and_a_quiet_tick_copies_nothing() {
    let mut s = running(seed_world());
    let before = s.sts.clone();
    s.apply(E::Clock(ClockEvent::Tick {
        real_elapsed_ms: 1000,
    }));
    assert!(Rc::ptr_eq(&before, &s.sts), "nothing expired or refreshed");
    s.apply(E::Clock(ClockEvent::Pause));
    let now = s.clock.now;
    s.apply(E::Clock(ClockEvent::Tick {
        real_elapsed_ms: 60_000,
    }));
    assert_eq!(s.clock.now, now);
}

#[test]
fn ec2_credentials_refresh_before_they_expire_and_the_timeline_folds_the_refreshes() {
    let mut s = running(seed_world());
    let instance_sessions = |s: &Session| {
        s.sts
            .sessions
            .iter()
            .filter(|x| x.arn().contains("WebServerRole"))
            .count()
    };
    assert_eq!(instance_sessions(&s), 1, "web-1 gets credentials at once");
    s.apply(E::Clock(ClockEvent::SetSpeed(3600)));
    // Two simulated days at the fastest speed, one real second per tick.
    for _ in 0..48 {
        s.apply(E::Clock(ClockEvent::Tick {
            real_elapsed_ms: 1000,
        }));
    }
    let now = s.clock.now;
    let current = s
        .sts
        .sessions
        .iter()
        .rfind(|x| x.arn().contains("WebServerRole"))
        .unwrap();
    assert!(!current.credentials.is_expired(now), "always a valid key");
    let events = s.sts.timeline.events();
    assert!(events.len() < 20, "bounded: {} entries", events.len());
    let folded = (0..events.len())
        .filter_map(|i| s.sts.timeline.refreshes(i))
        .map(|r| r.count)
        .max()
        .unwrap();
    assert!(folded > 1, "refreshes fold into one entry ({folded})");
}

#[test]
fn lambda_step_puts_the_functions_credentials_in_the_simulation() {
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(scenario("lambda-execution-role"))));
    s.apply(E::Step(1));
    assert!(s
        .sts
        .sessions
        .iter()
        .any(|x| x.arn().contains("process-orders") && !x.credentials.is_expired(s.clock.now)));
    assert!(s
        .guide
        .as_ref()
        .unwrap()
        .outcome()
        .unwrap()
        .summary
        .contains("ASIA"));
}

#[test]
fn checks_play_one_at_a_time_unless_motion_is_reduced() {
    let world = seed_world();
    let key = alice_key(&world);
    let mut s = running(world.clone());
    assume(&mut s, &key, DEPLOY, "first");
    let run = s.run.clone().unwrap();
    assert_eq!(run.shown, 1);
    assert!(run.playing);
    s.apply(E::NextCheck);
    s.apply(E::PreviousCheck);
    s.apply(E::PreviousCheck);
    let run = s.run.clone().unwrap();
    assert_eq!(run.shown, 1, "never fewer than one");
    assert!(!run.playing, "stepping back stops the play");
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    assert!(s.run.as_ref().unwrap().done());

    let mut s = running(world);
    s.apply(E::ReducedMotion(true));
    assume(&mut s, &key, DEPLOY, "second");
    let run = s.run.clone().unwrap();
    assert!(run.done() && !run.playing);
}

#[test]
fn replaying_a_timeline_entry_shows_its_checks_again() {
    let world = seed_world();
    let key = alice_key(&world);
    let mut s = running(world);
    assume(&mut s, &key, DEPLOY, "first");
    let index = s
        .sts
        .timeline
        .events()
        .iter()
        .rposition(|e| e.api == "AssumeRole")
        .unwrap();
    let first = s.run.clone().unwrap();
    s.apply(E::NextCheck);
    let effects = s.apply(E::Replay(index));
    assert!(announced(&effects).starts_with("Replaying AssumeRole at "));
    let again = s.run.clone().unwrap();
    assert_eq!(again.shown, 1);
    let gates = |r: &FlowRun| {
        r.flow
            .steps
            .iter()
            .map(|x| (x.gate, x.passed))
            .collect::<Vec<_>>()
    };
    assert_eq!(gates(&again), gates(&first), "the same checks, in order");
    assert!(s.apply(E::Replay(10_000)).is_empty());
}

#[test]
fn reopening_a_story_over_the_readers_edited_document_keeps_the_guide_and_replays_the_edit() {
    // Back to a visit whose document the reader had edited: the editor loads that document
    // right after the story opens.
    let story = scenario("user-vs-role");
    let mut edited = story.document.world.clone();
    let deploy = edited.roles.values_mut().find(|r| r.arn == DEPLOY).unwrap();
    deploy.trust_policy = deploy.trust_policy.replace("user/alice", "user/bob");
    let mut s = running(seed_world());
    let mut at_step_3 = story.clone();
    at_step_3.open_at = Some(3);
    s.apply(E::OpenScenario(Box::new(at_step_3)));
    assert_eq!(role_sessions(&s).len(), 1);
    let effects = s.apply(E::DocumentReplaced(Rc::new(edited)));
    assert!(!effects.contains(&Effect::GuideClosed), "{effects:?}");
    let g = s.guide.as_ref().unwrap();
    assert_eq!(g.index, 2);
    assert_eq!(g.outcome().unwrap().allowed, Some(false));
    assert!(role_sessions(&s).is_empty());
    // A New after that is a New: the story closes.
    let effects = s.apply(E::DocumentReplaced(Rc::new(
        Document::empty().world.clone(),
    )));
    assert!(effects.contains(&Effect::GuideClosed));
}

/// Every flow the simulator can show in `s`'s world: each guided step's, every caller
/// (users, role sessions, workloads, root) assuming every role, every OIDC token holder
/// assuming every role, and each timeline entry replayed.
fn every_flow(s: &mut Session, steps: usize) -> Vec<Flow> {
    let mut flows: Vec<Flow> = Vec::new();
    let shown = |s: &Session, flows: &mut Vec<Flow>| {
        flows.extend(s.run.as_ref().map(|r| r.flow.clone()));
    };
    for _ in 0..steps {
        s.apply(E::Step(1));
        shown(s, &mut flows);
    }
    let world = (**s.world.as_ref().unwrap()).clone();
    let roles: Vec<String> = world.roles.values().map(|r| r.arn.clone()).collect();
    let choices = callers(&world, &s.sts, s.clock.now);
    for c in choices.iter().filter(|c| !c.credential.is_empty()) {
        for role in &roles {
            assume(s, &c.credential, role, "every-flow");
            shown(s, &mut flows);
        }
    }
    for o in oidc_callers(&world) {
        for role in &roles {
            s.apply(E::AssumeRoleWithWebIdentity(Box::new(WebIdentityCall {
                sub: default_subject(&o.issuer),
                aud: o.audience.clone(),
                issuer: o.issuer.clone(),
                role_arn: role.clone(),
                role_session_name: "every-flow".to_string(),
                duration_seconds: None,
            })));
            shown(s, &mut flows);
        }
    }
    for i in 0..s.sts.timeline.events().len() {
        s.apply(E::Replay(i));
        shown(s, &mut flows);
    }
    flows
}

#[test]
fn every_entity_a_flow_names_maps_to_a_node_the_canvas_draws() {
    let mut stories: Vec<(String, Document, usize)> =
        vec![("seed".to_string(), Document::seed_example(), 0)];
    for (slug, _) in BUILT_IN {
        let story = scenario(slug);
        stories.push((slug.to_string(), story.document.clone(), story.steps.len()));
    }
    let mut kinds = HashSet::new();
    for (slug, doc, steps) in stories {
        let scene = doc.scene();
        let mut s = if steps == 0 {
            running(doc.world.clone())
        } else {
            story_opened(&slug)
        };
        s.apply(E::ReducedMotion(true));
        let flows = every_flow(&mut s, steps);
        assert!(!flows.is_empty(), "{slug}: no flow to check");
        for f in &flows {
            let p = &f.participants;
            let named = f
                .steps
                .iter()
                .flat_map(|x| x.entities.iter().cloned())
                .chain(p.caller_entity.clone())
                .chain(p.role_entity.clone())
                .chain(f.failed_entity());
            for e in named {
                let node = NodeId::of(&e);
                assert!(
                    scene.node(&node).is_some(),
                    "{slug}: {} calling {}: {e:?} has no node {node}",
                    p.caller_name,
                    p.role_arn
                );
                kinds.insert(std::mem::discriminant(&e));
            }
        }
        for node in s.live_role_nodes().keys() {
            assert!(
                scene.node(node).is_some(),
                "{slug}: live sessions on {node}"
            );
        }
    }
    // Users, roles, accounts (root callers), an EC2 instance, a Lambda function and an OIDC
    // provider all call in some built-in story.
    let all = [
        EntityId::Account(AccountId::new("")),
        EntityId::User(UserId::new("")),
        EntityId::Role(RoleId::new("")),
        EntityId::Ec2Instance(InstanceId::new("")),
        EntityId::LambdaFunction(String::new()),
        EntityId::IdentityProvider(String::new()),
    ];
    for k in &all {
        assert!(
            kinds.contains(&std::mem::discriminant(k)),
            "no flow names a {k:?}"
        );
    }
}

#[test]
fn the_canvas_lights_the_current_checks_nodes_and_marks_the_refusing_node_once_shown() {
    let world = seed_world();
    let key = alice_key(&world);
    let alice = NodeId::new(world.user_by_arn(ALICE).unwrap().user_id.as_str());
    let deploy = NodeId::new(world.role_by_arn(DEPLOY).unwrap().role_id.as_str());
    let mut s = running(world);
    assume(&mut s, &key, DEPLOY, "lit");
    let run = s.run.clone().unwrap();
    assert_eq!(
        run.current_nodes(),
        vec![alice.clone()],
        "credentials: alice's"
    );
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().unwrap();
    assert_eq!(run.current_nodes(), vec![alice, deploy], "issued: both");
    assert_eq!(run.failed_node(), None);

    let root = "arn:aws:iam::111122223333:root";
    assume(&mut s, root, DEPLOY, "refused");
    let run = s.run.clone().unwrap();
    assert!(!run.done());
    assert_eq!(run.failed_node(), None, "not before the refusal is shown");
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().unwrap();
    assert_eq!(run.failed_node(), Some(NodeId::new("111122223333")));
}

/// The check that refuses is marked where it lives (issue 11): an SCP's explicit deny is
/// labelled as the SCP's and outlines the caller's account frame; a refusal by the caller's
/// own policy marks the caller alone.
#[test]
fn an_scp_refusal_is_named_and_marked_on_the_callers_account_frame() {
    let story = scenario("boundary-and-scp");
    let doc = story.document.clone();
    let scene = doc.scene();
    let mut s = story_opened("boundary-and-scp");
    let steps = story.steps.len();
    s.apply(E::Step(isize::try_from(steps).unwrap() - 1));
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().expect("the last step plays a call");
    assert_eq!(
        run.flow.refused_by(),
        Some(iam_playground::sim::eval::PolicyType::Scp)
    );
    assert_eq!(
        run.flow.refusal_label().as_deref(),
        Some("AccessDenied · SCP")
    );
    let failed = run.failed_node().expect("the caller is marked");
    let (frame, kind) = run.refusing_frame(&scene).expect("its account frame too");
    let caller = scene.node(&failed).unwrap();
    assert_eq!(caller.label, "User devlead");
    assert_eq!(caller.account.as_ref(), Some(&frame));
    assert_eq!((frame, kind), (NodeId::new("444455556666"), "SCP"));
    // The call's checks light the bucket it was about as well as the caller.
    let bucket = NodeId::new("arn:aws:s3:::amzn-s3-demo-audit-logs");
    assert!(scene.node(&bucket).is_some());
    assert_eq!(run.current_nodes(), vec![failed.clone(), bucket]);

    // Step 3 is refused by devlead's own boundary: no frame is marked.
    s.apply(E::Step(-1));
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().unwrap();
    assert_eq!(
        run.flow.refused_by(),
        Some(iam_playground::sim::eval::PolicyType::PermissionsBoundary)
    );
    assert_eq!(
        run.flow.refusal_label().as_deref(),
        Some("AccessDenied · permissions boundary")
    );
    assert_eq!(run.failed_node(), Some(failed));
    assert_eq!(run.refusing_frame(&scene), None);
}

/// A call refused by the resource's own policy is marked on the resource, not the caller
/// (issue 11: the check that refuses is marked where it lives).
#[test]
fn a_bucket_policys_explicit_deny_is_marked_on_the_bucket() {
    let mut story = scenario("boundary-and-scp");
    let bucket = "arn:aws:s3:::amzn-s3-demo-audit-logs";
    let deny = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-audit-logs/*"}]}"#;
    story
        .document
        .world
        .set_resource_policy(bucket, Some(deny))
        .expect("a valid bucket policy");
    let scene = story.document.scene();
    let world = (*story.document.world).clone();
    let mut s = running(seed_world());
    s.apply(E::OpenScenario(Box::new(story)));
    s.apply(E::DocumentReplaced(Rc::new(world)));
    // Step 2 reads the audit log: now refused by the bucket policy.
    s.apply(E::Step(1));
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().expect("the step plays a call");
    assert_eq!(
        run.flow.refusal_label().as_deref(),
        Some("AccessDenied · resource policy")
    );
    assert_eq!(run.failed_node(), Some(NodeId::new(bucket)));
    assert_eq!(
        run.refusing_frame(&scene),
        None,
        "no organization policy refused it"
    );
}

/// A played call travels along the edges it uses (issue 11): alice's AssumeRole lights the
/// trust edge between alice and Deploy while its checks play; a step on one node lights none.
#[test]
fn an_assume_role_travels_the_trust_edge_between_caller_and_role() {
    use iam_playground::doc::scene::EdgeKind;
    let story = scenario("user-vs-role");
    let scene = story.document.scene();
    let mut s = story_opened("user-vs-role");
    s.apply(E::Step(2));
    let run = s.run.clone().expect("step 3 assumes Deploy");
    assert_eq!(run.flow.api, "AssumeRole");
    // The first check (the caller's credentials) is about alice alone.
    assert_eq!(run.current_nodes().len(), 1);
    assert!(run.travelled_edges(&scene).is_empty());
    for _ in 0..50 {
        s.apply(E::NextCheck);
    }
    let run = s.run.clone().unwrap();
    let nodes = run.current_nodes();
    let travelled = run.travelled_edges(&scene);
    assert!(
        travelled.iter().any(|e| e.kind == EdgeKind::Trusts
            && nodes.contains(&e.from)
            && nodes.contains(&e.to)),
        "{travelled:?} over {nodes:?}"
    );
    for e in &travelled {
        assert!(nodes.contains(&e.from) || nodes.contains(&e.to), "{e:?}");
    }
}

/// A web identity call carries no access key; its replay still names the OIDC provider the
/// role trusts as the caller, so the canvas lights the provider with the role, and a token
/// whose audience is not among the provider's client IDs is refused at the provider.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
#[test]
fn a_replayed_web_identity_call_names_the_provider_and_an_audience_refusal_marks_it() {
    use iam_playground::doc::scenario::state_after;
    use iam_playground::doc::session::replay;
    let s = built_in("github-oidc").unwrap().unwrap();
    let provider = EntityId::IdentityProvider(
        "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com".to_string(),
    );
    let last = s.steps.len() - 1;
    let st = state_after(&s, last);
    let flow = replay(
        &st.world,
        &st.sts,
        st.event.expect("the last step calls STS"),
    )
    .unwrap();
    assert_eq!(flow.participants.caller_entity.as_ref(), Some(&provider));
    assert_eq!(
        flow.failed_entity(),
        Some(provider.clone()),
        "refused at the provider"
    );
    let lit: Vec<&EntityId> = flow.steps.iter().flat_map(|s| &s.entities).collect();
    assert!(
        lit.contains(&&provider),
        "the provider lights with the role"
    );
}

/// An instance reads the bucket with its role's credentials: the call's path on the canvas
/// runs instance -> role -> bucket, so the role it calls as lights (and a phone's view keeps
/// it in sight) with the instance and the bucket.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
#[test]
fn an_instance_call_on_a_bucket_lights_the_role_it_calls_as() {
    use iam_playground::doc::scenario::state_after;
    use iam_playground::doc::session::replay;
    let s = built_in("ec2-instance-role").unwrap().unwrap();
    let get = s
        .steps
        .iter()
        .position(|st| st.caption.contains("s3:GetObject is allowed"))
        .expect("the scenario reads an object");
    let st = state_after(&s, get);
    let flow = replay(&st.world, &st.sts, st.event.expect("the step calls S3")).unwrap();
    let role = st
        .world
        .roles
        .values()
        .find(|r| r.role_name == "WebServerRole")
        .map(|r| EntityId::Role(r.role_id.clone()))
        .unwrap();
    let p = &flow.participants;
    assert!(matches!(p.caller_entity, Some(EntityId::Ec2Instance(_))));
    assert_eq!(p.caller_role_entity.as_ref(), Some(&role));
    let decided = flow.steps.last().expect("the flow has steps");
    assert_eq!(
        decided.entities,
        vec![
            p.caller_entity.clone().unwrap(),
            role,
            EntityId::Resource("arn:aws:s3:::amzn-s3-demo-bucket".to_string()),
        ],
        "instance, the role it calls as, then the bucket"
    );
}

const GITHUB: &str = "token.actions.githubusercontent.com";
const GITLAB: &str = "gitlab.example.com";

/// Account 111122223333 with an OIDC provider for each issuer (client id
/// `sts.amazonaws.com`) and the role Deploy trusting every one of them, in that order; and
/// the providers' ARNs.
fn oidc_world(issuers: &[&str]) -> (World, Vec<String>) {
    let mut w = World::new(3);
    let a = w.add_account("111122223333", None).unwrap();
    let arns: Vec<String> = issuers
        .iter()
        .map(|i| {
            w.create_oidc_provider(
                &a,
                &format!("https://{i}"),
                vec!["sts.amazonaws.com".into()],
                vec![],
            )
            .unwrap()
        })
        .collect();
    let statements: Vec<String> = arns
        .iter()
        .zip(issuers)
        .map(|(arn, i)| {
            format!(
                r#"{{"Effect":"Allow","Principal":{{"Federated":"{arn}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"{i}:aud":"sts.amazonaws.com"}}}}}}"#
            )
        })
        .collect();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    );
    w.create_role(&a, "Deploy", "/", &trust).unwrap();
    (w, arns)
}

/// A token from `issuer` for `sub` and `aud` used to assume Deploy, as the form sends it;
/// the index of its timeline entry.
fn assume_with_token(s: &mut Session, issuer: &str, sub: &str, aud: &str) -> usize {
    s.apply(E::AssumeRoleWithWebIdentity(Box::new(WebIdentityCall {
        issuer: issuer.to_string(),
        sub: sub.to_string(),
        aud: aud.to_string(),
        role_arn: DEPLOY.to_string(),
        role_session_name: "ci".to_string(),
        duration_seconds: None,
    })));
    s.sts
        .timeline
        .events()
        .iter()
        .rposition(|e| e.api == "AssumeRoleWithWebIdentity")
        .unwrap()
}

/// The caller a replay of timeline entry `index` names, against the session's world.
fn replayed_caller(s: &Session, sts: &StsState, index: usize) -> Option<EntityId> {
    let world = s.world.as_ref().unwrap();
    iam_playground::doc::session::replay(world, sts, index)
        .unwrap()
        .participants
        .caller_entity
}

/// The timeline keeps the token's subject as the caller and the provider that issued the
/// token apart, as CloudTrail records a web identity caller's `userName` and
/// `identityProvider`; a replay names that provider, not the first one the role trusts.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html
#[test]
fn web_identity_replay_names_the_provider_that_issued_the_token() {
    let (world, arns) = oidc_world(&[GITHUB, GITLAB]);
    let mut s = running(world);
    let sub = "project_path:octo-org/app:ref_type:branch:ref:main";
    let index = assume_with_token(&mut s, GITLAB, sub, "sts.amazonaws.com");
    let event = &s.sts.timeline.events()[index];
    assert!(event.issued_access_key_id.is_some(), "{event:?}");
    assert_eq!(event.who, sub);
    assert_eq!(event.identity_provider.as_deref(), Some(arns[1].as_str()));
    let gitlab = EntityId::IdentityProvider(arns[1].clone());
    assert_eq!(replayed_caller(&s, &s.sts, index), Some(gitlab.clone()));
    let live = s
        .run
        .as_ref()
        .unwrap()
        .flow
        .participants
        .caller_entity
        .clone();
    assert_eq!(
        live,
        Some(gitlab),
        "the replay names the caller the call showed"
    );
}

/// A refused call records the provider too once STS found it (here the audience is not one of
/// its client ids); a token from an issuer with no provider in the role's account records none.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
#[test]
fn a_refused_web_identity_call_records_the_provider_it_found() {
    let (world, arns) = oidc_world(&[GITHUB, GITLAB]);
    let mut s = running(world);
    let index = assume_with_token(&mut s, GITLAB, "user-1", "someone-else");
    let event = &s.sts.timeline.events()[index];
    assert!(event.issued_access_key_id.is_none(), "{event:?}");
    assert_eq!(event.identity_provider.as_deref(), Some(arns[1].as_str()));
    let gitlab = EntityId::IdentityProvider(arns[1].clone());
    assert_eq!(replayed_caller(&s, &s.sts, index), Some(gitlab.clone()));
    let flow = s.run.as_ref().unwrap().flow.clone();
    assert_eq!(
        flow.failed_entity(),
        Some(gitlab),
        "refused at the provider"
    );

    let index = assume_with_token(&mut s, "unknown.example.com", "user-1", "sts.amazonaws.com");
    let event = &s.sts.timeline.events()[index];
    assert!(event.issued_access_key_id.is_none(), "{event:?}");
    assert_eq!(event.identity_provider, None);
}

/// Entries recorded before the provider was kept have no `identity_provider`: they still
/// load, save back unchanged, and replay with the provider the role's trust policy names.
#[test]
fn timeline_saved_before_providers_were_recorded_still_replays() {
    let (world, arns) = oidc_world(&[GITHUB]);
    let mut s = running(world);
    let index = assume_with_token(
        &mut s,
        GITHUB,
        &default_subject(GITHUB),
        "sts.amazonaws.com",
    );
    let mut saved = serde_json::to_value(&*s.sts).unwrap();
    let entry = saved["timeline"]["events"][index].as_object_mut().unwrap();
    assert_eq!(
        entry.shift_remove("identity_provider"),
        Some(serde_json::Value::String(arns[0].clone())),
        "recorded now"
    );
    let before = serde_json::to_string(&saved).unwrap();

    let old: StsState = serde_json::from_str(&before).unwrap();
    assert_eq!(old.timeline.events()[index].identity_provider, None);
    assert_eq!(
        serde_json::to_string(&old).unwrap(),
        before,
        "an old timeline saves back as it was"
    );
    assert_eq!(
        replayed_caller(&s, &old, index),
        Some(EntityId::IdentityProvider(arns[0].clone()))
    );
}

#[test]
fn a_step_that_makes_no_call_is_about_the_nodes_its_caption_names_in_order() {
    use iam_playground::doc::session::nodes_named;
    let named = |slug: &str| {
        let sc = scenario(slug);
        let scene = sc.document.scene();
        let ids = nodes_named(&sc.steps[0].caption, &scene);
        ids.iter()
            .map(|id| scene.node(id).expect("a drawn node").name_lines.concat())
            .collect::<Vec<_>>()
    };
    // "alice is an IAM user with a long-term access key (AKIA...)."
    assert_eq!(named("user-vs-role"), ["alice"]);
    // "The instance web-1 is launched with the instance profile WebServerRole."
    assert_eq!(named("ec2-instance-role"), ["web-1", "WebServerRole"]);
    // "Jump and Target both allow ... Jump's trust policy names alice": each once, in order.
    assert_eq!(named("role-chaining"), ["Jump", "Target", "alice"]);
    // "For admin work she assumes Admin": the role, not the lowercase word.
    assert_eq!(named("mfa-admin"), ["carol", "Admin"]);
}
