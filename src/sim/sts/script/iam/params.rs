//! Reading an IAM step's `params` the way IAM reads a request: required members, name
//! constraints, policy documents and ARNs, each failure in IAM's code and words.

use crate::sim::arn::Arn;
use crate::sim::ids::{AccountId, GroupId, RoleId, UserId};
use crate::sim::policy::{parse, PolicyKind, Severity};
use crate::sim::world::validate::{validate_name, validate_policy_document};
use crate::sim::world::{World, WorldError};
use serde_json::{Map, Value};

/// Why an IAM step did not run: the script is wrong (`ScriptError`), or IAM refused.
#[derive(Debug)]
pub enum Refusal {
    /// The step itself is malformed (unknown parameter, a number where a name belongs...).
    Script(String),
    /// IAM's answer, with AWS's code and message.
    Iam(WorldError),
}

impl From<WorldError> for Refusal {
    fn from(e: WorldError) -> Self {
        Refusal::Iam(e)
    }
}

/// The `params` object of one IAM step.
pub struct Params<'a> {
    action: &'a str,
    map: Map<String, Value>,
}

impl<'a> Params<'a> {
    /// Checks that `params` is an object whose keys are all among `allowed` (AWS's names).
    pub fn read(action: &'a str, call: &Value, allowed: &[&str]) -> Result<Self, Refusal> {
        let map = match call.get("params") {
            None => Map::new(),
            Some(Value::Object(m)) => m.clone(),
            Some(_) => return Err(Refusal::Script("`params` must be an object".into())),
        };
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(Refusal::Script(format!(
                "{action} has no parameter `{unknown}`; it takes {}",
                list(allowed)
            )));
        }
        Ok(Params { action, map })
    }

    /// A string member, if present.
    pub fn optional(&self, key: &str) -> Result<Option<String>, Refusal> {
        match self.map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Refusal::Script(format!(
                "{}: `{key}` must be a string",
                self.action
            ))),
        }
    }

    /// A required string member; `field` is how IAM names it in its validation errors.
    pub fn required(&self, key: &str, field: &str) -> Result<String, Refusal> {
        self.optional(key)?.ok_or_else(|| {
            // IAM's wording for a missing required member.
            Refusal::Iam(WorldError::ValidationError {
                message: format!(
                    "1 validation error detected: Value null at '{field}' failed to satisfy constraint: Member must not be null"
                ),
            })
        })
    }

    /// A required friendly name (`RoleName`, `UserName`, `GroupName`, `PolicyName`), checked
    /// against IAM's length and character rules.
    pub fn name(&self, key: &str, field: &str, max: usize) -> Result<String, Refusal> {
        let v = self.required(key, field)?;
        validate_name(&v, field, max)?;
        Ok(v)
    }

    /// A required policy ARN; `invalid` is IAM's answer, which differs by action, for text that
    /// is not a policy ARN (`arn:PARTITION:iam::ACCOUNT-OR-aws:policy/...`).
    pub fn policy_arn(
        &self,
        key: &str,
        field: &str,
        invalid: fn(&str) -> WorldError,
    ) -> Result<String, Refusal> {
        let v = self.required(key, field)?;
        let is_policy = Arn::parse(&v).is_ok_and(|a| {
            a.service == "iam"
                && a.resource.starts_with("policy/")
                && (a.account == "aws" || AccountId::parse(&a.account).is_some())
        });
        if !is_policy {
            return Err(Refusal::Iam(invalid(&v)));
        }
        Ok(v)
    }

    /// A required policy document: a JSON string as AWS takes it, or (for convenience in a
    /// script) the policy as a JSON object. It must be a policy of `kind` that IAM accepts.
    pub fn document(&self, kind: PolicyKind) -> Result<String, Refusal> {
        let text = match self.map.get("PolicyDocument") {
            Some(Value::Object(_)) => self
                .map
                .get("PolicyDocument")
                .map(Value::to_string)
                .unwrap_or_default(),
            _ => self.required("PolicyDocument", "policyDocument")?,
        };
        validate_policy_document(&text, "policyDocument")?;
        let outcome = parse(&text, kind);
        if !outcome.is_valid() {
            // AWS's own texts for grammar errors vary by case and are not all documented; the
            // code is IAM's, the message is the policy reader's.
            let why = outcome
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map(|f| f.message.clone())
                .unwrap_or_else(|| "Syntax errors in policy.".to_string());
            return Err(Refusal::Iam(WorldError::MalformedPolicyDocument {
                message: why,
            }));
        }
        Ok(text)
    }

    /// A member that is a JSON value of its own shape (`Tags`, `TagKeys`).
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        return "no parameters".to_string();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which kind of entity a step names first, to find the account it acts in.
#[derive(Clone, Copy)]
pub enum Kind {
    Role,
    User,
    Group,
}

/// The account a step acts in: `"account"` when given, else the only account holding an
/// entity of that kind and name, else the world's first account.
pub fn account(world: &World, call: &Value, kind: Kind, name: &str) -> Result<AccountId, Refusal> {
    if let Some(a) = call.get("account") {
        let a = a
            .as_str()
            .ok_or_else(|| Refusal::Script("`account` must be a string".into()))?;
        return world
            .accounts
            .keys()
            .find(|k| k.as_str() == a)
            .cloned()
            .ok_or_else(|| Refusal::Script(format!("account `{a}` is not in the world")));
    }
    let holders: Vec<&AccountId> = match kind {
        Kind::Role => world
            .roles
            .values()
            .filter(|r| r.role_name.eq_ignore_ascii_case(name))
            .map(|r| &r.account)
            .collect(),
        Kind::User => world
            .users
            .values()
            .filter(|u| u.user_name.eq_ignore_ascii_case(name))
            .map(|u| &u.account)
            .collect(),
        Kind::Group => world
            .groups
            .values()
            .filter(|g| g.group_name.eq_ignore_ascii_case(name))
            .map(|g| &g.account)
            .collect(),
    };
    match holders.as_slice() {
        [only] => Ok((*only).clone()),
        _ => world
            .accounts
            .keys()
            .next()
            .cloned()
            .ok_or_else(|| Refusal::Script("the world has no account".into())),
    }
}

/// `NoSuchEntity` in IAM's words: `The role with name X cannot be found.`
fn missing(kind: &str, name: &str) -> Refusal {
    Refusal::Iam(WorldError::NoSuchEntity {
        message: format!("The {kind} with name {name} cannot be found."),
    })
}

/// The role named `name` in `account`.
pub fn role(world: &World, account: &AccountId, name: &str) -> Result<RoleId, Refusal> {
    world
        .role_by_name(account, name)
        .map(|r| r.role_id.clone())
        .ok_or_else(|| missing("role", name))
}

/// The user named `name` in `account`.
pub fn user(world: &World, account: &AccountId, name: &str) -> Result<UserId, Refusal> {
    world
        .user_by_name(account, name)
        .map(|u| u.user_id.clone())
        .ok_or_else(|| missing("user", name))
}

/// The group named `name` in `account`.
pub fn group(world: &World, account: &AccountId, name: &str) -> Result<GroupId, Refusal> {
    world
        .group_by_name(account, name)
        .map(|g| g.group_id.clone())
        .ok_or_else(|| missing("group", name))
}
