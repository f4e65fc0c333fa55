//! Every policy a world stores must be one IAM would have accepted; a loaded world says which is not.

use super::org::OrgPolicyType;
use super::World;
use crate::sim::policy::finding::Severity;
use crate::sim::policy::{parse, PolicyKind};

/// A stored policy that does not parse: IAM would have refused it with
/// `MalformedPolicyDocument`, so a world holding it cannot have come from AWS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedPolicy {
    /// Who holds it: ``role `Deploy` ``, ``user `alice` ``, ``bucket arn:aws:s3:::b``.
    pub entity: String,
    /// Which policy: `trust policy`, ``inline policy `S3` ``, ``version v2``.
    pub policy: String,
    /// The parser's first error, with its line and column.
    pub message: String,
}

impl std::fmt::Display for MalformedPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MalformedPolicyDocument: the {} of {} does not parse: {}",
            self.policy, self.entity, self.message
        )
    }
}

impl World {
    /// Every stored policy that does not parse, in a stable order (users, groups, roles,
    /// managed policies, resources, organization policies). Empty for any world built
    /// through the editor or the world API's policy checks.
    pub fn malformed_policies(&self) -> Vec<MalformedPolicy> {
        let mut out = Vec::new();
        let mut check = |entity: String, policy: String, text: &str, kind: PolicyKind| {
            if let Some(message) = parse_error(text, kind) {
                out.push(MalformedPolicy {
                    entity,
                    policy,
                    message,
                });
            }
        };
        let inline = |name: &str| format!("inline policy `{name}`");
        for u in self.users.values() {
            for (name, text) in &u.inline_policies {
                let who = format!("user `{}`", u.user_name);
                check(who, inline(name), text, PolicyKind::Identity);
            }
        }
        for g in self.groups.values() {
            for (name, text) in &g.inline_policies {
                let who = format!("group `{}`", g.group_name);
                check(who, inline(name), text, PolicyKind::Identity);
            }
        }
        for r in self.roles.values() {
            let who = format!("role `{}`", r.role_name);
            check(
                who.clone(),
                "trust policy".into(),
                &r.trust_policy,
                PolicyKind::Trust,
            );
            for (name, text) in &r.inline_policies {
                check(who.clone(), inline(name), text, PolicyKind::Identity);
            }
        }
        for p in self.policies.values() {
            for v in &p.versions {
                let who = format!("managed policy {}", p.arn);
                let version = format!("version {}", v.version_id);
                check(who, version, &v.document, PolicyKind::Identity);
            }
        }
        for r in &self.resources {
            if let Some(text) = &r.policy {
                let who = format!("resource {}", r.arn);
                check(
                    who,
                    "resource-based policy".into(),
                    text,
                    PolicyKind::Resource,
                );
            }
        }
        for p in self.organization.iter().flat_map(|o| o.policies.iter()) {
            let (what, kind) = match p.policy_type {
                OrgPolicyType::ResourceControlPolicy => {
                    ("resource control policy", PolicyKind::Rcp)
                }
                OrgPolicyType::ServiceControlPolicy => ("service control policy", PolicyKind::Scp),
            };
            check(
                "the organization".to_string(),
                format!("{what} `{}`", p.name),
                &p.content,
                kind,
            );
        }
        out
    }
}

/// The parser's first error, `line L, column C: message`; `None` when IAM accepts the text.
fn parse_error(text: &str, kind: PolicyKind) -> Option<String> {
    let outcome = parse(text, kind);
    if outcome.is_valid() {
        return None;
    }
    Some(
        match outcome
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
        {
            Some(f) => format!("line {}, column {}: {}", f.line, f.column, f.message),
            None => "the document is not a policy".to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_world_has_no_malformed_policy() {
        assert_eq!(World::sample().malformed_policies(), Vec::new());
    }
}
