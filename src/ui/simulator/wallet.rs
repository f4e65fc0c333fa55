//! The wallet: a card per credential in play, each with a live countdown and "Try an action",
//! "Assume another role", "Get caller identity" and the same credentials for the terminal.

use super::widgets::{CopyBlock, Countdown};
use crate::doc::session::SessionEvent;
use crate::sim::flow::cli::{config_profile, env_exports};
use crate::sim::sts::{AssumeRoleRequest, Session, SessionOrigin, SessionPrincipal};
use crate::sim::time::SimTime;
use crate::sim::world::{AccessKeyStatus, World};
use crate::ui::sim_store::{CardResult, SimAction, SimStore};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Actions offered in "Try an action" (any action can be typed).
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "s3:ListBucket",
    "s3:DeleteObject",
    "iam:ListUsers",
    "iam:CreateUser",
    "ec2:DescribeInstances",
    "ec2:TerminateInstances",
    "dynamodb:GetItem",
    "sqs:SendMessage",
    "sns:Publish",
    "lambda:InvokeFunction",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
];

/// Resource ARNs on the canvas (an S3 bucket also as an object in it).
fn resource_arns(world: &World) -> Vec<String> {
    let mut out = Vec::new();
    for r in &world.resources {
        if r.arn.starts_with("arn:aws:s3:::") && !r.arn.contains('/') {
            out.push(format!("{}/report.csv", r.arn));
        }
        out.push(r.arn.clone());
    }
    out.extend(world.roles.values().map(|r| r.arn.clone()));
    out
}

#[derive(Properties, PartialEq)]
struct ActionsProps {
    credential: AttrValue,
    /// The card's name, to name its controls ("Try an action" stays the visible text).
    exports: AttrValue,
    config: AttrValue,
    /// Which file `config` is for.
    #[prop_or(AttrValue::Static("the ~/.aws/config profile"))]
    config_what: AttrValue,
    /// Temporary credentials: assuming a role with them is role chaining.
    #[prop_or_default]
    temporary: bool,
}

/// The buttons under a card and what they answered.
#[component]
fn CardActions(props: &ActionsProps) -> Html {
    let Some(sim) = use_context::<SimStore>() else {
        return Html::default();
    };
    let open = use_state(|| false);
    let action = use_node_ref();
    let resource = use_node_ref();
    let cred = props.credential.to_string();
    let world = sim.world.clone();
    let resources = world.as_deref().map(resource_arns).unwrap_or_default();
    let list_id = format!("res-{cred}");
    let act_id = format!("act-{cred}");
    let run = {
        let (sim, cred, action, resource) =
            (sim.clone(), cred.clone(), action.clone(), resource.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value().trim().to_string())
                    .unwrap_or_default()
            };
            sim.dispatch(SimAction::Session(SessionEvent::TryAction {
                credential: cred.clone(),
                action: value(&action),
                resource: value(&resource),
            }));
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let pick = {
        let (sim, cred) = (sim.clone(), cred.clone());
        Callback::from(move |_| sim.dispatch(SessionEvent::PickCaller(cred.clone()).into()))
    };
    let whoami = {
        let (sim, cred) = (sim.clone(), cred.clone());
        Callback::from(move |_| sim.dispatch(SessionEvent::CallerIdentity(cred.clone()).into()))
    };
    let result = sim
        .card
        .as_ref()
        .filter(|c| c.0 == cred)
        .map(|c| result_view(&c.1));
    html! {
        <div class="card-actions">
            <div class="buttons">
                <button type="button" class="btn" aria-expanded={open.to_string()} onclick={toggle}>{ "Try an action" }</button>
                <button type="button" class="btn" onclick={pick}
                        aria-describedby={props.temporary.then(|| format!("chain-{cred}"))}>{ "Assume another role" }</button>
                <button type="button" class="btn" onclick={whoami}>{ "Get caller identity" }</button>
            </div>
            if props.temporary {
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining
                // and https://repost.aws/knowledge-center/iam-role-chaining-limit
                <p class="small muted" id={format!("chain-{cred}")}>
                    { "A role assumed with these temporary credentials lasts at most 1 hour (from a role session, that is role chaining)." }
                </p>
            }
            if *open {
                <form class="try" onsubmit={run}>
                    <div class="field">
                        <label for={act_id.clone()}>{ "Action" }</label>
                        <input id={act_id.clone()} ref={action} list="sim-actions" value="s3:GetObject" />
                    </div>
                    <div class="field">
                        <label for={format!("r{act_id}")}>{ "Resource" }</label>
                        <input id={format!("r{act_id}")} ref={resource} list={list_id.clone()}
                               value={resources.first().cloned().unwrap_or_default()} />
                        <datalist id={list_id}>
                            { for resources.iter().map(|r| html! { <option value={r.clone()} /> }) }
                        </datalist>
                    </div>
                    <button type="submit" class="btn primary">{ "Run" }</button>
                </form>
            }
            { result.unwrap_or_default() }
            <details class="cli">
                <summary>{ "Use in a terminal" }</summary>
                <CopyBlock what="the export lines" text={props.exports.clone()} />
                if !props.config.is_empty() {
                    <CopyBlock what={props.config_what.clone()} text={props.config.clone()} />
                }
            </details>
        </div>
    }
}

