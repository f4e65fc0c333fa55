//! A curated catalogue of AWS managed policies with their documents as the console shows them.
//!
//! Source: "AWS managed policy reference" (<https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference.html>).
//! Documents are exact copies of the version named in `version_id`, except the ones whose
//! `abbreviated` flag is set: those real documents list hundreds of actions, and the copy here
//! keeps their shape and a faithful sample of their actions.

mod catalogue;

/// An AWS managed policy: `arn:aws:iam::aws:policy/PATH/NAME`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwsManagedPolicy {
    /// Policy name, e.g. `AdministratorAccess`.
    pub name: &'static str,
    /// Path: `/`, `/job-function/`, `/service-role/`.
    pub path: &'static str,
    /// Full ARN.
    pub arn: &'static str,
    /// The console's description.
    pub description: &'static str,
    /// The version copied here, e.g. `v1`.
    pub version_id: &'static str,
    /// True when the document is a shortened copy (see the module note).
    pub abbreviated: bool,
    /// JSON text.
    pub document: &'static str,
}

/// Every policy in the catalogue, in the order a picker should show them.
pub fn catalogue() -> &'static [AwsManagedPolicy] {
    catalogue::POLICIES
}

/// The catalogue entry for an ARN.
pub fn by_arn(arn: &str) -> Option<&'static AwsManagedPolicy> {
    catalogue::POLICIES.iter().find(|p| p.arn == arn)
}

/// The catalogue entry for a policy name (names of AWS managed policies are unique).
pub fn by_name(name: &str) -> Option<&'static AwsManagedPolicy> {
    catalogue::POLICIES.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::arn::Arn;

    #[test]
    fn every_document_is_json_with_version_and_statements() {
        for p in catalogue() {
            let v: serde_json::Value = serde_json::from_str(p.document)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", p.name));
            assert_eq!(v["Version"], "2012-10-17", "{}", p.name);
            assert!(
                v["Statement"].as_array().is_some_and(|s| !s.is_empty()),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn names_and_arns_are_unique() {
        let names: std::collections::BTreeSet<&str> = catalogue().iter().map(|p| p.name).collect();
        let arns: std::collections::BTreeSet<&str> = catalogue().iter().map(|p| p.arn).collect();
        assert_eq!(names.len(), catalogue().len());
        assert_eq!(arns.len(), catalogue().len());
    }

    #[test]
    fn arn_is_built_from_path_and_name() {
        for p in catalogue() {
            assert_eq!(Arn::aws_managed_policy(p.path, p.name).to_string(), p.arn);
        }
    }

    #[test]
    fn only_the_huge_policies_are_abbreviated() {
        let abbreviated: Vec<&str> = catalogue()
            .iter()
            .filter(|p| p.abbreviated)
            .map(|p| p.name)
            .collect();
        assert_eq!(
            abbreviated,
            [
                "ReadOnlyAccess",
                "ViewOnlyAccess",
                "SecurityAudit",
                "AmazonDynamoDBReadOnlyAccess"
            ]
        );
        assert_eq!(
            by_name("ViewOnlyAccess").unwrap().arn,
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
        );
    }

    #[test]
    fn power_user_access_excludes_iam_with_not_action() {
        let doc: serde_json::Value =
            serde_json::from_str(by_name("PowerUserAccess").unwrap().document).unwrap();
        assert_eq!(doc["Statement"][0]["NotAction"][0], "iam:*");
    }

    #[test]
    fn lambda_basic_execution_role_lives_under_service_role_path() {
        let p = by_name("AWSLambdaBasicExecutionRole").unwrap();
        assert_eq!(
            p.arn,
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        );
        assert!(by_arn("arn:aws:iam::aws:policy/AdministratorAccess").is_some());
    }
}
