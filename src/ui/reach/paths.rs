//! The "Access paths" list: the answer's paths hop by hop with the statements that allow
//! each, their conditions and session caps, "Play this path", the depth, and "Clear".

use super::{ReachAction, ReachStore};
use crate::doc::reach::{
    plan_play, session_words, EscalationView, HopView, PathView, Query, MAX_DEPTH,
};
use crate::sim::reach::Hop;
use crate::ui::editor_store::use_editor_content;
use crate::ui::share::present::with_code;
use crate::ui::share::Listener;
use crate::ui::sim_store::{SimAction, SimStore};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props: what to do once a path has been played (the compact layout shows the simulator).
#[derive(Properties, PartialEq)]
pub struct ReachPanelProps {
    /// Called after a path's calls were handed to the simulator.
    #[prop_or_default]
    pub on_played: Callback<()>,
}

/// The side list; nothing when no question is on show.
#[component]
pub fn ReachPanel(p: &ReachPanelProps) -> Html {
    let reach = use_context::<ReachStore>();
    let store = use_editor_content();
    let sim = use_context::<SimStore>();
    let active = reach.as_ref().is_some_and(|r| r.active());
    // Esc leaves highlight mode, wherever the focus is but in a text field.
    {
        let reach = reach.clone();
        use_effect_with(active, move |on| {
            let l = (*on).then(|| reach.clone()).flatten().and_then(|reach| {
                Listener::document("keydown", move |e| {
                    let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let typing = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if k.key() == "Escape" && !typing {
                        reach.dispatch(ReachAction::Clear);
                    }
                })
            });
            move || drop(l)
        });
    }
    // An edit makes the answer stale: the highlight goes.
    {
        let reach = reach.clone();
        let revision = store.as_ref().map_or(0, |s| s.revision);
        use_effect_with(revision, move |_| {
            if let Some(r) = reach {
                r.dispatch(ReachAction::Clear);
            }
        });
    }
    let (Some(reach), Some(store), Some(sim)) = (reach, store, sim) else {
        return Html::default();
    };
    let Some(query) = reach.query.clone() else {
        return Html::default();
    };
    let ask = {
        let (reach, store) = (reach.clone(), store.clone());
        move |q: Query| reach.dispatch(ReachAction::Ask(q, store.doc.clone(), store.scene.clone()))
    };
    let on_depth = {
        let (ask, query) = (ask.clone(), query.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Ok(n) = input.value().trim().parse::<usize>() else {
                return;
            };
            let n = n.clamp(1, MAX_DEPTH);
            ask(match query.clone() {
                Query::From { node, .. } => Query::From { node, max_hops: n },
                Query::WhoCan { node, action, .. } => Query::WhoCan {
                    node,
                    action,
                    max_hops: n,
                },
            });
        })
    };
    let on_action = {
        let (ask, query) = (ask.clone(), query.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let action = input.value().trim().to_string();
            if let (Query::WhoCan { node, max_hops, .. }, false) =
                (query.clone(), action.is_empty())
            {
                ask(Query::WhoCan {
                    node,
                    action,
                    max_hops,
                });
            }
        })
    };
    let clear = {
        let reach = reach.clone();
        Callback::from(move |_: MouseEvent| reach.dispatch(ReachAction::Clear))
    };
    let play = {
        let (reach, sim, on_played) = (reach.clone(), sim.clone(), p.on_played.clone());
        Callback::from(move |hops: Vec<Hop>| match plan_play(&sim.session, &hops) {
            Ok(plan) => {
                for e in plan.events {
                    sim.dispatch(SimAction::Session(e));
                }
                sim.dispatch(SimAction::SetDockOpen(true));
                reach.dispatch(ReachAction::Said(plan.said));
                on_played.emit(());
            }
            Err(why) => reach.dispatch(ReachAction::Said(why)),
        })
    };
    let view = reach.view.clone();
    let title = view
        .as_ref()
        .map_or_else(|| "Access paths".to_string(), |v| v.title.clone());
    html! {
        <section class="reach-panel" role="region" aria-label="Access paths">
            <div class="reach-head">
                <h2>{ title }</h2>
                <button class="btn small" onclick={clear} aria-keyshortcuts="Escape">{ "Clear" }</button>
            </div>
            <div class="reach-controls">
                <label>{ "Max depth " }
                    <input type="number" min="1" max={MAX_DEPTH.to_string()} value={query.max_hops().to_string()}
                           onchange={on_depth} />
                </label>
                if let Query::WhoCan { action, .. } = &query {
                    <label>{ "Action " }
                        <input type="text" value={action.clone()} onchange={on_action} spellcheck="false" />
                    </label>
                }
            </div>
            if let Some(e) = &reach.error {
                <p class="reach-error" role="alert">{ e }</p>
            }
            <p class="reach-said" role="status">{ reach.said.clone().unwrap_or_default() }</p>
            if let Some(v) = &view {
                { summary(v.total_paths, v.paths.len()) }
                <ol class="reach-paths" aria-label="Paths">
                    { for v.paths.iter().enumerate().map(|(i, path)| path_item(i, path, &play)) }
                </ol>
                { escalations(&v.escalations.values().flatten().collect::<Vec<_>>()) }
            }
        </section>
    }
}

