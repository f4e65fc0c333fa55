//! "Assume role": who calls, which role, the request's parameters, and the same call as an
//! `aws sts assume-role` command.

mod oidc;

use super::widgets::CopyBlock;
use crate::doc::command::{AccessKeyOp, Command};
use crate::doc::scene::NodeId;
use crate::doc::session::{caller_value, SessionEvent};
use crate::sim::flow::callers::callers;
use crate::sim::flow::cli::{assume_role_command, assume_role_with_web_identity_command};
use crate::sim::flow::web_identity::oidc_callers;
use crate::sim::ids::EntityId;
use crate::sim::sts::{mfa_code, mfa_code_remaining, AssumeRoleRequest, Tag};
use crate::ui::editor_store::{use_editor_content, EditorAction};
use crate::ui::sim_store::SimStore;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Clone, PartialEq, Default)]
struct Fields {
    caller: String,
    role: String,
    session: String,
    duration: String,
    external_id: String,
    mfa: String,
    policy: String,
    tags: String,
    source_identity: String,
    sub: String,
    aud: String,
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `Key=Value, Key2=Value2` into session tags.
fn parse_tags(text: &str) -> Vec<Tag> {
    text.split(',')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some(Tag {
                key: k.trim().to_string(),
                value: v.trim().to_string(),
            })
        })
        .collect()
}

fn request(f: &Fields, serial: Option<String>) -> AssumeRoleRequest {
    let mfa = opt(&f.mfa);
    AssumeRoleRequest {
        role_arn: f.role.clone(),
        role_session_name: f.session.trim().to_string(),
        duration_seconds: f.duration.trim().parse().ok(),
        external_id: opt(&f.external_id),
        serial_number: mfa.as_ref().and(serial),
        token_code: mfa,
        policy: opt(&f.policy),
        tags: parse_tags(&f.tags),
        source_identity: opt(&f.source_identity),
        ..Default::default()
    }
}

fn input_value(e: &Event) -> String {
    if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
        return s.value();
    }
    e.target_dyn_into::<HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

