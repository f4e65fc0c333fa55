//! Property tests: wildcard matching against a regex oracle; parse -> print -> parse identity.

use iam_playground::sim::policy::wildcard::{arn_match, arn_parts_match, glob_match, tokens};
use iam_playground::sim::policy::{
    from_value, parse, ActionBlock, ConditionClause, ConditionOperator, Effect, OperatorBase,
    Policy, PolicyKind, PrincipalBlock, PrincipalType, PrincipalValue, ResourceBlock, Scalar,
    SetQualifier, Statement, Values, Version,
};
use proptest::prelude::*;
use regex::Regex;

/// `*` -> any run, `?` -> any one character (Action, StringLike).
fn glob_regex(pattern: &str) -> Regex {
    let mut re = String::from("(?s)^");
    for c in pattern.chars() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).unwrap()
}

/// The Resource rule: wildcards stay inside a colon-separated segment, except a `*` that
/// is the last character of a segment (followed by `:` or the end), which may cross colons.
fn arn_regex(pattern: &str) -> Regex {
    let chars: Vec<char> = pattern.chars().collect();
    let mut re = String::from("(?s)^");
    for (i, c) in chars.iter().enumerate() {
        match c {
            '*' if matches!(chars.get(i + 1), None | Some(':')) => re.push_str(".*"),
            '*' => re.push_str("[^:]*"),
            '?' => re.push_str("[^:]"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).unwrap()
}

/// The ARN condition operators' rule as a regex: the pattern's first five colons separate
/// `arn`, partition, service, region and account, whose wildcards cannot match a colon; the
/// resource (the rest) may contain colons. A pattern without five colons matches nothing.
/// (IAM User Guide, "IAM JSON policy elements: Condition operators": "Each of the six
/// colon-delimited components of the ARN is checked separately".)
fn arn_parts_regex(pattern: &str) -> Option<Regex> {
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    if parts.len() != 6 {
        return None;
    }
    let mut re = String::from("(?s)^");
    for (i, part) in parts.iter().enumerate() {
        let resource = i == 5;
        if i > 0 {
            re.push(':');
        }
        for c in part.chars() {
            match c {
                '*' if resource => re.push_str(".*"),
                '?' if resource => re.push('.'),
                '*' => re.push_str("[^:]*"),
                '?' => re.push_str("[^:]"),
                c => re.push_str(&regex::escape(&c.to_string())),
            }
        }
    }
    re.push('$');
    Some(Regex::new(&re).unwrap())
}

/// Six-part ARNs and patterns over a small alphabet, so that parts collide often; plus
/// free text, so that values and patterns without six parts are tried too.
fn arn_like(part: &'static str, resource: &'static str) -> BoxedStrategy<String> {
    prop_oneof![
        3 => (prop::collection::vec(part, 5), resource)
            .prop_map(|(parts, r)| format!("{}:{r}", parts.join(":"))),
        1 => "[a1:*?/]{0,14}",
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arn_condition_operators_match_part_by_part(
        pattern in arn_like("[a1*?]{0,3}", "[a1:*?/]{0,5}"),
        arn in arn_like("[a1]{0,3}", "[a1:/]{0,6}"),
    ) {
        let oracle = arn_parts_regex(&pattern).is_some_and(|re| re.is_match(&arn));
        prop_assert_eq!(arn_parts_match(&tokens(&pattern), &arn), oracle);
    }

    #[test]
    fn glob_matching_agrees_with_a_regex_oracle(pattern in "[ab:*?]{0,8}", text in "[ab:]{0,10}") {
        prop_assert_eq!(glob_match(&tokens(&pattern), &text, false), glob_regex(&pattern).is_match(&text));
    }

    #[test]
    fn action_matching_ignores_case(pattern in "[aB*?]{0,6}", text in "[abAB]{0,8}") {
        let lower = glob_regex(&pattern.to_lowercase()).is_match(&text.to_lowercase());
        prop_assert_eq!(glob_match(&tokens(&pattern), &text, true), lower);
    }

    #[test]
    fn arn_matching_agrees_with_the_segment_rule(pattern in "[ab:*?/]{0,8}", text in "[ab:/]{0,10}") {
        prop_assert_eq!(arn_match(&tokens(&pattern), &text), arn_regex(&pattern).is_match(&text));
    }

    #[test]
    fn long_patterns_agree_with_the_regex_oracles(pattern in "[ab:*?]{0,40}", text in "[ab:]{0,60}") {
        let toks = tokens(&pattern);
        prop_assert_eq!(glob_match(&toks, &text, false), glob_regex(&pattern).is_match(&text));
        prop_assert_eq!(arn_match(&toks, &text), arn_regex(&pattern).is_match(&text));
    }

    #[test]
    fn non_ascii_case_folding_agrees_with_lowercase(pattern in "[aÄäÉé*?]{0,8}", text in "[aAÄäÉé]{0,10}") {
        let lower = glob_regex(&pattern.to_lowercase()).is_match(&text.to_lowercase());
        prop_assert_eq!(glob_match(&tokens(&pattern), &text, true), lower);
    }
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just("plain".to_string()),
        Just("with \"quotes\" and \\ backslash".to_string()),
        Just("ünïcödé ☃".to_string()),
        "[a-z0-9/_.-]{1,12}",
    ]
    .boxed()
}

fn string_values(inner: BoxedStrategy<String>) -> impl Strategy<Value = Values<String>> {
    prop_oneof![
        inner.clone().prop_map(Values::one),
        prop::collection::vec(inner, 0..3).prop_map(Values::many),
    ]
}

fn action() -> BoxedStrategy<String> {
    prop_oneof![Just("*".to_string()), "[a-z0-9]{1,6}:[A-Za-z*?]{1,10}"].boxed()
}

fn resource() -> BoxedStrategy<String> {
    prop_oneof![
        Just("*".to_string()),
        text().prop_map(|t| format!("arn:aws:s3:::bucket/{t}")),
        "[a-z0-9*]{0,6}".prop_map(|r| format!("arn:aws:iam::111122223333:role/{r}")),
    ]
    .boxed()
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        text().prop_map(Scalar::String),
        (0u32..100_000).prop_map(|n| Scalar::Number(n.to_string())),
        any::<bool>().prop_map(Scalar::Bool),
    ]
}

fn operator() -> impl Strategy<Value = ConditionOperator> {
    let base = prop::sample::select(OperatorBase::ALL.to_vec());
    let qualifier = prop_oneof![
        Just(None),
        Just(Some(SetQualifier::ForAnyValue)),
        Just(Some(SetQualifier::ForAllValues))
    ];
    (qualifier, base, any::<bool>()).prop_map(|(q, b, if_exists)| {
        ConditionOperator::new(q, b, if_exists && b != OperatorBase::Null)
    })
}

/// Grouped by operator with distinct operators and keys, as printing regroups them.
fn conditions() -> impl Strategy<Value = Vec<ConditionClause>> {
    prop::collection::vec(
        (
            operator(),
            prop::collection::vec(scalar(), 1..3),
            any::<bool>(),
        ),
        0..4,
    )
    .prop_map(|ops| {
        let mut seen: Vec<String> = Vec::new();
        let mut out = Vec::new();
        for (i, (op, values, list)) in ops.into_iter().enumerate() {
            if seen.contains(&op.raw) {
                continue;
            }
            seen.push(op.raw.clone());
            for k in 0..2 {
                let values = if list {
                    Values::many(values.clone())
                } else {
                    Values::one(values[0].clone())
                };
                out.push(ConditionClause {
                    operator: op.clone(),
                    key: format!("aws:Key{i}x{k}"),
                    values,
                });
            }
        }
        out
    })
}

fn principal() -> impl Strategy<Value = PrincipalBlock> {
    let value = prop_oneof![
        Just(PrincipalValue::Any),
        string_values(
            prop_oneof![
                Just("*".to_string()),
                Just("111122223333".to_string()),
                Just("arn:aws:iam::111122223333:user/alice".to_string())
            ]
            .boxed()
        )
        .prop_map(|v| PrincipalValue::Map(vec![(PrincipalType::Aws, v)])),
        Just(PrincipalValue::Map(vec![
            (
                PrincipalType::Service,
                Values::one("lambda.amazonaws.com".to_string())
            ),
            (
                PrincipalType::Aws,
                Values::many(vec!["444455556666".to_string()])
            ),
        ])),
    ];
    (any::<bool>(), value).prop_map(|(negated, value)| PrincipalBlock { negated, value })
}

fn policy(kind: PolicyKind) -> impl Strategy<Value = Policy> {
    let statement = (
        any::<bool>(),
        any::<bool>(),
        string_values(action()),
        any::<bool>(),
        string_values(resource()),
        conditions(),
        principal(),
    )
        .prop_map(
            move |(allow, neg_a, actions, neg_r, resources, condition, principal)| Statement {
                sid: None,
                effect: if allow { Effect::Allow } else { Effect::Deny },
                principal: (kind == PolicyKind::Resource).then_some(principal),
                action: ActionBlock {
                    negated: neg_a,
                    values: actions,
                },
                resource: Some(ResourceBlock {
                    negated: neg_r,
                    values: resources,
                }),
                condition,
            },
        );
    (
        prop_oneof![
            Just(None),
            Just(Some(Version::V2012_10_17)),
            Just(Some(Version::V2008_10_17))
        ],
        prop::option::of("[A-Za-z0-9-]{1,10}"),
        prop::collection::vec((statement, any::<bool>()), 1..4),
        any::<bool>(),
    )
        .prop_map(|(version, id, statements, list)| {
            let n = statements.len();
            let statements = statements
                .into_iter()
                .enumerate()
                .map(|(i, (mut s, with_sid))| {
                    s.sid = with_sid.then(|| format!("Stmt{i}"));
                    s
                })
                .collect();
            Policy {
                version,
                id,
                statements,
                statement_list: list || n != 1,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn identity_policy_parse_print_parse_is_identity(p in policy(PolicyKind::Identity)) {
        let printed = p.to_json();
        let back = parse(&printed, PolicyKind::Identity);
        prop_assert_eq!(back.policy.as_ref(), Some(&p), "{}\n{:#?}", printed, back.findings);
        prop_assert_eq!(from_value(&p.to_value(), PolicyKind::Identity).ok(), Some(p));
    }

    #[test]
    fn resource_policy_parse_print_parse_is_identity(p in policy(PolicyKind::Resource)) {
        let printed = p.to_json();
        let back = parse(&printed, PolicyKind::Resource);
        prop_assert_eq!(back.policy.as_ref(), Some(&p), "{}\n{:#?}", printed, back.findings);
    }
}
