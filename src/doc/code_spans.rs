//! Text with `backticked` identifiers split into plain and code runs, so captions show code
//! set as code rather than raw backticks.

/// One run of a caption: plain words, or an identifier, command or ARN shown as code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span<'a> {
    Text(&'a str),
    Code(&'a str),
}

/// Splits `text` at backticks: what a pair of them encloses is code. An unpaired backtick
/// stays as written, in the plain text around it; empty runs are left out.
pub fn code_spans(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let after = rest.get(open.saturating_add(1)..).unwrap_or("");
        let Some(close) = after.find('`') else {
            break;
        };
        if let Some(before) = rest.get(..open).filter(|s| !s.is_empty()) {
            out.push(Span::Text(before));
        }
        if let Some(code) = after.get(..close).filter(|s| !s.is_empty()) {
            out.push(Span::Code(code));
        }
        rest = after.get(close.saturating_add(1)..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Span::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{code_spans, Span};

    #[test]
    fn backticked_words_become_code_and_the_backticks_go() {
        assert_eq!(
            code_spans("With her key, `aws sts get-caller-identity` answers"),
            vec![
                Span::Text("With her key, "),
                Span::Code("aws sts get-caller-identity"),
                Span::Text(" answers"),
            ]
        );
    }

    #[test]
    fn a_caption_without_backticks_is_one_plain_run() {
        assert_eq!(code_spans("alice calls"), vec![Span::Text("alice calls")]);
        assert!(code_spans("").is_empty());
    }

    #[test]
    fn an_unpaired_backtick_stays_as_written() {
        assert_eq!(
            code_spans("`dana` says `hi"),
            vec![Span::Code("dana"), Span::Text(" says `hi")]
        );
    }

    #[test]
    fn multibyte_text_around_code_is_kept_whole() {
        assert_eq!(
            code_spans("é `ü` ñ"),
            vec![Span::Text("é "), Span::Code("ü"), Span::Text(" ñ")]
        );
    }
}
