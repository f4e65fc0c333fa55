//! Connect and Disconnect: what drawing or deleting an edge writes into the world.

use super::resolve::Target;
use super::Document;
use crate::doc::command::connect::edge_kind_for;
use crate::doc::command::{DocError, PolicySlot};
use crate::doc::scene::{EdgeKind, NodeId};
use crate::doc::trust::{add_principal, has_statements, remove_principal, EditError, PrincipalRef};
use crate::sim::ids::{EntityId, RoleId};
use crate::sim::world::{ResourceKind as WorldResourceKind, DEFAULT_REGION};

impl Document {
    pub(super) fn connect(
        &mut self,
        from: &NodeId,
        to: &NodeId,
        kind: EdgeKind,
    ) -> Result<(), DocError> {
        let (fk, tk) = (self.kind_of(from), self.kind_of(to));
        let (Some(fk), Some(tk)) = (fk, tk) else {
            return Err(DocError::UnknownNode(if fk.is_none() {
                from.clone()
            } else {
                to.clone()
            }));
        };
        let expected = edge_kind_for(fk, tk).map_err(DocError::CannotConnect)?;
        if expected != kind {
            return Err(DocError::CannotConnect(format!(
                "{} {} cannot be drawn here.",
                fk.noun(),
                kind.verb()
            )));
        }
        let (src, dst) = (self.require(from)?, self.require(to)?);
        match (kind, src, dst) {
            (EdgeKind::MemberOf, Target::User(u), Target::Group(g)) => {
                self.world.add_user_to_group(&u, &g)?
            }
            (EdgeKind::Trusts, src, Target::Role(r)) => {
                let principal = self.principal_of(&src)?;
                self.edit_trust(to, &r, |text| {
                    add_principal(text, &principal, principal.assume_action(), None)
                })?;
            }
            (EdgeKind::RunsAs, src, Target::Role(r)) => self.run_as(&src, &r)?,
            (EdgeKind::ResourceAccess, src, Target::Resource(arn)) => {
                let principal = self.principal_of(&src)?;
                let (action, resource) = resource_grant(self, &arn);
                self.edit_resource_policy(to, &arn, |text| {
                    add_principal(text, &principal, action, Some(&resource))
                })?;
            }
            (EdgeKind::ActsThrough, Target::Actor(id), _) => {
                if let Some(a) = self.actor_mut(&id) {
                    if a.via.contains(to) {
                        return Err(DocError::NotApplicable(
                            "They are already connected.".into(),
                        ));
                    }
                    a.via.push(to.clone());
                }
            }
            _ => {
                return Err(DocError::CannotConnect(
                    "These two cannot be connected.".into(),
                ))
            }
        }
        Ok(())
    }

    pub(super) fn disconnect(
        &mut self,
        from: &NodeId,
        to: &NodeId,
        kind: EdgeKind,
    ) -> Result<(), DocError> {
        let (src, dst) = (self.require(from)?, self.require(to)?);
        match (kind, src, dst) {
            (EdgeKind::MemberOf, Target::User(u), Target::Group(g)) => {
                self.world.remove_user_from_group(&u, &g)?
            }
            (EdgeKind::Trusts, src, Target::Role(r)) => {
                let principal = self.principal_of(&src)?;
                let also = self.account_id_form(&src);
                self.edit_trust(to, &r, |text| match remove_principal(text, &principal) {
                    Err(EditError::NotPresent) => match &also {
                        Some(p) => remove_principal(text, p),
                        None => Err(EditError::NotPresent),
                    },
                    other => other,
                })?;
            }
            (EdgeKind::RunsAs, src, Target::Role(_)) => self.stop_running_as(&src)?,
            (EdgeKind::ResourceAccess, src, Target::Resource(arn)) => {
                let principal = self.principal_of(&src)?;
                self.edit_resource_policy(to, &arn, |text| remove_principal(text, &principal))?;
            }
            (EdgeKind::ActsThrough, Target::Actor(id), _) => match self.actor_mut(&id) {
                Some(a) if a.via.contains(to) => a.via.retain(|v| v != to),
                _ => return Err(DocError::NoSuchEdge),
            },
            _ => return Err(DocError::NoSuchEdge),
        }
        Ok(())
    }

