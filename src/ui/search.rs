//! The header's find box: a node found by name, ARN or id is selected and brought into view;
//! Enter goes to the next match. Beside it, the import report while the document has one.

use super::editor_store::{use_editor_content, EditorAction};
use super::import::ImportUi;
use crate::doc::scene::NodeId;
use crate::doc::search::{find_nodes, next_match};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The find box and the import report button.
#[component]
pub fn FindNode() -> Html {
    let store = use_editor_content();
    let import = use_context::<ImportUi>();
    let query = use_state(String::new);
    // The match shown last, so Enter moves on from it even after the selection changed.
    let shown = use_state(|| None::<NodeId>);
    let Some(store) = store else {
        return Html::default();
    };
    let matches = find_nodes(&store.scene, &query);
    let go = {
        let (store, shown) = (store.clone(), shown.clone());
        move |id: Option<NodeId>| {
            if let Some(id) = id {
                store.dispatch(EditorAction::Reveal(id.clone()));
                shown.set(Some(id));
            }
        }
    };
    let oninput = {
        let (query, store, go) = (query.clone(), store.clone(), go.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let q = input.value();
            go(find_nodes(&store.scene, &q).into_iter().next());
            query.set(q);
        })
    };
    let onkeydown = {
        let (matches, shown, query) = (matches.clone(), shown.clone(), query.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                go(next_match(&matches, shown.as_ref()));
            }
            "Escape" if !query.is_empty() => {
                e.prevent_default();
                query.set(String::new());
                shown.set(None);
            }
            _ => {}
        })
    };
    let status = if query.trim().is_empty() {
        String::new()
    } else if matches.is_empty() {
        "No match".to_string()
    } else {
        let at = shown
            .as_ref()
            .and_then(|s| matches.iter().position(|m| m == s))
            .map_or(0, |i| i + 1);
        format!("{at} of {}", matches.len())
    };
    let report = store.doc.import_report.is_some().then(|| {
        let show = import.map(|u| u.show_report).unwrap_or_default();
        html! {
            // A small embed's header shows "Report" (the name keeps "Import report").
            <button class="btn ghost import-report-open" onclick={show.reform(|_| ())} aria-label="Import report"
                    title="What the import read, assumed, missed and could not parse">
                <span class="ir-long">{ "Import report" }</span><span class="ir-short">{ "Report" }</span>
            </button>
        }
    });
    html! {
        <div class="find-node" role="search" aria-label="Find">
            <input type="search" class="find-input" placeholder="Find a node" aria-label="Find a node"
                   aria-describedby="find-status" value={(*query).clone()} {oninput} {onkeydown}
                   title="Name, ARN or id; Enter goes to the next match" />
            <span id="find-status" class="find-status muted" aria-live="polite">{ status }</span>
            { report.unwrap_or_default() }
        </div>
    }
}
