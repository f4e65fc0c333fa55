//! The catalogue data: one entry per AWS managed policy.

use super::AwsManagedPolicy;

/// All entries.
pub(super) const POLICIES: &[AwsManagedPolicy] = &[
    AwsManagedPolicy {
        name: "AdministratorAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AdministratorAccess",
        description: "Provides full access to AWS services and resources.",
        version_id: "v1",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "PowerUserAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/PowerUserAccess",
        description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
        version_id: "v12",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "NotAction": [
                "iam:*",
                "organizations:*",
                "account:*"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "account:GetAccountInformation",
                "account:GetGovCloudAccountInformation",
                "account:GetPrimaryEmail",
                "account:ListRegions",
                "iam:CreateServiceLinkedRole",
                "iam:DeleteServiceLinkedRole",
                "iam:ListRoles",
                "organizations:DescribeEffectivePolicy",
                "organizations:DescribeOrganization"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonS3ReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        description: "Provides read only access to all buckets via the AWS Management Console.",
        version_id: "v3",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:Get*",
                "s3:List*",
                "s3:Describe*",
                "s3-object-lambda:Get*",
                "s3-object-lambda:List*"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonS3FullAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        description: "Provides full access to all buckets via the AWS Management Console.",
        version_id: "v2",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:*",
                "s3-object-lambda:*"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AWSLambdaBasicExecutionRole",
        path: "/service-role/",
        arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        description: "Provides write permissions to CloudWatch Logs.",
        version_id: "v1",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonEC2ReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
        description: "Provides read only access to Amazon EC2 via the AWS Management Console.",
        version_id: "v3",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "ec2:Describe*",
                "ec2:GetSecurityGroupsForVpc"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": "elasticloadbalancing:Describe*",
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "cloudwatch:ListMetrics",
                "cloudwatch:GetMetricStatistics",
                "cloudwatch:Describe*"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": "autoscaling:Describe*",
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "IAMReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
        description: "Provides read only access to IAM via the AWS Management Console.",
        version_id: "v4",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "iam:GenerateCredentialReport",
                "iam:GenerateServiceLastAccessedDetails",
                "iam:Get*",
                "iam:List*",
                "iam:SimulateCustomPolicy",
                "iam:SimulatePrincipalPolicy"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonSSMManagedInstanceCore",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        description: "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.",
        version_id: "v2",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "ssm:DescribeAssociation",
                "ssm:GetDeployablePatchSnapshotForInstance",
                "ssm:GetDocument",
                "ssm:DescribeDocument",
                "ssm:GetManifest",
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:ListAssociations",
                "ssm:ListInstanceAssociations",
                "ssm:PutInventory",
                "ssm:PutComplianceItems",
                "ssm:PutConfigurePackageResult",
                "ssm:UpdateAssociationStatus",
                "ssm:UpdateInstanceAssociationStatus",
                "ssm:UpdateInstanceInformation"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel"
            ],
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": [
                "ec2messages:AcknowledgeMessage",
                "ec2messages:DeleteMessage",
                "ec2messages:FailMessage",
                "ec2messages:GetEndpoint",
                "ec2messages:GetMessages",
                "ec2messages:SendReply"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonECSTaskExecutionRolePolicy",
        path: "/service-role/",
        arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        description: "Provides access to other AWS service resources that are required to run Amazon ECS tasks",
        version_id: "v1",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage",
                "logs:CreateLogStream",
                "logs:PutLogEvents"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonSQSReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess",
        description: "Provides read only access to Amazon SQS via the AWS Management Console.",
        version_id: "v4",
        abbreviated: false,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AmazonSQSReadOnlyAccess",
            "Effect": "Allow",
            "Action": [
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ListDeadLetterSourceQueues",
                "sqs:ListQueues",
                "sqs:ListMessageMoveTasks",
                "sqs:ListQueueTags"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    // Abbreviated copies below: the real documents list hundreds of actions; these keep the
    // first statement's Sid and shape and a faithful sample of its actions.
    AwsManagedPolicy {
        name: "ReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        description: "Provides read-only access to AWS services and resources.",
        version_id: "v185",
        abbreviated: true,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadOnlyActionsGroup1",
            "Effect": "Allow",
            "Action": [
                "a4b:Get*",
                "a4b:List*",
                "a4b:Search*",
                "access-analyzer:GetAccessPreview",
                "access-analyzer:GetAnalyzedResource",
                "access-analyzer:GetAnalyzer",
                "access-analyzer:GetArchiveRule",
                "access-analyzer:GetFinding",
                "access-analyzer:List*",
                "autoscaling:Describe*",
                "cloudformation:Describe*",
                "cloudformation:Get*",
                "cloudformation:List*",
                "cloudtrail:Describe*",
                "cloudtrail:Get*",
                "cloudtrail:List*",
                "cloudtrail:LookupEvents",
                "cloudwatch:Describe*",
                "cloudwatch:Get*",
                "cloudwatch:List*",
                "dynamodb:BatchGetItem",
                "dynamodb:Describe*",
                "dynamodb:GetItem",
                "dynamodb:List*",
                "dynamodb:Query",
                "dynamodb:Scan",
                "ec2:Describe*",
                "ec2:Get*",
                "ecs:Describe*",
                "ecs:List*",
                "iam:Generate*",
                "iam:Get*",
                "iam:List*",
                "iam:Simulate*",
                "kms:Describe*",
                "kms:Get*",
                "kms:List*",
                "lambda:Get*",
                "lambda:List*",
                "logs:Describe*",
                "logs:Get*",
                "logs:FilterLogEvents",
                "logs:StartQuery",
                "logs:StopQuery",
                "logs:TestMetricFilter",
                "organizations:Describe*",
                "organizations:List*",
                "s3:Describe*",
                "s3:Get*",
                "s3:List*",
                "secretsmanager:Describe*",
                "secretsmanager:GetResourcePolicy",
                "secretsmanager:List*",
                "sns:Get*",
                "sns:List*",
                "sqs:Get*",
                "sqs:List*",
                "sqs:Receive*",
                "ssm:Describe*",
                "ssm:Get*",
                "ssm:List*"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "ViewOnlyAccess",
        path: "/job-function/",
        arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        description: "This policy grants permissions to view resources and basic metadata across all AWS services.",
        version_id: "v45",
        abbreviated: true,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "GeneralViewOnlyAccessStatement",
            "Effect": "Allow",
            "Action": [
                "acm:ListCertificates",
                "athena:List*",
                "autoscaling:Describe*",
                "aws-marketplace:ViewSubscriptions",
                "cloudformation:ListStacks",
                "cloudtrail:DescribeTrails",
                "cloudwatch:Describe*",
                "cloudwatch:List*",
                "dynamodb:ListTables",
                "ec2:Describe*",
                "ecs:List*",
                "iam:GetAccountSummary",
                "iam:GetLoginProfile",
                "iam:List*",
                "kms:ListKeys",
                "lambda:List*",
                "organizations:DescribeOrganization",
                "s3:ListAllMyBuckets",
                "s3:ListBucket",
                "sns:ListTopics",
                "sqs:ListQueues",
                "ssm:Describe*",
                "ssm:List*"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "SecurityAudit",
        path: "/",
        arn: "arn:aws:iam::aws:policy/SecurityAudit",
        description: "The security audit template grants access to read security configuration metadata. It is useful for software that audits the configuration of an AWS account.",
        version_id: "v55",
        abbreviated: true,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "BaseSecurityAuditStatement",
            "Effect": "Allow",
            "Action": [
                "a4b:ListSkills",
                "access-analyzer:GetAnalyzedResource",
                "access-analyzer:GetAnalyzer",
                "access-analyzer:GetArchiveRule",
                "access-analyzer:GetFinding",
                "access-analyzer:ListAnalyzedResources",
                "access-analyzer:ListAnalyzers",
                "access-analyzer:ListArchiveRules",
                "access-analyzer:ListFindings",
                "access-analyzer:ListTagsForResource",
                "account:GetAlternateContact",
                "account:GetPrimaryEmail",
                "account:GetRegionOptStatus",
                "acm:Describe*",
                "acm:List*",
                "cloudtrail:DescribeTrails",
                "cloudtrail:GetEventSelectors",
                "cloudtrail:GetTrailStatus",
                "ec2:Describe*",
                "iam:GenerateCredentialReport",
                "iam:Get*",
                "iam:List*",
                "kms:Describe*",
                "kms:Get*",
                "kms:List*",
                "lambda:GetFunctionUrlConfig",
                "lambda:GetPolicy",
                "lambda:List*",
                "organizations:Describe*",
                "organizations:List*",
                "s3:GetAccountPublicAccessBlock",
                "s3:GetBucketAcl",
                "s3:GetBucketPolicy",
                "s3:GetBucketPolicyStatus",
                "s3:GetBucketPublicAccessBlock",
                "s3:ListAllMyBuckets",
                "secretsmanager:DescribeSecret",
                "secretsmanager:GetResourcePolicy",
                "secretsmanager:ListSecrets",
                "sns:GetTopicAttributes",
                "sns:ListTopics",
                "sqs:GetQueueAttributes",
                "sqs:ListQueues"
            ],
            "Resource": "*"
        }
    ]
}"#,
    },
    AwsManagedPolicy {
        name: "AmazonDynamoDBReadOnlyAccess",
        path: "/",
        arn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
        description: "Provides read only access to Amazon DynamoDB via the AWS Management Console.",
        version_id: "v15",
        abbreviated: true,
        document: r#"{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "GeneralReadOnlyAccess",
            "Action": [
                "application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:DescribeScalingActivities",
                "application-autoscaling:DescribeScalingPolicies",
                "cloudwatch:DescribeAlarmHistory",
                "cloudwatch:DescribeAlarms",
                "cloudwatch:DescribeAlarmsForMetric",
                "cloudwatch:GetMetricStatistics",
                "cloudwatch:ListMetrics",
                "cloudwatch:GetMetricData",
                "datapipeline:DescribeObjects",
                "datapipeline:DescribePipelines",
                "datapipeline:GetPipelineDefinition",
                "datapipeline:ListPipelines",
                "datapipeline:QueryObjects",
                "dynamodb:BatchGetItem",
                "dynamodb:Describe*",
                "dynamodb:List*",
                "dynamodb:GetAbacStatus",
                "dynamodb:GetItem",
                "dynamodb:GetResourcePolicy",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:PartiQLSelect",
                "dax:Describe*",
                "dax:List*",
                "dax:GetItem",
                "dax:BatchGetItem",
                "dax:Query",
                "dax:Scan",
                "ec2:DescribeVpcs",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups"
            ],
            "Effect": "Allow",
            "Resource": "*"
        }
    ]
}"#,
    },
];
