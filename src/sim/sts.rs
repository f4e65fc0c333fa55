//! AWS STS in the simulation: temporary credentials, role sessions, their expiry, and the
//! timeline of every call.
//!
//! An IAM user holds long-term access keys (`AKIA...`, no expiry). A role holds none: whoever
//! assumes it gets temporary credentials (`ASIA...` + session token) that expire.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html

pub mod assume_role;
pub mod authz;
pub mod call;
pub mod caller;
pub mod checks;
pub mod error;
pub mod federated_trust;
pub mod federation;
pub mod gate;
pub mod issue;
pub mod limits;
pub mod mfa;
pub mod passage;
pub mod request;
pub mod role_gates;
pub mod saml;
pub mod script;
pub mod services;
pub mod session;
pub mod session_token;
pub mod timeline;
pub mod tokens;
pub mod validate;
pub mod view;
pub mod workload;

pub use assume_role::{assume_role, StsOutcome};
pub use call::{call, revoke_sessions, CallResult, ServiceError};
pub use caller::{authenticate, Caller, GetCallerIdentityResponse};
pub use error::{not_authorized, StsError};
pub use federation::{assume_role_with_saml, assume_role_with_web_identity};
pub use gate::{Comparison, Gate, GateName, Gates};
pub use issue::AssumeRoleResponse;
pub use mfa::{mfa_code, mfa_code_remaining};
pub use passage::TimeEvent;
pub use request::{
    AssumeRoleRequest, AssumeRoleWithSamlRequest, AssumeRoleWithWebIdentityRequest,
    GetSessionTokenRequest, PolicyDescriptorType, Tag,
};
pub use script::run_script;
pub use services::{imds_credentials, lambda_environment, ImdsCredentials};
pub use session::{
    AssumedRoleUser, Credentials, Session, SessionOrigin, SessionPrincipal, StsState,
};
pub use session_token::{get_caller_identity, get_session_token, GetSessionTokenResponse};
pub use timeline::{EventKind, Outcome, Refreshes, Timeline, TimelineEvent};
pub use view::SessionView;
