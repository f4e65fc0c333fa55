//! JSON tree -> [`Policy`], collecting findings as IAM Access Analyzer policy validation does.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>

mod conditions;
mod statement;

use super::finding::{Finding, Severity};
use super::json::{LineIndex, Node, NodeKind, Prop};
use super::{ParseOutcome, Policy, PolicyKind, Scalar, Values, Version};

/// Walks the tree and reports; `lines` (when there was text) turns byte ranges into
/// line/column.
pub(crate) struct Builder {
    pub(crate) kind: PolicyKind,
    /// Reading a policy to edit it (the playground's drawing and form): a statement may
    /// have or lack `Principal` and `Resource`, and `Statement` may be empty, as they are
    /// while a policy is being written. Findings are still reported.
    pub(crate) draft: bool,
    lines: Option<LineIndex>,
    pub(crate) findings: Vec<Finding>,
}

impl Builder {
    /// Records a finding located at `range`.
    pub(crate) fn report(
        &mut self,
        severity: Severity,
        code: &str,
        message: String,
        path: &str,
        range: (usize, usize),
    ) {
        let mut f = Finding::new(severity, code, &message, path);
        if let Some(lines) = &self.lines {
            let (line, column) = lines.line_column(range.0);
            f.line = line;
            f.column = column;
            f.start = range.0;
            f.end = range.1;
        }
        self.findings.push(f);
    }

    /// Records an error.
    pub(crate) fn error(&mut self, code: &str, message: String, path: &str, range: (usize, usize)) {
        self.report(Severity::Error, code, message, path, range);
    }

    /// A string element, or a `DATA_TYPE_MISMATCH` error.
    pub(crate) fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.kind {
            NodeKind::String(s) => Some(s.clone()),
            _ => {
                self.mismatch(node, path, "string");
                None
            }
        }
    }

    /// A string or an array of strings.
    pub(crate) fn strings(&mut self, node: &Node, path: &str) -> Option<Values<String>> {
        match &node.kind {
            NodeKind::String(s) => Some(Values::one(s.clone())),
            NodeKind::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(self.string(item, &format!("{path}[{i}]"))?);
                }
                Some(Values::many(out))
            }
            _ => {
                self.mismatch(node, path, "string or array of strings");
                None
            }
        }
    }

    /// A scalar or an array of scalars (condition values).
    pub(crate) fn scalars(&mut self, node: &Node, path: &str) -> Option<Values<Scalar>> {
        let one = |n: &Node| match &n.kind {
            NodeKind::String(s) => Some(Scalar::String(s.clone())),
            NodeKind::Number(s) => Some(Scalar::Number(s.clone())),
            NodeKind::Bool(b) => Some(Scalar::Bool(*b)),
            _ => None,
        };
        if let NodeKind::Array(items) = &node.kind {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match one(item) {
                    Some(s) => out.push(s),
                    None => {
                        self.mismatch(item, &format!("{path}[{i}]"), "string, number or boolean");
                        return None;
                    }
                }
            }
            return Some(Values::many(out));
        }
        match one(node) {
            Some(s) => Some(Values::one(s)),
            None => {
                self.mismatch(node, path, "string, number, boolean or an array of them");
                None
            }
        }
    }

    fn mismatch(&mut self, node: &Node, path: &str, expected: &str) {
        let found = node.type_name();
        self.error(
            "DATA_TYPE_MISMATCH",
            format!(
                "`{path}` must be a {expected}, but it is a {found}. Change it to a {expected}."
            ),
            path,
            node.range,
        );
    }

    /// Reports properties that appear twice; IAM would only keep one of them.
    pub(crate) fn duplicates(&mut self, props: &[Prop], path: &str) {
        for (i, p) in props.iter().enumerate() {
            let earlier = props.iter().take(i).find(|q| q.name == p.name);
            if earlier.is_some() {
                let at = join(path, &p.name);
                self.error(
                    "DUPLICATE_ELEMENT",
                    format!(
                        "`{}` appears more than once in {}. Keep only one.",
                        p.name,
                        where_(path)
                    ),
                    &at,
                    p.name_range,
                );
            }
        }
    }
}

/// `path.name` (or `name` at the top).
pub(crate) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// "the policy" or "`Statement[0]`".
pub(crate) fn where_(path: &str) -> String {
    if path.is_empty() {
        "the policy".to_string()
    } else {
        format!("`{path}`")
    }
}

