//! Time passing for STS (`sts::passage`): EC2 and Lambda refreshes and expiries come out in
//! time order, cost by what can be observed (a century is a formula, not 148,000 sessions),
//! and the timeline folds a workload's repeated refreshes into one exact count.
//! https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html

mod sts_support;

use iam_playground::doc::scenario::{run, self_check, state_after, Scenario};
use iam_playground::sim::flow::live;
use iam_playground::sim::sts::assume_role::assume_role;
use iam_playground::sim::sts::passage::{KEPT_REFRESHES, KEPT_WORKLOAD_SESSIONS};
use iam_playground::sim::sts::services::{
    imds_credentials, lambda_environment, EC2_CREDENTIALS_SECONDS, EC2_REFRESH_BEFORE_SECONDS,
};
use iam_playground::sim::sts::{SessionOrigin, StsState, TimeEvent, Timeline};
use iam_playground::sim::time::{SimDuration, SimTime};
use iam_playground::sim::world::World;
use proptest::prelude::*;
use sts_support::*;

const EC2_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
const LAMBDA_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

/// Seconds between two EC2 refreshes: credentials last 6 hours and are replaced 5 minutes
/// before they expire (the documented rule the simulation follows).
const PERIOD: i64 = EC2_CREDENTIALS_SECONDS - EC2_REFRESH_BEFORE_SECONDS;

fn instance(w: &mut World, trust: &str) -> String {
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = w.create_role(&acct, "WebServerRole", "/", trust).unwrap();
    let profile = w
        .create_instance_profile(&acct, "WebServerRole", "/")
        .unwrap();
    w.add_role_to_instance_profile(&profile, &role).unwrap();
    w.launch_ec2_instance(&acct, "us-east-1", "web", Some(&profile))
        .unwrap()
        .to_string()
}

fn days(n: i64) -> SimTime {
    at(n * 86_400)
}

/// Refreshes a workload issued its first credentials at `t0()` is due in `(t0, later]`,
/// counted by walking the documented schedule one refresh at a time.
fn refreshes_by_schedule(later: SimTime) -> u64 {
    let mut n = 0;
    let mut t = at(PERIOD);
    while t <= later {
        n += 1;
        t = t.plus(SimDuration::from_secs(PERIOD));
    }
    n
}

fn workload_sessions(state: &StsState, id: &str) -> usize {
    let origin = SessionOrigin::Ec2InstanceProfile {
        instance_id: iam_playground::sim::ids::InstanceId::new(id),
    };
    state.sessions.iter().filter(|s| s.origin == origin).count()
}

/// Every refresh the events report, folded ones included.
fn refreshes_in(events: &[TimeEvent]) -> u64 {
    events
        .iter()
        .map(|e| match e {
            TimeEvent::Refreshed { .. } => 1,
            TimeEvent::UnobservedRefreshes { count, .. } => *count,
            _ => 0,
        })
        .sum()
}

/// The refresh counts the timeline's entries stand for.
fn timeline_refreshes(t: &Timeline) -> u64 {
    (0..t.events().len())
        .filter_map(|i| t.refreshes(i))
        .map(|r| r.count)
        .sum()
}

#[test]
fn a_century_advance_keeps_few_sessions_and_the_instance_keeps_valid_credentials() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let first = imds_credentials(&f.world, &mut f.state, &id, t0())
        .unwrap()
        .credentials;
    let later = days(36_500);
    let events = f.state.advance(&f.world, t0(), later);
    assert!(workload_sessions(&f.state, &id) <= KEPT_WORKLOAD_SESSIONS);
    assert!(
        f.state.timeline.events().len() <= 4,
        "{:?}",
        f.state.timeline
    );
    let now = imds_credentials(&f.world, &mut f.state, &id, later)
        .unwrap()
        .credentials;
    assert!(!now.is_expired(later));
    assert_ne!(now.access_key_id, first.access_key_id);
    // IMDS hands out the last refresh the advance kept; reading it mints nothing new.
    let last_kept = events.iter().rev().find_map(|e| match e {
        TimeEvent::Refreshed { access_key_id, .. } => Some(access_key_id.clone()),
        _ => None,
    });
    assert_eq!(last_kept.as_deref(), Some(now.access_key_id.as_str()));
}

#[test]
fn the_folded_refresh_count_is_exact() {
    for span in [days(1), days(3), days(365), days(36_500)] {
        let mut f = fixture();
        let id = instance(&mut f.world, EC2_TRUST);
        imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
        let events = f.state.advance(&f.world, t0(), span);
        let expected = refreshes_by_schedule(span);
        assert_eq!(refreshes_in(&events), expected, "{span}");
        assert_eq!(timeline_refreshes(&f.state.timeline), expected, "{span}");
        let kept = events
            .iter()
            .filter(|e| matches!(e, TimeEvent::Refreshed { .. }))
            .count();
        assert_eq!(kept as u64, expected.min(KEPT_REFRESHES), "{span}");
    }
}

