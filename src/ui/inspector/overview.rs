//! What the inspector shows with nothing selected: the document's title and description, how
//! to start, the legend, and the user-vs-role lesson.

use super::super::editor_store::use_editor_content;
use super::fields::{CommitArea, CommitField};
use super::try_command;
use crate::doc::command::Command;
use yew::prelude::*;

/// Title, description, a hint, the legend and the comparison.
#[component]
pub fn Overview() -> Html {
    let Some(store) = use_editor_content() else {
        return Html::default();
    };
    let on_title = {
        let store = store.clone();
        Callback::from(move |title: String| {
            try_command(&store, Command::SetTitle { title })
                .err()
                .map(|e| super::error_text(&e))
        })
    };
    let on_desc = {
        let store = store.clone();
        Callback::from(move |description: String| {
            try_command(&store, Command::SetDescription { description })
                .err()
                .map(|e| super::error_text(&e))
        })
    };
    html! {
        <>
            <section class="panel-section" aria-labelledby="doc-head">
                <h2 id="doc-head">{ "Scenario" }</h2>
                <CommitField label="Title" id="doc-title" value={store.doc.title.clone()} on_commit={on_title} />
                <CommitArea label="Description" id="doc-description" value={store.doc.description.clone()} on_commit={on_desc} />
            </section>
            <section class="panel-section" aria-labelledby="start-head">
                <h2 id="start-head">{ "How to start" }</h2>
                <p class="hint">
                    { "Select something on the canvas to inspect it (click it, or Tab to it). Add users, groups and roles from the toolbar, then drag from a node's handle, or use " }
                    <strong>{ "Connect to…" }</strong>{ " here, to draw membership and trust." }
                </p>
            </section>
            <Legend />
            <UserVsRole />
        </>
    }
}

/// The node and edge kinds, with the colours the canvas uses.
#[component]
fn Legend() -> Html {
    let nodes = [
        (
            "k-user",
            "IAM user",
            "a person or app with long-term credentials",
        ),
        ("k-group", "User group", "users sharing permissions"),
        ("k-role", "IAM role", "assumed for temporary credentials"),
        ("k-service", "Service", "EC2, Lambda, ECS running as a role"),
        (
            "k-resource",
            "Resource",
            "bucket, key, queue with its own policy",
        ),
        ("k-idp", "Identity provider", "OIDC or SAML federation"),
        ("k-outside", "Outside actor", "someone outside AWS"),
        ("k-account", "Account", "the frame everything lives in"),
    ];
    let edges = [
        ("member", "is a member of", "user → group"),
        ("trust", "may assume", "principal → role (trust policy)"),
        ("runs-as", "runs as", "service → role"),
        (
            "access",
            "is granted access to",
            "principal → resource (resource policy)",
        ),
        (
            "acts",
            "acts through",
            "outside actor → account, IdP or user",
        ),
    ];
    html! {
        <section class="panel-section" aria-labelledby="legend-head">
            <h2 id="legend-head">{ "Legend" }</h2>
            <ul class="ins-legend">
                { for nodes.iter().map(|(class, name, what)| html! {
                    <li><i class={classes!("swatch-node", *class)} aria-hidden="true"></i>
                        <strong>{ *name }</strong><span class="muted">{ *what }</span></li>
                }) }
            </ul>
            <ul class="ins-legend">
                { for edges.iter().map(|(class, name, what)| html! {
                    <li>
                        <svg class="swatch-edge" viewBox="0 0 28 10" aria-hidden="true">
                            <line class={classes!("edge", *class)} x1="1" y1="5" x2="27" y2="5" />
                        </svg>
                        <strong>{ *name }</strong><span class="muted">{ *what }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The page's main lesson, side by side: long-term credentials vs temporary, assumed ones.
/// Paraphrases "When to create an IAM user (instead of a role)" and "IAM roles"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/id.html>,
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html>).
#[component]
pub fn UserVsRole() -> Html {
    html! {
        <section class="panel-section" aria-labelledby="uvr-title">
            <h2 id="uvr-title">{ "IAM user vs IAM role" }</h2>
            <div class="compare">
                <div>
                    <h4>{ "IAM user" }</h4>
                    <ul>
                        <li>{ "An identity for one person or application." }</li>
                        <li>{ "Has long-term credentials: a password and access keys (AKIA…)." }</li>
                        <li>{ "Keys never expire: a leaked key works until someone deletes it." }</li>
                    </ul>
                </div>
                <div>
                    <h4>{ "IAM role" }</h4>
                    <ul>
                        <li>{ "An identity meant to be assumed by anyone who needs it." }</li>
                        <li>{ "Has no credentials of its own." }</li>
                        <li>{ "Assuming it gives temporary credentials (ASIA…) that expire." }</li>
                    </ul>
                </div>
            </div>
        </section>
    }
}
