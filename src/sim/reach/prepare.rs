//! Every policy of the world parsed once, in two forms: as written (for the conditions a hop
//! lists) and "optimistic" (Allow conditions removed, conditional Denies never matching), so
//! the evaluator answers "could some request be allowed?". The optimistic form is compiled
//! once for the evaluator (`sim::eval::compiled`), as reachability runs it thousands of times.

use crate::sim::eval::compiled::{CompiledPolicy, NamedCompiled};
use crate::sim::policy::{
    parse, ConditionClause, ConditionOperator, Effect, OperatorBase, Policy, PolicyKind, Scalar,
    Values,
};
use crate::sim::world::{OrgPolicyType, World};
use std::collections::HashMap;
use std::sync::Arc;

/// A condition key no request carries: a conditional Deny gets it instead of its own
/// conditions, so it never matches, and the trace shows whether its other elements did
/// (conditions are evaluated only when they do).
pub const NEVER_KEY: &str = "iam-playground:reach-never";

/// A policy in both forms.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// For the evaluator: Allow conditions removed, conditional Denies disarmed; compiled.
    pub optimistic: NamedCompiled,
    /// As written; statement `i` of both forms is the same statement.
    pub original: Arc<Policy>,
}

fn optimistic(p: &Policy) -> Policy {
    let mut p = p.clone();
    for st in &mut p.statements {
        if st.condition.is_empty() {
            continue;
        }
        st.condition = match st.effect {
            Effect::Allow => Vec::new(),
            Effect::Deny => vec![ConditionClause {
                operator: ConditionOperator::new(None, OperatorBase::StringEquals, false),
                key: NEVER_KEY.to_string(),
                values: Values::one(Scalar::String("never".to_string())),
            }],
        };
    }
    p
}

/// A policy compiled in its optimistic form, and as written.
type Forms = (Arc<CompiledPolicy>, Arc<Policy>);

/// Parsed policies by text and kind: managed policies shared by many identities are parsed
/// once.
#[derive(Default)]
pub struct PolicyCache {
    /// By kind, then text: a lookup by `&str` copies no text. With each, whether it was
    /// read since the cache was last carried over (see [`PolicyCache::policies_only`]).
    parsed: HashMap<PolicyKind, HashMap<String, (Option<Forms>, bool)>>,
    /// The SCP (0) or RCP (1) levels above each account: every principal of an account
    /// shares them.
    levels: HashMap<(String, u8), Vec<Vec<Prepared>>>,
}

impl PolicyCache {
    /// The policy `text` named `name`; `None` when it does not parse (as in `sts::authz`,
    /// a policy that cannot be read neither allows nor denies).
    pub fn get(&mut self, name: &str, text: &str, kind: PolicyKind) -> Option<Prepared> {
        let by_text = self.parsed.entry(kind).or_default();
        if !by_text.contains_key(text) {
            let forms = parse(text, kind)
                .policy
                .map(|p| (Arc::new(CompiledPolicy::new(&optimistic(&p))), Arc::new(p)));
            by_text.insert(text.to_string(), (forms, true));
        }
        let (entry, read) = by_text.get_mut(text)?;
        *read = true;
        entry.as_ref().map(|(opt, orig)| Prepared {
            optimistic: NamedCompiled::new(name, Arc::clone(opt)),
            original: Arc::clone(orig),
        })
    }

    /// The policies parsed, by text, without the organization levels (which belong to one
    /// world's accounts): what another version of the world may read through. Only the
    /// policies read since the last carry-over stay (every policy of the world is read by a
    /// full pass), so an afternoon of edits or a second imported account does not keep every
    /// text ever parsed.
    pub fn policies_only(mut self) -> PolicyCache {
        for by_text in self.parsed.values_mut() {
            by_text.retain(|_, (_, read)| std::mem::take(read));
        }
        PolicyCache {
            parsed: self.parsed,
            levels: HashMap::new(),
        }
    }

    /// The SCPs or RCPs above `account`, one list per level.
    pub fn org_levels(
        &mut self,
        world: &World,
        account: &str,
        t: OrgPolicyType,
    ) -> Vec<Vec<Prepared>> {
        let (kind, slot) = match t {
            OrgPolicyType::ResourceControlPolicy => (PolicyKind::Rcp, 1),
            _ => (PolicyKind::Scp, 0),
        };
        let key = (account.to_string(), slot);
        if let Some(found) = self.levels.get(&key) {
            return found.clone();
        }
        let found: Vec<Vec<Prepared>> = world
            .org_policies_for_account(&crate::sim::ids::AccountId::new(account), t)
            .unwrap_or_default()
            .iter()
            .map(|l| {
                l.policies
                    .iter()
                    .filter_map(|(name, text)| self.get(name, text, kind))
                    .collect()
            })
            .collect();
        self.levels.insert(key, found.clone());
        found
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests may use the standard sorts
mod tests {
    use super::*;

    const READ: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    const WRITE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#;

    fn texts(c: &PolicyCache) -> Vec<&str> {
        let mut t: Vec<&str> = c
            .parsed
            .values()
            .flat_map(|m| m.keys().map(String::as_str))
            .collect();
        t.sort_unstable();
        t
    }

    /// The page carries the parsed policies from pass to pass; a policy no pass has read
    /// since the last carry-over (deleted, or of an account no longer open) is let go.
    #[test]
    fn a_carried_cache_keeps_only_the_policies_read_since_it_was_last_carried() {
        let mut c = PolicyCache::default();
        assert!(c.get("read", READ, PolicyKind::Identity).is_some());
        assert!(c.get("write", WRITE, PolicyKind::Identity).is_some());
        let mut c = c.policies_only();
        assert_eq!(texts(&c), vec![READ, WRITE]);
        // The next world holds only the read policy.
        assert!(c.get("read", READ, PolicyKind::Identity).is_some());
        let c = c.policies_only();
        assert_eq!(texts(&c), vec![READ], "the write policy, unread, is let go");
    }
}
