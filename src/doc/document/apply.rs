//! Applying commands: each one validates through the world (AWS's error texts) and either
//! applies whole or leaves the document untouched.

use super::resolve::Target;
use super::{Document, Draft};
use crate::doc::command::{AccessKeyOp, Command, DocError, PolicySlot};
use crate::doc::geometry::Point;
use crate::doc::scene::NodeId;
use crate::sim::ids::AccessKeyId;
use crate::sim::policy::{parse, PolicyKind, Severity};
use crate::sim::world::{AccessKeyStatus, Tag, WorldError};

/// What a command did, beyond changing the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// Nodes it created (the editor selects them).
    pub created: Vec<NodeId>,
    /// Something the person should know ("the policy is kept as a draft: ...").
    pub notice: Option<String>,
}

impl From<WorldError> for DocError {
    fn from(e: WorldError) -> Self {
        DocError::Aws {
            code: e.code().to_string(),
            message: e.message().to_string(),
        }
    }
}

impl Document {
    /// Applies `cmd`. On error the document is exactly as before.
    pub fn apply(&mut self, cmd: &Command) -> Result<Applied, DocError> {
        // A drag sends a move per pointer event; moves cannot fail half-way, so they skip
        // the copy that makes every other command all-or-nothing.
        if let Command::MoveNodes { moves } = cmd {
            self.move_nodes(moves);
            return Ok(Applied::default());
        }
        let mut next = self.clone();
        let applied = next.apply_inner(cmd)?;
        next.show_created(cmd, &applied)?;
        *self = next;
        Ok(applied)
    }

    /// A node added (or moved) into an account whose nodes of its kind are collapsed would
    /// vanish into the cluster: the cluster is expanded so it shows.
    fn show_created(&mut self, cmd: &Command, applied: &Applied) -> Result<(), DocError> {
        if self.layout.collapsed.is_empty() {
            return Ok(());
        }
        let moved = match cmd {
            Command::MoveToAccount { id, .. } => Some(id),
            _ => None,
        };
        let hidden: Vec<_> = applied
            .created
            .iter()
            .chain(moved)
            .filter_map(|id| self.cluster_of(id))
            .filter(|k| self.layout.collapsed.contains_key(k))
            .collect();
        for k in hidden {
            self.set_cluster_collapsed(&k, false)?;
        }
        Ok(())
    }

    /// Resolves `id` or says it is not on the canvas.
    pub(super) fn require(&self, id: &NodeId) -> Result<Target, DocError> {
        self.target(id)
            .ok_or_else(|| DocError::UnknownNode(id.clone()))
    }

    fn apply_inner(&mut self, cmd: &Command) -> Result<Applied, DocError> {
        let done = Ok(Applied::default());
        if let Command::Connect { from, to, .. } | Command::Disconnect { from, to, .. } = cmd {
            if [from, to]
                .into_iter()
                .any(|id| self.collapsed_cluster(id).is_some())
            {
                return Err(DocError::NotApplicable(
                    "Expand the cluster first: its members connect one by one.".into(),
                ));
            }
        }
        match cmd {
            Command::AddNode { kind, at } => self.add_node(*kind, *at),
            Command::Rename { id, name } => {
                self.rename(id, name)?;
                // IAM has UpdateUser and UpdateGroup with a new name, but no way to rename a
                // role. <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_modify.html>
                let notice = matches!(self.target(id), Some(Target::Role(_)))
                    .then(|| format!("AWS cannot rename a role (you would create a new one); here its ARN is now {}.", self.arn_of(id)));
                Ok(Applied {
                    created: vec![],
                    notice,
                })
            }
            Command::SetPath { id, path } => self.set_path(id, path).and(done),
            Command::MoveNodes { moves } => {
                self.move_nodes(moves);
                done
            }
            Command::MoveToAccount { id, account } => {
                self.move_to_account(id, account)?;
                let notice = format!(
                    "AWS cannot move an identity between accounts (you would recreate it there); here its ARN is now {}.",
                    self.arn_of(id)
                );
                Ok(Applied {
                    created: vec![],
                    notice: Some(notice),
                })
            }
            Command::Delete { ids } => self.delete(ids).and(done),
            Command::Duplicate { ids } => self.duplicate(ids),
            Command::Connect { from, to, kind } => self.connect(from, to, *kind).and(done),
            Command::Disconnect { from, to, kind } => self.disconnect(from, to, *kind).and(done),
            Command::SetPolicyText { id, slot, text } => self.set_policy_text(id, slot, text),
            Command::DeleteInlinePolicy { id, name } => {
                let who = self.identity(id)?;
                self.world.delete_inline_policy(&who, name)?;
                self.drafts
                    .retain(|d| !(d.node == *id && d.slot == PolicySlot::Inline(name.clone())));
                done
            }
            Command::AttachManagedPolicy { id, policy_arn } => {
                let who = self.identity(id)?;
                self.world.attach_policy(&who, policy_arn)?;
                done
            }
            Command::DetachManagedPolicy { id, policy_arn } => {
                let who = self.identity(id)?;
                self.world.detach_policy(&who, policy_arn)?;
                done
            }
            Command::SetPermissionsBoundary { id, policy_arn } => {
                let who = self.identity(id)?;
                self.world
                    .set_permissions_boundary(&who, policy_arn.as_deref())?;
                done
            }
            Command::SetMaxSessionDuration { id, seconds } => match self.require(id)? {
                Target::Role(r) => self
                    .world
                    .set_max_session_duration(&r, *seconds)
                    .map_err(Into::into)
                    .and(done),
                _ => Err(DocError::NotApplicable(
                    "Only a role has a maximum session duration.".into(),
                )),
            },
            Command::SetTags { id, tags } => {
                let who = self.identity(id)?;
                let tags = tags
                    .iter()
                    .map(|(k, v)| Tag::new(k.clone(), v.clone()))
                    .collect();
                self.world.set_tags(&who, tags)?;
                done
            }
            Command::AccessKey {
                id,
                op,
                now_epoch_secs,
            } => self.access_key(id, op, *now_epoch_secs).and(done),
            Command::SetMfa { id, enabled } => {
                let user = self.user(id)?;
                if *enabled {
                    let name = self
                        .world
                        .users
                        .get(&user)
                        .map(|u| u.user_name.clone())
                        .unwrap_or_default();
                    self.world.enable_mfa_device(&user, &name)?;
                } else {
                    self.world.disable_mfa_device(&user)?;
                }
                done
            }
            Command::SetPassword { id, enabled } => {
                let user = self.user(id)?;
                self.world.set_console_password(&user, *enabled)?;
                done
            }
            Command::AddOrganization { management } => self.add_organization(management),
            Command::SetOu { account, ou } => self.set_ou(account, ou.as_deref()).and(done),
            Command::Align { ids, how } => {
                self.align(ids, *how);
                done
            }
            Command::AutoLayout => {
                self.auto_layout();
                done
            }
            Command::SetTitle { title } => {
                self.title = title.clone();
                done
            }
            Command::SetDescription { description } => {
                self.description = description.clone();
                done
            }
            Command::SetClusterCollapsed { cluster, collapsed } => {
                self.set_cluster_collapsed(cluster, *collapsed)
            }
            Command::DismissImportReport => {
                self.dismiss_import_report();
                done
            }
        }
    }

