//! Policies of a node: managed policies attached, inline policies, permissions boundary, a
//! role's trust policy and maximum session duration, a resource's policy.

use super::super::editor_store::{use_editor_content, EditorAction, EditorStore};
use super::form::PolicyPanel;
use super::{dom_id, error_text, try_command};
use crate::doc::command::{Command, PolicySlot};
use crate::doc::scene::NodeId;
use crate::sim::managed;
use crate::sim::policy::{PolicyKind, SizeLimit};
use crate::sim::world::IdentityId;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A starting point for a new inline policy: valid, and harmless until edited.
const NEW_INLINE: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListAllMyBuckets\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";

/// Sends policy text as typed. Invalid text becomes a draft, which the editor already shows
/// in place, so the "kept as a draft" toast would only repeat it on every keystroke.
pub fn set_policy(store: &EditorStore, id: &NodeId, slot: &PolicySlot, text: String) {
    let cmd = Command::SetPolicyText {
        id: id.clone(),
        slot: slot.clone(),
        text,
    };
    let mut probe = (*store.doc).clone();
    let draft_only = matches!(probe.apply(&cmd), Ok(a) if a.notice.is_some());
    store.dispatch(EditorAction::Command(cmd));
    if draft_only {
        store.dispatch(EditorAction::DismissNotice);
    }
}

#[derive(Properties, PartialEq)]
pub struct SingleProps {
    pub id: NodeId,
    pub slot: PolicySlot,
    pub label: AttrValue,
    pub kind: PolicyKind,
    #[prop_or_default]
    pub limit: Option<SizeLimit>,
}

/// One policy slot of a node (a role's trust policy, a resource's policy) in an editor.
#[component]
pub fn SinglePolicy(p: &SingleProps) -> Html {
    html! { <PolicyPanel id={p.id.clone()} slot={p.slot.clone()} label={p.label.clone()} kind={p.kind} limit={p.limit} /> }
}

#[derive(Properties, PartialEq)]
pub struct MaxProps {
    pub id: NodeId,
    pub seconds: u32,
}

/// `MaxSessionDuration` in whole hours, 1-12 (3600-43200 seconds).
/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html>
#[component]
pub fn MaxSession(p: &MaxProps) -> Html {
    let store = use_editor_content();
    let error = use_state(|| None::<String>);
    let Some(store) = store else {
        return Html::default();
    };
    let field = dom_id("maxsession", &p.id);
    let onchange = {
        let (store, error, id) = (store.clone(), error.clone(), p.id.clone());
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                let seconds = s.value().parse::<u32>().unwrap_or(3600);
                let cmd = Command::SetMaxSessionDuration {
                    id: id.clone(),
                    seconds,
                };
                error.set(try_command(&store, cmd).err().map(|e| error_text(&e)));
            }
        })
    };
    let whole_hours = p.seconds.is_multiple_of(3600);
    html! {
        <div class="field">
            <label for={field.clone()}>{ "Maximum session duration" }</label>
            <select id={field} {onchange} aria-invalid={error.is_some().to_string()}>
                if !whole_hours {
                    <option value={p.seconds.to_string()} selected=true>{ format!("{} seconds", p.seconds) }</option>
                }
                { for (1..=12u32).map(|h| html! {
                    <option value={(h * 3600).to_string()} selected={p.seconds == h * 3600}>
                        { if h == 1 { "1 hour (default)".to_string() } else { format!("{h} hours") } }
                    </option>
                }) }
            </select>
            if let Some(e) = &*error { <p class="error" role="alert">{ e }</p> }
            else { <p class="hint muted">{ "How long sessions from AssumeRole may last (DurationSeconds up to this). Role chaining is always capped at 1 hour." }</p> }
        </div>
    }
}

fn policy_name(store: &EditorStore, arn: &str) -> String {
    if let Some(m) = managed::by_arn(arn) {
        return m.name.to_string();
    }
    store
        .doc
        .world
        .policies
        .values()
        .find(|p| p.arn == arn)
        .map(|p| p.policy_name.clone())
        .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(arn).to_string())
}

