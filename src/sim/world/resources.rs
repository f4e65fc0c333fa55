//! Resources with resource-based policies: S3 buckets and objects, KMS keys, SQS queues,
//! SNS topics and Secrets Manager secrets.

use super::services::{Resource, ResourceKind};
use super::{World, WorldError};
use crate::sim::arn::Arn;
use crate::sim::ids::AccountId;

/// The key policy KMS gives a key created without one: the account (root) may do everything,
/// which lets IAM policies in the account grant access
/// (<https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html>).
pub fn default_kms_key_policy(account: &AccountId) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Id":"key-default-1","Statement":[{{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{account}:root"}},"Action":"kms:*","Resource":"*"}}]}}"#
    )
}

/// S3 general purpose bucket naming rules: 3-63 characters, lowercase letters, digits, dots and
/// hyphens, starting and ending with a letter or digit, no `..`, not an IP address
/// (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>).
fn valid_bucket_name(name: &str) -> bool {
    let len_ok = (3..=63).contains(&name.len());
    let chars_ok = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    let ends_ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    let looks_like_ip =
        name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok());
    len_ok && chars_ok && ends_ok && !name.contains("..") && !looks_like_ip
}

impl World {
    fn push_resource(
        &mut self,
        arn: Arn,
        kind: ResourceKind,
        account: &AccountId,
        region: &str,
        name: &str,
        policy: Option<String>,
    ) -> String {
        let arn = arn.to_string();
        self.resources.push(Resource {
            arn: arn.clone(),
            kind,
            account: account.clone(),
            region: region.to_string(),
            name: name.to_string(),
            policy,
        });
        arn
    }

    /// CreateBucket. Bucket names are global across all accounts.
    pub fn create_s3_bucket(
        &mut self,
        account: &AccountId,
        region: &str,
        bucket: &str,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        if !valid_bucket_name(bucket) {
            return Err(WorldError::InvalidBucketName {
                message: "The specified bucket is not valid.".to_string(),
            });
        }
        let arn = Arn::s3_bucket(bucket);
        if let Some(existing) = self.resource(&arn.to_string()) {
            return Err(if &existing.account == account {
                WorldError::BucketAlreadyOwnedByYou {
                    message: "Your previous request to create the named bucket succeeded and you already own it.".to_string(),
                }
            } else {
                WorldError::BucketAlreadyExists {
                    message: "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.".to_string(),
                }
            });
        }
        Ok(self.push_resource(arn, ResourceKind::S3Bucket, account, region, bucket, None))
    }

    /// PutObject (metadata only): an object `key` in an existing bucket.
    pub fn create_s3_object(&mut self, bucket: &str, key: &str) -> Result<String, WorldError> {
        let Some(owner) = self.resource(&Arn::s3_bucket(bucket).to_string()) else {
            return Err(WorldError::NoSuchBucket {
                message: "The specified bucket does not exist".to_string(),
            });
        };
        let (account, region) = (owner.account.clone(), owner.region.clone());
        let arn = Arn::s3_object(bucket, key);
        if let Some(existing) = self.resource(&arn.to_string()) {
            return Ok(existing.arn.clone());
        }
        Ok(self.push_resource(arn, ResourceKind::S3Object, &account, &region, key, None))
    }

    /// CreateKey with the default key policy. Returns the key ARN.
    pub fn create_kms_key(
        &mut self,
        account: &AccountId,
        region: &str,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        let key_id = self.id_gen.kms_key_id();
        let arn = Arn::kms_key(region, account.as_str(), &key_id);
        let policy = Some(default_kms_key_policy(account));
        Ok(self.push_resource(arn, ResourceKind::KmsKey, account, region, &key_id, policy))
    }