    /// How a node is written in a `Principal` element.
    fn principal_of(&self, t: &Target) -> Result<PrincipalRef, DocError> {
        let w = &self.world;
        let arn = match t {
            Target::User(u) => w.users.get(u).map(|x| x.arn.clone()),
            Target::Role(r) => w.roles.get(r).map(|x| x.arn.clone()),
            Target::Account(a) => Some(format!("arn:aws:iam::{}:root", a.as_str())),
            Target::Idp(arn) => return Ok(PrincipalRef::Federated(arn.clone())),
            Target::Group(_) => {
                return Err(DocError::CannotConnect(
                    crate::doc::command::connect::GROUP_NOT_A_PRINCIPAL.into(),
                ))
            }
            _ => None,
        };
        arn.map(PrincipalRef::Aws)
            .ok_or_else(|| DocError::CannotConnect("This is not a principal.".into()))
    }

    /// An account may also be written as its bare 12-digit id; removing the edge removes that too.
    fn account_id_form(&self, t: &Target) -> Option<PrincipalRef> {
        match t {
            Target::Account(a) => Some(PrincipalRef::Aws(a.as_str().to_string())),
            _ => None,
        }
    }

    /// Rewrites a role's trust policy with `edit`. Refused while the trust policy has a draft:
    /// drawing would silently throw away what the person typed.
    fn edit_trust(
        &mut self,
        node: &NodeId,
        role: &RoleId,
        edit: impl Fn(&str) -> Result<String, EditError>,
    ) -> Result<(), DocError> {
        if self.draft(node, &PolicySlot::Trust).is_some() {
            return Err(DocError::NotApplicable(
                "This role's trust policy has unapplied text in the editor: fix or discard it first.".into(),
            ));
        }
        let current = self
            .world
            .roles
            .get(role)
            .map(|r| r.trust_policy.clone())
            .unwrap_or_default();
        let next = edit(&current).map_err(edit_error)?;
        if !has_statements(&next) {
            // IAM rejects a trust policy without statements (MISSING_STATEMENT), so the last
            // trust edge cannot simply vanish.
            return Err(DocError::NotApplicable(
                "A trust policy needs at least one statement, so the role's last trust cannot be removed: draw another trust first, or delete the role.".into(),
            ));
        }
        self.world.set_trust_policy(role, &next)?;
        Ok(())
    }

    fn edit_resource_policy(
        &mut self,
        node: &NodeId,
        arn: &str,
        edit: impl Fn(&str) -> Result<String, EditError>,
    ) -> Result<(), DocError> {
        if self.draft(node, &PolicySlot::Resource).is_some() {
            return Err(DocError::NotApplicable(
                "This resource's policy has unapplied text in the editor: fix or discard it first."
                    .into(),
            ));
        }
        let current = self
            .world
            .resource(arn)
            .and_then(|r| r.policy.clone())
            .unwrap_or_default();
        let next = edit(&current).map_err(edit_error)?;
        // A resource policy left without statements is removed: a bucket without a policy
        // is valid, a policy without statements is not.
        let policy = if has_statements(&next) {
            Some(next.as_str())
        } else {
            None
        };
        self.world.set_resource_policy(arn, policy)?;
        Ok(())
    }

