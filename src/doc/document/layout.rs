//! Commands that create, move between accounts, delete and arrange nodes.

use super::resolve::Target;
use super::{Applied, Document, OutsideActor};
use crate::doc::command::{Alignment, DocError};
use crate::doc::geometry::free_spot::free_spot;
use crate::doc::geometry::layout::{frame_size, FRAME_HEADER, FRAME_PAD, GAP, NODE_H, NODE_W};
use crate::doc::geometry::{frame_at, Point, Rect, GRID};
use crate::doc::scene::{
    chip_room, with_article_capitalized, ActorId, ActorKind, IdpKind, NodeId, NodeKind,
    ResourceKind, ServiceKind,
};
use crate::doc::trust::{add_principal, PrincipalRef};
use crate::sim::ids::{AccountId, EntityId};
use crate::sim::world::{OrgParent, DEFAULT_REGION};

/// The trust policy of a new role: its own account, the console's "AWS account > This
/// account" choice. IAM needs at least one statement, and trusting the account delegates the
/// decision to identity policies in it, which is the safe default.
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html>
fn own_account_trust(account: &AccountId) -> String {
    add_principal(
        "",
        &PrincipalRef::Aws(format!("arn:aws:iam::{}:root", account.as_str())),
        "sts:AssumeRole",
        None,
    )
    .unwrap_or_default()
}

/// The room a new node needs: its box and the chips a new role shows under it.
const NEW_NODE_SIZE: Point = Point::new(NODE_W + 40.0, NODE_H + 24.0);
/// Space kept between a new node and its neighbours: room for an edge and its badge.
const NEW_NODE_GAP: f64 = 16.0;

impl Document {
    /// The account frame under `at`, or the only account when there is exactly one.
    fn account_for(&self, at: Point, kind: NodeKind) -> Result<AccountId, DocError> {
        let frames: Vec<(NodeId, Rect)> = self
            .world
            .accounts
            .keys()
            .map(|a| NodeId::of(&EntityId::Account(a.clone())))
            .map(|id| (id.clone(), self.rect_of(&id, NodeKind::Account)))
            .collect();
        let center = Point::new(at.x + NODE_W / 2.0, at.y + NODE_H / 2.0);
        if let Some(id) = frame_at(center, &frames) {
            return Ok(AccountId::new(id.0));
        }
        match frames.as_slice() {
            [(only, _)] => Ok(AccountId::new(only.0.clone())),
            [] => Err(DocError::NeedsAccount(format!(
                "{} lives in an AWS account: add an account first (press A).",
                with_article_capitalized(kind.noun())
            ))),
            _ => Err(DocError::NeedsAccount(format!(
                "{} lives in an AWS account: put it inside an account frame.",
                with_article_capitalized(kind.noun())
            ))),
        }
    }

    /// Where a new node asked for at `want` goes: the nearest spot (`want` itself when free)
    /// where its `size` box touches no node with its chips, nor with `frames_too` any
    /// frame, and that `allowed` accepts. Added nodes never land on top of each other.
    fn free_spot_near(
        &self,
        want: Point,
        size: Point,
        frames_too: bool,
        allowed: impl Fn(&Rect) -> bool,
    ) -> Option<Point> {
        let scene = self.scene_unlabelled();
        let taken: Vec<Rect> = scene
            .nodes
            .iter()
            .filter(|n| frames_too || !n.kind.is_frame())
            .map(|n| {
                let chips = chip_room(n);
                n.rect
                    .union(&Rect::new(n.rect.x, n.rect.y, chips.x, n.rect.h + chips.y))
            })
            .collect();
        free_spot(want.snapped(GRID), size, NEW_NODE_GAP, &taken, allowed)
    }