    /// CreateQueue: 1-80 letters, digits, `-`, `_` (a `.fifo` suffix allowed).
    pub fn create_sqs_queue(
        &mut self,
        account: &AccountId,
        region: &str,
        queue: &str,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        let base = queue.strip_suffix(".fifo").unwrap_or(queue);
        let ok = !base.is_empty()
            && queue.len() <= 80
            && base
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(WorldError::InvalidParameterValue {
                message: "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".to_string(),
            });
        }
        let arn = Arn::sqs_queue(region, account.as_str(), queue);
        if let Some(existing) = self.resource(&arn.to_string()) {
            return Ok(existing.arn.clone());
        }
        Ok(self.push_resource(arn, ResourceKind::SqsQueue, account, region, queue, None))
    }

    /// CreateTopic: 1-256 letters, digits, `-`, `_`.
    pub fn create_sns_topic(
        &mut self,
        account: &AccountId,
        region: &str,
        topic: &str,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        let base = topic.strip_suffix(".fifo").unwrap_or(topic);
        let ok = !base.is_empty()
            && topic.len() <= 256
            && base
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            return Err(WorldError::InvalidParameter {
                message: "Invalid parameter: Topic Name".to_string(),
            });
        }
        let arn = Arn::sns_topic(region, account.as_str(), topic);
        if let Some(existing) = self.resource(&arn.to_string()) {
            return Ok(existing.arn.clone());
        }
        Ok(self.push_resource(arn, ResourceKind::SnsTopic, account, region, topic, None))
    }

    /// CreateSecret: the ARN gets `-` + 6 random characters after the name.
    pub fn create_secret(
        &mut self,
        account: &AccountId,
        region: &str,
        name: &str,
    ) -> Result<String, WorldError> {
        self.require_account(account)?;
        let ok = !name.is_empty()
            && name.len() <= 512
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/_+=.@-".contains(c));
        if !ok {
            return Err(WorldError::InvalidParameterException {
                message: "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!".to_string(),
            });
        }
        let taken = self.resources.iter().any(|r| {
            r.kind == ResourceKind::SecretsManagerSecret
                && &r.account == account
                && r.region == region
                && r.name == name
        });
        if taken {
            return Err(WorldError::ResourceExistsException {
                message: format!("The operation failed because the secret {name} already exists."),
            });
        }
        let suffix = self.id_gen.secret_suffix();
        let arn = Arn::secretsmanager_secret(region, account.as_str(), name, &suffix);
        Ok(self.push_resource(
            arn,
            ResourceKind::SecretsManagerSecret,
            account,
            region,
            name,
            None,
        ))
    }

    /// The resource with this ARN.
    pub fn resource(&self, arn: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.arn == arn)
    }

    /// The resource whose policy a request on `arn` meets: an S3 object's bucket
    /// (`arn:aws:s3:::bucket/key` → `arn:aws:s3:::bucket`), else the resource of that ARN.
    pub fn resource_of_request(&self, arn: &str) -> Option<&Resource> {
        if let Some(rest) = arn.strip_prefix("arn:aws:s3:::") {
            let bucket = rest.split('/').next()?;
            return self.resource(&format!("arn:aws:s3:::{bucket}"));
        }
        self.resource(arn)
    }

    /// Sets (`Some`) or removes (`None`) a resource-based policy (bucket policy, key policy,
    /// queue policy, topic policy, secret policy). A KMS key always keeps a key policy.
    pub fn set_resource_policy(
        &mut self,
        arn: &str,
        policy: Option<&str>,
    ) -> Result<(), WorldError> {
        if let Some(text) = policy {
            super::validate::validate_policy_document(text, "policy")?;
            self.check_principals_exist(text, crate::sim::policy::PolicyKind::Resource)?;
        }
        let resource = self
            .resources
            .iter_mut()
            .find(|r| r.arn == arn)
            .ok_or_else(|| WorldError::ResourceNotFoundException {
                message: format!("Resource {arn} cannot be found."),
            })?;
        if resource.kind == ResourceKind::KmsKey && policy.is_none() {
            return Err(WorldError::invalid_input(
                "A KMS key always has a key policy.",
            ));
        }
        resource.policy = policy.map(str::to_string);
        Ok(())
    }

    /// Deletes a resource; deleting a bucket deletes its objects too.
    pub fn delete_resource(&mut self, arn: &str) -> Result<(), WorldError> {
        let Some(resource) = self.resource(arn).cloned() else {
            return Err(WorldError::ResourceNotFoundException {
                message: format!("Resource {arn} cannot be found."),
            });
        };
        let object_prefix = format!("{arn}/");
        self.resources.retain(|r| {
            r.arn != arn
                && !(resource.kind == ResourceKind::S3Bucket && r.arn.starts_with(&object_prefix))
        });
        Ok(())
    }
}