    /// The ARN of a user, group or role node (empty for other kinds).
    fn arn_of(&self, id: &NodeId) -> String {
        let w = &self.world;
        match self.target(id) {
            Some(Target::User(u)) => w.users.get(&u).map(|x| x.arn.clone()),
            Some(Target::Group(g)) => w.groups.get(&g).map(|x| x.arn.clone()),
            Some(Target::Role(r)) => w.roles.get(&r).map(|x| x.arn.clone()),
            _ => None,
        }
        .unwrap_or_default()
    }

    fn identity(&self, id: &NodeId) -> Result<crate::sim::world::IdentityId, DocError> {
        self.require(id)?.identity().ok_or_else(|| {
            DocError::NotApplicable("Only users, groups and roles have IAM policies.".into())
        })
    }

    fn user(&self, id: &NodeId) -> Result<crate::sim::ids::UserId, DocError> {
        match self.require(id)? {
            Target::User(u) => Ok(u),
            _ => Err(DocError::NotApplicable(
                "Only an IAM user has access keys, a password or an MFA device.".into(),
            )),
        }
    }

    pub(super) fn move_nodes(&mut self, moves: &[(NodeId, Point)]) {
        for (id, p) in moves {
            // A position for nothing would linger in the saved file; a NaN would not load.
            if !(p.x.is_finite() && p.y.is_finite()) {
                continue;
            }
            if let Some(k) = self.collapsed_cluster(id) {
                self.layout.collapsed.insert(k, *p);
                continue;
            }
            if self.target(id).is_none() {
                continue;
            }
            if let Some(r) = self.layout.frames.get_mut(id) {
                r.x = p.x;
                r.y = p.y;
            } else {
                self.layout.nodes.insert(id.clone(), *p);
            }
        }
    }

    fn rename(&mut self, id: &NodeId, name: &str) -> Result<(), DocError> {
        let target = self.require(id)?;
        let w = &mut self.world;
        match target {
            Target::User(u) => w.rename_user(&u, name, None)?,
            Target::Group(g) => w.rename_group(&g, name, None)?,
            Target::Role(r) => w.rename_role(&r, name, None)?,
            Target::Account(a) => {
                w.set_account_alias(&a, if name.is_empty() { None } else { Some(name) })?
            }
            Target::Ec2(i) => {
                if let Some(inst) = w.ec2_instances.get_mut(&i) {
                    inst.name = name.to_string();
                }
            }
            Target::Actor(id) => {
                if let Some(a) = self.actor_mut(&id) {
                    a.name = name.to_string();
                }
            }
            _ => {
                return Err(DocError::NotApplicable(
                    "AWS cannot rename this; create a new one instead.".into(),
                ))
            }
        }
        Ok(())
    }

