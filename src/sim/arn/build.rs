//! Builders for the ARNs the playground mints, one per AWS resource type, in partition `aws`.
//!
//! Forms from <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns>
//! and each service's "Actions, resources, and condition keys" page
//! (<https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html>).

use super::{Arn, AWS_PARTITION};

/// A global IAM ARN: empty region.
fn iam(account: &str, resource: String) -> Arn {
    Arn {
        partition: AWS_PARTITION.to_string(),
        service: "iam".to_string(),
        region: String::new(),
        account: account.to_string(),
        resource,
    }
}

fn regional(service: &str, region: &str, account: &str, resource: String) -> Arn {
    Arn {
        partition: AWS_PARTITION.to_string(),
        service: service.to_string(),
        region: region.to_string(),
        account: account.to_string(),
        resource,
    }
}

/// `/` stays empty, `/division/` becomes `division/`: IAM ARNs print the path between the
/// resource type and the name (`user/division/alice`).
fn with_path(kind: &str, path: &str, name: &str) -> String {
    let inner = path.trim_start_matches('/');
    format!("{kind}/{inner}{name}")
}

impl Arn {
    /// `arn:aws:iam::ACCOUNT:root`, the account's root user (and "the account" as a principal).
    pub fn iam_root(account: &str) -> Arn {
        iam(account, "root".to_string())
    }

    /// `arn:aws:iam::ACCOUNT:user/PATH/NAME`.
    pub fn iam_user(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("user", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:group/PATH/NAME`.
    pub fn iam_group(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("group", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:role/PATH/NAME`.
    pub fn iam_role(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("role", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:policy/PATH/NAME`, a customer managed policy.
    pub fn iam_policy(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("policy", path, name))
    }

    /// `arn:aws:iam::aws:policy/PATH/NAME`, an AWS managed policy
    /// (e.g. `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`).
    pub fn aws_managed_policy(path: &str, name: &str) -> Arn {
        iam("aws", with_path("policy", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME`.
    pub fn iam_instance_profile(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("instance-profile", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`, a virtual MFA device's serial number.
    pub fn iam_mfa(account: &str, path: &str, name: &str) -> Arn {
        iam(account, with_path("mfa", path, name))
    }

    /// `arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]`; `url` may carry `https://`, which
    /// the ARN drops (`token.actions.githubusercontent.com`).
    pub fn iam_oidc_provider(account: &str, url: &str) -> Arn {
        let host = url.trim_start_matches("https://").trim_end_matches('/');
        iam(account, format!("oidc-provider/{host}"))
    }

    /// `arn:aws:iam::ACCOUNT:saml-provider/NAME`.
    pub fn iam_saml_provider(account: &str, name: &str) -> Arn {
        iam(account, format!("saml-provider/{name}"))
    }

    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. The role's path is NOT part of it
    /// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns>).
    pub fn sts_assumed_role(account: &str, role_name: &str, session_name: &str) -> Arn {
        regional(
            "sts",
            "",
            account,
            format!("assumed-role/{role_name}/{session_name}"),
        )
    }

    /// `arn:aws:sts::ACCOUNT:federated-user/NAME` (GetFederationToken).
    pub fn sts_federated_user(account: &str, name: &str) -> Arn {
        regional("sts", "", account, format!("federated-user/{name}"))
    }

    /// `arn:aws:s3:::BUCKET`: no region, no account.
    pub fn s3_bucket(bucket: &str) -> Arn {
        regional("s3", "", "", bucket.to_string())
    }

    /// `arn:aws:s3:::BUCKET/KEY`.
    pub fn s3_object(bucket: &str, key: &str) -> Arn {
        regional("s3", "", "", format!("{bucket}/{key}"))
    }

    /// `arn:aws:kms:REGION:ACCOUNT:key/KEY-ID`.
    pub fn kms_key(region: &str, account: &str, key_id: &str) -> Arn {
        regional("kms", region, account, format!("key/{key_id}"))
    }

    /// `arn:aws:sqs:REGION:ACCOUNT:QUEUE`.
    pub fn sqs_queue(region: &str, account: &str, queue: &str) -> Arn {
        regional("sqs", region, account, queue.to_string())
    }

    /// `arn:aws:sns:REGION:ACCOUNT:TOPIC`.
    pub fn sns_topic(region: &str, account: &str, topic: &str) -> Arn {
        regional("sns", region, account, topic.to_string())
    }

    /// `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX`; Secrets Manager appends a
    /// hyphen and 6 random characters to the name.
    pub fn secretsmanager_secret(region: &str, account: &str, name: &str, suffix: &str) -> Arn {
        regional(
            "secretsmanager",
            region,
            account,
            format!("secret:{name}-{suffix}"),
        )
    }

    /// `arn:aws:ec2:REGION:ACCOUNT:instance/i-...`.
    pub fn ec2_instance(region: &str, account: &str, instance_id: &str) -> Arn {
        regional("ec2", region, account, format!("instance/{instance_id}"))
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`.
    pub fn lambda_function(region: &str, account: &str, name: &str) -> Arn {
        regional("lambda", region, account, format!("function:{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_arn_includes_path() {
        assert_eq!(
            Arn::iam_user("111122223333", "/division/", "alice").to_string(),
            "arn:aws:iam::111122223333:user/division/alice"
        );
        assert_eq!(
            Arn::iam_user("111122223333", "/", "alice").to_string(),
            "arn:aws:iam::111122223333:user/alice"
        );
    }

    #[test]
    fn assumed_role_arn_omits_role_path() {
        assert_eq!(
            Arn::sts_assumed_role("111122223333", "Deploy", "alice-session").to_string(),
            "arn:aws:sts::111122223333:assumed-role/Deploy/alice-session"
        );
    }

    #[test]
    fn managed_policy_and_service_arns() {
        assert_eq!(
            Arn::aws_managed_policy("/service-role/", "AWSLambdaBasicExecutionRole").to_string(),
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        );
        assert_eq!(
            Arn::s3_object("b", "k/x.txt").to_string(),
            "arn:aws:s3:::b/k/x.txt"
        );
        assert_eq!(
            Arn::secretsmanager_secret("us-east-1", "111122223333", "db", "AbC123").to_string(),
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC123"
        );
        assert_eq!(
            Arn::iam_oidc_provider(
                "111122223333",
                "https://token.actions.githubusercontent.com"
            )
            .to_string(),
            "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
        );
    }
}
