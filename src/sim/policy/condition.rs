//! Condition operators: names, families, set qualifiers and `...IfExists`.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>

/// `ForAnyValue:` / `ForAllValues:` for multivalued context keys.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html>
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetQualifier {
    /// At least one request value matches (false when the key is missing or empty).
    ForAnyValue,
    /// Every request value matches (true when the key is missing or empty).
    ForAllValues,
}

macro_rules! operators {
    ($($name:ident),* $(,)?) => {
        /// The base condition operator, without qualifier or `IfExists`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum OperatorBase { $(
            #[doc = concat!("`", stringify!($name), "`")]
            $name,
        )* }

        impl OperatorBase {
            /// Every operator, for lookups.
            pub const ALL: &'static [OperatorBase] = &[$(OperatorBase::$name),*];
            /// The operator's name as AWS writes it.
            pub fn name(self) -> &'static str {
                match self { $(OperatorBase::$name => stringify!($name),)* }
            }
        }
    };
}

operators!(
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
);

/// Operator families: what kind of value each compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Strings.
    String,
    /// Numbers.
    Numeric,
    /// Dates (ISO 8601 or epoch seconds).
    Date,
    /// `true`/`false`.
    Bool,
    /// Base64 binary.
    Binary,
    /// IPv4/IPv6 addresses and CIDR blocks.
    Ip,
    /// ARNs (segment-wise, with wildcards).
    Arn,
    /// Key presence.
    Null,
}

impl OperatorBase {
    /// Finds an operator by name, ignoring case.
    pub fn parse(name: &str) -> Option<OperatorBase> {
        OperatorBase::ALL
            .iter()
            .copied()
            .find(|op| op.name().eq_ignore_ascii_case(name))
    }

    /// Whether this is a negated operator (true when the key is missing).
    pub fn is_negated(self) -> bool {
        use OperatorBase::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// The positive operator a negated one negates (itself when not negated).
    pub fn positive(self) -> OperatorBase {
        use OperatorBase::*;
        match self {
            StringNotEquals => StringEquals,
            StringNotEqualsIgnoreCase => StringEqualsIgnoreCase,
            StringNotLike => StringLike,
            NumericNotEquals => NumericEquals,
            DateNotEquals => DateEquals,
            NotIpAddress => IpAddress,
            ArnNotEquals => ArnEquals,
            ArnNotLike => ArnLike,
            other => other,
        }
    }

    /// The family.
    pub fn family(self) -> Family {
        use OperatorBase::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => Family::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => Family::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => Family::Date,
            Bool => Family::Bool,
            BinaryEquals => Family::Binary,
            IpAddress | NotIpAddress => Family::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => Family::Arn,
            Null => Family::Null,
        }
    }

    /// Whether policy variables are substituted in this operator's values
    /// (the "Policy variables" line of each family on the condition operators page).
    pub fn supports_variables(self) -> bool {
        matches!(self.family(), Family::String | Family::Arn | Family::Bool)
    }
}

/// A parsed operator such as `ForAllValues:StringLikeIfExists`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionOperator {
    /// The operator exactly as written (printed back as is).
    pub raw: String,
    /// `ForAnyValue:` / `ForAllValues:`.
    pub qualifier: Option<SetQualifier>,
    /// The base operator.
    pub base: OperatorBase,
    /// `...IfExists`: true when the key is missing.
    pub if_exists: bool,
}

impl ConditionOperator {
    /// Parses an operator name; `None` when IAM does not know it.
    pub fn parse(raw: &str) -> Option<ConditionOperator> {
        let (qualifier, rest) = match raw.split_once(':') {
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAnyValue") => {
                (Some(SetQualifier::ForAnyValue), rest)
            }
            Some((q, rest)) if q.eq_ignore_ascii_case("ForAllValues") => {
                (Some(SetQualifier::ForAllValues), rest)
            }
            Some(_) => return None,
            None => (None, raw),
        };
        let (base, if_exists) = match OperatorBase::parse(rest) {
            Some(base) => (base, false),
            None => {
                let cut = rest.len().checked_sub("IfExists".len())?;
                let (name, suffix) = (rest.get(..cut)?, rest.get(cut..)?);
                if !suffix.eq_ignore_ascii_case("IfExists") {
                    return None;
                }
                (OperatorBase::parse(name)?, true)
            }
        };
        // "You can't use IfExists with the Null condition operator."
        if base == OperatorBase::Null && if_exists {
            return None;
        }
        Some(ConditionOperator {
            raw: raw.to_string(),
            qualifier,
            base,
            if_exists,
        })
    }

    /// An operator IAM does not know, kept as written so a policy being edited (a condition
    /// typed in the form, half-written) is written back as typed. Its `base` means nothing:
    /// such an operator is never evaluated, since evaluation reads the written text again
    /// and IAM's reading rejects it (`INVALID_OPERATOR`).
    pub fn unknown(raw: &str) -> ConditionOperator {
        ConditionOperator {
            raw: raw.to_string(),
            ..ConditionOperator::new(None, OperatorBase::StringEquals, false)
        }
    }

    /// Builds an operator from its parts (`raw` is the canonical spelling).
    pub fn new(qualifier: Option<SetQualifier>, base: OperatorBase, if_exists: bool) -> Self {
        let prefix = match qualifier {
            Some(SetQualifier::ForAnyValue) => "ForAnyValue:",
            Some(SetQualifier::ForAllValues) => "ForAllValues:",
            None => "",
        };
        let suffix = if if_exists { "IfExists" } else { "" };
        ConditionOperator {
            raw: format!("{prefix}{}{suffix}", base.name()),
            qualifier,
            base,
            if_exists,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_qualifier_base_and_if_exists() {
        let op = ConditionOperator::parse("ForAllValues:StringLikeIfExists").unwrap();
        assert_eq!(op.qualifier, Some(SetQualifier::ForAllValues));
        assert_eq!(op.base, OperatorBase::StringLike);
        assert!(op.if_exists);
        assert_eq!(
            ConditionOperator::parse("NotIpAddress").unwrap().base,
            OperatorBase::NotIpAddress
        );
    }

    #[test]
    fn null_cannot_take_if_exists() {
        assert!(ConditionOperator::parse("NullIfExists").is_none());
    }

    #[test]
    fn unknown_operators_are_rejected() {
        assert!(ConditionOperator::parse("StringSortOf").is_none());
        assert!(ConditionOperator::parse("ForSomeValues:StringEquals").is_none());
    }

    #[test]
    fn negated_operators_know_their_positive() {
        assert!(OperatorBase::ArnNotLike.is_negated());
        assert_eq!(OperatorBase::ArnNotLike.positive(), OperatorBase::ArnLike);
        assert!(!OperatorBase::Null.is_negated());
    }
}