    pub(super) fn add_node(&mut self, kind: NodeKind, at: Point) -> Result<Applied, DocError> {
        if kind == NodeKind::Account {
            let size = frame_size(0, 0);
            let at = self.free_spot_near(at, size, true, |_| true).unwrap_or(at);
            let a = self.world.create_account(None)?;
            let id = NodeId::of(&EntityId::Account(a));
            self.layout
                .frames
                .insert(id.clone(), Rect::new(at.x, at.y, size.x, size.y));
            return Ok(Applied {
                created: vec![id],
                notice: None,
            });
        }
        if let NodeKind::OutsideActor(k) = kind {
            let actor = ActorId::nth(self.next_actor);
            let id = NodeId::of_actor(&actor);
            self.next_actor = self.next_actor.saturating_add(1);
            let name = format!(
                "{} {}",
                default_actor_name(k),
                self.actors.len().saturating_add(1)
            );
            self.actors.push(OutsideActor {
                id: actor,
                kind: k,
                name,
                via: vec![],
            });
            let at = self
                .free_spot_near(at, NEW_NODE_SIZE, false, |_| true)
                .unwrap_or(at);
            self.layout.nodes.insert(id.clone(), at);
            return Ok(Applied {
                created: vec![id],
                notice: None,
            });
        }
        if kind == NodeKind::Organization {
            return Err(DocError::NotApplicable(
                "Create an organization from an account's inspector.".into(),
            ));
        }
        let account = self.account_for(at, kind)?;
        let id = self.create_entity(kind, &account)?;
        let frame_id = NodeId::of(&EntityId::Account(account.clone()));
        let frame = self.rect_of(&frame_id, NodeKind::Account);
        let centre = Point::new(NODE_W / 2.0, NODE_H / 2.0);
        let inside = frame.contains(at + centre);
        let want = if inside { at } else { self.free_slot(&frame) };
        // Below the frame's title bar and right of its padding (the frame grows right and
        // down to hold it), clear of every other account's frame.
        let others: Vec<Rect> = self
            .world
            .accounts
            .keys()
            .map(|a| NodeId::of(&EntityId::Account(a.clone())))
            .filter(|id| *id != frame_id)
            .map(|id| self.rect_of(&id, NodeKind::Account))
            .collect();
        let in_frame = |r: &Rect| {
            r.x >= frame.x + FRAME_PAD
                && r.y >= frame.y + FRAME_HEADER
                && !others.iter().any(|o| o.intersects(&r.inflate(FRAME_PAD)))
        };
        let pos = self
            .free_spot_near(want, NEW_NODE_SIZE, false, in_frame)
            .unwrap_or_else(|| self.free_slot(&frame));
        self.layout.nodes.insert(id.clone(), pos);
        self.grow_frame(&frame_id);
        Ok(Applied {
            created: vec![id],
            notice: None,
        })
    }

    /// Creates the world entity for `kind` with the first free default name.
    fn create_entity(&mut self, kind: NodeKind, account: &AccountId) -> Result<NodeId, DocError> {
        let w = &mut self.world;
        let acct = account.as_str().to_string();
        let id = match kind {
            NodeKind::User => {
                let name = first_free("user", |n| w.user_by_name(account, n).is_some());
                NodeId::of(&EntityId::User(w.create_user(account, &name, "/")?))
            }
            NodeKind::Group => {
                let name = first_free("group", |n| w.group_by_name(account, n).is_some());
                NodeId::of(&EntityId::Group(w.create_group(account, &name, "/")?))
            }
            NodeKind::Role => {
                let name = first_free("role", |n| w.role_by_name(account, n).is_some());
                let role = w.create_role(account, &name, "/", &own_account_trust(account))?;
                NodeId::of(&EntityId::Role(role))
            }
            NodeKind::Service(ServiceKind::Ec2Instance) => {
                let name = first_free("instance", |n| {
                    w.ec2_instances.values().any(|i| i.name == n)
                });
                let instance = w.launch_ec2_instance(account, DEFAULT_REGION, &name, None)?;
                NodeId::of(&EntityId::Ec2Instance(instance))
            }
            NodeKind::Service(ServiceKind::LambdaFunction) => {
                let name = first_free("function", |n| {
                    w.lambda_functions
                        .iter()
                        .any(|f| f.function_name == n && f.account.as_str() == acct)
                });
                let arn = w.create_lambda_function(account, DEFAULT_REGION, &name, None)?;
                NodeId::of(&EntityId::LambdaFunction(arn))
            }
            NodeKind::Service(ServiceKind::EcsTask) => {
                let name = first_free("task", |n| w.ecs_tasks.iter().any(|t| t.family == n));
                let task = w.create_ecs_task(account, DEFAULT_REGION, &name, None)?;
                NodeId::of(&EntityId::EcsTask(task))
            }
            NodeKind::IdentityProvider(IdpKind::Oidc) => {
                let url = "https://token.actions.githubusercontent.com";
                let arn =
                    w.create_oidc_provider(account, url, vec!["sts.amazonaws.com".into()], vec![])?;
                NodeId::of(&EntityId::IdentityProvider(arn))
            }
            NodeKind::IdentityProvider(IdpKind::Saml) => {
                let name = first_free("saml", |n| {
                    w.identity_providers
                        .iter()
                        .any(|p| p.arn().ends_with(&format!("/{n}")))
                });
                let arn = w.create_saml_provider(account, &name, "<EntityDescriptor/>")?;
                NodeId::of(&EntityId::IdentityProvider(arn))
            }
            NodeKind::Resource(r) => {
                NodeId::of(&EntityId::Resource(self.create_resource(r, account)?))
            }
            _ => return Err(DocError::NotApplicable("This cannot be added here.".into())),
        };
        Ok(id)
    }

