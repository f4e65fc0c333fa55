//! Delete and Duplicate.

use super::resolve::Target;
use super::{Applied, Document};
use crate::doc::command::DocError;
use crate::doc::geometry::{Point, GRID};
use crate::doc::scene::{ActorId, NodeId};
use crate::sim::ids::EntityId;
use crate::sim::world::IdentityId;

impl Document {
    /// Deletes nodes and what hangs off them. Policies that named a deleted user or role keep
    /// its ARN: AWS does not edit other policies when an entity is deleted, and the canvas
    /// marks the dangling principal instead.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles>
    pub(super) fn delete(&mut self, asked: &[NodeId]) -> Result<(), DocError> {
        // A collapsed cluster stands for many nodes the person has not seen: deleting them
        // unseen would be a surprise, so only what is drawn one by one is deleted.
        let ids: Vec<NodeId> = asked
            .iter()
            .filter(|id| self.collapsed_cluster(id).is_none())
            .cloned()
            .collect();
        if ids.is_empty() && !asked.is_empty() {
            return Err(DocError::NotApplicable(
                "Expand the cluster to delete what is in it.".into(),
            ));
        }
        let ids = ids.as_slice();
        let targets: Vec<Target> = ids
            .iter()
            .map(|id| self.require(id))
            .collect::<Result<_, _>>()?;
        for t in targets {
            let w = &mut self.world;
            match t {
                Target::Organization(_) => w.organization = None,
                // Each may already be gone with an earlier id in the same list (a user
                // inside a deleted account), hence the guards.
                Target::Account(a) if w.accounts.contains_key(&a) => w.delete_account(&a)?,
                Target::User(u) if w.users.contains_key(&u) => w.delete_user(&u)?,
                Target::Group(g) if w.groups.contains_key(&g) => w.delete_group(&g)?,
                Target::Role(r) if w.roles.contains_key(&r) => w.delete_role(&r)?,
                Target::Ec2(i) if w.ec2_instances.contains_key(&i) => {
                    w.terminate_ec2_instance(&i)?
                }
                Target::Lambda(arn) if w.lambda_functions.iter().any(|f| f.arn == arn) => {
                    w.delete_lambda_function(&arn)?
                }
                Target::Ecs(t) if w.ecs_task(&t).is_some() => w.stop_ecs_task(&t)?,
                Target::Idp(arn) if w.identity_providers.iter().any(|p| p.arn() == arn) => {
                    w.delete_identity_provider(&arn)?
                }
                Target::Resource(arn) if w.resource(&arn).is_some() => w.delete_resource(&arn)?,
                Target::Actor(_) => {}
                _ => {}
            }
        }
        self.actors
            .retain(|a| !ids.contains(&NodeId::of_actor(&a.id)));
        self.forget_missing();
        Ok(())
    }

    /// Drops layout entries, drafts and actor links of nodes that no longer exist.
    pub(crate) fn forget_missing(&mut self) {
        let live = self.node_ids();
        self.layout.nodes.retain(|id, _| live.contains(id));
        self.layout.frames.retain(|id, _| live.contains(id));
        let accounts = &self.world.accounts;
        self.layout
            .collapsed
            .retain(|k, _| accounts.contains_key(&k.account));
        self.drafts.retain(|d| live.contains(&d.node));
        for a in &mut self.actors {
            a.via.retain(|v| live.contains(v));
        }
    }

