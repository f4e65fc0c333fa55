//! Reachability agrees with the STS simulation: every reported path replays through
//! `sts::assume_role` with a request that meets its conditions, and a brute-force search by
//! calling `AssumeRole` finds no role the analysis missed.

mod reach_support;

use iam_playground::sim::ids::RoleId;
use iam_playground::sim::reach::{parse_start, Analysis, Hop};
use iam_playground::sim::sts::{assume_role, AssumeRoleRequest, StsState};
use iam_playground::sim::time::SimTime;
use iam_playground::sim::world::{IdentityId, World};
use proptest::prelude::*;
use reach_support::*;
use std::collections::BTreeSet;

/// One generated role: its account, whom its trust names, whether it wants an ExternalId,
/// and which roles its own policy lets it assume (`None`: any).
#[derive(Debug, Clone)]
struct RoleSpec {
    in_b: bool,
    trusted: Vec<usize>,
    external_id: bool,
    may_assume: Option<Vec<usize>>,
}

/// Principals a trust can name: 0 = the user, 1 = account A's root, 2 = account B's root,
/// 3.. = roles.
fn role_spec(roles: usize) -> impl Strategy<Value = RoleSpec> {
    (
        any::<bool>(),
        proptest::collection::vec(0..roles + 3, 1..3),
        any::<bool>(),
        proptest::option::of(proptest::collection::vec(0..roles, 0..3)),
    )
        .prop_map(|(in_b, trusted, external_id, may_assume)| RoleSpec {
            in_b,
            trusted,
            external_id,
            may_assume,
        })
}

fn world_spec() -> impl Strategy<Value = (Vec<RoleSpec>, bool)> {
    (2usize..5).prop_flat_map(|n| (proptest::collection::vec(role_spec(n), n), any::<bool>()))
}

fn name(i: usize) -> String {
    format!("R{i}")
}

fn arn_of(specs: &[RoleSpec], i: usize) -> String {
    let account = if specs[i].in_b { B } else { A };
    arn_role(account, &name(i))
}

fn assume_policy(specs: &[RoleSpec], may: &Option<Vec<usize>>) -> String {
    match may {
        None => allow("sts:AssumeRole", "*"),
        Some(list) if list.is_empty() => allow("s3:ListBucket", "*"),
        Some(list) => {
            let arns: Vec<String> = list
                .iter()
                .map(|&i| format!("\"{}\"", arn_of(specs, i)))
                .collect();
            format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Resource":[{}]}}]}}"#,
                arns.join(",")
            )
        }
    }
}

fn build(specs: &[RoleSpec], user_may_assume_all: bool) -> (World, String) {
    let mut w = World::new(11);
    let a = w.add_account(A, None).unwrap();
    let b = w.add_account(B, None).unwrap();
    let user_policy = if user_may_assume_all {
        allow("sts:AssumeRole", "*")
    } else {
        assume_policy(specs, &Some(vec![0]))
    };
    let alice = user(&mut w, &a, "alice", &user_policy);
    let key = w
        .create_access_key(&alice, 0)
        .unwrap()
        .access_key_id
        .to_string();
    let ids: Vec<RoleId> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let acct = if s.in_b { &b } else { &a };
            w.create_role(acct, &name(i), "/", &trust_aws(&arn_root(A), ""))
                .unwrap()
        })
        .collect();
    for (i, s) in specs.iter().enumerate() {
        let names: Vec<String> = s
            .trusted
            .iter()
            .map(|&t| match t {
                0 => arn_user(A, "alice"),
                1 => arn_root(A),
                2 => arn_root(B),
                r => arn_of(specs, r - 3),
            })
            .collect();
        let list: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let condition = if s.external_id {
            format!(r#","Condition":{{"StringEquals":{{"sts:ExternalId":"ext-{i}"}}}}"#)
        } else {
            String::new()
        };
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":[{}]}},"Action":"sts:AssumeRole"{condition}}}]}}"#,
            list.join(",")
        );
        w.set_trust_policy(&ids[i], &trust).unwrap();
        w.put_inline_policy(
            &IdentityId::Role(ids[i].clone()),
            "Hop",
            &assume_policy(specs, &s.may_assume),
        )
        .unwrap();
    }
    (w, key)
}

/// The request a hop's conditions ask for (the generated worlds only use `sts:ExternalId`).
fn request(hop: &Hop) -> AssumeRoleRequest {
    let external_id = hop
        .conditions
        .iter()
        .find(|c| c.key == "sts:ExternalId" && c.operator == "StringEquals")
        .and_then(|c| c.values.first().cloned());
    AssumeRoleRequest {
        role_arn: hop.to.clone(),
        role_session_name: "replay".to_string(),
        external_id,
        ..AssumeRoleRequest::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_reported_path_replays_and_brute_force_finds_no_other_role((specs, all) in world_spec()) {
        let (world, key) = build(&specs, all);
        let start = parse_start(&world, "alice").unwrap();
        let reach = Analysis::new(&world).reach(&start, specs.len());
        let now = SimTime::WORLD_EPOCH;
        for reached in &reach.reaches {
            for path in &reached.paths {
                let mut state = StsState::new(1);
                let mut credential = key.clone();
                for hop in path {
                    let out = assume_role(&world, &mut state, &credential, &request(hop), now);
                    prop_assert!(out.result.is_ok(), "hop {:?} refused: {:?}", hop, out.gates.failed());
                    credential = out.result.unwrap().credentials.access_key_id.to_string();
                }
            }
        }
        // Brute force: call AssumeRole on every role with every ExternalId the world uses.
        let external_ids: Vec<Option<String>> = std::iter::once(None)
            .chain((0..specs.len()).map(|i| Some(format!("ext-{i}"))))
            .collect();
        let mut state = StsState::new(2);
        let mut found: BTreeSet<String> = BTreeSet::new();
        let mut frontier = vec![key.clone()];
        while let Some(credential) = frontier.pop() {
            for i in 0..specs.len() {
                let role = arn_of(&specs, i);
                if found.contains(&role) {
                    continue;
                }
                for ext in &external_ids {
                    let req = AssumeRoleRequest {
                        role_arn: role.clone(),
                        role_session_name: "brute".to_string(),
                        external_id: ext.clone(),
                        ..AssumeRoleRequest::default()
                    };
                    if let Ok(r) = assume_role(&world, &mut state, &credential, &req, now).result {
                        found.insert(role.clone());
                        frontier.push(r.credentials.access_key_id.to_string());
                        break;
                    }
                }
            }
        }
        let reported: BTreeSet<String> = reach.reaches.iter().map(|r| r.role.clone()).collect();
        prop_assert_eq!(reported, found);
    }
}
