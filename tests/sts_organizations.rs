//! AWS Organizations in AssumeRole: `aws:PrincipalOrgID` in trust policies and SCPs on the
//! caller's side.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
//! https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html

mod sts_support;

use iam_playground::sim::ids::AccountId;
use iam_playground::sim::sts::assume_role;
use iam_playground::sim::world::{OrgParent, OrgPolicyType, OrgTarget};
use sts_support::*;

fn org_trust(f: &mut Fixture) -> String {
    let mgmt = AccountId::new(OTHER);
    let org = f.world.create_organization(&mgmt).unwrap();
    f.world
        .place_account(&AccountId::new(ACCT), &OrgParent::Root)
        .unwrap();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"sts:AssumeRole","Condition":{{"StringEquals":{{"aws:PrincipalOrgID":"{org}"}}}}}}]}}"#
    );
    let role = f
        .world
        .roles
        .values()
        .find(|r| r.arn == PARTNER)
        .unwrap()
        .role_id
        .clone();
    f.world.set_trust_policy(&role, &trust).unwrap();
    org.to_string()
}

#[test]
fn principal_org_id_in_trust_admits_member_accounts_only() {
    let mut f = fixture();
    let org = org_trust(&mut f);
    let ok = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(PARTNER, "member"),
        t0(),
    );
    assert!(ok.result.is_ok(), "{:?}", ok.gates);
    f.world
        .remove_account_from_organization(&AccountId::new(ACCT))
        .unwrap();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(PARTNER, "outsider"),
        t0(),
    );
    let gate = out.gates.failed().unwrap();
    assert_eq!(gate.name, "trust_policy");
    let cmp = gate
        .compared
        .iter()
        .find(|c| c.key == "aws:PrincipalOrgID")
        .unwrap();
    assert_eq!(cmp.expected, vec![org]);
    assert_eq!(
        cmp.actual, None,
        "an account outside the organization has no aws:PrincipalOrgID"
    );
}

#[test]
fn an_scp_denying_assume_role_stops_the_caller_at_the_identity_gate() {
    let mut f = fixture();
    org_trust(&mut f);
    let deny = f
        .world
        .create_org_policy(
            OrgPolicyType::ServiceControlPolicy,
            "NoAssumeRole",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}"#,
        )
        .unwrap();
    f.world
        .attach_org_policy(&deny, &OrgTarget::Account(AccountId::new(ACCT)))
        .unwrap();
    let out = assume_role(
        &f.world,
        &mut f.state,
        &f.alice_key,
        &req(PARTNER, "scp"),
        t0(),
    );
    assert_eq!(out.gates.failed().unwrap().name, "identity_policy");
    assert_eq!(
        out.result.unwrap_err().message(),
        "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/Partner"
    );
}
