//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html>

use super::wildcard::Tok;

/// One piece of a string that may contain policy variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text as written; `*` and `?` in it are wildcards where the element allows them.
    Text(String),
    /// `${*}`, `${?}`, `${$}`: the character itself, never a wildcard.
    Escaped(char),
    /// `${key}` or `${key, 'default'}`.
    Var {
        /// The context key, e.g. `aws:username`.
        key: String,
        /// The default used when the key is absent.
        default: Option<String>,
    },
}

/// Splits text into pieces. Text without `${` is one `Text` piece; an unterminated
/// `${` is kept as text (IAM then compares it literally).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut literal = String::new();
    while let Some(start) = rest.find("${") {
        // `start` is an index into `rest`, so these sums stay within its length.
        let open_end = start.saturating_add(2);
        let Some(len) = rest.get(open_end..).and_then(|r| r.find('}')) else {
            break;
        };
        literal.push_str(rest.get(..start).unwrap_or(""));
        let close = open_end.saturating_add(len);
        let inner = rest.get(open_end..close).unwrap_or("");
        let piece = match inner {
            "*" => Piece::Escaped('*'),
            "?" => Piece::Escaped('?'),
            "$" => Piece::Escaped('$'),
            _ => parse_var(inner),
        };
        if !literal.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut literal)));
        }
        out.push(piece);
        rest = rest.get(close.saturating_add(1)..).unwrap_or("");
    }
    literal.push_str(rest);
    if !literal.is_empty() || out.is_empty() {
        out.push(Piece::Text(literal));
    }
    out
}

fn parse_var(inner: &str) -> Piece {
    match inner.split_once(',') {
        Some((key, default)) => {
            let d = default.trim();
            let d = d
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(d);
            Piece::Var {
                key: key.trim().to_string(),
                // Inside a default, '' stands for one single quote.
                default: Some(d.replace("''", "'")),
            }
        }
        None => Piece::Var {
            key: inner.trim().to_string(),
            default: None,
        },
    }
}

/// Whether the text uses any `${...}` form.
pub fn has_variables(text: &str) -> bool {
    pieces(text).iter().any(|p| !matches!(p, Piece::Text(_)))
}

/// Resolves a string to pattern tokens. `lookup` gives a single-valued context key's
/// value (multivalued keys cannot be variables). `None` when a variable has no value and
/// no default: AWS then treats the element as not matching.
/// When `substitute` is false (Version absent or 2008-10-17) the text is taken literally.
pub fn resolve_tokens<F>(text: &str, substitute: bool, lookup: F) -> Option<Vec<Tok>>
where
    F: Fn(&str) -> Option<String>,
{
    if !substitute || !text.contains("${") {
        return Some(super::wildcard::tokens(text));
    }
    let mut toks = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Text(t) => toks.extend(super::wildcard::tokens(&t)),
            Piece::Escaped(c) => toks.push(Tok::Lit(c)),
            Piece::Var { key, default } => {
                let value = lookup(&key).or(default)?;
                // A substituted value is data, not a pattern.
                toks.extend(value.chars().map(Tok::Lit));
            }
        }
    }
    Some(toks)
}

/// Resolves a string to plain text (for operators without wildcards).
pub fn resolve_text<F>(text: &str, substitute: bool, lookup: F) -> Option<String>
where
    F: Fn(&str) -> Option<String>,
{
    let toks = resolve_tokens(text, substitute, lookup)?;
    Some(
        toks.iter()
            .map(|t| match t {
                Tok::Lit(c) => *c,
                Tok::Star => '*',
                Tok::One => '?',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(k: &str) -> Option<String> {
        (k.eq_ignore_ascii_case("aws:username")).then(|| "alice".to_string())
    }

    #[test]
    fn username_variable_is_substituted_under_2012_10_17() {
        let t = resolve_text("arn:aws:s3:::bucket/home/${aws:username}/*", true, user);
        assert_eq!(t.as_deref(), Some("arn:aws:s3:::bucket/home/alice/*"));
    }

    #[test]
    fn variables_are_literal_text_without_2012_version() {
        // "If you don't include the Version element, ... the variables are treated as literal strings"
        let t = resolve_text("home/${aws:username}", false, user);
        assert_eq!(t.as_deref(), Some("home/${aws:username}"));
    }

    #[test]
    fn default_value_is_used_when_the_key_is_absent() {
        let t = resolve_text("${aws:PrincipalTag/team, 'company-wide'}", true, user);
        assert_eq!(t.as_deref(), Some("company-wide"));
    }

    #[test]
    fn doubled_quotes_in_a_default_are_one_quote() {
        let t = resolve_text("${aws:PrincipalTag/x, 'it''s'}", true, user);
        assert_eq!(t.as_deref(), Some("it's"));
    }

    #[test]
    fn missing_key_without_default_does_not_resolve() {
        assert_eq!(resolve_text("${aws:PrincipalTag/team}", true, user), None);
    }

    #[test]
    fn escapes_become_literal_characters() {
        let toks = resolve_tokens("a${*}b${?}${$}", true, user).unwrap();
        assert_eq!(
            toks,
            vec![
                Tok::Lit('a'),
                Tok::Lit('*'),
                Tok::Lit('b'),
                Tok::Lit('?'),
                Tok::Lit('$')
            ]
        );
    }
}
