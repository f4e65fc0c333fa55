//! AWS Organizations rules: nesting depth, minimum and maximum policies per target.
//! <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html>,
//! ConstraintViolationException reasons: <https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html>.

use iam_playground::sim::ids::{AccountId, OrgPolicyId};
use iam_playground::sim::world::org::{OrgParent, OrgPolicyType, OrgTarget};
use iam_playground::sim::world::World;

const DENY_ALL_S3: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;

fn org_world() -> (World, AccountId, AccountId) {
    let mut w = World::new(3);
    let mgmt = w.add_account("111122223333", None).unwrap();
    let member = w.add_account("444455556666", None).unwrap();
    w.create_organization(&mgmt).unwrap();
    w.place_account(&member, &OrgParent::Root).unwrap();
    (w, mgmt, member)
}

#[test]
fn new_accounts_and_ous_get_full_aws_access() {
    let (mut w, _, member) = org_world();
    let ou = w
        .create_organizational_unit(&OrgParent::Root, "Dev")
        .unwrap();
    let scps = |w: &World, t: &OrgTarget| -> Vec<String> {
        let org = w.organization.as_ref().unwrap();
        org.policies
            .iter()
            .filter(|p| {
                p.policy_type == OrgPolicyType::ServiceControlPolicy && p.targets.contains(t)
            })
            .map(|p| p.name.clone())
            .collect()
    };
    assert_eq!(scps(&w, &OrgTarget::Ou(ou)), ["FullAWSAccess"]);
    assert_eq!(scps(&w, &OrgTarget::Account(member)), ["FullAWSAccess"]);
    assert_eq!(scps(&w, &OrgTarget::Root), ["FullAWSAccess"]);
}

#[test]
fn the_last_scp_of_a_target_cannot_be_detached() {
    let (mut w, _, member) = org_world();
    let full = OrgPolicyId::new("p-FullAWSAccess");
    let target = OrgTarget::Account(member);
    let err = w.detach_org_policy(&full, &target).unwrap_err();
    assert_eq!(err.code(), "ConstraintViolationException");
    assert!(err
        .message()
        .starts_with("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"));
    // With a second SCP attached, FullAWSAccess can go: an allow-list SCP strategy.
    let deny = w
        .create_org_policy(OrgPolicyType::ServiceControlPolicy, "DenyS3", DENY_ALL_S3)
        .unwrap();
    w.attach_org_policy(&deny, &target).unwrap();
    w.detach_org_policy(&full, &target).unwrap();
    assert_eq!(
        w.detach_org_policy(&full, &target).unwrap_err().code(),
        "PolicyNotAttachedException"
    );
}

#[test]
fn at_most_five_scps_per_target() {
    let (mut w, _, member) = org_world();
    let target = OrgTarget::Account(member);
    for i in 0..4 {
        let p = w
            .create_org_policy(
                OrgPolicyType::ServiceControlPolicy,
                &format!("p{i}"),
                DENY_ALL_S3,
            )
            .unwrap();
        w.attach_org_policy(&p, &target).unwrap();
    }
    let sixth = w
        .create_org_policy(OrgPolicyType::ServiceControlPolicy, "p5", DENY_ALL_S3)
        .unwrap();
    let err = w.attach_org_policy(&sixth, &target).unwrap_err();
    assert!(err
        .message()
        .starts_with("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"));
}

#[test]
fn ous_nest_at_most_five_levels() {
    let (mut w, _, _) = org_world();
    let mut parent = OrgParent::Root;
    for level in 1..=5 {
        let ou = w
            .create_organizational_unit(&parent, &format!("L{level}"))
            .unwrap();
        parent = OrgParent::Ou(ou);
    }
    let err = w.create_organizational_unit(&parent, "L6").unwrap_err();
    assert!(err.message().starts_with("OU_DEPTH_LIMIT_EXCEEDED"));
}

#[test]
fn management_account_cannot_leave_and_scp_text_must_be_json() {
    let (mut w, mgmt, member) = org_world();
    assert_eq!(
        w.remove_account_from_organization(&mgmt)
            .unwrap_err()
            .code(),
        "ConstraintViolationException"
    );
    w.remove_account_from_organization(&member).unwrap();
    assert!(w.account_parent(&member).is_none());
    assert_eq!(w.account_parent(&mgmt), Some(&OrgParent::Root));
    assert_eq!(
        w.create_org_policy(OrgPolicyType::ServiceControlPolicy, "bad", "{")
            .unwrap_err()
            .code(),
        "MalformedPolicyDocumentException"
    );
}

