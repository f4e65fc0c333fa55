//! Reading for edits: layouts are recognised, and what cannot be kept is refused.

use super::*;
use crate::sim::policy::print::Shape;

#[test]
fn text_with_an_element_iam_does_not_know_is_refused_for_editing_and_named() {
    let text = r#"{"Version":"2012-10-17","Comment":"x","Statement":[]}"#;
    assert!(read(text).is_ok(), "reading for edges skips it");
    let err = read_all(text).unwrap_err();
    assert!(
        matches!(&err, ReadError::Unkept(f) if f.code == "UNSUPPORTED_ELEMENT" && f.path == "Comment")
    );
}

#[test]
fn broken_json_and_non_policies_say_which() {
    assert!(matches!(read("{"), Err(ReadError::NotJson(_))));
    assert!(matches!(read("[]"), Err(ReadError::NotAPolicy(_))));
}

#[test]
fn one_line_text_with_spaces_after_colons_stays_spaced() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    let a = read_all(text).unwrap();
    assert_eq!(a.layout.style.shape, Shape::Compact { spaced: true });
    assert_eq!(a.to_text(), text);
}

#[test]
fn tab_indented_text_stays_tab_indented() {
    let text = "{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": []\n}";
    assert_eq!(read_all(text).unwrap().to_text(), text);
}

#[test]
fn anyone_gets_its_own_statement_and_leaves_with_it() {
    let mut a = Authored::empty();
    a.allow_principal(
        PrincipalType::Aws,
        "arn:aws:iam::111122223333:root",
        "sts:AssumeRole",
        None,
    );
    a.allow_principal(PrincipalType::Aws, "*", "sts:AssumeRole", None);
    assert_eq!(a.policy.statements.len(), 2);
    assert_eq!(
        a.policy.statements[1].principal.as_ref().map(|p| &p.value),
        Some(&PrincipalValue::Any)
    );
    assert!(a.remove_principal(PrincipalType::Aws, "*"));
    assert_eq!(a.policy.statements.len(), 1);
}
