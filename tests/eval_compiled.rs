//! The compiled evaluator decides as the plain one: the same decision, deciding policy type
//! and message on generated policies and requests, and, when a trace is asked for, the same
//! trace, statement by statement.

use iam_playground::sim::eval::compiled::{self, Detail, PolicySet};
use iam_playground::sim::eval::{
    evaluate, ContextValue, EvalRequest, NamedPolicy, Organization, PrincipalInfo, ResourceInfo,
    SessionInfo,
};
use iam_playground::sim::policy::{
    ActionBlock, ConditionClause, ConditionOperator, Effect, OperatorBase, Policy, PrincipalBlock,
    PrincipalType, PrincipalValue, ResourceBlock, Scalar, SetQualifier, Statement, Values, Version,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn pick(items: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(items).prop_map(str::to_string).boxed()
}

/// Actions and patterns from one small pool, so that they meet often; with mixed case and a
/// Kelvin sign (it lowercases to an ASCII `k`).
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "S3:getobject",
    "iam:PassRole",
    "sts:AssumeRole",
    "ec2:DescribeInstances",
    "kms:Decrypt",
    "\u{212A}ms:Decrypt",
    "nocolon",
];
const ACTION_PATTERNS: &[&str] = &[
    "*",
    "s3:*",
    "s3:Get*",
    "S3:GET*",
    "s3:GetObject",
    "*:Get*",
    "s3*",
    "iam:Pass?ole",
    "sts:AssumeRole",
    "ec2:Describe*",
    "kms:*",
    "KMS:decrypt",
    "nocolon",
    "s3:*Object",
];
const RESOURCES: &[&str] = &[
    "",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::bucket/home/alice/x.txt",
    "arn:aws:s3:::bucket/home/bob/x.txt",
    "arn:aws:iam::111122223333:role/Deploy",
    "arn:aws:kms:us-east-1:111122223333:key/1",
    "arn:aws:logs:us-east-1:444455556666:log-group:g:log-stream:s",
];
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::bucket/*",
    "arn:aws:s3:::bucket/home/${aws:username}/*",
    "arn:aws:s3:::bucket/home/${aws:PrincipalTag/team, 'alice'}/*",
    "arn:aws:s3:::*/home/*",
    "arn:aws:s3:::b?cket*",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::111122223333:role/Deploy",
    "arn:aws:*:*:111122223333:*",
    "arn:aws:logs:*:log-group:*",
    "arn:aws:s3:::bucket/home/${aws:nokey}/*",
    "arn:aws:s3:::bucket/${*}",
];
const KEYS: &[&str] = &[
    "aws:Key0",
    "AWS:key0",
    "aws:Key1",
    "aws:username",
    "aws:PrincipalTag/team",
    "aws:SourceIp",
    "aws:CurrentTime",
    "aws:MultiFactorAuthPresent",
    "aws:PrincipalArn",
    "aws:ResourceAccount",
    "aws:Missing",
];
const VALUES: &[&str] = &[
    "alice",
    "ALICE",
    "blue",
    "a*",
    "?lue",
    "true",
    "False",
    "10",
    "2.5",
    "x",
    "2026-01-01T00:00:00Z",
    "1700000000",
    "203.0.113.0/24",
    "203.0.113.7",
    "2001:db8::/32",
    "arn:aws:iam::111122223333:*",
    "arn:aws:iam::111122223333:role/Deploy",
    "${aws:username}",
    "${aws:PrincipalTag/team}",
    "${aws:nokey, 'blue'}",
    "${aws:nokey}",
];

fn values(pool: &'static [&'static str], max: usize) -> BoxedStrategy<Values<String>> {
    prop_oneof![
        pick(pool).prop_map(Values::one),
        prop::collection::vec(pick(pool), 1..max).prop_map(Values::many),
    ]
    .boxed()
}

fn clause() -> impl Strategy<Value = ConditionClause> {
    let qualifier = prop_oneof![
        3 => Just(None),
        1 => Just(Some(SetQualifier::ForAnyValue)),
        1 => Just(Some(SetQualifier::ForAllValues))
    ];
    (
        qualifier,
        prop::sample::select(OperatorBase::ALL.to_vec()),
        any::<bool>(),
        pick(KEYS),
        prop::collection::vec(pick(VALUES), 1..3),
    )
        .prop_map(|(q, b, if_exists, key, vs)| ConditionClause {
            operator: ConditionOperator::new(q, b, if_exists && b != OperatorBase::Null),
            key,
            values: Values::many(vs.into_iter().map(Scalar::String).collect()),
        })
}

fn principal() -> impl Strategy<Value = PrincipalBlock> {
    let aws = pick(&[
        "*",
        "111122223333",
        "arn:aws:iam::111122223333:root",
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:role/Deploy",
        "arn:aws:sts::111122223333:assumed-role/Deploy/s1",
        "444455556666",
    ]);
    let value = prop_oneof![
        1 => Just(PrincipalValue::Any),
        4 => prop::collection::vec(aws, 1..4)
            .prop_map(|v| PrincipalValue::Map(vec![(PrincipalType::Aws, Values::many(v))])),
        1 => Just(PrincipalValue::Map(vec![
            (PrincipalType::Service, Values::one("lambda.amazonaws.com".to_string())),
            (PrincipalType::Federated, Values::one("arn:aws:iam::111122223333:oidc-provider/idp".to_string())),
        ])),
    ];
    (prop::bool::weighted(0.2), value)
        .prop_map(|(negated, value)| PrincipalBlock { negated, value })
}

fn policy(with_principal: bool) -> impl Strategy<Value = Policy> {
    let statement = (
        prop::bool::weighted(0.7),
        prop::bool::weighted(0.15),
        values(ACTION_PATTERNS, 4),
        prop::option::weighted(
            0.9,
            (prop::bool::weighted(0.15), values(RESOURCE_PATTERNS, 4)),
        ),
        prop::collection::vec(clause(), 0..3),
        principal(),
    )
        .prop_map(
            move |(allow, neg_a, actions, resource, condition, principal)| Statement {
                sid: Some("S".to_string()),
                effect: if allow { Effect::Allow } else { Effect::Deny },
                principal: with_principal.then_some(principal),
                action: ActionBlock {
                    negated: neg_a,
                    values: actions,
                },
                resource: resource.map(|(negated, values)| ResourceBlock { negated, values }),
                condition,
            },
        );
    let version = prop_oneof![
        3 => Just(Some(Version::V2012_10_17)),
        1 => Just(Some(Version::V2008_10_17)),
        1 => Just(None)
    ];
    (version, prop::collection::vec(statement, 1..5)).prop_map(|(version, statements)| Policy {
        version,
        id: None,
        statements,
        statement_list: true,
    })
}

fn named(
    prefix: &'static str,
    p: impl Strategy<Value = Policy>,
) -> impl Strategy<Value = NamedPolicy> {
    p.prop_map(move |p| NamedPolicy::new(prefix, p))
}

fn caller() -> impl Strategy<Value = PrincipalInfo> {
    let tags = prop::option::of(pick(&["blue", "alice", "green"])).prop_map(|t| {
        t.map(|t| ("team".to_string(), t))
            .into_iter()
            .collect::<BTreeMap<_, _>>()
    });
    let session = SessionInfo {
        role_arn: Some("arn:aws:iam::111122223333:role/Deploy".to_string()),
        mfa: true,
        mfa_age_seconds: Some(30),
        federated_provider: Some("arn:aws:iam::111122223333:oidc-provider/idp".to_string()),
        ..SessionInfo::default()
    };
    let kind = prop_oneof![
        Just(("arn:aws:iam::111122223333:user/alice", None, None)),
        Just(("arn:aws:iam::111122223333:root", None, None)),
        Just((
            "arn:aws:sts::111122223333:assumed-role/Deploy/s1",
            Some(session),
            None
        )),
        Just(("arn:aws:iam::444455556666:user/eve", None, None)),
        Just(("arn:aws:sts::111122223333:federated-user/fed", None, None)),
        Just(("", None, Some("lambda.amazonaws.com".to_string()))),
        Just(("arn:aws:iam::111122223333:role/Deploy", None, None)),
    ];
    (kind, tags).prop_map(|((arn, session, service), tags)| PrincipalInfo {
        arn: arn.to_string(),
        id: Some("AIDAEXAMPLE".to_string()),
        tags,
        session,
        service,
        ..PrincipalInfo::default()
    })
}

fn context() -> impl Strategy<Value = BTreeMap<String, ContextValue>> {
    let value = prop_oneof![
        3 => pick(VALUES).prop_map(ContextValue::Single),
        1 => prop::collection::vec(pick(VALUES), 0..3).prop_map(ContextValue::Multi),
    ];
    prop::collection::btree_map(pick(KEYS), value, 0..5)
}

fn levels() -> impl Strategy<Value = Vec<Vec<NamedPolicy>>> {
    prop::collection::vec(
        prop::collection::vec(named("scp", policy(false)), 1..3),
        0..3,
    )
}

fn request() -> impl Strategy<Value = EvalRequest> {
    let policies = (
        prop::collection::vec(named("identity", policy(false)), 0..3),
        prop::option::of(named("arn:aws:s3:::bucket", policy(true))),
        prop::option::weighted(0.3, named("boundary", policy(false))),
        prop::collection::vec(named("session", policy(false)), 0..2),
        levels(),
        levels(),
    );
    let org =
        prop::option::of(prop_oneof![Just("111122223333"), Just("999999999999")]).prop_map(|m| {
            m.map(|management| Organization {
                id: "o-example".to_string(),
                management_account: management.to_string(),
                accounts: [("111122223333", "o-example/r-1/"), ("444455556666", "")]
                    .iter()
                    .map(|(a, p)| (a.to_string(), p.to_string()))
                    .collect(),
            })
        });
    (
        caller(),
        pick(ACTIONS),
        pick(RESOURCES),
        context(),
        policies,
        org,
    )
        .prop_map(
            |(
                principal,
                action,
                arn,
                context,
                (identity, resource, boundary, session, scps, rcps),
                organization,
            )| {
                EvalRequest {
                    principal,
                    action,
                    resource: ResourceInfo {
                        arn,
                        ..ResourceInfo::default()
                    },
                    context,
                    identity_policies: identity,
                    resource_policy: resource,
                    permissions_boundary: boundary,
                    session_policies: session,
                    scps,
                    rcps,
                    organization,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn compiled_and_plain_evaluators_agree_on_decision_and_trace(req in request()) {
        let plain = evaluate(&req);
        let set = PolicySet::compile(&req);
        let traced = compiled::evaluate(&req, &set, Detail::Trace);
        prop_assert_eq!(&traced, &plain);
        let quick = compiled::evaluate(&req, &set, Detail::Decision);
        prop_assert_eq!(
            (quick.decision, quick.decided_by, &quick.message),
            (plain.decision, plain.decided_by, &plain.message)
        );
        prop_assert!(quick.trace.policies.is_empty() && quick.trace.steps.is_empty());
    }
}

/// `iam-eval`'s evaluator, which compiles each distinct policy text once, answers every line
/// with the very text the plain `evaluate_json` gives: corpus requests, errors of every kind,
/// and the same lines again once their policies are cached.
#[test]
fn batch_evaluator_answers_exactly_as_evaluate_json() {
    use iam_playground::sim::eval::batch::Evaluator;
    use iam_playground::sim::eval::evaluate_json;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut lines: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("readable")).expect("JSON");
            case["request"].to_string()
        })
        .collect();
    assert!(lines.len() >= 20);
    let alice =
        r#""principal":{"arn":"arn:aws:iam::111122223333:user/alice"},"action":"s3:GetObject""#;
    let allow =
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#;
    lines.extend([
        "not json".to_string(),
        "{}".to_string(),
        format!(r#"{{{alice},"typo":1}}"#),
        format!(r#"{{"principal":{{}},"action":"s3:GetObject","identity_policies":[{allow}]}}"#),
        format!(r#"{{{alice},"identity_policies":[{allow},{{"Statement":[]}}]}}"#),
        format!(r#"{{{alice},"identity_policies":[{{"name":"N","document":{allow},"x":1}}]}}"#),
        format!(r#"{{{alice},"identity_policies":[{{"name":"Named","document":{allow}}}],"scps":[[{allow}],[{{"Statement":1e400}}]]}}"#),
        format!(r#"{{"principal":{{"arn":"arn:aws:iam::111122223333:role/R"}},"action":"s3:GetObject","identity_policies":[{allow}]}}"#),
        format!(r#"{{{alice},"context":{{"aws:SourceIp":{{}}}},"identity_policies":[{allow}]}}"#),
        format!(r#"{{{alice},"resource_policy":{allow},"permissions_boundary":{allow}}}"#),
    ]);
    let mut batch = Evaluator::new();
    for round in 0..2 {
        for line in &lines {
            assert_eq!(
                batch.evaluate_json(line),
                evaluate_json(line),
                "round {round}: {line}"
            );
        }
    }
}
