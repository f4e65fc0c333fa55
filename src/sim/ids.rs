//! Identifiers of the IAM world (newtypes) and the seeded generator that mints them like AWS does.
//!
//! Formats follow AWS's "IAM identifiers" page, section "Understanding unique ID prefixes":
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes>
//! (AIDA user, AGPA group, AROA role, ANPA managed policy, AIPA instance profile, AKIA access
//! key, ASIA temporary access key). A unique id is 21 characters, an access key id 20.

use serde::{Deserialize, Serialize};

pub mod entity;
pub mod prng;

pub use entity::EntityId;
pub use prng::IdGen;

/// Declares a string newtype id: serialized as a bare JSON string, ordered, displayable.
macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string taken as-is (ids loaded from a document, or written by hand in tests).
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The id as AWS prints it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// A 12-digit AWS account id, e.g. `111122223333` (kept as text: leading zeros are legal).
    AccountId
);
string_id!(
    /// An IAM user's unique id, `AIDA` + 17 characters.
    UserId
);
string_id!(
    /// An IAM group's unique id, `AGPA` + 17 characters.
    GroupId
);
string_id!(
    /// An IAM role's unique id, `AROA` + 17 characters.
    RoleId
);
string_id!(
    /// A customer managed policy's unique id, `ANPA` + 17 characters.
    PolicyId
);
string_id!(
    /// An instance profile's unique id, `AIPA` + 17 characters.
    InstanceProfileId
);
string_id!(
    /// An access key id: `AKIA` (long-term) or `ASIA` (temporary) + 16 characters.
    AccessKeyId
);
string_id!(
    /// An EC2 instance id, `i-` + 17 lowercase hex digits.
    InstanceId
);
string_id!(
    /// An ECS task id, 32 lowercase hex digits: the last part of the task's ARN,
    /// `arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/TASK_ID`.
    EcsTaskId
);
string_id!(
    /// An AWS Organizations organization id, `o-` + 10 lowercase letters or digits.
    OrganizationId
);
string_id!(
    /// The id of an organization's root, `r-` + 4 lowercase letters or digits.
    RootId
);
string_id!(
    /// An organizational unit id, `ou-` + the root's 4 characters + `-` + 8 characters.
    OuId
);
string_id!(
    /// An Organizations policy (SCP/RCP) id, `p-` + 8 characters (or `p-FullAWSAccess`).
    OrgPolicyId
);

impl AccountId {
    /// Accepts exactly 12 ASCII digits, as AWS account ids are.
    pub fn parse(text: &str) -> Option<AccountId> {
        if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
            Some(AccountId(text.to_string()))
        } else {
            None
        }
    }
}

/// The four-character prefixes AWS puts on unique ids and key ids
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdPrefix {
    /// `AIDA`: IAM user.
    User,
    /// `AGPA`: user group.
    Group,
    /// `AROA`: role.
    Role,
    /// `ANPA`: managed policy.
    ManagedPolicy,
    /// `AIPA`: EC2 instance profile.
    InstanceProfile,
    /// `AKIA`: long-term access key.
    AccessKey,
    /// `ASIA`: temporary (STS) access key.
    TemporaryAccessKey,
}

impl IdPrefix {
    /// The four characters AWS uses.
    pub fn as_str(self) -> &'static str {
        match self {
            IdPrefix::User => "AIDA",
            IdPrefix::Group => "AGPA",
            IdPrefix::Role => "AROA",
            IdPrefix::ManagedPolicy => "ANPA",
            IdPrefix::InstanceProfile => "AIPA",
            IdPrefix::AccessKey => "AKIA",
            IdPrefix::TemporaryAccessKey => "ASIA",
        }
    }

    /// Which kind of thing an id names, read from its first four characters.
    pub fn of(id: &str) -> Option<IdPrefix> {
        let all = [
            IdPrefix::User,
            IdPrefix::Group,
            IdPrefix::Role,
            IdPrefix::ManagedPolicy,
            IdPrefix::InstanceProfile,
            IdPrefix::AccessKey,
            IdPrefix::TemporaryAccessKey,
        ];
        all.into_iter().find(|p| id.starts_with(p.as_str()))
    }
}
