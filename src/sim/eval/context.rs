//! The request context: caller-supplied keys plus the global keys AWS sets itself.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>

use super::{EvalRequest, PrincipalInfo};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A context key's value: single-valued, or a set (multivalued keys like `aws:TagKeys`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ContextValue {
    /// One value.
    Single(String),
    /// A set of values (possibly empty).
    Multi(Vec<String>),
}

impl ContextValue {
    /// The values as a slice.
    pub fn values(&self) -> &[String] {
        match self {
            ContextValue::Single(s) => std::slice::from_ref(s),
            ContextValue::Multi(v) => v,
        }
    }
}

/// What kind of caller signed the request; AWS's `aws:PrincipalType` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerKind {
    /// The account root user (`Account`).
    Root,
    /// An IAM user (`User`).
    User,
    /// A role session (`AssumedRole`).
    AssumedRole,
    /// A `GetFederationToken` session (`FederatedUser`).
    FederatedUser,
    /// An AWS service principal.
    Service,
}

/// The caller, with the names policies may use for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    /// Kind.
    pub kind: CallerKind,
    /// The ARN AWS shows in messages (the session ARN for roles); the service name for services.
    pub arn: String,
    /// The account.
    pub account: String,
    /// The role ARN for sessions (`aws:PrincipalArn`).
    pub role_arn: Option<String>,
    /// The user, role session or federated user name.
    pub name: String,
}

impl Caller {
    /// Reads the caller from the principal info; `Err` explains an ARN that cannot sign requests.
    pub fn from_principal(p: &PrincipalInfo) -> Result<Caller, String> {
        if let Some(service) = &p.service {
            if p.arn.is_empty() {
                return Ok(Caller {
                    kind: CallerKind::Service,
                    arn: service.clone(),
                    account: p.account.clone(),
                    role_arn: None,
                    name: service.clone(),
                });
            }
        }
        let parts: Vec<&str> = p.arn.splitn(6, ':').collect();
        let (Some(&"arn"), Some(partition), Some(service), Some(account), Some(res)) = (
            parts.first(),
            parts.get(1),
            parts.get(2),
            parts.get(4),
            parts.get(5),
        ) else {
            return Err(format!("`{}` is not an ARN", p.arn));
        };
        let account = if p.account.is_empty() {
            account.to_string()
        } else {
            p.account.clone()
        };
        let (kind, name, role_arn) = match (*service, res.split_once('/')) {
            ("iam", None) if *res == "root" => (CallerKind::Root, account.clone(), None),
            ("iam", Some(("user", path_name))) => {
                let name = path_name.rsplit('/').next().unwrap_or(path_name);
                (CallerKind::User, name.to_string(), None)
            }
            ("sts", Some(("assumed-role", rest))) => {
                let (role, session) = rest.split_once('/').unwrap_or((rest, ""));
                let role_arn = p
                    .session
                    .as_ref()
                    .and_then(|s| s.role_arn.clone())
                    .unwrap_or_else(|| format!("arn:{partition}:iam::{account}:role/{role}"));
                (CallerKind::AssumedRole, session.to_string(), Some(role_arn))
            }
            ("sts", Some(("federated-user", name))) => {
                (CallerKind::FederatedUser, name.to_string(), None)
            }
            ("iam", Some(("role", _))) => {
                return Err(format!("a role cannot sign requests itself: use a session of it, `arn:{partition}:sts::{account}:assumed-role/ROLE/SESSION`"));
            }
            _ => {
                return Err(format!(
                    "`{}` is not a user, root, role session or federated user ARN",
                    p.arn
                ))
            }
        };
        Ok(Caller {
            kind,
            arn: p.arn.clone(),
            account,
            role_arn,
            name,
        })
    }

    /// `aws:PrincipalArn`: the role ARN for role sessions, else the caller's ARN.
    pub fn principal_arn(&self) -> &str {
        self.role_arn.as_deref().unwrap_or(&self.arn)
    }
}

/// Keys looked up case-insensitively ("condition key names are not case-sensitive").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestContext {
    /// By lowercased name: the name as set, and the value.
    keys: BTreeMap<Cow<'static, str>, (Cow<'static, str>, ContextValue)>,
}

impl RequestContext {
    /// Sets a key (replacing any other spelling of it).
    pub fn set(&mut self, key: &str, value: ContextValue) {
        self.keys.insert(
            Cow::Owned(key.to_ascii_lowercase()),
            (Cow::Owned(key.to_string()), value),
        );
    }

