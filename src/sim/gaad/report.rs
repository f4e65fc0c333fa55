//! The import report: what a GAAD file held, what was assumed because GAAD does not say,
//! what was referenced but missing, and what could not be read.

use serde::{Deserialize, Serialize};

/// The line the report always carries: the file is read where the playground runs.
pub const STAYED_LOCAL: &str =
    "The file was read here, in your browser; it was not uploaded or sent anywhere.";

/// How many of each kind an import added to the world.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub accounts: usize,
    pub users: usize,
    pub groups: usize,
    pub roles: usize,
    /// Customer managed policies.
    pub customer_managed_policies: usize,
    /// AWS managed policies the file held (those equal to the built-in copy are not stored).
    pub aws_managed_policies: usize,
    pub inline_policies: usize,
    pub instance_profiles: usize,
}

/// A value the import chose because GAAD does not hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumed {
    /// What, e.g. "MaxSessionDuration of 12 roles".
    pub what: String,
    /// The value taken, e.g. "3600 seconds (the default)".
    pub value: String,
    /// Why, in plain words.
    pub why: String,
}

/// How an entity uses a policy that the import could not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MissingUse {
    /// Attached as a managed policy.
    Attached,
    /// Set as the permissions boundary.
    PermissionsBoundary,
    /// A group named in a user's `GroupList`.
    GroupMembership,
}

/// Something an entity refers to that is neither in the file nor in the built-in catalogue.
/// It is left out of the world, so no decision uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// The ARN of the user, group or role that refers to it.
    pub entity: String,
    /// The policy ARN or group name referred to.
    pub reference: String,
    pub used_as: MissingUse,
}

/// An entity (or a part of one) the import could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unparsed {
    /// The entity: its ARN or name when known, else where it sits (`RoleDetailList[3]`).
    pub entity: String,
    pub reason: String,
}

/// What an import did, kept in the document until the person dismisses it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// How many GAAD documents were read.
    pub files: usize,
    /// The accounts added, by id.
    pub accounts: Vec<String>,
    pub counts: ImportCounts,
    /// Values chosen because GAAD does not hold them.
    pub assumed: Vec<Assumed>,
    /// AWS managed policies attached but not in the file, taken from the built-in catalogue.
    pub from_catalogue: Vec<String>,
    pub missing: Vec<Missing>,
    pub unparsed: Vec<Unparsed>,
    /// Other remarks: pagination leftovers, accounts already present, where the file was read.
    pub notes: Vec<String>,
}

impl ImportReport {
    /// An empty report for `files` documents, carrying the [`STAYED_LOCAL`] line.
    pub fn new(files: usize) -> ImportReport {
        ImportReport {
            files,
            notes: vec![STAYED_LOCAL.to_string()],
            ..ImportReport::default()
        }
    }

    pub(crate) fn unparsed(&mut self, entity: impl Into<String>, reason: impl Into<String>) {
        self.unparsed.push(Unparsed {
            entity: entity.into(),
            reason: reason.into(),
        });
    }

    pub(crate) fn missing(&mut self, entity: &str, reference: &str, used_as: MissingUse) {
        self.missing.push(Missing {
            entity: entity.to_string(),
            reference: reference.to_string(),
            used_as,
        });
    }

    /// Appends a report of a later import (a merge) to this one.
    pub fn absorb(&mut self, other: ImportReport) {
        self.files = self.files.saturating_add(other.files);
        self.accounts.extend(other.accounts);
        let (a, b) = (&mut self.counts, other.counts);
        a.accounts = a.accounts.saturating_add(b.accounts);
        a.users = a.users.saturating_add(b.users);
        a.groups = a.groups.saturating_add(b.groups);
        a.roles = a.roles.saturating_add(b.roles);
        a.customer_managed_policies = a
            .customer_managed_policies
            .saturating_add(b.customer_managed_policies);
        a.aws_managed_policies = a
            .aws_managed_policies
            .saturating_add(b.aws_managed_policies);
        a.inline_policies = a.inline_policies.saturating_add(b.inline_policies);
        a.instance_profiles = a.instance_profiles.saturating_add(b.instance_profiles);
        self.assumed.extend(other.assumed);
        self.from_catalogue.extend(other.from_catalogue);
        self.missing.extend(other.missing);
        self.unparsed.extend(other.unparsed);
        for n in other.notes {
            if !self.notes.contains(&n) {
                self.notes.push(n);
            }
        }
    }
}
