//! Which edges may be drawn between which kinds, and why not when they may not.

use crate::doc::scene::{with_article, with_article_capitalized, EdgeKind, NodeKind};

/// The reason a group cannot be trusted or granted access in a resource policy.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>:
/// "You cannot identify a user group as a principal in a policy (such as a resource-based
/// policy) because groups relate to permissions, not authentication".
pub const GROUP_NOT_A_PRINCIPAL: &str = "A group is not a principal: IAM groups cannot be named in a Principal element; trust the users or the account instead. (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)";

/// What an edge from `from` to `to` would mean, or why it cannot be drawn. Used both by the
/// Connecting tool (to show the preview as valid or not) and by `Connect` itself.
pub fn edge_kind_for(from: NodeKind, to: NodeKind) -> Result<EdgeKind, String> {
    use NodeKind::*;
    match (from, to) {
        (Cluster(_), _) | (_, Cluster(_)) => {
            Err("Expand the cluster first: its members connect one by one.".to_string())
        }
        (User, Group) => Ok(EdgeKind::MemberOf),
        (Group, Role) | (Group, Resource(_)) => Err(GROUP_NOT_A_PRINCIPAL.to_string()),
        (Group, Group) => Err("Groups cannot contain other groups: an IAM group holds only users.".to_string()),
        (Role, Group) => Err("Only IAM users can be members of a group; a role cannot join one.".to_string()),
        (User | Role | Account | IdentityProvider(_), Role) => Ok(EdgeKind::Trusts),
        (Service(_), Role) => Ok(EdgeKind::RunsAs),
        (User | Role | Account, Resource(_)) => Ok(EdgeKind::ResourceAccess),
        (OutsideActor(_), Account | IdentityProvider(_) | User) => Ok(EdgeKind::ActsThrough),
        (OutsideActor(_), Role) => Err(
            "Someone outside AWS is not a principal: connect them to the account or identity provider they come through, and trust that from the role."
                .to_string(),
        ),
        (Organization, Role) => Err(
            "An organization is not a principal: trust its accounts, or add an aws:PrincipalOrgID condition to the trust policy."
                .to_string(),
        ),
        (f, t) => Err(format!("{} cannot be connected to {}.", with_article_capitalized(f.noun()), with_article(t.noun()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::scene::{ResourceKind, ServiceKind};

    #[test]
    fn group_as_trust_principal_is_refused_with_the_aws_reason() {
        let why = edge_kind_for(NodeKind::Group, NodeKind::Role).unwrap_err();
        assert!(why.starts_with("A group is not a principal"));
        assert!(why.contains("reference_policies_elements_principal.html"));
        assert!(
            edge_kind_for(NodeKind::Group, NodeKind::Resource(ResourceKind::S3Bucket)).is_err()
        );
    }

    #[test]
    fn principals_may_trust_roles_and_services_run_as_roles() {
        assert_eq!(
            edge_kind_for(NodeKind::User, NodeKind::Role),
            Ok(EdgeKind::Trusts)
        );
        assert_eq!(
            edge_kind_for(NodeKind::Account, NodeKind::Role),
            Ok(EdgeKind::Trusts)
        );
        assert_eq!(
            edge_kind_for(NodeKind::Service(ServiceKind::Ec2Instance), NodeKind::Role),
            Ok(EdgeKind::RunsAs)
        );
        assert_eq!(
            edge_kind_for(NodeKind::User, NodeKind::Group),
            Ok(EdgeKind::MemberOf)
        );
    }

    #[test]
    fn nonsense_edges_say_what_was_tried() {
        let why =
            edge_kind_for(NodeKind::Resource(ResourceKind::S3Bucket), NodeKind::User).unwrap_err();
        assert_eq!(why, "An S3 bucket cannot be connected to a user.");
    }
}
