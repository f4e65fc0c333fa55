//! Statement-level rules: Effect, Principal, Action, Resource, Sid.

use super::{did_you_mean, join, Builder};
use crate::sim::policy::finding::Severity;
use crate::sim::policy::json::{Node, NodeKind};
use crate::sim::policy::variables::has_variables;
use crate::sim::policy::{
    ActionBlock, Effect, PolicyKind, PrincipalBlock, PrincipalType, PrincipalValue, ResourceBlock,
    Statement,
};

const ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

/// `Statement`: one object or an array of them. Returns the statements and whether it was a list.
pub(super) fn statements(b: &mut Builder, node: &Node) -> Option<(Vec<Statement>, bool)> {
    let (items, list): (Vec<(&Node, String)>, bool) = match &node.kind {
        NodeKind::Object(_) => (vec![(node, "Statement".to_string())], false),
        NodeKind::Array(items) => (
            items
                .iter()
                .enumerate()
                .map(|(i, n)| (n, format!("Statement[{i}]")))
                .collect(),
            true,
        ),
        _ => {
            b.string(node, "Statement"); // reports the type mismatch
            return None;
        }
    };
    if items.is_empty() {
        b.error(
            "MISSING_STATEMENT",
            "`Statement` is an empty array. Add at least one statement.".to_string(),
            "Statement",
            node.range,
        );
        return b.draft.then(|| (Vec::new(), true));
    }
    let mut out = Vec::new();
    let mut failed = false;
    let mut sids: Vec<String> = Vec::new();
    for (item, path) in items {
        if let Some(st) = statement(b, item, &path) {
            if let Some(sid) = &st.sid {
                if sids.contains(sid) {
                    b.error(
                        "DUPLICATE_SID",
                        format!("The Sid `{sid}` is used by more than one statement. In IAM a Sid must be unique within a policy: rename one."),
                        &join(&path, "Sid"),
                        item.range,
                    );
                }
                sids.push(sid.clone());
            }
            out.push(st);
        } else {
            failed = true;
        }
    }
    // A statement that could not be built is already reported; evaluating the rest alone
    // would grant or deny something the author did not write, so there is no policy.
    (!failed).then_some((out, list))
}

/// Whether a statement uses `${...}` where AWS substitutes it (Resource and Condition values).
pub(super) fn uses_variables(st: &Statement) -> bool {
    st.resource
        .as_ref()
        .is_some_and(|r| r.values.items.iter().any(|v| has_variables(v)))
        || st
            .condition
            .iter()
            .any(|c| c.values.items.iter().any(|v| has_variables(&v.text())))
}

fn statement(b: &mut Builder, node: &Node, path: &str) -> Option<Statement> {
    let NodeKind::Object(props) = &node.kind else {
        b.error(
            "DATA_TYPE_MISMATCH",
            format!(
                "`{path}` must be a JSON object, but it is a {}.",
                node.type_name()
            ),
            path,
            node.range,
        );
        return None;
    };
    b.duplicates(props, path);
    let get = |name: &str| props.iter().find(|p| p.name == name).map(|p| &p.value);
    for p in props {
        if !ELEMENTS.contains(&p.name.as_str()) {
            let hint = did_you_mean(&p.name, ELEMENTS);
            b.error(
                "UNSUPPORTED_ELEMENT",
                format!("The statement element `{}` is not supported.{hint}", p.name),
                &join(path, &p.name),
                p.name_range,
            );
        }
    }
    let sid = match get("Sid") {
        Some(n) => {
            let sid = b.string(n, &join(path, "Sid"));
            if let Some(s) = &sid {
                check_sid(b, s, &join(path, "Sid"), n.range);
            }
            sid
        }
        None => None,
    };
    let effect = effect(b, get("Effect"), path, node.range);
    let principal = principal(b, get("Principal"), get("NotPrincipal"), path, node.range);
    let action = action(b, get("Action"), get("NotAction"), path, node.range);
    let resource = resource(b, get("Resource"), get("NotResource"), path, node.range);
    let condition = match get("Condition") {
        Some(n) => super::conditions::conditions(b, n, &join(path, "Condition"))?,
        None => Vec::new(),
    };
    let st = Statement {
        sid,
        effect: effect?,
        principal: principal?,
        action: action?,
        resource: resource?,
        condition,
    };
    security_checks(b, &st, path, node.range);
    Some(st)
}

