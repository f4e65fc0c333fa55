//! The words the side list and the badges use: conditions, sessions, the statements that
//! allow a hop, escalation findings, and the action "Who can reach this" starts with.

use super::nodes::arn_label;
use super::EscalationView;
use crate::doc::document::Document;
use crate::doc::scene::{ResourceKind, Scene};
use crate::sim::eval::message::type_words;
use crate::sim::reach::{Escalation, Hop, HopCondition, HopReason, Side};

/// The short badge of a condition key: "MFA", "ExternalId", "SourceIp", the claim a
/// provider's key tests (`sub`), or the key without its `aws:` prefix.
pub fn condition_badge(key: &str) -> String {
    let short = crate::doc::trust::condition_badge(key);
    match short.strip_prefix("aws:") {
        Some(rest) => rest.to_string(),
        None => short,
    }
}

/// The badges of a hop's conditions, each once.
pub fn badges(conditions: &[HopCondition]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in conditions {
        let b = condition_badge(&c.key);
        if !out.contains(&b) {
            out.push(b);
        }
    }
    out
}

fn side_words(side: Side) -> &'static str {
    match side {
        Side::Trust => "trust policy",
        Side::Identity => "identity-based policy",
        Side::Boundary => "permissions boundary",
        Side::Scp => "service control policy",
        Side::Rcp => "resource control policy",
    }
}

/// One condition in words: "trust policy: StringEquals sts:ExternalId `Example-1`".
pub fn condition_words(c: &HopCondition) -> String {
    format!(
        "{}: {} {} `{}`",
        side_words(c.side),
        c.operator,
        c.key,
        c.values.join("` or `")
    )
}

/// How long the hop's credentials can last, and why when chaining caps them.
pub fn session_words(hop: &Hop) -> String {
    let s = u64::from(hop.max_session_seconds);
    let (h, m) = (s / 3600, (s % 3600) / 60);
    let length = match (h, m) {
        (0, m) => format!("{m} minutes"),
        (1, 0) => "1 hour".to_string(),
        (h, 0) => format!("{h} hours"),
        (h, m) => format!("{h} h {m} min"),
    };
    let chained = hop.from.contains(":assumed-role/") || hop.from.contains(":role/");
    if chained && hop.via == "sts:AssumeRole" && s <= 3600 {
        format!("sessions up to {length} (role chaining caps them at 1 hour)")
    } else {
        format!("sessions up to {length}")
    }
}

/// The statements that allow a hop, in the simulator's words; a hop the caller's own
/// policies need not allow (a trust policy naming the caller in its own account) says so.
pub fn reasons(hop: &Hop, found: &[HopReason]) -> Vec<String> {
    let mut out: Vec<String> = found.iter().map(hop_reason_words).collect();
    let caller_side = found.iter().any(|r| r.side != Side::Trust);
    if !caller_side && hop.via == "sts:AssumeRole" {
        out.insert(
            0,
            "No identity-based policy needed: the role's trust policy names the caller".to_string(),
        );
    }
    out
}

/// "Allowed by `AssumeTarget` (identity-based policy), statement 1 (Sid X), for sts:AssumeRole".
pub fn hop_reason_words(r: &HopReason) -> String {
    let sid = r
        .sid
        .as_ref()
        .map(|s| format!(" (Sid {s})"))
        .unwrap_or_default();
    let statement = r.statement.saturating_add(1);
    match r.side {
        Side::Trust => format!(
            "The role's trust policy allows {}: `{}`, statement {statement}{sid}",
            r.action, r.policy
        ),
        _ => format!(
            "Allowed by `{}` ({}), statement {statement}{sid}, for {}",
            r.policy,
            type_words(r.policy_type),
            r.action
        ),
    }
}

/// An escalation finding in our words, with its catalogue link.
pub fn escalation(doc: &Document, scene: &Scene, e: &Escalation) -> EscalationView {
    let who = arn_label(doc, scene, &e.principal);
    let gains = arn_label(doc, scene, &e.gains);
    let via = e.via.join(" then ");
    let text = if e.gains == e.principal {
        format!("{who} can give itself any permission with {via}")
    } else {
        format!("{who} can take the permissions of {gains} with {via}")
    };
    EscalationView {
        id: e.id.clone(),
        url: e
            .id
            .as_ref()
            .map(|id| format!("https://pathfinding.cloud/paths/{id}")),
        text,
    }
}

/// Whether an S3 action acts on objects (so "Who can reach this" asks about the bucket's
/// objects, `arn:aws:s3:::bucket/*`).
pub fn is_object_action(action: &str) -> bool {
    let a = action.to_ascii_lowercase();
    a.starts_with("s3:") && a.contains("object")
}

/// The action "Who can reach this" starts with for a resource: what people most often ask
/// of it (reading a bucket's objects, decrypting with a key, ...).
pub fn default_action(kind: Option<ResourceKind>) -> &'static str {
    match kind {
        None => "sts:AssumeRole",
        Some(ResourceKind::S3Bucket) => "s3:GetObject",
        Some(ResourceKind::KmsKey) => "kms:Decrypt",
        Some(ResourceKind::SqsQueue) => "sqs:SendMessage",
        Some(ResourceKind::Secret) => "secretsmanager:GetSecretValue",
        Some(ResourceKind::SnsTopic) => "sns:Publish",
    }
}
