//! ARN parsing and building, per <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html>
//! and <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns>.

use iam_playground::sim::arn::{Arn, ArnError};
use proptest::prelude::*;

#[test]
fn parse_then_display_round_trips_real_arns() {
    for text in [
        "arn:aws:iam::111122223333:user/division/alice",
        "arn:aws:iam::111122223333:root",
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:s3:::my-bucket/path/to/key.txt",
        "arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-pass-AbCdEf",
        "arn:aws-cn:iam::111122223333:role/Admin",
    ] {
        assert_eq!(Arn::parse(text).unwrap().to_string(), text);
    }
}

#[test]
fn iam_arn_parts_are_split_like_aws() {
    let arn = Arn::parse("arn:aws:iam::111122223333:role/service-role/WebServerRole").unwrap();
    assert_eq!(arn.partition, "aws");
    assert_eq!(arn.service, "iam");
    assert_eq!(arn.region, "");
    assert_eq!(arn.account, "111122223333");
    assert_eq!(arn.resource_type(), "role");
    assert_eq!(arn.resource_name(), "WebServerRole");
    assert_eq!(arn.iam_path(), "/service-role/");
}

#[test]
fn builders_print_aws_forms() {
    let a = "111122223333";
    assert_eq!(
        Arn::iam_root(a).to_string(),
        "arn:aws:iam::111122223333:root"
    );
    assert_eq!(
        Arn::iam_group(a, "/", "Developers").to_string(),
        "arn:aws:iam::111122223333:group/Developers"
    );
    assert_eq!(
        Arn::iam_role(a, "/app/", "Deploy").to_string(),
        "arn:aws:iam::111122223333:role/app/Deploy"
    );
    assert_eq!(
        Arn::iam_policy(a, "/", "P").to_string(),
        "arn:aws:iam::111122223333:policy/P"
    );
    assert_eq!(
        Arn::iam_instance_profile(a, "/", "Web").to_string(),
        "arn:aws:iam::111122223333:instance-profile/Web"
    );
    assert_eq!(
        Arn::iam_mfa(a, "/", "alice-phone").to_string(),
        "arn:aws:iam::111122223333:mfa/alice-phone"
    );
    assert_eq!(
        Arn::iam_saml_provider(a, "Okta").to_string(),
        "arn:aws:iam::111122223333:saml-provider/Okta"
    );
    assert_eq!(
        Arn::sts_federated_user(a, "bob").to_string(),
        "arn:aws:sts::111122223333:federated-user/bob"
    );
    assert_eq!(Arn::s3_bucket("b").to_string(), "arn:aws:s3:::b");
    assert_eq!(
        Arn::kms_key("eu-west-1", a, "1234abcd-12ab-34cd-56ef-1234567890ab").to_string(),
        "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    );
    assert_eq!(
        Arn::sqs_queue("us-east-1", a, "jobs").to_string(),
        "arn:aws:sqs:us-east-1:111122223333:jobs"
    );
    assert_eq!(
        Arn::sns_topic("us-east-1", a, "alerts").to_string(),
        "arn:aws:sns:us-east-1:111122223333:alerts"
    );
    assert_eq!(
        Arn::ec2_instance("us-east-1", a, "i-0123456789abcdef0").to_string(),
        "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0"
    );
    assert_eq!(
        Arn::lambda_function("us-east-1", a, "thumbnail").to_string(),
        "arn:aws:lambda:us-east-1:111122223333:function:thumbnail"
    );
}

#[test]
fn assumed_role_arn_drops_the_role_path() {
    // A role at /app/ still yields assumed-role/Deploy/SESSION (reference_identifiers, IAM ARNs).
    let session = Arn::sts_assumed_role("111122223333", "Deploy", "alice");
    assert_eq!(
        session.to_string(),
        "arn:aws:sts::111122223333:assumed-role/Deploy/alice"
    );
}

#[test]
fn malformed_arns_are_rejected_with_reason() {
    let err = Arn::parse("arn:aws:iam::111122223333").unwrap_err();
    assert!(matches!(err, ArnError::TooFewParts { .. }));
    assert_eq!(
        err.to_string(),
        "ARN arn:aws:iam::111122223333 is not valid."
    );
    assert!(matches!(
        Arn::parse("arn::iam::1:root"),
        Err(ArnError::EmptyPartition { .. })
    ));
    assert!(matches!(
        Arn::parse("arn:aws:::1:root"),
        Err(ArnError::EmptyService { .. })
    ));
}

proptest! {
    #[test]
    fn any_six_part_arn_round_trips(
        partition in "[a-z-]{1,10}",
        service in "[a-z0-9-]{1,12}",
        region in "[a-z0-9-]{0,12}",
        account in "[0-9]{0,12}",
        resource in "[A-Za-z0-9/:_+=,.@-]{1,40}",
    ) {
        let text = format!("arn:{partition}:{service}:{region}:{account}:{resource}");
        let arn = Arn::parse(&text).unwrap();
        prop_assert_eq!(arn.resource.as_str(), resource.as_str());
        prop_assert_eq!(arn.to_string(), text);
    }
}

proptest::proptest! {
    /// The byte scan that reads an ARN's service and account gives what splitting at each
    /// colon gives, for any text (empty fields, no colons, colons at either end, non-ASCII).
    #[test]
    fn arn_fields_read_by_byte_scan_are_the_colon_separated_fields(
        arn in "(arn|[a-z:]{0,3}|é)(:[a-z0-9/é-]{0,6}){0,7}:?",
        index in 0usize..9,
    ) {
        proptest::prop_assert_eq!(
            iam_playground::sim::arn::field(&arn, index),
            arn.split(':').nth(index)
        );
    }
}
