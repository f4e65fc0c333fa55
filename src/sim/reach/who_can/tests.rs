//! The backward search finds exactly what the first forward search found, on generated
//! worlds of chained, cross-account, conditional and service-route hops.

use super::oracle;
use crate::sim::ids::{AccountId, RoleId};
use crate::sim::reach::graph::Graph;
use crate::sim::world::{IdentityId, World};
use proptest::prelude::*;

const A: &str = "111122223333";
const B: &str = "444455556666";
const BUCKET: &str = "shared-data";

/// One generated role.
#[derive(Debug, Clone)]
struct RoleSpec {
    in_b: bool,
    /// Whom its trust names: 0 alice, 1 bob, 2 A's root, 3 B's root, 4 ec2, 5.. roles.
    trusted: Vec<usize>,
    /// 0 none, 1 ExternalId, 2 MFA.
    condition: u8,
    /// Roles its policy lets it assume (`None`: any).
    may_assume: Option<Vec<usize>>,
    reads: bool,
    passes_to_ec2: bool,
    profile: bool,
}

fn role_spec(roles: usize) -> impl Strategy<Value = RoleSpec> {
    (
        any::<bool>(),
        proptest::collection::vec(0..roles.saturating_add(5), 1..4),
        0u8..3,
        proptest::option::of(proptest::collection::vec(0..roles, 0..3)),
        any::<bool>(),
        proptest::bool::weighted(0.2),
        any::<bool>(),
    )
        .prop_map(
            |(in_b, trusted, condition, may_assume, reads, passes_to_ec2, profile)| RoleSpec {
                in_b,
                trusted,
                condition,
                may_assume,
                reads,
                passes_to_ec2,
                profile,
            },
        )
}

/// Roles, whether bob reads the bucket himself, whom the bucket policy names (0 none,
/// 1 an outside user, 2 role 0), and the depth asked.
type WorldSpec = (Vec<RoleSpec>, bool, u8, usize);

fn world_spec() -> impl Strategy<Value = WorldSpec> {
    (2usize..7).prop_flat_map(|n| {
        (
            proptest::collection::vec(role_spec(n), n),
            any::<bool>(),
            0u8..3,
            1usize..6,
        )
    })
}

fn role_arn(specs: &[RoleSpec], i: usize) -> String {
    let in_b = specs.get(i).is_some_and(|s| s.in_b);
    format!("arn:aws:iam::{}:role/R{i}", if in_b { B } else { A })
}

fn policy(statements: &[String]) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn allow(action: &str, resources: &[String]) -> String {
    let list: Vec<String> = resources.iter().map(|r| format!("\"{r}\"")).collect();
    format!(
        r#"{{"Effect":"Allow","Action":"{action}","Resource":[{}]}}"#,
        list.join(",")
    )
}

fn trust(specs: &[RoleSpec], s: &RoleSpec) -> String {
    let mut aws = Vec::new();
    let mut service = Vec::new();
    for &t in &s.trusted {
        match t {
            0 => aws.push(format!("\"arn:aws:iam::{A}:user/alice\"")),
            1 => aws.push(format!("\"arn:aws:iam::{B}:user/bob\"")),
            2 => aws.push(format!("\"arn:aws:iam::{A}:root\"")),
            3 => aws.push(format!("\"arn:aws:iam::{B}:root\"")),
            4 => service.push("\"ec2.amazonaws.com\"".to_string()),
            r => aws.push(format!("\"{}\"", role_arn(specs, r.saturating_sub(5)))),
        }
    }
    let condition = match s.condition {
        1 => r#","Condition":{"StringEquals":{"sts:ExternalId":"partner"}}"#,
        2 => r#","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
        _ => "",
    };
    let mut principal = Vec::new();
    if !aws.is_empty() {
        principal.push(format!(r#""AWS":[{}]"#, aws.join(",")));
    }
    if !service.is_empty() {
        principal.push(format!(r#""Service":[{}]"#, service.join(",")));
    }
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{{}}},"Action":"sts:AssumeRole"{condition}}}]}}"#,
        principal.join(",")
    )
}

