//! AWS STS in the simulation: temporary credentials, role sessions, their expiry, and the
//! timeline of every call.
//!
//! An IAM user holds long-term access keys (`AKIA...`, no expiry). A role holds none: whoever
//! assumes it gets temporary credentials (`ASIA...` + session token) that expire.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html

pub mod error;
pub mod limits;
pub mod mfa;
pub mod request;
pub mod validate;

pub use error::{not_authorized, StsError};
pub use mfa::{mfa_code, mfa_code_remaining};
pub use request::{
    AssumeRoleRequest, AssumeRoleWithSamlRequest, AssumeRoleWithWebIdentityRequest,
    GetSessionTokenRequest, PolicyDescriptorType, Tag,
};
