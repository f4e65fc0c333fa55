//! Trust and resource policies <-> edges: which principals a policy names, and adding or
//! removing one when an edge is drawn or deleted.
//!
//! Reads and changes the `sim::policy` AST and writes it back in its author's layout
//! ([`crate::sim::policy::edit`]), so what the person typed keeps its shape: a new principal
//! is merged into an existing plain Allow statement for the same action, otherwise a
//! statement is appended.

use crate::sim::policy::edit::{read, read_all, Authored};
use crate::sim::policy::{Effect, Policy, PrincipalType, PrincipalValue};

/// A principal as written in a `Principal` element.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrincipalRef {
    /// `{"AWS": "arn:aws:iam::111122223333:user/alice"}`, an account id or root ARN.
    Aws(String),
    /// `{"Service": "ec2.amazonaws.com"}`.
    Service(String),
    /// `{"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}`.
    Federated(String),
    /// `"Principal": "*"` or `{"AWS": "*"}`: anyone.
    Everyone,
}

impl PrincipalRef {
    /// The key inside the `Principal` object.
    pub fn key(&self) -> &'static str {
        self.principal_type().as_str()
    }

    /// The principal type it is written under (anyone is `"AWS": "*"`).
    pub fn principal_type(&self) -> PrincipalType {
        match self {
            PrincipalRef::Aws(_) | PrincipalRef::Everyone => PrincipalType::Aws,
            PrincipalRef::Service(_) => PrincipalType::Service,
            PrincipalRef::Federated(_) => PrincipalType::Federated,
        }
    }

    /// The value inside the `Principal` object.
    pub fn value(&self) -> &str {
        match self {
            PrincipalRef::Aws(v) | PrincipalRef::Service(v) | PrincipalRef::Federated(v) => v,
            PrincipalRef::Everyone => "*",
        }
    }

    /// The STS action a trust statement for this principal allows: federated principals
    /// assume with a token, everything else with `sts:AssumeRole`. A SAML provider ARN has
    /// `:saml-provider/` in it.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp.html>
    pub fn assume_action(&self) -> &'static str {
        match self {
            PrincipalRef::Federated(arn) if arn.contains(":saml-provider/") => {
                "sts:AssumeRoleWithSAML"
            }
            PrincipalRef::Federated(_) => "sts:AssumeRoleWithWebIdentity",
            _ => "sts:AssumeRole",
        }
    }
}

/// One principal a policy allows, with the condition keys that restrict it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub principal: PrincipalRef,
    /// Short names for the conditions: "ExternalId", "MFA", "Org", "SourceArn", or the key.
    pub conditions: Vec<String>,
    /// The actions of the statement, as written.
    pub actions: Vec<String>,
}

/// A short badge for a condition key, the words people use for it.
pub fn condition_badge(key: &str) -> String {
    let k = key.to_ascii_lowercase();
    match k.as_str() {
        "sts:externalid" => "ExternalId".into(),
        "aws:multifactorauthpresent" | "aws:multifactorauthage" => "MFA".into(),
        "aws:principalorgid" | "aws:principalorgpaths" | "aws:resourceorgid" => "Org".into(),
        "aws:sourcearn" | "aws:sourceaccount" => "SourceArn".into(),
        // Identity provider keys (`token.actions.githubusercontent.com:sub`, `SAML:aud`)
        // read as the claim they test.
        _ => match key.rsplit_once(':') {
            Some((provider, claim)) if provider.contains('.') || provider == "SAML" => {
                claim.to_string()
            }
            _ => key.to_string(),
        },
    }
}

/// Every principal an `Allow` statement with a `Principal` element names. `NotPrincipal` and
/// `Deny` statements draw no edge (they take away, they do not connect). Unreadable text
/// yields nothing: the last valid policy in the world is what draws edges.
pub fn grants(policy_text: &str) -> Vec<Grant> {
    read(policy_text)
        .map(|a| grants_of(&a.policy))
        .unwrap_or_default()
}

