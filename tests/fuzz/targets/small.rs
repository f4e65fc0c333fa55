//! The small parsers: ARNs, times and durations, condition dates, CIDR blocks, policy
//! variables and wildcards, and whole conditions evaluated through `iam-eval` requests.

use super::super::mutate::{self, Limits};
use super::super::rng::Rng;
use super::super::seeds::Seeds;
use super::Verdict;
use iam_playground::sim::arn::Arn;
use iam_playground::sim::policy::condition_values::{ip_in_cidr, parse_cidr, parse_date};
use iam_playground::sim::policy::variables::{pieces, resolve_text, Piece};
use iam_playground::sim::policy::wildcard::{glob_match, tokens};
use iam_playground::sim::time::{SimDuration, SimTime};
use serde_json::{json, Value};

/// A mutated string: from the seeds' strings that `keep` accepts, or from `extra`.
fn from_pool(
    rng: &mut Rng,
    seeds: &Seeds,
    limits: Limits,
    keep: fn(&str) -> bool,
    extra: &[&str],
) -> String {
    let mut pool: Vec<&str> = seeds
        .strings
        .iter()
        .map(String::as_str)
        .filter(|s| keep(s))
        .collect();
    pool.extend_from_slice(extra);
    let base = rng.pick(&pool).copied().unwrap_or_default();
    mutate::string(rng, seeds, base, limits)
}

pub fn gen_arn(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let extra = [
        "arn:aws:iam::111122223333:role/path/Deploy",
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice",
        "arn:aws:s3:::bucket/key/with:colon",
        "arn:aws-cn:ec2:cn-north-1:111122223333:instance/i-0abc",
        "arn:aws:iam::*:role/*",
        "arn:aws:iam::111122223333:root",
    ];
    from_pool(rng, seeds, limits, |s| s.starts_with("arn:"), &extra)
}

pub fn check_arn(input: &str, _wild: bool) -> Result<Verdict, String> {
    let Ok(arn) = Arn::parse(input) else {
        return Ok(Verdict::Refused);
    };
    let _ = (
        arn.resource_type(),
        arn.resource_name(),
        arn.iam_path(),
        arn.is_iam(),
    );
    let printed = arn.to_string();
    match Arn::parse(&printed) {
        Ok(again) if again == arn => Ok(Verdict::Accepted),
        _ => Err(format!(
            "ARN {input:?} prints as {printed:?}, which parses to another ARN"
        )),
    }
}

const TIMES: [&str; 8] = [
    "2026-01-01T00:00:00Z",
    "2026-01-01T00:00:00.123Z",
    "2024-02-29T23:59:59+02:00",
    "PT1H",
    "P1D",
    "PT90S",
    "P1DT2H3M4S",
    "PT0.5S",
];

