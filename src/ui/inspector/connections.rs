//! Edges by keyboard: the node's connections with a Remove button each, a "Connect to…"
//! picker that refuses what cannot be drawn with the reason, and a service's role picker.

use super::super::editor_store::{use_editor_content, EditorAction};
use super::{dom_id, error_text, try_command};
use crate::doc::command::Command;
use crate::doc::inspect::{connect_options, node_edges};
use crate::doc::scene::{ClusterKey, EdgeKind, NodeId, NodeKind};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConnProps {
    pub id: NodeId,
}

/// The node's edges and the connection picker.
#[component]
pub fn Connections(p: &ConnProps) -> Html {
    let store = use_editor_content();
    let choice = use_state(|| None::<usize>);
    let error = use_state(|| None::<String>);
    let Some(store) = store else {
        return Html::default();
    };
    let options = connect_options(&store.scene, &p.id);
    let edges = node_edges(&store.scene, &p.id);
    let picked = (*choice).and_then(|i| options.get(i));
    let reason = picked.and_then(|o| o.edge.as_ref().err().cloned());
    let onchange = {
        let (choice, error) = (choice.clone(), error.clone());
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                choice.set(s.value().parse::<usize>().ok());
                error.set(None);
            }
        })
    };
    let connect = {
        let (store, error, choice, id) =
            (store.clone(), error.clone(), choice.clone(), p.id.clone());
        let picked = picked.cloned();
        Callback::from(move |_: MouseEvent| match &picked {
            None => error.set(Some("Choose what to connect to first.".into())),
            Some(o) => match &o.edge {
                Err(why) => error.set(Some(why.clone())),
                Ok(kind) => {
                    let cmd = Command::Connect {
                        from: id.clone(),
                        to: o.to.clone(),
                        kind: *kind,
                    };
                    let r = try_command(&store, cmd);
                    if r.is_ok() {
                        choice.set(None);
                    }
                    error.set(r.err().map(|e| error_text(&e)));
                }
            },
        })
    };
    let pick_id = dom_id("connect", &p.id);
    let why_id = dom_id("connect-why", &p.id);
    let (valid, refused): (Vec<_>, Vec<_>) = options
        .iter()
        .enumerate()
        .partition(|(_, o)| o.edge.is_ok());
    let option = |(i, o): &(usize, &crate::doc::inspect::ConnectOption)| {
        let text = match &o.edge {
            Ok(kind) => format!("{} ({})", o.label, kind.verb()),
            Err(_) => o.label.clone(),
        };
        html! { <option value={i.to_string()} selected={*choice == Some(*i)}>{ text }</option> }
    };
    let shown_error = (*error).clone().or(reason);
    html! {
        <section class="panel-section" aria-labelledby={dom_id("conn-head", &p.id)}>
            <h3 class="sec" id={dom_id("conn-head", &p.id)}>{ "Connections" }</h3>
            if edges.is_empty() { <p class="muted small">{ "No connections yet." }</p> }
            <ul class="rows">
                { for edges.iter().map(|e| {
                    let (store, cmd) = (store.clone(), Command::Disconnect { from: e.from.clone(), to: e.to.clone(), kind: e.kind });
                    let remove = Callback::from(move |_| store.dispatch(EditorAction::Command(cmd.clone())));
                    // An edge to a collapsed cluster stands for several: each is removed
                    // from its own member, once the cluster is expanded.
                    let merged = [&e.from, &e.to].into_iter().any(|id| ClusterKey::from_node_id(id).is_some());
                    html! {
                        <li class="row">
                            <span class={classes!("edge-dot", edge_class(e.kind))} aria-hidden="true"></span>
                            <span class="row-main">{ &e.label }</span>
                            if !merged {
                                <button class="btn ghost small" onclick={remove} aria-label={format!("Remove connection: {}", e.label)}>{ "Remove" }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if !options.is_empty() {
                <div class="field">
                    <label for={pick_id.clone()}>{ "Connect to…" }</label>
                    <div class="inline-form">
                        <select id={pick_id} {onchange} aria-invalid={shown_error.is_some().to_string()}
                                aria-describedby={shown_error.is_some().then(|| why_id.clone())}>
                            <option value="" selected={choice.is_none()}>{ "Choose…" }</option>
                            if !valid.is_empty() { <optgroup label="Can connect">{ for valid.iter().map(option) }</optgroup> }
                            if !refused.is_empty() { <optgroup label="Cannot connect">{ for refused.iter().map(option) }</optgroup> }
                        </select>
                        <button class="btn small" onclick={connect}>{ "Connect" }</button>
                    </div>
                    if let Some(e) = shown_error { <p id={why_id} class="error" role="alert">{ e }</p> }
                </div>
            }
        </section>
    }
}

/// The CSS class of an edge kind (the canvas's).
fn edge_class(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::MemberOf => "member",
        EdgeKind::Trusts => "trust",
        EdgeKind::RunsAs => "runs-as",
        EdgeKind::ResourceAccess => "access",
        EdgeKind::ActsThrough => "acts",
    }
}

/// Which role a service runs as (instance profile role, execution role, task role).
#[component]
pub fn RunsAs(p: &ConnProps) -> Html {
    let store = use_editor_content();
    let error = use_state(|| None::<String>);
    let Some(store) = store else {
        return Html::default();
    };
    let current = store
        .scene
        .edges
        .iter()
        .find(|e| e.from == p.id && e.kind == EdgeKind::RunsAs)
        .map(|e| e.to.clone());
    let account = store.doc.account_of(&p.id);
    let roles: Vec<(NodeId, String)> = store
        .scene
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Role && store.doc.account_of(&n.id) == account)
        .map(|n| (n.id.clone(), n.label.clone()))
        .collect();
    let onchange = {
        let (store, error, id, current) =
            (store.clone(), error.clone(), p.id.clone(), current.clone());
        Callback::from(move |e: Event| {
            let Some(s) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let v = s.value();
            let mut cmds = Vec::new();
            if let Some(old) = &current {
                cmds.push(Command::Disconnect {
                    from: id.clone(),
                    to: old.clone(),
                    kind: EdgeKind::RunsAs,
                });
            }
            if !v.is_empty() {
                cmds.push(Command::Connect {
                    from: id.clone(),
                    to: NodeId::new(v),
                    kind: EdgeKind::RunsAs,
                });
            }
            // All or nothing: try the whole change on a copy before touching the document.
            let mut probe = (*store.doc).clone();
            match cmds.iter().try_for_each(|c| probe.apply(c).map(|_| ())) {
                Ok(()) => {
                    for c in cmds {
                        store.dispatch(EditorAction::Command(c));
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(error_text(&e))),
            }
        })
    };
    let field = dom_id("runs-as", &p.id);
    html! {
        <div class="field">
            <label for={field.clone()}>{ "Runs as role" }</label>
            <select id={field} {onchange}>
                <option value="" selected={current.is_none()}>{ "None" }</option>
                { for roles.iter().map(|(rid, label)| html! {
                    <option value={rid.0.clone()} selected={current.as_ref() == Some(rid)}>{ label }</option>
                }) }
            </select>
            if let Some(e) = &*error { <p class="error" role="alert">{ e }</p> }
            else { <p class="hint muted">{ "The role must trust the service principal; connecting adds it to the trust policy." }</p> }
        </div>
    }
}
