//! The countdown rings on role nodes: how much of a session is left, in words a screen
//! reader says ("Session alice of Deploy, 59 minutes left").

use iam_playground::doc::scene::timer::session_timer;
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
