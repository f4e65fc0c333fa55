//! `cargo bench --bench reach --profile release-native`: reach from one user, who-can for
//! one action on a bucket's objects and for `sts:AssumeRole` on one role, and every
//! escalation of the world, on a generated world of 1,000 roles and 300 users across 5
//! accounts in an organization (trusts naming users, roles, accounts with MFA or ExternalId
//! conditions, and services; identity policies with wildcards).
//! With `REACH_BENCH_DOC=path` it also writes the world as a scenario document, for
//! `e2e/bench/reach.mjs` to open in the page.

use iam_playground::sim::ids::{AccountId, RoleId, UserId};
use iam_playground::sim::reach::{Analysis, Start};
use iam_playground::sim::world::{IdentityId, OrgParent, World};
use std::hint::black_box;
use std::time::Instant;

const ACCOUNTS: [&str; 5] = [
    "111111111111",
    "222222222222",
    "333333333333",
    "444444444444",
    "555555555555",
];
const ROLES_PER_ACCOUNT: usize = 200;
const USERS_PER_ACCOUNT: usize = 60;

/// A small deterministic generator (64-bit LCG), so every run measures the same world.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

fn statement(effect: &str, actions: &[String], resources: &[String]) -> String {
    format!(
        r#"{{"Effect":"{effect}","Action":[{}],"Resource":[{}]}}"#,
        actions
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect::<Vec<_>>()
            .join(","),
        resources
            .iter()
            .map(|r| format!("\"{r}\""))
            .collect::<Vec<_>>()
            .join(",")
    )
}

fn policy(statements: &[String]) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",")
    )
}

fn trust(principal: &str, condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"{condition}}}]}}"#
    )
}

fn role_arn(a: usize, i: usize) -> String {
    format!("arn:aws:iam::{}:role/team{}-role{i}", ACCOUNTS[a], i % 10)
}

