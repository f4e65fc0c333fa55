//! The flow engine: turns an STS call's gate list into the steps the simulator plays, with the
//! entities each step involves, AWS's answer, and for a refusal a hint saying what to change.
//!
//! AWS evaluates AssumeRole in this order: the caller's credentials, the request's parameters,
//! the caller's identity-based policies and the role's trust policy (with its conditions), then
//! the session duration; the first refusal ends the call.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

pub mod callers;
pub mod cli;
mod hint;
pub mod live;
mod participants;
pub mod web_identity;

use crate::sim::eval::PolicyType;
use crate::sim::ids::EntityId;
use crate::sim::sts::{
    assume_role, AssumeRoleRequest, Comparison, Gate, GateName, StsError, StsState,
};
use crate::sim::time::SimTime;
use crate::sim::world::World;
pub use hint::Hint;
pub use participants::participants;
use serde::{Deserialize, Serialize};

/// Who and what a flow is about; the entities are named by kind, the document draws them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participants {
    /// The caller's ARN (`arn:aws:iam::111122223333:user/alice`, an assumed-role ARN, root).
    pub caller_arn: String,
    /// A short name for the caller (`alice`, `Deploy/alice-session`).
    pub caller_name: String,
    /// For a role session caller, its role's ARN: what a trust policy names.
    pub caller_role_arn: Option<String>,
    /// The entity standing for the caller, if the world has one: the user, the account of a
    /// root caller, the instance or function of workload credentials, the provider of a
    /// token, else the role of a session.
    pub caller_entity: Option<EntityId>,
    /// For workload credentials (an instance's, a function's), the role whose session they
    /// are: the instance calls as that role, so a call's path on the canvas runs through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_role_entity: Option<EntityId>,
    /// The role's ARN.
    pub role_arn: String,
    /// The role, if it exists.
    pub role_entity: Option<EntityId>,
    /// For a call on a resource (`s3:GetObject` on a bucket's object): the resource whose
    /// policy the request meets, if the world has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_entity: Option<EntityId>,
}

/// One step the UI shows: a check with its mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlowStep {
    /// The gate this step comes from (saved as `credentials`, `trust_policy`, `condition`...).
    pub gate: GateName,
    /// What is checked, in plain words ("Trust policy names the caller").
    pub title: String,
    /// Whether the check held.
    pub passed: bool,
    /// The detail the STS core gave.
    pub detail: String,
    /// The values compared (a condition key, a duration).
    pub compared: Vec<Comparison>,
    /// The entities this step involves (the canvas highlights their nodes while it is current).
    pub entities: Vec<EntityId>,
    /// For a step refused by evaluating policies: the policy type that decided (an SCP, a
    /// permissions boundary...), so the canvas can mark where the refusal lives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<PolicyType>,
}

/// How the call ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlowOutcome {
    /// Credentials were issued; `response` is AWS's JSON when known (a replay from the
    /// timeline knows only the new key id).
    Issued {
        /// The new access key id (`ASIA...`).
        access_key_id: String,
        /// The response body as the CLI prints it.
        response: Option<serde_json::Value>,
    },
    /// AWS refused.
    Refused {
        /// AWS's error code.
        code: String,
        /// AWS's message.
        message: String,
        /// What the CLI prints.
        cli_text: String,
        /// What to change so the call works.
        hint: Option<Hint>,
    },
}

/// A played call: the steps in order and the outcome. A refused flow's last step is the
/// failing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// The STS API (`AssumeRole`).
    pub api: String,
    /// Who and what.
    pub participants: Participants,
    /// The checks, in AWS's order.
    pub steps: Vec<FlowStep>,
    /// The result.
    pub outcome: FlowOutcome,
}

impl Flow {
    /// The step that refused the call, if any.
    pub fn failed_step(&self) -> Option<&FlowStep> {
        self.steps.iter().find(|s| !s.passed)
    }

    /// The AWS error response JSON of a refused call.
    pub fn error_json(&self) -> Option<serde_json::Value> {
        match &self.outcome {
            FlowOutcome::Refused { code, message, .. } => Some(serde_json::json!({
                "Error": { "Type": "Sender", "Code": code, "Message": message }
            })),
            FlowOutcome::Issued { .. } => None,
        }
    }