/// [`grants`] of a policy already read.
pub fn grants_of(policy: &Policy) -> Vec<Grant> {
    let mut out = Vec::new();
    for st in &policy.statements {
        let Some(block) = st.principal.as_ref().filter(|p| !p.negated) else {
            continue;
        };
        if st.effect != Effect::Allow {
            continue;
        }
        // A `NotAction` statement names no action an edge could stand for.
        let actions = match st.action.negated {
            true => Vec::new(),
            false => st.action.values.items.clone(),
        };
        let mut conditions: Vec<String> = Vec::new();
        for clause in &st.condition {
            let badge = condition_badge(&clause.key);
            if !conditions.contains(&badge) {
                conditions.push(badge);
            }
        }
        for principal in principals(&block.value) {
            out.push(Grant {
                principal,
                conditions: conditions.clone(),
                actions: actions.clone(),
            });
        }
    }
    out
}

fn principals(value: &PrincipalValue) -> Vec<PrincipalRef> {
    let entries = match value {
        PrincipalValue::Any => return vec![PrincipalRef::Everyone],
        PrincipalValue::Map(entries) => entries,
    };
    let mut out = Vec::new();
    for (kind, values) in entries {
        for s in &values.items {
            out.push(match kind {
                PrincipalType::Aws if s == "*" => PrincipalRef::Everyone,
                PrincipalType::Aws => PrincipalRef::Aws(s.clone()),
                PrincipalType::Service => PrincipalRef::Service(s.clone()),
                PrincipalType::Federated => PrincipalRef::Federated(s.clone()),
                PrincipalType::CanonicalUser => continue,
            });
        }
    }
    out
}

/// Whether a policy text has at least one statement (IAM rejects a policy without one).
pub fn has_statements(policy_text: &str) -> bool {
    read(policy_text).is_ok_and(|a| !a.policy.statements.is_empty())
}

/// Why a policy text could not be edited by drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The current text cannot be read as a policy, or not without losing part of it (it
    /// cannot be in the world as such, only in a draft); says why.
    NotJson(String),
    /// The principal is already allowed; nothing to add.
    AlreadyPresent,
    /// The principal is not named in any Allow statement; nothing to remove.
    NotPresent,
}

fn read_for_edit(text: &str) -> Result<Authored, EditError> {
    if text.trim().is_empty() {
        return Ok(Authored::empty());
    }
    read_all(text).map_err(|e| EditError::NotJson(e.to_string()))
}

/// Adds `principal` for `action` (and `resource`, for resource policies). Merges into the
/// first Allow statement that has the same actions, resource and no conditions, so drawing
/// three users onto a role gives one statement listing three ARNs, as people write it.
/// The rest of the text keeps its author's order and style.
pub fn add_principal(
    text: &str,
    principal: &PrincipalRef,
    action: &str,
    resource: Option<&str>,
) -> Result<String, EditError> {
    let mut authored = read_for_edit(text)?;
    if grants_of(&authored.policy).iter().any(|g| {
        g.principal == *principal
            && g.conditions.is_empty()
            && g.actions.iter().any(|a| a == action)
    }) {
        return Err(EditError::AlreadyPresent);
    }
    authored.allow_principal(
        principal.principal_type(),
        principal.value(),
        action,
        resource,
    );
    Ok(authored.to_text())
}

/// Removes `principal` from every Allow statement; a statement left with no principal is
/// removed. Deny statements are left alone: deleting an edge must never widen access.
pub fn remove_principal(text: &str, principal: &PrincipalRef) -> Result<String, EditError> {
    let mut authored = read_for_edit(text)?;
    if authored.remove_principal(principal.principal_type(), principal.value()) {
        Ok(authored.to_text())
    } else {
        Err(EditError::NotPresent)
    }
}

#[cfg(test)]
mod tests;
