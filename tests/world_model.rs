//! The world as a whole: the seed example, renames and moves, the policies that apply,
//! organizations, and save/load.

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::world::org::{OrgParent, OrgPolicyType, OrgTarget};
use iam_playground::sim::world::{EntityRef, IdentityId, PolicySource, World};

fn acct() -> AccountId {
    AccountId::new("111122223333")
}

#[test]
fn sample_world_builds_without_breaking_a_rule() {
    let w = World::try_sample().unwrap();
    let alice = w.user_by_name(&acct(), "alice").unwrap();
    assert_eq!(alice.arn, "arn:aws:iam::111122223333:user/alice");
    assert!(alice.console_password);
    assert_eq!(alice.access_keys.len(), 1);
    assert_eq!(alice.groups.len(), 1);
    let deploy = w.role_by_name(&acct(), "Deploy").unwrap();
    assert!(deploy
        .trust_policy
        .contains("arn:aws:iam::111122223333:user/alice"));
    assert!(w.user_by_name(&acct(), "bob").is_some());
    let instance = w.ec2_instances.values().next().unwrap();
    assert_eq!(
        w.role_of_instance(&instance.instance_id).unwrap().role_name,
        "WebServerRole"
    );
    assert!(w
        .resource("arn:aws:s3:::playground-artifacts-111122223333")
        .is_some());
    assert_eq!(w.accounts[&acct()].alias.as_deref(), Some("playground"));
}

#[test]
fn alice_policies_include_her_inline_and_her_groups_managed_policy() {
    let w = World::sample();
    let alice = w.user_by_name(&acct(), "alice").unwrap();
    let policies = w.identity_policies_for_user(&alice.user_id);
    let labels: Vec<(String, String)> = policies
        .iter()
        .map(|p| (p.name.clone(), p.kind_label()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("AssumeDeployRole".to_string(), "inline policy".to_string()),
            (
                "AmazonS3ReadOnlyAccess".to_string(),
                "AWS managed policy via group Developers".to_string()
            ),
        ]
    );
    assert!(policies[0].text.contains("sts:AssumeRole"));
    assert_eq!(
        policies[1].source,
        PolicySource::GroupManaged {
            group: "Developers".to_string()
        }
    );
    assert!(policies[1].text.contains("s3:Get*"));
}

#[test]
fn rename_changes_arn_but_keeps_unique_id() {
    let mut w = World::sample();
    let alice = w.user_by_name(&acct(), "alice").unwrap().user_id.clone();
    w.rename_user(&alice, "alicia", Some("/engineering/"))
        .unwrap();
    let u = w.user(&alice).unwrap();
    assert_eq!(u.arn, "arn:aws:iam::111122223333:user/engineering/alicia");
    assert_eq!(u.user_id, alice);
    assert!(
        matches!(w.find_by_arn(&u.arn.clone()), Some(EntityRef::User(x)) if x.user_id == alice)
    );
    assert_eq!(
        w.rename_user(&alice, "BOB", None).unwrap_err().to_string(),
        "EntityAlreadyExists: User with name BOB already exists."
    );
}

#[test]
fn move_to_another_account_changes_arn_and_drops_what_cannot_cross() {
    let mut w = World::sample();
    let other = w.add_account("444455556666", Some("prod")).unwrap();
    let alice = w.user_by_name(&acct(), "alice").unwrap().user_id.clone();
    w.move_user(&alice, &other).unwrap();
    let u = w.user(&alice).unwrap();
    assert_eq!(u.arn, "arn:aws:iam::444455556666:user/alice");
    assert!(u.groups.is_empty(), "groups are per account");
    assert_eq!(
        u.inline_policies.len(),
        1,
        "inline policies travel with the user"
    );
    let deploy = w.role_by_name(&acct(), "Deploy").unwrap().role_id.clone();
    w.move_role(&deploy, &other).unwrap();
    assert_eq!(
        w.role(&deploy).unwrap().arn,
        "arn:aws:iam::444455556666:role/Deploy"
    );
}

