//! Terraform HCL for the `aws` provider (resource names and arguments as the provider's
//! documentation gives them: `aws_iam_user`, `aws_iam_role`, `aws_iam_policy`, ...). Policies
//! go through `jsonencode` of an HCL object, so they stay readable and reviewable.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::{customer_policies, policy_value, roles_in_trust_order, Labels};
use crate::sim::ids::AccountId;
use crate::sim::world::{Tag, World};

/// An HCL string literal: JSON-style escapes, plus `$${` and `%%{` so an IAM policy variable
/// like `${aws:username}` reaches AWS as written instead of being read as a Terraform
/// template (<https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences>).
pub fn hcl_string(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON value as an HCL expression, indented by `pad` spaces.
fn hcl_value(v: &Value, pad: usize) -> String {
    let inner = " ".repeat(pad.saturating_add(2));
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => hcl_string(s),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let parts: Vec<String> = items.iter().map(|i| hcl_value(i, 0)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| format!("{inner}{}", hcl_value(i, pad.saturating_add(2))))
                .collect();
            format!("[\n{},\n{}]", parts.join(",\n"), " ".repeat(pad))
        }
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Object(o) => {
            let parts: Vec<String> = o
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{inner}{} = {}",
                        hcl_string(k),
                        hcl_value(v, pad.saturating_add(2))
                    )
                })
                .collect();
            format!("{{\n{}\n{}}}", parts.join("\n"), " ".repeat(pad))
        }
    }
}

fn jsonencode(text: &str) -> String {
    format!("jsonencode({})", hcl_value(&policy_value(text), 2))
}

fn tags(t: &[Tag]) -> Option<String> {
    (!t.is_empty()).then(|| {
        let parts: Vec<String> = t
            .iter()
            .map(|t| format!("    {} = {}", hcl_string(&t.key), hcl_string(&t.value)))
            .collect();
        format!("{{\n{}\n  }}", parts.join("\n"))
    })
}

/// Writes one `resource` block; `None` arguments are left out.
fn block(
    out: &mut String,
    kind: &str,
    label: &str,
    provider: &Option<String>,
    args: &[(&str, Option<String>)],
) {
    let _ = writeln!(out, "resource \"{kind}\" \"{label}\" {{");
    if let Some(p) = provider {
        let _ = writeln!(out, "  provider = {p}");
    }
    for (k, v) in args {
        if let Some(v) = v {
            let _ = writeln!(out, "  {k} = {v}");
        }
    }
    out.push_str("}\n\n");
}

fn label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The whole world as one Terraform configuration: one aliased provider per account when
/// there are several (each pinned with `allowed_account_ids`), resources in the order a
/// reader follows (policies, groups, users, roles, instance profiles).
pub fn terraform(world: &World) -> String {
    let mut out = String::from("# IAM Playground export: Terraform for the aws provider.\n# Only IAM: no access keys, passwords or MFA devices (create those yourself).\n\n");
    out.push_str("terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n    }\n  }\n}\n\n");
    let several = world.accounts.len() > 1;
    // One namespace for every resource name: unique per type is all Terraform asks, unique
    // overall reads better.
    let mut labels = Labels::new(label_char, false);
    let mut policy_labels: BTreeMap<String, String> = BTreeMap::new();
    for p in world.policies.values() {
        policy_labels.insert(p.arn.clone(), labels.label("", &p.policy_name));
    }
    for account in world.accounts.keys() {
        let provider = several.then(|| format!("aws.a{account}"));
        let alias = several.then(|| format!("\n  alias               = \"a{account}\""));
        let _ = writeln!(
            out,
            "provider \"aws\" {{{}\n  allowed_account_ids = [\"{account}\"]\n}}\n",
            alias.unwrap_or_default()
        );
        account_resources(
            &mut out,
            world,
            (account, &provider),
            &mut labels,
            &policy_labels,
        );
    }
    out
}

/// A reference to a customer managed policy's `arn` attribute, or the ARN as a string.
fn policy_ref(refs: &BTreeMap<String, String>, arn: &str) -> String {
    refs.get(arn)
        .map(|l| format!("aws_iam_policy.{l}.arn"))
        .unwrap_or_else(|| hcl_string(arn))
}

