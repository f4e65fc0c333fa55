//! The ordered checks a call passes through, as data the UI animates one by one.

use crate::sim::eval::{Decision, PolicyType};
use serde::{Deserialize, Serialize};

/// One value comparison a gate made (a condition key, a duration, a code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// What was compared: `sts:ExternalId`, `DurationSeconds`, `TokenCode`...
    pub key: String,
    /// The operator or rule (`StringEquals`, `<=`, `matches`).
    pub operator: String,
    /// What the policy or rule expects.
    pub expected: Vec<String>,
    /// What the request had; `None` when absent.
    pub actual: Option<Vec<String>>,
    /// Whether this comparison held.
    pub result: bool,
}

/// One check, in the order AWS makes them. A refused call's gate list ends at the first
/// gate with `passed == false`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    /// Stable identifier: `credentials`, `parameters`, `root_caller`, `mfa`, `identity_policy`,
    /// `trust_policy`, `identity_tag_session`, `tag_session` (the trust side),
    /// `source_identity`, `duration`, `packed_policy_size`...
    pub name: String,
    /// What the UI labels it with: `Credentials`, `Trust policy`...
    pub title: String,
    /// Whether the call got through.
    pub passed: bool,
    /// Plain words for the learner.
    pub detail: String,
    /// The values compared, if any.
    pub compared: Vec<Comparison>,
    /// For a gate that refused after evaluating policies: the evaluator's decision
    /// (`ExplicitlyDenied` / `ImplicitlyDenied`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// With `decision`: the policy type that decided (`identity`, `resource`, `scp`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<PolicyType>,
}

/// The label for a gate name.
pub fn title(name: &str) -> &'static str {
    match name {
        "credentials" => "Credentials",
        "parameters" => "Request parameters",
        "root_caller" => "Not the root user",
        "role_exists" => "Role exists",
        "mfa" => "MFA code",
        "identity_policy" => "Caller's identity-based policies",
        "trust_policy" => "Role's trust policy",
        "identity_tag_session" => "Caller's policies allow sts:TagSession",
        "tag_session" => "Trust policy allows sts:TagSession",
        "session_tags" => "Session tags",
        "source_identity" => "Source identity",
        "identity_set_source_identity" => "Caller's policies allow sts:SetSourceIdentity",
        "set_source_identity" => "Trust policy allows sts:SetSourceIdentity",
        "duration" => "Session duration",
        "packed_policy_size" => "Session policies and packed size",
        "long_term_credentials" => "Long-term credentials",
        "no_policy_needed" => "No permission needed",
        "web_identity_token" => "Web identity token",
        "saml_assertion" => "SAML assertion",
        "identity_provider" => "Identity provider",
        "authorization" => "Policy evaluation",
        _ => "Check",
    }
}

/// A gate list being built.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gates(pub Vec<Gate>);

impl Gates {
    /// Records a passed gate.
    pub fn pass(&mut self, name: &str, detail: impl Into<String>) {
        self.push(name, true, detail.into(), Vec::new());
    }

    /// Records a refusing gate.
    pub fn fail(&mut self, name: &str, detail: impl Into<String>) {
        self.push(name, false, detail.into(), Vec::new());
    }

    /// Records a gate with comparisons.
    pub fn push(&mut self, name: &str, passed: bool, detail: String, compared: Vec<Comparison>) {
        self.0.push(Gate {
            name: name.to_string(),
            title: title(name).to_string(),
            passed,
            detail,
            compared,
            decision: None,
            decided_by: None,
        });
    }

    /// Records a gate that refused after evaluating policies, with the evaluator's verdict.
    pub fn refuse(
        &mut self,
        name: &str,
        detail: String,
        compared: Vec<Comparison>,
        verdict: (Decision, PolicyType),
    ) {
        self.push(name, false, detail, compared);
        if let Some(g) = self.0.last_mut() {
            g.decision = Some(verdict.0);
            g.decided_by = Some(verdict.1);
        }
    }

    /// The first refusing gate, if any.
    pub fn failed(&self) -> Option<&Gate> {
        self.0.iter().find(|g| !g.passed)
    }
}