    /// Copies users, groups, roles and outside actors next to the originals, with their
    /// policies (and a user's groups, a role's trust). Other kinds are skipped.
    pub(super) fn duplicate(&mut self, ids: &[NodeId]) -> Result<Applied, DocError> {
        let mut created = Vec::new();
        for id in ids {
            let copy = match self.require(id)? {
                Target::User(u) => self.copy_user(&u)?,
                Target::Group(g) => self.copy_group(&g)?,
                Target::Role(r) => self.copy_role(&r)?,
                Target::Actor(actor) => {
                    let Some(mut a) = self.actor_by_id(&actor).cloned() else {
                        continue;
                    };
                    a.id = ActorId::nth(self.next_actor);
                    self.next_actor = self.next_actor.saturating_add(1);
                    a.name = format!("{} copy", a.name);
                    let new = NodeId::of_actor(&a.id);
                    self.actors.push(a);
                    new
                }
                _ => continue,
            };
            let at = self.layout.nodes.get(id).copied().unwrap_or_default();
            self.layout
                .nodes
                .insert(copy.clone(), at + Point::new(3.0 * GRID, 3.0 * GRID));
            if let Some(account) = self.account_of(&copy) {
                self.grow_frame(&NodeId::of(&EntityId::Account(account)));
            }
            created.push(copy);
        }
        if created.is_empty() {
            return Err(DocError::NotApplicable(
                "Only users, groups, roles and outside actors can be duplicated.".into(),
            ));
        }
        Ok(Applied {
            created,
            notice: None,
        })
    }

    fn copy_policies(&mut self, from: &IdentityId, to: &IdentityId) -> Result<(), DocError> {
        let w = &self.world;
        let (attached, inline) = match from {
            IdentityId::User(u) => w
                .users
                .get(u)
                .map(|x| (x.attached_policies.clone(), x.inline_policies.clone())),
            IdentityId::Group(g) => w
                .groups
                .get(g)
                .map(|x| (x.attached_policies.clone(), x.inline_policies.clone())),
            IdentityId::Role(r) => w
                .roles
                .get(r)
                .map(|x| (x.attached_policies.clone(), x.inline_policies.clone())),
        }
        .unwrap_or_default();
        for arn in attached {
            self.world.attach_policy(to, &arn)?;
        }
        for (name, text) in inline {
            self.world.put_inline_policy(to, &name, &text)?;
        }
        Ok(())
    }

    fn copy_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
        let first = format!("{base}-copy");
        if !taken(&first) {
            return first;
        }
        (2..)
            .map(|n| format!("{base}-copy-{n}"))
            .find(|n| !taken(n))
            .unwrap_or(first)
    }

    fn copy_user(&mut self, u: &crate::sim::ids::UserId) -> Result<NodeId, DocError> {
        let Some(src) = self.world.users.get(u).cloned() else {
            return Err(DocError::UnknownNode(NodeId::of(&EntityId::User(
                u.clone(),
            ))));
        };
        let name = Self::copy_name(&src.user_name, |n| {
            self.world.user_by_name(&src.account, n).is_some()
        });
        let new = self.world.create_user(&src.account, &name, &src.path)?;
        for g in &src.groups {
            self.world.add_user_to_group(&new, g)?;
        }
        self.copy_policies(&IdentityId::User(u.clone()), &IdentityId::User(new.clone()))?;
        Ok(NodeId::of(&EntityId::User(new)))
    }

    fn copy_group(&mut self, g: &crate::sim::ids::GroupId) -> Result<NodeId, DocError> {
        let Some(src) = self.world.groups.get(g).cloned() else {
            return Err(DocError::UnknownNode(NodeId::of(&EntityId::Group(
                g.clone(),
            ))));
        };
        let name = Self::copy_name(&src.group_name, |n| {
            self.world.group_by_name(&src.account, n).is_some()
        });
        let new = self.world.create_group(&src.account, &name, &src.path)?;
        self.copy_policies(
            &IdentityId::Group(g.clone()),
            &IdentityId::Group(new.clone()),
        )?;
        Ok(NodeId::of(&EntityId::Group(new)))
    }

    fn copy_role(&mut self, r: &crate::sim::ids::RoleId) -> Result<NodeId, DocError> {
        let Some(src) = self.world.roles.get(r).cloned() else {
            return Err(DocError::UnknownNode(NodeId::of(&EntityId::Role(
                r.clone(),
            ))));
        };
        let name = Self::copy_name(&src.role_name, |n| {
            self.world.role_by_name(&src.account, n).is_some()
        });
        let new = self
            .world
            .create_role(&src.account, &name, &src.path, &src.trust_policy)?;
        self.world
            .set_max_session_duration(&new, src.max_session_duration)?;
        self.copy_policies(&IdentityId::Role(r.clone()), &IdentityId::Role(new.clone()))?;
        Ok(NodeId::of(&EntityId::Role(new)))
    }
}
