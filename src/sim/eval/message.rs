//! AWS's AccessDenied message texts.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html>

use super::PolicyType;

/// "a service control policy", "an identity-based policy", ...
fn with_article(t: PolicyType) -> &'static str {
    match t {
        PolicyType::Scp => "a service control policy",
        PolicyType::Rcp => "a resource control policy",
        PolicyType::Resource => "a resource-based policy",
        PolicyType::Identity => "an identity-based policy",
        PolicyType::PermissionsBoundary => "a permissions boundary",
        PolicyType::Session => "a session policy",
    }
}

/// "service control policy", "identity-based policy", ...
pub fn type_words(t: PolicyType) -> &'static str {
    match t {
        PolicyType::Scp => "service control policy",
        PolicyType::Rcp => "resource control policy",
        PolicyType::Resource => "resource-based policy",
        PolicyType::Identity => "identity-based policy",
        PolicyType::PermissionsBoundary => "permissions boundary",
        PolicyType::Session => "session policy",
    }
}

/// `User: ARN is not authorized to perform: ACTION[ on resource: ARN]`.
fn head(caller_arn: &str, action: &str, resource: &str) -> String {
    let on = if resource.is_empty() || resource == "*" {
        String::new()
    } else {
        format!(" on resource: {resource}")
    };
    format!("User: {caller_arn} is not authorized to perform: {action}{on}")
}

/// `... with an explicit deny in an identity-based policy[: POLICY-ARN]`.
pub fn explicit_deny(
    caller_arn: &str,
    action: &str,
    resource: &str,
    t: PolicyType,
    policy_name: &str,
) -> String {
    // AWS appends the policy's ARN when it has one (managed policies, SCPs).
    let arn = if policy_name.starts_with("arn:") {
        format!(": {policy_name}")
    } else {
        String::new()
    };
    format!(
        "{} with an explicit deny in {}{arn}",
        head(caller_arn, action, resource),
        with_article(t)
    )
}

/// `... because no identity-based policy allows the ACTION action`.
pub fn implicit_deny(caller_arn: &str, action: &str, resource: &str, t: PolicyType) -> String {
    format!(
        "{} because no {} allows the {action} action",
        head(caller_arn, action, resource),
        type_words(t)
    )
}

/// `User: ARN is not authorized to perform: ACTION because no role trust policy allows the
/// ACTION action`: a role's trust policy did not allow. The User Guide's role trust policy
/// examples ("Troubleshoot access denied error messages") carry no `on resource:` part, so
/// neither does this.
pub fn trust_implicit_deny(caller_arn: &str, action: &str) -> String {
    format!(
        "{} because no role trust policy allows the {action} action",
        head(caller_arn, action, "")
    )
}

/// `User: ARN is not authorized to perform: ACTION with an explicit deny in the role trust
/// policy` (the same page's explicit-denial example).
pub fn trust_explicit_deny(caller_arn: &str, action: &str) -> String {
    format!(
        "{} with an explicit deny in the role trust policy",
        head(caller_arn, action, "")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_trust_policy_texts_match_aws_troubleshoot_access_denied_page() {
        // "Troubleshoot access denied error messages": access denied due to role trust
        // policies, implicit and explicit denial.
        assert_eq!(
            trust_implicit_deny("arn:aws:iam::123456789012:user/John", "sts:AssumeRole"),
            "User: arn:aws:iam::123456789012:user/John is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action"
        );
        assert_eq!(
            trust_explicit_deny("arn:aws:iam::777788889999:user/John", "sts:AssumeRole"),
            "User: arn:aws:iam::777788889999:user/John is not authorized to perform: sts:AssumeRole with an explicit deny in the role trust policy"
        );
    }

    #[test]
    fn implicit_deny_text_matches_aws() {
        // Example from "Troubleshoot access denied error messages".
        assert_eq!(
            implicit_deny("arn:aws:iam::123456789012:user/MaryMajor", "codecommit:ListRepositories", "", PolicyType::Identity),
            "User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action"
        );
    }

    #[test]
    fn explicit_deny_text_matches_aws() {
        assert_eq!(
            explicit_deny("arn:aws:iam::777788889999:user/MaryMajor", "codecommit:ListRepositories", "", PolicyType::Scp, "FullDeny"),
            "User: arn:aws:iam::777788889999:user/MaryMajor is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy"
        );
        // The policy ARN is appended when known, as in the authorization-ID page example.
        assert_eq!(
            explicit_deny("arn:aws:iam::123456789012:user/janedoe", "iam:CreateInstanceProfile", "arn:aws:iam::123456789012:instance-profile/my-instance-profile", PolicyType::Identity, "arn:aws:iam::123456789012:policy/ExampleDenyPolicy"),
            "User: arn:aws:iam::123456789012:user/janedoe is not authorized to perform: iam:CreateInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/my-instance-profile with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/ExampleDenyPolicy"
        );
    }
}
