//! Quiet ticks: a clock tick changes the running simulation only when it crosses an expiry
//! or a workload refresh, so the page re-renders only what shows time on every other tick.

use iam_playground::doc::document::Document;
use iam_playground::doc::session::{Session, SessionEvent as E};
use iam_playground::sim::sts::AssumeRoleRequest;
use iam_playground::sim::time::{ClockEvent, SimTime};
use iam_playground::sim::world::World;
use std::collections::BTreeSet;
use std::rc::Rc;

const DEPLOY: &str = "arn:aws:iam::111122223333:role/Deploy";

/// The seed example running, with alice holding a one-hour session of Deploy.
fn alice_in_deploy() -> Session {
    let world = Document::seed_example().world.clone();
    let key = alice_key(&world);
    let mut s = Session::default();
    s.apply(E::DocumentEdited(Rc::new(world)));
    s.apply(E::AssumeRole {
        credential: key,
        request: Box::new(AssumeRoleRequest {
            role_arn: DEPLOY.to_string(),
            role_session_name: "alice-session".to_string(),
            ..Default::default()
        }),
    });
    s
}

fn alice_key(world: &World) -> String {
    world
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .and_then(|u| u.access_keys.first())
        .map(|k| k.access_key_id.to_string())
        .unwrap_or_default()
}

fn tick(s: &mut Session, real_elapsed_ms: u64) {
    s.apply(E::Clock(ClockEvent::Tick { real_elapsed_ms }));
}

/// The access key ids that work at `now`.
fn live_keys(s: &Session, now: SimTime) -> BTreeSet<String> {
    s.sts
        .active_sessions(now)
        .map(|x| x.credentials.access_key_id.to_string())
        .collect()
}

#[test]
fn a_tick_without_an_expiry_changes_no_session_state() {
    let mut s = alice_in_deploy();
    let before = s.clone();
    tick(&mut s, 1000);
    assert!(s.clock.now > before.clock.now, "the clock moved");
    assert!(s.same_apart_from_now(&before));
    assert!(
        Rc::ptr_eq(&s.sts, &before.sts),
        "the STS state is shared, not copied"
    );
    assert_ne!(s, before, "the present is part of the session");
}

#[test]
fn a_tick_crossing_an_expiry_reports_it() {
    let mut s = alice_in_deploy();
    let expires = s.next_expiry().expect("alice's session expires");
    let before = s.clone();
    // One real hour at x1: the tick that crosses the session's expiration.
    tick(&mut s, 3_600_000);
    assert!(s.clock.now >= expires);
    assert!(!s.same_apart_from_now(&before));
}

#[test]
fn pausing_and_changing_speed_are_changes_beyond_the_present() {
    let mut s = alice_in_deploy();
    let before = s.clone();
    s.apply(E::Clock(ClockEvent::SetSpeed(60)));
    assert!(!s.same_apart_from_now(&before));
    let before = s.clone();
    s.apply(E::Clock(ClockEvent::Pause));
    assert!(!s.same_apart_from_now(&before));
}

/// The invariant the page relies on to read the present of the last change: between two
/// instants reported the same, the same credentials work. Checked tick by tick over two
/// simulated days at the fastest speed (the EC2 instance refreshes, alice's session expires).
#[test]
fn every_tick_that_changes_which_credentials_work_is_reported() {
    let mut s = alice_in_deploy();
    s.apply(E::Clock(ClockEvent::SetSpeed(3600)));
    let (mut quiet, mut changed) = (0, 0);
    for _ in 0..1800 {
        let before = s.clone();
        tick(&mut s, 100);
        if s.same_apart_from_now(&before) {
            quiet += 1;
            assert_eq!(
                live_keys(&before, before.clock.now),
                live_keys(&s, s.clock.now),
                "a quiet tick to {} changed which credentials work",
                s.clock.now
            );
        } else {
            changed += 1;
        }
    }
    assert!(
        changed > 0 && quiet > changed,
        "{quiet} quiet, {changed} changed"
    );
}
