//! `GroupDetail`, `UserDetail` and `RoleDetail` (with its `InstanceProfileList`) into the
//! world, keeping AWS's unique ids, names, paths, ARNs and tags.

use serde_json::{Map, Value};

use super::{tags, text, Ctx};
use crate::sim::gaad::report::MissingUse;
use crate::sim::ids::{AccountId, GroupId, IdPrefix, InstanceProfileId, RoleId, UserId};
use crate::sim::world::entities::iam_arn;
use crate::sim::world::validate::{validate_name, validate_path};
use crate::sim::world::{Group, InstanceProfile, Role, User, DEFAULT_MAX_SESSION_DURATION};

/// What every IAM entity of GAAD has: name, path, ARN, unique id, and the account read
/// from the ARN.
pub(super) struct Header<'v> {
    pub o: &'v Map<String, Value>,
    pub name: String,
    pub path: String,
    pub arn: String,
    pub id: String,
    pub account: AccountId,
}

/// Which entity kind a header is read for: its JSON keys, name limit, id prefix, ARN kind.
pub(super) struct Kind {
    pub name_key: &'static str,
    pub id_key: &'static str,
    pub max_name: usize,
    pub prefix: IdPrefix,
    pub arn_kind: &'static str,
}

pub(super) const USER: Kind = Kind {
    name_key: "UserName",
    id_key: "UserId",
    max_name: 64,
    prefix: IdPrefix::User,
    arn_kind: "user",
};
pub(super) const GROUP: Kind = Kind {
    name_key: "GroupName",
    id_key: "GroupId",
    max_name: 128,
    prefix: IdPrefix::Group,
    arn_kind: "group",
};
pub(super) const ROLE: Kind = Kind {
    name_key: "RoleName",
    id_key: "RoleId",
    max_name: 64,
    prefix: IdPrefix::Role,
    arn_kind: "role",
};
pub(super) const PROFILE: Kind = Kind {
    name_key: "InstanceProfileName",
    id_key: "InstanceProfileId",
    max_name: 128,
    prefix: IdPrefix::InstanceProfile,
    arn_kind: "instance-profile",
};

impl Ctx<'_> {
    /// Reads the common fields, or reports why the entity cannot be imported.
    pub(super) fn header<'v>(&mut self, v: &'v Value, at: &str, kind: &Kind) -> Option<Header<'v>> {
        let Some(o) = v.as_object() else {
            self.report.unparsed(at, "not a JSON object");
            return None;
        };
        let name = text(o, kind.name_key);
        let entity = text(o, "Arn").or(name).unwrap_or(at).to_string();
        let (Some(name), Some(arn)) = (name, text(o, "Arn")) else {
            self.report
                .unparsed(entity, format!("{} or Arn is missing", kind.name_key));
            return None;
        };
        let path = text(o, "Path").unwrap_or("/");
        if let Err(e) =
            validate_name(name, kind.name_key, kind.max_name).and_then(|_| validate_path(path))
        {
            self.report.unparsed(entity, e.to_string());
            return None;
        }
        let account = self.account_of(arn, &entity)?;
        let id = match text(o, kind.id_key) {
            Some(id)
                if IdPrefix::of(id) == Some(kind.prefix)
                    && id.bytes().all(|b| b.is_ascii_alphanumeric()) =>
            {
                id.to_string()
            }
            _ => {
                self.generated_ids = self.generated_ids.saturating_add(1);
                self.world.id_gen.unique_id(kind.prefix)
            }
        };
        Some(Header {
            o,
            name: name.to_string(),
            path: path.to_string(),
            arn: iam_arn(kind.arn_kind, &account, path, name),
            id,
            account,
        })
    }

    fn taken(&mut self, h: &Header, exists: bool) -> bool {
        if exists {
            self.report
                .unparsed(&h.arn, format!("the unique id {} appears twice", h.id));
        }
        exists
    }
}

