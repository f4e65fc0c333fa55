//! Issued credentials and sessions: `Credentials`, `AssumedRoleUser`, `Session` and `StsState`
//! (time passing for them is `sts::passage`).

use super::request::Tag;
use super::timeline::Timeline;
use super::tokens::{SamlAssertion, WebIdentityToken};
use crate::sim::ids::{AccessKeyId, AccountId, IdGen, InstanceId, RoleId, UserId};
use crate::sim::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::rc::Rc;

/// Temporary security credentials.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    /// `ASIA` + 16 characters.
    pub access_key_id: AccessKeyId,
    /// 40 characters.
    pub secret_access_key: String,
    /// The token every request made with these credentials carries.
    pub session_token: String,
    /// The first instant at which they no longer work (expiry is exclusive: expired means
    /// `now >= expiration`).
    pub expiration: SimTime,
}

impl Credentials {
    /// What `aws sts ...` prints: the same fields, `Expiration` as `2026-01-01T01:00:00+00:00`.
    /// https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role.html
    pub fn to_cli_json(&self) -> serde_json::Value {
        let mut v = self.to_json();
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "Expiration".to_string(),
                serde_json::json!(self.expiration.to_iso8601_offset()),
            );
        }
        v
    }

    /// Whether the credentials no longer work at `now`.
    pub fn is_expired(&self, now: SimTime) -> bool {
        now >= self.expiration
    }

    /// Time left before expiry (negative once expired).
    pub fn remaining(&self, now: SimTime) -> SimDuration {
        self.expiration.since(now)
    }

    /// The API's JSON: `{"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}`,
    /// with `Expiration` as `2026-01-01T01:00:00Z`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "AccessKeyId": self.access_key_id.as_str(),
            "SecretAccessKey": self.secret_access_key,
            "SessionToken": self.session_token,
            "Expiration": self.expiration.to_iso8601(),
        })
    }
}

/// The assumed-role identity a role session acts as.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumedRoleUser.html
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumedRoleUser {
    /// `AROA...:SESSION`.
    pub assumed_role_id: String,
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION` (the role's path is not in it).
    pub arn: String,
}

impl AssumedRoleUser {
    /// Builds both fields from the role's unique id, account, name and the session name.
    pub fn new(role_id: &str, account: &str, role_name: &str, session_name: &str) -> Self {
        AssumedRoleUser {
            assumed_role_id: format!("{role_id}:{session_name}"),
            arn: format!("arn:aws:sts::{account}:assumed-role/{role_name}/{session_name}"),
        }
    }

    /// The API's JSON: `{"AssumedRoleId", "Arn"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "AssumedRoleId": self.assumed_role_id, "Arn": self.arn })
    }
}

/// How a session came to be; decides chaining and which timeline label it gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionOrigin {
    /// `sts:AssumeRole` by a user, a role session or root-free caller.
    AssumeRole,
    /// `sts:AssumeRoleWithWebIdentity` with a token from an OIDC provider.
    WebIdentity {
        /// The provider's ARN (`aws:FederatedProvider`).
        provider_arn: String,
    },
    /// `sts:AssumeRoleWithSAML`.
    Saml {
        /// The SAML provider's ARN.
        provider_arn: String,
    },
    /// `sts:GetSessionToken`: the user's own permissions, temporary.
    SessionToken,
    /// Role credentials EC2 puts in instance metadata (IMDS) for an instance profile.
    Ec2InstanceProfile {
        /// The instance; also the session name.
        instance_id: InstanceId,
    },
    /// Execution-role credentials Lambda passes to a function's environment.
    LambdaExecution {
        /// The function; also the session name.
        function_name: String,
        /// The function's ARN, which tells apart functions of one name in two accounts or
        /// regions. Sessions saved before it was kept have none and are matched by name.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        function_arn: String,
    },
}

/// Who the session acts as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionPrincipal {
    /// A role session.
    Role {
        /// The role's unique id (`AROA...`).
        role_id: RoleId,
        /// The role's IAM ARN, with its path (`aws:PrincipalArn`).
        role_arn: String,
        /// The role's name.
        role_name: String,
        /// The session name.
        session_name: String,
        /// `AROA...:SESSION` and the `assumed-role` ARN.
        assumed_role_user: AssumedRoleUser,
    },
    /// A GetSessionToken session of the account root user.
    Root {
        /// The account.
        account: AccountId,
        /// `arn:aws:iam::ACCOUNT:root`.
        arn: String,
    },
    /// A GetSessionToken session of an IAM user.
    User {
        /// `AIDA...`.
        user_id: UserId,
        /// The user's ARN.
        user_arn: String,
    },
}

