//! Findings: what is wrong (or risky) in a policy, where, and what to do about it.

use serde::Serialize;

/// How serious a finding is; the four levels of IAM Access Analyzer policy validation.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// IAM rejects the policy.
    Error,
    /// The policy works but grants access that is often a mistake.
    SecurityWarning,
    /// The policy works but does not do what it seems to.
    Warning,
    /// A better way to write the same thing.
    Suggestion,
}

/// One finding, located in the text when there was text (`line`/`column` are 1-based;
/// both are 0 when the policy came from a JSON value without positions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error, warning, ...
    pub severity: Severity,
    /// Access-Analyzer-like issue code, e.g. `MISSING_PRINCIPAL`.
    pub code: String,
    /// Plain words: what is wrong and what to do.
    pub message: String,
    /// JSON path of the offending element, e.g. `Statement[0].Effect`.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// Byte offset where the element starts.
    pub start: usize,
    /// Byte offset where the element ends.
    pub end: usize,
}

impl Finding {
    /// An error without a position (positions are filled in by the builder).
    pub fn error(code: &str, message: &str, path: &str) -> Finding {
        Finding::new(Severity::Error, code, message, path)
    }

    /// A finding of any severity without a position.
    pub fn new(severity: Severity, code: &str, message: &str, path: &str) -> Finding {
        Finding {
            severity,
            code: code.to_string(),
            message: message.to_string(),
            path: path.to_string(),
            line: 0,
            column: 0,
            start: 0,
            end: 0,
        }
    }
}