pub(super) fn read_group(ctx: &mut Ctx, v: &Value, at: &str) {
    let Some(h) = ctx.header(v, at, &GROUP) else {
        return;
    };
    let id = GroupId::new(&h.id);
    if ctx.taken(&h, ctx.world.groups.contains_key(&id)) {
        return;
    }
    let group = Group {
        group_id: id.clone(),
        account: h.account.clone(),
        group_name: h.name.clone(),
        path: h.path.clone(),
        attached_policies: ctx.attached(h.o, &h.account, &h.arn),
        inline_policies: ctx.inline(h.o, "GroupPolicyList", &h.arn),
        arn: h.arn,
    };
    ctx.world.groups.insert(id, group);
    ctx.report.counts.groups = ctx.report.counts.groups.saturating_add(1);
}

pub(super) fn read_user(ctx: &mut Ctx, v: &Value, at: &str) {
    let Some(h) = ctx.header(v, at, &USER) else {
        return;
    };
    let id = UserId::new(&h.id);
    if ctx.taken(&h, ctx.world.users.contains_key(&id)) {
        return;
    }
    let mut groups = Vec::new();
    for name in
        h.o.get("GroupList")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
    {
        match ctx.world.group_by_name(&h.account, name) {
            Some(g) => groups.push(g.group_id.clone()),
            None => ctx
                .report
                .missing(&h.arn, name, MissingUse::GroupMembership),
        }
    }
    let user = User {
        user_id: id.clone(),
        account: h.account.clone(),
        user_name: h.name.clone(),
        path: h.path.clone(),
        tags: tags(h.o),
        groups,
        attached_policies: ctx.attached(h.o, &h.account, &h.arn),
        inline_policies: ctx.inline(h.o, "UserPolicyList", &h.arn),
        permissions_boundary: ctx.boundary(h.o, &h.account, &h.arn),
        console_password: false,
        access_keys: Vec::new(),
        mfa_device: None,
        arn: h.arn,
    };
    ctx.world.users.insert(id, user);
    ctx.report.counts.users = ctx.report.counts.users.saturating_add(1);
}

pub(super) fn read_role(ctx: &mut Ctx, v: &Value, at: &str) {
    let Some(h) = ctx.header(v, at, &ROLE) else {
        return;
    };
    let id = RoleId::new(&h.id);
    if ctx.taken(&h, ctx.world.roles.contains_key(&id)) {
        return;
    }
    let trust = format!("{} trust policy (AssumeRolePolicyDocument)", h.arn);
    let Some(trust_policy) = ctx.policy_text(h.o.get("AssumeRolePolicyDocument"), &trust) else {
        return;
    };
    let role = Role {
        role_id: id.clone(),
        account: h.account.clone(),
        role_name: h.name.clone(),
        path: h.path.clone(),
        trust_policy,
        attached_policies: ctx.attached(h.o, &h.account, &h.arn),
        inline_policies: ctx.inline(h.o, "RolePolicyList", &h.arn),
        permissions_boundary: ctx.boundary(h.o, &h.account, &h.arn),
        max_session_duration: DEFAULT_MAX_SESSION_DURATION,
        description: String::new(),
        tags: tags(h.o),
        arn: h.arn.clone(),
    };
    ctx.world.roles.insert(id.clone(), role);
    ctx.report.counts.roles = ctx.report.counts.roles.saturating_add(1);
    let profiles =
        h.o.get("InstanceProfileList")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
    for (i, p) in profiles.enumerate() {
        read_instance_profile(
            ctx,
            p,
            &format!("{} InstanceProfileList[{i}]", h.arn),
            &id,
            &h.account,
        );
    }
}

/// An `InstanceProfile` listed under its role: it holds that role (one role at most).
fn read_instance_profile(ctx: &mut Ctx, v: &Value, at: &str, role: &RoleId, account: &AccountId) {
    let Some(h) = ctx.header(v, at, &PROFILE) else {
        return;
    };
    let id = InstanceProfileId::new(&h.id);
    if ctx.world.instance_profiles.contains_key(&id) {
        return; // the same profile seen again: it already holds its role
    }
    if &h.account != account {
        ctx.report.unparsed(
            &h.arn,
            "the instance profile is in another account than its role",
        );
        return;
    }
    let profile = InstanceProfile {
        instance_profile_id: id.clone(),
        account: h.account.clone(),
        instance_profile_name: h.name,
        path: h.path,
        arn: h.arn,
        role: Some(role.clone()),
    };
    ctx.world.instance_profiles.insert(id, profile);
    ctx.report.counts.instance_profiles = ctx.report.counts.instance_profiles.saturating_add(1);
}
