//! A world as infrastructure code people can apply: Terraform HCL, CloudFormation YAML, an
//! AWS CLI script (and, in `sim::gaad`, GAAD JSON). Pure text generators.
//!
//! Only what applies leaves: a managed policy's default version (not its history), no access
//! keys, passwords or MFA devices (secrets are never written to code), no compute or
//! resources (they are not IAM).

mod cli;
mod cloudformation;
mod terraform;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::sim::gaad::{export_gaad, GaadForm};
use crate::sim::world::{Role, World};

pub use cli::cli_script;
pub use cloudformation::cloudformation;
pub use terraform::terraform;

/// The export formats `iam-eval` and the UI offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Terraform,
    CloudFormation,
    Cli,
    Gaad,
}

impl ExportFormat {
    /// `terraform`, `cloudformation`, `cli`, `gaad`: the names `iam-eval` takes.
    pub fn parse(name: &str) -> Option<ExportFormat> {
        match name {
            "terraform" => Some(ExportFormat::Terraform),
            "cloudformation" => Some(ExportFormat::CloudFormation),
            "cli" => Some(ExportFormat::Cli),
            "gaad" => Some(ExportFormat::Gaad),
            _ => None,
        }
    }

    /// The file extension of a download in this format.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Terraform => "tf",
            ExportFormat::CloudFormation => "yaml",
            ExportFormat::Cli => "sh",
            ExportFormat::Gaad => "json",
        }
    }
}

/// The world in `format`.
pub fn export(world: &World, format: ExportFormat) -> String {
    match format {
        ExportFormat::Terraform => terraform(world),
        ExportFormat::CloudFormation => cloudformation(world),
        ExportFormat::Cli => cli_script(world),
        ExportFormat::Gaad => export_gaad(world, GaadForm::Cli),
    }
}

/// Unique identifiers made from names: `keep` says which characters may stay (others become
/// `_`, or are dropped when `drop` is set), and a clash gets `_2`, `_3`... (or `2`, `3`).
pub(crate) struct Labels {
    used: BTreeSet<String>,
    keep: fn(char) -> bool,
    drop: bool,
}

impl Labels {
    pub(crate) fn new(keep: fn(char) -> bool, drop: bool) -> Labels {
        Labels {
            used: BTreeSet::new(),
            keep,
            drop,
        }
    }

    /// A fresh label for `name`, starting with `prefix`.
    pub(crate) fn label(&mut self, prefix: &str, name: &str) -> String {
        let mut base: String = prefix.to_string();
        for c in name.chars() {
            if (self.keep)(c) {
                base.push(c);
            } else if !self.drop {
                base.push('_');
            }
        }
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            base.insert(0, '_');
        }
        let mut label = base.clone();
        let mut n = 1u32;
        while !self.used.insert(label.clone()) {
            n = n.saturating_add(1);
            label = if self.drop {
                format!("{base}{n}")
            } else {
                format!("{base}_{n}")
            };
        }
        label
    }
}

/// A policy's JSON value (the world keeps only valid JSON; anything else stays a string).
pub(crate) fn policy_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

/// An account's roles, each after the roles its trust policy names, so creating them in this
/// order never names a role that does not exist yet (IAM refuses such a trust policy). Roles
/// that trust each other in a cycle keep their order.
pub(crate) fn roles_in_trust_order<'w>(
    world: &'w World,
    account: &crate::sim::ids::AccountId,
) -> Vec<&'w Role> {
    let mut left: Vec<&Role> = world
        .roles
        .values()
        .filter(|r| &r.account == account)
        .collect();
    crate::sim::sorting::sort_by(&mut left, |a, b| a.role_name.cmp(&b.role_name));
    let mut out: Vec<&Role> = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let waits = |r: &Role, pending: &[&Role]| {
            pending.iter().any(|o| {
                o.role_id != r.role_id && r.trust_policy.contains(&format!("\"{}\"", o.arn))
            })
        };
        let ready: Vec<usize> = (0..left.len())
            .filter(|&i| left.get(i).is_some_and(|r| !waits(r, &left)))
            .collect();
        if ready.is_empty() {
            out.append(&mut left);
            break;
        }
        let mut next = Vec::new();
        for (i, r) in std::mem::take(&mut left).into_iter().enumerate() {
            if ready.contains(&i) {
                out.push(r)
            } else {
                next.push(r)
            }
        }
        left = next;
    }
    out
}

/// Customer managed policy ARN -> its entry, for references from attachments and boundaries.
pub(crate) fn customer_policies(
    world: &World,
) -> BTreeMap<&str, &crate::sim::world::ManagedPolicy> {
    crate::sim::sorting::map_of(world.policies.values().map(|p| (p.arn.as_str(), p)))
}

/// Answers an `iam-eval` export line, `{"export": "terraform", "world": ...}` (the world in
/// any form a script takes), with `{"export": "terraform", "text": "..."}` or `{"error": ...}`.
pub fn export_json(line: &Value) -> Value {
    let name = line
        .get("export")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(format) = ExportFormat::parse(name) else {
        return serde_json::json!({ "error": format!("`export` must be \"terraform\", \"cloudformation\", \"cli\" or \"gaad\", not {}", line.get("export").map(Value::to_string).unwrap_or_default()) });
    };
    let Some(world) = line.get("world") else {
        return serde_json::json!({ "error": "an export needs a `world`" });
    };
    match crate::sim::sts::script::load_world(world) {
        Ok(w) => serde_json::json!({ "export": name, "text": export(&w, format) }),
        Err(e) => serde_json::json!({ "error": e }),
    }
}
