//! Exports read back with real parsers: Terraform with an HCL parser (and `jsonencode`
//! evaluated), CloudFormation with a YAML parser, the CLI script word by word with every JSON
//! argument parsed; each names every entity of the world.

// The page's code sorts with `sim::sorting` (clippy.toml); tests may use the standard sorts.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;

use iam_playground::sim::export::{cli_script, cloudformation, export_json, terraform};
use iam_playground::sim::gaad::{import_texts, IMPORT_SEED};
use iam_playground::sim::world::World;
use serde::Deserialize;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/gaad/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The single-account fixture plus the multi-account pair: paths, boundaries, tags, policy
/// variables, several versions, instance profiles, cross-account trust.
fn world() -> World {
    let texts = [
        fixture("cli_single_account.json"),
        fixture("multi_account_a.json"),
        fixture("multi_account_b.json"),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    import_texts(&refs, IMPORT_SEED).unwrap().0
}

fn worlds() -> Vec<World> {
    vec![world(), World::sample()]
}

fn doc(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Evaluates an HCL expression where `jsonencode(x)` gives `x` itself, so the policy can be
/// compared as data (`$${` escapes included).
fn eval_jsonencode(expr: &hcl::Expression) -> Value {
    use hcl::eval::{Context, Evaluate, FuncArgs, FuncDef, ParamType};
    fn identity(args: FuncArgs) -> Result<hcl::Value, String> {
        args.into_values()
            .into_iter()
            .next()
            .ok_or_else(|| "no argument".to_string())
    }
    let mut ctx = Context::new();
    ctx.declare_func(
        "jsonencode",
        FuncDef::builder().param(ParamType::Any).build(identity),
    );
    serde_json::to_value(expr.evaluate(&ctx).unwrap()).unwrap()
}

/// resource type -> [(name attribute or label, body)].
fn terraform_resources(text: &str) -> BTreeMap<String, Vec<hcl::Body>> {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("not HCL: {e}\n{text}"));
    let mut out: BTreeMap<String, Vec<hcl::Body>> = BTreeMap::new();
    for b in body.blocks().filter(|b| b.identifier() == "resource") {
        out.entry(b.labels()[0].as_str().to_string())
            .or_default()
            .push(b.body().clone());
    }
    out
}

fn attr<'b>(body: &'b hcl::Body, key: &str) -> Option<&'b hcl::Expression> {
    body.attributes().find(|a| a.key() == key).map(|a| a.expr())
}

