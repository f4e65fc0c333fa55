//! A small world for the STS tests: account 111122223333 with alice (may assume Deploy),
//! bob (may not), a role chain Deploy -> Audit, a bucket, and account 444455556666 with a
//! cross-account role.
#![allow(dead_code)]

use iam_playground::sim::ids::{AccountId, RoleId, UserId};
use iam_playground::sim::sts::{AssumeRoleRequest, StsState};
use iam_playground::sim::time::{SimDuration, SimTime};
use iam_playground::sim::world::{IdentityId, World};

pub const ACCT: &str = "111122223333";
pub const OTHER: &str = "444455556666";
pub const BUCKET: &str = "artifacts-111122223333";
pub const DEPLOY: &str = "arn:aws:iam::111122223333:role/Deploy";
pub const AUDIT: &str = "arn:aws:iam::111122223333:role/Audit";
pub const PARTNER: &str = "arn:aws:iam::444455556666:role/Partner";

pub struct Fixture {
    pub world: World,
    pub state: StsState,
    pub alice_key: String,
    pub bob_key: String,
    pub alice: UserId,
    pub deploy: RoleId,
    pub audit: RoleId,
}

pub fn t0() -> SimTime {
    SimTime::WORLD_EPOCH
}

pub fn at(secs: i64) -> SimTime {
    t0().plus(SimDuration::from_secs(secs))
}

fn trust(principal: &str, extra: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":["sts:AssumeRole"{extra}]}}]}}"#
    )
}

pub fn fixture() -> Fixture {
    let mut w = World::new(7);
    let acct = w.add_account(ACCT, None).unwrap();
    let other = w.add_account(OTHER, None).unwrap();
    let alice = w.create_user(&acct, "alice", "/").unwrap();
    let alice_key = w
        .create_access_key(&alice, 0)
        .unwrap()
        .access_key_id
        .to_string();
    let bob = w.create_user(&acct, "bob", "/").unwrap();
    let bob_key = w
        .create_access_key(&bob, 0)
        .unwrap()
        .access_key_id
        .to_string();
    w.put_inline_policy(
        &IdentityId::User(alice.clone()),
        "AssumeRoles",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
    )
    .unwrap();
    let deploy = w
        .create_role(
            &acct,
            "Deploy",
            "/",
            &trust(
                "arn:aws:iam::111122223333:user/alice",
                ",\"sts:TagSession\",\"sts:SetSourceIdentity\"",
            ),
        )
        .unwrap();
    w.set_max_session_duration(&deploy, 43_200).unwrap();
    w.put_inline_policy(
        &IdentityId::Role(deploy.clone()),
        "DeployArtifacts",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject","sts:AssumeRole"],"Resource":"*"}]}"#,
    )
    .unwrap();
    let audit = w
        .create_role(
            &acct,
            "Audit",
            "/",
            &trust(DEPLOY, ",\"sts:TagSession\",\"sts:SetSourceIdentity\""),
        )
        .unwrap();
    w.set_max_session_duration(&audit, 43_200).unwrap();
    w.put_inline_policy(
        &IdentityId::Role(audit.clone()),
        "Read",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    )
    .unwrap();
    w.create_role(&other, "Partner", "/", &trust(ACCT, ""))
        .unwrap();
    w.create_s3_bucket(&acct, "us-east-1", BUCKET).unwrap();
    let _ = AccountId::new(ACCT);
    Fixture {
        state: StsState::new(7),
        world: w,
        alice_key,
        bob_key,
        alice,
        deploy,
        audit,
    }
}

pub fn req(role: &str, session: &str) -> AssumeRoleRequest {
    AssumeRoleRequest {
        role_arn: role.to_string(),
        role_session_name: session.to_string(),
        ..Default::default()
    }
}

pub fn object() -> String {
    format!("arn:aws:s3:::{BUCKET}/build.zip")
}
