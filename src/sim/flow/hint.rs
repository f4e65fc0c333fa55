//! What to change so a refused call works: one sentence, and the exact JSON or flag to add.

use super::{FlowStep, Participants};
use crate::sim::sts::{GateName, StsError};
use serde::{Deserialize, Serialize};

/// A fix for a refused call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hint {
    /// What to do, in plain words.
    pub text: String,
    /// The exact text to add (a policy statement, a CLI flag), when there is one.
    pub snippet: Option<String>,
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// The hint for the failing step (`None` when there is nothing specific to say).
pub fn hint(step: Option<&FlowStep>, e: &StsError, p: &Participants) -> Option<Hint> {
    let step = step?;
    let plain = |text: String| {
        Some(Hint {
            text,
            snippet: None,
        })
    };
    use GateName as G;
    match step.gate {
        G::Credentials => match e {
            StsError::ExpiredToken => plain(
                "These temporary credentials have expired and cannot be renewed: get new ones \
                 by assuming the role again with credentials that still work."
                    .to_string(),
            ),
            _ => plain(
                "This access key is inactive or deleted: use an active access key.".to_string(),
            ),
        },
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html
        G::RootCaller => plain(
            "The root user cannot assume roles: call AssumeRole as an IAM user with an access \
             key, or from another role's session."
                .to_string(),
        ),
        G::IdentityPolicy => Some(Hint {
            text: format!(
                "Allow sts:AssumeRole on {} in {}'s policies:",
                p.role_arn, p.caller_name
            ),
            snippet: Some(pretty(&serde_json::json!({
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": p.role_arn,
            }))),
        }),
        G::TrustPolicy => Some(Hint {
            text: "Add this statement to the trust policy:".to_string(),
            snippet: Some(pretty(&serde_json::json!({
                "Effect": "Allow",
                "Principal": { "AWS": p.caller_role_arn.as_ref().unwrap_or(&p.caller_arn) },
                "Action": "sts:AssumeRole",
            }))),
        }),
        G::Condition => condition_hint(step),
        G::Duration => duration_hint(step, e),
        G::Mfa => plain(
            "Type the code the MFA device shows now (it changes every 30 seconds), with the \
             device's ARN as the serial number."
                .to_string(),
        ),
        G::Parameters | G::SessionTags | G::SourceIdentity | G::PackedPolicySize => {
            plain(format!("Fix the request: {}", e.message()))
        }
        G::IdentityTagSession | G::IdentitySetSourceIdentity => plain(format!(
            "Allow {} on this role in {}'s identity-based policies.",
            if step.gate == G::IdentityTagSession {
                "sts:TagSession"
            } else {
                "sts:SetSourceIdentity"
            },
            p.caller_name
        )),
        G::TagSession | G::SetSourceIdentity => Some(Hint {
            text: format!(
                "Add {} to the actions the trust policy allows {}:",
                if step.gate == G::TagSession {
                    "sts:TagSession"
                } else {
                    "sts:SetSourceIdentity"
                },
                p.caller_name
            ),
            snippet: None,
        }),
        _ => None,
    }
}

fn condition_hint(step: &FlowStep) -> Option<Hint> {
    let c = step.compared.iter().find(|c| !c.result)?;
    let expected = c.expected.first().cloned().unwrap_or_default();
    let (text, snippet) = match c.key.as_str() {
        "sts:ExternalId" => (
            format!(
                "The trust policy requires the external ID `{expected}`: pass it with the call."
            ),
            Some(format!("--external-id {expected}")),
        ),
        "aws:MultiFactorAuthPresent" | "aws:MultiFactorAuthAge" => (
            "The trust policy requires MFA: pass your MFA device's serial number and its current \
             code."
                .to_string(),
            Some("--serial-number MFA_DEVICE_ARN --token-code 123456".to_string()),
        ),
        _ => (
            format!(
                "The condition {} on {} expects {}; send a matching value or change the condition.",
                c.operator,
                c.key,
                c.expected.join(", ")
            ),
            None,
        ),
    };
    Some(Hint { text, snippet })
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
/// and, for GetSessionToken's credentials, https://repost.aws/knowledge-center/iam-role-chaining-limit
fn duration_hint(step: &FlowStep, e: &StsError) -> Option<Hint> {
    let cap = step
        .compared
        .first()
        .and_then(|c| c.expected.first())
        .cloned()
        .unwrap_or_else(|| "3600".to_string());
    let chained = e.message().contains("role chaining");
    let text = if chained {
        format!(
            "Role chaining limits a session to one hour (so does assuming a role with \
             GetSessionToken's credentials): lower the duration to at most {cap} seconds."
        )
    } else {
        format!(
            "Lower the duration to at most {cap} seconds, or raise the role's maximum session \
             duration (up to 43200)."
        )
    };
    Some(Hint {
        text,
        snippet: Some(format!("--duration-seconds {cap}")),
    })
}