/// One issued set of temporary credentials and everything AWS remembers about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The credentials handed out.
    pub credentials: Credentials,
    /// The account the session belongs to (the role's or user's account).
    pub account: String,
    /// Who it acts as.
    pub principal: SessionPrincipal,
    /// How it was made.
    pub origin: SessionOrigin,
    /// `aws:TokenIssueTime`.
    pub issued_at: SimTime,
    /// `aws:SourceIdentity`; persists through role chains.
    pub source_identity: Option<String>,
    /// Session tags (including inherited transitive ones).
    pub tags: Vec<Tag>,
    /// Keys of `tags` that pass to chained sessions.
    pub transitive_tag_keys: Vec<String>,
    /// Inline session policy text.
    pub session_policy: Option<String>,
    /// Managed session policy ARNs.
    pub session_policy_arns: Vec<String>,
    /// `aws:MultiFactorAuthPresent`.
    pub mfa_present: bool,
    /// When MFA was used (for `aws:MultiFactorAuthAge`).
    pub mfa_authenticated_at: Option<SimTime>,
    /// Made with another role session's credentials (role chaining).
    pub chained: bool,
    /// The access key id of the credentials that asked for this session.
    pub parent: Option<AccessKeyId>,
    /// `PackedPolicySize` reported when issued.
    pub packed_policy_size: u32,
}

impl Session {
    /// The ARN this session signs as: the `assumed-role` ARN, or the user's ARN.
    pub fn arn(&self) -> &str {
        match &self.principal {
            SessionPrincipal::Role {
                assumed_role_user, ..
            } => &assumed_role_user.arn,
            SessionPrincipal::User { user_arn, .. } => user_arn,
            SessionPrincipal::Root { arn, .. } => arn,
        }
    }

    /// Transitive tags this session passes on to a session it creates.
    pub fn transitive_tags(&self) -> Vec<Tag> {
        self.tags
            .iter()
            .filter(|t| {
                self.transitive_tag_keys
                    .iter()
                    .any(|k| k.eq_ignore_ascii_case(&t.key))
            })
            .cloned()
            .collect()
    }
}

/// Everything STS has issued in this run, plus the timeline. Kept apart from the world: the
/// world is the document people edit, this is what happened when they ran it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StsState {
    /// Mints ASIA key ids, secrets and session tokens, deterministically.
    pub id_gen: IdGen,
    /// Every session ever issued, in issue order (expired ones stay, for the timeline).
    /// Shared, not copied, when the state is cloned (sessions never change once issued).
    pub sessions: Vec<Rc<Session>>,
    /// Web identity tokens the world's OIDC providers issued.
    pub web_identity_tokens: Vec<WebIdentityToken>,
    /// SAML assertions the world's SAML providers issued.
    pub saml_assertions: Vec<SamlAssertion>,
    /// Every call and every expiry.
    pub timeline: Timeline,
    /// How many expired workload sessions were forgotten to keep the state small (see
    /// `sts::passage`); none of them could be used any more.
    #[serde(default)]
    pub forgotten_sessions: u64,
    /// The access key ids of the last [`FORGOTTEN_KEYS_KEPT`] forgotten sessions, oldest
    /// first: STS still knows such a key and answers `ExpiredToken`, not that it never
    /// existed.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub forgotten_keys: VecDeque<String>,
}

/// How many forgotten sessions' key ids are remembered (see [`StsState::forgotten_keys`]):
/// a key older than that answers `InvalidClientTokenId`, as a key never issued does.
pub const FORGOTTEN_KEYS_KEPT: usize = 1024;

impl StsState {
    /// An empty state whose generated credentials follow from `seed` (use the world's seed).
    pub fn new(seed: u64) -> StsState {
        StsState {
            // A different stream from the world's own ids, still fixed by the scenario's seed.
            id_gen: IdGen::new(seed ^ 0x5354_5321_5354_5321),
            sessions: Vec::new(),
            web_identity_tokens: Vec::new(),
            saml_assertions: Vec::new(),
            timeline: Timeline::default(),
            forgotten_sessions: 0,
            forgotten_keys: VecDeque::new(),
        }
    }

    /// The session whose credentials have this access key id.
    pub fn session(&self, access_key_id: &str) -> Option<&Session> {
        self.sessions
            .iter()
            .map(|s| &**s)
            .find(|s| s.credentials.access_key_id.as_str() == access_key_id)
    }

    /// Sessions whose credentials still work at `now`.
    pub fn active_sessions(&self, now: SimTime) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .map(|s| &**s)
            .filter(move |s| !s.credentials.is_expired(now))
    }

    /// Fresh temporary credentials expiring at `expiration`.
    pub fn mint_credentials(&mut self, expiration: SimTime) -> Credentials {
        Credentials {
            access_key_id: self.id_gen.temporary_access_key_id(),
            secret_access_key: self.id_gen.secret_access_key(),
            session_token: self.id_gen.session_token(),
            expiration,
        }
    }
}
