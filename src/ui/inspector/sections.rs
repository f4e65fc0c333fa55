//! The inspector for one node: its sections chosen by what the node stands for.

use super::super::editor_store::use_editor_content;
use super::connections::{Connections, RunsAs};
use super::credentials::Credentials;
use super::fields::{CommitField, ReadOnly, Tags};
use super::policies::{MaxSession, Permissions, SinglePolicy};
use super::{dom_id, error_text, try_command};
use crate::doc::command::{Command, PolicySlot};
use crate::doc::document::Target;
use crate::doc::inspect::Concept;
use crate::doc::scene::{NodeId, NodeKind};
use crate::sim::policy::{PolicyKind, SizeLimit};
use crate::sim::world::{OrgParent, Tag};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub id: NodeId,
}

fn tag_pairs(tags: &[Tag]) -> Vec<(String, String)> {
    tags.iter()
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

/// Everything about one node.
#[component]
pub fn NodeInspector(p: &NodeProps) -> Html {
    let org_error = use_state(|| None::<String>);
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let id = p.id.clone();
    let (Some(node), Some(target)) = (store.scene.node(&id), store.doc.target(&id)) else {
        return Html::default();
    };
    let w = &store.doc.world;
    let commit = |make: fn(NodeId, String) -> Command| {
        let (store, id) = (store.clone(), id.clone());
        Callback::from(move |v: String| {
            try_command(&store, make(id.clone(), v))
                .err()
                .map(|e| error_text(&e))
        })
    };
    let rename = commit(|id, name| Command::Rename { id, name });
    let set_path = commit(|id, path| Command::SetPath { id, path });
    let set_tags = {
        let (store, id) = (store.clone(), id.clone());
        Callback::from(move |tags: Vec<(String, String)>| {
            try_command(
                &store,
                Command::SetTags {
                    id: id.clone(),
                    tags,
                },
            )
            .err()
            .map(|e| error_text(&e))
        })
    };
    let name_field = |value: &str, label: &'static str| {
        html! { <CommitField label={label} id={dom_id("name", &id)} value={value.to_string()} on_commit={rename.clone()} /> }
    };
    let path_field = |value: &str| {
        html! { <CommitField label="Path" id={dom_id("path", &id)} value={value.to_string()} on_commit={set_path.clone()} mono=true
        hint={AttrValue::from("Starts and ends with /, e.g. /engineering/. Part of the ARN.")} /> }
    };
    let head = html! {
        <div class="ins-head">
            <span class={classes!("kind-chip", kind_class(node.kind))}>{ node.kind.noun() }</span>
            <h2 class="ins-title">{ &node.label }</h2>
        </div>
    };
    let connections = html! { <Connections id={id.clone()} /> };
    let body = match target {
        Target::User(u) => match w.users.get(&u) {
            Some(user) => html! {
                <>
                    <section class="panel-section" aria-label="Identity">
                        { head }
                        { name_field(&user.user_name, "Name") }
                        { path_field(&user.path) }
                        <ReadOnly label="ARN" value={user.arn.clone()} copy={AttrValue::from("Copy ARN")} />
                        <ReadOnly label="Unique ID" value={user.user_id.as_str().to_string()} copy={AttrValue::from("Copy unique ID")} />
                    </section>
                    <Credentials id={id.clone()} />
                    <Permissions id={id.clone()} />
                    { connections }
                    <TagsSection id={id.clone()} tags={tag_pairs(&user.tags)} on_commit={set_tags} />
                </>
            },
            None => Html::default(),
        },
        Target::Group(g) => match w.groups.get(&g) {
            Some(group) => html! {
                <>
                    <section class="panel-section" aria-label="Identity">
                        { head }
                        { name_field(&group.group_name, "Name") }
                        { path_field(&group.path) }
                        <ReadOnly label="ARN" value={group.arn.clone()} copy={AttrValue::from("Copy ARN")} />
                        <ReadOnly label="Unique ID" value={group.group_id.as_str().to_string()} copy={AttrValue::from("Copy unique ID")} />
                    </section>
                    <Permissions id={id.clone()} />
                    { connections }
                </>
            },
            None => Html::default(),
        },
        Target::Role(r) => match w.roles.get(&r) {
            Some(role) => html! {
                <>
                    <section class="panel-section" aria-label="Identity">
                        { head }
                        { name_field(&role.role_name, "Name") }
                        { path_field(&role.path) }
                        <ReadOnly label="ARN" value={role.arn.clone()} copy={AttrValue::from("Copy ARN")} />
                        <ReadOnly label="Unique ID" value={role.role_id.as_str().to_string()} copy={AttrValue::from("Copy unique ID")} />
                        if !role.description.is_empty() {
                            <ReadOnly label="Description" value={role.description.clone()} />
                        }
                        <MaxSession id={id.clone()} seconds={role.max_session_duration} />
                    </section>
                    <section class="panel-section" aria-labelledby={dom_id("trust-head", &id)}>
                        <h3 class="sec" id={dom_id("trust-head", &id)}>{ "Trust" }</h3>
                        <p class="hint muted">{ "Who may assume this role. Edges on the canvas are drawn from this JSON." }</p>
                        <SinglePolicy id={id.clone()} slot={PolicySlot::Trust} label="Trust policy"
                                      kind={PolicyKind::Trust} limit={SizeLimit::TrustPolicy} />
                    </section>
                    <Permissions id={id.clone()} />
                    { connections }
                    <TagsSection id={id.clone()} tags={tag_pairs(&role.tags)} on_commit={set_tags} />
                </>
            },
            None => Html::default(),
        },
        Target::Account(a) => {
            let alias = w
                .accounts
                .get(&a)
                .and_then(|x| x.alias.clone())
                .unwrap_or_default();
            // (organization id, OU name or "" for the root) when the account is in one.
            let ou = w.organization.as_ref().and_then(|o| {
                let parent = o.accounts.get(&a)?;
                Some(match parent {
                    OrgParent::Root => (o.id.as_str().to_string(), String::new()),
                    OrgParent::Ou(ou) => (
                        o.id.as_str().to_string(),
                        o.ous
                            .iter()
                            .find(|x| &x.id == ou)
                            .map(|x| x.name.clone())
                            .unwrap_or_else(|| ou.as_str().to_string()),
                    ),
                })
            });
            let set_ou = {
                let (store, id) = (store.clone(), id.clone());
                Callback::from(move |v: String| {
                    let ou = (!v.trim().is_empty()).then(|| v.trim().to_string());
                    try_command(
                        &store,
                        Command::SetOu {
                            account: id.clone(),
                            ou,
                        },
                    )
                    .err()
                    .map(|e| error_text(&e))
                })
            };
            let create_org = {
                let (store, id, org_error) = (store.clone(), id.clone(), org_error.clone());
                Callback::from(move |_: MouseEvent| {
                    let r = try_command(
                        &store,
                        Command::AddOrganization {
                            management: id.clone(),
                        },
                    );
                    org_error.set(r.err().map(|e| error_text(&e)));
                })
            };
            let management = w
                .organization
                .as_ref()
                .is_some_and(|o| o.management_account == a);
            html! {
                <>
                    <section class="panel-section" aria-label="Account">
                        { head }
                        <CommitField label="Account alias" id={dom_id("name", &id)} value={alias} on_commit={rename.clone()}
                                     hint={AttrValue::from("3-63 lowercase letters, digits and hyphens; the sign-in URL name.")} />
                        <ReadOnly label="Account ID" value={a.as_str().to_string()} copy={AttrValue::from("Copy account ID")} />
                        <ReadOnly label="Root user" value={format!("arn:aws:iam::{}:root", a.as_str())} copy={AttrValue::from("Copy ARN")} />
                        if let Some((org, ou_name)) = ou {
                            <ReadOnly label="Organization" value={org} />
                            <CommitField label="Organizational unit" id={dom_id("ou", &id)} value={ou_name} on_commit={set_ou}
                                         hint={AttrValue::from("Empty puts the account directly under the root. A new name creates the OU.")} />
                        } else if w.organization.is_none() {
                            <p class="hint muted">{ "Not in an organization." }</p>
                            <button class="btn small" onclick={create_org}>{ "Create organization" }</button>
                            if let Some(e) = &*org_error { <p class="error" role="alert">{ e }</p> }
                        } else {
                            <p class="hint muted">{ "Not a member of the organization." }</p>
                        }
                        if management { <p class="hint muted">{ "Management account: SCPs do not apply to it." }</p> }
                    </section>
                    <super::clusters::Clusters account={a.clone()} />
                    { connections }
                </>
            }
        }
        Target::Ec2(i) => {
            let name = w
                .ec2_instances
                .get(&i)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            html! {
                <>
                    <section class="panel-section" aria-label="Service">
                        { head }
                        { name_field(&name, "Name") }
                        <ReadOnly label="Instance ID" value={i.as_str().to_string()} copy={AttrValue::from("Copy instance ID")} />
                        <RunsAs id={id.clone()} />
                    </section>
                    { connections }
                </>
            }
        }
        Target::Lambda(arn) | Target::Idp(arn) => html! {
            <>
                <section class="panel-section" aria-label="Details">
                    { head }
                    <ReadOnly label="ARN" value={arn.clone()} copy={AttrValue::from("Copy ARN")} />
                    if matches!(node.kind, NodeKind::Service(_)) { <RunsAs id={id.clone()} /> }
                </section>
                { connections }
            </>
        },
        Target::Ecs(_) => html! {
            <>
                <section class="panel-section" aria-label="Service">{ head }<RunsAs id={id.clone()} /></section>
                { connections }
            </>
        },
        Target::Resource(arn) => html! {
            <>
                <section class="panel-section" aria-label="Resource">
                    { head }
                    <ReadOnly label="ARN" value={arn.clone()} copy={AttrValue::from("Copy ARN")} />
                </section>
                <section class="panel-section" aria-labelledby={dom_id("rp-head", &id)}>
                    <h3 class="sec" id={dom_id("rp-head", &id)}>{ "Resource policy" }</h3>
                    <p class="hint muted">{ "Who may act on this resource. Empty means no resource policy." }</p>
                    <SinglePolicy id={id.clone()} slot={PolicySlot::Resource} label="Resource policy" kind={PolicyKind::Resource} />
                </section>
                { connections }
            </>
        },
        Target::Actor(actor) => {
            let name = store
                .doc
                .actor_by_id(&actor)
                .map(|a| a.name.clone())
                .unwrap_or_default();
            html! {
                <>
                    <section class="panel-section" aria-label="Outside actor">
                        { head }
                        { name_field(&name, "Name") }
                        <p class="hint muted">{ "Not an AWS identity: they reach in through an account, an identity provider or a user's keys." }</p>
                    </section>
                    { connections }
                </>
            }
        }
        Target::Organization(_) => {
            let scps: Vec<String> = w
                .organization
                .as_ref()
                .map(|o| {
                    o.policies
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.policy_type.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            html! {
                <section class="panel-section" aria-label="Organization">
                    { head }
                    <ReadOnly label="Organization ID" value={id.0.clone()} copy={AttrValue::from("Copy organization ID")} />
                    <h3 class="sec">{ "Policies" }</h3>
                    <ul class="plain-list">{ for scps.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
                </section>
            }
        }
    };
    body
}

/// The CSS class of a node kind's colour.
pub fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Organization | NodeKind::Account => "k-account",
        NodeKind::User => "k-user",
        NodeKind::Group => "k-group",
        NodeKind::Role => "k-role",
        NodeKind::Service(_) => "k-service",
        NodeKind::IdentityProvider(_) => "k-idp",
        NodeKind::OutsideActor(_) => "k-outside",
        NodeKind::Resource(_) => "k-resource",
        NodeKind::Cluster(c) => kind_class(c.member_kind()),
    }
}

#[derive(Properties, PartialEq)]
struct TagsSectionProps {
    id: NodeId,
    tags: Vec<(String, String)>,
    on_commit: Callback<Vec<(String, String)>, Option<String>>,
}

/// Tags, with AWS's quota shown.
#[component]
fn TagsSection(p: &TagsSectionProps) -> Html {
    html! {
        <section class="panel-section" aria-labelledby={dom_id("tags-head", &p.id)}>
            <h3 class="sec" id={dom_id("tags-head", &p.id)}>{ "Tags" }
                <span class="count muted">{ format!("{} / 50", p.tags.len()) }</span></h3>
            <Tags id={dom_id("tags", &p.id)} tags={p.tags.clone()} on_commit={p.on_commit.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct WhatProps {
    pub concepts: Vec<Concept>,
}

/// "What is this?": the concepts behind the selection, in the IAM User Guide's words.
#[component]
pub fn WhatIsThis(p: &WhatProps) -> Html {
    html! {
        <section class="panel-section what" aria-labelledby="what-head">
            <h3 class="sec" id="what-head">{ "What is this?" }</h3>
            { for p.concepts.iter().enumerate().map(|(i, c)| html! {
                <details open={i == 0}>
                    <summary>{ c.title() }</summary>
                    <p>{ c.explanation() }</p>
                    <p class="source muted">{ "From the AWS documentation: " }<code>{ c.source() }</code></p>
                </details>
            }) }
        </section>
    }
}
