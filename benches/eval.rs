//! `cargo bench --bench eval`: evaluation throughput on a realistic request (10 statements
//! with wildcards and conditions, a permissions boundary, an SCP and a bucket policy),
//! parsed and compiled, with and without the trace; a role trust check; `iam-eval`'s
//! line-by-line evaluator. `--only TEXT` runs only the measures whose name holds TEXT.

use iam_playground::sim::eval::batch::Evaluator;
use iam_playground::sim::eval::compiled::{self, Detail, PolicySet};
use iam_playground::sim::eval::wire::WireRequest;
use iam_playground::sim::eval::{evaluate, evaluate_json, Decision, EvalRequest};
use serde_json::value::RawValue;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn request() -> serde_json::Value {
    let mut statements = Vec::new();
    for i in 0..9 {
        statements.push(serde_json::json!({
            "Sid": format!("Stmt{i}"),
            "Effect": "Allow",
            "Action": [format!("s3:Get*{i}"), format!("dynamodb:Query{i}"), "ec2:Describe*"],
            "Resource": [format!("arn:aws:s3:::bucket-{i}/*"), "arn:aws:dynamodb:*:111122223333:table/*"],
            "Condition": {
                "StringEquals": {"aws:PrincipalTag/team": ["blue", "green"]},
                "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}
            }
        }));
    }
    statements.push(serde_json::json!({
        "Sid": "HomeFolder",
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:PutObject"],
        "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*",
        "Condition": {
            "Bool": {"aws:SecureTransport": "true"},
            "ForAllValues:StringLike": {"aws:TagKeys": ["project-*", "owner"]},
            "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}
        }
    }));
    serde_json::json!({
        "principal": {"arn": "arn:aws:iam::111122223333:user/alice", "id": "AIDAEXAMPLE", "tags": {"team": "blue"}},
        "action": "s3:GetObject",
        "resource": {"arn": "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/report.csv", "account": "111122223333"},
        "context": {"aws:SourceIp": "203.0.113.7", "aws:SecureTransport": "true", "aws:TagKeys": ["project-x"], "aws:CurrentTime": "2026-01-01T00:00:00Z"},
        "identity_policies": [{"name": "Team", "document": {"Version": "2012-10-17", "Statement": statements}}],
        "permissions_boundary": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "ec2:Describe*"], "Resource": "*"}]},
        "scps": [[{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}
        ]}]],
        "resource_policy": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}
        ]}
    })
}

/// `--only TEXT` measures only the benchmarks whose name holds TEXT (for a profiler).
fn wanted(name: &str) -> bool {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--only") {
        Some(i) => args
            .get(i + 1)
            .is_some_and(|only| name.contains(only.as_str())),
        None => true,
    }
}

fn measure(name: &str, mut f: impl FnMut()) {
    if !wanted(name) {
        return;
    }
    for _ in 0..1_000 {
        f(); // warm up
    }
    let budget = Duration::from_secs(2);
    let start = Instant::now();
    let mut n: u64 = 0;
    while start.elapsed() < budget {
        for _ in 0..100 {
            f();
        }
        n += 100;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name}: {:.0} requests/second ({:.2} µs each)",
        n as f64 / secs,
        secs * 1e6 / n as f64
    );
}

fn main() {
    let json = request();
    if std::env::args().any(|a| a == "--print-request") {
        // The same request for the in-browser benchmark (e2e/bench/eval.mjs).
        println!("{json}");
        return;
    }
    let req: EvalRequest = serde_json::from_value(json.clone()).expect("valid request");
    assert_eq!(
        evaluate(&req).decision,
        Decision::Allowed,
        "the benchmark request must be allowed"
    );
    measure("evaluate (parsed request, plain, with trace)", || {
        black_box(evaluate(black_box(&req)));
    });
    let set = PolicySet::compile(&req);
    measure("compile the request's policies", || {
        black_box(PolicySet::compile(black_box(&req)));
    });
    measure("compiled evaluate, decision only", || {
        black_box(compiled::evaluate(black_box(&req), &set, Detail::Decision));
    });
    measure("compiled evaluate, with trace", || {
        black_box(compiled::evaluate(black_box(&req), &set, Detail::Trace));
    });
    let trust = trust_request();
    let trust_set = PolicySet::compile(&trust);
    assert_eq!(
        compiled::evaluate(&trust, &trust_set, Detail::Decision).decision,
        Decision::Allowed,
        "the trust check must be allowed"
    );
    measure(
        "trust check (sts:AssumeRole), compiled, decision only",
        || {
            black_box(compiled::evaluate(
                black_box(&trust),
                &trust_set,
                Detail::Decision,
            ));
        },
    );
    measure("trust check (sts:AssumeRole), plain, with trace", || {
        black_box(evaluate(black_box(&trust)));
    });
    let line = json.to_string();
    measure("evaluate_json (parse + evaluate + trace JSON)", || {
        black_box(evaluate_json(black_box(&line)));
    });
    // Where iam-evaluator's time goes: reading the line (policies kept as raw text), and
    // writing the answer with its trace as JSON.
    measure("read the request line, policies as raw text", || {
        black_box(
            serde_json::from_str::<WireRequest<Box<RawValue>>>(black_box(&line)).expect("valid"),
        );
    });
    let answer = compiled::evaluate(&req, &set, Detail::Trace);
    measure("write the answer with its trace as JSON", || {
        black_box(serde_json::to_string(black_box(&answer)).expect("serializable"));
    });
    let mut batch = Evaluator::new();
    measure(
        "iam-eval's evaluator (policies compiled once + trace JSON)",
        || {
            black_box(batch.evaluate_json(black_box(&line)));
        },
    );
}

/// A role's trust check: alice assumes `Deploy`, whose trust policy names her and asks for
/// MFA (the STS trust gate, `sts::role_gates`).
fn trust_request() -> EvalRequest {
    let json = serde_json::json!({
        "principal": {"arn": "arn:aws:iam::111122223333:user/alice", "id": "AIDAEXAMPLE"},
        "action": "sts:AssumeRole",
        "resource": {"arn": "arn:aws:iam::111122223333:role/Deploy"},
        "context": {"aws:MultiFactorAuthPresent": "true"},
        "resource_policy": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::444455556666:root"]},
            "Action": ["sts:AssumeRole", "sts:TagSession"],
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        }]}
    });
    serde_json::from_value(json).expect("valid trust request")
}