/// Case-insensitive hint: `effect` -> `Effect`.
pub(crate) fn did_you_mean(name: &str, known: &[&str]) -> String {
    match known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        Some(k) => format!(" Element names are case-sensitive: did you mean `{k}`?"),
        None => format!(" Allowed here: {}.", known.join(", ")),
    }
}

/// Builds the policy and its findings.
pub fn build(node: &Node, kind: PolicyKind, text: Option<&str>) -> ParseOutcome {
    build_with(node, kind, text, false)
}

/// Builds a policy being written (see [`Builder::draft`]): any kind's statements.
pub(crate) fn build_draft(node: &Node, text: &str) -> ParseOutcome {
    build_with(node, PolicyKind::Resource, Some(text), true)
}

fn build_with(node: &Node, kind: PolicyKind, text: Option<&str>, draft: bool) -> ParseOutcome {
    let mut b = Builder {
        kind,
        draft,
        lines: text.map(LineIndex::new),
        findings: Vec::new(),
    };
    let policy = top(&mut b, node);
    crate::sim::sorting::sort_by_key(&mut b.findings, |f| (f.start, f.severity));
    ParseOutcome {
        policy,
        findings: b.findings,
    }
}

const TOP: &[&str] = &["Version", "Id", "Statement"];

fn top(b: &mut Builder, node: &Node) -> Option<Policy> {
    let NodeKind::Object(props) = &node.kind else {
        b.error(
            "DATA_TYPE_MISMATCH",
            format!(
                "A policy must be a JSON object, but this is a {}.",
                node.type_name()
            ),
            "",
            node.range,
        );
        return None;
    };
    b.duplicates(props, "");
    let mut version = None;
    let mut version_seen = false;
    let mut id = None;
    let mut statement = None;
    for p in props {
        match p.name.as_str() {
            "Version" => {
                version_seen = true;
                version = parse_version(b, &p.value);
            }
            "Id" => id = b.string(&p.value, "Id"),
            "Statement" => statement = Some(&p.value),
            other => {
                let hint = did_you_mean(other, TOP);
                b.error(
                    "UNSUPPORTED_ELEMENT",
                    format!("The policy element `{other}` is not supported.{hint}"),
                    other,
                    p.name_range,
                );
            }
        }
    }
    let Some(statement) = statement else {
        b.error(
            "MISSING_STATEMENT",
            "The policy has no `Statement` element. Add a `Statement` with at least one statement."
                .to_string(),
            "Statement",
            node.range,
        );
        return None;
    };
    let (statements, statement_list) = statement::statements(b, statement)?;
    if !version_seen {
        let uses_vars = statements.iter().any(statement::uses_variables);
        b.report(
            if uses_vars { Severity::Warning } else { Severity::Suggestion },
            "MISSING_VERSION",
            if uses_vars {
                "The policy has no `Version`, so policy variables like `${aws:username}` are taken as literal text. Add \"Version\": \"2012-10-17\".".to_string()
            } else {
                "The policy has no `Version`. Add \"Version\": \"2012-10-17\" so policy variables and newer features work.".to_string()
            },
            "Version",
            (node.range.0, node.range.0),
        );
    } else if version == Some(Version::V2008_10_17)
        && statements.iter().any(statement::uses_variables)
    {
        b.report(
            Severity::Warning,
            "VARIABLES_NOT_SUBSTITUTED",
            "Version 2008-10-17 does not substitute policy variables: `${...}` is compared as literal text. Use \"Version\": \"2012-10-17\".".to_string(),
            "Version",
            (node.range.0, node.range.0),
        );
    }
    Some(Policy {
        version,
        id,
        statements,
        statement_list,
    })
}

fn parse_version(b: &mut Builder, node: &Node) -> Option<Version> {
    let text = b.string(node, "Version")?;
    match text.as_str() {
        "2012-10-17" => Some(Version::V2012_10_17),
        "2008-10-17" => Some(Version::V2008_10_17),
        other => {
            b.error(
                "INVALID_VERSION",
                format!("The version `{other}` is not valid. Use \"2012-10-17\"."),
                "Version",
                node.range,
            );
            None
        }
    }
}
