//! From node ids to world entities and back.
//!
//! Node ids are the world's own stable ids where it has them (`111122223333`, `AIDA...`,
//! `AGPA...`, `AROA...`, `i-...`, an ECS task's 32 hex digits), ARNs for things whose ARN never changes (identity
//! providers, resources, Lambda functions), and document ids for outside actors. What the
//! simulator can name ([`EntityId`]) gets its node id from [`NodeId::of`] alone.

use super::Document;
use crate::doc::scene::{
    ActorId, ClusterKey, IdpKind, NodeId, NodeKind, ResourceKind, ServiceKind,
};
use crate::sim::ids::{
    AccountId, EcsTaskId, EntityId, GroupId, InstanceId, OrganizationId, RoleId, UserId,
};
use crate::sim::world::{
    EntityRef, IdentityId, IdentityProvider, ResourceKind as WorldResourceKind,
};

/// What a node id stands for: the typed id of every kind the canvas draws.
/// [`Document::target`] reads it from a node id and [`Target::node_id`] gives the node id back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Organization(OrganizationId),
    Account(AccountId),
    User(UserId),
    Group(GroupId),
    Role(RoleId),
    Ec2(InstanceId),
    /// A Lambda function, by ARN.
    Lambda(String),
    /// An ECS task, by task id.
    Ecs(EcsTaskId),
    /// An identity provider, by ARN.
    Idp(String),
    /// A resource, by ARN.
    Resource(String),
    /// An outside actor, by its document id.
    Actor(ActorId),
}

impl Target {
    /// The world entity behind the node (`None` for outside actors, which are not in the world).
    pub fn entity(&self) -> Option<EntityId> {
        self.entity_or_actor().ok()
    }

    /// The node that draws it: [`NodeId::of`] for world entities, the actor's own id else.
    pub fn node_id(&self) -> NodeId {
        match self.entity_or_actor() {
            Ok(e) => NodeId::of(&e),
            Err(a) => NodeId::of_actor(a),
        }
    }

    fn entity_or_actor(&self) -> Result<EntityId, &ActorId> {
        Ok(match self {
            Target::Organization(o) => EntityId::Organization(o.clone()),
            Target::Account(a) => EntityId::Account(a.clone()),
            Target::User(u) => EntityId::User(u.clone()),
            Target::Group(g) => EntityId::Group(g.clone()),
            Target::Role(r) => EntityId::Role(r.clone()),
            Target::Ec2(i) => EntityId::Ec2Instance(i.clone()),
            Target::Lambda(arn) => EntityId::LambdaFunction(arn.clone()),
            Target::Ecs(t) => EntityId::EcsTask(t.clone()),
            Target::Idp(arn) => EntityId::IdentityProvider(arn.clone()),
            Target::Resource(arn) => EntityId::Resource(arn.clone()),
            Target::Actor(a) => return Err(a),
        })
    }

    /// The IAM identity behind a user, group or role node.
    pub fn identity(&self) -> Option<IdentityId> {
        match self {
            Target::User(u) => Some(IdentityId::User(u.clone())),
            Target::Group(g) => Some(IdentityId::Group(g.clone())),
            Target::Role(r) => Some(IdentityId::Role(r.clone())),
            _ => None,
        }
    }
}

/// Maps the world's resource kinds onto the canvas's (an S3 object is drawn as its bucket).
pub fn resource_kind(kind: WorldResourceKind) -> ResourceKind {
    match kind {
        WorldResourceKind::S3Bucket | WorldResourceKind::S3Object => ResourceKind::S3Bucket,
        WorldResourceKind::KmsKey => ResourceKind::KmsKey,
        WorldResourceKind::SqsQueue => ResourceKind::SqsQueue,
        WorldResourceKind::SnsTopic => ResourceKind::SnsTopic,
        WorldResourceKind::SecretsManagerSecret => ResourceKind::Secret,
    }
}

impl Document {
    /// What `id` stands for, if it exists.
    pub fn target(&self, id: &NodeId) -> Option<Target> {
        let s = id.0.as_str();
        let w = &self.world;
        if let Some(o) = w.organization.as_ref().filter(|o| o.id.as_str() == s) {
            return Some(Target::Organization(o.id.clone()));
        }
        let account = AccountId::new(s);
        if w.accounts.contains_key(&account) {
            return Some(Target::Account(account));
        }
        let user = UserId::new(s);
        if w.users.contains_key(&user) {
            return Some(Target::User(user));
        }
        let group = GroupId::new(s);
        if w.groups.contains_key(&group) {
            return Some(Target::Group(group));
        }
        let role = RoleId::new(s);
        if w.roles.contains_key(&role) {
            return Some(Target::Role(role));
        }
        let instance = InstanceId::new(s);
        if w.ec2_instances.contains_key(&instance) {
            return Some(Target::Ec2(instance));
        }
        if w.lambda_functions.iter().any(|f| f.arn == s) {
            return Some(Target::Lambda(s.to_string()));
        }
        let task = EcsTaskId::new(s);
        if w.ecs_task(&task).is_some() {
            return Some(Target::Ecs(task));
        }
        if w.identity_providers.iter().any(|p| p.arn() == s) {
            return Some(Target::Idp(s.to_string()));
        }
        if w.resources.iter().any(|r| r.arn == s) {
            return Some(Target::Resource(s.to_string()));
        }
        self.actors
            .iter()
            .find(|a| NodeId::of_actor(&a.id) == *id)
            .map(|a| Target::Actor(a.id.clone()))
    }