    /// Sets a key the evaluator derives itself, named lowercased and as AWS spells it: no
    /// name is copied (a trust check sets a dozen of them; copying their names was a fifth
    /// of its instructions).
    fn put(&mut self, (folded, spelled): (&'static str, &'static str), value: ContextValue) {
        debug_assert_eq!(folded, spelled.to_ascii_lowercase());
        self.keys
            .insert(Cow::Borrowed(folded), (Cow::Borrowed(spelled), value));
    }

    /// A key's value, if present.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.keys
            .get(key.to_ascii_lowercase().as_str())
            .map(|(_, v)| v)
    }

    /// A key's value by its lowercased name (the compiled evaluator folds keys once).
    pub fn get_folded(&self, lower_key: &str) -> Option<&ContextValue> {
        self.keys.get(lower_key).map(|(_, v)| v)
    }

    /// A single-valued key's value by its lowercased name, for policy variables.
    pub fn single_folded(&self, lower_key: &str) -> Option<String> {
        match self.get_folded(lower_key)? {
            ContextValue::Single(s) => Some(s.clone()),
            ContextValue::Multi(_) => None,
        }
    }

    /// A single-valued key's value, for policy variables (multivalued keys cannot be variables).
    pub fn single(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            ContextValue::Single(s) => Some(s.clone()),
            ContextValue::Multi(_) => None,
        }
    }

    /// Every key with its value, spelled as set.
    pub fn to_map(&self) -> BTreeMap<String, ContextValue> {
        crate::sim::sorting::map_of(self.keys.values().map(|(k, v)| (k.to_string(), v.clone())))
    }

    /// The context for a request: derived keys first, then the caller's (which win).
    pub fn for_request(req: &EvalRequest, caller: &Caller) -> RequestContext {
        let mut ctx = RequestContext::default();
        derive_principal_keys(&mut ctx, req, caller);
        derive_resource_keys(&mut ctx, req, caller);
        if let Some(ContextValue::Single(now)) = req.context.get("aws:CurrentTime") {
            if let Some(ms) = crate::sim::policy::condition_values::parse_date(now) {
                ctx.put(
                    ("aws:epochtime", "aws:EpochTime"),
                    single((ms / 1000).to_string()),
                );
            }
        }
        for (k, v) in &req.context {
            ctx.set(k, v.clone());
        }
        ctx
    }
}

fn single(s: impl Into<String>) -> ContextValue {
    ContextValue::Single(s.into())
}

