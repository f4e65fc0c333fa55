//! The `Condition` element: operators, keys and values, checked per operator family.

use super::{join, Builder};
use crate::sim::policy::condition::{ConditionOperator, Family, OperatorBase, SetQualifier};
use crate::sim::policy::finding::Severity;
use crate::sim::policy::json::{Node, NodeKind};
use crate::sim::policy::{ConditionClause, Scalar};

/// Flattens `{"Op": {"key": values}}` to clauses, in document order.
pub(super) fn conditions(b: &mut Builder, node: &Node, path: &str) -> Option<Vec<ConditionClause>> {
    let NodeKind::Object(ops) = &node.kind else {
        b.error("DATA_TYPE_MISMATCH", format!("`{path}` must be an object like {{\"StringEquals\": {{\"aws:PrincipalTag/team\": \"blue\"}}}}."), path, node.range);
        return None;
    };
    b.duplicates(ops, path);
    let mut out = Vec::new();
    let mut ok = true;
    for op in ops {
        let op_path = join(path, &op.name);
        let operator = match ConditionOperator::parse(&op.name) {
            Some(operator) => operator,
            None => {
                b.error("INVALID_OPERATOR", format!("`{}` is not a condition operator. See the IAM condition operators, e.g. StringEquals, ArnLike, IpAddress, Bool, Null, with optional ForAnyValue:/ForAllValues: and ...IfExists.", op.name), &op_path, op.name_range);
                // A policy being written keeps what was typed (see `Builder::draft`).
                if !b.draft {
                    ok = false;
                    continue;
                }
                ConditionOperator::unknown(&op.name)
            }
        };
        let NodeKind::Object(keys) = &op.value.kind else {
            b.error(
                "DATA_TYPE_MISMATCH",
                format!("`{op_path}` must be an object of condition keys and values."),
                &op_path,
                op.value.range,
            );
            ok = false;
            continue;
        };
        for (i, k) in keys.iter().enumerate() {
            let key_path = join(&op_path, &k.name);
            // "Condition key names are not case-sensitive": two spellings are one key twice.
            if keys
                .iter()
                .take(i)
                .any(|e| e.name.eq_ignore_ascii_case(&k.name))
            {
                b.error("DUPLICATE_CONDITION_KEY", format!("The condition key `{}` appears twice under `{}` (key names ignore case). Merge the values into one array.", k.name, op.name), &key_path, k.name_range);
                ok = false;
            }
            if !k.name.contains(':') {
                b.error("INVALID_CONDITION_KEY", format!("`{}` is not a condition key. Keys look like service:name, e.g. aws:SourceIp or s3:prefix.", k.name), &key_path, k.name_range);
                ok &= b.draft;
            }
            let Some(values) = b.scalars(&k.value, &key_path) else {
                ok = false;
                continue;
            };
            for v in &values.items {
                check_value(b, &operator, v, &key_path, k.value.range);
            }
            check_set_operator(b, &operator, &k.name, &key_path, k.name_range);
            out.push(ConditionClause {
                operator: operator.clone(),
                key: k.name.clone(),
                values,
            });
        }
    }
    ok.then_some(out)
}

/// Values that can never match are warnings: IAM stores them, but the condition is dead.
fn check_value(
    b: &mut Builder,
    op: &ConditionOperator,
    v: &Scalar,
    path: &str,
    range: (usize, usize),
) {
    let text = v.text();
    if text.contains("${") {
        if !op.base.supports_variables() {
            b.report(
                Severity::Warning,
                "VARIABLE_NOT_SUPPORTED",
                format!(
                    "{} does not substitute policy variables, so `{text}` is compared literally.",
                    op.base.name()
                ),
                path,
                range,
            );
        }
        return;
    }
    let fits = match op.base.family() {
        Family::Numeric => text.trim().parse::<f64>().is_ok(),
        Family::Date => crate::sim::policy::condition_values::parse_date(&text).is_some(),
        Family::Bool | Family::Null => {
            text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
        }
        Family::Ip => crate::sim::policy::condition_values::parse_cidr(&text).is_some(),
        // ARN operators compare the six colon-separated parts one by one, so a value
        // without six parts (a bare `*` included) matches no ARN.
        Family::Arn => text.split(':').count() >= 6,
        Family::String | Family::Binary => true,
    };
    if !fits {
        let expected = match op.base.family() {
            Family::Numeric => "a number",
            Family::Date => "a date (ISO 8601 like 2024-01-31T00:00:00Z, or epoch seconds)",
            Family::Bool | Family::Null => "true or false",
            Family::Ip => "an IP address or CIDR block like 203.0.113.0/24",
            Family::Arn => "an ARN of six colon-separated parts (arn:partition:service:region:account:resource, each may be a wildcard)",
            _ => "a string",
        };
        b.report(
            Severity::Warning,
            "INVALID_CONDITION_VALUE",
            format!(
                "`{text}` is not {expected}, so {} can never match it.",
                op.base.name()
            ),
            path,
            range,
        );
    }
}

/// Global keys that can hold several values in one request.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>
const MULTIVALUED: &[&str] = &[
    "aws:TagKeys",
    "aws:CalledVia",
    "aws:PrincipalOrgPaths",
    "aws:ResourceOrgPaths",
    "aws:SourceOrgPaths",
    "aws:PrincipalServiceNamesList",
];

/// Global keys that have at most one value.
const SINGLE_VALUED: &[&str] = &[
    "aws:username",
    "aws:userid",
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalType",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SecureTransport",
    "aws:RequestedRegion",
    "aws:MultiFactorAuthPresent",
    "aws:MultiFactorAuthAge",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:ViaAWSService",
    "aws:PrincipalIsAWSService",
    "aws:TokenIssueTime",
    "aws:SourceIdentity",
];

fn is_single_valued(key: &str) -> bool {
    let tagged = ["aws:PrincipalTag/", "aws:ResourceTag/", "aws:RequestTag/"];
    SINGLE_VALUED.iter().any(|k| k.eq_ignore_ascii_case(key))
        || tagged.iter().any(|p| {
            key.len() > p.len()
                && key
                    .get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
        })
}

/// "Multivalued context keys require a condition set operator. Do not use condition set
/// operators ForAllValues or ForAnyValue with single-valued context keys" (multivalued page).
fn check_set_operator(
    b: &mut Builder,
    op: &ConditionOperator,
    key: &str,
    path: &str,
    range: (usize, usize),
) {
    let multi = MULTIVALUED.iter().any(|k| k.eq_ignore_ascii_case(key));
    match op.qualifier {
        None if multi && op.base != OperatorBase::Null => b.report(
            Severity::Warning,
            "MISSING_SET_OPERATOR",
            format!("`{key}` can hold several values: use ForAnyValue:{0} or ForAllValues:{0} to say how the set is compared.", op.base.name()),
            path,
            range,
        ),
        Some(q) if is_single_valued(key) => {
            let name = if q == SetQualifier::ForAllValues { "ForAllValues" } else { "ForAnyValue" };
            b.report(
                Severity::Warning,
                "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
                format!("`{key}` has at most one value; {name}: with a single-valued key can make the policy more permissive than intended. Remove {name}:."),
                path,
                range,
            );
        }
        _ => {}
    }
}
