//! Long stories (issue: "A hostile link cannot freeze or crash the page", point 8): a story
//! whose steps would read more policy than the playground plays at once is cut at a point
//! counted in work (characters of policy parsed), the same on every machine, and its
//! unplayed steps say why; the built-in stories are nowhere near the limit.
//! The reproducer lives in `tests/hostile/`.

use iam_playground::doc::scenario::{
    built_in, run, run_with_checkpoints, state_after, Scenario, BUILT_IN,
};
use iam_playground::doc::share;
use iam_playground::sim::bounds::MAX_SCENARIO_POLICY_READ;
use iam_playground::sim::policy::meter;

fn hostile(name: &str) -> String {
    let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The EC2 scenario with a 10,000-character role policy of wildcards and conditions, and
/// 1,500 `s3:GetObject` steps: about 16 million characters of policy to read (5 s natively
/// before the limit, far more in a browser).
fn heavy() -> Scenario {
    Scenario::from_json(&hostile("many-heavy-steps.scenario.json")).expect("the story loads")
}

#[test]
fn a_story_reading_more_than_the_work_limit_is_cut_and_its_unplayed_steps_say_so() {
    let s = heavy();
    let before = meter::chars_parsed();
    let outcomes = run(&s);
    let read = meter::chars_parsed() - before;
    assert_eq!(outcomes.len(), s.steps.len(), "every step has an outcome");
    let played = outcomes.iter().take_while(|o| o.played).count();
    assert!(played > 3, "the story's opening steps play ({played})");
    assert!(
        played < s.steps.len(),
        "the story is cut ({played} of {})",
        s.steps.len()
    );
    assert!(outcomes[played..].iter().all(|o| !o.played));
    assert_eq!(
        outcomes[1].allowed,
        Some(true),
        "IMDS hands out the role's credentials"
    );
    assert_eq!(
        outcomes[played - 1].allowed,
        Some(true),
        "the last played step is a real call"
    );
    let why = &outcomes[played].summary;
    assert!(why.contains("asks for too much"), "{why}");
    assert!(why.contains("2,000,000 characters of policy"), "{why}");
    assert!(
        why.contains(&format!("steps 1 to {played} of {}", s.steps.len())),
        "{why}"
    );
    // The cut lands just past the limit: one step's reading at most.
    assert!(read > MAX_SCENARIO_POLICY_READ, "{read}");
    assert!(read < MAX_SCENARIO_POLICY_READ + 100_000, "{read}");
}

#[test]
fn the_cut_is_counted_in_work_so_it_falls_on_the_same_step_every_time() {
    let s = heavy();
    let first: Vec<bool> = run(&s).iter().map(|o| o.played).collect();
    let second: Vec<bool> = run(&s).iter().map(|o| o.played).collect();
    assert_eq!(first, second);
}

#[test]
fn a_step_past_the_cut_shows_the_story_where_it_stopped() {
    let s = heavy();
    let outcomes = run(&s);
    let played = outcomes.iter().take_while(|o| o.played).count();
    let stopped = state_after(&s, played - 1);
    let beyond = state_after(&s, s.steps.len() - 1);
    assert_eq!(beyond.now, stopped.now);
    assert_eq!(
        beyond.sts, stopped.sts,
        "the sessions are the ones the played steps made"
    );
    assert!(
        !beyond.sts.sessions.is_empty(),
        "the instance's session is there"
    );
}

#[test]
fn the_cut_story_opens_from_its_share_link() {
    let link = hostile("many-heavy-steps.link.txt");
    let s = share::decode(link.trim()).expect("the link opens");
    let outcomes = run(&s);
    assert!(outcomes.iter().any(|o| !o.played));
}

#[test]
fn every_built_in_story_plays_to_its_end_far_below_the_work_limit() {
    for (slug, _) in BUILT_IN {
        let s = built_in(slug).expect("listed").expect("loads");
        let before = meter::chars_parsed();
        let outcomes = run(&s);
        let read = meter::chars_parsed() - before;
        assert!(outcomes.iter().all(|o| o.played), "{slug}");
        assert!(read * 20 < MAX_SCENARIO_POLICY_READ, "{slug} read {read}");
    }
}

#[test]
fn showing_a_step_from_the_saved_points_gives_the_state_a_replay_from_the_start_gives() {
    let s = heavy();
    let (outcomes, checkpoints) = run_with_checkpoints(&s);
    let played = outcomes.iter().take_while(|o| o.played).count();
    for index in [0, 1, 15, 16, 17, 40, played - 1, played, s.steps.len() - 1] {
        let quick = checkpoints.state_after(&s, index);
        let slow = state_after(&s, index);
        assert_eq!(quick.now, slow.now, "step {index}");
        assert_eq!(quick.sts, slow.sts, "step {index}");
        assert_eq!(quick.event, slow.event, "step {index}");
    }
}

/// The role-chaining story with its first AssumeRole repeated until the story has `steps`
/// steps: each repeat issues one more session and one more timeline entry (the shape of a
/// 1.6 MB fuzz case of 4,971 steps that took 10 s to open when every saved point along the
/// story copied all the sessions before it).
fn many_sessions(steps: usize) -> Scenario {
    let mut s = built_in("role-chaining").expect("listed").expect("loads");
    let repeat = s
        .steps
        .iter()
        .find(|st| {
            st.action
                .as_ref()
                .is_some_and(|a| a.get("api").and_then(|v| v.as_str()) == Some("AssumeRole"))
        })
        .cloned()
        .expect("the story assumes a role");
    while s.steps.len() < steps {
        s.steps.insert(1, repeat.clone());
    }
    s
}

#[test]
fn saved_points_along_a_long_story_share_its_sessions_instead_of_copying_them() {
    let s = many_sessions(600);
    let (outcomes, checkpoints) = run_with_checkpoints(&s);
    assert!(
        outcomes.iter().all(|o| o.played),
        "600 small steps are far below the work limit"
    );
    assert!(outcomes[1..500].iter().all(|o| o.allowed == Some(true)));
    // Two steps shown from the same saved point hold the very same sessions and timeline
    // entries, not copies: a saved point costs a pointer per session, so a story's saved
    // points cost its length, not its length squared.
    let a = checkpoints.state_after(&s, 500);
    let b = checkpoints.state_after(&s, 501);
    assert!(a.sts.sessions.len() >= 500, "{}", a.sts.sessions.len());
    assert!(std::rc::Rc::ptr_eq(&a.sts.sessions[0], &b.sts.sessions[0]));
    assert!(std::rc::Rc::ptr_eq(
        &a.sts.timeline.events()[0],
        &b.sts.timeline.events()[0]
    ));
    // And sharing changes nothing the reader sees.
    let slow = state_after(&s, 501);
    assert_eq!(b.sts, slow.sts);
}
