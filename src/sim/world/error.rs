//! `WorldError`: a failed world operation, with AWS's error code and AWS's message text.

/// Declares the error enum: every variant carries AWS's message, `code()` is the variant name.
macro_rules! world_errors {
    ($($(#[$meta:meta])* $variant:ident),+ $(,)?) => {
        /// A rejected operation. `code()` is AWS's error code (the variant's name), `message()`
        /// AWS's text; Display prints `Code: message` like the AWS CLI's last line.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum WorldError {
            $($(#[$meta])* $variant { message: String },)+
        }

        impl WorldError {
            /// AWS's error code, e.g. `EntityAlreadyExists`.
            pub fn code(&self) -> &'static str {
                match self {
                    $(WorldError::$variant { .. } => stringify!($variant),)+
                }
            }

            /// AWS's message, e.g. `User with name alice already exists.`
            pub fn message(&self) -> &str {
                match self {
                    $(WorldError::$variant { message } => message,)+
                }
            }
        }
    };
}

world_errors!(
    /// IAM: an entity with that name already exists (names are case-insensitive).
    EntityAlreadyExists,
    /// IAM: the named entity does not exist.
    NoSuchEntity,
    /// IAM: a quota would be exceeded.
    LimitExceeded,
    /// IAM: a parameter breaks its documented constraint (length, pattern, range).
    ValidationError,
    /// IAM: a parameter is malformed (e.g. an ARN).
    InvalidInput,
    /// IAM: the entity is still in use.
    DeleteConflict,
    /// IAM: the policy text is not a usable policy document (e.g. not JSON).
    MalformedPolicyDocument,
    /// Organizations: the SCP/RCP text is not a usable policy document.
    MalformedPolicyDocumentException,
    /// Organizations: an OU with that name already exists under the parent.
    DuplicateOrganizationalUnitException,
    /// Organizations: the policy is already attached to the target.
    DuplicatePolicyAttachmentException,
    /// Organizations: the policy is not attached to the target.
    PolicyNotAttachedException,
    /// Organizations: the policy id does not exist.
    PolicyNotFoundException,
    /// Organizations: the root, OU or account does not exist in the organization.
    TargetNotFoundException,
    /// Organizations: the parent root or OU does not exist.
    ParentNotFoundException,
    /// Organizations: the OU still has accounts or child OUs.
    OrganizationalUnitNotEmptyException,
    /// Organizations: no OU has that id (DeleteOrganizationalUnit, UpdateOrganizationalUnit).
    OrganizationalUnitNotFoundException,
    /// Organizations: the policy is still attached somewhere (DeletePolicy).
    PolicyInUseException,
    /// Organizations: the account already belongs to an organization.
    AlreadyInOrganizationException,
    /// Organizations: there is no organization, or the account is not in it.
    AWSOrganizationsNotInUseException,
    /// Organizations: the operation is refused (e.g. detaching the last policy).
    ConstraintViolationException,
    /// S3: the bucket name is taken (bucket names are global).
    BucketAlreadyExists,
    /// S3: the bucket does not exist.
    NoSuchBucket,
    /// S3: the bucket exists and already belongs to this account.
    BucketAlreadyOwnedByYou,
    /// S3: the bucket name breaks the naming rules.
    InvalidBucketName,
    /// Any service: the resource does not exist.
    ResourceNotFoundException,
    /// Lambda and others: a resource with that name already exists.
    ResourceConflictException,
    /// Secrets Manager: a parameter is malformed; ECS: the task named does not exist.
    InvalidParameterException,
    /// SQS: a parameter value is malformed (e.g. a queue name).
    InvalidParameterValue,
    /// SNS: a parameter is malformed (e.g. a topic name).
    InvalidParameter,
    /// Secrets Manager: a secret with that name already exists.
    ResourceExistsException,
);

impl std::fmt::Display for WorldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for WorldError {}

/// Short constructors used by the operations, so each call site reads like AWS's text.
impl WorldError {
    pub(crate) fn already_exists(message: impl Into<String>) -> Self {
        WorldError::EntityAlreadyExists {
            message: message.into(),
        }
    }

    pub(crate) fn no_such_entity(message: impl Into<String>) -> Self {
        WorldError::NoSuchEntity {
            message: message.into(),
        }
    }

    pub(crate) fn limit_exceeded(message: impl Into<String>) -> Self {
        WorldError::LimitExceeded {
            message: message.into(),
        }
    }

    pub(crate) fn validation(message: impl Into<String>) -> Self {
        WorldError::ValidationError {
            message: message.into(),
        }
    }

    pub(crate) fn invalid_input(message: impl Into<String>) -> Self {
        WorldError::InvalidInput {
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_code_colon_message() {
        let err = WorldError::already_exists("User with name alice already exists.");
        assert_eq!(err.code(), "EntityAlreadyExists");
        assert_eq!(
            err.to_string(),
            "EntityAlreadyExists: User with name alice already exists."
        );
    }
}
