//! Compute that runs with a role (EC2, Lambda, ECS), identity providers, and resources with
//! resource-based policies (S3, KMS, SQS, SNS, Secrets Manager).

use serde::{Deserialize, Serialize};

use crate::sim::ids::{AccountId, EcsTaskId, InstanceId, InstanceProfileId, RoleId};

/// AWS service principals a trust policy can name (`"Principal": {"Service": "..."}`), with
/// what they stand for. See <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services>.
pub const SERVICE_PRINCIPALS: &[(&str, &str)] = &[
    ("ec2.amazonaws.com", "Amazon EC2 (instance profiles)"),
    ("lambda.amazonaws.com", "AWS Lambda (execution roles)"),
    ("ecs-tasks.amazonaws.com", "Amazon ECS tasks (task roles)"),
    ("states.amazonaws.com", "AWS Step Functions"),
    ("events.amazonaws.com", "Amazon EventBridge"),
    ("codebuild.amazonaws.com", "AWS CodeBuild"),
    ("cloudformation.amazonaws.com", "AWS CloudFormation"),
    ("glue.amazonaws.com", "AWS Glue"),
    ("apigateway.amazonaws.com", "Amazon API Gateway"),
    ("sns.amazonaws.com", "Amazon SNS"),
];

/// The Region used when a person does not choose one.
pub const DEFAULT_REGION: &str = "us-east-1";

/// An EC2 instance; with an instance profile, code on it gets the profile's role credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ec2Instance {
    /// `i-` + 17 hex.
    pub instance_id: InstanceId,
    /// The account it runs in.
    pub account: AccountId,
    /// Region code.
    pub region: String,
    /// The `Name` tag shown in the console.
    pub name: String,
    /// The associated instance profile.
    pub instance_profile: Option<InstanceProfileId>,
}

/// A Lambda function and its execution role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LambdaFunction {
    /// 1-64 of letters, digits, `-`, `_`.
    pub function_name: String,
    /// The account it lives in.
    pub account: AccountId,
    /// Region code.
    pub region: String,
    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`.
    pub arn: String,
    /// The role Lambda assumes to run the code (trusts `lambda.amazonaws.com`).
    pub execution_role: Option<RoleId>,
}

/// An ECS task (optional in scenarios) and its task role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcsTask {
    /// 32 lowercase hex digits; what the canvas keys the task by. Saves from before tasks had
    /// ids lack it and load with an empty one, which [`super::World::assign_missing_task_ids`]
    /// replaces.
    #[serde(default = "EcsTask::no_id")]
    pub task_id: EcsTaskId,
    /// The task definition family name, used as the display name.
    pub family: String,
    /// The account it runs in.
    pub account: AccountId,
    /// Region code.
    pub region: String,
    /// The task role (trusts `ecs-tasks.amazonaws.com`).
    pub task_role: Option<RoleId>,
}

impl EcsTask {
    fn no_id() -> EcsTaskId {
        EcsTaskId::new("")
    }
}

/// An OpenID Connect identity provider (e.g. GitHub Actions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OidcProvider {
    /// `arn:aws:iam::ACCOUNT:oidc-provider/HOST`.
    pub arn: String,
    /// The account it is registered in.
    pub account: AccountId,
    /// `https://token.actions.githubusercontent.com`.
    pub url: String,
    /// Audiences / client ids (`sts.amazonaws.com` for GitHub Actions).
    pub client_ids: Vec<String>,
    /// Certificate thumbprints (optional since AWS trusts well-known CAs).
    pub thumbprints: Vec<String>,
}

/// A SAML 2.0 identity provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamlProvider {
    /// `arn:aws:iam::ACCOUNT:saml-provider/NAME`.
    pub arn: String,
    /// The account it is registered in.
    pub account: AccountId,
    /// 1-128 characters.
    pub name: String,
    /// The IdP metadata XML (a stub in the playground).
    pub metadata_document: String,
}

/// An identity provider registered in IAM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityProvider {
    /// OpenID Connect.
    Oidc(OidcProvider),
    /// SAML 2.0.
    Saml(SamlProvider),
}

impl IdentityProvider {
    /// The provider's ARN, used as `Principal.Federated` in trust policies.
    pub fn arn(&self) -> &str {
        match self {
            IdentityProvider::Oidc(p) => &p.arn,
            IdentityProvider::Saml(p) => &p.arn,
        }
    }

    /// The account it is registered in.
    pub fn account(&self) -> &AccountId {
        match self {
            IdentityProvider::Oidc(p) => &p.account,
            IdentityProvider::Saml(p) => &p.account,
        }
    }
}

/// What kind of resource a [`Resource`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResourceKind {
    /// An S3 bucket (bucket policy).
    S3Bucket,
    /// An object in a bucket (governed by its bucket's policy).
    S3Object,
    /// A KMS key (key policy, always present).
    KmsKey,
    /// An SQS queue (queue policy).
    SqsQueue,
    /// An SNS topic (topic policy).
    SnsTopic,
    /// A Secrets Manager secret (resource policy).
    SecretsManagerSecret,
}

/// A resource that can carry a resource-based policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// Its ARN (never changes: these resources cannot be renamed in AWS).
    pub arn: String,
    /// Kind.
    pub kind: ResourceKind,
    /// The owning account (S3 ARNs do not show it, but the bucket still has an owner).
    pub account: AccountId,
    /// Region code (empty for none).
    pub region: String,
    /// Display name: bucket name, object key, key id, queue/topic/secret name.
    pub name: String,
    /// The resource-based policy, JSON text.
    pub policy: Option<String>,
}
