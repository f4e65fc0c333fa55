//! `ManagedPolicyDetail` into the world: customer managed policies with their versions, and
//! AWS managed policies whose document differs from (or is absent in) the built-in catalogue.
//! What applies is the version `IsDefaultVersion` marks, never another.

use serde_json::Value;

use super::identities::Kind;
use super::{text, Ctx};
use crate::sim::arn::Arn;
use crate::sim::ids::{AccountId, IdPrefix, PolicyId};
use crate::sim::managed;
use crate::sim::world::{ManagedPolicy, PolicyVersion};

const POLICY: Kind = Kind {
    name_key: "PolicyName",
    id_key: "PolicyId",
    max_name: 128,
    prefix: IdPrefix::ManagedPolicy,
    arn_kind: "policy",
};

pub(super) fn read_policy(ctx: &mut Ctx, v: &Value, at: &str) {
    let arn = v.get("Arn").and_then(Value::as_str).unwrap_or_default();
    if Arn::parse(arn).is_ok_and(|a| a.account == "aws") {
        read_aws_managed(ctx, v, at, arn);
        return;
    }
    let Some(h) = ctx.header(v, at, &POLICY) else {
        return;
    };
    let id = PolicyId::new(&h.id);
    if ctx.world.policies.contains_key(&id) {
        ctx.report
            .unparsed(&h.arn, format!("the unique id {} appears twice", h.id));
        return;
    }
    let Some((versions, default)) = versions(ctx, v, &h.arn) else {
        return;
    };
    let policy = ManagedPolicy {
        policy_id: id.clone(),
        account: h.account,
        policy_name: h.name,
        path: h.path,
        arn: h.arn,
        description: text(h.o, "Description").unwrap_or_default().to_string(),
        versions,
        default_version_id: default,
    };
    ctx.world.policies.insert(id, policy);
    ctx.report.counts.customer_managed_policies = ctx
        .report
        .counts
        .customer_managed_policies
        .saturating_add(1);
}

/// The readable versions and the id of the default one (`IsDefaultVersion: true`; when no
/// version says so, the one `DefaultVersionId` names). `None`, reported, when the default
/// version is absent or unreadable: no other version may stand in for it.
fn versions(ctx: &mut Ctx, v: &Value, arn: &str) -> Option<(Vec<PolicyVersion>, String)> {
    let list = v
        .get("PolicyVersionList")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let flagged = list
        .iter()
        .find(|x| x.get("IsDefaultVersion").and_then(Value::as_bool) == Some(true));
    let default = flagged
        .and_then(|x| x.get("VersionId"))
        .or_else(|| v.get("DefaultVersionId"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(default) = default else {
        ctx.report.unparsed(
            arn,
            "no version is marked IsDefaultVersion and DefaultVersionId is missing",
        );
        return None;
    };
    let mut out = Vec::new();
    for x in list {
        let Some(id) = x.get("VersionId").and_then(Value::as_str) else {
            ctx.report
                .unparsed(arn, "a policy version has no VersionId");
            continue;
        };
        if let Some(document) = ctx.policy_text(x.get("Document"), &format!("{arn} version {id}")) {
            out.push(PolicyVersion {
                version_id: id.to_string(),
                document,
            });
        }
    }
    if !out.iter().any(|x| x.version_id == default) {
        ctx.report.unparsed(
            arn,
            format!("the default version {default} is not in PolicyVersionList or cannot be read"),
        );
        return None;
    }
    Some((out, default))
}

/// An AWS managed policy (`arn:aws:iam::aws:policy/...`): kept only when the catalogue lacks
/// it or holds another document, since the file is what the account really has.
fn read_aws_managed(ctx: &mut Ctx, v: &Value, at: &str, arn: &str) {
    let Some(name) = v.get("PolicyName").and_then(Value::as_str) else {
        ctx.report.unparsed(at, "PolicyName is missing");
        return;
    };
    ctx.report.counts.aws_managed_policies =
        ctx.report.counts.aws_managed_policies.saturating_add(1);
    if ctx.world.aws_managed_policies.contains_key(arn) {
        return;
    }
    let Some((versions, default)) = versions(ctx, v, arn) else {
        return;
    };
    let document = versions
        .iter()
        .find(|x| x.version_id == default)
        .map(|x| x.document.as_str());
    let same = |a: &str, b: &str| {
        serde_json::from_str::<Value>(a).ok() == serde_json::from_str::<Value>(b).ok()
    };
    if let (Some(doc), Some(known)) = (document, managed::by_arn(arn)) {
        if same(doc, known.document) {
            return;
        }
    }
    let id = match v.get("PolicyId").and_then(Value::as_str) {
        Some(id) => PolicyId::new(id),
        None => ctx.world.id_gen.policy_id(),
    };
    let path = v.get("Path").and_then(Value::as_str).unwrap_or("/");
    let policy = ManagedPolicy {
        policy_id: id,
        account: AccountId::new("aws"),
        policy_name: name.to_string(),
        path: path.to_string(),
        arn: arn.to_string(),
        description: v
            .get("Description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        versions,
        default_version_id: default,
    };
    ctx.world
        .aws_managed_policies
        .insert(arn.to_string(), policy);
}
