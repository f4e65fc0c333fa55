//! The step list the simulator plays for each way an AssumeRole call can end.

use super::*;
use crate::sim::ids::{AccountId, EntityId};
use crate::sim::sts::{AssumeRoleRequest, SessionOrigin};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{IdentityId, World};

const A: &str = "111122223333";
const B: &str = "444455556666";

struct Fixture {
    world: World,
    state: StsState,
    alice_key: String,
    bob_key: String,
    alice: EntityId,
    deploy: EntityId,
}

fn trust(principal: &str, condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":"sts:AssumeRole"{condition}}}]}}"#
    )
}

fn allow_assume(arn: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{arn}"}}]}}"#
    )
}

fn fixture() -> Fixture {
    let mut w = World::new(7);
    let a = w.add_account(A, None).unwrap();
    let b = w.add_account(B, None).unwrap();
    let alice = w.create_user(&a, "alice", "/").unwrap();
    let bob = w.create_user(&a, "bob", "/").unwrap();
    let alice_key = w
        .create_access_key(&alice, 0)
        .unwrap()
        .access_key_id
        .to_string();
    let bob_key = w
        .create_access_key(&bob, 0)
        .unwrap()
        .access_key_id
        .to_string();
    let alice_arn = format!("arn:aws:iam::{A}:user/alice");
    let deploy = w
        .create_role(&a, "Deploy", "/", &trust(&alice_arn, ""))
        .unwrap();
    w.create_role(
        &a,
        "Vendor",
        "/",
        &trust(
            &alice_arn,
            r#","Condition":{"StringEquals":{"sts:ExternalId":"vendor-42"}}"#,
        ),
    )
    .unwrap();
    w.create_role(&b, "CrossAccount", "/", &trust(&alice_arn, ""))
        .unwrap();
    let chain = w
        .create_role(
            &a,
            "Chained",
            "/",
            &trust(&format!("arn:aws:iam::{A}:role/Deploy"), ""),
        )
        .unwrap();
    w.set_max_session_duration(&chain, 43200).unwrap();
    w.put_inline_policy(
        &IdentityId::Role(deploy.clone()),
        "Chain",
        &allow_assume(&format!("arn:aws:iam::{A}:role/Chained")),
    )
    .unwrap();
    let state = StsState::new(7);
    Fixture {
        alice: EntityId::User(alice.clone()),
        deploy: EntityId::Role(deploy.clone()),
        world: w,
        state,
        alice_key,
        bob_key,
    }
}

fn req(role: &str, account: &str) -> AssumeRoleRequest {
    AssumeRoleRequest {
        role_arn: format!("arn:aws:iam::{account}:role/{role}"),
        role_session_name: "alice-session".into(),
        duration_seconds: Some(3600),
        ..Default::default()
    }
}

fn now() -> SimTime {
    SimTime::WORLD_EPOCH
}

fn gates(f: &Flow) -> Vec<(&str, bool)> {
    f.steps
        .iter()
        .map(|s| (s.gate.as_str(), s.passed))
        .collect()
}

fn refused(f: &Flow) -> (&str, &str, Option<&Hint>) {
    match &f.outcome {
        FlowOutcome::Refused {
            code,
            message,
            hint,
            ..
        } => (code, message, hint.as_ref()),
        FlowOutcome::Issued { .. } => panic!("expected a refusal"),
    }
}

#[test]
fn success_plays_every_check_then_issues_asia_credentials() {
    let mut f = fixture();
    let key = f.alice_key.clone();
    let flow = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    assert_eq!(
        gates(&flow),
        vec![
            ("credentials", true),
            ("parameters", true),
            ("root_caller", true),
            ("role_exists", true),
            ("identity_policy", true),
            ("trust_policy", true),
            ("duration", true),
            ("packed_policy_size", true),
            ("issued", true),
        ]
    );
    let FlowOutcome::Issued {
        access_key_id,
        response: Some(json),
    } = &flow.outcome
    else {
        panic!("expected credentials");
    };
    assert!(access_key_id.starts_with("ASIA"));
    assert_eq!(json["Credentials"]["AccessKeyId"], access_key_id.as_str());
    assert_eq!(
        json["AssumedRoleUser"]["Arn"],
        format!("arn:aws:sts::{A}:assumed-role/Deploy/alice-session")
    );
    assert_eq!(json["PackedPolicySize"], 0);
    // The trust step is drawn from alice to Deploy on the canvas.
    let trust = flow
        .steps
        .iter()
        .find(|s| s.gate == "trust_policy")
        .unwrap();
    assert_eq!(trust.entities, vec![f.alice.clone(), f.deploy.clone()]);
    assert_eq!(flow.failed_entity(), None);
}

