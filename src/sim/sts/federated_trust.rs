//! The trust check every federated call (web identity, SAML) shares: a federated session
//! principal evaluated against the role's trust policy, with AWS's refusal text.

use super::authz;
use super::gate::{GateName, Gates};
use super::role_gates::{self, RoleCheck};
use super::StsError;
use crate::sim::eval::{evaluate, ContextValue, EvalRequest, PrincipalInfo, SessionInfo};
use crate::sim::policy::PolicyKind;
use crate::sim::time::SimTime;
use crate::sim::world::Role;
use std::collections::BTreeMap;

/// Records a refusal at gate `name` and returns it.
pub(crate) fn fail<T>(gates: &mut Gates, name: GateName, e: StsError) -> Result<T, StsError> {
    gates.fail(name, e.message());
    Err(e)
}

/// Evaluates a federated principal against the role's trust policy.
pub(crate) fn trust_gate(
    role: &Role,
    provider_arn: &str,
    session_name: &str,
    (action, check): (&str, RoleCheck),
    context: BTreeMap<String, ContextValue>,
    now: SimTime,
    gates: &mut Gates,
) -> Result<(), StsError> {
    let session_arn = format!(
        "arn:aws:sts::{}:assumed-role/{}/{session_name}",
        role.account, role.role_name
    );
    let mut context = context;
    context.insert("aws:CurrentTime".into(), authz::single(now.to_iso8601()));
    let request = EvalRequest {
        principal: PrincipalInfo {
            arn: session_arn,
            account: role.account.to_string(),
            session: Some(SessionInfo {
                role_arn: Some(role.arn.clone()),
                federated_provider: Some(provider_arn.to_string()),
                ..Default::default()
            }),
            ..Default::default()
        },
        action: action.to_string(),
        resource: authz::role_resource(role),
        resource_policy: authz::named(
            &format!("trust policy of {}", role.role_name),
            &role.trust_policy,
            PolicyKind::Trust,
        ),
        context,
        ..Default::default()
    };
    let result = evaluate(&request);
    // AWS's text for federated refusals names no user: "Not authorized to perform
    // sts:AssumeRoleWithSAML" (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_saml.html),
    // and the same form for web identity.
    role_gates::record(
        &result,
        check,
        action,
        provider_arn,
        &role.arn,
        false,
        gates,
    )
    .map_err(|_| StsError::AccessDenied(format!("Not authorized to perform {action}")))
}
