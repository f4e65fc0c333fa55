//! A world entity named by its kind and its stable id: how the simulator says who a step of a
//! flow is about, leaving the canvas's own ids to the document.

use super::{AccountId, EcsTaskId, InstanceId, RoleId, UserId};
use serde::{Deserialize, Serialize};

/// A thing of the world the simulator points at (the caller of a call, the role it asks for,
/// a role holding live sessions). Each kind carries the id that stays the same while the
/// entity lives: unique ids where AWS mints them, the instance id, the ARN of a Lambda
/// function or identity provider (neither can be renamed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityId {
    /// An account; a flow points at it for its root user.
    Account(AccountId),
    /// An IAM user.
    User(UserId),
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
}
