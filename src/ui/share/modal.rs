//! A modal dialog that behaves like one: focus moves into it, Tab and Shift+Tab cycle inside
//! it, focus cannot wander behind it, Escape closes it, and on closing, focus goes back to the
//! control that opened it (WAI-ARIA Authoring Practices, "Dialog (Modal) Pattern").

use super::listen::Listener;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// What counts as a stop in the Tab order inside the dialog.
const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The id of the dialog's heading (its accessible name).
    pub labelled_by: AttrValue,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
    /// `dialog`, or `alertdialog` for a question that needs an answer.
    #[prop_or(AttrValue::Static("dialog"))]
    pub role: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// Focused on opening; the first control when empty.
    #[prop_or_default]
    pub initial: NodeRef,
    /// Escape.
    pub on_close: Callback<()>,
    pub children: Html,
}

/// The controls inside `panel` that Tab stops at, in document order.
fn focusables(panel: &NodeRef) -> Vec<HtmlElement> {
    let Some(p) = panel.cast::<web_sys::Element>() else {
        return Vec::new();
    };
    let Ok(list) = p.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn contains(panel: &NodeRef, target: Option<web_sys::EventTarget>) -> bool {
    let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    panel
        .cast::<web_sys::Node>()
        .is_some_and(|p| p.contains(node.as_ref()))
}

#[component]
pub fn Modal(p: &ModalProps) -> Html {
    let panel = use_node_ref();
    {
        let (panel, initial) = (panel.clone(), p.initial.clone());
        use_effect_with((), move |_| {
            let document = super::super::document();
            // The control that opened the dialog (the body when nothing had focus).
            let opener = document
                .as_ref()
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                .filter(|e| e.tag_name() != "BODY");
            let first = initial
                .cast::<HtmlElement>()
                .or_else(|| focusables(&panel).into_iter().next());
            if let Some(f) = &first {
                let _ = f.focus();
            }
            // Focus that lands behind the dialog (a click on the page around it, a script)
            // comes back to the dialog.
            let guard = {
                let panel = panel.clone();
                Listener::document("focusin", move |e| {
                    if !contains(&panel, e.target()) {
                        if let Some(f) = focusables(&panel).into_iter().next() {
                            let _ = f.focus();
                        }
                    }
                })
            };
            move || {
                drop(guard);
                if let Some(o) = opener.filter(|o| o.is_connected()) {
                    let _ = o.focus();
                }
            }
        });
    }
    let onkeydown = {
        let (panel, close) = (panel.clone(), p.on_close.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
            }
            "Tab" => {
                let stops = focusables(&panel);
                let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
                    e.prevent_default();
                    return;
                };
                let active = super::super::document().and_then(|d| d.active_element());
                let at = |el: &HtmlElement| active.as_ref() == Some(el.unchecked_ref());
                if e.shift_key() && at(first) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && at(last) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        })
    };
    // A press on the backdrop keeps focus in the dialog; a click there closes a dialog, the
    // way people expect, but never a question (`alertdialog`) that needs its answer.
    // (Yew delegates events, so `currentTarget` is not the backdrop: compare with its ref.)
    let backdrop = use_node_ref();
    let on_backdrop = {
        let backdrop = backdrop.clone();
        move |e: &MouseEvent| {
            let b = backdrop.get();
            b.is_some() && e.target().map(wasm_bindgen::JsValue::from) == b.map(Into::into)
        }
    };
    let onmousedown = {
        let on_backdrop = on_backdrop.clone();
        Callback::from(move |e: MouseEvent| {
            if on_backdrop(&e) {
                e.prevent_default();
            }
        })
    };
    let onclick = {
        let close = p.on_close.clone();
        let dismissable = p.role != "alertdialog";
        Callback::from(move |e: MouseEvent| {
            if dismissable && on_backdrop(&e) {
                close.emit(());
            }
        })
    };
    html! {
        <div class="share-backdrop" ref={backdrop} {onmousedown} {onclick}>
            <div ref={panel} class={classes!("share-dialog", p.class.clone())} role={p.role.clone()}
                 aria-modal="true" aria-labelledby={p.labelled_by.clone()}
                 aria-describedby={p.described_by.clone()} {onkeydown}>
                { p.children.clone() }
            </div>
        </div>
    }
}
