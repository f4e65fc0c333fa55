//! The toolbar: add things, undo/redo, delete, duplicate, align, fit to view, auto layout.

use super::editor_store::{EditorAction, EditorStore};
use super::icons;
use crate::doc::command::{Alignment, Command};
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::{IdpKind, NodeKind, ServiceKind};
use crate::doc::tool::{InputEvent, Modifiers};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Toolbar entries that add things: icon, accessible name, shortcut key, kind.
const ADD_TOOLS: [(&str, &str, &str, NodeKind); 6] = [
    ("account", "Add account", "A", NodeKind::Account),
    ("user", "Add user", "U", NodeKind::User),
    ("group", "Add group", "G", NodeKind::Group),
    ("role", "Add role", "R", NodeKind::Role),
    (
        "service",
        "Add service",
        "S",
        NodeKind::Service(ServiceKind::Ec2Instance),
    ),
    (
        "idp",
        "Add identity provider",
        "I",
        NodeKind::IdentityProvider(IdpKind::Oidc),
    ),
];

/// Where a toolbar-added node goes: beside the selection, else in the middle of the view.
fn placement(store: &EditorStore) -> Point {
    let view = &store.view;
    let selected = view
        .selection
        .iter()
        .filter_map(|id| store.scene.node(id))
        .map(|n| n.rect)
        .collect::<Vec<_>>();
    if let Some(r) = Rect::bounding(selected.iter()) {
        return Point::new(r.x, r.bottom() + 24.0);
    }
    let visible = view.viewport.visible_world();
    Point::new(visible.center().x - 80.0, visible.center().y - 40.0)
}

/// The toolbar.
#[component]
pub fn Toolbar() -> Html {
    let Some(store) = use_context::<EditorStore>() else {
        return Html::default();
    };
    let add = |kind: NodeKind| {
        let store = store.clone();
        Callback::from(move |_| {
            let at = placement(&store);
            store.dispatch(EditorAction::Command(Command::AddNode { kind, at }));
        })
    };
    let send = |action: EditorAction| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(action.clone()))
    };
    let selection = store.view.selection.clone();
    let has_selection = !selection.is_empty() || store.view.selected_edge.is_some();
    let delete = {
        let store = store.clone();
        Callback::from(move |_| {
            let view = &store.view;
            if let Some(edge) = &view.selected_edge {
                store.dispatch(EditorAction::Command(Command::Disconnect {
                    from: edge.from.clone(),
                    to: edge.to.clone(),
                    kind: edge.kind,
                }));
            } else if !view.selection.is_empty() {
                store.dispatch(EditorAction::Command(Command::Delete {
                    ids: view.selection.clone(),
                }));
            }
        })
    };
    let duplicate = send(EditorAction::Command(Command::Duplicate {
        ids: selection.clone(),
    }));
    // Fits at a readable size (names at least 12 px); a second press fits all of a diagram
    // too big for that.
    let fit = send(EditorAction::Input(InputEvent::Key {
        key: "0".into(),
        mods: Modifiers::default(),
    }));
    let align = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let how = match select.value().as_str() {
                "left" => Alignment::Left,
                "center" => Alignment::Center,
                "right" => Alignment::Right,
                "top" => Alignment::Top,
                "middle" => Alignment::Middle,
                "bottom" => Alignment::Bottom,
                "h" => Alignment::DistributeHorizontally,
                "v" => Alignment::DistributeVertically,
                _ => return,
            };
            select.set_value("");
            store.dispatch(EditorAction::Command(Command::Align {
                ids: store.view.selection.clone(),
                how,
            }));
        })
    };
    let undo_label = store
        .undo_label
        .as_ref()
        .map(|l| format!("Undo {l} (Ctrl+Z)"));
    let redo_label = store
        .redo_label
        .as_ref()
        .map(|l| format!("Redo {l} (Ctrl+Shift+Z)"));
    html! {
        <div class="toolbar" role="toolbar" aria-label="Tools">
            { for ADD_TOOLS.iter().map(|(icon, label, key, kind)| html! {
                <button class="btn ghost" title={format!("{label} ({key})")} onclick={add(*kind)}
                        aria-keyshortcuts={*key}>
                    { icons::button_icon(icon) }{ *label }
                </button>
            }) }
            <span class="sep" role="separator"></span>
            <button class="btn ghost" onclick={send(EditorAction::Undo)} disabled={store.undo_label.is_none()}
                    title={undo_label.unwrap_or_else(|| "Nothing to undo".into())} aria-keyshortcuts="Control+Z" aria-label="Undo">{ icons::button_icon("undo") }</button>
            <button class="btn ghost" onclick={send(EditorAction::Redo)} disabled={store.redo_label.is_none()}
                    title={redo_label.unwrap_or_else(|| "Nothing to redo".into())} aria-keyshortcuts="Control+Shift+Z" aria-label="Redo">{ icons::button_icon("redo") }</button>
            <button class="btn ghost" onclick={delete} disabled={!has_selection} title="Delete the selection (Delete)"
                    aria-keyshortcuts="Delete" aria-label="Delete">{ icons::button_icon("delete") }</button>
            <button class="btn ghost" onclick={duplicate} disabled={selection.is_empty()} title="Duplicate (Ctrl+D)"
                    aria-keyshortcuts="Control+D" aria-label="Duplicate">{ icons::button_icon("duplicate") }</button>
            <select class="btn ghost" aria-label="Align" onchange={align} disabled={selection.len() < 2}>
                <option value="" selected=true>{ "Align…" }</option>
                <option value="left">{ "Align left" }</option>
                <option value="center">{ "Align centre" }</option>
                <option value="right">{ "Align right" }</option>
                <option value="top">{ "Align top" }</option>
                <option value="middle">{ "Align middle" }</option>
                <option value="bottom">{ "Align bottom" }</option>
                <option value="h">{ "Distribute horizontally" }</option>
                <option value="v">{ "Distribute vertically" }</option>
            </select>
            <span class="sep" role="separator"></span>
            <button class="btn ghost" onclick={fit} title="Fit to view (0); press again to fit all (Shift+1)" aria-keyshortcuts="0">{ icons::button_icon("fit") }{ "Fit to view" }</button>
            <button class="btn ghost" onclick={send(EditorAction::Command(Command::AutoLayout))} title="Lay everything out again">{ icons::button_icon("layout") }{ "Auto layout" }</button>
        </div>
    }
}
