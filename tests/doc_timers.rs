//! The countdown rings on role nodes: how much of a session is left, in words a screen
//! reader says ("Session alice of Deploy, 59 minutes left").

use iam_playground::doc::document::Document;
use iam_playground::doc::scene::timer::{role_timers, session_timer};
use iam_playground::doc::scene::NodeId;
use iam_playground::sim::sts::{assume_role, AssumeRoleRequest, StsState};
use iam_playground::sim::time::SimTime;

const T0: i64 = 1_767_225_600;

fn at(secs: i64) -> SimTime {
    SimTime::from_secs(T0 + secs)
}

#[test]
fn a_fresh_one_hour_session_reads_sixty_minutes_left_and_a_full_ring() {
    let t = session_timer("alice", "Deploy", at(0), at(3600), at(0));
    assert_eq!(t.label, "Session alice of Deploy, 1 hour left");
    assert_eq!(t.left, 1.0);
    assert!(!t.expired);
}

#[test]
fn remaining_time_rounds_up_to_the_minute_so_a_working_session_never_reads_zero() {
    let t = session_timer("alice", "Deploy", at(0), at(3600), at(61));
    assert_eq!(t.label, "Session alice of Deploy, 59 minutes left");
    let last = session_timer("alice", "Deploy", at(0), at(3600), at(3599));
    assert_eq!(last.label, "Session alice of Deploy, 1 minute left");
    assert!(!last.expired && last.left > 0.0);
}

#[test]
fn a_session_at_or_past_its_expiration_is_dead() {
    // Credentials stop working at their Expiration.
    for now in [3600, 4000] {
        let t = session_timer("ci", "GitHubDeploy", at(0), at(3600), at(now));
        assert_eq!(t.label, "Session ci of GitHubDeploy, expired");
        assert!(t.expired);
        assert_eq!(t.left, 0.0);
    }
}

#[test]
fn the_ring_shrinks_as_time_passes_and_never_grows() {
    let mut last = f64::INFINITY;
    for now in (0..=43_200).step_by(900) {
        let t = session_timer("s", "R", at(0), at(43_200), at(now));
        assert!(t.left <= last, "grew at {now}");
        last = t.left;
    }
    let long = session_timer("s", "R", at(0), at(43_200), at(0));
    assert_eq!(long.label, "Session s of R, 12 hours left");
    let mixed = session_timer("s", "R", at(0), at(43_200), at(39_300));
    assert_eq!(mixed.label, "Session s of R, 1 hour 5 minutes left");
}

#[test]
fn a_session_issued_with_no_life_does_not_divide_by_zero() {
    let t = session_timer("s", "R", at(10), at(10), at(0));
    assert!(t.left.is_finite() && t.left <= 1.0);
}

#[test]
fn each_roles_latest_three_sessions_count_down_on_its_node_newest_first() {
    let doc = Document::seed_example();
    let world = &doc.world;
    let alice = world
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .unwrap();
    let key = alice.access_keys[0].access_key_id.to_string();
    let deploy = world
        .role_by_arn("arn:aws:iam::111122223333:role/Deploy")
        .unwrap();
    let mut sts = StsState::new(3);
    for (i, name) in ["s1", "s2", "s3", "s4"].into_iter().enumerate() {
        let req = AssumeRoleRequest {
            role_arn: deploy.arn.clone(),
            role_session_name: name.to_string(),
            ..Default::default()
        };
        let minute = i64::try_from(i).unwrap() * 60;
        assert!(assume_role(world, &mut sts, &key, &req, at(minute))
            .result
            .is_ok());
    }
    let timers = role_timers(&sts, at(300));
    let node = NodeId::new(deploy.role_id.as_str());
    assert!(doc.scene().node(&node).is_some(), "drawn on Deploy's node");
    let names: Vec<&str> = timers[&node].iter().map(|t| t.session.as_str()).collect();
    assert_eq!(names, ["s4", "s3", "s2"], "the latest three, newest first");
    assert_eq!(timers.len(), 1, "nobody else holds a role session");
}