fn names(resources: &BTreeMap<String, Vec<hcl::Body>>, kind: &str) -> Vec<String> {
    let mut v: Vec<String> = resources
        .get(kind)
        .into_iter()
        .flatten()
        .filter_map(|b| match attr(b, "name") {
            Some(hcl::Expression::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

fn sorted<'a>(it: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut v: Vec<String> = it.cloned().collect();
    v.sort();
    v
}

#[test]
fn terraform_parses_and_names_every_user_group_role_policy_and_instance_profile() {
    for w in worlds() {
        let tf = terraform(&w);
        let r = terraform_resources(&tf);
        assert_eq!(
            names(&r, "aws_iam_user"),
            sorted(w.users.values().map(|u| &u.user_name))
        );
        assert_eq!(
            names(&r, "aws_iam_group"),
            sorted(w.groups.values().map(|g| &g.group_name))
        );
        assert_eq!(
            names(&r, "aws_iam_role"),
            sorted(w.roles.values().map(|x| &x.role_name))
        );
        assert_eq!(
            names(&r, "aws_iam_policy"),
            sorted(w.policies.values().map(|p| &p.policy_name))
        );
        let profiles = w
            .instance_profiles
            .values()
            .filter(|p| p.role.is_some())
            .map(|p| &p.instance_profile_name);
        assert_eq!(names(&r, "aws_iam_instance_profile"), sorted(profiles));
        let inline = w
            .users
            .values()
            .map(|u| u.inline_policies.len())
            .sum::<usize>();
        assert_eq!(r.get("aws_iam_user_policy").map_or(0, Vec::len), inline);
        let attached = w
            .roles
            .values()
            .map(|x| x.attached_policies.len())
            .sum::<usize>();
        assert_eq!(
            r.get("aws_iam_role_policy_attachment").map_or(0, Vec::len),
            attached
        );
    }
}

#[test]
fn terraform_jsonencode_gives_back_each_policy_with_policy_variables_intact() {
    let w = world();
    let r = terraform_resources(&terraform(&w));
    for role in w.roles.values() {
        let body = r["aws_iam_role"].iter().find(|b| matches!(attr(b, "name"), Some(hcl::Expression::String(s)) if s == &role.role_name)).unwrap();
        assert_eq!(
            eval_jsonencode(attr(body, "assume_role_policy").unwrap()),
            doc(&role.trust_policy)
        );
    }
    let alice_policy = r["aws_iam_user_policy"]
        .iter()
        .find(|b| matches!(attr(b, "name"), Some(hcl::Expression::String(s)) if s == "OwnPrefix"))
        .unwrap();
    let v = eval_jsonencode(attr(alice_policy, "policy").unwrap());
    assert_eq!(
        v["Statement"][0]["Resource"],
        "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*"
    );
    let boundary = w
        .policies
        .values()
        .find(|p| p.policy_name == "DeveloperBoundary")
        .unwrap();
    let body = r["aws_iam_policy"].iter().find(|b| matches!(attr(b, "name"), Some(hcl::Expression::String(s)) if s == "DeveloperBoundary")).unwrap();
    assert_eq!(
        eval_jsonencode(attr(body, "policy").unwrap()),
        doc(boundary.document()),
        "the default version, v2"
    );
}

#[test]
fn terraform_gives_each_account_its_own_pinned_provider() {
    let tf = terraform(&world());
    let body = hcl::parse(&tf).unwrap();
    let providers: Vec<&hcl::Block> = body
        .blocks()
        .filter(|b| b.identifier() == "provider")
        .collect();
    assert_eq!(providers.len(), 3);
    assert!(tf.contains("alias               = \"a777788889999\""));
    let r = terraform_resources(&tf);
    let deployer = r["aws_iam_role"]
        .iter()
        .find(|b| matches!(attr(b, "name"), Some(hcl::Expression::String(s)) if s == "Deployer"))
        .unwrap();
    assert!(attr(deployer, "provider")
        .unwrap()
        .to_string()
        .contains("a777788889999"));
}

/// Every YAML document of a CloudFormation export, as JSON values.
fn templates(text: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}")))
        .collect()
}

#[test]
fn cloudformation_parses_as_one_template_per_account_naming_every_entity() {
    for w in worlds() {
        let ts = templates(&cloudformation(&w));
        assert_eq!(ts.len(), w.accounts.len());
        let mut by_type: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for t in &ts {
            assert_eq!(t["AWSTemplateFormatVersion"], "2010-09-09");
            let res = t["Resources"].as_object().unwrap();
            for r in res.values() {
                by_type
                    .entry(r["Type"].as_str().unwrap().to_string())
                    .or_default()
                    .push(r["Properties"].clone());
            }
            // Every Ref names a resource of the same template.
            let text = t.to_string();
            for part in text.split("{\"Ref\":\"").skip(1) {
                let target = part.split('"').next().unwrap();
                assert!(res.contains_key(target), "Ref to unknown {target}");
            }
        }
        let names = |ty: &str, key: &str| -> Vec<String> {
            let mut v: Vec<String> = by_type
                .get(ty)
                .into_iter()
                .flatten()
                .map(|p| p[key].as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            names("AWS::IAM::User", "UserName"),
            sorted(w.users.values().map(|u| &u.user_name))
        );
        assert_eq!(
            names("AWS::IAM::Group", "GroupName"),
            sorted(w.groups.values().map(|g| &g.group_name))
        );
        assert_eq!(
            names("AWS::IAM::Role", "RoleName"),
            sorted(w.roles.values().map(|r| &r.role_name))
        );
        assert_eq!(
            names("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            sorted(w.policies.values().map(|p| &p.policy_name))
        );
        for role in w.roles.values() {
            let props = by_type["AWS::IAM::Role"]
                .iter()
                .find(|p| p["RoleName"] == role.role_name.as_str())
                .unwrap();
            assert_eq!(props["AssumeRolePolicyDocument"], doc(&role.trust_policy));
            assert_eq!(props["MaxSessionDuration"], role.max_session_duration);
        }
    }
}

/// Splits a shell line into words: single quotes (with `'\''` inside) and bare words.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut cur, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('\'', _) => {
                quoted = !quoted;
                any = true;
            }
            ('\\', false) => {
                cur.push(chars.next().unwrap());
                any = true;
            }
            (' ', false) => {
                if any {
                    words.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (c, _) => {
                cur.push(c);
                any = true;
            }
        }
    }
    assert!(!quoted, "unclosed quote in {line}");
    if any {
        words.push(cur);
    }
    words
}

const JSON_ARGS: &[&str] = &[
    "--policy-document",
    "--assume-role-policy-document",
    "--tags",
];
const SUBCOMMANDS: &[&str] = &[
    "create-policy",
    "create-group",
    "put-group-policy",
    "attach-group-policy",
    "create-user",
    "add-user-to-group",
    "put-user-policy",
    "attach-user-policy",
    "create-role",
    "put-role-policy",
    "attach-role-policy",
    "create-instance-profile",
    "add-role-to-instance-profile",
];

#[test]
fn cli_script_is_well_formed_aws_iam_calls_with_valid_json_in_dependency_order() {
    for w in worlds() {
        let script = cli_script(&w);
        assert!(script.starts_with("#!/bin/sh\n"));
        let mut created: Vec<String> = Vec::new();
        for line in script
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#') && *l != "set -eu")
        {
            let words = shell_words(line);
            assert_eq!(&words[..2], ["aws", "iam"], "{line}");
            assert!(SUBCOMMANDS.contains(&words[2].as_str()), "{line}");
            let args = &words[3..];
            assert_eq!(args.len() % 2, 0, "flags and values pair up: {line}");
            let flags: BTreeMap<&str, &str> = args
                .chunks(2)
                .map(|p| (p[0].as_str(), p[1].as_str()))
                .collect();
            assert!(flags.keys().all(|f| f.starts_with("--")), "{line}");
            for f in JSON_ARGS {
                if let Some(v) = flags.get(f) {
                    serde_json::from_str::<Value>(v)
                        .unwrap_or_else(|e| panic!("{f} is not JSON ({e}): {line}"));
                }
            }
            // What a call names must already exist.
            let need = |key: &str, kind: &str| flags.get(key).map(|n| format!("{kind}:{n}"));
            for n in [
                need("--group-name", "group"),
                need("--user-name", "user"),
                need("--role-name", "role"),
                need("--instance-profile-name", "profile"),
            ]
            .into_iter()
            .flatten()
            {
                if created_kind(&words[2]) != n.split(':').next().unwrap() {
                    assert!(
                        created.contains(&n),
                        "{n} used before it is created: {line}"
                    );
                }
            }
            if let Some(arn) = flags
                .get("--policy-arn")
                .filter(|a| !a.contains(":aws:policy/"))
            {
                assert!(
                    created.contains(&format!("policy:{}", arn.rsplit('/').next().unwrap())),
                    "{line}"
                );
            }
            match words[2].as_str() {
                "create-group" => created.push(format!("group:{}", flags["--group-name"])),
                "create-user" => created.push(format!("user:{}", flags["--user-name"])),
                "create-role" => created.push(format!("role:{}", flags["--role-name"])),
                "create-instance-profile" => {
                    created.push(format!("profile:{}", flags["--instance-profile-name"]))
                }
                "create-policy" => created.push(format!("policy:{}", flags["--policy-name"])),
                _ => {}
            }
        }
        for u in w.users.values() {
            assert!(created.contains(&format!("user:{}", u.user_name)));
        }
        for r in w.roles.values() {
            assert!(created.contains(&format!("role:{}", r.role_name)));
        }
    }
}

fn created_kind(sub: &str) -> &str {
    match sub {
        "create-group" => "group",
        "create-user" => "user",
        "create-role" => "role",
        "create-instance-profile" => "profile",
        _ => "",
    }
}

#[test]
fn shell_quoting_survives_a_quote_in_a_policy() {
    let mut w = World::new(1);
    let a = w.add_account("111122223333", None).unwrap();
    let u = w.create_user(&a, "alice", "/").unwrap();
    let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"it's","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    w.put_inline_policy(
        &iam_playground::sim::world::IdentityId::User(u),
        "Quote",
        text,
    )
    .unwrap();
    let line = cli_script(&w)
        .lines()
        .find(|l| l.contains("put-user-policy"))
        .unwrap()
        .to_string();
    let words = shell_words(&line);
    assert_eq!(doc(words.last().unwrap()), doc(text));
}

#[test]
fn iam_eval_export_lines_answer_with_the_text_or_an_error() {
    let gaad: Value = doc(&fixture("cli_single_account.json"));
    let out = export_json(&json!({ "export": "terraform", "world": gaad }));
    assert_eq!(out["export"], "terraform");
    assert!(out["text"]
        .as_str()
        .unwrap()
        .contains("resource \"aws_iam_user\" \"alice\""));
    let out = export_json(&json!({ "export": "gaad", "world": "sample" }));
    let back = import_texts(&[out["text"].as_str().unwrap()], IMPORT_SEED)
        .unwrap()
        .0;
    assert_eq!(
        back.users.keys().collect::<Vec<_>>(),
        World::sample().users.keys().collect::<Vec<_>>()
    );
    let bad = export_json(&json!({ "export": "pulumi", "world": "sample" }));
    assert!(bad["error"].as_str().unwrap().contains("\"terraform\""));
    assert!(export_json(&json!({ "export": "cli" }))["error"].is_string());
}

#[test]
fn a_role_is_created_after_the_role_its_trust_policy_names() {
    let mut w = World::new(1);
    let a = w.add_account("111122223333", None).unwrap();
    let trust = |arn: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{arn}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    };
    w.create_role(&a, "Zeta", "/", &trust("arn:aws:iam::111122223333:root"))
        .unwrap();
    w.create_role(
        &a,
        "Alpha",
        "/",
        &trust("arn:aws:iam::111122223333:role/Zeta"),
    )
    .unwrap();
    let script = cli_script(&w);
    let zeta = script.find("--role-name 'Zeta'").unwrap();
    let alpha = script.find("--role-name 'Alpha'").unwrap();
    assert!(zeta < alpha, "{script}");
    let tf = terraform(&w);
    assert!(tf.find("\"Zeta\"").unwrap() < tf.find("\"Alpha\"").unwrap());
}
