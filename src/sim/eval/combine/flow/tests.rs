//! The flow chart's order, and that a gate which answers ends the walk.

use super::*;

const ALICE: &str = "arn:aws:iam::111122223333:user/alice";
const OBJECT: &str = "arn:aws:s3:::reports/q1.csv";

/// Everything the policies could say in favour: no Deny, organization policies apply and
/// allow, identity, boundary and session allow, the resource policy names no one.
fn all_allow() -> Gathered {
    Gathered {
        policies: Vec::new(),
        denier: None,
        scp_applies: true,
        rcp_applies: true,
        scp_ok: true,
        rcp_ok: true,
        resource_match: PrincipalMatch::None,
        identity_ok: true,
        boundary_ok: true,
        session_ok: true,
    }
}

/// Everything the policies could say against, short of a Deny.
fn nothing_allows() -> Gathered {
    Gathered {
        scp_ok: false,
        rcp_ok: false,
        identity_ok: false,
        boundary_ok: false,
        session_ok: false,
        ..all_allow()
    }
}

/// Decides `req` on an object in account 111122223333 (alice's), from what the policies said.
fn decide_for(req: &EvalRequest, gathered: Gathered, traced: bool) -> EvalResult {
    let Ok(caller) = Caller::from_principal(&req.principal) else {
        unreachable!("the tests' callers are valid");
    };
    let ctx = RequestContext::for_request(req, &caller);
    let facts = Facts {
        req,
        caller: &caller,
        ctx: &ctx,
        resource_arn: OBJECT,
        res_account: "111122223333",
    };
    decide(&facts, gathered, traced)
}

fn alice() -> EvalRequest {
    EvalRequest::new(ALICE, "s3:GetObject", OBJECT)
}

fn gates(r: &EvalResult) -> Vec<(G, O)> {
    r.trace.steps.iter().map(|s| (s.gate, s.outcome)).collect()
}

#[test]
fn flow_chart_runs_gates_in_aws_order() {
    assert_eq!(
        FLOW,
        [
            Gate::ExplicitDeny,
            Gate::Scp,
            Gate::Rcp,
            Gate::ServicePrincipal,
            Gate::SameAccount,
            Gate::CrossAccount,
        ]
    );
    // A same-account request every policy type allows passes the trace's gates in their
    // order, each once.
    let r = decide_for(&alice(), all_allow(), true);
    assert_eq!(r.decision, Decision::Allowed);
    assert_eq!(
        gates(&r),
        [
            (G::ExplicitDeny, O::Pass),
            (G::Scp, O::Pass),
            (G::Rcp, O::Pass),
            (G::Identity, O::Pass),
            (G::PermissionsBoundary, O::Pass),
            (G::Session, O::Pass),
        ]
    );
}

#[test]
fn explicit_deny_stops_before_scp_and_identity_gates() {
    let r = decide_for(
        &alice(),
        Gathered {
            denier: Some((PolicyType::Identity, "DenyReports".to_string())),
            ..nothing_allows()
        },
        true,
    );
    assert_eq!(r.decision, Decision::ExplicitlyDenied);
    assert_eq!(r.decided_by, PolicyType::Identity);
    assert_eq!(gates(&r), [(G::ExplicitDeny, O::Fail)]);
    assert!(
        r.trace.steps.iter().all(|s| s.note.contains("DenyReports")),
        "{:?}",
        r.trace.steps
    );
}

#[test]
fn a_failing_scp_stops_before_rcp_and_identity_gates() {
    let r = decide_for(&alice(), nothing_allows(), true);
    assert_eq!(r.decision, Decision::ImplicitlyDenied);
    assert_eq!(r.decided_by, PolicyType::Scp);
    assert_eq!(gates(&r), [(G::ExplicitDeny, O::Pass), (G::Scp, O::Fail)]);
}

#[test]
fn a_service_principal_is_answered_before_the_same_account_gate() {
    let mut req = EvalRequest::new("", "s3:GetObject", OBJECT);
    req.principal.service = Some("cloudtrail.amazonaws.com".to_string());
    req.principal.account = "111122223333".to_string();
    // Naming only the account would not do for an IAM caller without an identity policy;
    // the service principal's own gate answers first.
    let said = || Gathered {
        scp_applies: false,
        rcp_applies: false,
        resource_match: PrincipalMatch::Account,
        ..nothing_allows()
    };
    let r = decide_for(&req, said(), true);
    assert_eq!(r.decision, Decision::Allowed);
    assert_eq!(r.decided_by, PolicyType::Resource);
    assert_eq!(
        gates(&r),
        [
            (G::ExplicitDeny, O::Pass),
            (G::Scp, O::NotApplicable),
            (G::Rcp, O::NotApplicable),
            (G::Resource, O::Allow),
        ]
    );
    let user = decide_for(&alice(), said(), true);
    assert_eq!(user.decision, Decision::ImplicitlyDenied);
    assert_eq!(user.decided_by, PolicyType::Identity);
}

#[test]
fn an_untraced_walk_answers_alike_and_records_nothing() {
    let said = || Gathered {
        boundary_ok: false,
        ..all_allow()
    };
    let traced = decide_for(&alice(), said(), true);
    let untraced = decide_for(&alice(), said(), false);
    assert_eq!(traced.decided_by, PolicyType::PermissionsBoundary);
    assert_eq!(
        (untraced.decision, untraced.decided_by, &untraced.message),
        (traced.decision, traced.decided_by, &traced.message)
    );
    assert!(!traced.trace.steps.is_empty());
    assert_eq!(untraced.trace, Trace::default());
}
