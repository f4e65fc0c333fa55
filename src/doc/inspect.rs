//! What the inspector lists, pure: the connections a node may draw by keyboard (and why the
//! others are refused), its edges, and the "What is this?" explanations.

use super::command::connect::edge_kind_for;
use super::scene::{EdgeKind, EdgeView, NodeId, NodeKind, Scene};

/// One entry of the "Connect to…" picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOption {
    pub to: NodeId,
    /// The target's label ("Role Deploy").
    pub label: String,
    /// The edge that would be drawn, or why it cannot be.
    pub edge: Result<EdgeKind, String>,
}

/// Every node `from` could be connected to, valid ones first (in scene order), then the
/// refused ones with their reason. Existing edges are left out, and so are frames that could
/// not be connected anyway (they would only lengthen the list).
pub fn connect_options(scene: &Scene, from: &NodeId) -> Vec<ConnectOption> {
    let Some(src) = scene.node(from) else {
        return Vec::new();
    };
    let (mut ok, mut refused): (Vec<ConnectOption>, Vec<ConnectOption>) = scene
        .nodes
        .iter()
        .filter(|n| &n.id != from)
        .map(|n| ConnectOption {
            to: n.id.clone(),
            label: n.label.clone(),
            edge: edge_kind_for(src.kind, n.kind),
        })
        .filter(|o| match &o.edge {
            Ok(kind) => !scene
                .edges
                .iter()
                .any(|e| &e.from == from && e.to == o.to && e.kind == *kind),
            Err(_) => scene.node(&o.to).is_some_and(|n| !n.kind.is_frame()),
        })
        .partition(|o| o.edge.is_ok());
    ok.append(&mut refused);
    ok
}

/// The edges that start or end at `id`, outgoing first.
pub fn node_edges<'a>(scene: &'a Scene, id: &NodeId) -> Vec<&'a EdgeView> {
    let edges = || scene.edges.iter().map(|e| &**e);
    let mut v: Vec<&EdgeView> = edges().filter(|e| &e.from == id).collect();
    v.extend(edges().filter(|e| &e.to == id && &e.from != id));
    v
}

/// A concept the inspector can explain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concept {
    User,
    Group,
    Role,
    InstanceProfile,
    ServicePrincipal,
    TrustPolicy,
    PermissionsBoundary,
    Scp,
    Account,
    ResourcePolicy,
}

/// The concepts worth explaining next to a node of `kind`, the node's own first.
pub fn concepts_for(kind: NodeKind) -> Vec<Concept> {
    use Concept::*;
    match kind {
        NodeKind::User => vec![User, PermissionsBoundary],
        NodeKind::Group => vec![Group],
        NodeKind::Role => vec![Role, TrustPolicy, PermissionsBoundary],
        NodeKind::Service(super::scene::ServiceKind::Ec2Instance) => {
            vec![InstanceProfile, ServicePrincipal]
        }
        NodeKind::Service(_) => vec![ServicePrincipal],
        NodeKind::Account => vec![Account],
        NodeKind::Organization => vec![Scp],
        NodeKind::Resource(_) => vec![ResourcePolicy],
        NodeKind::IdentityProvider(_) | NodeKind::OutsideActor(_) => vec![Role, TrustPolicy],
        NodeKind::Cluster(c) => concepts_for(c.member_kind()),
    }
}

