//! A user's long-term credentials: console password, access keys, MFA device.

use super::super::editor_store::use_editor_content;
use super::super::sim_store::SimStore;
use super::{dom_id, error_text, try_command};
use crate::doc::command::{AccessKeyOp, Command};
use crate::doc::document::Target;
use crate::doc::scene::NodeId;
use crate::sim::time::SimTime;
use crate::sim::world::AccessKeyStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CredProps {
    pub id: NodeId,
}

/// The credentials section of a user.
#[component]
pub fn Credentials(p: &CredProps) -> Html {
    let store = use_editor_content();
    let sim = use_context::<SimStore>();
    let error = use_state(|| None::<String>);
    let Some(store) = store else {
        return Html::default();
    };
    let Some(Target::User(u)) = store.doc.target(&p.id) else {
        return Html::default();
    };
    let Some(user) = store.doc.world.users.get(&u) else {
        return Html::default();
    };
    // Read at the click: the simulation's context follows changes, not every clock tick.
    let key_op = |op: AccessKeyOp| {
        let (store, error, sim, id) = (store.clone(), error.clone(), sim.clone(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            let now_epoch_secs = sim.as_ref().map_or(0, |s| (s.now().0.max(0) / 1000) as u64);
            let cmd = Command::AccessKey {
                id: id.clone(),
                op: op.clone(),
                now_epoch_secs,
            };
            error.set(try_command(&store, cmd).err().map(|e| error_text(&e)));
        })
    };
    // Users of an imported account start with no keys: GAAD does not list them.
    let imported = store
        .doc
        .import_report
        .as_ref()
        .is_some_and(|r| r.accounts.iter().any(|a| a == user.account.as_str()));
    let password_id = dom_id("pw", &p.id);
    let mfa_id = dom_id("mfa", &p.id);
    let err_id = dom_id("cred-error", &p.id);
    let toggle = |make: fn(NodeId, bool) -> Command, on: bool| {
        let (store, error, id) = (store.clone(), error.clone(), p.id.clone());
        Callback::from(move |_: Event| {
            error.set(
                try_command(&store, make(id.clone(), !on))
                    .err()
                    .map(|e| error_text(&e)),
            );
        })
    };
    let on_password = toggle(
        |id, enabled| Command::SetPassword { id, enabled },
        user.console_password,
    );
    let on_mfa = toggle(
        |id, enabled| Command::SetMfa { id, enabled },
        user.mfa_device.is_some(),
    );
    html! {
        <section class="panel-section" aria-labelledby={dom_id("cred-head", &p.id)}>
            <h3 class="sec" id={dom_id("cred-head", &p.id)}>{ "Credentials" }</h3>
            <div class="switch-row">
                <input type="checkbox" role="switch" id={password_id.clone()} checked={user.console_password} onchange={on_password} />
                <label for={password_id}>{ "Console password" }</label>
            </div>
            <div class="switch-row">
                <input type="checkbox" role="switch" id={mfa_id.clone()} checked={user.mfa_device.is_some()} onchange={on_mfa} />
                <label for={mfa_id}>{ "Virtual MFA device" }</label>
            </div>
            if let Some(mfa) = &user.mfa_device {
                <p class="mono small serial" aria-label="MFA serial number">{ &mfa.serial_number }</p>
            }
            <h4 class="sub">{ "Access keys" }<span class="count muted">{ format!("{} / 2", user.access_keys.len()) }</span></h4>
            if user.access_keys.is_empty() && imported {
                <p class="muted small gaad-no-keys">
                    { "No access keys. GAAD files carry no access keys: create one to run this user in the simulator." }
                </p>
            } else if user.access_keys.is_empty() {
                <p class="muted small">{ "No access keys." }</p>
            }
            <ul class="keys">
                { for user.access_keys.iter().map(|k| {
                    let kid = k.access_key_id.as_str().to_string();
                    let active = k.status == AccessKeyStatus::Active;
                    let created = SimTime((k.created_at as i64).saturating_mul(1000)).to_iso8601();
                    html! {
                        <li class="key">
                            <div class="key-line">
                                <code>{ &kid }</code>
                                <span class={classes!("status", if active { "active" } else { "inactive" })}>
                                    { if active { "Active" } else { "Inactive" } }
                                </span>
                            </div>
                            <div class="muted small">{ format!("Created {created}") }</div>
                            <div class="key-actions">
                                if active {
                                    <button class="btn small" onclick={key_op(AccessKeyOp::Deactivate(kid.clone()))}
                                            aria-label={format!("Deactivate key {kid}")}>{ "Deactivate" }</button>
                                } else {
                                    <button class="btn small" onclick={key_op(AccessKeyOp::Activate(kid.clone()))}
                                            aria-label={format!("Activate key {kid}")}>{ "Activate" }</button>
                                }
                                <button class="btn small" onclick={key_op(AccessKeyOp::Rotate(kid.clone()))}
                                        aria-label={format!("Rotate key {kid}")}>{ "Rotate" }</button>
                                <button class="btn small danger" onclick={key_op(AccessKeyOp::Delete(kid.clone()))}
                                        aria-label={format!("Delete key {kid}")}>{ "Delete" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
            <button class="btn small" onclick={key_op(AccessKeyOp::Create)} aria-describedby={error.is_some().then(|| err_id.clone())}>
                { "Create access key" }
            </button>
            if let Some(e) = &*error { <p id={err_id} class="error" role="alert">{ e }</p> }
            <p class="warn-note">
                { "Access keys are long-term credentials: they never expire. A leaked key works until someone deactivates or deletes it; rotate keys regularly, or use a role instead." }
            </p>
        </section>
    }
}
