//! The IAM entities of an account: users, groups, roles, managed policies, instance profiles.
//!
//! Policy documents are kept as JSON text (the last text the person wrote that was accepted);
//! `sim::policy` parses them when a decision is needed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sim::arn::Arn;
use crate::sim::ids::{
    AccessKeyId, AccountId, GroupId, InstanceProfileId, PolicyId, RoleId, UserId,
};

/// A tag on an IAM entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// 1-128 characters.
    pub key: String,
    /// 0-256 characters.
    pub value: String,
}

impl Tag {
    /// A tag from key and value.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Tag {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// An AWS account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// 12 digits.
    pub account_id: AccountId,
    /// The account alias (sign-in URL name), if set.
    pub alias: Option<String>,
}

/// Whether an access key can be used (`Active`) or not (`Inactive`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccessKeyStatus {
    /// The key signs requests.
    Active,
    /// The key is kept but AWS rejects requests signed with it.
    Inactive,
}

/// A long-term access key of an IAM user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKey {
    /// `AKIA` + 16.
    pub access_key_id: AccessKeyId,
    /// 40 characters; AWS shows it once, at creation.
    pub secret_access_key: String,
    /// Active or Inactive.
    pub status: AccessKeyStatus,
    /// Creation time, seconds since the Unix epoch in simulated time.
    pub created_at: u64,
}

/// A virtual MFA device enabled for a user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaDevice {
    /// `arn:aws:iam::ACCOUNT:mfa/NAME`, what `SerialNumber` is passed to STS.
    pub serial_number: String,
    /// Base32 seed of the simulated TOTP authenticator.
    pub seed: String,
}

/// An IAM user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// `AIDA...`; stays the same across renames and moves.
    pub user_id: UserId,
    /// The account the user lives in.
    pub account: AccountId,
    /// 1-64 characters, unique (case-insensitively) in the account.
    pub user_name: String,
    /// `/` or `/a/b/`.
    pub path: String,
    /// `arn:aws:iam::ACCOUNT:user/PATH/NAME`; follows renames and moves.
    pub arn: String,
    /// Tags.
    pub tags: Vec<Tag>,
    /// Groups this user is a member of (at most 10).
    pub groups: Vec<GroupId>,
    /// ARNs of attached managed policies (at most 10 here).
    pub attached_policies: Vec<String>,
    /// Inline policies: name -> JSON text.
    pub inline_policies: BTreeMap<String, String>,
    /// ARN of the managed policy used as permissions boundary.
    pub permissions_boundary: Option<String>,
    /// Whether the user has a console password (a login profile).
    pub console_password: bool,
    /// At most 2.
    pub access_keys: Vec<AccessKey>,
    /// The user's virtual MFA device, if enabled.
    pub mfa_device: Option<MfaDevice>,
}

/// An IAM user group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// `AGPA...`.
    pub group_id: GroupId,
    /// The account the group lives in.
    pub account: AccountId,
    /// 1-128 characters.
    pub group_name: String,
    /// `/` or `/a/b/`.
    pub path: String,
    /// `arn:aws:iam::ACCOUNT:group/PATH/NAME`.
    pub arn: String,
    /// ARNs of attached managed policies (at most 10 here).
    pub attached_policies: Vec<String>,
    /// Inline policies: name -> JSON text.
    pub inline_policies: BTreeMap<String, String>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// `AROA...`.
    pub role_id: RoleId,
    /// The account the role lives in.
    pub account: AccountId,
    /// 1-64 characters.
    pub role_name: String,
    /// `/` or `/a/b/` (e.g. `/service-role/`).
    pub path: String,
    /// `arn:aws:iam::ACCOUNT:role/PATH/NAME`.
    pub arn: String,
    /// The trust policy (`AssumeRolePolicyDocument`), JSON text.
    pub trust_policy: String,
    /// ARNs of attached managed policies (at most 10 here).
    pub attached_policies: Vec<String>,
    /// Inline policies: name -> JSON text.
    pub inline_policies: BTreeMap<String, String>,
    /// ARN of the managed policy used as permissions boundary.
    pub permissions_boundary: Option<String>,
    /// Seconds, 3600-43200; 3600 by default.
    pub max_session_duration: u32,
    /// Free text, up to 1000 characters.
    pub description: String,
    /// Tags.
    pub tags: Vec<Tag>,
}

/// One version of a customer managed policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    /// `v1`, `v2`, ...
    pub version_id: String,
    /// JSON text.
    pub document: String,
}

/// A customer managed policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPolicy {
    /// `ANPA...`.
    pub policy_id: PolicyId,
    /// The account the policy lives in.
    pub account: AccountId,
    /// 1-128 characters.
    pub policy_name: String,
    /// `/` or `/a/b/`.
    pub path: String,
    /// `arn:aws:iam::ACCOUNT:policy/PATH/NAME`.
    pub arn: String,
    /// Free text.
    pub description: String,
    /// At most 5 versions (quotas page).
    pub versions: Vec<PolicyVersion>,
    /// Which version applies; `v1` on creation.
    pub default_version_id: String,
}

impl ManagedPolicy {
    /// The JSON text of the default version (what applies).
    pub fn document(&self) -> &str {
        self.versions
            .iter()
            .find(|v| v.version_id == self.default_version_id)
            .map(|v| v.document.as_str())
            .unwrap_or("")
    }
}

/// An EC2 instance profile: the container that hands one role to an EC2 instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceProfile {
    /// `AIPA...`.
    pub instance_profile_id: InstanceProfileId,
    /// The account it lives in.
    pub account: AccountId,
    /// 1-128 characters.
    pub instance_profile_name: String,
    /// `/` or `/a/b/`.
    pub path: String,
    /// `arn:aws:iam::ACCOUNT:instance-profile/PATH/NAME`.
    pub arn: String,
    /// The role it holds: an instance profile holds at most one role.
    pub role: Option<RoleId>,
}

/// A reference to an IAM identity that can carry policies: user, group or role.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IdentityId {
    /// An IAM user.
    User(UserId),
    /// A user group.
    Group(GroupId),
    /// A role.
    Role(RoleId),
}

/// Helper: an IAM ARN string for an entity kind.
pub(crate) fn iam_arn(kind: &str, account: &AccountId, path: &str, name: &str) -> String {
    let account = account.as_str();
    match kind {
        "user" => Arn::iam_user(account, path, name),
        "group" => Arn::iam_group(account, path, name),
        "role" => Arn::iam_role(account, path, name),
        "instance-profile" => Arn::iam_instance_profile(account, path, name),
        _ => Arn::iam_policy(account, path, name),
    }
    .to_string()
}
