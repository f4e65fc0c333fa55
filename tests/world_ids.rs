//! Id formats and determinism, per AWS's "IAM identifiers" page:
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes>

use iam_playground::sim::ids::{IdGen, IdPrefix};
use iam_playground::sim::world::World;
use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

#[test]
fn unique_ids_are_prefix_plus_17_base32_chars() {
    let mut g = IdGen::new(42);
    for _ in 0..50 {
        assert!(re("^AIDA[A-Z2-7]{17}$").is_match(g.user_id().as_str()));
        assert!(re("^AGPA[A-Z2-7]{17}$").is_match(g.group_id().as_str()));
        assert!(re("^AROA[A-Z2-7]{17}$").is_match(g.role_id().as_str()));
        assert!(re("^ANPA[A-Z2-7]{17}$").is_match(g.policy_id().as_str()));
        assert!(re("^AIPA[A-Z2-7]{17}$").is_match(g.instance_profile_id().as_str()));
    }
}

#[test]
fn access_key_ids_are_20_chars_akia_or_asia() {
    let mut g = IdGen::new(1);
    let akia = g.access_key_id();
    let asia = g.temporary_access_key_id();
    assert!(re("^AKIA[A-Z2-7]{16}$").is_match(akia.as_str()), "{akia}");
    assert!(re("^ASIA[A-Z2-7]{16}$").is_match(asia.as_str()), "{asia}");
    assert_eq!(IdPrefix::of(akia.as_str()), Some(IdPrefix::AccessKey));
    assert_eq!(
        IdPrefix::of(asia.as_str()),
        Some(IdPrefix::TemporaryAccessKey)
    );
}

#[test]
fn secrets_tokens_accounts_and_instances_have_aws_shapes() {
    let mut g = IdGen::new(9);
    assert!(re("^[A-Za-z0-9+/]{40}$").is_match(&g.secret_access_key()));
    assert!(re("^[A-Za-z0-9+/]{300,}$").is_match(&g.session_token()));
    assert!(re("^[1-9][0-9]{11}$").is_match(g.account_id().as_str()));
    assert!(re("^i-[0-9a-f]{17}$").is_match(g.instance_id().as_str()));
    let root = g.root_id();
    assert!(re("^r-[0-9a-z]{4}$").is_match(root.as_str()));
    assert!(re("^ou-[0-9a-z]{4}-[0-9a-z]{8}$").is_match(g.ou_id(&root).as_str()));
    assert!(re("^o-[a-z0-9]{10}$").is_match(g.organization_id().as_str()));
    assert!(re("^p-[0-9a-z]{8}$").is_match(g.org_policy_id().as_str()));
    assert!(
        re("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
            .is_match(&g.kms_key_id())
    );
}

#[test]
fn same_seed_and_same_operations_give_the_same_world() {
    let a = World::sample();
    let b = World::sample();
    assert_eq!(a, b);
    let alice_a = &a
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .unwrap()
        .access_keys[0];
    let alice_b = &b
        .users
        .values()
        .find(|u| u.user_name == "alice")
        .unwrap()
        .access_keys[0];
    assert_eq!(alice_a.access_key_id, alice_b.access_key_id);
    assert_eq!(alice_a.secret_access_key, alice_b.secret_access_key);
}

#[test]
fn generator_state_survives_serialization_so_replays_continue_identically() {
    let mut g = IdGen::new(5);
    g.user_id();
    let json = serde_json::to_string(&g).unwrap();
    let mut restored: IdGen = serde_json::from_str(&json).unwrap();
    assert_eq!(g.role_id(), restored.role_id());
}

#[test]
fn different_seeds_give_different_ids() {
    assert_ne!(IdGen::new(1).user_id(), IdGen::new(2).user_id());
}