#[test]
fn one_jump_counts_what_many_small_steps_count() {
    let (mut jump, mut steps) = (fixture(), fixture());
    let id = instance(&mut jump.world, EC2_TRUST);
    instance(&mut steps.world, EC2_TRUST);
    imds_credentials(&jump.world, &mut jump.state, &id, t0()).unwrap();
    imds_credentials(&steps.world, &mut steps.state, &id, t0()).unwrap();
    let later = days(30);
    let jumped = refreshes_in(&jump.state.advance(&jump.world, t0(), later));
    let mut stepped = 0;
    let mut now = t0();
    while now < later {
        let next = now.plus(SimDuration::from_hours(1));
        stepped += refreshes_in(&steps.state.advance(&steps.world, now, next));
        now = next;
    }
    assert_eq!(jumped, stepped);
    assert_eq!(
        timeline_refreshes(&jump.state.timeline),
        timeline_refreshes(&steps.state.timeline)
    );
    // Hourly steps put every refresh on the timeline, yet it stays a handful of entries.
    assert!(steps.state.timeline.events().len() <= 4);
    assert!(workload_sessions(&steps.state, &id) <= KEPT_WORKLOAD_SESSIONS);
}

#[test]
fn expiries_and_refreshes_come_out_in_time_order() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let acct = iam_playground::sim::ids::AccountId::new(ACCT);
    let role = f
        .world
        .create_role(&acct, "FnRole", "/", LAMBDA_TRUST)
        .unwrap();
    f.world
        .create_lambda_function(&acct, "us-east-1", "resize", Some(&role))
        .unwrap();
    imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
    lambda_environment(&f.world, &mut f.state, "resize", at(30)).unwrap();
    assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(DEPLOY, "alice"),
        at(60),
    )
    .result
    .unwrap();
    for span in [days(2), days(400)] {
        let mut g = StsState::clone(&f.state);
        let events = g.advance(&f.world, at(60), span);
        let times: Vec<SimTime> = events.iter().map(TimeEvent::at).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
        assert!(times.iter().all(|t| *t > at(60) && *t <= span));
        // alice's one-hour session expires once, before anything else happens.
        assert!(matches!(&events[0], TimeEvent::Expired { at: t, arn, .. }
            if *t == at(3660) && arn.ends_with(":assumed-role/Deploy/alice")));
        for holder in [id.as_str(), "resize"] {
            assert!(events
                .iter()
                .any(|e| matches!(e, TimeEvent::Refreshed { holder: h, .. } if h == holder)));
        }
    }
}

#[test]
fn a_trust_policy_that_stops_at_a_date_stops_the_refreshes_exactly_there() {
    // The trust policy lets EC2 assume the role only before 2050; refreshes stop at the
    // first one on or after that instant, even when the clock jumps a century.
    let until = "2050-01-01T00:00:00Z";
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"ec2.amazonaws.com"}},"Action":"sts:AssumeRole","Condition":{{"DateLessThan":{{"aws:CurrentTime":"{until}"}}}}}}]}}"#
    );
    let mut f = fixture();
    let id = instance(&mut f.world, &trust);
    imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
    let events = f.state.advance(&f.world, t0(), days(36_500));
    let stop = SimTime::parse_iso8601(until).unwrap();
    let allowed = refreshes_by_schedule(stop.plus(SimDuration::from_secs(-1)));
    assert_eq!(refreshes_in(&events), allowed);
    let refused: Vec<SimTime> = events
        .iter()
        .filter_map(|e| match e {
            TimeEvent::RefreshRefused { at, code, .. } => {
                assert_eq!(code, "AssumeRoleUnauthorizedAccess");
                Some(*at)
            }
            _ => None,
        })
        .collect();
    let first_refused = at(PERIOD * (allowed as i64 + 1));
    assert_eq!(refused, vec![first_refused]);
    assert!(first_refused >= stop && first_refused < stop.plus(SimDuration::from_secs(PERIOD)));
    // Without a refresh, the instance's last credentials lapse.
    let e = imds_credentials(&f.world, &mut f.state, &id, days(36_500)).unwrap_err();
    assert_eq!(e.code(), "AssumeRoleUnauthorizedAccess");
}

