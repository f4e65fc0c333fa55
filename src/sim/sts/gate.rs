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
    /// Which check (saved as `credentials`, `trust_policy`, ...).
    pub name: GateName,
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

/// The checks a call can pass through, and the two steps only a played flow shows (a trust
/// policy's condition, the credentials issued). Serialised as the snake_case names saved
/// documents, share links and `iam-eval` have always carried (`trust_policy`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateName {
    /// The caller's credentials are known, active and unexpired.
    Credentials,
    /// The request's parameters are well formed.
    Parameters,
    /// The caller is not an account's root user.
    RootCaller,
    /// The role exists.
    RoleExists,
    /// The MFA code is the device's current one.
    Mfa,
    /// The caller's identity-based policies allow `sts:AssumeRole` on the role.
    IdentityPolicy,
    /// The role's trust policy names the caller.
    TrustPolicy,
    /// One condition of the trust policy (a played flow's step).
    Condition,
    /// The caller's policies allow `sts:TagSession`.
    IdentityTagSession,
    /// The trust policy allows `sts:TagSession`.
    TagSession,
    /// The session tags are valid.
    SessionTags,
    /// The source identity is valid.
    SourceIdentity,
    /// The caller's policies allow `sts:SetSourceIdentity`.
    IdentitySetSourceIdentity,
    /// The trust policy allows `sts:SetSourceIdentity`.
    SetSourceIdentity,
    /// The session duration is within the role's limits.
    Duration,
    /// The session policies fit the packed size.
    PackedPolicySize,
    /// The call needs long-term credentials (GetSessionToken, GetFederationToken).
    LongTermCredentials,
    /// The call needs no permission (GetCallerIdentity).
    NoPolicyNeeded,
    /// The web identity token is valid and unexpired.
    WebIdentityToken,
    /// The SAML assertion is valid.
    SamlAssertion,
    /// The token's issuer is a registered identity provider.
    IdentityProvider,
    /// A service call's policy evaluation.
    Authorization,
    /// Temporary credentials were issued (a played flow's last step).
    Issued,
}

/// What a gate is called: its saved name, its short label and the plain-words title a played
/// flow shows.
struct Names {
    key: &'static str,
    label: &'static str,
    title: &'static str,
}

const fn names(key: &'static str, label: &'static str, title: &'static str) -> Names {
    Names { key, label, title }
}

impl GateName {
    /// Every gate, in the order AWS checks an AssumeRole call (then the other calls' own).
    pub const ALL: [GateName; 23] = [
        GateName::Credentials,
        GateName::Parameters,
        GateName::RootCaller,
        GateName::RoleExists,
        GateName::Mfa,
        GateName::IdentityPolicy,
        GateName::TrustPolicy,
        GateName::Condition,
        GateName::IdentityTagSession,
        GateName::TagSession,
        GateName::SessionTags,
        GateName::SourceIdentity,
        GateName::IdentitySetSourceIdentity,
        GateName::SetSourceIdentity,
        GateName::Duration,
        GateName::PackedPolicySize,
        GateName::LongTermCredentials,
        GateName::NoPolicyNeeded,
        GateName::WebIdentityToken,
        GateName::SamlAssertion,
        GateName::IdentityProvider,
        GateName::Authorization,
        GateName::Issued,
    ];

    /// The one table of gate names: every gate has all three, no fallback.
    fn names(self) -> Names {
        use GateName as G;
        match self {
            G::Credentials => names(
                "credentials",
                "Credentials",
                "Caller's credentials are valid",
            ),
            G::Parameters => names(
                "parameters",
                "Request parameters",
                "Request parameters are well formed",
            ),
            G::RootCaller => names(
                "root_caller",
                "Not the root user",
                "Caller is not the root user",
            ),
            G::RoleExists => names("role_exists", "Role exists", "The role exists"),
            G::Mfa => names("mfa", "MFA code", "MFA code is the device's current code"),
            G::IdentityPolicy => names(
                "identity_policy",
                "Caller's identity-based policies",
                "Caller's policies allow sts:AssumeRole on the role",
            ),
            G::TrustPolicy => names(
                "trust_policy",
                "Role's trust policy",
                "Trust policy names the caller",
            ),
            G::Condition => names(
                "condition",
                "Trust policy condition",
                "Trust policy condition holds",
            ),
            G::IdentityTagSession => names(
                "identity_tag_session",
                "Caller's policies allow sts:TagSession",
                "Caller's policies allow sts:TagSession for session tags",
            ),
            G::TagSession => names(
                "tag_session",
                "Trust policy allows sts:TagSession",
                "Trust policy allows sts:TagSession for session tags",
            ),
            G::SessionTags => names("session_tags", "Session tags", "Session tags are valid"),
            G::SourceIdentity => names(
                "source_identity",
                "Source identity",
                "Source identity is valid",
            ),
            G::IdentitySetSourceIdentity => names(
                "identity_set_source_identity",
                "Caller's policies allow sts:SetSourceIdentity",
                "Caller's policies allow sts:SetSourceIdentity",
            ),
            G::SetSourceIdentity => names(
                "set_source_identity",
                "Trust policy allows sts:SetSourceIdentity",
                "Trust policy allows sts:SetSourceIdentity",
            ),
            G::Duration => names(
                "duration",
                "Session duration",
                "Duration is within the role's limits",
            ),
            G::PackedPolicySize => names(
                "packed_policy_size",
                "Session policies and packed size",
                "Session policy fits the packed size",
            ),
            G::LongTermCredentials => names(
                "long_term_credentials",
                "Long-term credentials",
                "Caller signs in with long-term credentials",
            ),
            G::NoPolicyNeeded => names(
                "no_policy_needed",
                "No permission needed",
                "The call needs no permission",
            ),
            G::WebIdentityToken => names(
                "web_identity_token",
                "Web identity token",
                "The identity token is valid and unexpired",
            ),
            G::SamlAssertion => names(
                "saml_assertion",
                "SAML assertion",
                "The SAML assertion is valid and unexpired",
            ),
            G::IdentityProvider => names(
                "identity_provider",
                "Identity provider",
                "The token's issuer is a registered OIDC provider with this audience",
            ),
            G::Authorization => names(
                "authorization",
                "Policy evaluation",
                "Policies allow the call",
            ),
            G::Issued => names(
                "issued",
                "Credentials issued",
                "Temporary credentials issued",
            ),
        }
    }

    /// The saved name (`trust_policy`), as in JSON.
    pub fn as_str(self) -> &'static str {
        self.names().key
    }

    /// The short label the timeline shows (`Role's trust policy`).
    pub fn label(self) -> &'static str {
        self.names().label
    }

    /// The plain-words title of a played flow's step (`Trust policy names the caller`).
    pub fn title(self) -> &'static str {
        self.names().title
    }
}

impl std::fmt::Display for GateName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for GateName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A gate list being built.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gates(pub Vec<Gate>);

impl Gates {
    /// Records a passed gate.
    pub fn pass(&mut self, name: GateName, detail: impl Into<String>) {
        self.push(name, true, detail.into(), Vec::new());
    }

    /// Records a refusing gate.
    pub fn fail(&mut self, name: GateName, detail: impl Into<String>) {
        self.push(name, false, detail.into(), Vec::new());
    }

    /// Records a gate with comparisons.
    pub fn push(
        &mut self,
        name: GateName,
        passed: bool,
        detail: String,
        compared: Vec<Comparison>,
    ) {
        self.0.push(Gate {
            name,
            title: name.label().to_string(),
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
        name: GateName,
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
