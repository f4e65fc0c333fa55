//! Builds the built-in guided scenarios through the world API (which validates every name,
//! policy and limit) and writes them to `static/scenarios/<slug>.scenario.json`.

use iam_playground::doc::document::{Document, OutsideActor};
use iam_playground::doc::scenario::{Expect, Scenario, Step, Verdict};
use iam_playground::doc::scene::{ActorId, ActorKind, NodeId};
use iam_playground::sim::ids::EntityId;
use iam_playground::sim::world::{IdentityId, DEFAULT_REGION};
use serde_json::{json, Value};

/// When the scenarios' access keys were created: 2026-01-01T00:00:00Z, simulated.
const KEY_CREATED: u64 = 1_767_225_600;
const A: &str = "111122223333";
const B: &str = "444455556666";

fn policy(statements: Value) -> String {
    serde_json::to_string_pretty(&json!({"Version": "2012-10-17", "Statement": statements}))
        .unwrap()
}

/// Four-space indented, the way the IAM console shows policies (the lambda, vendor and
/// GitHub worlds were first written this way; their saved files keep it).
fn console_policy(statements: Value) -> String {
    let mut buf = Vec::new();
    let indent = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, indent);
    serde::Serialize::serialize(
        &json!({"Version": "2012-10-17", "Statement": statements}),
        &mut ser,
    )
    .unwrap();
    String::from_utf8(buf).unwrap()
}

/// Someone outside AWS who reaches in through `via` (an account or an identity provider).
fn outside_actor(doc: &mut Document, kind: ActorKind, name: &str, via: NodeId) {
    let id = ActorId::nth(doc.next_actor);
    doc.next_actor += 1;
    doc.actors.push(OutsideActor {
        id,
        kind,
        name: name.to_string(),
        via: vec![via],
    });
}

fn say(caption: &str) -> Step {
    Step {
        caption: caption.into(),
        action: None,
        expect: None,
    }
}

fn allowed(caption: &str, action: Value) -> Step {
    Step {
        caption: caption.into(),
        action: Some(action),
        expect: Some(Expect {
            result: Some(Verdict::Allowed),
            ..Expect::default()
        }),
    }
}

fn denied(caption: &str, action: Value, code: &str, decision: Option<&str>) -> Step {
    Step {
        caption: caption.into(),
        action: Some(action),
        expect: Some(Expect {
            result: Some(Verdict::Denied),
            error: Some(code.into()),
            decision: decision.map(str::to_string),
            ..Expect::default()
        }),
    }
}

fn advance(caption: &str, by: &str, expired: usize) -> Step {
    Step {
        caption: caption.into(),
        action: Some(json!({ "advance": by })),
        expect: Some(Expect {
            expired: Some(expired),
            ..Expect::default()
        }),
    }
}

fn whoami(creds: &str) -> Value {
    json!({"api": "GetCallerIdentity", "credentials": creds})
}

fn assume(creds: &str, role_arn: &str, session: &str, label: &str) -> Value {
    json!({"api": "AssumeRole", "credentials": creds, "as": label,
           "params": {"RoleArn": role_arn, "RoleSessionName": session}})
}

fn service(creds: &str, action: &str, resource: &str) -> Value {
    json!({"api": action, "credentials": creds, "resource": resource})
}

/// Re-lays a document out from scratch (after adding entities to a built one).
fn relayout(mut doc: Document) -> Document {
    doc.layout = Default::default();
    doc.ensure_layout();
    doc
}

fn scenario(title: &str, summary: &str, document: Document, steps: Vec<Step>) -> Scenario {
    let mut document = document;
    document.title = title.into();
    document.description = summary.into();
    Scenario {
        title: title.into(),
        summary: summary.into(),
        document,
        start: None,
        steps,
        open_at: None,
        recap: Vec::new(),
    }
}

