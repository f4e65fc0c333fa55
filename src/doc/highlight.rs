//! JSON syntax highlighting for the policy editors: text in, coloured spans out.

/// What a span of policy text is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An object key: `"Effect"`.
    Key,
    /// A string value: `"Allow"`.
    String,
    Number,
    /// `true`, `false`, `null`.
    Literal,
    /// `{ } [ ] : ,`
    Punct,
    /// Spaces and newlines.
    Space,
    /// Anything a JSON reader would not accept here.
    Other,
}

/// A span of the text: byte range and kind. Spans cover the text exactly, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into coloured spans. Never fails: unfinished strings and stray characters
/// become spans too, so the editor can always draw what was typed.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start.saturating_add(c.len_utf8());
        let kind = match c {
            '"' => {
                let mut escaped = false;
                for (i, ch) in chars.by_ref() {
                    end = i.saturating_add(ch.len_utf8());
                    if escaped {
                        escaped = false;
                    } else if ch == '\\' {
                        escaped = true;
                    } else if ch == '"' || ch == '\n' {
                        break;
                    }
                }
                if next_non_space_is_colon(text, end) {
                    TokenKind::Key
                } else {
                    TokenKind::String
                }
            }
            '{' | '}' | '[' | ']' | ':' | ',' => TokenKind::Punct,
            c if c.is_whitespace() => {
                while let Some(&(i, ch)) = chars.peek() {
                    if !ch.is_whitespace() {
                        break;
                    }
                    end = i.saturating_add(ch.len_utf8());
                    chars.next();
                }
                TokenKind::Space
            }
            c if c == '-' || c.is_ascii_digit() => {
                while let Some(&(i, ch)) = chars.peek() {
                    if !(ch.is_ascii_digit() || matches!(ch, '.' | 'e' | 'E' | '+' | '-')) {
                        break;
                    }
                    end = i.saturating_add(ch.len_utf8());
                    chars.next();
                }
                TokenKind::Number
            }
            c if c.is_ascii_alphabetic() => {
                while let Some(&(i, ch)) = chars.peek() {
                    if !ch.is_ascii_alphanumeric() {
                        break;
                    }
                    end = i.saturating_add(ch.len_utf8());
                    chars.next();
                }
                match text.get(start..end) {
                    Some("true" | "false" | "null") => TokenKind::Literal,
                    _ => TokenKind::Other,
                }
            }
            _ => TokenKind::Other,
        };
        out.push(Token { kind, start, end });
    }
    out
}

fn next_non_space_is_colon(text: &str, from: usize) -> bool {
    text.get(from..)
        .and_then(|rest| rest.chars().find(|c| !c.is_whitespace()))
        == Some(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.kind != TokenKind::Space)
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect()
    }

    #[test]
    fn keys_and_string_values_are_told_apart() {
        assert_eq!(
            kinds(r#"{"Effect": "Allow", "N": 12, "B": true}"#),
            vec![
                (TokenKind::Punct, "{"),
                (TokenKind::Key, r#""Effect""#),
                (TokenKind::Punct, ":"),
                (TokenKind::String, r#""Allow""#),
                (TokenKind::Punct, ","),
                (TokenKind::Key, r#""N""#),
                (TokenKind::Punct, ":"),
                (TokenKind::Number, "12"),
                (TokenKind::Punct, ","),
                (TokenKind::Key, r#""B""#),
                (TokenKind::Punct, ":"),
                (TokenKind::Literal, "true"),
                (TokenKind::Punct, "}"),
            ]
        );
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string() {
        assert_eq!(kinds(r#""a\"b""#), vec![(TokenKind::String, r#""a\"b""#)]);
    }

    #[test]
    fn broken_text_still_covers_every_byte() {
        for text in ["{\"Eff", "{'x': tru}", "{\"a\": \"é…\"", "\u{1F600}{"] {
            let tokens = tokenize(text);
            let mut at = 0;
            for t in &tokens {
                assert_eq!(t.start, at, "gap in {text:?}");
                at = t.end;
            }
            assert_eq!(at, text.len(), "{text:?} not covered");
        }
    }
}
