//! Every compiled policy of the request, evaluated once, summed up per policy type.

use super::walk::{Said, Walk};
use super::{NamedCompiled, PolicySet};
use crate::sim::eval::combine::flow::Gathered;
use crate::sim::eval::combine::org_policies_apply;
use crate::sim::eval::matching::PrincipalMatch;
use crate::sim::eval::{EvalRequest, PolicyType};

/// Evaluates SCPs, RCPs, the resource policy, identity policies, boundary and session
/// policies, in the plain evaluator's order. Without a trace, SCPs and RCPs that do not
/// apply are skipped (nothing reads them then).
pub(super) fn gather(
    req: &EvalRequest,
    set: &PolicySet,
    walk: &Walk<'_>,
    res_account: &str,
) -> Gathered {
    let caller = walk.env.caller;
    let scp_applies = !set.scps.is_empty() && org_policies_apply(req, caller, &caller.account);
    let rcp_applies = !set.rcps.is_empty() && org_policies_apply(req, caller, res_account);
    let mut g = Sum {
        walk,
        out: Gathered {
            policies: Vec::new(),
            denier: None,
            scp_applies,
            rcp_applies,
            scp_ok: true,
            rcp_ok: true,
            resource_match: PrincipalMatch::None,
            identity_ok: false,
            boundary_ok: true,
            session_ok: set.session_policies.is_empty(),
        },
    };
    g.out.scp_ok = g.levels(&set.scps, PolicyType::Scp, scp_applies);
    g.out.rcp_ok = g.levels(&set.rcps, PolicyType::Rcp, rcp_applies);
    if let Some(p) = &set.resource_policy {
        let (allows, best) = g.one(PolicyType::Resource, p, None, true);
        g.out.resource_match = if allows { best } else { PrincipalMatch::None };
    }
    for p in &set.identity_policies {
        g.out.identity_ok |= g.one(PolicyType::Identity, p, None, true).0;
    }
    if let Some(p) = &set.permissions_boundary {
        g.out.boundary_ok = g.one(PolicyType::PermissionsBoundary, p, None, true).0;
    }
    for p in &set.session_policies {
        g.out.session_ok |= g.one(PolicyType::Session, p, None, true).0;
    }
    g.out
}

struct Sum<'w, 'a> {
    walk: &'w Walk<'a>,
    out: Gathered,
}

impl Sum<'_, '_> {
    /// Evaluates one policy: whether it allows, and its best principal match.
    fn one(
        &mut self,
        t: PolicyType,
        p: &NamedCompiled,
        level: Option<usize>,
        applies: bool,
    ) -> (bool, PrincipalMatch) {
        let Said {
            allows,
            denies,
            best,
            trace,
        } = self.walk.policy(t, p, level, applies);
        if applies && denies && self.out.denier.is_none() {
            self.out.denier = Some((t, p.name.clone()));
        }
        self.out.policies.extend(trace);
        (allows, best)
    }

    /// Whether every level has a policy that allows.
    fn levels(&mut self, levels: &[Vec<NamedCompiled>], t: PolicyType, applies: bool) -> bool {
        if !applies && !self.walk.trace {
            return true;
        }
        let mut all_levels = true;
        for (i, level) in levels.iter().enumerate() {
            let mut any = false;
            for p in level {
                any |= self.one(t, p, Some(i), applies).0;
            }
            all_levels &= any;
        }
        all_levels
    }
}
