//! Built-in scenarios: small worlds that each teach one way into AWS, built through the same
//! world operations as any edit. `static/scenarios/*.json` are these, saved (a test keeps
//! them in step).

use super::command::DocError;
use super::document::{Document, OutsideActor};
use super::scene::{ActorKind, NodeId};
use crate::sim::world::{IdentityId, DEFAULT_REGION};

/// When the scenarios' access keys were created: 2026-01-01T00:00:00Z, simulated.
const KEY_CREATED: u64 = 1_767_225_600;

/// One entry of the scenario picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScenarioInfo {
    /// File name without `.json`, and the key for [`build`].
    pub slug: &'static str,
    pub title: &'static str,
    /// One sentence: what it shows.
    pub summary: &'static str,
}

/// Every built-in scenario, in the order the picker lists them.
pub const CATALOGUE: [ScenarioInfo; 5] = [
    ScenarioInfo {
        slug: "alice-deploys",
        title: "Alice deploys, the web server reads a bucket",
        summary: "An IAM user with access keys assumes a role; an EC2 instance runs as its instance profile role.",
    },
    ScenarioInfo {
        slug: "cross-account-mfa",
        title: "Cross-account access with MFA",
        summary: "A developer in one account assumes a role in another; the role's trust policy requires MFA.",
    },
    ScenarioInfo {
        slug: "vendor-external-id",
        title: "A third-party vendor and the ExternalId",
        summary: "A vendor's account may assume a role only with the ExternalId you agreed on: the confused deputy defence.",
    },
    ScenarioInfo {
        slug: "github-actions-oidc",
        title: "GitHub Actions deploys with OIDC",
        summary: "No long-term keys: a CI workflow trades its OIDC token for role credentials, limited to one repository.",
    },
    ScenarioInfo {
        slug: "lambda-reads-queue",
        title: "A Lambda function reads a queue",
        summary: "A function runs as its execution role, which trusts lambda.amazonaws.com and may read one SQS queue.",
    },
];

/// Builds the scenario `slug`, laid out; `None` for an unknown slug.
pub fn build(slug: &str) -> Option<Document> {
    let built = match slug {
        "alice-deploys" => return Some(Document::seed_example()),
        "cross-account-mfa" => cross_account_mfa(),
        "vendor-external-id" => vendor_external_id(),
        "github-actions-oidc" => github_actions_oidc(),
        "lambda-reads-queue" => lambda_reads_queue(),
        _ => return None,
    };
    built.ok()
}

fn start(slug: &str) -> Document {
    let mut doc = Document::empty();
    if let Some(info) = CATALOGUE.iter().find(|i| i.slug == slug) {
        doc.title = info.title.to_string();
        doc.description = info.summary.to_string();
    }
    doc
}

/// A policy document with the given statements (JSON objects as text), four-space indented.
fn policy(statements: &[String]) -> String {
    let list: Vec<serde_json::Value> = statements
        .iter()
        .filter_map(|s| serde_json::from_str(s).ok())
        .collect();
    super::trust::pretty(&serde_json::json!({ "Version": "2012-10-17", "Statement": list }))
}

fn actor(doc: &mut Document, kind: ActorKind, name: &str, via: NodeId) {
    let id = NodeId(format!("actor-{}", doc.next_actor));
    doc.next_actor += 1;
    doc.actors.push(OutsideActor {
        id,
        kind,
        name: name.to_string(),
        via: vec![via],
    });
}

/// Lays the scenario out: outside actors in a column on the left, accounts to the right.
fn finish(mut doc: Document) -> Document {
    doc.auto_layout();
    doc
}

