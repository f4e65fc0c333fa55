//! A world entity named by its kind and its stable id: how the simulator says who a step of a
//! flow is about, and how the document names what it draws, leaving the canvas's own ids to
//! the document.

use super::{AccountId, EcsTaskId, GroupId, InstanceId, OrganizationId, RoleId, UserId};
use serde::{Deserialize, Serialize};

/// A thing of the world (the caller of a call, the role it asks for, a role holding live
/// sessions, anything the canvas draws). Each kind carries the id that stays the same while
/// the entity lives: unique ids where AWS mints them, the organization, instance and task
/// ids, the ARN of a Lambda function, identity provider or resource (none can be renamed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityId {
    /// The AWS Organizations organization.
    Organization(OrganizationId),
    /// An account; a flow points at it for its root user.
    Account(AccountId),
    /// An IAM user.
    User(UserId),
    /// An IAM group (never a caller: groups are not principals).
    Group(GroupId),
    /// An IAM role (also what a role session of someone else's making is drawn as).
    Role(RoleId),
    /// An EC2 instance, for the instance-profile credentials it holds.
    Ec2Instance(InstanceId),
    /// An ECS task, for its task-role credentials.
    EcsTask(EcsTaskId),
    /// A Lambda function by ARN, for its execution-role credentials.
    LambdaFunction(String),
    /// An OIDC or SAML identity provider by ARN, for tokens it issued.
    IdentityProvider(String),
    /// A resource with a resource-based policy (an S3 bucket, a KMS key...) by ARN.
    Resource(String),
}
