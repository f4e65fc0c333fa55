//! Property: a world exported as GAAD and imported again is the same world, in both forms
//! (CLI: policies as JSON objects, the same JSON; API: URL-encoded, the very same text),
//! apart from what GAAD does not hold (keys, MFA, passwords, session duration, role
//! descriptions, aliases, instance profiles without a role, the id generator's state, and
//! accounts with no IAM entity at all).

use iam_playground::sim::gaad::{export_gaad, import_texts, GaadForm};
use iam_playground::sim::ids::AccountId;
use iam_playground::sim::world::{IdentityId, Tag, World};
use proptest::prelude::*;
use serde_json::Value;

const ACCOUNTS: &[&str] = &["111122223333", "444455556666"];
const NAMES: &[&str] = &[
    "alice",
    "Bob",
    "deploy.bot",
    "ci+runner",
    "x@y.z",
    "ops_team",
    "a-b",
    "W=1",
];
const PATHS: &[&str] = &["/", "/eng/", "/eng/team/", "/service-role/"];
const DOCS: &[&str] = &[
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
    "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Deny\",\n            \"NotAction\": [\"iam:*\", \"sts:*\"],\n            \"Resource\": \"*\"\n        }\n    ]\n}",
    r#"{"Version":"2012-10-17","Statement":[{"Sid":"Own","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"caf\u00e9 100% 'ok'"}}}]}"#,
];
const MANAGED: &[&str] = &[
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
];

