//! How a policy's text is laid out: element order and style, as its author wrote them.

/// A statement element; `Principal` stands for `NotPrincipal` too (and so on), since a
/// statement has one or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    /// `Sid`.
    Sid,
    /// `Effect`.
    Effect,
    /// `Principal` / `NotPrincipal`.
    Principal,
    /// `Action` / `NotAction`.
    Action,
    /// `Resource` / `NotResource`.
    Resource,
    /// `Condition`.
    Condition,
}

impl Element {
    /// The order of AWS's examples in the policy element reference
    /// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>).
    pub const AWS_ORDER: &'static [Element] = &[
        Element::Sid,
        Element::Effect,
        Element::Principal,
        Element::Action,
        Element::Resource,
        Element::Condition,
    ];

    /// The element a statement key is (`NotAction` is the `Action` element); `None` for a
    /// key that is not a statement element.
    pub fn of_key(key: &str) -> Option<Element> {
        Some(match key {
            "Sid" => Element::Sid,
            "Effect" => Element::Effect,
            "Principal" | "NotPrincipal" => Element::Principal,
            "Action" | "NotAction" => Element::Action,
            "Resource" | "NotResource" => Element::Resource,
            "Condition" => Element::Condition,
            _ => return None,
        })
    }
}

/// A top-level policy element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopElement {
    /// `Version`.
    Version,
    /// `Id`.
    Id,
    /// `Statement`.
    Statement,
}

impl TopElement {
    /// The order of AWS's examples.
    pub const AWS_ORDER: &'static [TopElement] =
        &[TopElement::Version, TopElement::Id, TopElement::Statement];

    /// The element a top-level key is.
    pub fn of_key(key: &str) -> Option<TopElement> {
        Some(match key {
            "Version" => TopElement::Version,
            "Id" => TopElement::Id,
            "Statement" => TopElement::Statement,
            _ => return None,
        })
    }
}

/// Whether the text is on one line or one element per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One line: `{"a":1,"b":2}`, or with `spaced`, `{"a": 1, "b": 2}`.
    Compact {
        /// A space after each `:` and `,`.
        spaced: bool,
    },
    /// One element per line, each level indented by `indent` (spaces or a tab), as
    /// serde_json's and JavaScript's pretty printers write it.
    Pretty {
        /// One level of indentation.
        indent: String,
    },
}

/// The text style of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// Compact or pretty.
    pub shape: Shape,
    /// Whether the text ends with a line break.
    pub newline_at_end: bool,
}

impl Default for Style {
    /// Four-space indented, the way the IAM console shows policies.
    fn default() -> Self {
        Style {
            shape: Shape::Pretty {
                indent: "    ".to_string(),
            },
            newline_at_end: false,
        }
    }
}

/// Element order and style of a policy's text. The default is AWS's order with a 4-space
/// indent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    /// The text style.
    pub style: Style,
    /// Top-level elements in the order written.
    pub top: Vec<TopElement>,
    /// For each statement (by index), its elements in the order written; a statement
    /// without an entry is written in AWS's order.
    pub statements: Vec<Vec<Element>>,
}

/// The elements to write: those present, in the order `written`; a present element that was
/// not written goes right after the last element that AWS's order puts before it.
pub(super) fn ordered<T: Copy + PartialEq>(
    written: &[T],
    aws: &[T],
    present: impl Fn(T) -> bool,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for e in written.iter().copied() {
        if present(e) && !out.contains(&e) {
            out.push(e);
        }
    }
    for (i, e) in aws.iter().copied().enumerate() {
        if !present(e) || out.contains(&e) {
            continue;
        }
        let before = aws.get(..i).unwrap_or_default();
        let at = out
            .iter()
            .rposition(|o| before.contains(o))
            .map_or(0, |p| p.saturating_add(1));
        out.insert(at, e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_the_author_did_not_write_goes_where_aws_puts_it() {
        let all = |_: Element| true;
        let written = [Element::Action, Element::Effect, Element::Resource];
        assert_eq!(
            ordered(&written, Element::AWS_ORDER, all),
            [
                Element::Sid,
                Element::Action,
                Element::Effect,
                Element::Principal,
                Element::Resource,
                Element::Condition
            ]
        );
    }
}