    /// The canvas kind of the node `id`.
    pub fn kind_of(&self, id: &NodeId) -> Option<NodeKind> {
        if let Some(k) = self.collapsed_cluster(id) {
            return Some(NodeKind::Cluster(k.kind));
        }
        let w = &self.world;
        Some(match self.target(id)? {
            Target::Organization(_) => NodeKind::Organization,
            Target::Account(_) => NodeKind::Account,
            Target::User(_) => NodeKind::User,
            Target::Group(_) => NodeKind::Group,
            Target::Role(_) => NodeKind::Role,
            Target::Ec2(_) => NodeKind::Service(ServiceKind::Ec2Instance),
            Target::Lambda(_) => NodeKind::Service(ServiceKind::LambdaFunction),
            Target::Ecs(_) => NodeKind::Service(ServiceKind::EcsTask),
            Target::Idp(arn) => match w.identity_providers.iter().find(|p| p.arn() == arn)? {
                IdentityProvider::Oidc(_) => NodeKind::IdentityProvider(IdpKind::Oidc),
                IdentityProvider::Saml(_) => NodeKind::IdentityProvider(IdpKind::Saml),
            },
            Target::Resource(arn) => NodeKind::Resource(resource_kind(w.resource(&arn)?.kind)),
            Target::Actor(a) => NodeKind::OutsideActor(self.actor_by_id(&a)?.kind),
        })
    }

    /// The collapsed cluster a cluster node's id names (`None` for every other id, and for a
    /// cluster that is not collapsed: its node is not drawn).
    pub fn collapsed_cluster(&self, id: &NodeId) -> Option<ClusterKey> {
        ClusterKey::from_node_id(id).filter(|k| self.layout.collapsed.contains_key(k))
    }

    /// The account a node lives in (`None` for accounts, the organization and outside actors).
    pub fn account_of(&self, id: &NodeId) -> Option<AccountId> {
        if let Some(k) = self.collapsed_cluster(id) {
            return Some(k.account);
        }
        let w = &self.world;
        match self.target(id)? {
            Target::Organization(_) | Target::Account(_) | Target::Actor(_) => None,
            Target::User(u) => w.users.get(&u).map(|x| x.account.clone()),
            Target::Group(g) => w.groups.get(&g).map(|x| x.account.clone()),
            Target::Role(r) => w.roles.get(&r).map(|x| x.account.clone()),
            Target::Ec2(i) => w.ec2_instances.get(&i).map(|x| x.account.clone()),
            Target::Lambda(arn) => w
                .lambda_functions
                .iter()
                .find(|f| f.arn == arn)
                .map(|f| f.account.clone()),
            Target::Ecs(t) => w.ecs_task(&t).map(|t| t.account.clone()),
            Target::Idp(arn) => w
                .identity_providers
                .iter()
                .find(|p| p.arn() == arn)
                .map(|p| p.account().clone()),
            Target::Resource(arn) => w.resource(&arn).map(|r| r.account.clone()),
        }
    }

    /// The node a principal ARN (or a bare account id) in a policy stands for.
    pub fn node_for_principal_arn(&self, arn: &str) -> Option<NodeId> {
        if let Some(account) = AccountId::parse(arn) {
            return self
                .world
                .accounts
                .contains_key(&account)
                .then(|| NodeId::of(&EntityId::Account(account)));
        }
        // A role session principal (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) is drawn
        // from its role. <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-role-session>
        if let Some(rest) = arn.strip_prefix("arn:aws:sts::") {
            let (account, resource) = rest.split_once(':')?;
            let role_name = resource.strip_prefix("assumed-role/")?.split('/').next()?;
            let role = self
                .world
                .role_by_name(&AccountId::new(account), role_name)?;
            return Some(NodeId::of(&EntityId::Role(role.role_id.clone())));
        }
        Some(NodeId::of(&match self.world.find_by_arn(arn)? {
            EntityRef::AccountRoot(a) => EntityId::Account(a.clone()),
            EntityRef::User(u) => EntityId::User(u.user_id.clone()),
            EntityRef::Role(r) => EntityId::Role(r.role_id.clone()),
            EntityRef::IdentityProvider(p) => EntityId::IdentityProvider(p.arn().to_string()),
            _ => return None,
        }))
    }

    /// Every node id, frames first (organization, accounts), then the rest. What the
    /// simulator can name ([`EntityId`]) gets its id from [`NodeId::of`], so a flow's
    /// entities and the drawn nodes never disagree.
    pub fn node_ids(&self) -> Vec<NodeId> {
        let w = &self.world;
        let of = |e: EntityId| NodeId::of(&e);
        let mut v: Vec<NodeId> = Vec::new();
        v.extend(
            w.organization
                .iter()
                .map(|o| of(EntityId::Organization(o.id.clone()))),
        );
        v.extend(w.accounts.keys().map(|a| of(EntityId::Account(a.clone()))));
        v.extend(w.users.keys().map(|k| of(EntityId::User(k.clone()))));
        v.extend(w.groups.keys().map(|k| of(EntityId::Group(k.clone()))));
        v.extend(w.roles.keys().map(|k| of(EntityId::Role(k.clone()))));
        v.extend(
            w.ec2_instances
                .keys()
                .map(|k| of(EntityId::Ec2Instance(k.clone()))),
        );
        v.extend(
            w.lambda_functions
                .iter()
                .map(|f| of(EntityId::LambdaFunction(f.arn.clone()))),
        );
        v.extend(
            w.ecs_tasks
                .iter()
                .map(|t| of(EntityId::EcsTask(t.task_id.clone()))),
        );
        v.extend(
            w.identity_providers
                .iter()
                .map(|p| of(EntityId::IdentityProvider(p.arn().to_string()))),
        );
        v.extend(
            w.resources
                .iter()
                .filter(|r| r.kind != WorldResourceKind::S3Object)
                .map(|r| of(EntityId::Resource(r.arn.clone()))),
        );
        v.extend(self.actors.iter().map(|a| NodeId::of_actor(&a.id)));
        v
    }
}
