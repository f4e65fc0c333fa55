//! `sts:AssumeRole`: the gates, in AWS's order, and the session it issues.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

use super::authz::{self, single};
use super::caller::Caller;
pub use super::checks::{
    check_mfa, credentials_gate, duration_gate, gate_result, parameters_gate, session_policy_gate,
    StsOutcome,
};
use super::gate::{GateName, Gates};
use super::issue::{find_role, issue_role_session, AssumeRoleResponse, NewRoleSession};
use super::limits;
use super::request::{AssumeRoleRequest, Tag};
use super::role_gates::{self, RoleCheck};
use super::session::{SessionOrigin, StsState};
use super::timeline::{EventKind, Outcome, TimelineEvent};
use super::validate;
use super::{not_authorized, StsError};
use crate::sim::eval::{evaluate, ContextValue};
use crate::sim::policy::PolicyKind;
use crate::sim::time::SimTime;
use crate::sim::world::World;
use std::collections::BTreeMap;

/// `sts:AssumeRole` with the credentials `credential` (an access key id or the root ARN).
/// Records the call on the timeline.
pub fn assume_role(
    world: &World,
    state: &mut StsState,
    credential: &str,
    req: &AssumeRoleRequest,
    now: SimTime,
) -> StsOutcome<AssumeRoleResponse> {
    let mut gates = Gates::default();
    let mut who = credential.to_string();
    let result = run(world, state, credential, req, now, &mut gates, &mut who);
    state.timeline.record(TimelineEvent {
        at: now,
        kind: EventKind::StsCall,
        who,
        identity_provider: None,
        access_key_id: credential.starts_with("A").then(|| credential.to_string()),
        api: "AssumeRole".to_string(),
        target: Some(req.role_arn.clone()),
        outcome: match &result {
            Ok(_) => Outcome::Success,
            Err(e) => Outcome::from(e),
        },
        gates: gates.0.clone(),
        issued_access_key_id: result
            .as_ref()
            .ok()
            .map(|r| r.credentials.access_key_id.to_string()),
    });
    StsOutcome { result, gates }
}

fn run(
    world: &World,
    state: &mut StsState,
    credential: &str,
    req: &AssumeRoleRequest,
    now: SimTime,
    gates: &mut Gates,
    who: &mut String,
) -> Result<AssumeRoleResponse, StsError> {
    let caller = credentials_gate(world, state, credential, now, gates)?;
    *who = caller.arn();
    parameters_gate(gates, validate::assume_role_params(req))?;
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html: roles are assumed by
    // IAM users and roles, never by the root user. The text is what STS answers
    // (kubeflow/testing#961); AWS's pages do not quote it.
    if caller.is_root() {
        let e = StsError::AccessDenied("Roles may not be assumed by root accounts.".to_string());
        gates.fail(GateName::RootCaller, e.message());
        return Err(e);
    }
    gates.pass(GateName::RootCaller, "The caller is not the root user");
    let caller_arn = caller.arn();
    let Some(role) = find_role(world, &req.role_arn) else {
        // AWS does not reveal whether a role exists: the answer is the usual AccessDenied.
        gates.fail(
            GateName::RoleExists,
            format!("No role {} exists", req.role_arn),
        );
        return Err(not_authorized(&caller_arn, "sts:AssumeRole", &req.role_arn));
    };
    gates.pass(GateName::RoleExists, format!("Role {} exists", role.arn));
    let mfa_at = mfa_gate(world, &caller, req, now, gates)?;
    let inherited = caller.role_session().cloned();
    let inherited_tags: Vec<Tag> = inherited
        .as_ref()
        .map(|s| s.transitive_tags())
        .unwrap_or_default();
    let inherited_si = inherited.as_ref().and_then(|s| s.source_identity.clone());
    let context = context(req, &caller, mfa_at.is_some(), &inherited_tags);
    let resource = authz::role_resource(role);
    let trust = authz::named(
        &format!("trust policy of {}", role.role_name),
        &role.trust_policy,
        PolicyKind::Trust,
    );
    let eval = |action: &str| {
        evaluate(&authz::request(
            world,
            &caller,
            action,
            resource.clone(),
            trust.clone(),
            context.clone(),
            now,
        ))
    };
    role_gates::record(
        &eval("sts:AssumeRole"),
        RoleCheck::Assume,
        "sts:AssumeRole",
        &caller_arn,
        &role.arn,
        true,
        gates,
    )?;
    if !req.tags.is_empty() || !req.transitive_tag_keys.is_empty() {
        // "you must also have permission to call sts:TagSession" (session tags page).
        role_gates::record(
            &eval("sts:TagSession"),
            RoleCheck::TagSession,
            "sts:TagSession",
            &caller_arn,
            &role.arn,
            true,
            gates,
        )?;
        gate_result(
            gates,
            GateName::SessionTags,
            "Session tags are unique and do not restate inherited transitive tags",
            limits::session_tags(&req.tags, &req.transitive_tag_keys, &inherited_tags),
        )?;
    }
    let source_identity = if req.source_identity.is_none() && inherited_si.is_none() {
        None
    } else {
        match limits::source_identity(req.source_identity.as_deref(), inherited_si.as_deref()) {
            Ok(si) => {
                let shown = si.clone().unwrap_or_default();
                gates.pass(
                    GateName::SourceIdentity,
                    format!("Source identity `{shown}` is set and persists through role chains"),
                );
                si
            }
            Err(e) => {
                gates.fail(GateName::SourceIdentity, e.message());
                return Err(e);
            }
        }
    };
    if source_identity.is_some() {
        // Setting a source identity needs sts:SetSourceIdentity in the trust policy, and so
        // does carrying one into a chained session ("permissions for sts:SetSourceIdentity are
        // required in both the permissions policy of the principal who is assuming the role
        // and in the role trust policy of the target role").
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html#id_credentials_temp_control-access_monitor-perms
        role_gates::record(
            &eval("sts:SetSourceIdentity"),
            RoleCheck::SetSourceIdentity,
            "sts:SetSourceIdentity",
            &caller_arn,
            &role.arn,
            true,
            gates,
        )?;
    }
    // "AWS does not treat using roles to grant permissions to applications that run on EC2
    // instances as role chaining" (IAM User Guide, "Roles terms and concepts", role chaining;
    // and footnote 1 of "Methods to assume a role"): a role assumed with an instance
    // profile's credentials may last up to its MaxSessionDuration. AWS documents no such
    // exception for Lambda or ECS credentials, so those remain role sessions like any other.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
    let from_instance = matches!(
        &caller,
        Caller::Session(s) if matches!(s.origin, SessionOrigin::Ec2InstanceProfile { .. })
    );
    let chained = inherited.is_some() && !from_instance;
    // AWS's knowledge-center article on the one-hour limit: users who get temporary
    // credentials from GetSessionToken (e.g. for MFA) and assume a role with them "are limited
    // to 1 hour", with the role-chaining error. Such a session is not a role chain (it has no
    // role session to inherit from), but the cap is the same.
    // https://repost.aws/knowledge-center/iam-role-chaining-limit
    let from_session_token =
        matches!(&caller, Caller::Session(s) if s.origin == SessionOrigin::SessionToken);
    let duration = duration_gate(
        gates,
        req.duration_seconds,
        role,
        chained || from_session_token,
    )?;
    let packed = packed_gate(gates, req)?;
    let mut tags = inherited_tags.clone();
    tags.extend(req.tags.iter().cloned());
    let mut transitive: Vec<String> = inherited
        .as_ref()
        .map(|s| s.transitive_tag_keys.clone())
        .unwrap_or_default();
    transitive.extend(req.transitive_tag_keys.iter().cloned());
    // MFA used for the calling session (GetSessionToken with MFA, or an MFA'd role session)
    // stays present in the new one.
    let from_caller = match &caller {
        Caller::Session(s) => s.mfa_authenticated_at,
        _ => None,
    };
    let mfa = mfa_at.or(from_caller);
    Ok(issue_role_session(
        state,
        role,
        NewRoleSession {
            origin: SessionOrigin::AssumeRole,
            session_name: req.role_session_name.clone(),
            duration_seconds: duration,
            source_identity,
            tags,
            transitive_tag_keys: transitive,
            session_policy: req.policy.clone(),
            session_policy_arns: req.policy_arns.iter().map(|d| d.arn.clone()).collect(),
            mfa,
            chained,
            parent: caller
                .access_key_id()
                .map(crate::sim::ids::AccessKeyId::new),
            packed_policy_size: packed,
        },
        now,
    ))
}