    fn set_path(&mut self, id: &NodeId, path: &str) -> Result<(), DocError> {
        let target = self.require(id)?;
        let w = &mut self.world;
        match target {
            Target::User(u) => {
                let name = w
                    .users
                    .get(&u)
                    .map(|x| x.user_name.clone())
                    .unwrap_or_default();
                w.rename_user(&u, &name, Some(path))?;
            }
            Target::Group(g) => {
                let name = w
                    .groups
                    .get(&g)
                    .map(|x| x.group_name.clone())
                    .unwrap_or_default();
                w.rename_group(&g, &name, Some(path))?;
            }
            Target::Role(r) => {
                let name = w
                    .roles
                    .get(&r)
                    .map(|x| x.role_name.clone())
                    .unwrap_or_default();
                w.rename_role(&r, &name, Some(path))?;
            }
            _ => {
                return Err(DocError::NotApplicable(
                    "Only users, groups and roles have an IAM path.".into(),
                ))
            }
        }
        Ok(())
    }

    fn access_key(&mut self, id: &NodeId, op: &AccessKeyOp, now: u64) -> Result<(), DocError> {
        let user = self.user(id)?;
        let w = &mut self.world;
        match op {
            AccessKeyOp::Create => {
                w.create_access_key(&user, now)?;
            }
            AccessKeyOp::Deactivate(k) => w.set_access_key_status(
                &user,
                &AccessKeyId::new(k.as_str()),
                AccessKeyStatus::Inactive,
            )?,
            AccessKeyOp::Activate(k) => w.set_access_key_status(
                &user,
                &AccessKeyId::new(k.as_str()),
                AccessKeyStatus::Active,
            )?,
            AccessKeyOp::Delete(k) => w.delete_access_key(&user, &AccessKeyId::new(k.as_str()))?,
            AccessKeyOp::Rotate(k) => {
                w.rotate_access_key(&user, &AccessKeyId::new(k.as_str()), now)?;
            }
        }
        Ok(())
    }

    /// Valid text goes to the world and clears the draft; text the world refuses as a policy
    /// is kept as a draft (the last valid text keeps driving the simulation).
    fn set_policy_text(
        &mut self,
        id: &NodeId,
        slot: &PolicySlot,
        text: &str,
    ) -> Result<Applied, DocError> {
        let target = self.require(id)?;
        let kind = match (&target, slot) {
            (Target::Role(_), PolicySlot::Trust) => PolicyKind::Trust,
            (Target::Resource(_), PolicySlot::Resource) => PolicyKind::Resource,
            (t, PolicySlot::Inline(_)) if t.identity().is_some() => PolicyKind::Identity,
            _ => {
                return Err(DocError::NotApplicable(
                    "This node has no such policy.".into(),
                ))
            }
        };
        // An empty resource policy removes it; anything else must be a policy IAM accepts.
        let removing = kind == PolicyKind::Resource && text.trim().is_empty();
        if !removing {
            let outcome = parse(text, kind);
            if !outcome.is_valid() {
                self.drafts.retain(|d| !(d.node == *id && d.slot == *slot));
                self.drafts.push(Draft {
                    node: id.clone(),
                    slot: slot.clone(),
                    text: text.to_string(),
                });
                let first = outcome
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Error);
                let why = first
                    .map(|f| format!("line {}, column {}: {}", f.line, f.column, f.message))
                    .unwrap_or_default();
                return Ok(Applied {
                    created: vec![],
                    notice: Some(format!("Kept as a draft, not applied ({why})")),
                });
            }
        }
        let result = match (&target, slot) {
            (Target::Role(r), PolicySlot::Trust) => self.world.set_trust_policy(r, text),
            (Target::Resource(arn), PolicySlot::Resource) => {
                let t = if text.trim().is_empty() {
                    None
                } else {
                    Some(text)
                };
                self.world.set_resource_policy(arn, t)
            }
            (t, PolicySlot::Inline(name)) if t.identity().is_some() => {
                let who = self.identity(id)?;
                self.world.put_inline_policy(&who, name, text)
            }
            _ => {
                return Err(DocError::NotApplicable(
                    "This node has no such policy.".into(),
                ))
            }
        };
        self.drafts.retain(|d| !(d.node == *id && d.slot == *slot));
        match result {
            Ok(()) => Ok(Applied::default()),
            Err(e) if is_policy_text_error(&e) => {
                self.drafts.push(Draft {
                    node: id.clone(),
                    slot: slot.clone(),
                    text: text.to_string(),
                });
                Ok(Applied {
                    created: vec![],
                    notice: Some(format!("Kept as a draft, not applied: {}", e.message())),
                })
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Errors that mean "this text is not an acceptable policy", as opposed to "no such role".
fn is_policy_text_error(e: &WorldError) -> bool {
    matches!(
        e.code(),
        "MalformedPolicyDocument"
            | "MalformedPolicyDocumentException"
            | "ValidationError"
            | "LimitExceeded"
    )
}
