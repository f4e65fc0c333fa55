//! `Action` and `Resource` patterns compiled once: tokens, literal prefixes and the service
//! an action pattern is limited to, so most patterns are decided without a general matcher.

use crate::sim::policy::variables::{pieces, Piece};
use crate::sim::policy::wildcard::{arn_match, glob_match, tokens, Tok};

/// How an `Action` pattern is matched (case-insensitively, as AWS documents for actions).
#[derive(Debug, Clone)]
enum ActionKind {
    /// `*`.
    Any,
    /// No wildcard, ASCII: the action lowercased equals this.
    Exact(String),
    /// ASCII text then one final `*`: the lowercased action starts with this.
    Prefix(String),
    /// Anything else: the general matcher.
    Glob,
}

/// One `Action` / `NotAction` pattern.
#[derive(Debug, Clone)]
pub(super) struct ActionPattern {
    /// As written (the trace's `by`, shared with every trace that names it).
    pub text: std::sync::Arc<str>,
    toks: Vec<Tok>,
    kind: ActionKind,
}

/// The action of a request, lowercased once when it is ASCII.
pub(super) struct RequestAction<'a> {
    raw: &'a str,
    lower: Option<String>,
}

impl<'a> RequestAction<'a> {
    /// Prepares `action` for matching.
    pub fn new(raw: &'a str) -> Self {
        RequestAction {
            raw,
            lower: raw.is_ascii().then(|| raw.to_ascii_lowercase()),
        }
    }

    /// The lowercased service prefix (`s3` of `s3:GetObject`) of an ASCII action; `Some("")`
    /// for an ASCII action without a colon; `None` when the action is not ASCII (a
    /// non-ASCII character may fold to an ASCII one, so no statement is ruled out then).
    pub fn service(&self) -> Option<&str> {
        let lower = self.lower.as_deref()?;
        Some(lower.split_once(':').map_or("", |(s, _)| s))
    }
}

fn ascii_literal(text: &str) -> bool {
    text.is_ascii() && !text.contains(['*', '?'])
}

impl ActionPattern {
    /// Compiles a pattern.
    pub fn new(text: &str) -> Self {
        let kind = if text == "*" {
            ActionKind::Any
        } else if ascii_literal(text) {
            ActionKind::Exact(text.to_ascii_lowercase())
        } else if let Some(head) = text.strip_suffix('*').filter(|h| ascii_literal(h)) {
            ActionKind::Prefix(head.to_ascii_lowercase())
        } else {
            ActionKind::Glob
        };
        ActionPattern {
            text: std::sync::Arc::from(text),
            toks: tokens(text),
            kind,
        }
    }

    /// The lowercased service the pattern is limited to, when its service part is plain
    /// ASCII text (`s3` of `s3:Get*`); `None` for `*`, `s3*` or `*:Get*`.
    pub fn service(&self) -> Option<String> {
        let (service, _) = self.text.split_once(':')?;
        ascii_literal(service).then(|| service.to_ascii_lowercase())
    }

    /// Whether the pattern matches the action (as `wildcard::action_matches`).
    pub fn matches(&self, action: &RequestAction<'_>) -> bool {
        match (&self.kind, &action.lower) {
            (ActionKind::Any, _) => true,
            (ActionKind::Exact(p), Some(a)) => p == a,
            (ActionKind::Prefix(p), Some(a)) => a.starts_with(p.as_str()),
            _ => glob_match(&self.toks, action.raw, true),
        }
    }
}

/// How a `Resource` pattern is matched (case-sensitively, segment by segment).
#[derive(Debug, Clone)]
enum ResourceKind {
    /// `*`.
    Any,
    /// No wildcard: the ARN equals the pattern.
    Exact,
    /// Text then one final `*`, which may cross colons: the ARN starts with this.
    Prefix(String),
    /// Other wildcards: the ARN starts with the text before the first wildcard, then the
    /// segment matcher decides.
    Glob(String, Vec<Tok>),
    /// Policy variables: resolved for each request.
    Variables(Vec<Piece>),
}

/// One `Resource` / `NotResource` pattern.
#[derive(Debug, Clone)]
pub(super) struct ResourcePattern {
    /// As written (the trace's `by`, shared with every trace that names it).
    pub text: std::sync::Arc<str>,
    kind: ResourceKind,
}

impl ResourcePattern {
    /// Compiles a pattern; `substitute`: the policy's version substitutes `${...}`.
    pub fn new(text: &str, substitute: bool) -> Self {
        let literal = |t: &str| !t.contains(['*', '?']);
        let kind = if substitute && text.contains("${") {
            ResourceKind::Variables(fold_keys(pieces(text)))
        } else if text == "*" {
            ResourceKind::Any
        } else if literal(text) {
            ResourceKind::Exact
        } else if let Some(head) = text.strip_suffix('*').filter(|h| literal(h)) {
            ResourceKind::Prefix(head.to_string())
        } else {
            let head = text.split(['*', '?']).next().unwrap_or("");
            ResourceKind::Glob(head.to_string(), tokens(text))
        };
        ResourcePattern {
            text: std::sync::Arc::from(text),
            kind,
        }
    }

    /// Whether the pattern matches `arn`; `single` gives a single-valued context key's value
    /// by its lowercased name (for policy variables).
    pub fn matches(&self, arn: &str, single: &dyn Fn(&str) -> Option<String>) -> bool {
        match &self.kind {
            ResourceKind::Any => true,
            ResourceKind::Exact => *self.text == *arn,
            ResourceKind::Prefix(head) => arn.starts_with(head.as_str()),
            ResourceKind::Glob(head, toks) => {
                arn.starts_with(head.as_str()) && arn_match(toks, arn)
            }
            ResourceKind::Variables(pieces) => {
                resolve(pieces, single).is_some_and(|toks| arn_match(&toks, arn))
            }
        }
    }
}

/// The pieces with their variables' keys lowercased (context keys are case-insensitive).
pub(super) fn fold_keys(pieces: Vec<Piece>) -> Vec<Piece> {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Var { key, default } => Piece::Var {
                key: key.to_ascii_lowercase(),
                default,
            },
            other => other,
        })
        .collect()
}

/// Pieces to tokens, as `variables::resolve_tokens` does: `None` when a variable has no
/// value and no default.
pub(super) fn resolve(
    pieces: &[Piece],
    single: &dyn Fn(&str) -> Option<String>,
) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => toks.extend(tokens(t)),
            Piece::Escaped(c) => toks.push(Tok::Lit(*c)),
            Piece::Var { key, default } => {
                let value = single(key).or_else(|| default.clone())?;
                // A substituted value is data, not a pattern.
                toks.extend(value.chars().map(Tok::Lit));
            }
        }
    }
    Some(toks)
}
