//! IAM input rules and AWS's exact error texts.
//! Names and paths: <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html>;
//! quotas: <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>.

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::world::{AccessKeyStatus, IdentityId, Tag, World, WorldError};

fn world() -> (World, AccountId) {
    let mut w = World::new(1);
    let a = w.add_account("111122223333", Some("playground")).unwrap();
    (w, a)
}

#[test]
fn duplicate_user_name_is_rejected_case_insensitively() {
    let (mut w, a) = world();
    w.create_user(&a, "alice", "/").unwrap();
    let err = w.create_user(&a, "ALICE", "/").unwrap_err();
    assert_eq!(err.code(), "EntityAlreadyExists");
    assert_eq!(
        err.to_string(),
        "EntityAlreadyExists: User with name ALICE already exists."
    );
}

#[test]
fn same_name_in_another_account_is_fine() {
    let (mut w, a) = world();
    let b = w.add_account("444455556666", None).unwrap();
    w.create_user(&a, "alice", "/").unwrap();
    assert!(w.create_user(&b, "alice", "/").is_ok());
}

#[test]
fn duplicate_role_group_and_policy_names_use_aws_texts() {
    let (mut w, a) = world();
    w.create_role(&a, "Deploy", "/", "{}").unwrap();
    assert_eq!(
        w.create_role(&a, "deploy", "/", "{}")
            .unwrap_err()
            .message(),
        "Role with name deploy already exists."
    );
    w.create_group(&a, "Developers", "/").unwrap();
    assert_eq!(
        w.create_group(&a, "Developers", "/").unwrap_err().message(),
        "Group with name Developers already exists."
    );
    w.create_policy(&a, "P", "/", "{}", "").unwrap();
    assert_eq!(
        w.create_policy(&a, "P", "/", "{}", "")
            .unwrap_err()
            .message(),
        "A policy called P already exists. Duplicate names are not allowed."
    );
}

#[test]
fn user_name_pattern_and_length_follow_the_api_reference() {
    let (mut w, a) = world();
    assert!(w.create_user(&a, "a+b=c,d.e@f_g-h", "/").is_ok());
    let err = w.create_user(&a, "bad name", "/").unwrap_err();
    assert_eq!(err.code(), "ValidationError");
    assert_eq!(
        err.message(),
        r"1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    );
    let long = "a".repeat(65);
    assert!(w
        .create_user(&a, &long, "/")
        .unwrap_err()
        .message()
        .ends_with("Member must have length less than or equal to 64"));
    assert!(w
        .create_user(&a, "", "/")
        .unwrap_err()
        .message()
        .ends_with("Member must have length greater than or equal to 1"));
    assert!(w.create_user(&a, &"a".repeat(64), "/").is_ok());
}

#[test]
fn groups_and_policies_allow_128_characters_roles_64() {
    let (mut w, a) = world();
    assert!(w.create_group(&a, &"g".repeat(128), "/").is_ok());
    assert!(w.create_group(&a, &"g".repeat(129), "/").is_err());
    assert!(w.create_policy(&a, &"p".repeat(128), "/", "{}", "").is_ok());
    assert!(w.create_role(&a, &"r".repeat(65), "/", "{}").is_err());
}

#[test]
fn paths_must_start_and_end_with_slash() {
    let (mut w, a) = world();
    assert!(w.create_user(&a, "u1", "/division/team/").is_ok());
    for bad in ["division/", "/division", "", "/with space/"] {
        let err = w.create_user(&a, "u2", bad).unwrap_err();
        assert_eq!(err.code(), "ValidationError", "{bad:?}");
    }
    assert!(w
        .create_user(&a, "u2", "/x")
        .unwrap_err()
        .message()
        .contains(r"Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)"));
}

#[test]
fn third_access_key_exceeds_quota() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    w.create_access_key(&u, 0).unwrap();
    w.create_access_key(&u, 0).unwrap();
    let err = w.create_access_key(&u, 0).unwrap_err();
    assert_eq!(
        err.to_string(),
        "LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2"
    );
}

