//! A built-in catalogue of common IAM actions per service, for completion in policy editors.
//!
//! Names are copied from the "Actions, resources, and condition keys for AWS services"
//! reference (<https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html>):
//! the service prefix, a colon, and the API action name with its AWS capitalisation.

/// Common actions of each service, keyed by the service prefix used in `Action` elements.
pub const ACTIONS: &[(&str, &[&str])] = &[
    (
        "s3",
        &[
            "GetObject",
            "PutObject",
            "DeleteObject",
            "ListBucket",
            "GetBucketLocation",
            "GetBucketPolicy",
            "PutBucketPolicy",
            "DeleteBucketPolicy",
            "CreateBucket",
            "DeleteBucket",
            "ListAllMyBuckets",
            "GetObjectVersion",
            "PutObjectAcl",
            "GetObjectAcl",
            "GetBucketPublicAccessBlock",
            "PutBucketPublicAccessBlock",
        ],
    ),
    (
        "ec2",
        &[
            "DescribeInstances",
            "RunInstances",
            "StartInstances",
            "StopInstances",
            "TerminateInstances",
            "RebootInstances",
            "DescribeImages",
            "DescribeVpcs",
            "DescribeSubnets",
            "DescribeSecurityGroups",
            "CreateSecurityGroup",
            "AuthorizeSecurityGroupIngress",
            "CreateTags",
            "DescribeVolumes",
            "AssociateIamInstanceProfile",
        ],
    ),
    (
        "iam",
        &[
            "GetUser",
            "ListUsers",
            "CreateUser",
            "DeleteUser",
            "GetRole",
            "ListRoles",
            "CreateRole",
            "DeleteRole",
            "PassRole",
            "AttachRolePolicy",
            "DetachRolePolicy",
            "PutRolePolicy",
            "AttachUserPolicy",
            "PutUserPolicy",
            "CreateAccessKey",
            "DeleteAccessKey",
            "ListAccessKeys",
            "UpdateAccessKey",
            "CreatePolicy",
            "CreatePolicyVersion",
            "GetPolicy",
            "ListPolicies",
            "UpdateAssumeRolePolicy",
            "ChangePassword",
            "CreateVirtualMFADevice",
            "EnableMFADevice",
            "TagRole",
            "TagUser",
            "ListAttachedRolePolicies",
            "SimulatePrincipalPolicy",
        ],
    ),
    (
        "sts",
        &[
            "AssumeRole",
            "AssumeRoleWithWebIdentity",
            "AssumeRoleWithSAML",
            "GetCallerIdentity",
            "GetSessionToken",
            "GetFederationToken",
            "TagSession",
            "SetSourceIdentity",
            "DecodeAuthorizationMessage",
        ],
    ),
    (
        "lambda",
        &[
            "InvokeFunction",
            "CreateFunction",
            "DeleteFunction",
            "GetFunction",
            "ListFunctions",
            "UpdateFunctionCode",
            "UpdateFunctionConfiguration",
            "AddPermission",
            "RemovePermission",
            "GetPolicy",
            "PublishVersion",
            "CreateEventSourceMapping",
        ],
    ),
    (
        "dynamodb",
        &[
            "GetItem",
            "PutItem",
            "UpdateItem",
            "DeleteItem",
            "Query",
            "Scan",
            "BatchGetItem",
            "BatchWriteItem",
            "DescribeTable",
            "CreateTable",
            "DeleteTable",
            "ListTables",
            "ConditionCheckItem",
        ],
    ),
    (
        "sqs",
        &[
            "SendMessage",
            "ReceiveMessage",
            "DeleteMessage",
            "GetQueueUrl",
            "GetQueueAttributes",
            "SetQueueAttributes",
            "CreateQueue",
            "DeleteQueue",
            "ListQueues",
            "PurgeQueue",
            "ChangeMessageVisibility",
        ],
    ),
    (
        "sns",
        &[
            "Publish",
            "Subscribe",
            "Unsubscribe",
            "CreateTopic",
            "DeleteTopic",
            "ListTopics",
            "GetTopicAttributes",
            "SetTopicAttributes",
            "ListSubscriptionsByTopic",
        ],
    ),
    (
        "kms",
        &[
            "Encrypt",
            "Decrypt",
            "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext",
            "ReEncryptFrom",
            "ReEncryptTo",
            "DescribeKey",
            "CreateKey",
            "CreateGrant",
            "ListKeys",
            "ListAliases",
            "GetKeyPolicy",
            "PutKeyPolicy",
            "ScheduleKeyDeletion",
            "EnableKeyRotation",
        ],
    ),
    (
        "secretsmanager",
        &[
            "GetSecretValue",
            "DescribeSecret",
            "PutSecretValue",
            "CreateSecret",
            "DeleteSecret",
            "UpdateSecret",
            "ListSecrets",
            "RotateSecret",
            "GetResourcePolicy",
            "PutResourcePolicy",
        ],
    ),
    (
        "logs",
        &[
            "CreateLogGroup",
            "CreateLogStream",
            "PutLogEvents",
            "DescribeLogGroups",
            "DescribeLogStreams",
            "GetLogEvents",
            "FilterLogEvents",
            "DeleteLogGroup",
            "PutRetentionPolicy",
            "StartQuery",
            "GetQueryResults",
        ],
    ),
    (
        "cloudwatch",
        &[
            "PutMetricData",
            "GetMetricData",
            "GetMetricStatistics",
            "ListMetrics",
            "PutMetricAlarm",
            "DescribeAlarms",
            "DeleteAlarms",
            "SetAlarmState",
            "GetDashboard",
            "PutDashboard",
        ],
    ),
];