impl Concept {
    /// The heading: "IAM user".
    pub fn title(self) -> &'static str {
        match self {
            Concept::User => "IAM user",
            Concept::Group => "IAM user group",
            Concept::Role => "IAM role",
            Concept::InstanceProfile => "Instance profile",
            Concept::ServicePrincipal => "Service principal",
            Concept::TrustPolicy => "Trust policy",
            Concept::PermissionsBoundary => "Permissions boundary",
            Concept::Scp => "Service control policy (SCP)",
            Concept::Account => "AWS account",
            Concept::ResourcePolicy => "Resource-based policy",
        }
    }

    /// A short explanation, closely paraphrasing the AWS documentation page at [`Self::source`].
    pub fn explanation(self) -> &'static str {
        match self {
            Concept::User => "An identity in your AWS account with specific permissions for a single person or application. It has long-term credentials: a password for the console and up to two access keys for the CLI and API. AWS recommends temporary credentials (roles) instead where you can.",
            Concept::Group => "A collection of IAM users. Policies attached to the group apply to every member, so you manage permissions for many users at once. A group is not an identity: it cannot be named as a principal in a policy, and groups cannot contain groups.",
            Concept::Role => "An identity with specific permissions that is not tied to one person: it is meant to be assumed by anyone who needs it. A role has no long-term credentials; assuming it gives temporary security credentials for a role session.",
            Concept::InstanceProfile => "A container for an IAM role that passes the role to an EC2 instance when it starts. Code on the instance gets the role's temporary credentials from the instance metadata service. An instance profile holds one role.",
            Concept::ServicePrincipal => "An identifier for an AWS service (ec2.amazonaws.com, lambda.amazonaws.com) named in a role's trust policy, allowing that service to assume the role and act for you. A role a service assumes is a service role.",
            Concept::TrustPolicy => "A resource-based policy attached to a role that defines which principals may assume it. Every role has exactly one. Being trusted is not always enough: a caller from another account also needs its own identity-based policy to allow sts:AssumeRole on the role.",
            Concept::PermissionsBoundary => "A managed policy that sets the maximum permissions identity-based policies can grant to a user or role. It grants nothing by itself: an action is allowed only if both the boundary and an identity-based policy allow it.",
            Concept::Scp => "An organization policy that sets the maximum permissions for IAM users and roles in member accounts. SCPs grant nothing; they limit. They do not affect the management account.",
            Concept::Account => "The container for your AWS resources and the IAM identities that use them. Its 12-digit id appears in every ARN; its root user has complete access and should not be used for everyday tasks.",
            Concept::ResourcePolicy => "A JSON policy attached to a resource (an S3 bucket, a KMS key, an SQS queue) that says which principals may act on it. Unlike identity-based policies it names a Principal, and it can grant access to other accounts.",
        }
    }

    /// The AWS documentation page the explanation follows.
    pub fn source(self) -> &'static str {
        match self {
            Concept::User => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users.html",
            Concept::Group => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html",
            Concept::Role => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html",
            Concept::InstanceProfile => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html",
            Concept::ServicePrincipal => "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services",
            Concept::TrustPolicy => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html",
            Concept::PermissionsBoundary => "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
            Concept::Scp => "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
            Concept::Account => "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
            Concept::ResourcePolicy => "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::document::Document;

    fn seed() -> (Document, Scene) {
        let d = Document::seed_example();
        let s = d.scene();
        (d, s)
    }

    fn id_of(scene: &Scene, label: &str) -> NodeId {
        scene
            .nodes
            .iter()
            .find(|n| n.label == label)
            .map(|n| n.id.clone())
            .unwrap_or_else(|| panic!("{label} not in scene"))
    }

    #[test]
    fn a_user_may_join_groups_and_be_trusted_by_roles_but_not_twice() {
        let (_, s) = seed();
        let bob = id_of(&s, "User bob");
        let opts = connect_options(&s, &bob);
        let devs = opts.iter().find(|o| o.label == "Group Developers").unwrap();
        assert_eq!(devs.edge, Ok(EdgeKind::MemberOf));
        let deploy = opts.iter().find(|o| o.label == "Role Deploy").unwrap();
        assert_eq!(deploy.edge, Ok(EdgeKind::Trusts));
        // alice already trusts Deploy and is in Developers: not offered again.
        let alice = id_of(&s, "User alice");
        let opts = connect_options(&s, &alice);
        assert!(opts
            .iter()
            .all(|o| o.label != "Role Deploy" && o.label != "Group Developers"));
        let first_refused = opts.iter().position(|o| o.edge.is_err()).unwrap();
        assert!(
            opts[first_refused..].iter().all(|o| o.edge.is_err()),
            "valid first"
        );
    }

    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>:
    /// a group cannot be a principal.
    #[test]
    fn a_group_as_a_trust_principal_is_listed_with_the_reason() {
        let (_, s) = seed();
        let devs = id_of(&s, "Group Developers");
        let opts = connect_options(&s, &devs);
        let deploy = opts.iter().find(|o| o.label == "Role Deploy").unwrap();
        assert!(deploy
            .edge
            .as_ref()
            .unwrap_err()
            .starts_with("A group is not a principal"));
        assert!(
            opts.iter().all(|o| !o.label.starts_with("Account")),
            "frames left out"
        );
    }

    #[test]
    fn node_edges_lists_outgoing_then_incoming() {
        let (_, s) = seed();
        let devs = id_of(&s, "Group Developers");
        let edges = node_edges(&s, &devs);
        assert!(edges
            .iter()
            .any(|e| e.kind == EdgeKind::MemberOf && e.to == devs));
    }

    #[test]
    fn every_concept_cites_an_aws_documentation_page() {
        use Concept::*;
        for c in [
            User,
            Group,
            Role,
            InstanceProfile,
            ServicePrincipal,
            TrustPolicy,
            PermissionsBoundary,
            Scp,
            Account,
            ResourcePolicy,
        ] {
            assert!(c.source().starts_with("https://docs.aws.amazon.com/"));
            assert!(c.explanation().len() > 80, "{}", c.title());
        }
        assert_eq!(concepts_for(NodeKind::Role).first(), Some(&Role));
    }
}
