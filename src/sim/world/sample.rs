//! The seed example used across the product: alice may assume Deploy, bob may not, and an EC2
//! instance runs as WebServerRole.

use super::{IdentityId, World, WorldError, DEFAULT_REGION};
use crate::sim::ids::AccountId;

/// The sample account (AWS's documentation account id).
pub const SAMPLE_ACCOUNT: &str = "111122223333";
/// The seed of the sample world's id generator.
pub const SAMPLE_SEED: u64 = 20_111_122_223_333;
/// When the sample's access key was created: 2025-01-01T00:00:00Z.
pub const SAMPLE_EPOCH_SECS: u64 = 1_735_689_600;
/// The sample bucket.
pub const SAMPLE_BUCKET: &str = "playground-artifacts-111122223333";

/// Deploy's trust policy: alice may assume it.
pub const DEPLOY_TRUST_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}]}"#;

/// alice's inline policy: she may call sts:AssumeRole on Deploy (same-account trust by a
/// user ARN would already be enough, but this is how people usually write it).
pub const ALICE_ASSUME_DEPLOY_POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AssumeDeploy",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/Deploy"
        }
    ]
}"#;

/// Deploy's permissions: put and read artifacts in the sample bucket.
pub const DEPLOY_PERMISSIONS_POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ListArtifacts",
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::playground-artifacts-111122223333"
        },
        {
            "Sid": "ReadWriteArtifacts",
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject"
            ],
            "Resource": "arn:aws:s3:::playground-artifacts-111122223333/*"
        }
    ]
}"#;

/// The trust policy of a role EC2 instances can use.
pub const EC2_TRUST_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

impl World {
    /// The seed example (see the module note). Falls back to an empty world only if the
    /// example itself broke a rule, which a test guards against.
    pub fn sample() -> World {
        World::try_sample().unwrap_or_else(|_| World::new(SAMPLE_SEED))
    }

    /// The seed example, reporting the first rule it broke.
    pub fn try_sample() -> Result<World, WorldError> {
        let mut w = World::new(SAMPLE_SEED);
        let acct: AccountId = w.add_account(SAMPLE_ACCOUNT, Some("playground"))?;

        let developers = w.create_group(&acct, "Developers", "/")?;
        w.attach_policy(
            &IdentityId::Group(developers.clone()),
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        )?;

        let alice = w.create_user(&acct, "alice", "/")?;
        w.create_access_key(&alice, SAMPLE_EPOCH_SECS)?;
        w.set_console_password(&alice, true)?;
        w.add_user_to_group(&alice, &developers)?;
        w.put_inline_policy(
            &IdentityId::User(alice),
            "AssumeDeployRole",
            ALICE_ASSUME_DEPLOY_POLICY,
        )?;

        w.create_user(&acct, "bob", "/")?;

        let deploy = w.create_role(&acct, "Deploy", "/", DEPLOY_TRUST_POLICY)?;
        w.set_role_description(&deploy, "Deploys build artifacts; alice may assume it.")?;
        w.put_inline_policy(
            &IdentityId::Role(deploy),
            "DeployArtifacts",
            DEPLOY_PERMISSIONS_POLICY,
        )?;

        let web = w.create_role(&acct, "WebServerRole", "/", EC2_TRUST_POLICY)?;
        w.attach_policy(
            &IdentityId::Role(web.clone()),
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        )?;
        let profile = w.create_instance_profile(&acct, "WebServerRole", "/")?;
        w.add_role_to_instance_profile(&profile, &web)?;
        w.launch_ec2_instance(&acct, DEFAULT_REGION, "web-server", Some(&profile))?;

        w.create_s3_bucket(&acct, DEFAULT_REGION, SAMPLE_BUCKET)?;
        Ok(w)
    }
}
