//! The example the page opens with: one account, two users, a group, a role alice may
//! assume, and a web server whose instance profile role reads a bucket.

use super::Document;
use crate::doc::command::DocError;
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::NodeId;
use crate::doc::trust::{add_principal, PrincipalRef};
use crate::sim::ids::EntityId;
use crate::sim::world::{IdentityId, DEFAULT_REGION};

/// When the example's access key was created: 2026-01-01T00:00:00Z, simulated.
pub const SEED_KEY_CREATED: u64 = 1_767_225_600;
/// The example account, AWS's documentation account id.
pub const SEED_ACCOUNT: &str = "111122223333";
/// AWS's documentation placeholder bucket name.
pub const SEED_BUCKET: &str = "amzn-s3-demo-bucket";

impl Document {
    /// The seed example, laid out. Built through the same world operations as any edit, so it
    /// is valid by construction; if the world ever refused, an empty document is returned
    /// rather than a half-built one.
    pub fn seed_example() -> Document {
        Self::build_seed().unwrap_or_else(|_| Document::empty())
    }

    fn build_seed() -> Result<Document, DocError> {
        let mut doc = Document::empty();
        doc.title = "Alice deploys, the web server reads a bucket".into();
        doc.description = "alice has access keys and may assume Deploy; the EC2 instance runs as WebServerRole, which may read the bucket.".into();
        let w = &mut doc.world;
        let acct = w.add_account(SEED_ACCOUNT, None)?;
        let alice = w.create_user(&acct, "alice", "/")?;
        let bob = w.create_user(&acct, "bob", "/")?;
        w.create_access_key(&alice, SEED_KEY_CREATED)?;
        let devs = w.create_group(&acct, "Developers", "/")?;
        w.add_user_to_group(&alice, &devs)?;
        let devs_id = devs.clone();
        let alice_arn = w
            .users
            .get(&alice)
            .map(|u| u.arn.clone())
            .unwrap_or_default();
        let trust = add_principal("", &PrincipalRef::Aws(alice_arn), "sts:AssumeRole", None)
            .map_err(|_| DocError::NoSuchEdge)?;
        let deploy = w.create_role(&acct, "Deploy", "/", &trust)?;
        let deploy_arn = w
            .roles
            .get(&deploy)
            .map(|r| r.arn.clone())
            .unwrap_or_default();
        let may_assume = format!(
            "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Action\": \"sts:AssumeRole\",\n            \"Resource\": \"{deploy_arn}\"\n        }}\n    ]\n}}"
        );
        w.put_inline_policy(&IdentityId::Group(devs_id), "AssumeDeploy", &may_assume)?;
        let ec2_trust = add_principal(
            "",
            &PrincipalRef::Service("ec2.amazonaws.com".into()),
            "sts:AssumeRole",
            None,
        )
        .map_err(|_| DocError::NoSuchEdge)?;
        let web = w.create_role(&acct, "WebServerRole", "/", &ec2_trust)?;
        let web_arn = w.roles.get(&web).map(|r| r.arn.clone()).unwrap_or_default();
        let profile = w.create_instance_profile(&acct, "WebServerRole", "/")?;
        w.add_role_to_instance_profile(&profile, &web)?;
        w.launch_ec2_instance(&acct, DEFAULT_REGION, "web-1", Some(&profile))?;
        let bucket = w.create_s3_bucket(&acct, DEFAULT_REGION, SEED_BUCKET)?;
        let read = format!(
            "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Action\": \"s3:GetObject\",\n            \"Resource\": \"{bucket}/*\"\n        }}\n    ]\n}}"
        );
        w.put_inline_policy(&IdentityId::Role(web.clone()), "ReadBucket", &read)?;
        let bucket_policy = add_principal(
            "",
            &PrincipalRef::Aws(web_arn),
            "s3:GetObject",
            Some(&format!("{bucket}/*")),
        )
        .map_err(|_| DocError::NoSuchEdge)?;
        w.set_resource_policy(&bucket, Some(&bucket_policy))?;
        let instance = w.ec2_instances.keys().next().cloned();
        // Placed by hand so no edge crosses a node and each node's chips stand under it,
        // nearer it than any other node (a chip beside a neighbour reads as the
        // neighbour's): alice's two edges leave left and right, leaving her underside to
        // her access key chip; the web server's role sits between its instance and the
        // bucket it reads, its chips under it; bob, who has no edge, stands between them.
        doc.auto_layout();
        let mut place = vec![
            (EntityId::Role(deploy), 72.0, 160.0),
            (EntityId::User(alice), 272.0, 160.0),
            (EntityId::Group(devs), 472.0, 160.0),
            (EntityId::User(bob), 272.0, 280.0),
            (EntityId::Role(web), 272.0, 400.0),
            (EntityId::Resource(bucket), 496.0, 400.0),
        ];
        place.extend(instance.map(|i| (EntityId::Ec2Instance(i), 72.0, 400.0)));
        for (entity, x, y) in place {
            doc.layout
                .nodes
                .insert(NodeId::of(&entity), Point::new(x, y));
        }
        doc.layout.frames.insert(
            NodeId::of(&EntityId::Account(acct)),
            Rect::new(48.0, 96.0, 712.0, 416.0),
        );
        Ok(doc)
    }
}