    fn create_resource(
        &mut self,
        kind: ResourceKind,
        account: &AccountId,
    ) -> Result<String, DocError> {
        let w = &mut self.world;
        let acct = account.as_str().to_string();
        let taken = |w: &crate::sim::world::World, n: &str| w.resources.iter().any(|r| r.name == n);
        Ok(match kind {
            // Bucket names are global across all accounts, so the account id keeps them apart.
            ResourceKind::S3Bucket => {
                let name = first_free(&format!("bucket-{acct}"), |n| taken(w, n));
                w.create_s3_bucket(account, DEFAULT_REGION, &name)?
            }
            ResourceKind::KmsKey => w.create_kms_key(account, DEFAULT_REGION)?,
            ResourceKind::SqsQueue => {
                let name = first_free("queue", |n| taken(w, n));
                w.create_sqs_queue(account, DEFAULT_REGION, &name)?
            }
            ResourceKind::SnsTopic => {
                let name = first_free("topic", |n| taken(w, n));
                w.create_sns_topic(account, DEFAULT_REGION, &name)?
            }
            ResourceKind::Secret => {
                let name = first_free("secret", |n| taken(w, n));
                w.create_secret(account, DEFAULT_REGION, &name)?
            }
        })
    }

    /// Below everything already in the frame, left-aligned: where a new node goes.
    fn free_slot(&self, frame: &Rect) -> Point {
        let bottom = self
            .layout
            .nodes
            .values()
            .filter(|p| frame.contains(Point::new(p.x + NODE_W / 2.0, p.y + NODE_H / 2.0)))
            .map(|p| p.y + NODE_H + GAP)
            .fold(
                frame.y + crate::doc::geometry::layout::FRAME_HEADER + FRAME_PAD,
                f64::max,
            );
        Point::new(frame.x + FRAME_PAD, bottom).snapped(GRID)
    }

    /// Grows every account frame to hold its members.
    pub(crate) fn grow_all_frames(&mut self) {
        let frames: Vec<NodeId> = self
            .world
            .accounts
            .keys()
            .map(|a| NodeId::of(&EntityId::Account(a.clone())))
            .collect();
        for f in frames {
            self.grow_frame(&f);
        }
    }

    /// Grows an account frame (never shrinks it) to hold its members with padding.
    pub(super) fn grow_frame(&mut self, frame_id: &NodeId) {
        let members: Vec<Rect> = self
            .node_ids()
            .into_iter()
            .filter(|id| {
                self.account_of(id)
                    .is_some_and(|a| a.as_str() == frame_id.0)
            })
            .filter_map(|id| {
                self.layout
                    .nodes
                    .get(&id)
                    .map(|p| Rect::new(p.x, p.y, NODE_W, NODE_H))
            })
            .collect();
        let Some(frame) = self.layout.frames.get(frame_id).copied() else {
            return;
        };
        let Some(content) = Rect::bounding(members.iter()) else {
            return;
        };
        let need = content.inflate(FRAME_PAD);
        let grown = frame.union(&Rect::new(
            frame.x,
            frame.y,
            need.right() - frame.x,
            need.bottom() - frame.y,
        ));
        self.layout.frames.insert(frame_id.clone(), grown);
    }

    /// Moves a user, group or role into another account: the world keeps its unique id and
    /// gives it the new ARN. AWS itself has no such operation (you would recreate it), so the
    /// playground says what changed.
    pub(super) fn move_to_account(
        &mut self,
        id: &NodeId,
        account: &NodeId,
    ) -> Result<(), DocError> {
        let Target::Account(to) = self.require(account)? else {
            return Err(DocError::NotApplicable(
                "Things can only be moved into an account.".into(),
            ));
        };
        match self.require(id)? {
            Target::User(u) => self.world.move_user(&u, &to)?,
            Target::Group(g) => self.world.move_group(&g, &to)?,
            Target::Role(r) => self.world.move_role(&r, &to)?,
            _ => {
                let noun = self.kind_of(id).map(|k| k.noun()).unwrap_or("This");
                return Err(DocError::NotApplicable(format!(
                    "{} cannot move between accounts in AWS: create a new one in the other account.",
                    with_article_capitalized(noun)
                )));
            }
        }
        let frame = self.rect_of(account, NodeKind::Account);
        let inside =
            self.layout.nodes.get(id).is_some_and(|p| {
                frame.contains(Point::new(p.x + NODE_W / 2.0, p.y + NODE_H / 2.0))
            });
        if !inside {
            let slot = self.free_slot(&frame);
            self.layout.nodes.insert(id.clone(), slot);
        }
        self.grow_frame(account);
        Ok(())
    }