/// What each built-in scenario sums up on its recap card, by slug.
const RECAPS: [(&str, &[&str]); 9] = [
    (
        "user-vs-role",
        &[
            "An IAM user's access key (`AKIA...`) is long-term: it never expires and works until someone deactivates or deletes it.",
            "Assuming a role gives temporary credentials instead: an `ASIA...` key, a secret and a session token, with an `Expiration` (one hour by default).",
            "The role's trust policy says who may assume it, and `sts:GetCallerIdentity` shows a role session, `assumed-role/Deploy/alice`, not the user.",
            "A leaked role credential stops working when it expires (`ExpiredToken`); a leaked access key works for whoever holds it, which is why AWS recommends roles.",
        ],
    ),
    (
        "ec2-instance-role",
        &[
            "An EC2 instance gets a role through its instance profile: no access key is stored on the instance.",
            "The SDK fetches the role's temporary credentials from the instance metadata service (IMDS).",
            "EC2 rotates those credentials before they expire, so nobody rotates anything by hand.",
            "The role's policies still decide: `s3:GetObject` is allowed, `s3:PutObject` is implicitly denied.",
        ],
    ),
    (
        "lambda-execution-role",
        &[
            "A Lambda function runs as its execution role, whose trust policy lets `lambda.amazonaws.com` assume it.",
            "Lambda puts the session's temporary credentials in the function's environment: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.",
            "Give the role only what the code needs: whatever its policy does not allow, like `sqs:SendMessage` here, is implicitly denied.",
        ],
    ),
    (
        "cross-account",
        &[
            "Across accounts both sides must say yes: the role's trust policy in the role's account, and an identity policy allowing `sts:AssumeRole` in the caller's account.",
            "Trusting an account root (`arn:aws:iam::111122223333:root`) leaves the choice of who to that account's administrators.",
            "A role that trusts only its own account refuses callers from other accounts, whatever their own policies allow.",
        ],
    ),
    (
        "external-id",
        &[
            "A role for a third party should trust the vendor's account only with the condition `sts:ExternalId` equal to the id you agreed on.",
            "A call without that ExternalId, or with another customer's, is denied: that stops the confused deputy.",
            "With your ExternalId the vendor gets temporary credentials and acts in your account only as `VendorAudit` allows.",
        ],
    ),
    (
        "mfa-admin",
        &[
            "A trust policy condition on `aws:MultiFactorAuthPresent` being `true` makes assuming the role require MFA.",
            "Access keys alone, what a thief would have, are refused; with the MFA device's `SerialNumber` and `TokenCode` STS returns credentials.",
            "The admin session expires after its hour and then answers `ExpiredToken`, so admin rights are not left lying around.",
        ],
    ),
    (
        "github-oidc",
        &[
            "With OIDC, CI holds no AWS keys: the workflow trades its GitHub token for temporary credentials with `AssumeRoleWithWebIdentity`.",
            "The trust policy's `sub` condition limits the role to one repository: a fork's token is refused with AccessDenied.",
            "The token's `aud` must be in the provider's client ID list (`sts.amazonaws.com`); a token for another audience gets `InvalidIdentityToken`.",
        ],
    ),
    (
        "role-chaining",
        &[
            "Using a role session's credentials to assume another role is role chaining.",
            "A chained session lasts at most one hour, whatever the role's `MaxSessionDuration`: asking for more fails with `ValidationError`.",
            "A user assuming a role is not chaining: that session may last up to the role's maximum, here 12 hours, and outlives the chained one.",
        ],
    ),
    (
        "boundary-and-scp",
        &[
            "An action is allowed only when the identity policy, the permissions boundary and the SCPs all allow it.",
            "A boundary or an SCP limits permissions but never grants any: with no allow in the boundary, `iam:CreateUser` is implicitly denied despite `AdministratorAccess`.",
            "An explicit Deny in an SCP applies to every principal in the account, administrators included.",
        ],
    ),
];

/// `s` with the recap card of `slug`.
fn with_recap(slug: &'static str, mut s: Scenario) -> (&'static str, Scenario) {
    s.recap = RECAPS
        .iter()
        .find(|(k, _)| *k == slug)
        .map(|(_, r)| r.iter().map(|t| t.to_string()).collect())
        .unwrap_or_default();
    (slug, s)
}