#[test]
fn rotating_a_key_creates_new_active_and_deactivates_old() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    let old = w.create_access_key(&u, 10).unwrap();
    let new = w.rotate_access_key(&u, &old.access_key_id, 20).unwrap();
    let user = w.user(&u).unwrap();
    assert_eq!(user.access_keys.len(), 2);
    assert_eq!(user.access_keys[0].status, AccessKeyStatus::Inactive);
    assert_eq!(user.access_keys[1].access_key_id, new.access_key_id);
    assert_eq!(user.access_keys[1].status, AccessKeyStatus::Active);
    // With two keys, rotation must first make room, as in AWS.
    assert_eq!(
        w.rotate_access_key(&u, &new.access_key_id, 30)
            .unwrap_err()
            .code(),
        "LimitExceeded"
    );
    w.delete_access_key(&u, &old.access_key_id).unwrap();
    assert_eq!(
        w.delete_access_key(&u, &old.access_key_id)
            .unwrap_err()
            .message(),
        format!(
            "The Access Key with id {} cannot be found.",
            old.access_key_id
        )
    );
}

#[test]
fn eleventh_group_exceeds_groups_per_user() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    for i in 0..10 {
        let g = w.create_group(&a, &format!("g{i}"), "/").unwrap();
        w.add_user_to_group(&u, &g).unwrap();
    }
    let g = w.create_group(&a, "g10", "/").unwrap();
    assert_eq!(
        w.add_user_to_group(&u, &g).unwrap_err().to_string(),
        "LimitExceeded: Cannot exceed quota for GroupsPerUser: 10"
    );
}

#[test]
fn eleventh_managed_policy_exceeds_policies_per_role() {
    let (mut w, a) = world();
    let r = w.create_role(&a, "R", "/", "{}").unwrap();
    for i in 0..10 {
        w.create_policy(&a, &format!("p{i}"), "/", "{}", "")
            .unwrap();
        w.attach_policy(
            &IdentityId::Role(r.clone()),
            &format!("arn:aws:iam::111122223333:policy/p{i}"),
        )
        .unwrap();
    }
    let err = w
        .attach_policy(
            &IdentityId::Role(r),
            "arn:aws:iam::aws:policy/AdministratorAccess",
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "LimitExceeded: Cannot exceed quota for PoliciesPerRole: 10"
    );
}

#[test]
fn attaching_unknown_or_foreign_policy_is_no_such_entity() {
    let (mut w, a) = world();
    let b = w.add_account("444455556666", None).unwrap();
    w.create_policy(&b, "Theirs", "/", "{}", "").unwrap();
    let u = w.create_user(&a, "alice", "/").unwrap();
    let err = w
        .attach_policy(
            &IdentityId::User(u.clone()),
            "arn:aws:iam::444455556666:policy/Theirs",
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "NoSuchEntity: Policy arn:aws:iam::444455556666:policy/Theirs does not exist or is not attachable."
    );
    assert!(w
        .attach_policy(&IdentityId::User(u), "arn:aws:iam::aws:policy/NoSuchThing")
        .is_err());
}

#[test]
fn max_session_duration_must_be_between_one_and_twelve_hours() {
    let (mut w, a) = world();
    let r = w.create_role(&a, "R", "/", "{}").unwrap();
    assert_eq!(w.role(&r).unwrap().max_session_duration, 3600);
    assert_eq!(
        w.set_max_session_duration(&r, 50000).unwrap_err().to_string(),
        "ValidationError: 1 validation error detected: Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"
    );
    assert!(w
        .set_max_session_duration(&r, 3599)
        .unwrap_err()
        .message()
        .ends_with("Member must have value greater than or equal to 3600"));
    w.set_max_session_duration(&r, 43200).unwrap();
    assert_eq!(w.role(&r).unwrap().max_session_duration, 43200);
}

#[test]
fn inline_policy_total_size_per_user_is_2048_without_whitespace() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    let who = IdentityId::User(u);
    let big = format!("{{\"x\":\"{}\"}}", "a".repeat(2000));
    w.put_inline_policy(&who, "one", &big).unwrap();
    let err = w.put_inline_policy(&who, "two", &big).unwrap_err();
    assert_eq!(
        err.to_string(),
        "LimitExceeded: Maximum policy size of 2048 bytes exceeded for user alice"
    );
    // Replacing the same policy does not count it twice.
    w.put_inline_policy(&who, "one", &big).unwrap();
    // Whitespace is free.
    let spaced = format!("{{ {} }}", " ".repeat(5000));
    w.put_inline_policy(&who, "spaces", &spaced).unwrap();
}