    /// Lines nodes up or spreads them evenly, by their rectangles.
    pub(super) fn align(&mut self, ids: &[NodeId], how: Alignment) {
        let rects: Vec<(NodeId, Rect)> = ids
            .iter()
            .filter_map(|id| Some((id.clone(), self.rect_of(id, self.kind_of(id)?))))
            .collect();
        let Some(b) = Rect::bounding(rects.iter().map(|(_, r)| r)) else {
            return;
        };
        let mut moves: Vec<(NodeId, Point)> = Vec::new();
        match how {
            Alignment::DistributeHorizontally | Alignment::DistributeVertically => {
                let horiz = how == Alignment::DistributeHorizontally;
                let mut sorted = rects.clone();
                crate::sim::sorting::sort_by(&mut sorted, |a, b| {
                    if horiz {
                        a.1.x.total_cmp(&b.1.x)
                    } else {
                        a.1.y.total_cmp(&b.1.y)
                    }
                });
                let total: f64 = sorted
                    .iter()
                    .map(|(_, r)| if horiz { r.w } else { r.h })
                    .sum();
                let span = if horiz { b.w } else { b.h };
                let gap = if sorted.len() > 1 {
                    (span - total) / sorted.len().saturating_sub(1) as f64
                } else {
                    0.0
                };
                let mut cursor = if horiz { b.x } else { b.y };
                for (id, r) in sorted {
                    moves.push((
                        id,
                        if horiz {
                            Point::new(cursor, r.y)
                        } else {
                            Point::new(r.x, cursor)
                        },
                    ));
                    cursor += gap + if horiz { r.w } else { r.h };
                }
            }
            _ => {
                for (id, r) in rects {
                    let p = match how {
                        Alignment::Left => Point::new(b.x, r.y),
                        Alignment::Center => Point::new(b.center().x - r.w / 2.0, r.y),
                        Alignment::Right => Point::new(b.right() - r.w, r.y),
                        Alignment::Top => Point::new(r.x, b.y),
                        Alignment::Middle => Point::new(r.x, b.center().y - r.h / 2.0),
                        _ => Point::new(r.x, b.bottom() - r.h),
                    };
                    moves.push((id, p));
                }
            }
        }
        self.move_nodes(&moves);
    }

    /// Gives every node without a stored position one, without moving the rest.
    pub fn ensure_layout(&mut self) {
        // Members of a collapsed cluster are not drawn, so they need no place.
        let hidden: std::collections::HashSet<NodeId> =
            self.collapsed_members().into_values().flatten().collect();
        let missing = self.node_ids().into_iter().any(|id| {
            !self.layout.nodes.contains_key(&id)
                && !self.layout.frames.contains_key(&id)
                && !hidden.contains(&id)
        });
        if !missing {
            return;
        }
        let before = self.layout.clone();
        self.auto_layout();
        // Keep what was already placed; only the new positions are taken from the plan.
        self.layout.nodes.extend(before.nodes);
        self.layout.frames.extend(before.frames);
    }

    pub(super) fn add_organization(&mut self, management: &NodeId) -> Result<Applied, DocError> {
        let Target::Account(a) = self.require(management)? else {
            return Err(DocError::NotApplicable(
                "An organization is created from its management account.".into(),
            ));
        };
        let org = self.world.create_organization(&a)?;
        self.fit_organization();
        Ok(Applied {
            created: vec![NodeId::of(&EntityId::Organization(org))],
            notice: None,
        })
    }

    pub(super) fn set_ou(&mut self, account: &NodeId, ou: Option<&str>) -> Result<(), DocError> {
        let Target::Account(a) = self.require(account)? else {
            return Err(DocError::NotApplicable(
                "Only accounts sit in organizational units.".into(),
            ));
        };
        let parent = match ou {
            None => OrgParent::Root,
            Some(name) => {
                let existing = self
                    .world
                    .organization
                    .as_ref()
                    .and_then(|o| o.ous.iter().find(|u| u.name == name).map(|u| u.id.clone()));
                match existing {
                    Some(id) => OrgParent::Ou(id),
                    None => OrgParent::Ou(
                        self.world
                            .create_organizational_unit(&OrgParent::Root, name)?,
                    ),
                }
            }
        };
        self.world.place_account(&a, &parent)?;
        Ok(())
    }
}

fn default_actor_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::CiSystem => "ci",
        ActorKind::ThirdPartyVendor => "vendor",
    }
}

/// `base-1`, `base-2`, ... the first not taken.
fn first_free(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_string())
}