#[test]
fn trust_refusal_stops_at_the_trust_gate_with_the_statement_to_add() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_roles.html; the message is
    // the role trust policy text of "Troubleshoot access denied error messages".
    let mut f = fixture();
    let key = f.bob_key.clone();
    let flow = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    assert_eq!(
        flow.steps.last().map(|s| s.gate.as_str()),
        Some("trust_policy")
    );
    assert_eq!(
        flow.failed_step().map(|s| s.gate.as_str()),
        Some("trust_policy")
    );
    let (code, message, hint) = refused(&flow);
    assert_eq!(code, "AccessDenied");
    assert_eq!(
        message,
        format!("User: arn:aws:iam::{A}:user/bob is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action")
    );
    let hint = hint.unwrap();
    assert_eq!(hint.text, "Add this statement to the trust policy:");
    let stmt: serde_json::Value = serde_json::from_str(hint.snippet.as_deref().unwrap()).unwrap();
    assert_eq!(
        stmt["Principal"]["AWS"],
        format!("arn:aws:iam::{A}:user/bob")
    );
    assert_eq!(stmt["Action"], "sts:AssumeRole");
    assert_eq!(flow.failed_entity(), Some(f.deploy.clone()));
    // The canvas marks the role, where the trust policy lives, with AWS's code and the check.
    assert_eq!(
        flow.refusal_label().as_deref(),
        Some("AccessDenied · trust policy")
    );
}

#[test]
fn cross_account_needs_the_callers_own_policy_too() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
    let mut f = fixture();
    let key = f.alice_key.clone();
    let flow = run_assume_role(&f.world, &mut f.state, &key, &req("CrossAccount", B), now());
    assert_eq!(
        flow.failed_step().map(|s| s.gate.as_str()),
        Some("identity_policy")
    );
    assert_eq!(flow.steps.last().map(|s| s.passed), Some(false));
    let (code, _, hint) = refused(&flow);
    assert_eq!(code, "AccessDenied");
    let hint = hint.unwrap();
    assert_eq!(
        hint.text,
        format!("Allow sts:AssumeRole on arn:aws:iam::{B}:role/CrossAccount in alice's policies:")
    );
    assert_eq!(flow.failed_entity(), Some(f.alice.clone()));
    assert_eq!(
        flow.refusal_label().as_deref(),
        Some("AccessDenied · caller's policy")
    );
}

#[test]
fn condition_refusal_names_the_key_and_the_values_compared() {
    let mut f = fixture();
    let key = f.alice_key.clone();
    let flow = run_assume_role(&f.world, &mut f.state, &key, &req("Vendor", A), now());
    let tail: Vec<_> = gates(&flow).into_iter().rev().take(2).collect();
    assert_eq!(tail, vec![("condition", false), ("trust_policy", true)]);
    let step = flow.failed_step().unwrap();
    assert_eq!(step.title, "Trust condition StringEquals sts:ExternalId");
    assert_eq!(step.compared[0].expected, vec!["vendor-42".to_string()]);
    assert_eq!(step.compared[0].actual, None);
    let (_, _, hint) = refused(&flow);
    assert_eq!(
        hint.unwrap().snippet.as_deref(),
        Some("--external-id vendor-42")
    );

    let mut ok = req("Vendor", A);
    ok.external_id = Some("vendor-42".into());
    let flow = run_assume_role(&f.world, &mut f.state, &key, &ok, now());
    assert!(flow.steps.iter().any(|s| s.gate == "condition" && s.passed));
    assert!(flow.failed_step().is_none());
    assert_eq!(flow.refusal_label(), None);
}

#[test]
fn duration_above_the_role_maximum_is_refused_with_the_limit() {
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds)
    let mut f = fixture();
    let key = f.alice_key.clone();
    let mut long = req("Deploy", A);
    long.duration_seconds = Some(7200);
    let flow = run_assume_role(&f.world, &mut f.state, &key, &long, now());
    assert_eq!(
        flow.failed_step().map(|s| s.gate.as_str()),
        Some("duration")
    );
    let (code, message, hint) = refused(&flow);
    assert_eq!(code, "ValidationError");
    assert_eq!(
        message,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
    );
    let hint = hint.unwrap();
    assert!(hint
        .text
        .starts_with("Lower the duration to at most 3600 seconds"));
    assert_eq!(hint.snippet.as_deref(), Some("--duration-seconds 3600"));
}

#[test]
fn chained_session_capped_at_one_hour() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
    let mut f = fixture();
    let key = f.alice_key.clone();
    let first = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    let FlowOutcome::Issued { access_key_id, .. } = first.outcome else {
        panic!("alice assumes Deploy");
    };
    let mut chained = req("Chained", A);
    chained.duration_seconds = Some(7200);
    let flow = run_assume_role(&f.world, &mut f.state, &access_key_id, &chained, now());
    assert_eq!(
        flow.failed_step().map(|s| s.gate.as_str()),
        Some("duration")
    );
    assert_eq!(flow.participants.caller_name, "Deploy/alice-session");
    let (_, message, hint) = refused(&flow);
    assert!(message.contains("1 hour session limit for roles assumed by role chaining"));
    assert!(hint
        .unwrap()
        .text
        .starts_with("Role chaining limits a session to one hour"));

    chained.duration_seconds = Some(3600);
    let ok = run_assume_role(&f.world, &mut f.state, &access_key_id, &chained, now());
    assert!(ok.failed_step().is_none());
}