fn summary(total: usize, listed: usize) -> Html {
    let text = match (total, listed) {
        (0, _) => "No path: nothing is reachable within this depth.".to_string(),
        (1, _) => "1 path.".to_string(),
        (t, l) if l < t => format!("{t} paths; the first {l} are listed."),
        (t, _) => format!("{t} paths."),
    };
    html! { <p class="reach-summary">{ text }</p> }
}

fn path_item(i: usize, path: &PathView, play: &Callback<Vec<Hop>>) -> Html {
    let hops: Vec<Hop> = path.hops.iter().map(|h| h.hop.clone()).collect();
    let name = format!(
        "Path {}: {} to {}",
        i.saturating_add(1),
        path.principal,
        path.target
    );
    let direct = path.hops.is_empty();
    let onclick = {
        let play = play.clone();
        Callback::from(move |_: MouseEvent| play.emit(hops.clone()))
    };
    html! {
        <li class="reach-path" aria-label={name.clone()}>
            <div class="reach-path-head">
                <span class="reach-path-name">{ name }</span>
                if !direct {
                    <button class="btn small primary" {onclick}>{ "Play this path" }</button>
                }
            </div>
            if direct {
                <p class="reach-direct">{ format!("{} is allowed directly: no role to assume.", path.principal) }</p>
            }
            <ol class="reach-hops">{ for path.hops.iter().map(hop_item) }</ol>
            if let Some(g) = &path.grant {
                <p class={classes!("reach-grant", (!g.ways.is_empty()).then_some("conditional"))}>{ with_code(&g.words()) }</p>
            }
        </li>
    }
}

fn hop_item(h: &HopView) -> Html {
    let conditions = if h.conditions.is_empty() {
        html! { <p class="reach-cond none">{ "no conditions" }</p> }
    } else {
        html! {
            <ul class="reach-cond" aria-label="Conditions">
                { for h.conditions.iter().map(|c| html! { <li>{ with_code(c) }</li> }) }
            </ul>
        }
    };
    html! {
        <li class={classes!("reach-hop", (!h.conditions.is_empty()).then_some("conditional"))}>
            <p class="reach-hop-line"><strong>{ &h.from }</strong>{ " → " }<strong>{ &h.to }</strong>
                <code>{ &h.hop.via }</code></p>
            <ul class="reach-why" aria-label="Allowed by">
                { for h.reasons.iter().map(|r| html! { <li>{ with_code(r) }</li> }) }
            </ul>
            { conditions }
            <p class="reach-session">{ session_words(&h.hop) }</p>
        </li>
    }
}

/// The escalation findings in a list, each with its catalogue id linked where it has one.
pub(super) fn escalations(list: &[&EscalationView]) -> Html {
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <div class="reach-escalations">
            <h3>{ "Privilege escalation" }</h3>
            <ul>
                { for list.iter().map(|e| html! {
                    <li>
                        if let (Some(id), Some(url)) = (&e.id, &e.url) {
                            <a href={url.clone()} target="_blank" rel="noopener noreferrer">{ id }</a>{ " " }
                        }
                        { &e.text }
                    </li>
                }) }
            </ul>
        </div>
    }
}