    /// The entity where the call failed: the caller for its own problems (credentials, root,
    /// identity policies, MFA), the role otherwise.
    pub fn failed_entity(&self) -> Option<EntityId> {
        let step = self.failed_step()?;
        let p = &self.participants;
        let caller_side = matches!(
            step.gate,
            GateName::Credentials
                | GateName::RootCaller
                | GateName::IdentityPolicy
                | GateName::IdentityTagSession
                | GateName::IdentitySetSourceIdentity
                | GateName::Mfa
                | GateName::Parameters
                | GateName::WebIdentityToken
        );
        // A call on a resource refused by the resource's own policy or its account's RCPs
        // is refused at the resource; by anything else, at the caller.
        let at_resource = matches!(
            step.decided_by,
            Some(PolicyType::Resource | PolicyType::Rcp)
        );
        if step.gate == GateName::Authorization && p.resource_entity.is_some() {
            return if at_resource {
                p.resource_entity.clone()
            } else {
                p.caller_entity.clone()
            };
        }
        if caller_side {
            p.caller_entity.clone()
        } else if step.gate == GateName::IdentityProvider {
            // The provider refused the token (not in the account, or an audience not among
            // its client IDs): marked on the provider, else on the role it was for.
            p.caller_entity.clone().or_else(|| p.role_entity.clone())
        } else {
            p.role_entity.clone().or_else(|| p.caller_entity.clone())
        }
    }
}

impl Flow {
    /// The short label the canvas shows where a refused call was stopped: AWS's error code
    /// and, in a word or two, the check that refused it (`AccessDenied · trust policy`).
    /// `None` for a call that succeeded.
    pub fn refusal_label(&self) -> Option<String> {
        use GateName as G;
        let FlowOutcome::Refused { code, .. } = &self.outcome else {
            return None;
        };
        let check = self.failed_step().map(|s| match (s.decided_by, s.gate) {
            // Organization and limiting policies refuse wherever they apply: named as such.
            (Some(PolicyType::Scp), _) => "SCP",
            (Some(PolicyType::Rcp), _) => "RCP",
            (Some(PolicyType::PermissionsBoundary), _) => "permissions boundary",
            (Some(PolicyType::Session), _) => "session policy",
            (Some(PolicyType::Identity), G::Authorization) => "caller's policy",
            (Some(PolicyType::Resource), G::Authorization) => "resource policy",
            (_, gate) => Self::check_words(gate),
        });
        Some(match check {
            Some(check) => format!("{code} · {check}"),
            None => code.clone(),
        })
    }

    /// The policy type that refused the call, where policies were evaluated.
    pub fn refused_by(&self) -> Option<PolicyType> {
        matches!(self.outcome, FlowOutcome::Refused { .. })
            .then(|| self.failed_step().and_then(|s| s.decided_by))
            .flatten()
    }

    /// A gate's check in a word or two.
    fn check_words(gate: GateName) -> &'static str {
        use GateName as G;
        match gate {
            G::TrustPolicy | G::Condition | G::TagSession | G::SetSourceIdentity => "trust policy",
            G::IdentityPolicy | G::IdentityTagSession | G::IdentitySetSourceIdentity => {
                "caller's policy"
            }
            G::Credentials | G::LongTermCredentials => "credentials",
            G::Mfa => "MFA code",
            G::Duration => "duration",
            G::RoleExists => "no such role",
            G::RootCaller => "root user",
            G::WebIdentityToken | G::IdentityProvider => "token",
            G::SamlAssertion => "SAML assertion",
            G::Authorization => "policies",
            _ => "request",
        }
    }
}

/// Plain-words title for a gate.
pub fn gate_title(gate: GateName) -> String {
    gate.title().to_string()
}

fn entities_for(gate: GateName, p: &Participants) -> Vec<EntityId> {
    use GateName as G;
    let caller = p.caller_entity.iter().cloned();
    let acting_as = p.caller_role_entity.iter().cloned();
    let role = p.role_entity.iter().cloned();
    let resource = p.resource_entity.iter().cloned();
    match gate {
        G::Credentials | G::Parameters | G::RootCaller | G::Mfa => caller.collect(),
        G::RoleExists | G::Duration | G::PackedPolicySize => role.collect(),
        _ => caller
            .chain(acting_as)
            .chain(role)
            .chain(resource)
            .collect(),
    }
}

