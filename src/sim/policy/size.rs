//! Policy size quotas, counted the way IAM counts them (white space excluded).
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>

use super::finding::{Finding, Severity};

/// Longest policy text of any kind: IAM's `PolicyDocument` parameter, 1-131,072 characters
/// (<https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html>). Resource-based
/// policies use it too; the per-service quotas (S3's 20 KB bucket policy, ...) are not modelled.
pub const MAX_POLICY_DOCUMENT_CHARS: usize = 131_072;

/// The length constraint AWS puts on every `PolicyDocument` parameter, in its
/// ValidationError words (without echoing the huge value). `None` when `text` fits.
pub fn document_too_long(text: &str) -> Option<String> {
    // Four bytes at most per character: a text this many bytes long is over without counting.
    let over = text.len() > MAX_POLICY_DOCUMENT_CHARS.saturating_mul(4)
        || (text.len() > MAX_POLICY_DOCUMENT_CHARS
            && text.chars().count() > MAX_POLICY_DOCUMENT_CHARS);
    over.then(|| format!(
        "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint: Member must have length less than or equal to {MAX_POLICY_DOCUMENT_CHARS}"
    ))
}

/// IAM's policy size quotas, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeLimit {
    /// Managed policy: 6,144 characters.
    ManagedPolicy,
    /// Inline policies of one user, together: 2,048 characters.
    UserInline,
    /// Inline policies of one role, together: 10,240 characters.
    RoleInline,
    /// Inline policies of one group, together: 5,120 characters.
    GroupInline,
    /// Role trust policy: 2,048 characters by default (adjustable up to 4,096).
    TrustPolicy,
}

impl SizeLimit {
    /// The quota in characters.
    pub const fn max(self) -> usize {
        match self {
            SizeLimit::ManagedPolicy => 6_144,
            SizeLimit::UserInline => 2_048,
            SizeLimit::RoleInline => 10_240,
            SizeLimit::GroupInline => 5_120,
            SizeLimit::TrustPolicy => 2_048,
        }
    }

    /// A `LimitExceeded` error finding when `size` is over the quota.
    pub fn check(self, size: usize) -> Option<Finding> {
        self.check_for(size, "")
    }

    /// The same, naming the user, group or role (`entity`) as AWS's inline-policy message does.
    pub fn check_for(self, size: usize, entity: &str) -> Option<Finding> {
        let max = self.max();
        if size <= max {
            return None;
        }
        let message = match self {
            SizeLimit::ManagedPolicy => format!("Cannot exceed quota for PolicySize: {max}"),
            SizeLimit::UserInline | SizeLimit::RoleInline | SizeLimit::GroupInline => {
                let who = if entity.is_empty() {
                    String::new()
                } else {
                    format!(" {entity}")
                };
                format!(
                    "Maximum policy size of {max} bytes exceeded for {}{who}",
                    self.entity()
                )
            }
            SizeLimit::TrustPolicy => format!("Cannot exceed quota for ACLSizePerRole: {max}"),
        };
        let mut f = Finding::new(Severity::Error, "LimitExceeded", &message, "");
        f.message =
            format!("{message} (this policy has {size} characters, not counting white space)");
        Some(f)
    }

    fn entity(self) -> &'static str {
        match self {
            SizeLimit::UserInline => "user",
            SizeLimit::GroupInline => "group",
            _ => "role",
        }
    }
}

/// The size IAM counts against its policy quotas: every character but white space. "IAM
/// doesn't count white space when calculating the size of a policy against these quotas"
/// (IAM quotas page); AWS does not say whether white space inside a JSON string counts, so
/// the sentence is taken as written (the policy editor's counter says so). The one count the
/// editor, the world's checks and the file and link bounds all use.
pub fn policy_size(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_not_counted() {
        // "IAM doesn't count white space when calculating the size of a policy" (IAM quotas page)
        assert_eq!(policy_size("{ \"a b\" :\n  1 }"), policy_size("{\"ab\":1}"));
        assert_eq!(policy_size("{\"a b\":1}"), 8);
        assert_eq!(policy_size("{\"é\":1}"), 7, "characters, not bytes");
    }

    #[test]
    fn managed_policy_quota_is_6144_characters() {
        assert!(SizeLimit::ManagedPolicy.check(6_144).is_none());
        let f = SizeLimit::ManagedPolicy.check(6_145).unwrap();
        assert_eq!(f.code, "LimitExceeded");
        assert!(f
            .message
            .starts_with("Cannot exceed quota for PolicySize: 6144"));
    }

    #[test]
    fn inline_quotas_match_the_iam_quotas_page() {
        assert_eq!(SizeLimit::UserInline.max(), 2_048);
        assert_eq!(SizeLimit::RoleInline.max(), 10_240);
        assert_eq!(SizeLimit::GroupInline.max(), 5_120);
        assert_eq!(SizeLimit::TrustPolicy.max(), 2_048);
        assert!(SizeLimit::RoleInline
            .check(10_241)
            .unwrap()
            .message
            .contains("role"));
    }
}
