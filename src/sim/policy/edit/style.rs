//! The layout of policy text as its author wrote it: element order, compact or indented.

use crate::sim::policy::json::{Node, NodeKind, Prop};
use crate::sim::policy::print::{Element, Layout, Shape, Style, TopElement};

/// The longest indent kept as written; anything longer is taken for alignment, not a level.
const MAX_INDENT: usize = 16;

/// The layout of `text`, whose JSON tree is `node`.
pub(super) fn layout_of(text: &str, node: &Node) -> Layout {
    let props = |n: &Node| match &n.kind {
        NodeKind::Object(props) => props.clone(),
        _ => Vec::new(),
    };
    let top_props = props(node);
    let statements = match top_props.iter().find(|p| p.name == "Statement") {
        Some(Prop { value, .. }) => match &value.kind {
            NodeKind::Array(items) => items.iter().map(|s| order(&props(s))).collect(),
            NodeKind::Object(p) => vec![order(p)],
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    Layout {
        style: style_of(text),
        top: dedup(top_props.iter().filter_map(|p| TopElement::of_key(&p.name))),
        statements,
    }
}

fn order(props: &[Prop]) -> Vec<Element> {
    dedup(props.iter().filter_map(|p| Element::of_key(&p.name)))
}

fn dedup<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Compact when the JSON is on one line; otherwise one level of indent is the white space
/// that starts the second line (serde_json, `JSON.stringify(v, null, n)` and the console
/// all indent the first key by one level).
fn style_of(text: &str) -> Style {
    let newline_at_end = text.ends_with('\n');
    let shape = match text.trim().split_once('\n') {
        None => Shape::Compact {
            spaced: spaced(text),
        },
        Some((_, rest)) => {
            let indent: String = rest
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            match indent.len() {
                1..=MAX_INDENT => Shape::Pretty { indent },
                _ => Style::default().shape,
            }
        }
    };
    Style {
        shape,
        newline_at_end,
    }
}

/// Whether the first `:` outside a string is followed by a space (`{"a": 1, "b": 2}`).
fn spaced(text: &str) -> bool {
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_string = !in_string,
            (false, _, ':') => return chars.next() == Some(' '),
            _ => {}
        }
    }
    false
}
