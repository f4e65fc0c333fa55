//! The workloads AWS keeps supplied with role credentials (EC2 instances, Lambda functions):
//! which exist, the role each runs as, how long their credentials last, and when the
//! service may assume that role.

use super::gate::Gates;
use super::role_gates::{self, RoleCheck};
use super::services::{
    imds_credentials, lambda_environment, service_trust_request, ServiceCredentialsError,
    EC2_CREDENTIALS_SECONDS, EC2_REFRESH_BEFORE_SECONDS, LAMBDA_CREDENTIALS_SECONDS,
};
use super::session::{Session, SessionOrigin, StsState};
use crate::sim::eval::evaluate;
use crate::sim::policy::condition_values::parse_date;
use crate::sim::policy::{parse, PolicyKind};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{Role, World};

/// How a service supplies a workload: who assumes the role, for how long, how early the
/// credentials are replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// The service principal (`ec2.amazonaws.com`).
    pub service: &'static str,
    /// How long each set of credentials lasts.
    pub lifetime: SimDuration,
    /// How long before expiry new ones are delivered.
    pub refresh_before: SimDuration,
}

impl Terms {
    /// The time between two refreshes: each new set lasts `lifetime` and is replaced
    /// `refresh_before` ahead of its expiry.
    pub fn period(self) -> SimDuration {
        SimDuration(
            self.lifetime
                .as_millis()
                .saturating_sub(self.refresh_before.as_millis()),
        )
    }
}

/// Every workload of the world that runs as a role, by how its sessions are recorded.
pub fn workloads(world: &World) -> Vec<SessionOrigin> {
    let ec2 = world
        .ec2_instances
        .values()
        .filter(|i| world.role_of_instance(&i.instance_id).is_some())
        .map(|i| SessionOrigin::Ec2InstanceProfile {
            instance_id: i.instance_id.clone(),
        });
    let lambda = world
        .lambda_functions
        .iter()
        .filter(|f| f.execution_role.is_some())
        .map(|f| SessionOrigin::LambdaExecution {
            function_name: f.function_name.clone(),
            function_arn: f.arn.clone(),
        });
    ec2.chain(lambda).collect()
}

/// The workload's name (instance id or function name); `None` for sessions people made.
pub fn holder(origin: &SessionOrigin) -> Option<&str> {
    match origin {
        SessionOrigin::Ec2InstanceProfile { instance_id } => Some(instance_id.as_str()),
        SessionOrigin::LambdaExecution { function_name, .. } => Some(function_name),
        _ => None,
    }
}

/// The role the workload runs as now and its service's terms; `None` when it is gone or
/// has no role.
pub fn role_and_terms<'w>(world: &'w World, origin: &SessionOrigin) -> Option<(&'w Role, Terms)> {
    let refresh_before = SimDuration::from_secs(EC2_REFRESH_BEFORE_SECONDS);
    match origin {
        SessionOrigin::Ec2InstanceProfile { instance_id } => {
            let instance = world.ec2_instances.get(instance_id)?;
            let role = world.role_of_instance(&instance.instance_id)?;
            let terms = Terms {
                service: "ec2.amazonaws.com",
                lifetime: SimDuration::from_secs(EC2_CREDENTIALS_SECONDS),
                refresh_before,
            };
            Some((role, terms))
        }
        SessionOrigin::LambdaExecution {
            function_name,
            function_arn,
        } => {
            let f = world.lambda_of_session(function_name, function_arn)?;
            let role = world.roles.get(f.execution_role.as_ref()?)?;
            let terms = Terms {
                service: "lambda.amazonaws.com",
                lifetime: SimDuration::from_secs(LAMBDA_CREDENTIALS_SECONDS),
                refresh_before,
            };
            Some((role, terms))
        }
        _ => None,
    }
}

/// The workload's newest credentials, if it ever got any.
pub fn current<'s>(state: &'s StsState, origin: &SessionOrigin) -> Option<&'s Session> {
    state
        .sessions
        .iter()
        .rev()
        .map(|s| &**s)
        .find(|s| &s.origin == origin)
}

/// The service delivers the workload's credentials at `now` (IMDS, or Lambda's
/// environment): the current ones while more than five minutes remain, else new ones.
pub fn deliver(
    world: &World,
    state: &mut StsState,
    origin: &SessionOrigin,
    now: SimTime,
) -> Result<(), ServiceCredentialsError> {
    match origin {
        SessionOrigin::Ec2InstanceProfile { instance_id } => {
            imds_credentials(world, state, instance_id.as_str(), now).map(|_| ())
        }
        SessionOrigin::LambdaExecution {
            function_name,
            function_arn,
        } => {
            let which = if function_arn.is_empty() {
                function_name
            } else {
                function_arn
            };
            lambda_environment(world, state, which, now).map(|_| ())
        }
        _ => Ok(()),
    }
}

/// Whether the role's trust policy lets `service` assume it at `now`, judged exactly as a
/// delivery judges it.
pub fn service_may_assume(role: &Role, service: &str, now: SimTime) -> bool {
    let result = evaluate(&service_trust_request(role, service, now));
    let mut scratch = Gates::default();
    role_gates::record(
        &result,
        RoleCheck::Assume,
        "sts:AssumeRole",
        service,
        &role.arn,
        false,
        &mut scratch,
    )
    .is_ok()
}

/// The instants at which the trust policy's answer can change as time passes: only
/// conditions on `aws:CurrentTime` and `aws:EpochTime` see the time, and they compare it (to
/// the second) with the dates they name. Between two consecutive instants returned here the
/// answer is the same.
pub fn trust_turning_points(role: &Role) -> Vec<SimTime> {
    let Some(policy) = parse(&role.trust_policy, PolicyKind::Trust).policy else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let clauses = policy.statements.iter().flat_map(|s| &s.condition);
    for clause in clauses.filter(|c| {
        c.key.eq_ignore_ascii_case("aws:CurrentTime") || c.key.eq_ignore_ascii_case("aws:EpochTime")
    }) {
        for value in &clause.values.items {
            let Some(ms) = parse_date(&value.text()) else {
                continue;
            };
            // The request's time is whole seconds: the answer can turn at the second that
            // reaches the date and at the second after it.
            let second = ms.div_euclid(1000).saturating_mul(1000);
            points.extend([second, second.saturating_add(1000)].map(SimTime));
        }
    }
    crate::sim::sorting::sort(&mut points);
    points.dedup();
    points
}