/// The managed policies a person can choose: the account's own, then AWS managed.
fn policy_options(store: &EditorStore, id: &NodeId, selected: Option<&str>) -> Html {
    let account = store.doc.account_of(id);
    let customer: Vec<(String, String)> = store
        .doc
        .world
        .policies
        .values()
        .filter(|p| Some(&p.account) == account.as_ref())
        .map(|p| (p.arn.clone(), p.policy_name.clone()))
        .collect();
    html! {
        <>
            if !customer.is_empty() {
                <optgroup label="Customer managed">
                    { for customer.iter().map(|(arn, name)| html! {
                        <option value={arn.clone()} selected={selected == Some(arn.as_str())}>{ name }</option>
                    }) }
                </optgroup>
            }
            <optgroup label="AWS managed">
                { for managed::catalogue().iter().map(|m| html! {
                    <option value={m.arn} selected={selected == Some(m.arn)}>{ m.name }</option>
                }) }
            </optgroup>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct PermProps {
    pub id: NodeId,
}

/// Attached managed policies, inline policies and the permissions boundary.
#[component]
pub fn Permissions(p: &PermProps) -> Html {
    let store = use_editor_content();
    let error = use_state(|| None::<String>);
    let new_name = use_state(String::new);
    let pick = use_node_ref();
    let Some(store) = store else {
        return Html::default();
    };
    let Some(who) = store.doc.target(&p.id).and_then(|t| t.identity()) else {
        return Html::default();
    };
    let w = &store.doc.world;
    let (attached, inline, boundary, limit) = match &who {
        IdentityId::User(u) => match w.users.get(u) {
            Some(x) => (
                x.attached_policies.clone(),
                x.inline_policies.keys().cloned().collect::<Vec<_>>(),
                Some(x.permissions_boundary.clone()),
                SizeLimit::UserInline,
            ),
            None => return Html::default(),
        },
        IdentityId::Group(g) => match w.groups.get(g) {
            Some(x) => (
                x.attached_policies.clone(),
                x.inline_policies.keys().cloned().collect(),
                None,
                SizeLimit::GroupInline,
            ),
            None => return Html::default(),
        },
        IdentityId::Role(r) => match w.roles.get(r) {
            Some(x) => (
                x.attached_policies.clone(),
                x.inline_policies.keys().cloned().collect(),
                Some(x.permissions_boundary.clone()),
                SizeLimit::RoleInline,
            ),
            None => return Html::default(),
        },
    };
    // Inline drafts for names not yet in the world (a new policy whose first text was invalid).
    let mut inline = inline;
    for slot in store.doc.policy_slots(&p.id) {
        if let PolicySlot::Inline(n) = slot {
            if !inline.contains(&n) {
                inline.push(n);
            }
        }
    }
    let run = |cmd: Command| {
        let (store, error) = (store.clone(), error.clone());
        move || {
            error.set(
                try_command(&store, cmd.clone())
                    .err()
                    .map(|e| error_text(&e)),
            )
        }
    };
    let attach = {
        let (store, error, pick, id) = (store.clone(), error.clone(), pick.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = pick.cast::<HtmlSelectElement>() {
                let cmd = Command::AttachManagedPolicy {
                    id: id.clone(),
                    policy_arn: s.value(),
                };
                error.set(try_command(&store, cmd).err().map(|e| error_text(&e)));
            }
        })
    };
    let add_inline = {
        let (store, error, new_name, id) =
            (store.clone(), error.clone(), new_name.clone(), p.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let name = new_name.trim().to_string();
            let cmd = Command::SetPolicyText {
                id: id.clone(),
                slot: PolicySlot::Inline(name),
                text: NEW_INLINE.to_string(),
            };
            let result = try_command(&store, cmd);
            if result.is_ok() {
                new_name.set(String::new());
            }
            error.set(result.err().map(|e| error_text(&e)));
        })
    };
    let on_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                new_name.set(i.value());
            }
        })
    };
    let on_boundary = {
        let (store, error, id) = (store.clone(), error.clone(), p.id.clone());
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                let v = s.value();
                let cmd = Command::SetPermissionsBoundary {
                    id: id.clone(),
                    policy_arn: (!v.is_empty()).then_some(v),
                };
                error.set(try_command(&store, cmd).err().map(|e| error_text(&e)));
            }
        })
    };
    let pick_id = dom_id("attach", &p.id);
    let inline_id = dom_id("inline-name", &p.id);
    let boundary_id = dom_id("boundary", &p.id);
    html! {
        <section class="panel-section" aria-labelledby={dom_id("perm-head", &p.id)}>
            <h3 class="sec" id={dom_id("perm-head", &p.id)}>{ "Permissions" }</h3>
            <h4 class="sub">{ "Managed policies" }<span class="count muted">{ format!("{} / 10", attached.len()) }</span></h4>
            if attached.is_empty() { <p class="muted small">{ "None attached." }</p> }
            <ul class="rows">
                { for attached.iter().map(|arn| {
                    let name = policy_name(&store, arn);
                    let detach = run(Command::DetachManagedPolicy { id: p.id.clone(), policy_arn: arn.clone() });
                    html! {
                        <li class="row">
                            <span class="row-main" title={arn.clone()}>{ &name }
                                <span class="muted small">{ if arn.starts_with("arn:aws:iam::aws:") { " AWS managed" } else { " Customer managed" } }</span></span>
                            <button class="btn ghost small" onclick={Callback::from(move |_| detach())}
                                    aria-label={format!("Detach {name}")}>{ "Detach" }</button>
                        </li>
                    }
                }) }
            </ul>
            <div class="inline-form">
                <label class="sr-only" for={pick_id.clone()}>{ "Policy to attach" }</label>
                <select id={pick_id} ref={pick}>{ policy_options(&store, &p.id, None) }</select>
                <button class="btn small" onclick={attach}>{ "Attach policy" }</button>
            </div>
            if let Some(e) = &*error { <p class="error" role="alert">{ e }</p> }
            <h4 class="sub">{ "Inline policies" }</h4>
            { for inline.iter().map(|name| {
                let delete = run(Command::DeleteInlinePolicy { id: p.id.clone(), name: name.clone() });
                html! {
                    <div class="inline-policy" key={name.clone()}>
                        <PolicyPanel id={p.id.clone()} slot={PolicySlot::Inline(name.clone())}
                                     label={format!("Inline policy {name}")} kind={PolicyKind::Identity} limit={Some(limit)} />
                        <button class="btn ghost small danger" onclick={Callback::from(move |_| delete())}
                                aria-label={format!("Delete inline policy {name}")}>{ "Delete policy" }</button>
                    </div>
                }
            }) }
            <form class="inline-form" onsubmit={add_inline}>
                <label class="sr-only" for={inline_id.clone()}>{ "New inline policy name" }</label>
                <input id={inline_id} type="text" placeholder="Policy name" value={(*new_name).clone()} oninput={on_name} />
                <button class="btn small" type="submit">{ "Add inline policy" }</button>
            </form>
            if let Some(current) = boundary {
                <div class="field boundary">
                    <label for={boundary_id.clone()}>{ "Permissions boundary" }</label>
                    <select id={boundary_id} onchange={on_boundary}>
                        <option value="" selected={current.is_none()}>{ "None" }</option>
                        { policy_options(&store, &p.id, current.as_deref()) }
                    </select>
                </div>
            }
        </section>
    }
}