/// The AssumeRole request's own context keys; the principal's keys come from `authz`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html
fn context(
    req: &AssumeRoleRequest,
    caller: &Caller,
    mfa_now: bool,
    inherited: &[Tag],
) -> BTreeMap<String, ContextValue> {
    let mut c = BTreeMap::new();
    c.insert(
        "sts:RoleSessionName".to_string(),
        single(req.role_session_name.clone()),
    );
    if let Some(id) = &req.external_id {
        c.insert("sts:ExternalId".to_string(), single(id.clone()));
    }
    if let Some(si) = &req.source_identity {
        c.insert("sts:SourceIdentity".to_string(), single(si.clone()));
    }
    if mfa_now {
        c.insert("aws:MultiFactorAuthPresent".to_string(), single("true"));
        c.insert("aws:MultiFactorAuthAge".to_string(), single("0"));
    } else if let Caller::Session(s) = caller {
        c.insert(
            "aws:MultiFactorAuthPresent".to_string(),
            single(s.mfa_present.to_string()),
        );
    }
    let all_tags: Vec<&Tag> = inherited.iter().chain(req.tags.iter()).collect();
    for t in &all_tags {
        c.insert(format!("aws:RequestTag/{}", t.key), single(t.value.clone()));
    }
    if !all_tags.is_empty() {
        c.insert(
            "aws:TagKeys".to_string(),
            ContextValue::Multi(all_tags.iter().map(|t| t.key.clone()).collect()),
        );
    }
    if !req.transitive_tag_keys.is_empty() {
        c.insert(
            "sts:TransitiveTagKeys".to_string(),
            ContextValue::Multi(req.transitive_tag_keys.clone()),
        );
    }
    c
}

/// SerialNumber + TokenCode against the caller's virtual MFA device at `now`.
fn mfa_gate(
    world: &World,
    caller: &Caller,
    req: &AssumeRoleRequest,
    now: SimTime,
    gates: &mut Gates,
) -> Result<Option<SimTime>, StsError> {
    check_mfa(
        world,
        caller,
        req.serial_number.as_deref(),
        req.token_code.as_deref(),
        now,
        gates,
    )
}

/// Session policy grammar and the packed size of session policies and tags.
fn packed_gate(gates: &mut Gates, req: &AssumeRoleRequest) -> Result<u32, StsError> {
    session_policy_gate(gates, req.policy.as_deref(), &req.policy_arns, &req.tags)
}
