//! Property tests: any sequence of operations, accepted or refused, leaves a consistent world
//! that saves and loads unchanged; ids never change under renames and moves.

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::world::org::{OrgParent, OrgPolicyType, OrgTarget};
use iam_playground::sim::world::{AccessKeyStatus, IdentityId, Tag, World};
use proptest::prelude::*;

const NAMES: &[&str] = &[
    "alice",
    "Alice",
    "bob",
    "Deploy",
    "Developers",
    "ops",
    "a b",
    "x@y.z",
];
const PATHS: &[&str] = &["/", "/eng/", "/eng/team/", "bad"];
const POLICIES: &[&str] = &[
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    "arn:aws:iam::111122223333:policy/ops",
    "arn:aws:iam::444455556666:policy/ops",
    "arn:aws:iam::aws:policy/Nope",
];
const DOC: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;

#[derive(Debug, Clone)]
enum Op {
    CreateUser(usize, usize, usize),
    CreateGroup(usize, usize, usize),
    CreateRole(usize, usize, usize),
    CreatePolicy(usize, usize),
    RenameUser(usize, usize),
    RenameRole(usize, usize),
    MoveUser(usize, usize),
    MoveRole(usize, usize),
    MoveGroup(usize, usize),
    DeleteUser(usize),
    DeleteGroup(usize),
    DeleteRole(usize),
    DeletePolicy(usize),
    AddToGroup(usize, usize),
    Attach(usize, usize, usize),
    Detach(usize, usize, usize),
    Boundary(usize, usize),
    AccessKey(usize, u8),
    Profile(usize, usize),
    Org(usize, usize),
    Tags(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..8;
    prop_oneof![
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::CreateUser(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::CreateGroup(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::CreateRole(a, b, c)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::CreatePolicy(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::RenameUser(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::RenameRole(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MoveUser(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MoveRole(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::MoveGroup(a, b)),
        i.clone().prop_map(Op::DeleteUser),
        i.clone().prop_map(Op::DeleteGroup),
        i.clone().prop_map(Op::DeleteRole),
        i.clone().prop_map(Op::DeletePolicy),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::AddToGroup(a, b)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Attach(a, b, c)),
        (i.clone(), i.clone(), i.clone()).prop_map(|(a, b, c)| Op::Detach(a, b, c)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Boundary(a, b)),
        (i.clone(), 0u8..5).prop_map(|(a, b)| Op::AccessKey(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Profile(a, b)),
        (i.clone(), i.clone()).prop_map(|(a, b)| Op::Org(a, b)),
        (i.clone(), i).prop_map(|(a, b)| Op::Tags(a, b)),
    ]
}

fn nth<K: Clone, V>(map: &std::collections::BTreeMap<K, V>, n: usize) -> Option<K> {
    if map.is_empty() {
        return None;
    }
    map.keys().nth(n % map.len()).cloned()
}

fn account(w: &World, n: usize) -> AccountId {
    nth(&w.accounts, n).unwrap()
}

fn identity(w: &World, kind: usize, n: usize) -> Option<IdentityId> {
    match kind % 3 {
        0 => nth(&w.users, n).map(IdentityId::User),
        1 => nth(&w.groups, n).map(IdentityId::Group),
        _ => nth(&w.roles, n).map(IdentityId::Role),
    }
}

/// Applies one operation; refusals are fine, only consistency matters here.
fn apply(w: &mut World, op: &Op) {
    let name = |n: usize| NAMES[n % NAMES.len()];
    let path = |n: usize| PATHS[n % PATHS.len()];
    let policy = |n: usize| POLICIES[n % POLICIES.len()];
    let _ = match op.clone() {
        Op::CreateUser(a, n, p) => w.create_user(&account(w, a), name(n), path(p)).map(drop),
        Op::CreateGroup(a, n, p) => w.create_group(&account(w, a), name(n), path(p)).map(drop),
        Op::CreateRole(a, n, p) => w
            .create_role(&account(w, a), name(n), path(p), DOC)
            .map(drop),
        Op::CreatePolicy(a, n) => w
            .create_policy(&account(w, a), name(n), "/", DOC, "")
            .map(drop),
        Op::RenameUser(u, n) => match nth(&w.users, u) {
            Some(id) => w.rename_user(&id, name(n), Some(path(n))),
            None => Ok(()),
        },
        Op::RenameRole(r, n) => match nth(&w.roles, r) {
            Some(id) => w.rename_role(&id, name(n), None),
            None => Ok(()),
        },
        Op::MoveUser(u, a) => match nth(&w.users, u) {
            Some(id) => w.move_user(&id, &account(w, a)),
            None => Ok(()),
        },
        Op::MoveRole(r, a) => match nth(&w.roles, r) {
            Some(id) => w.move_role(&id, &account(w, a)),
            None => Ok(()),
        },
        Op::MoveGroup(g, a) => match nth(&w.groups, g) {
            Some(id) => w.move_group(&id, &account(w, a)),
            None => Ok(()),
        },
        Op::DeleteUser(u) => nth(&w.users, u).map_or(Ok(()), |id| w.delete_user(&id)),
        Op::DeleteGroup(g) => nth(&w.groups, g).map_or(Ok(()), |id| w.delete_group(&id)),
        Op::DeleteRole(r) => nth(&w.roles, r).map_or(Ok(()), |id| w.delete_role(&id)),
        Op::DeletePolicy(p) => nth(&w.policies, p).map_or(Ok(()), |id| w.delete_policy(&id)),
        Op::AddToGroup(u, g) => match (nth(&w.users, u), nth(&w.groups, g)) {
            (Some(u), Some(g)) => w.add_user_to_group(&u, &g),
            _ => Ok(()),
        },
        Op::Attach(k, n, p) => {
            identity(w, k, n).map_or(Ok(()), |who| w.attach_policy(&who, policy(p)))
        }
        Op::Detach(k, n, p) => {
            identity(w, k, n).map_or(Ok(()), |who| w.detach_policy(&who, policy(p)))
        }
        Op::Boundary(n, p) => identity(w, 0, n).map_or(Ok(()), |who| {
            w.set_permissions_boundary(&who, Some(policy(p)))
        }),
        Op::AccessKey(u, action) => match nth(&w.users, u) {
            Some(id) => match (action, w.user(&id).unwrap().access_keys.first().cloned()) {
                (0 | 1, _) => w.create_access_key(&id, 1).map(drop),
                (2, Some(k)) => {
                    w.set_access_key_status(&id, &k.access_key_id, AccessKeyStatus::Inactive)
                }
                (3, Some(k)) => w.rotate_access_key(&id, &k.access_key_id, 2).map(drop),
                (_, Some(k)) => w.delete_access_key(&id, &k.access_key_id),
                _ => Ok(()),
            },
            None => Ok(()),
        },
        Op::Profile(p, r) => match (nth(&w.instance_profiles, p), nth(&w.roles, r)) {
            (Some(p), Some(r)) => w
                .remove_role_from_instance_profile(&p)
                .or(Ok(()))
                .and_then(|()| w.add_role_to_instance_profile(&p, &r)),
            _ => Ok(()),
        },
        Op::Org(a, step) => {
            let acct = account(w, a);
            if w.organization.is_none() {
                w.create_organization(&acct).map(drop)
            } else if step % 2 == 0 {
                w.create_organizational_unit(&OrgParent::Root, name(step))
                    .map(drop)
            } else {
                let ou = w
                    .organization
                    .as_ref()
                    .and_then(|o| o.ous.first().map(|o| o.id.clone()));
                let parent = ou.map_or(OrgParent::Root, OrgParent::Ou);
                w.place_account(&acct, &parent).and_then(|()| {
                    let p =
                        w.create_org_policy(OrgPolicyType::ServiceControlPolicy, "deny", DOC)?;
                    w.attach_org_policy(&p, &OrgTarget::Account(acct.clone()))
                })
            }
        }
        Op::Tags(u, n) => identity(w, 0, u).map_or(Ok(()), |who| {
            w.set_tags(
                &who,
                (0..n * 9).map(|i| Tag::new(format!("k{i}"), "v")).collect(),
            )
        }),
    };
}

fn start() -> World {
    let mut w = World::sample();
    w.add_account("444455556666", Some("prod")).unwrap();
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_operation_sequence_keeps_the_world_consistent(ops in proptest::collection::vec(op(), 1..40)) {
        let mut w = start();
        for op in &ops {
            apply(&mut w, op);
            let problems = w.check_invariants();
            prop_assert!(problems.is_empty(), "after {:?}: {:?}", op, problems);
        }
        let json = serde_json::to_string(&w).unwrap();
        let back: World = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, w);
    }

    #[test]
    fn unique_ids_survive_renames_and_moves(ops in proptest::collection::vec(op(), 1..40)) {
        let mut w = start();
        let before: Vec<_> = w.users.values().map(|u| (u.user_id.clone(), u.user_name.clone())).collect();
        for op in ops.iter().filter(|o| matches!(o, Op::RenameUser(..) | Op::MoveUser(..))) {
            apply(&mut w, op);
        }
        for (id, _) in before {
            let user = w.user(&id).unwrap();
            prop_assert_eq!(&user.user_id, &id);
            let tail = format!("{}{}", user.path.trim_start_matches('/'), user.user_name);
            prop_assert!(user.arn.ends_with(&tail), "arn {} should end with {}", user.arn, tail);
        }
    }
}

#[test]
fn sample_world_is_consistent() {
    assert_eq!(World::sample().check_invariants(), Vec::<String>::new());
}