fn looks_like_time(s: &str) -> bool {
    s.starts_with('P') || (s.contains('-') && s.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

pub fn gen_time(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    from_pool(rng, seeds, limits, looks_like_time, &TIMES)
}

pub fn check_time(input: &str, _wild: bool) -> Result<Verdict, String> {
    let mut verdict = Verdict::Refused;
    if let Ok(t) = SimTime::parse_iso8601(input) {
        verdict = Verdict::Accepted;
        let _ = t.to_iso8601_offset();
        // AWS prints whole seconds, so the printed form (not the instant) is what comes back.
        let printed = t.to_iso8601();
        let again = SimTime::parse_iso8601(&printed).map(SimTime::to_iso8601);
        if again.as_ref() != Ok(&printed) {
            return Err(format!(
                "time {input:?} prints as {printed:?}, which reads back as {again:?}"
            ));
        }
    }
    if let Ok(d) = SimDuration::parse_iso8601(input) {
        verdict = Verdict::Accepted;
        let _ = d.countdown();
        let printed = d.to_iso8601();
        if SimDuration::parse_iso8601(&printed) != Ok(d) {
            return Err(format!(
                "duration {input:?} prints as {printed:?}, which reads back differently"
            ));
        }
    }
    Ok(verdict)
}

pub fn gen_date(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let extra = [
        "2020-04-01",
        "1700000000",
        "2020-01-01T00:00:00+05:30",
        "2020-06-30T23:59:59.5Z",
    ];
    from_pool(rng, seeds, limits, looks_like_time, &extra)
}

pub fn check_date(input: &str, _wild: bool) -> Result<Verdict, String> {
    Ok(match parse_date(input) {
        Some(_) => Verdict::Accepted,
        None => Verdict::Refused,
    })
}

pub fn gen_cidr(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let extra = [
        "10.0.0.0/8",
        "192.0.2.0/24",
        "203.0.113.7",
        "2001:db8::/32",
        "::1/128",
        "0.0.0.0/0",
    ];
    let ip = |s: &str| s.contains('/') && s.bytes().next().is_some_and(|b| b.is_ascii_hexdigit());
    from_pool(rng, seeds, limits, ip, &extra)
}

/// An address is inside its own block (`10.1.2.3/8` holds `10.1.2.3`).
pub fn check_cidr(input: &str, _wild: bool) -> Result<Verdict, String> {
    let Some(block) = parse_cidr(input) else {
        return Ok(Verdict::Refused);
    };
    if !ip_in_cidr(block.0, block) {
        return Err(format!("{input:?} does not hold its own address"));
    }
    Ok(Verdict::Accepted)
}

pub fn gen_variables(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let extra = [
        "arn:aws:s3:::bucket/${aws:username}/*",
        "home/${aws:PrincipalTag/team, 'none'}/${*}",
        "${aws:userid}",
        "a${?}b*c?",
    ];
    from_pool(
        rng,
        seeds,
        limits,
        |s| s.contains('$') || s.contains('*'),
        &extra,
    )
}

/// Variables split and resolve; text without `${` is one piece of itself; a pattern without
/// wildcards matches exactly its own text, and `*` matches anything.
pub fn check_variables(input: &str, _wild: bool) -> Result<Verdict, String> {
    let parts = pieces(input);
    if !input.contains("${") && !input.is_empty() && parts != [Piece::Text(input.to_string())] {
        return Err(format!(
            "{input:?} has no variable but splits into {parts:?}"
        ));
    }
    let lookup = |k: &str| (k == "aws:username").then(|| "alice".to_string());
    let _ = resolve_text(input, true, lookup);
    let _ = resolve_text(input, false, lookup);
    let toks = tokens(input);
    if !input.contains(['*', '?']) && !glob_match(&toks, input, false) {
        return Err(format!("{input:?} does not match itself"));
    }
    if !glob_match(&tokens("*"), input, false) {
        return Err(format!("`*` does not match {input:?}"));
    }
    Ok(Verdict::Accepted)
}

const OPERATORS: [&str; 27] = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

const KEYS: [&str; 10] = [
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:SourceIp",
    "aws:username",
    "aws:PrincipalTag/team",
    "aws:MultiFactorAuthPresent",
    "aws:SourceArn",
    "s3:prefix",
    "aws:TagKeys",
    "ec2:InstanceType",
];

/// A condition value: a string from any of the small parsers' pools, or a JSON scalar.
fn condition_value(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> Value {
    match rng.below(8) {
        0 => json!(rng.below(100_000)),
        1 => json!(rng.one_in(2)),
        2 => Value::from(gen_date(rng, seeds, limits)),
        3 => Value::from(gen_cidr(rng, seeds, limits)),
        4 => Value::from(gen_arn(rng, seeds, limits)),
        5 => Value::from(gen_variables(rng, seeds, limits)),
        _ => {
            let base = rng.pick(&seeds.strings).cloned().unwrap_or_default();
            Value::from(mutate::string(rng, seeds, &base, limits))
        }
    }
}

fn condition_values(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> Value {
    if rng.one_in(2) {
        return condition_value(rng, seeds, limits);
    }
    Value::Array(
        (0..rng.size(4))
            .map(|_| condition_value(rng, seeds, limits))
            .collect(),
    )
}

/// An evaluation request whose policy has one condition, with the key set in the context.
pub fn gen_condition(rng: &mut Rng, seeds: &Seeds, limits: Limits) -> String {
    let qualifier = *rng
        .pick(&["", "", "ForAnyValue:", "ForAllValues:"])
        .unwrap_or(&"");
    let op = rng.pick(&OPERATORS).unwrap_or(&"StringEquals");
    let if_exists = if rng.one_in(4) { "IfExists" } else { "" };
    let key = *rng.pick(&KEYS).unwrap_or(&"aws:username");
    let policy = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": if rng.one_in(3) { "Deny" } else { "Allow" },
        "Action": "*", "Resource": "*",
        "Condition": { format!("{qualifier}{op}{if_exists}"): { key: condition_values(rng, seeds, limits) } }
    }]});
    let mut request = json!({
        "principal": {"arn": "arn:aws:iam::123456789012:user/dev"},
        "action": "s3:GetObject",
        "resource": {"arn": "arn:aws:s3:::bucket/key"},
        "identity_policies": [policy]
    });
    if !rng.one_in(5) {
        if let Some(o) = request.as_object_mut() {
            o.insert(
                "context".into(),
                json!({ key: condition_values(rng, seeds, limits) }),
            );
        }
    }
    request.to_string()
}

/// An evaluation request answered by `iam-eval`: one line of JSON, an answer or an error.
pub fn check_line_json(input: &str, _wild: bool) -> Result<Verdict, String> {
    let out = iam_playground::sim::eval::evaluate_json(input);
    if out.contains('\n') {
        return Err("the answer spans more than one line".into());
    }
    let answer: Value =
        serde_json::from_str(&out).map_err(|e| format!("the answer is not JSON: {e}"))?;
    Ok(if answer.get("error").is_some() {
        Verdict::Refused
    } else {
        Verdict::Accepted
    })
}
