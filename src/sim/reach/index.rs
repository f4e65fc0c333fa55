//! Whom trust policies name (the roles a caller could possibly assume, before any
//! evaluation), and the graph's questions about a world that need no evaluation.

use super::graph::Graph;
use super::start::Start;
use crate::sim::ids::RoleId;
use crate::sim::policy::{Effect, Policy, PrincipalType, PrincipalValue};
use std::collections::HashMap;
use std::sync::Arc;

/// Which roles' trust policies could name a caller (Allow statements only).
#[derive(Default)]
pub struct TrustIndex {
    /// Roles naming a user, role or session ARN.
    pub by_arn: HashMap<String, Vec<RoleId>>,
    /// Roles naming an account (its id or `...:root`).
    pub by_account: HashMap<String, Vec<RoleId>>,
    /// Roles naming a service principal (lower case).
    pub by_service: HashMap<String, Vec<RoleId>>,
    /// Roles naming an identity provider (`Federated`).
    pub by_provider: HashMap<String, Vec<RoleId>>,
    /// Roles naming `*`, or using `NotPrincipal` in an Allow.
    pub anyone: Vec<RoleId>,
}

impl TrustIndex {
    /// Indexes whom the Allow statements of `role`'s trust policy name.
    pub fn add(&mut self, role: &RoleId, policy: &crate::sim::policy::Policy) {
        for st in policy
            .statements
            .iter()
            .filter(|s| s.effect == Effect::Allow)
        {
            let Some(p) = &st.principal else { continue };
            let map = match (&p.value, p.negated) {
                (PrincipalValue::Map(m), false) => m,
                _ => {
                    self.anyone.push(role.clone());
                    continue;
                }
            };
            for (t, values) in map {
                for v in &values.items {
                    let bucket = match t {
                        PrincipalType::Aws if v == "*" => {
                            self.anyone.push(role.clone());
                            continue;
                        }
                        PrincipalType::Aws if v.len() == 12 => &mut self.by_account,
                        PrincipalType::Aws if v.ends_with(":root") => {
                            let acct = v.split(':').nth(4).unwrap_or_default().to_string();
                            self.by_account.entry(acct).or_default().push(role.clone());
                            continue;
                        }
                        PrincipalType::Aws => &mut self.by_arn,
                        PrincipalType::Service => {
                            let key = v.to_ascii_lowercase();
                            self.by_service.entry(key).or_default().push(role.clone());
                            continue;
                        }
                        PrincipalType::Federated => &mut self.by_provider,
                        PrincipalType::CanonicalUser => continue,
                    };
                    bucket.entry(v.clone()).or_default().push(role.clone());
                }
            }
        }
    }
}

impl Graph<'_> {
    /// Roles of `account` whose trust policy names the service principal `service`.
    pub fn service_roles(&self, service: &str, account: &str) -> Vec<RoleId> {
        let service = service.to_ascii_lowercase();
        let mut ids: Vec<RoleId> = self
            .index
            .by_service
            .get(&service)
            .into_iter()
            .flatten()
            .chain(self.index.anyone.iter())
            .filter(|id| self.may_target(id))
            .filter(|id| {
                self.world
                    .roles
                    .get(*id)
                    .is_some_and(|r| r.account.as_str() == account)
            })
            .cloned()
            .collect();
        crate::sim::sorting::sort(&mut ids);
        ids.dedup();
        ids
    }
}

impl Graph<'_> {
    /// Principals that start paths without being users or roles of the world: identity
    /// providers, service principals trust policies name, and ARNs outside the world that
    /// trust policies name.
    pub fn external_starts(&self) -> Vec<Start> {
        let mut out: Vec<Start> = self
            .world
            .identity_providers
            .iter()
            .map(|p| match p {
                crate::sim::world::IdentityProvider::Oidc(o) => Start::WebIdentity(o.arn.clone()),
                crate::sim::world::IdentityProvider::Saml(s) => Start::Saml(s.arn.clone()),
            })
            .collect();
        out.extend(
            self.index
                .by_service
                .keys()
                .map(|s| Start::Service(s.clone())),
        );
        for arn in self.index.by_arn.keys() {
            let known =
                self.world.user_by_arn(arn).is_some() || self.world.role_by_arn(arn).is_some();
            if let (false, Some(account)) = (known, arn.split(':').nth(4)) {
                out.push(Start::Outside {
                    arn: arn.clone(),
                    account: account.to_string(),
                });
            }
        }
        out
    }
}

impl Graph<'_> {
    /// Whether any Allow statement of the caller's identity policies could grant `action`
    /// (a `NotAction` could): most principals hold no IAM write action or `iam:PassRole`,
    /// and this skips them without evaluating.
    pub fn mentions(&mut self, start: &Start, action: &str) -> bool {
        let Some(caller) = self.caller(start) else {
            return false;
        };
        let policies: Vec<Arc<Policy>> = caller.identity_originals().to_vec();
        policies.iter().any(|p| {
            let (_, known) = self
                .mentioned
                .entry(Arc::as_ptr(p) as usize)
                .or_insert_with(|| (p.clone(), HashMap::new()));
            if let Some(m) = known.get(action) {
                return *m;
            }
            let m = p.statements.iter().any(|s| {
                s.effect == Effect::Allow
                    && (s.action.negated
                        || s.action
                            .values
                            .items
                            .iter()
                            .any(|a| crate::sim::policy::wildcard::action_matches(a, action)))
            });
            known.insert(action.to_string(), m);
            m
        })
    }
}

impl Graph<'_> {
    /// Whether the role's trust policy names a service principal (or anyone).
    pub fn trusts_a_service(&self, role: &RoleId) -> bool {
        self.index.anyone.contains(role) || self.index.by_service.values().any(|v| v.contains(role))
    }
}