fn check_sid(b: &mut Builder, sid: &str, path: &str, range: (usize, usize)) {
    // "In IAM, the Sid value ... supports ASCII uppercase letters (A-Z), lowercase letters
    // (a-z), and numbers (0-9)." (Sid element page); other services allow more.
    let iam = matches!(
        b.kind,
        PolicyKind::Identity | PolicyKind::PermissionsBoundary | PolicyKind::Trust
    );
    if iam && !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
        b.error(
            "INVALID_SID",
            format!("The Sid `{sid}` may only use letters A-Z, a-z and digits 0-9 in an IAM policy. Remove other characters."),
            path,
            range,
        );
    }
}

fn effect(b: &mut Builder, node: Option<&Node>, path: &str, at: (usize, usize)) -> Option<Effect> {
    let p = join(path, "Effect");
    let Some(node) = node else {
        b.error(
            "MISSING_EFFECT",
            format!("`{path}` has no `Effect`. Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"."),
            &p,
            at,
        );
        return None;
    };
    match b.string(node, &p)?.as_str() {
        "Allow" => Some(Effect::Allow),
        "Deny" => Some(Effect::Deny),
        other => {
            b.error(
                "INVALID_EFFECT",
                format!("The effect `{other}` is not valid. Use \"Allow\" or \"Deny\" (case-sensitive)."),
                &p,
                node.range,
            );
            None
        }
    }
}

/// `Some(None)`: no principal (and none needed); `None`: an error was reported.
fn principal(
    b: &mut Builder,
    pos: Option<&Node>,
    neg: Option<&Node>,
    path: &str,
    at: (usize, usize),
) -> Option<Option<PrincipalBlock>> {
    let (node, negated, name) = match (pos, neg) {
        (Some(_), Some(n)) => {
            b.error(
                "PRINCIPAL_AND_NOT_PRINCIPAL",
                format!("`{path}` has both `Principal` and `NotPrincipal`. Keep one."),
                &join(path, "NotPrincipal"),
                n.range,
            );
            return None;
        }
        (Some(n), None) => (n, false, "Principal"),
        (None, Some(n)) => (n, true, "NotPrincipal"),
        (None, None) => {
            if b.kind.requires_principal() && !b.draft {
                b.error("MISSING_PRINCIPAL", format!("`{path}` has no `Principal`. A {} must say who it applies to: add a `Principal`.", kind_name(b.kind)), &join(path, "Principal"), at);
                return None;
            }
            return Some(None);
        }
    };
    let p = join(path, name);
    if !b.kind.requires_principal() {
        b.error("UNSUPPORTED_PRINCIPAL", format!("`{name}` is not supported in a {}: it applies to the identity it is attached to. Delete `{name}`.", kind_name(b.kind)), &p, node.range);
        return None;
    }
    let value = match &node.kind {
        NodeKind::String(s) if s == "*" => PrincipalValue::Any,
        NodeKind::Object(props) => {
            b.duplicates(props, &p);
            let mut entries = Vec::new();
            for prop in props {
                let Some(t) = PrincipalType::parse(&prop.name) else {
                    b.error("UNSUPPORTED_PRINCIPAL_TYPE", format!("`{}` is not a principal type. Use AWS, Service, Federated or CanonicalUser.", prop.name), &join(&p, &prop.name), prop.name_range);
                    return None;
                };
                let vp = join(&p, &prop.name);
                let values = b.strings(&prop.value, &vp)?;
                for v in &values.items {
                    check_principal_value(b, t, v, &vp, prop.value.range);
                }
                entries.push((t, values));
            }
            PrincipalValue::Map(entries)
        }
        _ => {
            b.error("INVALID_PRINCIPAL", format!("`{name}` must be \"*\" or an object like {{\"AWS\": \"arn:aws:iam::123456789012:root\"}}."), &p, node.range);
            return None;
        }
    };
    if b.kind == PolicyKind::Rcp && (negated || value != PrincipalValue::Any) {
        b.error("INVALID_PRINCIPAL", "A resource control policy only accepts \"Principal\": \"*\"; use conditions such as aws:PrincipalArn to narrow it.".to_string(), &p, node.range);
        return None;
    }
    Some(Some(PrincipalBlock { negated, value }))
}

fn check_principal_value(
    b: &mut Builder,
    t: PrincipalType,
    v: &str,
    path: &str,
    range: (usize, usize),
) {
    // "You cannot use a wildcard to match part of a principal name or ARN." (Principal page)
    let partial_wildcard = v != "*" && (v.contains('*') || v.contains('?'));
    let bad_aws = t == PrincipalType::Aws
        && v != "*"
        && !(v.len() == 12 && v.chars().all(|c| c.is_ascii_digit()))
        && !v.starts_with("arn:")
        && !is_unique_id(v);
    if partial_wildcard || bad_aws || v.is_empty() {
        b.error(
            "INVALID_PRINCIPAL",
            format!("`{v}` is not a valid {} principal. Use \"*\", a 12-digit account ID or a full ARN, without partial wildcards.", t.as_str()),
            path,
            range,
        );
    }
}

/// When a user or role named in a policy is deleted, IAM shows its unique id (`AIDA...`,
/// `AROA...`) instead of the ARN; such a principal is valid but matches no one.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html>
fn is_unique_id(v: &str) -> bool {
    (v.starts_with("AIDA") || v.starts_with("AROA"))
        && v.len() >= 16
        && v.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn action(
    b: &mut Builder,
    pos: Option<&Node>,
    neg: Option<&Node>,
    path: &str,
    at: (usize, usize),
) -> Option<ActionBlock> {
    let (node, negated, name) = match (pos, neg) {
        (Some(_), Some(n)) => {
            b.error(
                "ACTION_AND_NOT_ACTION",
                format!("`{path}` has both `Action` and `NotAction`. Keep one."),
                &join(path, "NotAction"),
                n.range,
            );
            return None;
        }
        (Some(n), None) => (n, false, "Action"),
        (None, Some(n)) => (n, true, "NotAction"),
        (None, None) => {
            b.error(
                "MISSING_ACTION",
                format!(
                    "`{path}` has no `Action`. Add the actions it covers, like \"s3:GetObject\"."
                ),
                &join(path, "Action"),
                at,
            );
            return None;
        }
    };
    let p = join(path, name);
    let values = b.strings(node, &p)?;
    if values.items.is_empty() {
        b.report(Severity::Warning, "EMPTY_ARRAY_ACTION", format!("`{name}` is an empty array, so the statement matches no action. Add actions or remove the statement."), &p, node.range);
    }
    for v in &values.items {
        let ok = v == "*"
            || v.split_once(':').is_some_and(|(svc, act)| {
                !svc.is_empty() && !act.is_empty() && !svc.contains(['*', '?'])
            });
        if !ok {
            b.error("INVALID_ACTION", format!("`{v}` is not a valid action. Write it as service:Action, like \"s3:GetObject\" or \"s3:*\"."), &p, node.range);
        }
    }
    Some(ActionBlock { negated, values })
}

/// `Some(None)`: no resource and none needed (trust policies).
fn resource(
    b: &mut Builder,
    pos: Option<&Node>,
    neg: Option<&Node>,
    path: &str,
    at: (usize, usize),
) -> Option<Option<ResourceBlock>> {
    let (node, negated, name) = match (pos, neg) {
        (Some(_), Some(n)) => {
            b.error(
                "RESOURCE_AND_NOT_RESOURCE",
                format!("`{path}` has both `Resource` and `NotResource`. Keep one."),
                &join(path, "NotResource"),
                n.range,
            );
            return None;
        }
        (Some(n), None) => (n, false, "Resource"),
        (None, Some(n)) => (n, true, "NotResource"),
        (None, None) => {
            if b.kind == PolicyKind::Trust || b.draft {
                return Some(None);
            }
            b.error(
                "MISSING_RESOURCE",
                format!("`{path}` has no `Resource`. Add the ARNs it covers, or \"*\"."),
                &join(path, "Resource"),
                at,
            );
            return None;
        }
    };
    let p = join(path, name);
    let values = b.strings(node, &p)?;
    for v in &values.items {
        let ok =
            v == "*" || (v.starts_with("arn:") && v.split(':').count() >= 6) || v.starts_with("${");
        if !ok {
            b.error("INVALID_ARN_RESOURCE", format!("`{v}` is not a valid resource. Use \"*\" or an ARN: arn:partition:service:region:account:resource."), &p, node.range);
        }
    }
    Some(Some(ResourceBlock { negated, values }))
}

fn security_checks(b: &mut Builder, st: &Statement, path: &str, at: (usize, usize)) {
    if st.effect != Effect::Allow {
        return;
    }
    let wildcard = st.principal.as_ref().is_some_and(|p| {
        !p.negated
            && match &p.value {
                PrincipalValue::Any => true,
                PrincipalValue::Map(m) => m
                    .iter()
                    .any(|(t, v)| *t == PrincipalType::Aws && v.items.iter().any(|s| s == "*")),
            }
    });
    if wildcard && st.condition.is_empty() && b.kind == PolicyKind::Trust {
        b.report(Severity::SecurityWarning, "TRUST_POLICY_ALLOWS_ANY_PRINCIPAL", "This trust policy lets any AWS principal, in any account, assume the role. Name the accounts or roles that should, or add a condition such as aws:PrincipalOrgID.".to_string(), &join(path, "Principal"), at);
    } else if wildcard && st.condition.is_empty() && b.kind == PolicyKind::Resource {
        b.report(Severity::SecurityWarning, "ALLOW_WITH_WILDCARD_PRINCIPAL", "This statement allows anyone, including anonymous callers, to use the resource. Name the principals, or add conditions.".to_string(), &join(path, "Principal"), at);
    }
    if st.principal.as_ref().is_some_and(|p| p.negated) {
        b.report(Severity::SecurityWarning, "ALLOW_WITH_NOT_PRINCIPAL", "Allow with NotPrincipal grants access to every principal except the ones listed, including anonymous callers. List the principals to allow in `Principal` instead.".to_string(), &join(path, "NotPrincipal"), at);
    }
    if st.action.negated {
        b.report(Severity::SecurityWarning, "ALLOW_WITH_NOT_ACTION", "Allow with NotAction grants every action not listed, including actions added to AWS later. List the allowed actions in `Action` instead.".to_string(), &join(path, "NotAction"), at);
    }
    if st.resource.as_ref().is_some_and(|r| r.negated) {
        b.report(Severity::SecurityWarning, "ALLOW_WITH_NOT_RESOURCE", "Allow with NotResource grants access to every resource not listed, including resources created later. List the allowed resources in `Resource` instead.".to_string(), &join(path, "NotResource"), at);
    }
}

/// Words for a policy kind in messages.
pub(crate) fn kind_name(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "identity-based policy",
        PolicyKind::Resource => "resource-based policy",
        PolicyKind::Trust => "role trust policy",
        PolicyKind::PermissionsBoundary => "permissions boundary",
        PolicyKind::Scp => "service control policy",
        PolicyKind::Rcp => "resource control policy",
        PolicyKind::Session => "session policy",
    }
}
