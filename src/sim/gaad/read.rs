//! GAAD documents into the world: the import's passes (policies, groups, users, roles) and
//! the helpers they share for fields, accounts, ids and references.

mod identities;
mod policies;

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::decode::decode_policy_document;
use super::report::{Assumed, ImportReport, MissingUse};
use crate::sim::arn::Arn;
use crate::sim::ids::AccountId;
use crate::sim::managed;
use crate::sim::world::{Tag, World, DEFAULT_MAX_SESSION_DURATION};

/// The state of one import: the world being filled, the report, and which accounts this
/// import created (only those receive entities).
pub(super) struct Ctx<'a> {
    pub world: &'a mut World,
    pub report: &'a mut ImportReport,
    fresh: BTreeSet<AccountId>,
    present: BTreeSet<AccountId>,
    /// Entities whose unique id was missing or malformed and was generated.
    pub generated_ids: usize,
}

pub(super) fn import(world: &mut World, docs: &[Value], report: &mut ImportReport) {
    let present = world.accounts.keys().cloned().collect();
    let mut ctx = Ctx {
        world,
        report,
        fresh: BTreeSet::new(),
        present,
        generated_ids: 0,
    };
    for doc in docs {
        ctx.note_pagination(doc);
    }
    for doc in docs {
        for (i, p) in list(doc, "Policies").iter().enumerate() {
            policies::read_policy(&mut ctx, p, &format!("Policies[{i}]"));
        }
    }
    for doc in docs {
        for (i, g) in list(doc, "GroupDetailList").iter().enumerate() {
            identities::read_group(&mut ctx, g, &format!("GroupDetailList[{i}]"));
        }
    }
    for doc in docs {
        for (i, u) in list(doc, "UserDetailList").iter().enumerate() {
            identities::read_user(&mut ctx, u, &format!("UserDetailList[{i}]"));
        }
    }
    for doc in docs {
        for (i, r) in list(doc, "RoleDetailList").iter().enumerate() {
            identities::read_role(&mut ctx, r, &format!("RoleDetailList[{i}]"));
        }
    }
    ctx.report.counts.accounts = ctx.fresh.len();
    ctx.report.accounts = ctx.fresh.iter().map(|a| a.to_string()).collect();
    ctx.say_what_was_assumed();
}

/// The array under `key`, or nothing.
fn list<'v>(doc: &'v Value, key: &str) -> &'v [Value] {
    doc.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// A string field of an object.
fn text<'v>(o: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    o.get(key).and_then(Value::as_str)
}

