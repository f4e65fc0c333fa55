//! Changing a policy the way the playground does (drawing an edge, the policy form): read the
//! text into the AST with its author's layout, change the AST, write it back in that layout.

mod style;

use super::build::build_draft;
use super::finding::{Finding, Severity};
use super::json::{self, Node, NodeKind};
use super::print::{self, Layout};
use super::{
    ActionBlock, Effect, Policy, PrincipalBlock, PrincipalType, PrincipalValue, ResourceBlock,
    Statement, Values, Version,
};

/// A policy read from text to be changed, and the layout to write it back in.
#[derive(Debug, Clone, PartialEq)]
pub struct Authored {
    /// The policy.
    pub policy: Policy,
    /// Its author's element order and text style.
    pub layout: Layout,
}

/// Why policy text could not be read for editing.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// The text is not JSON; the finding says where.
    NotJson(Finding),
    /// JSON, but not a policy (the first error says why).
    NotAPolicy(Finding),
    /// A policy, but writing it back would lose or change something the AST does not hold
    /// (an element IAM does not know, a key written twice...); the finding names it.
    Unkept(Finding),
}

impl ReadError {
    /// The finding behind the error.
    pub fn finding(&self) -> &Finding {
        match self {
            ReadError::NotJson(f) | ReadError::NotAPolicy(f) | ReadError::Unkept(f) => f,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.finding().message)
    }
}

/// Reads policy text of any kind (a statement may have or lack `Principal` and `Resource`;
/// `Statement` may be empty) into the AST with its layout. Elements the AST does not hold
/// are skipped: use [`read_all`] before writing the policy back.
pub fn read(text: &str) -> Result<Authored, ReadError> {
    read_node(text).map(|(authored, _, _)| authored)
}

/// Like [`read`], and refuses text that writing back unchanged would not give again
/// (ignoring white space): an edit must change only what it says.
pub fn read_all(text: &str) -> Result<Authored, ReadError> {
    let (authored, node, findings) = read_node(text)?;
    let again = json::parse_text(&authored.to_text()).ok();
    if again.is_some_and(|a| same_json(&a, &node)) {
        return Ok(authored);
    }
    // The findings for what the AST skips name the element; other errors are beside the point.
    const SKIPPED: &[&str] = &[
        "UNSUPPORTED_ELEMENT",
        "DUPLICATE_ELEMENT",
        "DATA_TYPE_MISMATCH",
        "INVALID_VERSION",
    ];
    let lost = findings
        .into_iter()
        .find(|f| SKIPPED.contains(&f.code.as_str()))
        .unwrap_or_else(|| {
            Finding::error(
                "UNKEPT_TEXT",
                "The policy has something the editor cannot keep: edit it as JSON.",
                "",
            )
        });
    Err(ReadError::Unkept(lost))
}

fn read_node(text: &str) -> Result<(Authored, Node, Vec<Finding>), ReadError> {
    if let Some(message) = super::size::document_too_long(text) {
        return Err(ReadError::NotAPolicy(Finding::error(
            "POLICY_TOO_LONG",
            &message,
            "",
        )));
    }
    let node = json::parse_text(text).map_err(|f| ReadError::NotJson(*f))?;
    let outcome = build_draft(&node, text);
    let Some(policy) = outcome.policy else {
        let first = outcome
            .findings
            .into_iter()
            .find(|f| f.severity == Severity::Error)
            .unwrap_or_else(|| Finding::error("INVALID_POLICY", "The text is not a policy.", ""));
        return Err(ReadError::NotAPolicy(first));
    };
    let layout = style::layout_of(text, &node);
    Ok((Authored { policy, layout }, node, outcome.findings))
}

/// Whether two JSON trees hold the same values (key order and positions aside).
fn same_json(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Object(x), NodeKind::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|p| {
                    y.iter()
                        .find(|q| q.name == p.name)
                        .is_some_and(|q| same_json(&p.value, &q.value))
                })
        }
        (NodeKind::Array(x), NodeKind::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (x, y) => x == y,
    }
}

impl Authored {
    /// A policy with no statement yet, `Version` 2012-10-17, written 4-space indented.
    /// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html>
    pub fn empty() -> Authored {
        Authored {
            policy: Policy {
                version: Some(Version::V2012_10_17),
                id: None,
                statements: Vec::new(),
                statement_list: true,
            },
            layout: Layout::default(),
        }
    }

    /// The policy as text, in its layout.
    pub fn to_text(&self) -> String {
        print::write(&self.policy, &self.layout)
    }

    /// Appends a statement (its elements in AWS's order).
    pub fn push_statement(&mut self, statement: Statement) {
        // Keeps `layout.statements` index-aligned with the statements it describes.
        self.layout
            .statements
            .resize(self.policy.statements.len(), Vec::new());
        self.policy.statements.push(statement);
    }