/// The form; its fields live here (what someone is typing is not simulation state).
#[component]
pub fn AssumeRoleForm() -> Html {
    let (Some(sim), Some(editor)) = (use_context::<SimStore>(), use_editor_content()) else {
        return Html::default();
    };
    let fields = use_state(|| Fields {
        duration: "3600".into(),
        ..Default::default()
    });
    let world = &editor.doc.world;
    let now = sim.clock.now;
    let choices = callers(world, &sim.sts, now);
    let providers = oidc_callers(world);
    let roles: Vec<(String, String)> = world
        .roles
        .values()
        .map(|r| (r.arn.clone(), format!("{} ({})", r.role_name, r.account)))
        .collect();
    // The session's defaults (a role whose trust policy lets the caller in, so the first
    // press of "Assume role" works), taken again when the session starts clean (New, Open,
    // another scenario) or when the caller or role on show no longer exists (a user
    // deleted, a session that expired).
    {
        let fields = fields.clone();
        let valid = (choices.iter().any(|c| caller_value(c) == fields.caller)
            || providers
                .iter()
                .any(|o| oidc::oidc_value(o) == fields.caller))
            && roles.iter().any(|r| r.0 == fields.role);
        let defaults = sim.defaults.clone();
        let provider = providers
            .iter()
            .find(|o| defaults.caller.as_deref() == Some(oidc::oidc_value(o).as_str()))
            .map(|o| oidc::defaults(o, world));
        let seen = use_mut_ref(|| None::<u64>);
        let generation = sim.generation;
        // Keyed on the defaults too: an invalid choice waits for a world that offers one.
        let key = (valid, generation, Rc::as_ptr(&defaults) as usize);
        use_effect_with(key, move |_| {
            let fresh = *seen.borrow() != Some(generation);
            if valid && !fresh {
                return;
            }
            *seen.borrow_mut() = Some(generation);
            // A clean start forgets everything typed for the previous world.
            let mut f = if fresh {
                Fields {
                    duration: "3600".into(),
                    ..Fields::default()
                }
            } else {
                (*fields).clone()
            };
            f.caller = defaults.caller.clone().unwrap_or_default();
            f.session = defaults.session_name.clone();
            f.role = defaults.role.clone().unwrap_or_default();
            if let Some((sub, aud, session, _)) = provider {
                (f.sub, f.aud, f.session) = (sub, aud, session);
            }
            fields.set(f);
        });
    }
    // "Assume another role" on a card makes that card's credentials the caller.
    {
        let fields = fields.clone();
        let pick = sim.pick_caller.clone();
        let choices = choices.clone();
        use_effect_with(pick, move |pick| {
            if let Some(p) = pick {
                let mut f = (*fields).clone();
                if let Some(c) = choices.iter().find(|c| &c.credential == p) {
                    f.caller = caller_value(c);
                    f.session = c.session_name.clone();
                }
                fields.set(f);
            }
        });
    }
    // An option's `selected` attribute no longer moves a select someone has used, so the
    // chosen caller and role are pushed into the element after each change.
    let caller_ref = use_node_ref();
    let role_ref = use_node_ref();
    {
        let (caller_ref, role_ref) = (caller_ref.clone(), role_ref.clone());
        let key = (
            fields.caller.clone(),
            fields.role.clone(),
            choices.len(),
            roles.len(),
        );
        use_effect_with(key, move |(caller, role, _, _)| {
            if let Some(s) = caller_ref.cast::<HtmlSelectElement>() {
                s.set_value(caller);
            }
            if let Some(s) = role_ref.cast::<HtmlSelectElement>() {
                s.set_value(role);
            }
        });
    }
    let set = |which: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut f = (*fields).clone();
            which(&mut f, input_value(&e));
            fields.set(f);
        })
    };
    // Text fields update as people type, so the CLI command follows every keystroke.
    let typed = |which: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*fields).clone();
            which(&mut f, input_value(&e));
            fields.set(f);
        })
    };
    let on_caller = {
        let fields = fields.clone();
        let choices = choices.clone();
        let providers = providers.clone();
        let world = editor.doc.clone();
        Callback::from(move |e: Event| {
            let mut f = (*fields).clone();
            let v = input_value(&e);
            if let Some(c) = choices.iter().find(|c| caller_value(c) == v) {
                f.session = c.session_name.clone();
            }
            if let Some(o) = providers.iter().find(|o| oidc::oidc_value(o) == v) {
                let (sub, aud, session, role) = oidc::defaults(o, &world.world);
                (f.sub, f.aud, f.session) = (sub, aud, session);
                if let Some(r) = role {
                    f.role = r;
                }
            }
            f.caller = v;
            fields.set(f);
        })
    };
    let chosen = choices.iter().find(|c| caller_value(c) == fields.caller);
    let provider = providers
        .iter()
        .find(|o| oidc::oidc_value(o) == fields.caller);
    let web_call = provider.map(|o| {
        oidc::call(
            o,
            &fields.sub,
            &fields.aud,
            &fields.role,
            &fields.session,
            &fields.duration,
        )
    });
    // The caller's virtual MFA device, whose current code is shown next to the field.
    let credential = chosen.map(|c| c.credential.clone()).unwrap_or_default();
    let device = world
        .user_by_access_key(&credential)
        .and_then(|(u, _)| u.mfa_device.clone());
    let serial = device.as_ref().map(|d| d.serial_number.clone());
    let req = request(&fields, serial.clone());
    let needs_key = chosen.and_then(|c| c.needs_key.clone());
    let can_call = (!credential.is_empty() || provider.is_some()) && !fields.role.is_empty();
    let onsubmit = {
        let sim = sim.clone();
        let req = req.clone();
        let caller = credential.clone();
        let web_call = web_call.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let event = match &web_call {
                Some(call) => SessionEvent::AssumeRoleWithWebIdentity(Box::new(call.clone())),
                None => SessionEvent::AssumeRole {
                    credential: caller.clone(),
                    request: Box::new(req.clone()),
                },
            };
            sim.dispatch(event.into());
        })
    };
    let create_key = needs_key.map(|user| {
        let editor = editor.clone();
        let secs = u64::try_from(now.as_secs()).unwrap_or(0);
        let onclick = Callback::from(move |_| {
            editor.dispatch(EditorAction::Command(Command::AccessKey {
                id: NodeId::of(&EntityId::User(user.clone())),
                op: AccessKeyOp::Create,
                now_epoch_secs: secs,
            }))
        });
        html! {
            <p class="hint-line">{ "This user has no active access key, so cannot call AWS yet. " }
                <button type="button" class="btn" {onclick}>{ "Create access key" }</button></p>
        }
    });
    html! {
        <form class="simpart assume" aria-label="Assume role" role="region" {onsubmit}>
            <h2>{ "Assume role" }</h2>
            <div class="field">
                <label for="sim-caller">{ "Caller" }</label>
                <select id="sim-caller" ref={caller_ref} onchange={on_caller}>
                    { for choices.iter().map(|c| { let v = caller_value(c); html! {
                        <option value={v.clone()} selected={v == fields.caller}>{ c.label.clone() }</option>
                    }}) }
                    { for providers.iter().map(|o| { let v = oidc::oidc_value(o); html! {
                        <option value={v.clone()} selected={v == fields.caller}>{ o.label.clone() }</option>
                    }}) }
                </select>
                { create_key }
            </div>
            <div class="field">
                <label for="sim-role">{ "Role" }</label>
                <select id="sim-role" ref={role_ref} onchange={set(|f, v| f.role = v)}>
                    { for roles.iter().map(|(arn, label)| html! {
                        <option value={arn.clone()} selected={*arn == fields.role}>{ label.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="row2">
                <div class="field">
                    <label for="sim-session">{ "Session name" }</label>
                    <input id="sim-session" value={fields.session.clone()} oninput={typed(|f, v| f.session = v)} />
                </div>
                <div class="field">
                    <label for="sim-duration">{ "Duration" }</label>
                    <input id="sim-duration" type="number" inputmode="numeric" min="900" step="60"
                           value={fields.duration.clone()} oninput={typed(|f, v| f.duration = v)}
                           aria-describedby="sim-duration-unit" />
                    <span id="sim-duration-unit" class="muted small">{ "seconds" }</span>
                </div>
            </div>
            if let Some(o) = provider {
                { oidc::token_fields(o, &fields.sub, &fields.aud, typed(|f, v| f.sub = v), typed(|f, v| f.aud = v)) }
            } else {
            <div class="row2">
                <div class="field">
                    <label for="sim-external-id">{ "External ID" }</label>
                    <input id="sim-external-id" value={fields.external_id.clone()} oninput={typed(|f, v| f.external_id = v)} />
                </div>
                <div class="field">
                    <label for="sim-mfa">{ "MFA code" }</label>
                    <input id="sim-mfa" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                           value={fields.mfa.clone()} oninput={typed(|f, v| f.mfa = v)}
                           aria-describedby="sim-mfa-now" />
                    <span id="sim-mfa-now" class="muted small">{
                        match &device {
                            Some(d) => format!("Device shows {} ({} s left)", mfa_code(&d.seed, now), mfa_code_remaining(now).as_secs()),
                            None => "The caller has no MFA device".to_string(),
                        }
                    }</span>
                </div>
            </div>
            <details class="more">
                <summary>{ "Session policy, tags, source identity" }</summary>
                <div class="field">
                    <label for="sim-policy">{ "Session policy" }</label>
                    <textarea id="sim-policy" rows="4" spellcheck="false" value={fields.policy.clone()}
                              oninput={typed(|f, v| f.policy = v)}
                              placeholder="{\"Version\": \"2012-10-17\", \"Statement\": [...]}" />
                </div>
                <div class="field">
                    <label for="sim-tags">{ "Tags" }</label>
                    <input id="sim-tags" value={fields.tags.clone()} placeholder="Project=blue, Team=ops"
                           oninput={typed(|f, v| f.tags = v)} />
                </div>
                <div class="field">
                    <label for="sim-source-identity">{ "Source identity" }</label>
                    <input id="sim-source-identity" value={fields.source_identity.clone()}
                           oninput={typed(|f, v| f.source_identity = v)} />
                </div>
            </details>
            }
            <button type="submit" class="btn primary" disabled={!can_call}>{ "Assume role" }</button>
            <CopyBlock what="the AWS CLI command" text={match &web_call {
                Some(c) => assume_role_with_web_identity_command(&c.role_arn, &c.role_session_name, c.duration_seconds, "<token>"),
                None => assume_role_command(&req),
            }} />
        </form>
    }
}
