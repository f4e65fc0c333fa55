//! Amazon Resource Names: parse, print, and build the ARNs of IAM, STS and the simulated services.
//!
//! Format: `arn:partition:service:region:account-id:resource`
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html>); IAM forms from
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns>.

use serde::{Deserialize, Serialize};

pub mod build;

/// The partition of commercial AWS Regions.
pub const AWS_PARTITION: &str = "aws";

/// A parsed ARN. IAM and S3 ARNs have an empty region; S3 ARNs an empty account too.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Arn {
    /// `aws`, `aws-cn`, `aws-us-gov`.
    pub partition: String,
    /// Service namespace: `iam`, `sts`, `s3`, `kms`, ...
    pub service: String,
    /// Region code, empty for global services (IAM, STS global ARNs, S3 buckets).
    pub region: String,
    /// 12-digit account id, `aws` for AWS managed policies, empty for S3.
    pub account: String,
    /// Everything after the fifth colon: `user/division/alice`, `function:name`, ...
    pub resource: String,
}

/// Why a text is not an ARN. Display gives IAM's own wording (`ARN x is not valid.`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArnError {
    /// The text does not start with `arn:`.
    MissingArnPrefix { input: String },
    /// Fewer than six colon-separated parts.
    TooFewParts { input: String },
    /// The partition part is empty.
    EmptyPartition { input: String },
    /// The service part is empty.
    EmptyService { input: String },
    /// Nothing after the fifth colon.
    EmptyResource { input: String },
}

impl ArnError {
    /// The text that was rejected.
    pub fn input(&self) -> &str {
        match self {
            ArnError::MissingArnPrefix { input }
            | ArnError::TooFewParts { input }
            | ArnError::EmptyPartition { input }
            | ArnError::EmptyService { input }
            | ArnError::EmptyResource { input } => input,
        }
    }

    /// A plain-words reason, for people learning the format.
    pub fn reason(&self) -> &'static str {
        match self {
            ArnError::MissingArnPrefix { .. } => "an ARN starts with `arn:`",
            ArnError::TooFewParts { .. } => {
                "an ARN has six parts: arn:partition:service:region:account-id:resource"
            }
            ArnError::EmptyPartition { .. } => "the partition (e.g. `aws`) is missing",
            ArnError::EmptyService { .. } => "the service (e.g. `iam`, `s3`) is missing",
            ArnError::EmptyResource { .. } => "the resource part after the fifth colon is empty",
        }
    }
}

impl std::fmt::Display for ArnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // IAM's InvalidInput text for a malformed ARN, e.g. in AttachUserPolicy.
        write!(f, "ARN {} is not valid.", self.input())
    }
}

impl std::error::Error for ArnError {}

/// Field `index` of a text's colon-separated fields (for an ARN: 0 `arn`, 1 partition,
/// 2 service, 3 region, 4 account, 5 the resource up to its next colon), as
/// `split(':').nth(index)` gives it but by a byte scan and without parsing or copying: every
/// evaluation reads its resource's service and account this way.
pub fn field(arn: &str, index: usize) -> Option<&str> {
    let mut start = 0;
    let mut field = 0usize;
    for (i, b) in arn.bytes().enumerate() {
        if b == b':' {
            if field == index {
                return arn.get(start..i);
            }
            field = field.saturating_add(1);
            start = i.saturating_add(1);
        }
    }
    (field == index).then(|| arn.get(start..)).flatten()
}

impl Arn {
    /// Parses `arn:partition:service:region:account:resource`. The resource keeps any further
    /// colons (`arn:aws:lambda:us-east-1:111122223333:function:my-fn`).
    pub fn parse(text: &str) -> Result<Arn, ArnError> {
        let input = || text.to_string();
        let mut parts = text.splitn(6, ':');
        if parts.next() != Some("arn") {
            return Err(ArnError::MissingArnPrefix { input: input() });
        }
        let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(ArnError::TooFewParts { input: input() });
        };
        if partition.is_empty() {
            return Err(ArnError::EmptyPartition { input: input() });
        }
        if service.is_empty() {
            return Err(ArnError::EmptyService { input: input() });
        }
        if resource.is_empty() {
            return Err(ArnError::EmptyResource { input: input() });
        }
        Ok(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: resource.to_string(),
        })
    }

    /// The resource type: the text before the first `/` or `:` (`user`, `role`, `assumed-role`,
    /// `function`), or the whole resource when it has neither (an S3 bucket name).
    pub fn resource_type(&self) -> &str {
        self.resource
            .split(['/', ':'])
            .next()
            .unwrap_or(self.resource.as_str())
    }

    /// The last `/`-separated segment of the resource: the friendly name of an IAM entity
    /// (`alice` in `user/division/alice`).
    pub fn resource_name(&self) -> &str {
        self.resource
            .rsplit('/')
            .next()
            .unwrap_or(self.resource.as_str())
    }

    /// For IAM ARNs with a path (`user/division/alice`): the path, `/division/`. `/` when none.
    pub fn iam_path(&self) -> String {
        let after_type = self
            .resource
            .split_once('/')
            .map(|(_, rest)| rest)
            .unwrap_or("");
        match after_type.rsplit_once('/') {
            Some((path, _)) => format!("/{path}/"),
            None => "/".to_string(),
        }
    }

    /// True for `arn:<partition>:iam::...`.
    pub fn is_iam(&self) -> bool {
        self.service == "iam"
    }

    /// The same ARN in another partition (`aws-cn`, `aws-us-gov`).
    pub fn with_partition(mut self, partition: &str) -> Arn {
        self.partition = partition.to_string();
        self
    }
}

impl std::fmt::Display for Arn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

impl std::str::FromStr for Arn {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Arn::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambda_arn_keeps_colons_in_resource() {
        let arn = Arn::parse("arn:aws:lambda:us-east-1:111122223333:function:my-fn").unwrap();
        assert_eq!(arn.resource, "function:my-fn");
        assert_eq!(arn.resource_type(), "function");
    }

    #[test]
    fn user_arn_exposes_path_and_name() {
        let arn = Arn::parse("arn:aws:iam::111122223333:user/division/alice").unwrap();
        assert_eq!(arn.iam_path(), "/division/");
        assert_eq!(arn.resource_name(), "alice");
        let root = Arn::parse("arn:aws:iam::111122223333:user/alice").unwrap();
        assert_eq!(root.iam_path(), "/");
    }

    #[test]
    fn malformed_arn_uses_iam_wording() {
        let err = Arn::parse("arn:aws:iam").unwrap_err();
        assert_eq!(err.to_string(), "ARN arn:aws:iam is not valid.");
        assert!(matches!(
            Arn::parse("user/alice"),
            Err(ArnError::MissingArnPrefix { .. })
        ));
        assert!(matches!(
            Arn::parse("arn:aws:iam::111122223333:"),
            Err(ArnError::EmptyResource { .. })
        ));
    }
}