fn identity(specs: &[RoleSpec], s: &RoleSpec) -> String {
    let mut st = vec![match &s.may_assume {
        None => allow("sts:AssumeRole", &["*".to_string()]),
        Some(list) => {
            let arns: Vec<String> = list.iter().map(|&i| role_arn(specs, i)).collect();
            allow("sts:AssumeRole", &arns)
        }
    }];
    if s.reads {
        st.push(allow("s3:GetObject", &[format!("arn:aws:s3:::{BUCKET}/*")]));
    }
    if s.passes_to_ec2 {
        st.push(allow("iam:PassRole", &["*".to_string()]));
        st.push(allow("ec2:RunInstances", &["*".to_string()]));
    }
    policy(&st)
}

fn build(spec: &WorldSpec) -> Option<World> {
    let (specs, bob_reads, bucket_names, _) = spec;
    let mut w = World::new(5);
    let a = w.add_account(A, None).ok()?;
    let b = w.add_account(B, None).ok()?;
    let alice = w.create_user(&a, "alice", "/").ok()?;
    let all = policy(&[allow("sts:AssumeRole", &["*".to_string()])]);
    w.put_inline_policy(&IdentityId::User(alice), "P", &all)
        .ok()?;
    let bob = w.create_user(&b, "bob", "/").ok()?;
    let mut bob_st = vec![allow("sts:AssumeRole", &["*".to_string()])];
    if *bob_reads {
        bob_st.push(allow("s3:GetObject", &["*".to_string()]));
    }
    w.put_inline_policy(&IdentityId::User(bob), "P", &policy(&bob_st))
        .ok()?;
    let placeholder = policy(&[]);
    let mut ids: Vec<(RoleId, AccountId)> = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let account = if s.in_b { b.clone() } else { a.clone() };
        let id = w
            .create_role(&account, &format!("R{i}"), "/", &placeholder)
            .ok()?;
        ids.push((id, account));
    }
    for (s, (id, account)) in specs.iter().zip(&ids) {
        w.set_trust_policy(id, &trust(specs, s)).ok()?;
        w.put_inline_policy(&IdentityId::Role(id.clone()), "P", &identity(specs, s))
            .ok()?;
        if s.profile {
            let profile = w
                .create_instance_profile(account, &format!("P{id}"), "/")
                .ok()?;
            w.add_role_to_instance_profile(&profile, id).ok()?;
        }
    }
    let bucket = w.create_s3_bucket(&a, "us-east-1", BUCKET).ok()?;
    let named = match bucket_names {
        1 => Some("arn:aws:iam::777788889999:user/carol".to_string()),
        2 => Some(role_arn(specs, 0)),
        _ => None,
    };
    if let Some(who) = named {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{BUCKET}/*"}}]}}"#
        );
        w.set_resource_policy(&bucket, Some(&text)).ok()?;
    }
    Some(w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn who_can_finds_the_same_principals_and_paths_as_a_search_from_every_principal(
        spec in world_spec()
    ) {
        let world = build(&spec);
        prop_assert!(world.is_some(), "the generated world builds");
        let Some(world) = world else { return Ok(()) };
        let max_hops = spec.3;
        let specs = &spec.0;
        let questions = [
            ("s3:GetObject".to_string(), format!("arn:aws:s3:::{BUCKET}/report.csv")),
            ("sts:AssumeRole".to_string(), role_arn(specs, 0)),
        ];
        for (action, resource) in &questions {
            let (fast, _) = super::find(&mut Graph::new(&world), action, resource, max_hops);
            let slow = oracle::find(&mut Graph::new(&world), action, resource, max_hops);
            prop_assert_eq!(fast, slow, "{} on {}", action, resource);
        }
    }
}
