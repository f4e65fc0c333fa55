//! A seeded splitmix64 generator kept in the world, so a shared scenario mints the same ids again.

use serde::{Deserialize, Serialize};

use super::{
    AccessKeyId, AccountId, EcsTaskId, GroupId, IdPrefix, InstanceId, InstanceProfileId,
    OrgPolicyId, OrganizationId, OuId, PolicyId, RoleId, RootId, UserId,
};

/// AWS unique ids and access key ids use upper-case base32: `A-Z` and `2-7`
/// (e.g. `AIDAJQABLZS4A3QDU576Q`, `AKIAIOSFODNN7EXAMPLE`).
pub const BASE32_UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// Secret access keys and session tokens are base64 text.
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOWER_ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const HEX_LOWER: &[u8] = b"0123456789abcdef";
const DIGITS: &[u8] = b"0123456789";
const ALNUM_MIXED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Session tokens issued by STS today start with these bytes (base64 of a protobuf header);
/// keeping them makes simulated tokens look like the real thing.
const SESSION_TOKEN_HEAD: &str = "IQoJb3JpZ2luX2Vj";
/// Characters in a simulated session token, header included (real ones are several hundred).
pub const SESSION_TOKEN_LEN: usize = 356;

/// Deterministic id generator (splitmix64). Its whole state is serialized with the world:
/// the same seed and the same sequence of operations give the same ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdGen {
    /// The seed the world was created with (kept for display and for "new world, same seed").
    pub seed: u64,
    /// The running state; advances on every draw.
    pub state: u64,
}

impl IdGen {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        IdGen { seed, state: seed }
    }

    /// Next 64 random bits (splitmix64, Steele/Lea/Flood 2014).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `len` characters drawn from `alphabet` (modulo bias is irrelevant at these sizes).
    pub fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        let n = alphabet.len().max(1) as u64;
        (0..len)
            .map(|_| {
                // `n` is at least 1, so the remainder always exists.
                let i = self.next_u64().checked_rem(n).unwrap_or(0) as usize;
                alphabet.get(i).map(|b| *b as char).unwrap_or('A')
            })
            .collect()
    }

    /// A unique id: four-character prefix + 17 base32 characters = 21 characters.
    pub fn unique_id(&mut self, prefix: IdPrefix) -> String {
        format!("{}{}", prefix.as_str(), self.chars(BASE32_UPPER, 17))
    }

    /// `AIDA...` for a new IAM user.
    pub fn user_id(&mut self) -> UserId {
        UserId::new(self.unique_id(IdPrefix::User))
    }

    /// `AGPA...` for a new group.
    pub fn group_id(&mut self) -> GroupId {
        GroupId::new(self.unique_id(IdPrefix::Group))
    }

    /// `AROA...` for a new role.
    pub fn role_id(&mut self) -> RoleId {
        RoleId::new(self.unique_id(IdPrefix::Role))
    }

    /// `ANPA...` for a new customer managed policy.
    pub fn policy_id(&mut self) -> PolicyId {
        PolicyId::new(self.unique_id(IdPrefix::ManagedPolicy))
    }

    /// `AIPA...` for a new instance profile.
    pub fn instance_profile_id(&mut self) -> InstanceProfileId {
        InstanceProfileId::new(self.unique_id(IdPrefix::InstanceProfile))
    }

    /// `AKIA` + 16: a long-term access key id (20 characters).
    pub fn access_key_id(&mut self) -> AccessKeyId {
        AccessKeyId::new(format!(
            "{}{}",
            IdPrefix::AccessKey.as_str(),
            self.chars(BASE32_UPPER, 16)
        ))
    }

    /// `ASIA` + 16: a temporary access key id handed out by STS (20 characters).
    pub fn temporary_access_key_id(&mut self) -> AccessKeyId {
        AccessKeyId::new(format!(
            "{}{}",
            IdPrefix::TemporaryAccessKey.as_str(),
            self.chars(BASE32_UPPER, 16)
        ))
    }

    /// A 40-character secret access key (base64 alphabet, like AWS's).
    pub fn secret_access_key(&mut self) -> String {
        self.chars(BASE64, 40)
    }

    /// An opaque session token of [`SESSION_TOKEN_LEN`] base64 characters.
    pub fn session_token(&mut self) -> String {
        let body = self.chars(
            BASE64,
            SESSION_TOKEN_LEN.saturating_sub(SESSION_TOKEN_HEAD.len()),
        );
        format!("{SESSION_TOKEN_HEAD}{body}")
    }

    /// A 12-digit account id; the first digit is never 0 so it reads as a number too.
    pub fn account_id(&mut self) -> AccountId {
        let first = self.chars(b"123456789", 1);
        AccountId::new(format!("{first}{}", self.chars(DIGITS, 11)))
    }

    /// `i-` + 17 lowercase hex digits, the current EC2 instance id format.
    pub fn instance_id(&mut self) -> InstanceId {
        InstanceId::new(format!("i-{}", self.chars(HEX_LOWER, 17)))
    }

    /// 32 lowercase hex digits, the id of an ECS task (the last part of its ARN).
    pub fn ecs_task_id(&mut self) -> EcsTaskId {
        EcsTaskId::new(self.chars(HEX_LOWER, 32))
    }

    /// `o-` + 10 lowercase letters/digits.
    pub fn organization_id(&mut self) -> OrganizationId {
        OrganizationId::new(format!("o-{}", self.chars(LOWER_ALNUM, 10)))
    }

    /// `r-` + 4 lowercase letters/digits.
    pub fn root_id(&mut self) -> RootId {
        RootId::new(format!("r-{}", self.chars(LOWER_ALNUM, 4)))
    }

    /// `ou-` + the root's 4 characters + `-` + 8 lowercase letters/digits (e.g. `ou-ab12-cd34ef56`).
    pub fn ou_id(&mut self, root: &RootId) -> OuId {
        let root_part = root.as_str().trim_start_matches("r-");
        OuId::new(format!("ou-{root_part}-{}", self.chars(LOWER_ALNUM, 8)))
    }

    /// `p-` + 8 lowercase letters/digits for a new SCP or RCP.
    pub fn org_policy_id(&mut self) -> OrgPolicyId {
        OrgPolicyId::new(format!("p-{}", self.chars(LOWER_ALNUM, 8)))
    }

    /// A KMS key id: a UUID (8-4-4-4-12 lowercase hex).
    pub fn kms_key_id(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.chars(HEX_LOWER, 8),
            self.chars(HEX_LOWER, 4),
            self.chars(HEX_LOWER, 4),
            self.chars(HEX_LOWER, 4),
            self.chars(HEX_LOWER, 12)
        )
    }

    /// The 6 random characters Secrets Manager appends to a secret's ARN.
    pub fn secret_suffix(&mut self) -> String {
        self.chars(ALNUM_MIXED, 6)
    }

    /// A base32 seed for a virtual MFA device (AWS shows a 64-character Base32StringSeed).
    pub fn mfa_seed(&mut self) -> String {
        self.chars(BASE32_UPPER, 64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_draws_same_sequence() {
        let mut a = IdGen::new(7);
        let mut b = IdGen::new(7);
        assert_eq!(a.user_id(), b.user_id());
        assert_eq!(a.access_key_id(), b.access_key_id());
        assert_ne!(IdGen::new(7).user_id(), IdGen::new(8).user_id());
    }

    #[test]
    fn session_token_has_sts_header_and_fixed_length() {
        let token = IdGen::new(1).session_token();
        assert!(token.starts_with(SESSION_TOKEN_HEAD));
        assert_eq!(token.len(), SESSION_TOKEN_LEN);
    }
}