fn world() -> (World, UserId) {
    let mut w = World::new(99);
    let accounts: Vec<AccountId> = ACCOUNTS
        .iter()
        .map(|a| w.add_account(a, None).unwrap())
        .collect();
    w.create_organization(&accounts[0]).unwrap();
    for a in &accounts[1..] {
        w.place_account(a, &OrgParent::Root).unwrap();
    }
    let mut rng = Lcg(7);
    let mut users = Vec::new();
    for (ai, a) in accounts.iter().enumerate() {
        for u in 0..USERS_PER_ACCOUNT {
            let id = w.create_user(a, &format!("user{u}"), "/").unwrap();
            let team = u % 10;
            let assume = vec![format!("arn:aws:iam::{}:role/team{team}-*", ACCOUNTS[ai])];
            let s = [
                statement("Allow", &["sts:AssumeRole".into()], &assume),
                statement(
                    "Allow",
                    &["s3:Get*".into(), "s3:List*".into()],
                    &["*".into()],
                ),
            ];
            w.put_inline_policy(&IdentityId::User(id.clone()), "Team", &policy(&s))
                .unwrap();
            users.push((ai, id));
        }
    }
    let mut roles: Vec<(usize, usize, RoleId)> = Vec::new();
    for (ai, a) in accounts.iter().enumerate() {
        for i in 0..ROLES_PER_ACCOUNT {
            let name = format!("team{}-role{i}", i % 10);
            let placeholder = trust(
                &format!(r#"{{"AWS":"arn:aws:iam::{}:root"}}"#, ACCOUNTS[ai]),
                "",
            );
            let id = w.create_role(a, &name, "/", &placeholder).unwrap();
            roles.push((ai, i, id));
        }
    }
    for (ai, i, id) in &roles {
        let (ai, i) = (*ai, *i);
        let t = match rng.next(10) {
            0..=3 => {
                let u = rng.next(USERS_PER_ACCOUNT);
                trust(
                    &format!(r#"{{"AWS":"arn:aws:iam::{}:user/user{u}"}}"#, ACCOUNTS[ai]),
                    "",
                )
            }
            4 | 5 => trust(
                &format!(r#"{{"AWS":"arn:aws:iam::{}:root"}}"#, ACCOUNTS[ai]),
                r#","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#,
            ),
            6 | 7 => {
                let other = rng.next(ACCOUNTS.len());
                let j = rng.next(ROLES_PER_ACCOUNT);
                let cond = if other == ai {
                    ""
                } else {
                    r#","Condition":{"StringEquals":{"sts:ExternalId":"partner"}}"#
                };
                trust(&format!(r#"{{"AWS":"{}"}}"#, role_arn(other, j)), cond)
            }
            _ => {
                let s = [
                    "ec2.amazonaws.com",
                    "lambda.amazonaws.com",
                    "ecs-tasks.amazonaws.com",
                ][rng.next(3)];
                trust(&format!(r#"{{"Service":"{s}"}}"#), "")
            }
        };
        w.set_trust_policy(id, &t).unwrap();
        let mut s = vec![statement(
            "Allow",
            &["s3:GetObject".into(), "dynamodb:Query".into()],
            &[
                format!("arn:aws:s3:::data-{ai}-{}/*", i % 20),
                format!("arn:aws:dynamodb:*:{}:table/t{i}", ACCOUNTS[ai]),
            ],
        )];
        if rng.next(10) < 3 {
            let targets: Vec<String> = (0..3)
                .map(|_| role_arn(rng.next(ACCOUNTS.len()), rng.next(ROLES_PER_ACCOUNT)))
                .collect();
            s.push(statement("Allow", &["sts:AssumeRole".into()], &targets));
        }
        if rng.next(20) == 0 {
            s.push(statement(
                "Allow",
                &["iam:PassRole".into(), "ec2:RunInstances".into()],
                &["*".into()],
            ));
        }
        w.put_inline_policy(&IdentityId::Role(id.clone()), "Work", &policy(&s))
            .unwrap();
    }
    let from = users.first().map(|(_, id)| id.clone()).unwrap();
    (w, from)
}

/// The role "Who can reach this" is asked about: the first of account 1 whose trust names
/// the account with an MFA condition (so users and roles of the account reach it).
fn asked_role(w: &World) -> Option<String> {
    w.roles
        .values()
        .filter(|r| r.account.as_str() == ACCOUNTS[0])
        .filter(|r| r.trust_policy.contains("MultiFactorAuthPresent"))
        .map(|r| r.arn.clone())
        .min()
}

/// Writes `w` as a scenario document the page opens (its layout is drawn on load).
fn write_document(w: &World, path: &str) {
    let doc = serde_json::json!({
        "type": "iam-playground",
        "version": 2,
        "title": "Reachability benchmark",
        "world": w,
    });
    match std::fs::write(path, doc.to_string()) {
        Ok(()) => println!("document written to {path}"),
        Err(e) => println!("could not write {path}: {e}"),
    }
}

fn main() {
    let t = Instant::now();
    let (w, from) = world();
    if let Ok(path) = std::env::var("REACH_BENCH_DOC") {
        write_document(&w, &path);
    }
    let role = asked_role(&w).unwrap_or_default();
    println!(
        "world: {} roles, {} users, built in {:?}",
        w.roles.len(),
        w.users.len(),
        t.elapsed()
    );
    let start = Start::User(from);
    for round in 0..3 {
        let t = Instant::now();
        let mut analysis = Analysis::new(&w);
        let prepared = t.elapsed();
        let r = black_box(analysis.reach(&start, 5));
        let reach = t.elapsed();
        let paths: usize = r.reaches.iter().map(|x| x.paths.len()).sum();
        println!(
            "round {round}: reach from {}: {} roles, {paths} paths, {} escalations in {reach:?} (of which parsing {prepared:?})",
            r.from,
            r.reaches.len(),
            r.escalations.len()
        );
        let t = Instant::now();
        let mut analysis = Analysis::new(&w);
        let who =
            black_box(analysis.who_can("s3:GetObject", "arn:aws:s3:::data-0-3/report.csv", 5));
        let paths: usize = who.principals.iter().map(|p| p.paths.len()).sum();
        println!(
            "round {round}: who-can s3:GetObject: {} principals, {paths} paths in {:?}",
            who.principals.len(),
            t.elapsed()
        );
        let t = Instant::now();
        let mut analysis = Analysis::new(&w);
        let who = black_box(analysis.who_can("sts:AssumeRole", &role, 5));
        let paths: usize = who.principals.iter().map(|p| p.paths.len()).sum();
        println!(
            "round {round}: who-can sts:AssumeRole on {role}: {} principals, {paths} paths in {:?}",
            who.principals.len(),
            t.elapsed()
        );
        let t = Instant::now();
        let mut analysis = Analysis::new(&w);
        let found = black_box(analysis.escalations());
        println!(
            "round {round}: every escalation of the world: {} in {:?}",
            found.len(),
            t.elapsed()
        );
    }
}