#[test]
fn renaming_a_customer_policy_follows_its_attachments() {
    let mut w = World::sample();
    let a = acct();
    let p = w.create_policy(&a, "Old", "/", "{}", "").unwrap();
    let bob = w.user_by_name(&a, "bob").unwrap().user_id.clone();
    w.attach_policy(
        &IdentityId::User(bob.clone()),
        "arn:aws:iam::111122223333:policy/Old",
    )
    .unwrap();
    w.set_permissions_boundary(
        &IdentityId::User(bob.clone()),
        Some("arn:aws:iam::111122223333:policy/Old"),
    )
    .unwrap();
    w.rename_policy(&p, "New").unwrap();
    let u = w.user(&bob).unwrap();
    assert_eq!(
        u.attached_policies,
        vec!["arn:aws:iam::111122223333:policy/New".to_string()]
    );
    assert_eq!(w.permissions_boundary_for_user(&bob).unwrap().name, "New");
    w.delete_policy(&p).unwrap();
    assert!(w.user(&bob).unwrap().attached_policies.is_empty());
    assert!(w.user(&bob).unwrap().permissions_boundary.is_none());
}

#[test]
fn deleting_a_group_removes_memberships() {
    let mut w = World::sample();
    let dev = w
        .group_by_name(&acct(), "developers")
        .unwrap()
        .group_id
        .clone();
    w.delete_group(&dev).unwrap();
    assert!(w.users.values().all(|u| u.groups.is_empty()));
}

#[test]
fn lookup_by_access_key_finds_the_owner() {
    let w = World::sample();
    let alice = w.user_by_name(&acct(), "alice").unwrap();
    let key = alice.access_keys[0].access_key_id.clone();
    let (owner, found) = w.user_by_access_key(key.as_str()).unwrap();
    assert_eq!(owner.user_name, "alice");
    assert_eq!(found.access_key_id, key);
    assert!(w.user_by_access_key("AKIAIOSFODNN7EXAMPLE").is_none());
}

#[test]
fn find_by_arn_resolves_root_and_managed_policies() {
    let w = World::sample();
    assert!(matches!(
        w.find_by_arn("arn:aws:iam::111122223333:root"),
        Some(EntityRef::AccountRoot(_))
    ));
    assert!(matches!(
        w.find_by_arn("arn:aws:iam::aws:policy/AdministratorAccess"),
        Some(EntityRef::AwsManagedPolicy(_))
    ));
    assert!(matches!(
        w.find_by_arn("arn:aws:iam::111122223333:role/Deploy"),
        Some(EntityRef::Role(_))
    ));
    assert!(w
        .find_by_arn("arn:aws:iam::111122223333:role/Nope")
        .is_none());
}

