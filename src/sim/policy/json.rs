//! A small JSON tree that remembers where each value was in the text (for findings).

mod pretty;

use super::finding::{Finding, Severity};
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
pub use pretty::pretty;

/// A JSON value and the byte range of its text (`0..0` when it came from `serde_json`).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Byte range in the source text.
    pub range: (usize, usize),
}

/// The JSON value kinds. Objects keep every property, duplicates included, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `{...}`.
    Object(Vec<Prop>),
    /// `[...]`.
    Array(Vec<Node>),
    /// `"..."`.
    String(String),
    /// A number as written.
    Number(String),
    /// `true`/`false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// One object property.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    /// The key.
    pub name: String,
    /// Byte range of the key.
    pub name_range: (usize, usize),
    /// The value.
    pub value: Node,
}

impl Node {
    /// The JSON type name used in messages (`"string"`, `"array"`, ...).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Object(_) => "object",
            NodeKind::Array(_) => "array",
            NodeKind::String(_) => "string",
            NodeKind::Number(_) => "number",
            NodeKind::Bool(_) => "boolean",
            NodeKind::Null => "null",
        }
    }
}

/// Parses strict JSON (what IAM accepts: no comments, no trailing commas). Text nested
/// deeper than [`crate::sim::bounds::MAX_NESTING`] is refused before the (recursive) parser
/// sees it.
pub fn parse_text(text: &str) -> Result<Node, Box<Finding>> {
    if let Err(e) = crate::sim::bounds::check_nesting(text) {
        let mut f = Finding::error("NESTING_TOO_DEEP", &e.message, "");
        f.line = 1;
        f.column = 1;
        return Err(Box::new(f));
    }
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    match parse_to_ast(text, &CollectOptions::default(), &options) {
        Ok(result) => match result.value {
            Some(value) => Ok(from_ast(&value)),
            None => Err(Box::new(syntax_error(
                text,
                text.len(),
                "the policy text is empty",
            ))),
        },
        Err(e) => {
            let why = e.kind().to_string();
            Err(Box::new(syntax_error(text, e.range().start, &why)))
        }
    }
}

/// `JSON_SYNTAX_ERROR` with Access Analyzer's wording plus the parser's reason.
fn syntax_error(text: &str, offset: usize, why: &str) -> Finding {
    let (line, column) = line_column(text, offset);
    Finding {
        severity: Severity::Error,
        code: "JSON_SYNTAX_ERROR".to_string(),
        message: format!("Fix the JSON syntax error at character {column} in line {line}: {why}."),
        path: String::new(),
        line,
        column,
        start: offset,
        end: offset,
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    LineIndex::new(text).line_column(offset)
}

/// Where each line starts and where the multi-byte characters are, computed once per text,
/// so that placing a finding costs a binary search instead of a scan from the start (a
/// policy with many findings would otherwise cost findings × text length on every keystroke).
pub struct LineIndex {
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// For each multi-byte character, its byte offset and the bytes beyond one that it and
    /// the multi-byte characters before it take (so bytes - extra = characters).
    wide: Vec<(usize, usize)>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut wide = Vec::new();
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                line_starts.push(i.saturating_add(1));
            }
            if c.len_utf8() > 1 {
                extra = extra.saturating_add(c.len_utf8().saturating_sub(1));
                wide.push((i, extra));
            }
        }
        LineIndex { line_starts, wide }
    }

    /// 1-based line and column (in characters) of a byte offset (on a character boundary).
    pub fn line_column(&self, offset: usize) -> (u32, u32) {
        // The last line starting at or before the offset (a newline belongs to its line).
        let line = self.line_starts.partition_point(|s| *s <= offset).max(1);
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let chars = offset.saturating_sub(start).saturating_sub(
            self.extra_before(offset)
                .saturating_sub(self.extra_before(start)),
        );
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (to_u32(line), to_u32(chars).saturating_add(1))
    }

    /// Extra bytes taken by the multi-byte characters that start before `offset`.
    fn extra_before(&self, offset: usize) -> usize {
        let n = self.wide.partition_point(|(at, _)| *at < offset);
        n.checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |(_, extra)| *extra)
    }
}

fn from_ast(value: &Value<'_>) -> Node {
    match value {
        Value::StringLit(s) => node(NodeKind::String(s.value.to_string()), s.range),
        Value::NumberLit(n) => node(NodeKind::Number(n.value.to_string()), n.range),
        Value::BooleanLit(b) => node(NodeKind::Bool(b.value), b.range),
        Value::NullKeyword(n) => node(NodeKind::Null, n.range),
        Value::Array(a) => node(
            NodeKind::Array(a.elements.iter().map(from_ast).collect()),
            a.range,
        ),
        Value::Object(o) => {
            let props = o
                .properties
                .iter()
                .map(|p| {
                    let (name, r) = match &p.name {
                        ObjectPropName::String(s) => (s.value.to_string(), s.range),
                        ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                    };
                    Prop {
                        name,
                        name_range: (r.start, r.end),
                        value: from_ast(&p.value),
                    }
                })
                .collect();
            node(NodeKind::Object(props), o.range)
        }
    }
}

fn node(kind: NodeKind, range: jsonc_parser::common::Range) -> Node {
    Node {
        kind,
        range: (range.start, range.end),
    }
}

/// Converts a `serde_json` value (no positions: every range is `0..0`).
pub fn from_serde(value: &serde_json::Value) -> Node {
    let kind = match value {
        serde_json::Value::Null => NodeKind::Null,
        serde_json::Value::Bool(b) => NodeKind::Bool(*b),
        serde_json::Value::Number(n) => NodeKind::Number(n.to_string()),
        serde_json::Value::String(s) => NodeKind::String(s.clone()),
        serde_json::Value::Array(a) => NodeKind::Array(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(o) => NodeKind::Object(
            o.iter()
                .map(|(k, v)| Prop {
                    name: k.clone(),
                    name_range: (0, 0),
                    value: from_serde(v),
                })
                .collect(),
        ),
    };
    Node {
        kind,
        range: (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_names_line_and_column() {
        let err = parse_text("{\n  \"Version\": \"2012-10-17\",\n}").unwrap_err();
        assert_eq!(err.code, "JSON_SYNTAX_ERROR");
        // The trailing comma is at the end of line 2.
        assert_eq!((err.line, err.column), (2, 26));
        assert!(err.message.contains("in line 2"), "{}", err.message);
    }

    #[test]
    fn line_index_places_offsets_like_a_scan_from_the_start() {
        let text = "{\n  \"Sid\": \"é☃x\",\r\n\n  \"a\": 1}";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let mut line = 1;
            let mut column = 1;
            for (i, c) in text.char_indices() {
                if i >= offset {
                    break;
                }
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            assert_eq!(index.line_column(offset), (line, column), "offset {offset}");
        }
    }

    #[test]
    fn comments_are_not_json() {
        assert!(parse_text("{ // no\n }").is_err());
    }

    #[test]
    fn empty_text_is_a_syntax_error() {
        assert_eq!(parse_text("  ").unwrap_err().code, "JSON_SYNTAX_ERROR");
    }

    #[test]
    fn duplicate_keys_are_kept() {
        let n = parse_text(r#"{"a": 1, "a": 2}"#).unwrap();
        match n.kind {
            NodeKind::Object(props) => assert_eq!(props.len(), 2),
            _ => panic!("object expected"),
        }
    }
}