#[test]
fn managed_policy_size_is_6144() {
    let (mut w, a) = world();
    let text = format!("{{\"x\":\"{}\"}}", "a".repeat(6200));
    assert_eq!(
        w.create_policy(&a, "Big", "/", &text, "")
            .unwrap_err()
            .to_string(),
        "LimitExceeded: Cannot exceed quota for PolicySize: 6144"
    );
}

#[test]
fn policy_versions_stop_at_five() {
    let (mut w, a) = world();
    let p = w.create_policy(&a, "P", "/", "{\"v\":1}", "").unwrap();
    for i in 2..=5 {
        assert_eq!(
            w.create_policy_version(&p, "{}", i == 5).unwrap(),
            format!("v{i}")
        );
    }
    assert_eq!(w.policies[&p].default_version_id, "v5");
    let err = w.create_policy_version(&p, "{}", true).unwrap_err();
    assert_eq!(err.code(), "LimitExceeded");
    assert!(err
        .message()
        .starts_with("A managed policy can have up to 5 versions."));
}

#[test]
fn tags_are_limited_to_50_and_aws_prefix_is_reserved() {
    let (mut w, a) = world();
    let u = IdentityId::User(w.create_user(&a, "alice", "/").unwrap());
    let fifty: Vec<Tag> = (0..50).map(|i| Tag::new(format!("k{i}"), "v")).collect();
    w.set_tags(&u, fifty.clone()).unwrap();
    let mut fifty_one = fifty;
    fifty_one.push(Tag::new("k50", "v"));
    assert_eq!(
        w.set_tags(&u, fifty_one).unwrap_err().code(),
        "ValidationError"
    );
    assert_eq!(
        w.set_tags(&u, vec![Tag::new("aws:x", "v")])
            .unwrap_err()
            .code(),
        "InvalidInput"
    );
    assert_eq!(
        w.set_tags(&u, vec![Tag::new("a", "x"), Tag::new("A", "y")])
            .unwrap_err()
            .code(),
        "InvalidInput"
    );
    assert_eq!(
        w.set_tags(&u, vec![Tag::new("k", "bad*value")])
            .unwrap_err()
            .code(),
        "ValidationError"
    );
    assert!(w
        .set_tags(&u, vec![Tag::new("team name", "a-b_c.d:e/f=g+h@i")])
        .is_ok());
}

#[test]
fn console_password_twice_is_entity_already_exists() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    w.set_console_password(&u, true).unwrap();
    assert_eq!(
        w.set_console_password(&u, true).unwrap_err().to_string(),
        "EntityAlreadyExists: Login Profile for user alice already exists."
    );
    w.set_console_password(&u, false).unwrap();
    assert_eq!(
        w.set_console_password(&u, false).unwrap_err().to_string(),
        "NoSuchEntity: Login Profile for User alice cannot be found."
    );
}

#[test]
fn instance_profile_holds_one_role() {
    let (mut w, a) = world();
    let r1 = w.create_role(&a, "R1", "/", "{}").unwrap();
    let r2 = w.create_role(&a, "R2", "/", "{}").unwrap();
    let p = w.create_instance_profile(&a, "Web", "/").unwrap();
    w.add_role_to_instance_profile(&p, &r1).unwrap();
    assert_eq!(
        w.add_role_to_instance_profile(&p, &r2)
            .unwrap_err()
            .to_string(),
        "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"
    );
}

#[test]
fn account_ids_are_twelve_digits_and_aliases_follow_dns_rules() {
    let mut w = World::new(1);
    assert_eq!(
        w.add_account("12345", None).unwrap_err().code(),
        "ValidationError"
    );
    assert!(w.add_account("111122223333", Some("Bad_Alias")).is_err());
    assert!(w.add_account("111122223333", Some("-bad")).is_err());
    assert!(w.add_account("111122223333", Some("good-alias")).is_ok());
    assert!(matches!(
        w.add_account("111122223333", None),
        Err(WorldError::EntityAlreadyExists { .. })
    ));
}

#[test]
fn bucket_names_are_global() {
    let (mut w, a) = world();
    let b = w.add_account("444455556666", None).unwrap();
    w.create_s3_bucket(&a, "us-east-1", "shared-name").unwrap();
    assert_eq!(
        w.create_s3_bucket(&b, "us-east-1", "shared-name")
            .unwrap_err()
            .code(),
        "BucketAlreadyExists"
    );
    assert_eq!(
        w.create_s3_bucket(&a, "us-east-1", "shared-name")
            .unwrap_err()
            .code(),
        "BucketAlreadyOwnedByYou"
    );
    assert_eq!(
        w.create_s3_bucket(&a, "us-east-1", "Upper")
            .unwrap_err()
            .code(),
        "InvalidBucketName"
    );
}