    /// Removes the statement at `index` and its layout.
    pub fn remove_statement(&mut self, index: usize) -> Option<Statement> {
        if index >= self.policy.statements.len() {
            return None;
        }
        if index < self.layout.statements.len() {
            self.layout.statements.remove(index);
        }
        Some(self.policy.statements.remove(index))
    }

    /// Allows the principal `id` of type `kind` (`AWS` `*` is anyone) to do `action` (on
    /// `resource`). The principal joins the first plain `Allow` statement for exactly that
    /// action and resource (no condition, a principal map), so drawing three users onto a
    /// role gives one statement listing three ARNs, as people write it; otherwise a
    /// statement is appended.
    pub fn allow_principal(
        &mut self,
        kind: PrincipalType,
        id: &str,
        action: &str,
        resource: Option<&str>,
    ) {
        let anyone = kind == PrincipalType::Aws && id == "*";
        let target = match anyone {
            // `"Principal": "*"` cannot share a statement with named principals.
            true => None,
            false => (self.policy.statements.iter_mut()).find(|s| plain_for(s, action, resource)),
        };
        if let Some(PrincipalValue::Map(entries)) = target
            .and_then(|s| s.principal.as_mut())
            .map(|p| &mut p.value)
        {
            match entries.iter_mut().find(|(t, _)| *t == kind) {
                // A string stays marked as written once (`list: false`), so removing the
                // principal again gives the author's string back.
                Some((_, values)) => values.items.push(id.to_string()),
                None => entries.push((kind, Values::one(id.to_string()))),
            }
            return;
        }
        let value = if anyone {
            PrincipalValue::Any
        } else {
            PrincipalValue::Map(vec![(kind, Values::one(id.to_string()))])
        };
        self.push_statement(Statement {
            sid: None,
            effect: Effect::Allow,
            principal: Some(PrincipalBlock {
                negated: false,
                value,
            }),
            action: ActionBlock {
                negated: false,
                values: Values::one(action.to_string()),
            },
            resource: resource.map(|r| ResourceBlock {
                negated: false,
                values: Values::one(r.to_string()),
            }),
            condition: Vec::new(),
        });
    }

    /// Takes the principal out of every `Allow` statement's `Principal` (`AWS` `*` is
    /// anyone, `"Principal": "*"` included); a statement left naming no one is removed.
    /// `Deny` and `NotPrincipal` statements are left alone: deleting an edge must never
    /// widen access. Returns whether the principal was named.
    pub fn remove_principal(&mut self, kind: PrincipalType, id: &str) -> bool {
        let mut removed = false;
        let mut index = 0;
        while let Some(s) = self.policy.statements.get_mut(index) {
            let (hit, emptied) = strip(s, kind, id);
            removed |= hit;
            if emptied {
                self.remove_statement(index);
            } else {
                index = index.saturating_add(1);
            }
        }
        removed
    }
}

/// Whether the principal can join `s`: an unconditioned Allow of exactly `action` (and
/// `resource`, when given) whose principal is a map of principals.
fn plain_for(s: &Statement, action: &str, resource: Option<&str>) -> bool {
    let only = |v: &Values<String>, want: &str| matches!(v.items.as_slice(), [one] if one == want);
    s.effect == Effect::Allow
        && s.condition.is_empty()
        && !s.action.negated
        && only(&s.action.values, action)
        && resource.is_none_or(|r| {
            s.resource
                .as_ref()
                .is_some_and(|b| !b.negated && only(&b.values, r))
        })
        // An empty `Principal` names no one; joining it would make removing the principal
        // again remove the whole statement.
        && s.principal.as_ref().is_some_and(
            |p| !p.negated && matches!(&p.value, PrincipalValue::Map(m) if !m.is_empty()),
        )
}

/// Removes the principal from an Allow statement: (whether it was named, whether the
/// statement now names no one).
fn strip(s: &mut Statement, kind: PrincipalType, id: &str) -> (bool, bool) {
    if s.effect != Effect::Allow {
        return (false, false);
    }
    let anyone = kind == PrincipalType::Aws && id == "*";
    let Some(block) = s.principal.as_mut().filter(|p| !p.negated) else {
        return (false, false);
    };
    let entries = match &mut block.value {
        PrincipalValue::Any => return (anyone, anyone),
        PrincipalValue::Map(entries) => entries,
    };
    let mut hit = false;
    for (_, values) in entries.iter_mut().filter(|(t, _)| *t == kind) {
        let before = values.items.len();
        values.items.retain(|v| v != id);
        hit |= values.items.len() != before;
        // Several shrunk to one is written as a string, as people write one principal; an
        // array the author wrote with one element is not touched here and stays one.
        if before > 1 && values.items.len() == 1 {
            values.list = false;
        }
    }
    if hit {
        entries.retain(|(t, values)| *t != kind || !values.items.is_empty());
    }
    (hit, hit && entries.is_empty())
}

#[cfg(test)]
mod tests;