fn result_view(r: &CardResult) -> Html {
    match r {
        CardResult::Call(c) => {
            let trace = c.evaluation.as_ref().map(|e| html! {
                <ul class="trace">
                    { for e.trace.steps.iter().filter(|s| s.outcome != "not_applicable").map(|s| html! {
                        <li><code>{ s.gate.as_str() }</code>{ format!(" {}: {}", s.outcome, s.note) }</li>
                    }) }
                </ul>
            });
            html! {
                <div class={classes!("result", if c.allowed { "ok" } else { "bad" })}>
                    <p><strong>{ if c.allowed { "Allowed" } else { "Denied" } }</strong>
                    { c.error.as_ref().map(|e| format!(" ({}): {}", e.code, e.message)).unwrap_or_else(|| {
                        c.evaluation.as_ref().map(|e| format!(": {}", e.message)).unwrap_or_default()
                    }) }</p>
                    { trace.unwrap_or_default() }
                </div>
            }
        }
        CardResult::Identity(Ok(v)) => html! {
            <div class="result ok"><CopyBlock what="the caller identity" text={serde_json::to_string_pretty(v).unwrap_or_default()} /></div>
        },
        CardResult::Identity(Err(e)) => html! {
            <div class="result bad"><p><code>{ e.cli_text("GetCallerIdentity") }</code></p></div>
        },
    }
}

fn session_card(
    s: &Session,
    now: SimTime,
    title: String,
    name: String,
    workload: Option<Html>,
) -> Html {
    let c = &s.credentials;
    let expired = c.is_expired(now);
    // Instance profile credentials are not role chaining (IAM User Guide, role chaining).
    let from_instance = matches!(s.origin, SessionOrigin::Ec2InstanceProfile { .. });
    let role = match &s.principal {
        SessionPrincipal::Role {
            role_name,
            role_arn,
            session_name,
            ..
        } => Some((role_name.clone(), role_arn.clone(), session_name.clone())),
        _ => None,
    };
    let config = match (&s.origin, &role) {
        (SessionOrigin::AssumeRole, Some((role_name, role_arn, session))) => config_profile(
            &role_name.to_lowercase(),
            "default",
            &AssumeRoleRequest {
                role_arn: role_arn.clone(),
                role_session_name: session.clone(),
                duration_seconds: Some(c.expiration.since(s.issued_at).as_secs()),
                ..Default::default()
            },
        ),
        _ => String::new(),
    };
    html! {
        <article class={classes!("card", "temp", expired.then_some("expired"))} aria-label={name}>
            <header>
                <strong>{ title }</strong>
                if expired { <span class="pill bad">{ "expired" }</span> }
            </header>
            <div class="card-main">
                <Countdown issued={s.issued_at} expiration={c.expiration} label="Credentials" />
                <dl class="kv">
                    <dt>{ "Key" }</dt><dd><code>{ c.access_key_id.to_string() }</code></dd>
                    <dt>{ "Acts as" }</dt><dd><code>{ s.arn().to_string() }</code></dd>
                    <dt>{ "Issued" }</dt><dd>{ s.issued_at.to_iso8601() }</dd>
                    <dt>{ "Expires" }</dt><dd>{ c.expiration.to_iso8601() }</dd>
                </dl>
            </div>
            { workload.unwrap_or_default() }
            <CardActions credential={c.access_key_id.to_string()} temporary={!from_instance}
                exports={env_exports(c.access_key_id.as_str(), &c.secret_access_key, Some(&c.session_token))}
                config={config} />
        </article>
    }
}

