//! Pretty-printing a policy's JSON tree, as the editor's Format button does: two-space
//! indent, keys in the author's order (duplicates kept), numbers as written.

use super::{Node, NodeKind};

/// `node` printed with two-space indentation, one value per line.
pub fn pretty(node: &Node) -> String {
    let mut out = String::new();
    write(node, 0, &mut out);
    out
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn indent(depth: usize, out: &mut String) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn write(node: &Node, depth: usize, out: &mut String) {
    let inner = depth.saturating_add(1);
    match &node.kind {
        NodeKind::Object(props) if props.is_empty() => out.push_str("{}"),
        NodeKind::Array(items) if items.is_empty() => out.push_str("[]"),
        NodeKind::Object(props) => {
            out.push_str("{\n");
            for (i, p) in props.iter().enumerate() {
                indent(inner, out);
                out.push_str(&quoted(&p.name));
                out.push_str(": ");
                write(&p.value, inner, out);
                out.push_str(if i.saturating_add(1) < props.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            indent(depth, out);
            out.push('}');
        }
        NodeKind::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                indent(inner, out);
                write(item, inner, out);
                out.push_str(if i.saturating_add(1) < items.len() {
                    ",\n"
                } else {
                    "\n"
                });
            }
            indent(depth, out);
            out.push(']');
        }
        NodeKind::String(s) => out.push_str(&quoted(s)),
        NodeKind::Number(n) => out.push_str(n),
        NodeKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeKind::Null => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_text;
    use super::pretty;

    #[test]
    fn formatting_keeps_key_order_duplicates_and_numbers_as_written() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"b","Sid":"a","Effect":"Allow","Action":[],"Condition":{"NumericLessThan":{"s3:max-keys":"10"}},"N":1.50}]}"#;
        let node = parse_text(text).expect("valid JSON");
        assert_eq!(
            pretty(&node),
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"b\",\n      \"Sid\": \"a\",\n      \"Effect\": \"Allow\",\n      \"Action\": [],\n      \"Condition\": {\n        \"NumericLessThan\": {\n          \"s3:max-keys\": \"10\"\n        }\n      },\n      \"N\": 1.50\n    }\n  ]\n}"
        );
    }

    #[test]
    fn formatted_text_reads_back_to_the_same_tree() {
        let text = r#"{"a":"quote \" and \\ and \u00e9","b":[true,false,null,{}]}"#;
        let node = parse_text(text).expect("valid JSON");
        let printed = pretty(&node);
        let again = parse_text(&printed).expect("still valid");
        // The same values (escapes included), and printing is stable.
        let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).expect("JSON");
        assert_eq!(value(text), value(&printed));
        assert_eq!(printed, pretty(&again));
    }
}
