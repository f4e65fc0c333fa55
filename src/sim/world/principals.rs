//! IAM principals named in trust and resource policies: they must exist when the policy is
//! saved, and the reference follows the entity (rename, move) or breaks when it is deleted.
//!
//! AWS stores a user or role ARN in a `Principal` as the entity's unique id and shows it back
//! as the current ARN; once the entity is deleted the policy shows the bare unique id, and a
//! new entity with the same name is NOT trusted (here the ARN text stays after a delete)
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles>).
//! Saving a policy that names a user or role that does not exist fails with
//! `MalformedPolicyDocument: Invalid principal in policy: "AWS":"arn:..."`
//! (<https://repost.aws/knowledge-center/iam-trust-policy-error>).

use super::{World, WorldError};
use crate::sim::arn::Arn;
use crate::sim::policy::{parse, PolicyKind, PrincipalType, PrincipalValue};

/// The strings under `Principal.AWS` in every statement of a policy of `policy` kind (a trust
/// or a resource policy).
pub fn aws_principals(text: &str, policy: PolicyKind) -> Vec<String> {
    principals_of_type(text, policy, PrincipalType::Aws)
}

/// The ids under `Principal.<kind>` (`AWS`, `Federated`, `Service`) in every statement, read
/// by the one policy reader (`sim::policy`); text it cannot read names no one.
pub fn principals_of_type(text: &str, policy: PolicyKind, kind: PrincipalType) -> Vec<String> {
    let Some(policy) = parse(text, policy).policy else {
        return Vec::new();
    };
    policy
        .statements
        .iter()
        .filter_map(|s| s.principal.as_ref().filter(|p| !p.negated))
        .filter_map(|p| match &p.value {
            PrincipalValue::Map(entries) => Some(entries),
            PrincipalValue::Any => None,
        })
        .flatten()
        .filter(|(t, _)| *t == kind)
        .flat_map(|(_, ids)| ids.items.iter().cloned())
        .collect()
}

impl World {
    /// Refuses a trust or resource policy naming an IAM user or role, in an account of this
    /// world, that does not exist. Accounts outside the world are taken to exist elsewhere.
    pub(crate) fn check_principals_exist(
        &self,
        text: &str,
        policy: PolicyKind,
    ) -> Result<(), WorldError> {
        for principal in aws_principals(text, policy) {
            let Ok(arn) = Arn::parse(&principal) else {
                continue;
            };
            let in_world =
                arn.service == "iam" && self.accounts.keys().any(|a| a.as_str() == arn.account);
            let missing = in_world
                && match arn.resource_type() {
                    "user" => self.user_by_arn(&principal).is_none(),
                    "role" => self.role_by_arn(&principal).is_none(),
                    _ => false,
                };
            if missing {
                return Err(WorldError::MalformedPolicyDocument {
                    message: format!("Invalid principal in policy: \"AWS\":\"{principal}\""),
                });
            }
        }
        // An identity provider of a world account must be registered before a trust policy
        // can name it.
        for principal in principals_of_type(text, policy, PrincipalType::Federated) {
            let Ok(arn) = Arn::parse(&principal) else {
                continue;
            };
            let in_world =
                arn.service == "iam" && self.accounts.keys().any(|a| a.as_str() == arn.account);
            if in_world && !self.identity_providers.iter().any(|p| p.arn() == principal) {
                return Err(WorldError::MalformedPolicyDocument {
                    message: format!("Invalid principal in policy: \"Federated\":\"{principal}\""),
                });
            }
        }
        Ok(())
    }

    /// Rewrites every trust and resource policy that names `old` as a principal so that it names
    /// `new` instead. Renames and moves call it with the new ARN. After a delete AWS would show
    /// the entity's unique id (`rewrite_principal(arn, "AIDA...")`); the delete operations leave
    /// the ARN text in place so the document can mark the reference dangling.
    pub fn rewrite_principal(&mut self, old: &str, new: &str) {
        let quoted_old = format!("\"{old}\"");
        let quoted_new = format!("\"{new}\"");
        let names_old = |text: &str, policy| aws_principals(text, policy).iter().any(|p| p == old);
        for role in self.roles.values_mut() {
            if names_old(&role.trust_policy, PolicyKind::Trust) {
                role.trust_policy = role.trust_policy.replace(&quoted_old, &quoted_new);
            }
        }
        for resource in &mut self.resources {
            if let Some(policy) = resource.policy.as_mut() {
                if names_old(policy, PolicyKind::Resource) {
                    *policy = policy.replace(&quoted_old, &quoted_new);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principals_are_read_from_strings_arrays_and_single_statements() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Principal":{"AWS":"a"},"Action":"sts:AssumeRole"},
            {"Effect":"Allow","Principal":{"AWS":["b","c"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
            {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}]}"#;
        assert_eq!(aws_principals(text, PolicyKind::Trust), ["a", "b", "c"]);
        assert_eq!(
            principals_of_type(text, PolicyKind::Trust, PrincipalType::Service),
            ["ec2.amazonaws.com"]
        );
        assert_eq!(
            aws_principals(
                r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"d"},"Action":"sts:AssumeRole"}}"#,
                PolicyKind::Trust
            ),
            ["d"]
        );
        assert!(aws_principals("not json", PolicyKind::Trust).is_empty());
    }

    #[test]
    fn a_not_principal_names_no_one_who_must_exist() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"e"},"Action":"s3:*","Resource":"*"}}"#;
        assert!(aws_principals(text, PolicyKind::Resource).is_empty());
    }
}
