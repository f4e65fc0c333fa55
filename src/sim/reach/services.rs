//! Service routes: a principal that may pass a role to a service and start that service's
//! compute gets the role's permissions (the role's trust policy must trust the service).
//! Routes and ids from pathfinding.cloud (<https://pathfinding.cloud/paths/ec2-001>, ...).

use super::conditions::both;
use super::graph::Graph;
use super::hops::TargetSide;
use super::start::Start;
use super::Hop;
use crate::sim::eval::ResourceInfo;
use crate::sim::ids::RoleId;
use crate::sim::sts::services::{EC2_CREDENTIALS_SECONDS, LAMBDA_CREDENTIALS_SECONDS};
use crate::sim::world::DEFAULT_REGION;

/// One PassRole route: the service the role is passed to and the actions that start its
/// compute, each with the resource type its ARN names (any name: `*`).
struct Route {
    service: &'static str,
    actions: &'static [(&'static str, &'static str)],
}

/// The PassRole routes of the public catalogues (pathfinding.cloud ec2-001, lambda-001,
/// glue-001, glue-003, cloudformation-001, ecs-004, sagemaker-001..003, codebuild-001).
const ROUTES: &[Route] = &[
    Route {
        service: "ec2.amazonaws.com",
        actions: &[("ec2:RunInstances", "ec2:{r}:{a}:instance/*")],
    },
    Route {
        service: "lambda.amazonaws.com",
        actions: &[
            ("lambda:CreateFunction", "lambda:{r}:{a}:function:*"),
            ("lambda:InvokeFunction", "lambda:{r}:{a}:function:*"),
        ],
    },
    Route {
        service: "glue.amazonaws.com",
        actions: &[("glue:CreateDevEndpoint", "glue:{r}:{a}:devEndpoint/*")],
    },
    Route {
        service: "glue.amazonaws.com",
        actions: &[
            ("glue:CreateJob", "glue:{r}:{a}:job/*"),
            ("glue:StartJobRun", "glue:{r}:{a}:job/*"),
        ],
    },
    Route {
        service: "cloudformation.amazonaws.com",
        actions: &[(
            "cloudformation:CreateStack",
            "cloudformation:{r}:{a}:stack/*",
        )],
    },
    Route {
        service: "ecs-tasks.amazonaws.com",
        actions: &[
            (
                "ecs:RegisterTaskDefinition",
                "ecs:{r}:{a}:task-definition/*",
            ),
            ("ecs:RunTask", "ecs:{r}:{a}:task-definition/*"),
        ],
    },
    Route {
        service: "sagemaker.amazonaws.com",
        actions: &[(
            "sagemaker:CreateNotebookInstance",
            "sagemaker:{r}:{a}:notebook-instance/*",
        )],
    },
    Route {
        service: "sagemaker.amazonaws.com",
        actions: &[(
            "sagemaker:CreateTrainingJob",
            "sagemaker:{r}:{a}:training-job/*",
        )],
    },
    Route {
        service: "sagemaker.amazonaws.com",
        actions: &[(
            "sagemaker:CreateProcessingJob",
            "sagemaker:{r}:{a}:processing-job/*",
        )],
    },
    Route {
        service: "codebuild.amazonaws.com",
        actions: &[
            ("codebuild:CreateProject", "codebuild:{r}:{a}:project/*"),
            ("codebuild:StartBuild", "codebuild:{r}:{a}:project/*"),
        ],
    },
];

const CAP: usize = 8;

fn resource(shape: &str, account: &str, partition: &str) -> ResourceInfo {
    let tail = shape.replace("{r}", DEFAULT_REGION).replace("{a}", account);
    ResourceInfo {
        arn: format!("arn:{partition}:{tail}"),
        account: account.to_string(),
        tags: Default::default(),
    }
}