#[test]
fn scps_are_listed_per_level_from_root_to_account() {
    let mut w = World::sample();
    let mgmt = acct();
    let member = w.add_account("444455556666", Some("prod")).unwrap();
    w.create_organization(&mgmt).unwrap();
    let workloads = w
        .create_organizational_unit(&OrgParent::Root, "Workloads")
        .unwrap();
    let prod = w
        .create_organizational_unit(&OrgParent::Ou(workloads.clone()), "Prod")
        .unwrap();
    w.place_account(&member, &OrgParent::Ou(prod.clone()))
        .unwrap();
    let deny = w
        .create_org_policy(
            OrgPolicyType::ServiceControlPolicy,
            "DenyLeaveOrg",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#,
        )
        .unwrap();
    w.attach_org_policy(&deny, &OrgTarget::Ou(workloads.clone()))
        .unwrap();
    assert_eq!(
        w.attach_org_policy(&deny, &OrgTarget::Ou(workloads.clone()))
            .unwrap_err()
            .code(),
        "DuplicatePolicyAttachmentException"
    );

    let levels = w
        .org_policies_for_account(&member, OrgPolicyType::ServiceControlPolicy)
        .unwrap();
    let names: Vec<(String, Vec<String>)> = levels
        .iter()
        .map(|l| {
            (
                l.target_name.clone(),
                l.policies.iter().map(|(n, _)| n.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        names,
        vec![
            ("Root".to_string(), vec!["FullAWSAccess".to_string()]),
            (
                "Workloads".to_string(),
                vec!["FullAWSAccess".to_string(), "DenyLeaveOrg".to_string()]
            ),
            ("Prod".to_string(), vec!["FullAWSAccess".to_string()]),
            (
                "444455556666".to_string(),
                vec!["FullAWSAccess".to_string()]
            ),
        ]
    );
    assert!(w.is_management_account(&mgmt));
    assert!(!w.is_management_account(&member));
    let outsider = w.add_account("777788889999", None).unwrap();
    assert!(w
        .org_policies_for_account(&outsider, OrgPolicyType::ServiceControlPolicy)
        .is_none());
    assert_eq!(
        w.delete_organizational_unit(&workloads).unwrap_err().code(),
        "OrganizationalUnitNotEmptyException"
    );
}

#[test]
fn a_full_world_survives_json_round_trip() {
    let mut w = World::sample();
    let a = acct();
    w.create_organization(&a).unwrap();
    w.create_oidc_provider(
        &a,
        "https://token.actions.githubusercontent.com",
        vec!["sts.amazonaws.com".into()],
        vec![],
    )
    .unwrap();
    w.create_saml_provider(&a, "Okta", "<EntityDescriptor/>")
        .unwrap();
    w.create_kms_key(&a, "us-east-1").unwrap();
    w.create_sqs_queue(&a, "us-east-1", "jobs").unwrap();
    w.create_sns_topic(&a, "us-east-1", "alerts").unwrap();
    w.create_secret(&a, "us-east-1", "db-password").unwrap();
    w.create_s3_object("playground-artifacts-111122223333", "builds/app.zip")
        .unwrap();
    let role = w.role_by_name(&a, "Deploy").unwrap().role_id.clone();
    w.create_lambda_function(&a, "us-east-1", "thumbnail", Some(&role))
        .unwrap();
    let alice = w.user_by_name(&a, "alice").unwrap().user_id.clone();
    w.enable_mfa_device(&alice, "alice-phone").unwrap();

    let json = serde_json::to_string_pretty(&w).unwrap();
    let back: World = serde_json::from_str(&json).unwrap();
    assert_eq!(back, w);
    assert!(json.contains("\"version\": 1"));
    // Continuing from the restored world mints the same ids as continuing from the original.
    let (mut w1, mut w2) = (w, back);
    assert_eq!(
        w1.create_user(&a, "carol", "/").unwrap(),
        w2.create_user(&a, "carol", "/").unwrap()
    );
}

#[test]
fn secrets_get_six_character_suffix_and_kms_keys_a_default_policy() {
    let mut w = World::sample();
    let a = acct();
    let secret = w.create_secret(&a, "us-east-1", "db-password").unwrap();
    let re = regex::Regex::new(
        r"^arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password-[A-Za-z0-9]{6}$",
    )
    .unwrap();
    assert!(re.is_match(&secret), "{secret}");
    let key = w.create_kms_key(&a, "us-east-1").unwrap();
    let policy = w.resource(&key).unwrap().policy.clone().unwrap();
    assert!(policy.contains("arn:aws:iam::111122223333:root"));
    assert!(w.set_resource_policy(&key, None).is_err());
}

#[test]
fn deleting_a_role_frees_its_instance_profile() {
    let mut w = World::sample();
    let web = w
        .role_by_name(&acct(), "WebServerRole")
        .unwrap()
        .role_id
        .clone();
    w.delete_role(&web).unwrap();
    let instance = w.ec2_instances.values().next().unwrap().instance_id.clone();
    assert!(w.role_of_instance(&instance).is_none());
}

#[test]
fn mfa_serial_is_an_iam_mfa_arn() {
    let mut w = World::sample();
    let alice = w.user_by_name(&acct(), "alice").unwrap().user_id.clone();
    let device = w.enable_mfa_device(&alice, "alice-phone").unwrap();
    assert_eq!(
        device.serial_number,
        "arn:aws:iam::111122223333:mfa/alice-phone"
    );
    assert_eq!(device.seed.len(), 64);
    assert_eq!(
        w.enable_mfa_device(&alice, "again").unwrap_err().code(),
        "LimitExceeded"
    );
    w.disable_mfa_device(&alice).unwrap();
    assert!(w.user(&alice).unwrap().mfa_device.is_none());
}

#[test]
fn lambda_execution_role_and_profile_rename() {
    let mut w = World::sample();
    let a = acct();
    let role = w
        .create_role(
            &a,
            "ThumbnailRole",
            "/service-role/",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        )
        .unwrap();
    assert_eq!(
        w.identity_arn(&IdentityId::Role(role.clone())),
        Some("arn:aws:iam::111122223333:role/service-role/ThumbnailRole")
    );
    let f = w
        .create_lambda_function(&a, "us-east-1", "thumbnail", None)
        .unwrap();
    w.set_lambda_execution_role(&f, Some(&role)).unwrap();
    assert_eq!(w.lambda_functions[0].execution_role.as_ref(), Some(&role));
    assert_eq!(
        w.create_lambda_function(&a, "us-east-1", "thumbnail", None)
            .unwrap_err()
            .code(),
        "ResourceConflictException"
    );
    w.delete_lambda_function(&f).unwrap();
    assert_eq!(
        w.delete_lambda_function(&f).unwrap_err().code(),
        "ResourceNotFoundException"
    );

    let profile = w
        .instance_profile_by_name(&a, "WebServerRole")
        .unwrap()
        .instance_profile_id
        .clone();
    w.rename_instance_profile(&profile, "WebProfile").unwrap();
    assert_eq!(
        w.instance_profiles[&profile].arn,
        "arn:aws:iam::111122223333:instance-profile/WebProfile"
    );
}

#[test]
fn deleting_the_management_account_dissolves_the_organization() {
    let mut w = World::sample();
    w.create_organization(&acct()).unwrap();
    w.delete_account(&acct()).unwrap();
    assert!(w.organization.is_none());
    assert!(w.users.is_empty());
}

#[test]
fn trust_policy_naming_a_missing_user_is_an_invalid_principal() {
    // reference_policies_elements_principal.html: IAM checks that the user or role exists.
    let mut w = World::sample();
    let deploy = w.role_by_name(&acct(), "Deploy").unwrap().role_id.clone();
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/mallory"},"Action":"sts:AssumeRole"}]}"#;
    assert_eq!(
        w.set_trust_policy(&deploy, text).unwrap_err().to_string(),
        r#"MalformedPolicyDocument: Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:user/mallory""#
    );
    // Accounts outside the world, account roots and services are not checked.
    let external = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::999988887777:user/x","arn:aws:iam::111122223333:root","111122223333"]},"Action":"sts:AssumeRole"}]}"#;
    w.set_trust_policy(&deploy, external).unwrap();
    let bucket = "arn:aws:s3:::playground-artifacts-111122223333";
    let bad_bucket_policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/Nope"},"Action":"s3:GetObject","Resource":"*"}]}"#;
    assert_eq!(
        w.set_resource_policy(bucket, Some(bad_bucket_policy))
            .unwrap_err()
            .code(),
        "MalformedPolicyDocument"
    );
}

#[test]
fn renaming_a_trusted_user_updates_the_trust_policy_it_appears_in() {
    // AWS stores the principal's unique id and shows its current ARN.
    let mut w = World::sample();
    let alice = w.user_by_name(&acct(), "alice").unwrap().user_id.clone();
    w.rename_user(&alice, "alicia", None).unwrap();
    let deploy = w.role_by_name(&acct(), "Deploy").unwrap();
    assert!(deploy
        .trust_policy
        .contains("\"arn:aws:iam::111122223333:user/alicia\""));
    assert!(!deploy.trust_policy.contains("user/alice\""));
    // Identity policies name resources, not principals: their text is left alone.
    let alicia = w.user(&alice).unwrap();
    assert!(alicia.inline_policies["AssumeDeployRole"]
        .contains("arn:aws:iam::111122223333:role/Deploy"));
    let deploy_id = deploy.role_id.clone();
    w.rename_role(&deploy_id, "Deployer", None).unwrap();
    assert!(w.user(&alice).unwrap().inline_policies["AssumeDeployRole"].contains("role/Deploy\""));
}

#[test]
fn web_identity_trust_needs_a_registered_provider() {
    let mut w = World::sample();
    let a = acct();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    assert_eq!(
        w.create_role(&a, "GitHubDeploy", "/", trust)
            .unwrap_err()
            .to_string(),
        r#"MalformedPolicyDocument: Invalid principal in policy: "Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com""#
    );
    w.create_oidc_provider(
        &a,
        "https://token.actions.githubusercontent.com",
        vec!["sts.amazonaws.com".into()],
        vec![],
    )
    .unwrap();
    w.create_role(&a, "GitHubDeploy", "/", trust).unwrap();
    // Cognito and other web identity providers are named without an ARN and are not checked.
    let cognito = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    w.create_role(&a, "CognitoRole", "/", cognito).unwrap();
}