fn hostile(name: &str) -> Scenario {
    let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_century_link_plays_and_leaves_few_sessions() {
    // tests/hostile/ec2_century.json: the EC2 scenario, one IMDS read, then P36500D.
    let s = hostile("ec2_century.json");
    let outcomes = run(&s);
    assert_eq!(outcomes.last().and_then(|o| o.allowed), Some(true));
    let advance = outcomes[1].result.as_ref().unwrap();
    let counted: u64 = advance["refreshed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.get("Count").and_then(|c| c.as_u64()).unwrap_or(1))
        .sum();
    assert_eq!(counted, refreshes_by_schedule(days(36_500)));
    assert!(advance["expired"].as_array().unwrap().len() <= KEPT_REFRESHES as usize + 1);
    let end = state_after(&s, 2);
    assert!(end.sts.sessions.len() <= KEPT_WORKLOAD_SESSIONS);
    assert!(end.sts.timeline.events().len() <= 8);
}

#[test]
fn a_scenario_starting_in_2100_opens_with_a_bounded_session_count() {
    // tests/hostile/ec2_start_2100.json: the page's clock reads 2026 when the world arrives
    // (the instance gets credentials then), and opening the scenario jumps it to 2100.
    let s = hostile("ec2_start_2100.json");
    let world = &s.document.world;
    let mut sts = StsState::new(world.id_gen.seed);
    live::advance(world, &mut sts, SimTime::WORLD_EPOCH, SimTime::WORLD_EPOCH);
    live::advance(world, &mut sts, SimTime::WORLD_EPOCH, s.start_time());
    assert!(sts.sessions.len() <= KEPT_WORKLOAD_SESSIONS);
    let working = sts.active_sessions(s.start_time()).count();
    assert!((1..=2).contains(&working), "{working}");
    assert!(sts.timeline.events().len() <= 4);
    // Its story holds in 2100 as it does in 2026.
    assert_eq!(self_check(&s), Vec::<String>::new());
}

#[test]
fn old_instance_sessions_are_forgotten_beyond_the_bound_and_counted() {
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
    let mut now = t0();
    for _ in 0..40 {
        let next = now.plus(SimDuration::from_hours(6));
        f.state.advance(&f.world, now, next);
        now = next;
    }
    assert_eq!(workload_sessions(&f.state, &id), KEPT_WORKLOAD_SESSIONS);
    let issued = 1 + refreshes_by_schedule(now);
    assert_eq!(
        f.state.forgotten_sessions,
        issued - KEPT_WORKLOAD_SESSIONS as u64
    );
}

/// A key of a session the state forgot is still one STS issued: it answers ExpiredToken
/// ("The security token included in the request is expired"), as any expired key does,
/// not InvalidClientTokenId as a key never issued does.
/// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
#[test]
fn a_forgotten_workload_key_answers_expired_token_not_invalid_client_token_id() {
    use iam_playground::sim::sts::session_token::get_caller_identity;
    let mut f = fixture();
    let id = instance(&mut f.world, EC2_TRUST);
    let first = imds_credentials(&f.world, &mut f.state, &id, t0())
        .unwrap()
        .credentials
        .access_key_id
        .to_string();
    let mut now = t0();
    for _ in 0..40 {
        let next = now.plus(SimDuration::from_hours(6));
        f.state.advance(&f.world, now, next);
        now = next;
    }
    assert!(
        f.state.session(&first).is_none(),
        "the first session is forgotten"
    );
    let e = get_caller_identity(&f.world, &mut f.state, &first, now)
        .result
        .unwrap_err();
    assert_eq!(e.code(), "ExpiredToken", "{e:?}");
    let never = get_caller_identity(&f.world, &mut f.state, "ASIAZZZZZZZZZZZZZZZZ", now)
        .result
        .unwrap_err();
    assert_eq!(never.code(), "InvalidClientTokenId", "{never:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// However the clock moves forward, a session's remaining time only shrinks (by exactly
    /// the time that passed), the instance never goes without valid credentials, and the
    /// state stays small.
    #[test]
    fn remaining_time_never_grows_as_time_passes(
        steps in proptest::collection::vec(0i64..40 * 86_400_000, 1..24)
    ) {
        let mut f = fixture();
        let id = instance(&mut f.world, EC2_TRUST);
        imds_credentials(&f.world, &mut f.state, &id, t0()).unwrap();
        let mut now = t0();
        for ms in steps {
            let later = now.plus(SimDuration::from_millis(ms));
            let before: Vec<(String, SimDuration)> = f
                .state
                .sessions
                .iter()
                .map(|s| (s.credentials.access_key_id.to_string(), s.credentials.remaining(now)))
                .collect();
            let events = f.state.advance(&f.world, now, later);
            for (key, left) in before {
                if let Some(s) = f.state.session(&key) {
                    let left_now = s.credentials.remaining(later);
                    prop_assert!(left_now <= left);
                    prop_assert_eq!(left_now.as_millis(), left.as_millis() - ms);
                }
            }
            let times: Vec<SimTime> = events.iter().map(TimeEvent::at).collect();
            prop_assert!(times.windows(2).all(|w| w[0] <= w[1]));
            prop_assert!(times.iter().all(|t| *t > now && *t <= later));
            now = later;
            let working = f.state.active_sessions(now).count();
            prop_assert!((1..=2).contains(&working), "{} working sessions", working);
            prop_assert!(workload_sessions(&f.state, &id) <= KEPT_WORKLOAD_SESSIONS);
        }
    }
}