/// Every catalogued action as written in a policy (`s3:GetObject`), with each service's
/// whole-service wildcard (`s3:*`) first, services in catalogue order.
pub fn all_actions() -> Vec<String> {
    let mut out = Vec::new();
    for (service, actions) in ACTIONS {
        out.push(format!("{service}:*"));
        out.extend(actions.iter().map(|a| format!("{service}:{a}")));
    }
    out
}

/// Catalogued actions starting with `prefix`, compared case-insensitively as IAM compares
/// action names (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>:
/// "action names are case insensitive").
pub fn completions(prefix: &str) -> Vec<String> {
    let p = prefix.to_ascii_lowercase();
    all_actions()
        .into_iter()
        .filter(|a| a.to_ascii_lowercase().starts_with(&p))
        .collect()
}

/// Whether `action` names a catalogued action or service wildcard (case-insensitively).
/// An unknown action is not an error in IAM; this only tells the form to show a hint.
pub fn is_known(action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    a == "*" || all_actions().iter().any(|x| x.to_ascii_lowercase() == a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_covers_the_common_services_with_prefixed_actions() {
        let services: Vec<&str> = ACTIONS.iter().map(|(s, _)| *s).collect();
        for s in [
            "s3",
            "ec2",
            "iam",
            "sts",
            "lambda",
            "dynamodb",
            "sqs",
            "sns",
            "kms",
            "secretsmanager",
            "logs",
            "cloudwatch",
        ] {
            assert!(services.contains(&s), "{s} missing");
        }
        let re = regex::Regex::new(r"^[a-z0-9-]+:(\*|[A-Z][A-Za-z0-9]+)$").unwrap();
        for a in all_actions() {
            assert!(re.is_match(&a), "{a} is not service:Action");
        }
    }

    #[test]
    fn no_action_is_listed_twice() {
        let all = all_actions();
        let mut seen = std::collections::BTreeSet::new();
        for a in &all {
            assert!(seen.insert(a.to_ascii_lowercase()), "{a} listed twice");
        }
    }

    #[test]
    fn completion_is_case_insensitive_like_iam_action_matching() {
        let c = completions("S3:get");
        assert!(c.contains(&"s3:GetObject".to_string()));
        assert!(c.iter().all(|a| a.starts_with("s3:Get")));
        assert!(completions("sts:Assume").contains(&"sts:AssumeRole".to_string()));
        assert!(completions("nosuch:").is_empty());
    }

    #[test]
    fn known_actions_include_wildcards_and_ignore_case() {
        assert!(is_known("sts:assumerole"));
        assert!(is_known("s3:*"));
        assert!(is_known("*"));
        assert!(!is_known("s3:GetObjects"));
    }
}