/// Every service hop out of `start` (users and role sessions; roles can only be passed in
/// their own account).
pub fn hops(g: &mut Graph<'_>, start: &Start) -> Vec<(RoleId, Hop)> {
    let account = match start {
        Start::User(id) => g.world.users.get(id).map(|u| u.account.to_string()),
        Start::Role(id) => g.world.roles.get(id).map(|r| r.account.to_string()),
        _ => None,
    };
    let Some(account) = account else {
        return Vec::new();
    };
    let partition = g.world.partition.clone();
    let from = g.start_arn(start);
    let mut out = Vec::new();
    if !g.mentions(start, "iam:PassRole") {
        out.extend(update_code(g, start, &from));
        return out;
    }
    for route in ROUTES {
        // No role of the account trusts the service (or none is wanted): the route leads
        // nowhere, and its actions need no evaluation.
        let roles = g.service_roles(route.service, &account);
        if roles.iter().all(|id| *start == Start::Role(id.clone())) {
            continue;
        }
        let mut gate = vec![Vec::new()];
        for (action, shape) in route.actions {
            let allowed = g.check(
                start,
                action,
                &TargetSide {
                    resource: resource(shape, &account, &partition),
                    ..TargetSide::default()
                },
                &[],
            );
            gate = both(&gate, &allowed, &[], CAP);
        }
        if gate.is_empty() {
            continue;
        }
        for role_id in roles {
            if *start == Start::Role(role_id.clone()) {
                continue;
            }
            let Some(target) = g.trust_target(&role_id) else {
                continue;
            };
            let facts = [("iam:PassedToService", route.service)];
            let pass_target = TargetSide {
                resource: target.resource.clone(),
                ..TargetSide::default()
            };
            let pass = g.check(start, "iam:PassRole", &pass_target, &facts);
            let trusted = g.check(
                &Start::Service(route.service.to_string()),
                "sts:AssumeRole",
                &target,
                &[],
            );
            let all = both(&both(&gate, &pass, &facts, CAP), &trusted, &facts, CAP);
            let Some(role) = g.world.roles.get(&role_id) else {
                continue;
            };
            let max = match route.service {
                "ec2.amazonaws.com" => u32::try_from(EC2_CREDENTIALS_SECONDS).unwrap_or(u32::MAX),
                "lambda.amazonaws.com" => {
                    u32::try_from(LAMBDA_CREDENTIALS_SECONDS).unwrap_or(u32::MAX)
                }
                _ => role.max_session_duration,
            };
            if route.service == "ec2.amazonaws.com"
                && !g
                    .world
                    .instance_profiles
                    .values()
                    .any(|p| p.role.as_ref() == Some(&role_id))
            {
                continue; // RunInstances takes an instance profile, not a role
            }
            let via: Vec<&str> = std::iter::once("iam:PassRole")
                .chain(route.actions.iter().map(|(a, _)| *a))
                .collect();
            for conditions in all {
                out.push((
                    role_id.clone(),
                    Hop {
                        from: from.clone(),
                        to: role.arn.clone(),
                        via: via.join("+"),
                        conditions,
                        max_session_seconds: max,
                    },
                ));
            }
        }
    }
    out.extend(update_code(g, start, &from));
    out
}

/// pathfinding.cloud lambda-003: new code in an existing function runs as its execution role
/// (no PassRole needed).
fn update_code(g: &mut Graph<'_>, start: &Start, from: &str) -> Vec<(RoleId, Hop)> {
    let functions: Vec<(String, String, RoleId)> = g
        .world
        .lambda_functions
        .iter()
        .filter_map(|f| {
            Some((
                f.arn.clone(),
                f.account.to_string(),
                f.execution_role.clone()?,
            ))
        })
        .collect();
    let mut out = Vec::new();
    if functions.is_empty() || !g.mentions(start, "lambda:UpdateFunctionCode") {
        return out;
    }
    for (arn, account, role_id) in functions {
        if *start == Start::Role(role_id.clone()) || !g.may_target(&role_id) {
            continue;
        }
        let Some(target) = g.trust_target(&role_id) else {
            continue;
        };
        let function = TargetSide {
            resource: ResourceInfo {
                arn,
                account,
                tags: Default::default(),
            },
            ..TargetSide::default()
        };
        let update = g.check(start, "lambda:UpdateFunctionCode", &function, &[]);
        if update.is_empty() {
            continue;
        }
        let trusted = g.check(
            &Start::Service("lambda.amazonaws.com".to_string()),
            "sts:AssumeRole",
            &target,
            &[],
        );
        let Some(role) = g.world.roles.get(&role_id) else {
            continue;
        };
        for conditions in both(&update, &trusted, &[], CAP) {
            let max = u32::try_from(LAMBDA_CREDENTIALS_SECONDS).unwrap_or(u32::MAX);
            out.push((
                role_id.clone(),
                Hop {
                    from: from.to_string(),
                    to: role.arn.clone(),
                    via: "lambda:UpdateFunctionCode".to_string(),
                    conditions,
                    max_session_seconds: max,
                },
            ));
        }
    }
    out
}
