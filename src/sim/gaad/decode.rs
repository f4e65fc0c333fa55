//! Policy documents as GAAD carries them: a JSON object (AWS CLI) or a URL-encoded JSON
//! string (the API and SDKs), turned into the policy text the world keeps.

use serde::Serialize;
use serde_json::Value;

/// Decodes RFC 3986 percent-encoding (`%7B` -> `{`). `+` stays `+`: RFC 3986 has no
/// space-as-plus rule, and IAM encodes a space as `%20`.
pub fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i.saturating_add(1)..i.saturating_add(3))
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(v) = hex else {
                return Err(format!(
                    "`%` at character {} is not followed by two hex digits",
                    i.saturating_add(1)
                ));
            };
            out.push(v);
            i = i.saturating_add(3);
        } else {
            out.push(b);
            i = i.saturating_add(1);
        }
    }
    String::from_utf8(out).map_err(|_| "the decoded text is not UTF-8".to_string())
}

/// Pretty JSON with four-space indents, the way the playground's editor shows policies.
pub fn pretty(v: &Value) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    if v.serialize(&mut ser).is_err() {
        return v.to_string();
    }
    String::from_utf8(out).unwrap_or_else(|_| v.to_string())
}

/// The policy text of a GAAD policy document: an object is printed as pretty JSON; a string
/// is URL-decoded (or taken as-is when it already is JSON) and kept exactly as written, so
/// an API-form file round-trips to the same text. The result is always a JSON object.
pub fn decode_policy_document(v: &Value) -> Result<String, String> {
    match v {
        Value::Object(_) => Ok(pretty(v)),
        Value::String(s) => {
            let as_is = s.trim_start().starts_with('{');
            let text = if as_is && is_json_object(s) {
                s.clone()
            } else {
                percent_decode(s)?
            };
            if is_json_object(&text) {
                Ok(text)
            } else {
                Err(
                    "the policy document is not a JSON object, neither as written nor URL-decoded"
                        .into(),
                )
            }
        }
        Value::Null => Err("the policy document is missing".into()),
        _ => Err("the policy document is neither a JSON object nor a URL-encoded string".into()),
    }
}

fn is_json_object(text: &str) -> bool {
    matches!(serde_json::from_str::<Value>(text), Ok(Value::Object(_)))
}

/// RFC 3986 percent-encoding of everything but the unreserved characters, as IAM returns
/// policy documents from the API.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn url_encoded_documents_decode_to_the_same_text() {
        let text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/*\"}]}";
        let encoded = percent_encode(text);
        assert!(encoded.starts_with("%7B%22Version%22"));
        assert_eq!(decode_policy_document(&json!(encoded)).unwrap(), text);
    }

    #[test]
    fn plus_is_not_a_space() {
        assert_eq!(percent_decode("a+b%20c").unwrap(), "a+b c");
    }

    #[test]
    fn broken_escapes_are_errors_not_panics() {
        assert!(percent_decode("%7").is_err());
        assert!(percent_decode("%zz").is_err());
        assert!(percent_decode("%FF").is_err());
        assert!(decode_policy_document(&json!("%5B%5D")).is_err());
        assert!(decode_policy_document(&json!(3)).is_err());
    }

    #[test]
    fn objects_print_with_four_space_indents() {
        let t = decode_policy_document(&json!({"Version": "2012-10-17", "Statement": []})).unwrap();
        assert_eq!(
            t,
            "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": []\n}"
        );
    }
}