#[test]
fn root_user_cannot_assume_roles() {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html
    let mut f = fixture();
    let root = format!("arn:aws:iam::{A}:root");
    let flow = run_assume_role(&f.world, &mut f.state, &root, &req("Deploy", A), now());
    assert_eq!(
        gates(&flow),
        vec![
            ("credentials", true),
            ("parameters", true),
            ("root_caller", false)
        ]
    );
    let (code, message, hint) = refused(&flow);
    assert_eq!(
        (code, message),
        ("AccessDenied", "Roles may not be assumed by root accounts.")
    );
    assert!(hint
        .unwrap()
        .text
        .starts_with("The root user cannot assume roles"));
    assert_eq!(
        flow.failed_entity(),
        Some(EntityId::Account(AccountId::new(A)))
    );
}

#[test]
fn expired_caller_fails_at_the_first_gate_with_expired_token() {
    // https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
    let mut f = fixture();
    let key = f.alice_key.clone();
    let first = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    let FlowOutcome::Issued { access_key_id, .. } = first.outcome else {
        panic!("alice assumes Deploy");
    };
    let later = now().plus(SimDuration::from_hours(1));
    let flow = run_assume_role(
        &f.world,
        &mut f.state,
        &access_key_id,
        &req("Chained", A),
        later,
    );
    assert_eq!(gates(&flow), vec![("credentials", false)]);
    let (code, message, _) = refused(&flow);
    assert_eq!(code, "ExpiredToken");
    assert_eq!(
        message,
        "The security token included in the request is expired"
    );
    assert_eq!(flow.participants.caller_name, "Deploy/alice-session");
}

#[test]
fn replay_from_the_timeline_shows_the_same_steps() {
    let mut f = fixture();
    let key = f.bob_key.clone();
    let played = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    let event = f.state.timeline.events().last().unwrap().clone();
    let crate::sim::sts::Outcome::Error { code, message } = &event.outcome else {
        panic!("bob is refused");
    };
    let replayed = replay(
        &event.api,
        played.participants.clone(),
        &event.gates,
        None,
        Some((code, message)),
    );
    assert_eq!(replayed.steps, played.steps);
    assert_eq!(replayed.error_json(), played.error_json());
}

#[test]
fn flow_steps_name_entities_by_kind_not_canvas_ids() {
    // alice calls Deploy, then Deploy's session calls Chained: each step says which user or
    // role it is about by kind and unique id; a role session calls as its role.
    let mut f = fixture();
    let key = f.alice_key.clone();
    let first = run_assume_role(&f.world, &mut f.state, &key, &req("Deploy", A), now());
    let FlowOutcome::Issued { access_key_id, .. } = &first.outcome else {
        panic!("alice assumes Deploy");
    };
    let by_gate = |flow: &Flow, gate: GateName| {
        flow.steps
            .iter()
            .find(|s| s.gate == gate)
            .map(|s| s.entities.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        by_gate(&first, GateName::Credentials),
        vec![f.alice.clone()]
    );
    assert_eq!(
        by_gate(&first, GateName::Issued),
        vec![f.alice.clone(), f.deploy.clone()]
    );
    let chained = run_assume_role(
        &f.world,
        &mut f.state,
        access_key_id,
        &req("Chained", A),
        now(),
    );
    let chain = f
        .world
        .role_by_arn(&format!("arn:aws:iam::{A}:role/Chained"))
        .map(|r| EntityId::Role(r.role_id.clone()));
    assert_eq!(chained.participants.caller_entity, Some(f.deploy.clone()));
    assert_eq!(chained.participants.role_entity, chain);
    assert_eq!(
        by_gate(&chained, GateName::TrustPolicy),
        vec![f.deploy.clone(), chain.clone().unwrap()]
    );
    assert_eq!(by_gate(&chained, GateName::Duration), vec![chain.unwrap()]);
}

#[test]
fn workload_credentials_call_as_their_instance_or_function() {
    // A call with the credentials EC2 or Lambda handed out is drawn from the instance or the
    // function, not from the role they run as.
    let world = World::sample();
    let mut state = StsState::new(1);
    let t0 = SimTime::WORLD_EPOCH;
    super::live::advance(&world, &mut state, t0, t0);
    let mut seen = Vec::new();
    for s in &state.sessions {
        let key = s.credentials.access_key_id.to_string();
        let p = participants(
            &world,
            &state,
            &key,
            "arn:aws:iam::111122223333:role/Deploy",
        );
        let expected = match &s.origin {
            SessionOrigin::Ec2InstanceProfile { instance_id } => {
                EntityId::Ec2Instance(instance_id.clone())
            }
            SessionOrigin::LambdaExecution { function_arn, .. } => {
                EntityId::LambdaFunction(function_arn.clone())
            }
            other => panic!("only workloads hold credentials yet: {other:?}"),
        };
        assert_eq!(p.caller_entity.as_ref(), Some(&expected));
        seen.push(expected);
    }
    assert!(seen.iter().any(|e| matches!(e, EntityId::Ec2Instance(_))));
}