/// Splits the trust gate into "the trust policy names the caller" and one step per condition
/// compared, so a refusal by a condition shows which value did not match.
fn trust_steps(gate: &Gate, p: &Participants) -> Vec<FlowStep> {
    let entities = entities_for(GateName::TrustPolicy, p);
    let condition_failed = gate.compared.iter().any(|c| !c.result);
    // A failing gate with no failing condition means no statement names the caller.
    let principal_ok = gate.passed || condition_failed;
    let mut steps = vec![FlowStep {
        gate: GateName::TrustPolicy,
        title: gate_title(GateName::TrustPolicy),
        passed: principal_ok,
        detail: if principal_ok {
            format!("The trust policy allows {} to call the role", p.caller_arn)
        } else {
            gate.detail.clone()
        },
        compared: Vec::new(),
        entities: entities.clone(),
        decided_by: (!principal_ok).then_some(gate.decided_by).flatten(),
    }];
    if !principal_ok {
        return steps;
    }
    for c in &gate.compared {
        let shown = c
            .actual
            .as_ref()
            .map_or("absent".to_string(), |v| v.join(", "));
        steps.push(FlowStep {
            gate: GateName::Condition,
            title: format!("Trust condition {} {}", c.operator, c.key),
            passed: c.result,
            detail: format!(
                "{} {} expects {}; the request has {shown}",
                c.operator,
                c.key,
                c.expected.join(", ")
            ),
            compared: vec![c.clone()],
            entities: entities.clone(),
            decided_by: (!c.result).then_some(gate.decided_by).flatten(),
        });
        if !c.result {
            // The first failing condition ends the flow, as the call did.
            let detail = gate.detail.clone();
            if let Some(last) = steps.last_mut() {
                last.detail = format!("{}. {detail}", last.detail);
            }
            return steps;
        }
    }
    if !gate.passed {
        // Refused although every condition we saw held: show the gate's own refusal.
        steps.push(FlowStep {
            gate: GateName::TrustPolicy,
            title: gate_title(GateName::TrustPolicy),
            passed: false,
            detail: gate.detail.clone(),
            compared: Vec::new(),
            entities,
            decided_by: gate.decided_by,
        });
    }
    steps
}

/// The steps for a gate list, ending with "Temporary credentials issued" when none refused.
pub fn steps(gates: &[Gate], p: &Participants, issued: Option<&str>) -> Vec<FlowStep> {
    let mut out = Vec::new();
    for g in gates {
        if g.name == GateName::TrustPolicy {
            out.extend(trust_steps(g, p));
        } else {
            out.push(FlowStep {
                gate: g.name,
                title: gate_title(g.name),
                passed: g.passed,
                detail: g.detail.clone(),
                compared: g.compared.clone(),
                entities: entities_for(g.name, p),
                decided_by: g.decided_by,
            });
        }
        if out.iter().any(|s| !s.passed) {
            return out;
        }
    }
    if let Some(key) = issued {
        out.push(FlowStep {
            gate: GateName::Issued,
            title: gate_title(GateName::Issued),
            passed: true,
            detail: format!("STS issued temporary credentials {key}"),
            compared: Vec::new(),
            entities: entities_for(GateName::Issued, p),
            decided_by: None,
        });
    }
    out
}

/// The flow of an AssumeRole-like call from its gates and result.
pub fn flow(
    api: &str,
    participants: Participants,
    gates: &[Gate],
    result: Result<(String, Option<serde_json::Value>), &StsError>,
) -> Flow {
    let issued = result.as_ref().ok().map(|(k, _)| k.as_str());
    let steps = steps(gates, &participants, issued);
    let outcome = match result {
        Ok((access_key_id, response)) => FlowOutcome::Issued {
            access_key_id,
            response,
        },
        Err(e) => FlowOutcome::Refused {
            code: e.code().to_string(),
            message: e.message(),
            cli_text: e.cli_text(api),
            hint: hint::hint(steps.iter().find(|s| !s.passed), e, &participants),
        },
    };
    Flow {
        api: api.to_string(),
        participants,
        steps,
        outcome,
    }
}

/// A flow replayed from a timeline entry: same steps, the error from the recorded code.
pub fn replay(
    api: &str,
    participants: Participants,
    gates: &[Gate],
    issued: Option<&str>,
    error: Option<(&str, &str)>,
) -> Flow {
    let steps = steps(gates, &participants, issued);
    let outcome = match (issued, error) {
        (_, Some((code, message))) => FlowOutcome::Refused {
            code: code.to_string(),
            message: message.to_string(),
            cli_text: format!(
                "An error occurred ({code}) when calling the {api} operation: {message}"
            ),
            hint: None,
        },
        (key, None) => FlowOutcome::Issued {
            access_key_id: key.unwrap_or_default().to_string(),
            response: None,
        },
    };
    Flow {
        api: api.to_string(),
        participants,
        steps,
        outcome,
    }
}

/// Calls `sts:AssumeRole` (recording it on the timeline) and returns the flow to play.
pub fn run_assume_role(
    world: &World,
    state: &mut StsState,
    credential: &str,
    req: &AssumeRoleRequest,
    now: SimTime,
) -> Flow {
    let p = participants(world, state, credential, &req.role_arn);
    let outcome = assume_role(world, state, credential, req, now);
    let result = match &outcome.result {
        Ok(r) => {
            let mut json = r.to_json();
            if let Some(o) = json.as_object_mut() {
                // The CLI prints Expiration with an offset; show what the terminal would.
                o.insert("Credentials".to_string(), r.credentials.to_cli_json());
            }
            Ok((r.credentials.access_key_id.to_string(), Some(json)))
        }
        Err(e) => Err(e),
    };
    flow("AssumeRole", p, &outcome.gates.0, result)
}

#[cfg(test)]
mod tests;