impl Ctx<'_> {
    fn note_pagination(&mut self, doc: &Value) {
        let truncated = doc.get("IsTruncated").and_then(Value::as_bool) == Some(true);
        if truncated || doc.get("Marker").is_some() || doc.get("NextToken").is_some() {
            let note = "`IsTruncated` and `Marker` (or `NextToken`) were ignored: only what the \
                        file holds was imported. If it says it is truncated, the account has more \
                        in later pages; the AWS CLI fetches every page unless `--max-items` or \
                        `--no-paginate` is given."
                .to_string();
            if !self.report.notes.contains(&note) {
                self.report.notes.push(note);
            }
        }
    }

    /// The account an entity's ARN names, created in the world on first sight. `None` (with
    /// the reason in the report) when the ARN is unreadable or the account was already in
    /// the world before this import.
    pub fn account_of(&mut self, arn: &str, entity: &str) -> Option<AccountId> {
        let Some(account) = Arn::parse(arn)
            .ok()
            .and_then(|a| AccountId::parse(&a.account))
        else {
            self.report.unparsed(
                entity,
                format!("`{arn}` is not an IAM ARN with a 12-digit account id"),
            );
            return None;
        };
        if self.present.contains(&account) {
            let note = format!(
                "Account {account} is already in the world; its entities in the file were not imported (nothing was overwritten)."
            );
            if !self.report.notes.contains(&note) {
                self.report.notes.push(note);
            }
            return None;
        }
        if self.fresh.insert(account.clone())
            && self.world.add_account(account.as_str(), None).is_err()
        {
            self.report
                .unparsed(entity, format!("account {account} could not be added"));
            return None;
        }
        Some(account)
    }

    /// A policy document field, decoded; on failure the reason goes into the report.
    pub fn policy_text(&mut self, v: Option<&Value>, entity: &str) -> Option<String> {
        match decode_policy_document(v.unwrap_or(&Value::Null)) {
            Ok(t) => Some(t),
            Err(e) => {
                self.report.unparsed(entity, e);
                None
            }
        }
    }

    /// Whether `arn` can be used by an entity of `account`: a customer managed policy of that
    /// account imported (or already there), an AWS managed policy from the file or the
    /// catalogue. Otherwise it is reported missing.
    pub fn policy_known(
        &mut self,
        arn: &str,
        account: &AccountId,
        holder: &str,
        used_as: MissingUse,
    ) -> bool {
        if self
            .world
            .policies
            .values()
            .any(|p| p.arn == arn && &p.account == account)
            || self.world.aws_managed_policies.contains_key(arn)
        {
            return true;
        }
        if managed::by_arn(arn).is_some() {
            if !self.report.from_catalogue.iter().any(|a| a == arn) {
                self.report.from_catalogue.push(arn.to_string());
            }
            return true;
        }
        self.report.missing(holder, arn, used_as);
        false
    }

    /// The ARNs of `AttachedManagedPolicies` that exist; the others are reported missing.
    pub fn attached(
        &mut self,
        o: &Map<String, Value>,
        account: &AccountId,
        holder: &str,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in o
            .get("AttachedManagedPolicies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(arn) = a.get("PolicyArn").and_then(Value::as_str) else {
                self.report
                    .unparsed(holder, "an attached policy has no PolicyArn");
                continue;
            };
            if !out.iter().any(|x| x == arn)
                && self.policy_known(arn, account, holder, MissingUse::Attached)
            {
                out.push(arn.to_string());
            }
        }
        out
    }

    /// `PermissionsBoundary.PermissionsBoundaryArn`, if the policy exists.
    pub fn boundary(
        &mut self,
        o: &Map<String, Value>,
        account: &AccountId,
        holder: &str,
    ) -> Option<String> {
        let arn = o
            .get("PermissionsBoundary")?
            .get("PermissionsBoundaryArn")?
            .as_str()?;
        self.policy_known(arn, account, holder, MissingUse::PermissionsBoundary)
            .then(|| arn.to_string())
    }

    /// Inline policies (`UserPolicyList`, ...): name -> text; unreadable ones are reported.
    pub fn inline(
        &mut self,
        o: &Map<String, Value>,
        key: &str,
        holder: &str,
    ) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        for p in o.get(key).and_then(Value::as_array).into_iter().flatten() {
            let Some(name) = p.get("PolicyName").and_then(Value::as_str) else {
                self.report
                    .unparsed(holder, format!("an entry of {key} has no PolicyName"));
                continue;
            };
            let entity = format!("{holder} inline policy {name}");
            if let Some(t) = self.policy_text(p.get("PolicyDocument"), &entity) {
                out.insert(name.to_string(), t);
            }
        }
        self.report.counts.inline_policies =
            self.report.counts.inline_policies.saturating_add(out.len());
        out
    }

    fn say_what_was_assumed(&mut self) {
        let c = self.report.counts.clone();
        let mut add = |what: String, value: &str, why: &str| {
            self.report.assumed.push(Assumed {
                what,
                value: value.into(),
                why: why.into(),
            });
        };
        if c.roles > 0 {
            add(
                format!("MaxSessionDuration of {} roles", c.roles),
                &format!("{DEFAULT_MAX_SESSION_DURATION} seconds (the default)"),
                "GAAD does not include a role's maximum session duration; set it in the inspector if the real role differs.",
            );
            add(
                format!("Description of {} roles", c.roles),
                "empty",
                "GAAD does not include role descriptions.",
            );
        }
        if c.users > 0 {
            add(
                format!("Access keys and MFA devices of {} users", c.users),
                "none",
                "GAAD does not include them: create an access key (inspector, or CreateAccessKey in a script) before a user calls AWS.",
            );
            add(
                format!("Console passwords of {} users", c.users),
                "none",
                "GAAD does not include login profiles.",
            );
        }
        if self.generated_ids > 0 {
            add(
                format!("Unique ids of {} entities", self.generated_ids),
                "generated",
                "the file had no valid id for them.",
            );
        }
    }
}

/// `Tags` as a list of tags (entries without a Key are skipped).
fn tags(o: &Map<String, Value>) -> Vec<Tag> {
    o.get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some(Tag::new(
                t.get("Key")?.as_str()?,
                t.get("Value").and_then(Value::as_str).unwrap_or(""),
            ))
        })
        .collect()
}
