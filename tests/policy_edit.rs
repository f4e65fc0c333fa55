//! Edits the canvas makes to policies go through the policy AST and come back in their
//! author's layout: key order, indentation, compact or pretty, string or array.

use iam_playground::doc::command::{Command, PolicySlot};
use iam_playground::doc::document::Document;
use iam_playground::doc::scene::{EdgeKind, NodeId, Scene};
use iam_playground::doc::trust::{add_principal, remove_principal, PrincipalRef};
use iam_playground::sim::policy::edit::read_all;
use proptest::prelude::*;
use serde_json::{Map, Value};

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";

fn id_of(scene: &Scene, label: &str) -> NodeId {
    let node = scene.nodes.iter().find(|n| n.label == label);
    node.map(|n| n.id.clone()).expect(label)
}

fn trust_text(doc: &Document, role: &str) -> String {
    let r = doc.world.roles.values().find(|r| r.role_name == role);
    r.map(|r| r.trust_policy.clone()).expect(role)
}

#[test]
fn drawing_a_trust_edge_keeps_the_authors_key_order_and_indentation() {
    let mut doc = Document::seed_example();
    let s = doc.scene();
    let (bob, deploy) = (id_of(&s, "User bob"), id_of(&s, "Role Deploy"));
    // Two-space indent, Statement before Version, Action before Principal, a Sid, and a
    // line break at the end: the way this author writes.
    let authored = format!(
        "{{\n  \"Statement\": [\n    {{\n      \"Sid\": \"Alice\",\n      \"Action\": \"sts:AssumeRole\",\n      \"Principal\": {{\n        \"AWS\": \"{ALICE}\"\n      }},\n      \"Effect\": \"Allow\"\n    }}\n  ],\n  \"Version\": \"2012-10-17\"\n}}\n"
    );
    doc.apply(&Command::SetPolicyText {
        id: deploy.clone(),
        slot: PolicySlot::Trust,
        text: authored.clone(),
    })
    .unwrap();
    doc.apply(&Command::Connect {
        from: bob,
        to: deploy,
        kind: EdgeKind::Trusts,
    })
    .unwrap();
    let expected = authored.replace(
        &format!("\"AWS\": \"{ALICE}\""),
        &format!("\"AWS\": [\n          \"{ALICE}\",\n          \"{BOB}\"\n        ]"),
    );
    assert_eq!(trust_text(&doc, "Deploy"), expected);
}

#[test]
fn removing_the_last_principal_of_a_statement_removes_the_statement() {
    // alice may assume with MFA, bob without: two statements, compact as an API returns it.
    let text = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{ALICE}"}},"Action":"sts:AssumeRole","Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":true}}}}}},{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let out = remove_principal(&text, &PrincipalRef::Aws(ALICE.into())).unwrap();
    assert_eq!(
        out,
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    );
}

#[test]
fn a_principal_array_of_one_that_gains_and_loses_one_comes_back_as_a_string() {
    // The text of two principals no longer says how the one was written; one principal is
    // written as a string, as people write it (and as the playground always wrote it).
    let text = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":["{ALICE}"]}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let bob = PrincipalRef::Aws(BOB.into());
    let two = add_principal(&text, &bob, "sts:AssumeRole", None).unwrap();
    let back = remove_principal(&two, &bob).unwrap();
    assert_eq!(
        back,
        text.replace(&format!("[\"{ALICE}\"]"), &format!("\"{ALICE}\""))
    );
}

/// How a generated policy is written: the three ways the tests cover.
#[derive(Debug, Clone, Copy)]
enum Writer {
    /// `serde_json::to_string`: one line, no spaces (what APIs and the CLI return).
    Compact,
    /// Four-space pretty, what the playground writes.
    Playground,
    /// `serde_json::to_string_pretty`: two-space pretty.
    TwoSpaces,
}

fn write(v: &Value, writer: Writer) -> String {
    let pretty = |indent: &[u8]| {
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        serde::Serialize::serialize(v, &mut ser).unwrap();
        String::from_utf8(buf).unwrap()
    };
    match writer {
        Writer::Compact => serde_json::to_string(v).unwrap(),
        Writer::Playground => pretty(b"    "),
        Writer::TwoSpaces => pretty(b"  "),
    }
}

/// An object from (key, value) pairs in the order given.
fn object(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Map<_, _>>(),
    )
}

/// One string, or an array of `min_list` or more of them.
fn one_or_many(pool: &'static [&'static str], min_list: usize) -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(pool).prop_map(Value::from),
        prop::sample::subsequence(pool, min_list..=pool.len()).prop_map(Value::from),
    ]
}

