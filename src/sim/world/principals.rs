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

use serde_json::Value;

use super::{World, WorldError};
use crate::sim::arn::Arn;

/// The strings under `Principal.AWS` in every statement (a string or an array of strings).
pub fn aws_principals(text: &str) -> Vec<String> {
    principals_of_type(text, "AWS")
}

/// The strings under `Principal.<kind>` (`AWS`, `Federated`, `Service`) in every statement.
pub fn principals_of_type(text: &str, kind: &str) -> Vec<String> {
    let Ok(doc) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let statements: Vec<&Value> = match doc.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for statement in statements {
        match statement.get("Principal").and_then(|p| p.get(kind)) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(items)) => {
                out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)));
            }
            _ => {}
        }
    }
    out
}

impl World {
    /// Refuses a trust or resource policy naming an IAM user or role, in an account of this
    /// world, that does not exist. Accounts outside the world are taken to exist elsewhere.
    pub(crate) fn check_principals_exist(&self, text: &str) -> Result<(), WorldError> {
        for principal in aws_principals(text) {
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
        for principal in principals_of_type(text, "Federated") {
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
        let names_old = |text: &str| aws_principals(text).iter().any(|p| p == old);
        for role in self.roles.values_mut() {
            if names_old(&role.trust_policy) {
                role.trust_policy = role.trust_policy.replace(&quoted_old, &quoted_new);
            }
        }
        for resource in &mut self.resources {
            if let Some(policy) = resource.policy.as_mut() {
                if names_old(policy) {
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
        let text = r#"{"Statement":[{"Principal":{"AWS":"a"}},{"Principal":{"AWS":["b","c"],"Service":"ec2.amazonaws.com"}},{"Principal":"*"}]}"#;
        assert_eq!(aws_principals(text), ["a", "b", "c"]);
        assert_eq!(
            aws_principals(r#"{"Statement":{"Principal":{"AWS":"d"}}}"#),
            ["d"]
        );
        assert!(aws_principals("not json").is_empty());
    }
}