#[derive(Debug, Clone)]
enum Op {
    User(usize, usize, usize),
    Group(usize, usize, usize),
    Role(usize, usize, usize),
    Policy(usize, usize, usize),
    Version(usize, usize, bool),
    Join(usize, usize),
    AttachAws(usize, usize, usize),
    AttachOwn(usize, usize, usize),
    Inline(usize, usize, usize, usize),
    Boundary(usize, usize, usize),
    Tags(usize, usize, usize),
    Profile(usize, usize),
    Session(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..8;
    prop_oneof![
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::User(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Group(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Role(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Policy(a, b, c)),
        (i.clone(), i.clone(), any::<bool>()).prop_map(|(a, b, c)| Op::Version(a, b, c)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Join(a, b)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::AttachAws(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::AttachOwn(a, b, c)),
        (i.clone(), i.clone(), i.clone(), i.clone())
            .prop_map(|(a, b, c, d)| Op::Inline(a, b, c, d)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Boundary(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Tags(a, b, c)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Profile(a, b)),
        i.prop_map(Op::Session),
    ]
}

fn pick<T: Clone>(items: impl Iterator<Item = T>, n: usize) -> Option<T> {
    let v: Vec<T> = items.collect();
    (!v.is_empty()).then(|| v[n % v.len()].clone())
}

fn acct(n: usize) -> AccountId {
    AccountId::new(ACCOUNTS[n % ACCOUNTS.len()])
}

fn identity(w: &World, kind: usize, n: usize) -> Option<IdentityId> {
    match kind % 3 {
        0 => pick(w.users.keys().cloned(), n).map(IdentityId::User),
        1 => pick(w.groups.keys().cloned(), n).map(IdentityId::Group),
        _ => pick(w.roles.keys().cloned(), n).map(IdentityId::Role),
    }
}

/// Applies an operation through the world's own API; refusals are fine (they change nothing).
fn apply(w: &mut World, op: &Op) {
    let trust = |who: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    };
    match *op {
        Op::User(a, n, p) => drop(w.create_user(&acct(a), NAMES[n], PATHS[p % PATHS.len()])),
        Op::Group(a, n, p) => drop(w.create_group(&acct(a), NAMES[n], PATHS[p % PATHS.len()])),
        Op::Role(a, n, p) => {
            let who = pick(w.users.values().map(|u| u.arn.clone()), n)
                .unwrap_or(format!("arn:aws:iam::{}:root", acct(a)));
            drop(w.create_role(&acct(a), NAMES[n], PATHS[p % PATHS.len()], &trust(&who)))
        }
        Op::Policy(a, n, d) => drop(w.create_policy(
            &acct(a),
            NAMES[n],
            PATHS[n % PATHS.len()],
            DOCS[d % DOCS.len()],
            if d % 2 == 0 { "" } else { "what it is for" },
        )),
        Op::Version(p, d, default) => {
            if let Some(id) = pick(w.policies.keys().cloned(), p) {
                drop(w.create_policy_version(&id, DOCS[d % DOCS.len()], default));
            }
        }
        Op::Join(u, g) => {
            if let (Some(u), Some(g)) = (
                pick(w.users.keys().cloned(), u),
                pick(w.groups.keys().cloned(), g),
            ) {
                drop(w.add_user_to_group(&u, &g));
            }
        }
        Op::AttachAws(k, n, p) => {
            if let Some(who) = identity(w, k, n) {
                drop(w.attach_policy(&who, MANAGED[p % MANAGED.len()]));
            }
        }
        Op::AttachOwn(k, n, p) => {
            if let (Some(who), Some(arn)) = (
                identity(w, k, n),
                pick(w.policies.values().map(|x| x.arn.clone()), p),
            ) {
                drop(w.attach_policy(&who, &arn));
            }
        }
        Op::Inline(k, n, name, d) => {
            if let Some(who) = identity(w, k, n) {
                drop(w.put_inline_policy(&who, NAMES[name], DOCS[d % DOCS.len()]));
            }
        }
        Op::Boundary(k, n, p) => {
            let arn = pick(
                w.policies
                    .values()
                    .map(|x| x.arn.clone())
                    .chain(MANAGED.iter().map(|s| s.to_string())),
                p,
            );
            if let (Some(who), Some(arn)) = (identity(w, k, n), arn) {
                drop(w.set_permissions_boundary(&who, Some(&arn)));
            }
        }
        Op::Tags(k, n, t) => {
            if let Some(who) = identity(w, k, n) {
                drop(w.set_tags(
                    &who,
                    vec![Tag::new("team", NAMES[t]), Tag::new("cost center", "42")],
                ));
            }
        }
        Op::Profile(r, n) => {
            if let Some(role) = pick(
                w.roles
                    .values()
                    .map(|x| (x.role_id.clone(), x.account.clone())),
                r,
            ) {
                if let Ok(p) = w.create_instance_profile(&role.1, NAMES[n], "/") {
                    drop(w.add_role_to_instance_profile(&p, &role.0));
                }
            }
        }
        Op::Session(r) => {
            if let Some(id) = pick(w.roles.keys().cloned(), r) {
                drop(w.set_max_session_duration(&id, 7200));
            }
        }
    }
}

/// The world as JSON with what GAAD does not hold set to what an import gives, and (for the
/// CLI form) every policy text parsed, since the CLI prints policies as objects.
fn comparable(w: &World, parse_policies: bool) -> Value {
    let mut w = w.clone();
    w.id_gen = World::new(0).id_gen;
    for a in w.accounts.values_mut() {
        a.alias = None;
    }
    // GAAD has no account id field: an account is known from its entities' ARNs, so an
    // account with no IAM entity leaves no trace in its file.
    let used: Vec<AccountId> = w
        .users
        .values()
        .map(|u| u.account.clone())
        .chain(w.groups.values().map(|g| g.account.clone()))
        .chain(w.roles.values().map(|r| r.account.clone()))
        .chain(w.policies.values().map(|p| p.account.clone()))
        .collect();
    w.accounts.retain(|a, _| used.contains(a));
    for u in w.users.values_mut() {
        u.access_keys.clear();
        u.mfa_device = None;
        u.console_password = false;
    }
    for r in w.roles.values_mut() {
        r.max_session_duration = 3600;
        r.description.clear();
    }
    w.instance_profiles.retain(|_, p| p.role.is_some());
    let mut v = serde_json::to_value(&w).unwrap();
    if parse_policies {
        parse_texts(&mut v);
    }
    v
}

/// Replaces every string that is a JSON object (a policy text) by the object.
fn parse_texts(v: &mut Value) {
    match v {
        Value::String(s) if s.trim_start().starts_with('{') => {
            if let Ok(parsed) = serde_json::from_str::<Value>(s) {
                *v = parsed;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(parse_texts),
        Value::Object(o) => o.values_mut().for_each(parse_texts),
        _ => {}
    }
}

fn start() -> World {
    let mut w = World::new(7);
    for a in ACCOUNTS {
        w.add_account(a, None).unwrap();
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn world_to_gaad_to_world_is_the_same_world(ops in proptest::collection::vec(op(), 1..50)) {
        let mut w = start();
        for op in &ops {
            apply(&mut w, op);
        }
        let (api, report) = import_texts(&[&export_gaad(&w, GaadForm::Api)], 7).unwrap();
        prop_assert!(report.unparsed.is_empty() && report.missing.is_empty(), "{:?}", report);
        prop_assert_eq!(comparable(&api, false), comparable(&w, false));
        let (cli, _) = import_texts(&[&export_gaad(&w, GaadForm::Cli)], 7).unwrap();
        prop_assert_eq!(comparable(&cli, true), comparable(&w, true));
        prop_assert!(api.check_invariants().is_empty(), "{:?}", api.check_invariants());
    }
}
