//! "An identity provider's token" as caller: an OIDC provider in the world issues a token with
//! the chosen `sub` and `aud`, and the flow plays `AssumeRoleWithWebIdentity` with it.
//! https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc.html

use super::{flow, Flow, Participants};
use crate::sim::ids::EntityId;
use crate::sim::sts::federation::{assume_role_with_web_identity, issue_web_identity_token};
use crate::sim::sts::{AssumeRoleWithWebIdentityRequest, StsState};
use crate::sim::time::{SimDuration, SimTime};
use crate::sim::world::{IdentityProvider, World};
use std::collections::BTreeMap;

/// One OIDC provider the form offers as "OIDC token from HOST".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcChoice {
    /// The issuer host as condition keys spell it (`token.actions.githubusercontent.com`).
    pub issuer: String,
    /// The provider's ARN (also its canvas node).
    pub provider_arn: String,
    /// What the person sees.
    pub label: String,
    /// The first client id: the audience a token usually carries.
    pub audience: String,
}

/// The world's OIDC providers, in order.
pub fn oidc_callers(world: &World) -> Vec<OidcChoice> {
    world
        .identity_providers
        .iter()
        .filter_map(|p| match p {
            IdentityProvider::Oidc(o) => {
                let issuer = o
                    .url
                    .trim_start_matches("https://")
                    .trim_end_matches('/')
                    .to_string();
                Some(OidcChoice {
                    label: format!("OIDC token from {issuer}"),
                    provider_arn: o.arn.clone(),
                    audience: o
                        .client_ids
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "sts.amazonaws.com".to_string()),
                    issuer,
                })
            }
            IdentityProvider::Saml(_) => None,
        })
        .collect()
}

/// A default `sub` for an issuer: GitHub's format for a push to main of `octo-org/octo-repo`.
/// https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
pub fn default_subject(issuer: &str) -> String {
    if issuer == crate::sim::sts::tokens::GITHUB_ACTIONS_ISSUER {
        "repo:octo-org/octo-repo:ref:refs/heads/main".to_string()
    } else {
        "user-1".to_string()
    }
}

/// What the web-identity form sends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WebIdentityCall {
    /// The issuer host.
    pub issuer: String,
    /// The token's `sub`.
    pub sub: String,
    /// The token's `aud`.
    pub aud: String,
    /// The role to assume.
    pub role_arn: String,
    /// `RoleSessionName`.
    pub role_session_name: String,
    /// `DurationSeconds`, if given.
    pub duration_seconds: Option<i64>,
}