/// A role in "prod" trusts the "dev" account, with MFA required; dev's user is allowed to
/// call sts:AssumeRole on it. Both sides must say yes.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html>
fn cross_account_mfa() -> Result<Document, DocError> {
    let mut doc = start("cross-account-mfa");
    let w = &mut doc.world;
    let dev = w.add_account("111122223333", Some("example-dev"))?;
    let prod = w.add_account("444455556666", Some("example-prod"))?;
    let trust = policy(&[format!(
        r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{}:root"}},"Action":"sts:AssumeRole","Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"true"}}}}}}"#,
        dev.as_str()
    )]);
    let role = w.create_role(&prod, "ProdReadOnly", "/", &trust)?;
    w.attach_policy(
        &IdentityId::Role(role.clone()),
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
    )?;
    let role_arn = w
        .roles
        .get(&role)
        .map(|r| r.arn.clone())
        .unwrap_or_default();
    let carol = w.create_user(&dev, "carol", "/")?;
    w.create_access_key(&carol, KEY_CREATED)?;
    w.enable_mfa_device(&carol, "carol")?;
    let allow = policy(&[format!(
        r#"{{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"{role_arn}"}}"#
    )]);
    w.put_inline_policy(&IdentityId::User(carol), "AssumeProdReadOnly", &allow)?;
    Ok(finish(doc))
}

/// A vendor's account may assume `VendorAudit` only when it passes the agreed ExternalId.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html>
fn vendor_external_id() -> Result<Document, DocError> {
    let mut doc = start("vendor-external-id");
    let w = &mut doc.world;
    let mine = w.add_account("111122223333", None)?;
    let vendor = w.add_account("999988887777", Some("example-vendor"))?;
    let trust = policy(&[format!(
        r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{}:root"}},"Action":"sts:AssumeRole","Condition":{{"StringEquals":{{"sts:ExternalId":"Unique-ID-From-Vendor-12345"}}}}}}"#,
        vendor.as_str()
    )]);
    let role = w.create_role(&mine, "VendorAudit", "/", &trust)?;
    w.attach_policy(
        &IdentityId::Role(role),
        "arn:aws:iam::aws:policy/SecurityAudit",
    )?;
    let vendor_frame = NodeId::new(vendor.as_str());
    actor(
        &mut doc,
        ActorKind::ThirdPartyVendor,
        "Audit vendor",
        vendor_frame,
    );
    Ok(finish(doc))
}

/// GitHub Actions exchanges its OIDC token for credentials of `GitHubDeploy`, only from one
/// repository. <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html>
fn github_actions_oidc() -> Result<Document, DocError> {
    let mut doc = start("github-actions-oidc");
    let w = &mut doc.world;
    let acct = w.add_account("111122223333", None)?;
    let idp = w.create_oidc_provider(
        &acct,
        "https://token.actions.githubusercontent.com",
        vec!["sts.amazonaws.com".into()],
        vec![],
    )?;
    let trust = policy(&[format!(
        r#"{{"Effect":"Allow","Principal":{{"Federated":"{idp}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}},"StringLike":{{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:*"}}}}}}"#
    )]);
    let role = w.create_role(&acct, "GitHubDeploy", "/", &trust)?;
    let bucket = w.create_s3_bucket(&acct, DEFAULT_REGION, "amzn-s3-demo-bucket")?;
    let put = policy(&[format!(
        r#"{{"Effect":"Allow","Action":"s3:PutObject","Resource":"{bucket}/*"}}"#
    )]);
    w.put_inline_policy(&IdentityId::Role(role), "UploadSite", &put)?;
    actor(
        &mut doc,
        ActorKind::CiSystem,
        "GitHub Actions",
        NodeId::new(idp.as_str()),
    );
    Ok(finish(doc))
}

/// A function runs as `QueueWorker`, which trusts Lambda and may receive from one queue.
/// <https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html>
fn lambda_reads_queue() -> Result<Document, DocError> {
    let mut doc = start("lambda-reads-queue");
    let w = &mut doc.world;
    let acct = w.add_account("111122223333", None)?;
    let trust = policy(&[r#"{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}"#.to_string()]);
    let role = w.create_role(&acct, "QueueWorker", "/", &trust)?;
    let queue = w.create_sqs_queue(&acct, DEFAULT_REGION, "orders")?;
    let read = policy(&[format!(
        r#"{{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes"],"Resource":"{queue}"}}"#
    )]);
    w.put_inline_policy(&IdentityId::Role(role.clone()), "ReadOrders", &read)?;
    w.create_lambda_function(&acct, DEFAULT_REGION, "process-orders", Some(&role))?;
    Ok(finish(doc))
}

#[cfg(test)]
mod tests;