/// Workload cards: each EC2 instance's and Lambda function's current credentials.
fn workload_cards(world: &World, sessions: &[std::rc::Rc<Session>], now: SimTime) -> Vec<Html> {
    let mut out = Vec::new();
    let mut seen: Vec<&SessionOrigin> = Vec::new();
    for s in sessions.iter().rev() {
        let (kind, name, refresh) = match &s.origin {
            SessionOrigin::Ec2InstanceProfile { instance_id } => {
                let name = world
                    .ec2_instances
                    .get(instance_id)
                    .map_or_else(|| instance_id.to_string(), |i| i.name.clone());
                ("EC2 instance", name, "EC2 puts new credentials in instance metadata at least 5 minutes before these expire. Assuming a role with them is not role chaining: that session may last up to the role's maximum session duration.")
            }
            SessionOrigin::LambdaExecution { function_name, .. } => (
                "Lambda function",
                function_name.clone(),
                "Lambda hands the function fresh execution-role credentials before these expire.",
            ),
            _ => continue,
        };
        if seen.contains(&&s.origin) {
            continue;
        }
        seen.push(&s.origin);
        let label = format!("Credentials of {kind} {name}");
        let role = match &s.principal {
            SessionPrincipal::Role { role_name, .. } => role_name.clone(),
            _ => String::new(),
        };
        out.push(session_card(
            s,
            now,
            format!("{kind} {name} as {role}"),
            label,
            Some(html! { <p class="muted small">{ refresh }</p> }),
        ));
    }
    out
}

/// The "Credentials" region.
#[component]
pub fn Wallet() -> Html {
    let Some(sim) = use_context::<SimStore>() else {
        return Html::default();
    };
    let Some(world) = sim.world.clone() else {
        return Html::default();
    };
    let now = sim.clock.now;
    let keys = world.users.values().flat_map(|u| {
        u.access_keys
            .iter()
            .filter(|k| k.status == AccessKeyStatus::Active)
            .map(move |k| (u, k))
    });
    let sessions = &sim.sts.sessions;
    let role_sessions = sessions.iter().filter(|s| {
        matches!(s.principal, SessionPrincipal::Role { .. })
            && !matches!(
                s.origin,
                SessionOrigin::Ec2InstanceProfile { .. } | SessionOrigin::LambdaExecution { .. }
            )
    });
    html! {
        <section class="simpart wallet" aria-label="Credentials" role="region">
            <h2>{ "Credentials" }</h2>
            <datalist id="sim-actions">
                { for ACTIONS.iter().map(|a| html! { <option value={*a} /> }) }
            </datalist>
            <div class="cards">
            { for role_sessions.rev().map(|s| {
                let (role, session) = match &s.principal {
                    SessionPrincipal::Role { role_name, session_name, .. } => (role_name.clone(), session_name.clone()),
                    _ => Default::default(),
                };
                let name = format!("Session {session} of {role}");
                session_card(s, now, format!("{role} · {session}"), name, None)
            }) }
            { for workload_cards(&world, sessions, now) }
            { for keys.map(|(u, k)| {
                let id = k.access_key_id.to_string();
                html! {
                    <article class="card long" aria-label={format!("Access key {id} of {}", u.user_name)}>
                        <header><strong>{ format!("{} · access key", u.user_name) }</strong><span class="pill warn">{ "never expires" }</span></header>
                        <dl class="kv">
                            <dt>{ "Key" }</dt><dd><code>{ id.clone() }</code></dd>
                            <dt>{ "Acts as" }</dt><dd><code>{ u.arn.clone() }</code></dd>
                        </dl>
                        <p class="risk small">{ "Long-term: a leaked key works until someone deactivates or deletes it. Prefer roles, whose credentials expire on their own." }</p>
                        <CardActions credential={id.clone()}
                            exports={env_exports(&id, &k.secret_access_key, None)}
                            config_what="the ~/.aws/credentials entry"
                            config={format!("[{}]\naws_access_key_id = {id}\naws_secret_access_key = {}", u.user_name, k.secret_access_key)} />
                    </article>
                }
            }) }
            </div>
        </section>
    }
}