/// Every built-in scenario, by slug, in library order.
pub fn all() -> Vec<(&'static str, Scenario)> {
    [
        ("user-vs-role", user_vs_role()),
        ("ec2-instance-role", ec2_instance_role()),
        ("lambda-execution-role", lambda_execution_role()),
        ("cross-account", cross_account()),
        ("external-id", external_id()),
        ("mfa-admin", mfa_admin()),
        ("github-oidc", github_oidc()),
        ("role-chaining", role_chaining()),
        ("boundary-and-scp", boundary_and_scp()),
    ]
    .into_iter()
    .map(|(slug, s)| with_recap(slug, s))
    .collect()
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html (when to create a role
/// instead of a user) and https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp.html
fn user_vs_role() -> Scenario {
    let doc = Document::seed_example();
    let deploy = format!("arn:aws:iam::{A}:role/Deploy");
    scenario(
        "IAM user vs IAM role",
        "The same identity question asked with a user's permanent access keys and with an assumed role's temporary credentials: what each holds, when each stops working, and what a leak means.",
        doc,
        vec![
            say("alice is an IAM user with a long-term access key (AKIA...). It has no expiry: it works until someone deactivates or deletes it."),
            allowed("With her access key, `aws sts get-caller-identity` answers with her user ARN, arn:aws:iam::111122223333:user/alice.", whoami("alice")),
            allowed("alice calls sts:AssumeRole on Deploy. The role's trust policy names her and her group's policy allows the call, so STS hands back temporary credentials: an ASIA... key, a secret, a session token, and an Expiration one hour away (the default DurationSeconds, 3600).", assume("alice", &deploy, "alice", "deploy")),
            allowed("The same question with the role's credentials answers with a role session, arn:aws:sts::111122223333:assumed-role/Deploy/alice: not alice, not a user.", whoami("deploy")),
            advance("One hour passes. The role session's credentials expire on their own; nobody had to revoke or rotate anything.", "PT1H", 1),
            denied("A copy of those credentials, leaked in a log or a screenshot, is now worthless: STS answers ExpiredToken.", whoami("deploy"), "ExpiredToken", None),
            advance("A month passes.", "P30D", 0),
            allowed("alice's access key still works, a month or a year later. A leaked access key works for whoever holds it until it is deactivated: that is why AWS recommends roles and temporary credentials for people and workloads.", whoami("alice")),
        ],
    )
}

fn instance_id(doc: &Document) -> String {
    doc.world
        .ec2_instances
        .keys()
        .next()
        .unwrap()
        .as_str()
        .to_string()
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
fn ec2_instance_role() -> Scenario {
    let doc = Document::seed_example();
    let i = instance_id(&doc);
    let creds = format!("instance:{i}");
    let object = "arn:aws:s3:::amzn-s3-demo-bucket/index.html";
    scenario(
        "EC2 instance role",
        "An EC2 instance runs as a role through its instance profile: the SDK fetches rotating temporary credentials from the instance metadata service, and no access key is ever stored on disk.",
        doc,
        vec![
            say("The instance web-1 is launched with the instance profile WebServerRole. Nothing on its disk holds an access key."),
            allowed("The AWS SDK on the instance asks IMDS: GET http://169.254.169.254/latest/meta-data/iam/security-credentials/WebServerRole. EC2 answers with temporary credentials for the role.", json!({"api": "InstanceMetadata", "params": {"InstanceId": i}})),
            allowed("With them, the instance reads an object: s3:GetObject is allowed by WebServerRole's policy (and the bucket policy).", service(&creds, "s3:GetObject", object)),
            denied("Writing is not in the role's policy: s3:PutObject is implicitly denied.", service(&creds, "s3:PutObject", object), "AccessDenied", Some("ImplicitlyDenied")),
            allowed("The instance's identity is a role session of WebServerRole, named after the instance id.", whoami(&creds)),
            advance("Six hours pass and the first credentials expire. EC2 rotates instance credentials by itself, making new ones available before the old ones expire: nothing to rotate by hand.", "PT6H", 1),
            allowed("IMDS now hands out fresh credentials, and the SDK picks them up on its own.", json!({"api": "InstanceMetadata", "params": {"InstanceId": i}})),
        ],
    )
}

/// A function runs as `QueueWorker`, which trusts Lambda and may receive from one queue.
fn lambda_reads_queue_world() -> Document {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let acct = w.add_account(A, None).unwrap();
    let trust = console_policy(
        json!([{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
    );
    let role = w.create_role(&acct, "QueueWorker", "/", &trust).unwrap();
    let queue = w.create_sqs_queue(&acct, DEFAULT_REGION, "orders").unwrap();
    let read = console_policy(
        json!([{"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "Resource": queue.to_string()}]),
    );
    w.put_inline_policy(&IdentityId::Role(role.clone()), "ReadOrders", &read)
        .unwrap();
    w.create_lambda_function(&acct, DEFAULT_REGION, "process-orders", Some(&role))
        .unwrap();
    relayout(doc)
}

/// https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
fn lambda_execution_role() -> Scenario {
    let doc = lambda_reads_queue_world();
    let queue = format!("arn:aws:sqs:{DEFAULT_REGION}:{A}:orders");
    let creds = "lambda:process-orders";
    scenario(
        "Lambda execution role",
        "A Lambda function runs as its execution role: Lambda assumes the role and puts temporary credentials in the function's environment.",
        doc,
        vec![
            say("process-orders has the execution role QueueWorker, whose trust policy lets the service principal lambda.amazonaws.com assume it."),
            allowed("When the function starts, Lambda assumes QueueWorker and sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN in its environment.", json!({"api": "LambdaEnvironment", "params": {"FunctionName": "process-orders"}})),
            allowed("The function's code calls sqs:ReceiveMessage on the orders queue: allowed by the role's inline policy ReadOrders.", service(creds, "sqs:ReceiveMessage", &queue)),
            denied("Sending is not in the policy: sqs:SendMessage is implicitly denied.", service(creds, "sqs:SendMessage", &queue), "AccessDenied", Some("ImplicitlyDenied")),
            allowed("GetCallerIdentity from inside the function answers with a role session named after the function.", whoami(creds)),
        ],
    )
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
fn cross_account() -> Scenario {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let dev = w.add_account(A, Some("example-dev")).unwrap();
    let prod = w.add_account(B, Some("example-prod")).unwrap();
    let trust = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{A}:root")}, "Action": "sts:AssumeRole"}]),
    );
    let role = w
        .create_role(&prod, "CrossAccountDeploy", "/", &trust)
        .unwrap();
    let bucket = w
        .create_s3_bucket(&prod, DEFAULT_REGION, "amzn-s3-demo-prod-site")
        .unwrap();
    let put = policy(
        json!([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": format!("{bucket}/*")}]),
    );
    w.put_inline_policy(&IdentityId::Role(role), "DeploySite", &put)
        .unwrap();
    let own = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{B}:root")}, "Action": "sts:AssumeRole"}]),
    );
    w.create_role(&prod, "ProdAdmin", "/", &own).unwrap();
    let dana = w.create_user(&dev, "dana", "/").unwrap();
    w.create_access_key(&dana, KEY_CREATED).unwrap();
    let may = policy(
        json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": format!("arn:aws:iam::{B}:role/*")}]),
    );
    w.put_inline_policy(&IdentityId::User(dana), "AssumeProdRoles", &may)
        .unwrap();
    let erin = w.create_user(&dev, "erin", "/").unwrap();
    w.create_access_key(&erin, KEY_CREATED).unwrap();
    let deploy = format!("arn:aws:iam::{B}:role/CrossAccountDeploy");
    let admin = format!("arn:aws:iam::{B}:role/ProdAdmin");
    scenario(
        "Cross-account access",
        "A user in one account assumes a role in another. Both sides must say yes: the role's trust policy in account B, and the user's own identity policy in account A.",
        doc,
        vec![
            say("Account B (444455556666) owns CrossAccountDeploy, whose trust policy trusts account A (arn:aws:iam::111122223333:root). Trusting the account root delegates the decision to account A's administrators."),
            denied("erin, in account A, has no policy allowing sts:AssumeRole. Trusted by B is not enough: across accounts, A must allow it too. AccessDenied.", assume("erin", &deploy, "erin", "erin-deploy"), "AccessDenied", None),
            allowed("dana's policy allows sts:AssumeRole on account B's roles, and B trusts account A: both sides allow, STS returns credentials for B's role.", assume("dana", &deploy, "dana", "deploy")),
            allowed("With the role session dana writes the site bucket in account B.", service("deploy", "s3:PutObject", &format!("{bucket}/index.html"))),
            denied("ProdAdmin trusts only account B itself. dana's own policy allows the call, but the other side says no: AccessDenied, \"because no role trust policy allows the sts:AssumeRole action\".", assume("dana", &admin, "dana", "admin"), "AccessDenied", None),
        ],
    )
}

/// A vendor's account may assume `VendorAudit` only when it passes the agreed ExternalId.
fn vendor_external_id_world() -> Document {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let mine = w.add_account(A, None).unwrap();
    let vendor = w
        .add_account("999988887777", Some("example-vendor"))
        .unwrap();
    let trust = console_policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{}:root", vendor.as_str())}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "Unique-ID-From-Vendor-12345"}}}]),
    );
    let role = w.create_role(&mine, "VendorAudit", "/", &trust).unwrap();
    w.attach_policy(
        &IdentityId::Role(role),
        "arn:aws:iam::aws:policy/SecurityAudit",
    )
    .unwrap();
    let frame = NodeId::of(&EntityId::Account(vendor.clone()));
    outside_actor(&mut doc, ActorKind::ThirdPartyVendor, "Audit vendor", frame);
    relayout(doc)
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
fn external_id() -> Scenario {
    let mut doc = vendor_external_id_world();
    let w = &mut doc.world;
    let vendor = w
        .accounts
        .keys()
        .find(|a| a.as_str() == "999988887777")
        .unwrap()
        .clone();
    let app = w.create_user(&vendor, "audit-service", "/").unwrap();
    w.create_access_key(&app, KEY_CREATED).unwrap();
    let may = policy(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]));
    w.put_inline_policy(&IdentityId::User(app), "AssumeCustomerRoles", &may)
        .unwrap();
    let doc = relayout(doc);
    let role = format!("arn:aws:iam::{A}:role/VendorAudit");
    let with_id = |id: Option<&str>| {
        let mut a = assume("audit-service", &role, "audit", "audit");
        if let Some(id) = id {
            a["params"]["ExternalId"] = json!(id);
        }
        a
    };
    scenario(
        "Third-party access with ExternalId",
        "A vendor's account may assume your role only when it passes the ExternalId you agreed on: the defence against the confused deputy.",
        doc,
        vec![
            say("You let an audit vendor into account 111122223333 with the role VendorAudit. Its trust policy trusts the vendor's account 999988887777, on condition that sts:ExternalId equals the id the vendor gave you."),
            denied("The vendor's service calls AssumeRole without an ExternalId: the trust policy's condition fails. AccessDenied, \"because no role trust policy allows the sts:AssumeRole action\".", with_id(None), "AccessDenied", None),
            denied("The confused deputy: another customer of the vendor enters YOUR role ARN in the vendor's console. The vendor's service passes that customer's ExternalId, and your trust policy refuses it: no role trust policy allows the sts:AssumeRole action.", with_id(Some("Unique-ID-Of-Another-Customer")), "AccessDenied", None),
            allowed("Working for you, the vendor passes your ExternalId: the condition matches and STS returns credentials.", with_id(Some("Unique-ID-From-Vendor-12345"))),
            allowed("The session is the vendor, acting in your account as VendorAudit.", whoami("audit")),
        ],
    )
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
fn mfa_admin() -> Scenario {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let acct = w.add_account(A, None).unwrap();
    let trust = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": format!("arn:aws:iam::{A}:root")}, "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]),
    );
    let role = w.create_role(&acct, "Admin", "/", &trust).unwrap();
    w.attach_policy(
        &IdentityId::Role(role),
        "arn:aws:iam::aws:policy/AdministratorAccess",
    )
    .unwrap();
    let carol = w.create_user(&acct, "carol", "/").unwrap();
    w.create_access_key(&carol, KEY_CREATED).unwrap();
    w.enable_mfa_device(&carol, "carol").unwrap();
    let may = policy(
        json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": format!("arn:aws:iam::{A}:role/Admin")}]),
    );
    w.put_inline_policy(&IdentityId::User(carol), "AssumeAdmin", &may)
        .unwrap();
    let role_arn = format!("arn:aws:iam::{A}:role/Admin");
    let mut with_mfa = assume("carol", &role_arn, "carol", "admin");
    with_mfa["params"]["SerialNumber"] = json!(format!("arn:aws:iam::{A}:mfa/carol"));
    with_mfa["params"]["TokenCode"] = json!("current");
    scenario(
        "MFA-protected admin role",
        "Administrator access only with a second factor: the Admin role's trust policy requires aws:MultiFactorAuthPresent, so stolen access keys alone cannot reach it.",
        doc,
        vec![
            say("carol does her daily work with few permissions. For admin work she assumes Admin, whose trust policy requires MFA (Bool aws:MultiFactorAuthPresent = true)."),
            denied("With only her access keys (what a thief would have), AssumeRole fails: no MFA in the request, so no role trust policy allows the sts:AssumeRole action. AccessDenied.", assume("carol", &role_arn, "carol", "no-mfa"), "AccessDenied", None),
            allowed("carol passes her MFA device's SerialNumber and the six-digit TokenCode it shows now: the condition holds and STS returns Admin credentials.", with_mfa),
            allowed("With the Admin session she can create an IAM user: AdministratorAccess allows it.", service("admin", "iam:CreateUser", &format!("arn:aws:iam::{A}:user/new-hire"))),
            advance("The admin session ends after its hour; admin rights are not left lying around.", "PT1H", 1),
            denied("The expired session is refused: ExpiredToken.", service("admin", "iam:CreateUser", &format!("arn:aws:iam::{A}:user/new-hire")), "ExpiredToken", None),
        ],
    )
}

/// GitHub Actions may exchange its OIDC token for `GitHubDeploy`, from one repository only.
fn github_actions_oidc_world() -> Document {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let acct = w.add_account(A, None).unwrap();
    let idp = w
        .create_oidc_provider(
            &acct,
            "https://token.actions.githubusercontent.com",
            vec!["sts.amazonaws.com".into()],
            vec![],
        )
        .unwrap();
    let trust = console_policy(
        json!([{"Effect": "Allow", "Principal": {"Federated": idp.to_string()}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*"}}}]),
    );
    let role = w.create_role(&acct, "GitHubDeploy", "/", &trust).unwrap();
    let bucket = w
        .create_s3_bucket(&acct, DEFAULT_REGION, "amzn-s3-demo-bucket")
        .unwrap();
    let put = console_policy(
        json!([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": format!("{bucket}/*")}]),
    );
    w.put_inline_policy(&IdentityId::Role(role), "UploadSite", &put)
        .unwrap();
    let via = NodeId::of(&EntityId::IdentityProvider(idp.to_string()));
    outside_actor(&mut doc, ActorKind::CiSystem, "GitHub Actions", via);
    relayout(doc)
}

/// https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
/// and https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
fn github_oidc() -> Scenario {
    let doc = github_actions_oidc_world();
    let role = format!("arn:aws:iam::{A}:role/GitHubDeploy");
    let token = |sub: &str, aud: &str, label: &str| {
        json!({"api": "IssueWebIdentityToken", "as": label, "params": {
            "Issuer": "https://token.actions.githubusercontent.com", "Sub": sub, "Aud": aud}})
    };
    let exchange = |label: &str, as_label: &str| {
        json!({"api": "AssumeRoleWithWebIdentity", "as": as_label, "params": {
            "RoleArn": role, "RoleSessionName": "github-actions", "WebIdentityToken": label}})
    };
    scenario(
        "GitHub Actions deploys with OIDC",
        "No long-term keys in CI: a GitHub Actions workflow trades its OIDC token for GitHubDeploy's credentials with AssumeRoleWithWebIdentity, and the trust policy's sub and aud conditions limit it to one repository.",
        doc,
        vec![
            say("The account trusts GitHub's OIDC provider, token.actions.githubusercontent.com. The role GitHubDeploy allows sts:AssumeRoleWithWebIdentity when aud is sts.amazonaws.com and sub matches repo:octo-org/octo-repo:*."),
            allowed("A workflow run on main in octo-org/octo-repo asks GitHub for an OIDC token: sub repo:octo-org/octo-repo:ref:refs/heads/main, aud sts.amazonaws.com.", token("repo:octo-org/octo-repo:ref:refs/heads/main", "sts.amazonaws.com", "main-token")),
            allowed("The workflow calls AssumeRoleWithWebIdentity with the token. No AWS credentials are needed to make this call: the token is the proof.", exchange("main-token", "deploy")),
            allowed("With the role session the workflow uploads the site: s3:PutObject is allowed.", service("deploy", "s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/index.html")),
            allowed("A fork, someone-else/octo-repo, gets a token of its own from GitHub...", token("repo:someone-else/octo-repo:ref:refs/heads/main", "sts.amazonaws.com", "fork-token")),
            denied("...but its sub does not match repo:octo-org/octo-repo:*. The trust policy's condition fails: AccessDenied.", exchange("fork-token", "fork"), "AccessDenied", None),
            allowed("A token minted for another audience (aud https://example.com)...", token("repo:octo-org/octo-repo:ref:refs/heads/main", "https://example.com", "wrong-aud")),
            denied("...is refused too: the provider's client ID list only has sts.amazonaws.com.", exchange("wrong-aud", "wrong"), "InvalidIdentityToken", None),
        ],
    )
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
fn role_chaining() -> Scenario {
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let acct = w.add_account(A, None).unwrap();
    let alice = w.create_user(&acct, "alice", "/").unwrap();
    w.create_access_key(&alice, KEY_CREATED).unwrap();
    let alice_arn = format!("arn:aws:iam::{A}:user/alice");
    let trust_alice = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": alice_arn}, "Action": "sts:AssumeRole"}]),
    );
    let jump = w.create_role(&acct, "Jump", "/", &trust_alice).unwrap();
    w.set_max_session_duration(&jump, 43_200).unwrap();
    let jump_arn = format!("arn:aws:iam::{A}:role/Jump");
    let target_arn = format!("arn:aws:iam::{A}:role/Target");
    let may_target =
        policy(json!([{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": target_arn}]));
    w.put_inline_policy(&IdentityId::Role(jump.clone()), "AssumeTarget", &may_target)
        .unwrap();
    let trust_jump = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": jump_arn}, "Action": "sts:AssumeRole"}]),
    );
    let target = w.create_role(&acct, "Target", "/", &trust_jump).unwrap();
    w.set_max_session_duration(&target, 43_200).unwrap();
    let mut long = assume("alice", &jump_arn, "alice", "jump");
    long["params"]["DurationSeconds"] = json!(43_200);
    let mut chained_long = assume("jump", &target_arn, "alice", "too-long");
    chained_long["params"]["DurationSeconds"] = json!(7_200);
    scenario(
        "Role chaining and its one-hour limit",
        "A role session that assumes another role is role chaining: the new session lasts at most one hour, whatever the roles' maximum session duration.",
        doc,
        vec![
            say("Jump and Target both allow sessions of up to 12 hours (MaxSessionDuration 43200). Jump's trust policy names alice; Target's names Jump."),
            allowed("alice, an IAM user, assumes Jump for 12 hours (DurationSeconds 43200): allowed, the role permits it.", long),
            denied("With Jump's credentials she assumes Target for 2 hours. Credentials from a role assuming a role: this is role chaining, capped at one hour. STS refuses with a ValidationError.", chained_long, "ValidationError", None),
            allowed("Without DurationSeconds the chained session is granted for the default hour.", assume("jump", &target_arn, "alice", "target")),
            advance("One hour later...", "PT1H", 1),
            denied("...the chained session to Target has expired: ExpiredToken.", whoami("target"), "ExpiredToken", None),
            allowed("...while the 12-hour Jump session goes on.", whoami("jump")),
        ],
    )
}

/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html and
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
fn boundary_and_scp() -> Scenario {
    use iam_playground::sim::world::org::{OrgParent, OrgPolicyType, OrgTarget};
    let mut doc = Document::empty();
    let w = &mut doc.world;
    let mgmt = w.add_account(A, Some("example-management")).unwrap();
    let member = w.add_account(B, Some("example-workloads")).unwrap();
    w.create_organization(&mgmt).unwrap();
    let ou = w
        .create_organizational_unit(&OrgParent::Root, "Workloads")
        .unwrap();
    w.place_account(&member, &OrgParent::Ou(ou.clone()))
        .unwrap();
    let scp = policy(
        json!([{"Sid": "ProtectAuditLogs", "Effect": "Deny", "Action": ["s3:DeleteObject", "s3:DeleteBucket"], "Resource": "arn:aws:s3:::amzn-s3-demo-audit-logs*"}]),
    );
    let scp = w
        .create_org_policy(
            OrgPolicyType::ServiceControlPolicy,
            "ProtectAuditLogs",
            &scp,
        )
        .unwrap();
    w.attach_org_policy(&scp, &OrgTarget::Ou(ou)).unwrap();
    let bucket = w
        .create_s3_bucket(&member, DEFAULT_REGION, "amzn-s3-demo-audit-logs")
        .unwrap();
    let boundary_doc = policy(
        json!([{"Effect": "Allow", "Action": ["s3:*", "cloudwatch:*", "logs:*"], "Resource": "*"}]),
    );
    let boundary = w
        .create_policy(
            &member,
            "DeveloperBoundary",
            "/",
            &boundary_doc,
            "The most a developer may ever be granted",
        )
        .unwrap();
    let boundary_arn = w.policies.get(&boundary).unwrap().arn.clone();
    let dev = w.create_user(&member, "devlead", "/").unwrap();
    w.create_access_key(&dev, KEY_CREATED).unwrap();
    w.attach_policy(
        &IdentityId::User(dev.clone()),
        "arn:aws:iam::aws:policy/AdministratorAccess",
    )
    .unwrap();
    w.set_permissions_boundary(&IdentityId::User(dev), Some(&boundary_arn))
        .unwrap();
    let object = format!("{bucket}/2026/01/01/trail.json.gz");
    scenario(
        "Permissions boundary and SCP",
        "AdministratorAccess is not the last word: a permissions boundary caps what an identity may do, and an organization's SCP caps a whole account. An action must be allowed by all of them.",
        doc,
        vec![
            say("devlead, in the member account 444455556666, has AdministratorAccess attached, and the permissions boundary DeveloperBoundary (S3, CloudWatch and Logs only). The account sits in the OU Workloads, which has the SCP ProtectAuditLogs."),
            allowed("Reading the audit log bucket: the identity policy, the boundary and the SCPs all allow s3:GetObject.", service("devlead", "s3:GetObject", &object)),
            denied("Creating an IAM user: AdministratorAccess allows it, but the boundary does not. With no allow in the boundary, it is implicitly denied.", service("devlead", "iam:CreateUser", &format!("arn:aws:iam::{B}:user/helper")), "AccessDenied", Some("ImplicitlyDenied")),
            denied("Deleting an audit log: the identity policy and the boundary allow s3:DeleteObject, but the SCP's explicit Deny stops it, for every principal in the account, administrators included.", service("devlead", "s3:DeleteObject", &object), "AccessDenied", Some("ExplicitlyDenied")),
        ],
    )
}
