//! Gate and trace-step names are enums whose JSON is exactly the strings saved documents,
//! share links and `iam-eval` output have always carried.

use iam_playground::sim::eval::{EvalGate, StepOutcome};
use iam_playground::sim::sts::GateName;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Today's names of the STS checks and a played flow's steps, as saved in timelines and flows.
const STS_GATES: [(GateName, &str); 23] = [
    (GateName::Credentials, "credentials"),
    (GateName::Parameters, "parameters"),
    (GateName::RootCaller, "root_caller"),
    (GateName::RoleExists, "role_exists"),
    (GateName::Mfa, "mfa"),
    (GateName::IdentityPolicy, "identity_policy"),
    (GateName::TrustPolicy, "trust_policy"),
    (GateName::Condition, "condition"),
    (GateName::IdentityTagSession, "identity_tag_session"),
    (GateName::TagSession, "tag_session"),
    (GateName::SessionTags, "session_tags"),
    (GateName::SourceIdentity, "source_identity"),
    (
        GateName::IdentitySetSourceIdentity,
        "identity_set_source_identity",
    ),
    (GateName::SetSourceIdentity, "set_source_identity"),
    (GateName::Duration, "duration"),
    (GateName::PackedPolicySize, "packed_policy_size"),
    (GateName::LongTermCredentials, "long_term_credentials"),
    (GateName::NoPolicyNeeded, "no_policy_needed"),
    (GateName::WebIdentityToken, "web_identity_token"),
    (GateName::SamlAssertion, "saml_assertion"),
    (GateName::IdentityProvider, "identity_provider"),
    (GateName::Authorization, "authorization"),
    (GateName::Issued, "issued"),
];

#[test]
fn every_sts_gate_round_trips_to_its_saved_name() {
    assert_eq!(GateName::ALL.len(), STS_GATES.len());
    for (gate, name) in STS_GATES {
        assert!(GateName::ALL.contains(&gate), "{gate:?} missing from ALL");
        assert_eq!(serde_json::to_value(gate).unwrap(), json!(name));
        assert_eq!(gate.as_str(), name);
        assert_eq!(
            serde_json::from_value::<GateName>(json!(name)).unwrap(),
            gate
        );
    }
}

#[test]
fn an_unknown_gate_name_is_refused_not_defaulted() {
    assert!(serde_json::from_value::<GateName>(json!("trust")).is_err());
}

#[test]
fn every_sts_gate_has_its_own_label_and_title() {
    let labels: BTreeSet<&str> = GateName::ALL.iter().map(|g| g.label()).collect();
    let titles: BTreeSet<&str> = GateName::ALL.iter().map(|g| g.title()).collect();
    assert_eq!(labels.len(), GateName::ALL.len(), "two gates share a label");
    assert_eq!(titles.len(), GateName::ALL.len(), "two gates share a title");
    for g in GateName::ALL {
        // A title that is the saved name means a gate fell back to its identifier.
        assert_ne!(g.title(), g.as_str(), "{g:?} has no plain-words title");
        assert_ne!(g.label(), g.as_str(), "{g:?} has no label");
    }
}

#[test]
fn trace_gates_and_outcomes_print_as_iam_eval_always_did() {
    let gates = [
        (EvalGate::ExplicitDeny, "explicit_deny"),
        (EvalGate::Scp, "scp"),
        (EvalGate::Rcp, "rcp"),
        (EvalGate::Resource, "resource"),
        (EvalGate::Identity, "identity"),
        (EvalGate::PermissionsBoundary, "permissions_boundary"),
        (EvalGate::Session, "session"),
    ];
    assert_eq!(EvalGate::ALL.to_vec(), gates.map(|(g, _)| g).to_vec());
    for (gate, name) in gates {
        assert_eq!(serde_json::to_value(gate).unwrap(), Value::from(name));
        assert_eq!(gate.as_str(), name);
    }
    let outcomes = [
        (StepOutcome::Pass, "pass"),
        (StepOutcome::Fail, "fail"),
        (StepOutcome::Allow, "allow"),
        (StepOutcome::NotApplicable, "not_applicable"),
    ];
    assert_eq!(StepOutcome::ALL.to_vec(), outcomes.map(|(o, _)| o).to_vec());
    for (outcome, name) in outcomes {
        assert_eq!(serde_json::to_value(outcome).unwrap(), Value::from(name));
        assert_eq!(outcome.as_str(), name);
    }
}