/// Issues a token from `call.issuer` (valid 5 minutes, like GitHub's), calls
/// `sts:AssumeRoleWithWebIdentity` with it (recording it on the timeline) and returns the flow.
pub fn run_assume_role_with_web_identity(
    world: &World,
    state: &mut StsState,
    call: &WebIdentityCall,
    now: SimTime,
) -> Flow {
    let token = issue_web_identity_token(
        state,
        &call.issuer,
        &call.sub,
        &call.aud,
        BTreeMap::new(),
        SimDuration::from_mins(5),
        now,
    );
    // STS takes the provider registered in the role's own account (each account registers
    // its own for the same issuer); the flow names that one, as the timeline records it.
    let account = |arn: &str| arn.split(':').nth(4).map(str::to_string);
    let same_issuer: Vec<OidcChoice> = oidc_callers(world)
        .into_iter()
        .filter(|c| c.issuer == token.issuer)
        .collect();
    let role_account = account(&call.role_arn);
    let provider = same_issuer
        .iter()
        .find(|c| account(&c.provider_arn) == role_account)
        .or(same_issuer.first())
        .cloned();
    let p = Participants {
        caller_arn: provider
            .as_ref()
            .map_or_else(|| call.issuer.clone(), |c| c.provider_arn.clone()),
        caller_name: format!("{} ({})", call.sub, token.issuer),
        caller_role_arn: None,
        caller_entity: provider.map(|c| EntityId::IdentityProvider(c.provider_arn)),
        caller_role_entity: None,
        role_entity: world
            .role_by_arn(&call.role_arn)
            .map(|r| EntityId::Role(r.role_id.clone())),
        role_arn: call.role_arn.clone(),
        resource_entity: None,
    };
    let req = AssumeRoleWithWebIdentityRequest {
        role_arn: call.role_arn.clone(),
        role_session_name: call.role_session_name.clone(),
        web_identity_token: token.id,
        duration_seconds: call.duration_seconds,
        ..Default::default()
    };
    let outcome = assume_role_with_web_identity(world, state, &req, now);
    let result = match &outcome.result {
        Ok(r) => {
            let mut json = r.to_json();
            if let Some(o) = json.as_object_mut() {
                o.insert(
                    "Credentials".to_string(),
                    r.assumed.credentials.to_cli_json(),
                );
            }
            Ok((r.assumed.credentials.access_key_id.to_string(), Some(json)))
        }
        Err(e) => Err(e),
    };
    flow("AssumeRoleWithWebIdentity", p, &outcome.gates.0, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::flow::FlowOutcome;
    use crate::sim::ids::AccountId;

    const GH: &str = "token.actions.githubusercontent.com";
    const ROLE: &str = "arn:aws:iam::111122223333:role/GitHubDeploy";

    fn github_world() -> World {
        let mut w = World::new(3);
        let a = w.add_account("111122223333", None).unwrap();
        let provider = w
            .create_oidc_provider(
                &AccountId::new("111122223333"),
                "https://token.actions.githubusercontent.com",
                vec!["sts.amazonaws.com".into()],
                vec![],
            )
            .unwrap();
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"{GH}:aud":"sts.amazonaws.com"}},"StringLike":{{"{GH}:sub":"repo:octo-org/octo-repo:*"}}}}}}]}}"#
        );
        w.create_role(&a, "GitHubDeploy", "/", &trust).unwrap();
        w
    }

    fn call(sub: &str) -> WebIdentityCall {
        WebIdentityCall {
            issuer: GH.into(),
            sub: sub.into(),
            aud: "sts.amazonaws.com".into(),
            role_arn: ROLE.into(),
            role_session_name: "GitHubActions".into(),
            duration_seconds: None,
        }
    }

    /// Two accounts each register GitHub's issuer; the role is in the second. STS uses the
    /// provider in the role's account, and the flow names that one as the caller, as the
    /// timeline records it.
    #[test]
    fn the_flow_names_the_provider_in_the_roles_account_when_two_register_the_issuer() {
        let mut w = World::new(3);
        let first = w.add_account("444455556666", None).unwrap();
        w.create_oidc_provider(
            &first,
            "https://token.actions.githubusercontent.com",
            vec!["sts.amazonaws.com".into()],
            vec![],
        )
        .unwrap();
        let a = w.add_account("111122223333", None).unwrap();
        let provider = w
            .create_oidc_provider(
                &a,
                "https://token.actions.githubusercontent.com",
                vec!["sts.amazonaws.com".into()],
                vec![],
            )
            .unwrap();
        let trust = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Federated":"{provider}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"{GH}:aud":"sts.amazonaws.com"}}}}}}]}}"#
        );
        w.create_role(&a, "GitHubDeploy", "/", &trust).unwrap();
        let mut s = StsState::new(1);
        let f = run_assume_role_with_web_identity(
            &w,
            &mut s,
            &call(&default_subject(GH)),
            SimTime::WORLD_EPOCH,
        );
        let expected = format!("arn:aws:iam::111122223333:oidc-provider/{GH}");
        assert!(matches!(f.outcome, FlowOutcome::Issued { .. }), "{f:?}");
        assert_eq!(
            f.participants.caller_entity,
            Some(EntityId::IdentityProvider(expected.clone()))
        );
        assert_eq!(
            s.timeline
                .events()
                .last()
                .and_then(|e| e.identity_provider.clone()),
            Some(expected)
        );
    }

    #[test]
    fn the_github_provider_is_offered_as_an_oidc_caller() {
        let c = oidc_callers(&github_world());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].label, format!("OIDC token from {GH}"));
        assert_eq!(c[0].audience, "sts.amazonaws.com");
    }

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
    #[test]
    fn a_main_branch_token_of_the_trusted_repo_gets_a_session() {
        let w = github_world();
        let mut s = StsState::new(1);
        let f = run_assume_role_with_web_identity(
            &w,
            &mut s,
            &call(&default_subject(GH)),
            SimTime::WORLD_EPOCH,
        );
        let FlowOutcome::Issued { response, .. } = &f.outcome else {
            panic!("{f:?}")
        };
        let json = response.as_ref().unwrap();
        assert_eq!(
            json["AssumedRoleUser"]["Arn"],
            "arn:aws:sts::111122223333:assumed-role/GitHubDeploy/GitHubActions"
        );
        let gates: Vec<&str> = f.steps.iter().map(|s| s.gate.as_str()).collect();
        assert!(gates.contains(&"web_identity_token"), "{gates:?}");
        assert!(gates.contains(&"condition"), "{gates:?}");
        assert_eq!(gates.last(), Some(&"issued"));
        assert_eq!(s.sessions.len(), 1);
        assert_eq!(
            f.participants.caller_entity,
            Some(EntityId::IdentityProvider(format!(
                "arn:aws:iam::111122223333:oidc-provider/{GH}"
            )))
        );
    }

    // AWS refuses with AccessDenied "Not authorized to perform sts:AssumeRoleWithWebIdentity".
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
    #[test]
    fn another_repo_is_refused_at_the_sub_condition_with_the_values_compared() {
        let w = github_world();
        let mut s = StsState::new(1);
        let f = run_assume_role_with_web_identity(
            &w,
            &mut s,
            &call("repo:evil-org/evil-repo:ref:refs/heads/main"),
            SimTime::WORLD_EPOCH,
        );
        let FlowOutcome::Refused {
            code,
            message,
            cli_text,
            ..
        } = &f.outcome
        else {
            panic!("{f:?}")
        };
        assert_eq!(code, "AccessDenied");
        assert_eq!(
            message,
            "Not authorized to perform sts:AssumeRoleWithWebIdentity"
        );
        assert!(
            cli_text.contains("AssumeRoleWithWebIdentity operation"),
            "{cli_text}"
        );
        let failed = f.failed_step().unwrap();
        assert_eq!(failed.gate, "condition");
        let c = &failed.compared[0];
        assert_eq!(c.key, format!("{GH}:sub"));
        assert_eq!(c.expected, vec!["repo:octo-org/octo-repo:*".to_string()]);
        assert_eq!(
            c.actual,
            Some(vec![
                "repo:evil-org/evil-repo:ref:refs/heads/main".to_string()
            ])
        );
        assert!(s.sessions.is_empty());
    }
}