fn account_resources(
    out: &mut String,
    world: &World,
    (account, provider): (&AccountId, &Option<String>),
    labels: &mut Labels,
    refs: &BTreeMap<String, String>,
) {
    for p in customer_policies(world)
        .values()
        .filter(|p| &p.account == account)
    {
        let l = refs.get(&p.arn).cloned().unwrap_or_default();
        let desc = (!p.description.is_empty()).then(|| hcl_string(&p.description));
        block(
            out,
            "aws_iam_policy",
            &l,
            provider,
            &[
                ("name", Some(hcl_string(&p.policy_name))),
                ("path", Some(hcl_string(&p.path))),
                ("description", desc),
                ("policy", Some(jsonencode(p.document()))),
            ],
        );
    }
    let mut group_refs = BTreeMap::new();
    for g in world.groups.values().filter(|g| &g.account == account) {
        let l = labels.label("", &g.group_name);
        let r = format!("aws_iam_group.{l}.name");
        group_refs.insert(g.group_id.clone(), r.clone());
        block(
            out,
            "aws_iam_group",
            &l,
            provider,
            &[
                ("name", Some(hcl_string(&g.group_name))),
                ("path", Some(hcl_string(&g.path))),
            ],
        );
        identity_policies(
            out,
            labels,
            provider,
            ("group", &l, &r),
            &g.inline_policies,
            &g.attached_policies,
            refs,
        );
    }
    for u in world.users.values().filter(|u| &u.account == account) {
        let l = labels.label("", &u.user_name);
        let r = format!("aws_iam_user.{l}.name");
        let boundary = u
            .permissions_boundary
            .as_deref()
            .map(|b| policy_ref(refs, b));
        block(
            out,
            "aws_iam_user",
            &l,
            provider,
            &[
                ("name", Some(hcl_string(&u.user_name))),
                ("path", Some(hcl_string(&u.path))),
                ("permissions_boundary", boundary),
                ("tags", tags(&u.tags)),
            ],
        );
        if !u.groups.is_empty() {
            let groups: Vec<String> = u
                .groups
                .iter()
                .filter_map(|g| group_refs.get(g).cloned())
                .collect();
            let m = labels.label("", &format!("{}_groups", u.user_name));
            block(
                out,
                "aws_iam_user_group_membership",
                &m,
                provider,
                &[
                    ("user", Some(r.clone())),
                    ("groups", Some(format!("[{}]", groups.join(", ")))),
                ],
            );
        }
        identity_policies(
            out,
            labels,
            provider,
            ("user", &l, &r),
            &u.inline_policies,
            &u.attached_policies,
            refs,
        );
    }
    for role in roles_in_trust_order(world, account) {
        let l = labels.label("", &role.role_name);
        let r = format!("aws_iam_role.{l}.name");
        let boundary = role
            .permissions_boundary
            .as_deref()
            .map(|b| policy_ref(refs, b));
        let desc = (!role.description.is_empty()).then(|| hcl_string(&role.description));
        block(
            out,
            "aws_iam_role",
            &l,
            provider,
            &[
                ("name", Some(hcl_string(&role.role_name))),
                ("path", Some(hcl_string(&role.path))),
                ("description", desc),
                (
                    "max_session_duration",
                    Some(role.max_session_duration.to_string()),
                ),
                ("permissions_boundary", boundary),
                ("assume_role_policy", Some(jsonencode(&role.trust_policy))),
                ("tags", tags(&role.tags)),
            ],
        );
        identity_policies(
            out,
            labels,
            provider,
            ("role", &l, &r),
            &role.inline_policies,
            &role.attached_policies,
            refs,
        );
        for p in world
            .instance_profiles
            .values()
            .filter(|p| p.role.as_ref() == Some(&role.role_id))
        {
            let pl = labels.label("", &p.instance_profile_name);
            block(
                out,
                "aws_iam_instance_profile",
                &pl,
                provider,
                &[
                    ("name", Some(hcl_string(&p.instance_profile_name))),
                    ("path", Some(hcl_string(&p.path))),
                    ("role", Some(r.clone())),
                ],
            );
        }
    }
}

/// Inline policies (`aws_iam_<kind>_policy`) and attachments (`aws_iam_<kind>_policy_attachment`)
/// of one identity; `who` is (kind, label, reference to its name).
fn identity_policies(
    out: &mut String,
    labels: &mut Labels,
    provider: &Option<String>,
    who: (&str, &str, &str),
    inline: &BTreeMap<String, String>,
    attached: &[String],
    refs: &BTreeMap<String, String>,
) {
    let (kind, label, name_ref) = who;
    for (name, text) in inline {
        let l = labels.label("", &format!("{label}_{name}"));
        block(
            out,
            &format!("aws_iam_{kind}_policy"),
            &l,
            provider,
            &[
                ("name", Some(hcl_string(name))),
                (kind, Some(name_ref.to_string())),
                ("policy", Some(jsonencode(text))),
            ],
        );
    }
    for arn in attached {
        let short = arn.rsplit('/').next().unwrap_or(arn);
        let l = labels.label("", &format!("{label}_{short}"));
        block(
            out,
            &format!("aws_iam_{kind}_policy_attachment"),
            &l,
            provider,
            &[
                (kind, Some(name_ref.to_string())),
                ("policy_arn", Some(policy_ref(refs, arn))),
            ],
        );
    }
}