#[test]
fn deleting_an_account_removes_its_entities_and_membership() {
    let (mut w, _, member) = org_world();
    let u = w.create_user(&member, "carol", "/").unwrap();
    w.create_s3_bucket(&member, "us-east-1", "carol-bucket")
        .unwrap();
    w.delete_account(&member).unwrap();
    assert!(w.user(&u).is_none());
    assert!(w.resource("arn:aws:s3:::carol-bucket").is_none());
    assert!(w.account_parent(&member).is_none());
}

#[test]
fn ou_rename_keeps_id_and_refuses_sibling_names() {
    let (mut w, _, _) = org_world();
    let a = w.create_organizational_unit(&OrgParent::Root, "A").unwrap();
    w.create_organizational_unit(&OrgParent::Root, "B").unwrap();
    assert_eq!(
        w.rename_organizational_unit(&a, "B").unwrap_err().code(),
        "DuplicateOrganizationalUnitException"
    );
    w.rename_organizational_unit(&a, "Apps").unwrap();
    let org = w.organization.as_ref().unwrap();
    assert_eq!(org.ous.iter().find(|o| o.id == a).unwrap().name, "Apps");
}

#[test]
fn scp_over_5120_characters_is_refused_on_create_and_update() {
    // "Maximum size of a policy document: Service control policies: 5120 characters";
    // reason text from ConstraintViolationException in the API reference.
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
    let (mut w, _, _) = org_world();
    let pad = " ".repeat(5121 - DENY_ALL_S3.len());
    let big = format!("{DENY_ALL_S3}{pad}");
    assert_eq!(big.chars().count(), 5121);
    let err = w
        .create_org_policy(OrgPolicyType::ServiceControlPolicy, "big", &big)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ConstraintViolationException: POLICY_CONTENT_LIMIT_EXCEEDED: You attempted to create a policy that is larger than the maximum size."
    );
    let exact = &big[..5120];
    let p = w
        .create_org_policy(OrgPolicyType::ServiceControlPolicy, "exact", exact)
        .unwrap();
    let err = w.set_org_policy_content(&p, &big).unwrap_err();
    assert_eq!(err.code(), "ConstraintViolationException");
}

#[test]
fn organizations_errors_use_the_api_reference_texts() {
    // Each exception's description in the Organizations API reference (AttachPolicy,
    // DeletePolicy, DeleteOrganizationalUnit, RemoveAccountFromOrganization).
    // https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
    let (mut w, mgmt, member) = org_world();
    let p = w
        .create_org_policy(OrgPolicyType::ServiceControlPolicy, "DenyS3", DENY_ALL_S3)
        .unwrap();
    let target = OrgTarget::Account(member.clone());
    w.attach_org_policy(&p, &target).unwrap();
    assert_eq!(
        w.attach_org_policy(&p, &target).unwrap_err().to_string(),
        "DuplicatePolicyAttachmentException: The selected policy is already attached to the specified target."
    );
    assert_eq!(
        w.delete_org_policy(&p).unwrap_err().to_string(),
        "PolicyInUseException: The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation."
    );
    let ghost = iam_playground::sim::ids::OuId::new("ou-abcd-nothere1");
    assert_eq!(
        w.delete_organizational_unit(&ghost).unwrap_err().to_string(),
        "OrganizationalUnitNotFoundException: We can't find an OU with the OrganizationalUnitId that you specified."
    );
    assert_eq!(
        w.attach_org_policy(&p, &OrgTarget::Ou(ghost))
            .unwrap_err()
            .to_string(),
        "TargetNotFoundException: We can't find a root, OU, account, or policy with the TargetId that you specified."
    );
    assert!(w
        .remove_account_from_organization(&mgmt)
        .unwrap_err()
        .message()
        .starts_with(
            "ACCOUNT_CANNOT_LEAVE_ORGANIZATION: You attempted to remove the management account"
        ));
    let mut lone = World::new(4);
    let a = lone.add_account("111122223333", None).unwrap();
    assert_eq!(
        lone.create_organizational_unit(&OrgParent::Root, "Dev")
            .unwrap_err()
            .to_string(),
        "AWSOrganizationsNotInUseException: Your account isn't a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization."
    );
    lone.create_organization(&a).unwrap();
    assert_eq!(
        lone.create_organization(&a).unwrap_err().code(),
        "AlreadyInOrganizationException"
    );
}