const PEOPLE: &[&str] = &[
    "arn:aws:iam::111122223333:user/alice",
    "arn:aws:iam::111122223333:role/Ops",
    "444455556666",
];
const SERVICES: &[&str] = &["ec2.amazonaws.com", "lambda.amazonaws.com"];
const ACTIONS: &[&str] = &["sts:AssumeRole", "sts:TagSession", "s3:GetObject"];
const RESOURCES: &[&str] = &["arn:aws:s3:::photos/*", "*"];

/// A statement with its elements in any order. `min_list` is the shortest array a principal
/// value may be (1 lets the author write `["arn"]`).
fn statement(min_list: usize) -> impl Strategy<Value = Value> {
    let principal = prop_oneof![
        1 => Just(Value::from("*")),
        4 => (
            prop::option::of(one_or_many(PEOPLE, min_list)),
            prop::option::of(one_or_many(SERVICES, min_list)),
            any::<bool>()
        )
            .prop_map(|(aws, service, aws_first)| {
                let mut pairs = vec![];
                pairs.extend(aws.map(|v| ("AWS", v)));
                pairs.extend(service.map(|v| ("Service", v)));
                if !aws_first {
                    pairs.reverse();
                }
                object(pairs)
            }),
    ];
    let condition = prop_oneof![
        Just(object(vec![(
            "Bool",
            object(vec![("aws:MultiFactorAuthPresent", Value::from(true))])
        )])),
        Just(object(vec![(
            "StringEquals",
            object(vec![("sts:ExternalId", Value::from("x"))])
        )])),
    ];
    (
        prop::option::of("[A-Za-z0-9]{1,8}"),
        prop::bool::ANY,
        prop::option::of(principal),
        one_or_many(ACTIONS, 1),
        prop::option::of(one_or_many(RESOURCES, 1)),
        prop::option::of(condition),
        Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
    )
        .prop_map(
            |(sid, allow, principal, action, resource, condition, order)| {
                let effect = Value::from(if allow { "Allow" } else { "Deny" });
                let mut slots: Vec<Option<(&str, Value)>> = vec![
                    sid.map(|s| ("Sid", Value::from(s))),
                    Some(("Effect", effect)),
                    principal.map(|p| ("Principal", p)),
                    Some(("Action", action)),
                    resource.map(|r| ("Resource", r)),
                    condition.map(|c| ("Condition", c)),
                ];
                let pairs = order
                    .iter()
                    .filter_map(|i| slots.get_mut(*i)?.take())
                    .collect();
                object(pairs)
            },
        )
}

/// A policy: Version and Statement in either order; `single` allows a bare statement object.
fn policy(min_list: usize, single: bool) -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(statement(min_list), 0..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(move |(mut statements, version_first, bare)| {
            let st = match (single && bare, statements.len()) {
                (true, 1) => statements.pop().unwrap_or_default(),
                _ => Value::from(statements),
            };
            let mut pairs = vec![("Version", Value::from("2012-10-17")), ("Statement", st)];
            if !version_first {
                pairs.reverse();
            }
            object(pairs)
        })
}

/// Whether a statement of the policy has `"Principal": "*"`.
fn names_anyone(p: &Value) -> bool {
    let statements = match &p["Statement"] {
        Value::Array(items) => items.clone(),
        single => vec![single.clone()],
    };
    statements.iter().any(|s| s["Principal"] == "*")
}

fn writer() -> impl Strategy<Value = Writer> {
    prop_oneof![
        Just(Writer::Compact),
        Just(Writer::Playground),
        Just(Writer::TwoSpaces)
    ]
}

proptest! {
    #[test]
    fn printing_an_unchanged_policy_gives_back_its_text(p in policy(1, true), w in writer()) {
        let text = write(&p, w);
        let authored = read_all(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(authored.to_text(), text);
    }

    /// Adding a principal no statement names and removing it again gives the text back.
    /// Principal arrays here have two or more ARNs and `Statement` is an array: a text of
    /// two no longer says how one was written (see the test on arrays of one above).
    #[test]
    fn drawing_then_deleting_an_edge_gives_back_the_text(
        p in policy(2, false),
        w in writer(),
        resource in prop::option::of(prop::sample::select(RESOURCES)),
        newcomer in prop_oneof![
            Just(PrincipalRef::Aws("arn:aws:iam::111122223333:user/newcomer".into())),
            Just(PrincipalRef::Service("ecs-tasks.amazonaws.com".into())),
            Just(PrincipalRef::Everyone),
        ],
    ) {
        let text = write(&p, w);
        prop_assume!(newcomer != PrincipalRef::Everyone || !names_anyone(&p));
        let action = if resource.is_some() { "s3:GetObject" } else { "sts:AssumeRole" };
        let added = add_principal(&text, &newcomer, action, resource)
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_ne!(&added, &text);
        let back = remove_principal(&added, &newcomer)
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(back, text);
    }
}