/// The principal keys, present exactly when AWS includes them (global condition keys page).
fn derive_principal_keys(ctx: &mut RequestContext, req: &EvalRequest, caller: &Caller) {
    let p = &req.principal;
    if caller.kind == CallerKind::Service {
        ctx.put(
            ("aws:principalisawsservice", "aws:PrincipalIsAWSService"),
            single("true"),
        );
        ctx.put(
            ("aws:principalservicename", "aws:PrincipalServiceName"),
            single(caller.name.clone()),
        );
        return;
    }
    ctx.put(
        ("aws:principalarn", "aws:PrincipalArn"),
        single(caller.principal_arn()),
    );
    ctx.put(
        ("aws:principalaccount", "aws:PrincipalAccount"),
        single(caller.account.clone()),
    );
    ctx.put(
        ("aws:principalisawsservice", "aws:PrincipalIsAWSService"),
        single("false"),
    );
    let kind = match caller.kind {
        CallerKind::Root => "Account",
        CallerKind::User => "User",
        CallerKind::AssumedRole => "AssumedRole",
        CallerKind::FederatedUser => "FederatedUser",
        CallerKind::Service => "Service",
    };
    ctx.put(("aws:principaltype", "aws:PrincipalType"), single(kind));
    if let Some(org) = &req.organization {
        if let Some(path) = org.accounts.get(&caller.account) {
            ctx.put(
                ("aws:principalorgid", "aws:PrincipalOrgID"),
                single(org.id.clone()),
            );
            if !path.is_empty() {
                ctx.put(
                    ("aws:principalorgpaths", "aws:PrincipalOrgPaths"),
                    ContextValue::Multi(vec![path.clone()]),
                );
            }
        }
    }
    // aws:userid: user -> unique id; role session -> role-id:session; root -> account;
    // federated user -> account:name.
    let userid = match caller.kind {
        CallerKind::Root => Some(caller.account.clone()),
        CallerKind::User => p.id.clone(),
        CallerKind::AssumedRole => p.id.as_ref().map(|id| format!("{id}:{}", caller.name)),
        CallerKind::FederatedUser => Some(format!("{}:{}", caller.account, caller.name)),
        CallerKind::Service => None,
    };
    if let Some(id) = userid {
        ctx.put(("aws:userid", "aws:userid"), single(id));
    }
    // "aws:username ... is not present for ... roles, federated users or the root user."
    if caller.kind == CallerKind::User {
        ctx.put(
            ("aws:username", "aws:username"),
            single(caller.name.clone()),
        );
    }
    let mut tags = p.tags.clone();
    if let Some(s) = &p.session {
        tags.extend(s.tags.clone()); // session tags override the role's tags
    }
    for (k, v) in tags {
        ctx.set(&format!("aws:PrincipalTag/{k}"), single(v));
    }
    if let Some(s) = &p.session {
        // Present only for temporary credentials: absent for long-term access keys ("the key
        // doesn't exist in long-term credentials requests"), which is why MFA policies use
        // BoolIfExists. aws:MultiFactorAuthAge only when MFA was used.
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
        // https://repost.aws/knowledge-center/mfa-iam-user-aws-cli
        ctx.put(
            ("aws:multifactorauthpresent", "aws:MultiFactorAuthPresent"),
            single(s.mfa.to_string()),
        );
        if let (true, Some(age)) = (s.mfa, s.mfa_age_seconds) {
            ctx.put(
                ("aws:multifactorauthage", "aws:MultiFactorAuthAge"),
                single(age.to_string()),
            );
        }
        if let Some(t) = &s.token_issue_time {
            ctx.put(
                ("aws:tokenissuetime", "aws:TokenIssueTime"),
                single(t.clone()),
            );
        }
        if let Some(si) = &s.source_identity {
            ctx.put(
                ("aws:sourceidentity", "aws:SourceIdentity"),
                single(si.clone()),
            );
        }
        if let Some(fp) = &s.federated_provider {
            ctx.put(
                ("aws:federatedprovider", "aws:FederatedProvider"),
                single(fp.clone()),
            );
        }
    }
}

fn derive_resource_keys(ctx: &mut RequestContext, req: &EvalRequest, caller: &Caller) {
    let account = resource_account(req, caller);
    if account.is_empty() {
        return;
    }
    ctx.put(
        ("aws:resourceaccount", "aws:ResourceAccount"),
        single(account.clone()),
    );
    if let Some(org) = &req.organization {
        if let Some(path) = org.accounts.get(&account) {
            ctx.put(
                ("aws:resourceorgid", "aws:ResourceOrgID"),
                single(org.id.clone()),
            );
            if !path.is_empty() {
                ctx.put(
                    ("aws:resourceorgpaths", "aws:ResourceOrgPaths"),
                    ContextValue::Multi(vec![path.clone()]),
                );
            }
        }
    }
    for (k, v) in &req.resource.tags {
        ctx.set(&format!("aws:ResourceTag/{k}"), single(v.clone()));
    }
}

/// The resource's account: given, else from its ARN, else (no account in the ARN, as for
/// S3 buckets) the caller's own account.
pub fn resource_account(req: &EvalRequest, caller: &Caller) -> String {
    if !req.resource.account.is_empty() {
        return req.resource.account.clone();
    }
    match crate::sim::arn::field(&req.resource.arn, 4) {
        Some(a) if !a.is_empty() => a.to_string(),
        _ => caller.account.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_set_again_in_another_spelling_replaces_the_derived_one() {
        let mut ctx = RequestContext::default();
        ctx.put(
            ("aws:principalarn", "aws:PrincipalArn"),
            ContextValue::Single("a".into()),
        );
        ctx.set("aws:principalarn", ContextValue::Single("b".into()));
        assert_eq!(
            ctx.get("AWS:PRINCIPALARN"),
            Some(&ContextValue::Single("b".into()))
        );
        let map = ctx.to_map();
        assert_eq!(map.len(), 1, "one key, whatever its spelling");
        assert!(
            map.contains_key("aws:principalarn"),
            "spelled as last set: {map:?}"
        );
    }
}