#[test]
fn policy_text_that_is_not_json_is_malformed() {
    // IAM's answer to PutUserPolicy with text that does not parse as JSON.
    let (mut w, a) = world();
    let u = IdentityId::User(w.create_user(&a, "alice", "/").unwrap());
    let err = w.put_inline_policy(&u, "p", "{ not json").unwrap_err();
    assert_eq!(
        err.to_string(),
        "MalformedPolicyDocument: This policy contains invalid Json"
    );
    let r = w.create_role(&a, "R", "/", "{}").unwrap();
    assert_eq!(
        w.set_trust_policy(&r, "").unwrap_err().code(),
        "ValidationError"
    );
    assert_eq!(
        w.create_role(&a, "R2", "/", "[").unwrap_err().code(),
        "MalformedPolicyDocument"
    );
    // Characters outside U+0009, U+000A, U+000D, U+0020-U+00FF are refused before parsing.
    let err = w
        .put_inline_policy(&u, "p", "{\"Sid\":\"caf\u{0101}\"}")
        .unwrap_err();
    assert_eq!(err.code(), "ValidationError");
    assert!(err.message().ends_with(
        r"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+"
    ));
    // Latin-1 letters are inside the range.
    assert!(w
        .put_inline_policy(&u, "p", "{\"Sid\":\"caf\u{e9}\"}")
        .is_ok());
}

#[test]
fn account_quotas_use_iam_quota_names() {
    use iam_playground::sim::world::quotas::{AccountQuota, GROUPS_PER_ACCOUNT};
    let (mut w, a) = world();
    for i in 0..GROUPS_PER_ACCOUNT {
        w.create_group(&a, &format!("g{i}"), "/").unwrap();
    }
    assert_eq!(w.account_usage(&a, AccountQuota::Groups), 300);
    assert_eq!(
        w.create_group(&a, "one-more", "/").unwrap_err().to_string(),
        "LimitExceeded: Cannot exceed quota for GroupsPerAccount: 300"
    );
}

#[test]
fn removing_a_non_member_is_no_such_entity() {
    let (mut w, a) = world();
    let u = w.create_user(&a, "alice", "/").unwrap();
    let g = w.create_group(&a, "Developers", "/").unwrap();
    assert_eq!(
        w.remove_user_from_group(&u, &g).unwrap_err().to_string(),
        "NoSuchEntity: The user with name alice cannot be found."
    );
    w.add_user_to_group(&u, &g).unwrap();
    w.remove_user_from_group(&u, &g).unwrap();
    assert!(w.user(&u).unwrap().groups.is_empty());
}

#[test]
fn default_policy_version_cannot_be_deleted() {
    // "Versioning IAM policies": delete a non-default version to make room for a sixth.
    let (mut w, a) = world();
    let p = w.create_policy(&a, "P", "/", "{\"v\":1}", "").unwrap();
    let v2 = w.create_policy_version(&p, "{\"v\":2}", false).unwrap();
    assert_eq!(
        w.delete_policy_version(&p, "v1").unwrap_err().to_string(),
        "DeleteConflict: Cannot delete the default version of a policy."
    );
    w.set_default_policy_version(&p, &v2).unwrap();
    assert_eq!(w.policies[&p].document(), "{\"v\":2}");
    w.delete_policy_version(&p, "v1").unwrap();
    assert_eq!(
        w.set_default_policy_version(&p, "v1").unwrap_err().code(),
        "NoSuchEntity"
    );
    assert_eq!(
        w.create_policy(&a, "Q", "/", "{}", &"d".repeat(1001))
            .unwrap_err()
            .code(),
        "ValidationError"
    );
}

#[test]
fn a_loaded_version_id_at_the_top_of_u32_still_gets_a_next_version() {
    // A saved world may carry any `vN`; the next number must not overflow (a panic kills the page).
    let (mut w, a) = world();
    let p = w.create_policy(&a, "P", "/", "{\"v\":1}", "").unwrap();
    let policy = w.policies.get_mut(&p).unwrap();
    policy.versions[0].version_id = "v4294967295".into();
    policy.default_version_id = "v4294967295".into();
    assert_eq!(
        w.create_policy_version(&p, "{}", false).unwrap(),
        "v4294967296"
    );
}