    /// Gives a compute node its role, the way the console does: an EC2 instance gets an
    /// instance profile named after the role; the role is made to trust the service.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html>
    fn run_as(&mut self, src: &Target, role: &RoleId) -> Result<(), DocError> {
        let (role_account, role_name) = match self.world.roles.get(role) {
            Some(r) => (r.account.clone(), r.role_name.clone()),
            None => {
                return Err(DocError::UnknownNode(NodeId::of(&EntityId::Role(
                    role.clone(),
                ))))
            }
        };
        let service = match src {
            Target::Ec2(i) => {
                let inst = self.world.ec2_instances.get(i).cloned();
                let Some(inst) = inst else {
                    let node = NodeId::of(&EntityId::Ec2Instance(i.clone()));
                    return Err(DocError::UnknownNode(node));
                };
                let profile = match inst.instance_profile {
                    Some(p) => p,
                    None => {
                        let name = self.free_profile_name(&inst.account, &role_name);
                        let p = self
                            .world
                            .create_instance_profile(&inst.account, &name, "/")?;
                        self.world.set_instance_profile(i, Some(&p))?;
                        p
                    }
                };
                self.world.add_role_to_instance_profile(&profile, role)?;
                "ec2.amazonaws.com"
            }
            Target::Lambda(arn) => {
                let f = self.world.lambda_functions.iter().find(|f| &f.arn == arn);
                let Some(f) = f else {
                    let node = NodeId::of(&EntityId::LambdaFunction(arn.clone()));
                    return Err(DocError::UnknownNode(node));
                };
                same_account(&f.account, &role_account)?;
                self.world.set_lambda_execution_role(arn, Some(role))?;
                "lambda.amazonaws.com"
            }
            Target::Ecs(id) => {
                let Some(t) = self.world.ecs_task_mut(id) else {
                    return Err(DocError::NoSuchEdge);
                };
                same_account(&t.account, &role_account)?;
                t.task_role = Some(role.clone());
                "ecs-tasks.amazonaws.com"
            }
            _ => {
                return Err(DocError::CannotConnect(
                    "Only compute (EC2, Lambda, ECS) runs as a role.".into(),
                ))
            }
        };
        let node = NodeId::of(&EntityId::Role(role.clone()));
        let principal = PrincipalRef::Service(service.to_string());
        match self.edit_trust(&node, role, |t| {
            add_principal(t, &principal, "sts:AssumeRole", None)
        }) {
            Ok(()) | Err(DocError::NotApplicable(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    fn stop_running_as(&mut self, src: &Target) -> Result<(), DocError> {
        match src {
            Target::Ec2(i) => {
                let profile = self
                    .world
                    .ec2_instances
                    .get(i)
                    .and_then(|x| x.instance_profile.clone());
                let Some(p) = profile else {
                    return Err(DocError::NoSuchEdge);
                };
                self.world.remove_role_from_instance_profile(&p)?;
            }
            Target::Lambda(arn) => self.world.set_lambda_execution_role(arn, None)?,
            Target::Ecs(id) => match self.world.ecs_task_mut(id) {
                Some(t) => t.task_role = None,
                None => return Err(DocError::NoSuchEdge),
            },
            _ => return Err(DocError::NoSuchEdge),
        }
        Ok(())
    }

    fn free_profile_name(&self, account: &crate::sim::ids::AccountId, base: &str) -> String {
        let mut name = base.to_string();
        let mut n = 2usize;
        while self
            .world
            .instance_profile_by_name(account, &name)
            .is_some()
        {
            name = format!("{base}-{n}");
            n = n.saturating_add(1); // one more than the profiles that exist
        }
        name
    }
}

/// A Lambda function or ECS task can only use a role of its own account.
fn same_account(
    a: &crate::sim::ids::AccountId,
    b: &crate::sim::ids::AccountId,
) -> Result<(), DocError> {
    if a == b {
        Ok(())
    } else {
        Err(DocError::CannotConnect(format!(
            "The role is in account {} but this runs in account {}: compute can only use a role of its own account.",
            b.as_str(),
            a.as_str()
        )))
    }
}

/// The action and resource a drawn resource-access edge grants: the everyday read or send.
fn resource_grant(doc: &Document, arn: &str) -> (&'static str, String) {
    let kind = doc.world.resource(arn).map(|r| r.kind);
    let _ = DEFAULT_REGION;
    match kind {
        Some(WorldResourceKind::S3Bucket) | Some(WorldResourceKind::S3Object) => {
            ("s3:GetObject", format!("{arn}/*"))
        }
        Some(WorldResourceKind::KmsKey) => ("kms:Decrypt", "*".to_string()),
        Some(WorldResourceKind::SqsQueue) => ("sqs:SendMessage", arn.to_string()),
        Some(WorldResourceKind::SnsTopic) => ("sns:Publish", arn.to_string()),
        Some(WorldResourceKind::SecretsManagerSecret) | None => {
            ("secretsmanager:GetSecretValue", "*".to_string())
        }
    }
}

fn edit_error(e: EditError) -> DocError {
    match e {
        EditError::AlreadyPresent => {
            DocError::NotApplicable("That is already allowed by the policy.".into())
        }
        EditError::NotPresent => DocError::NoSuchEdge,
        EditError::NotJson(m) => {
            DocError::NotApplicable(format!("The policy text is not JSON: {m}"))
        }
    }
}
