//! How long the hostile time reproducers take natively; prints figures, asserts nothing about
//! wall time. Run by hand: `cargo test --profile release-native --test sts_time_bench -- --ignored --nocapture`.

use iam_playground::doc::scenario::{run, state_after, Scenario};
use iam_playground::sim::flow::live;
use iam_playground::sim::sts::StsState;
use iam_playground::sim::time::SimTime;
use std::time::Instant;

fn load(name: &str) -> Scenario {
    let path = format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"));
    Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
#[ignore = "a measurement, run by hand"]
fn measure_hostile_time_reproducers() {
    let century = load("ec2_century.json");
    let t = Instant::now();
    let outcomes = run(&century);
    println!(
        "ec2_century: run {:?} ({} steps)",
        t.elapsed(),
        outcomes.len()
    );
    let t = Instant::now();
    let last = state_after(&century, 2);
    println!(
        "ec2_century: state_after {:?}, {} sessions, {} timeline entries",
        t.elapsed(),
        last.sts.sessions.len(),
        last.sts.timeline.events().len()
    );
    let s2100 = load("ec2_start_2100.json");
    let world = &s2100.document.world;
    let mut sts = StsState::new(world.id_gen.seed);
    let t = Instant::now();
    // What the page does: the world arrives while its clock reads 2026, then the scenario's
    // start moves the clock to 2100.
    live::advance(world, &mut sts, SimTime::WORLD_EPOCH, SimTime::WORLD_EPOCH);
    live::advance(world, &mut sts, SimTime::WORLD_EPOCH, s2100.start_time());
    println!(
        "ec2_start_2100: jump {:?}, {} sessions, {} timeline entries",
        t.elapsed(),
        sts.sessions.len(),
        sts.timeline.events().len()
    );
}
