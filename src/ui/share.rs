//! The share menu: Scenarios, Share, Copy embed code and Present, and the dialogs they open.

mod confirm;
mod embed_dialog;
mod history;
mod launch;
mod library;
mod link;
mod listen;
mod modal;
mod open;
#[path = "present.rs"]
pub(crate) mod present;
mod stage;
mod start_here;

pub use launch::{allowed_in_embed, embed_options, launch, shared_link_in_address};
pub use listen::Listener;
pub(crate) use modal::Modal;
pub use stage::GUIDE_HOST;
pub use start_here::StartHere;

use super::editor_store::{EditorAction, EditorStore};
use super::sim_store::SimStore;
use crate::doc::scenario::{built_in, Scenario};
use crate::doc::session::SessionEvent;
use crate::doc::share::fragment;
use crate::doc::view::Notice;
use confirm::ConfirmShared;
use embed_dialog::EmbedDialog;
use launch::page_address;
use library::ScenarioLibrary;
use std::rc::Rc;
use yew::prelude::*;

/// A dialog the menu opened.
#[derive(Clone, PartialEq)]
enum Dialog {
    Library,
    Embed,
    /// A shared scenario waits for the person's yes.
    Confirm(Rc<Scenario>),
}

/// Header buttons: Scenarios, Share, Copy embed code, Present; and what they open.
#[component]
pub fn ShareMenu() -> Html {
    let store = use_context::<EditorStore>();
    let sim = use_context::<SimStore>();
    let embed = use_memo((), |_| embed_options());
    let presenting = use_state(|| false);
    let dialog = use_state(|| None::<Dialog>);
    let (Some(store), Some(sim)) = (store, sim) else {
        return Html::default();
    };
    let is_embed = embed.is_some();
    let open = open::open_callback(&store, &sim, is_embed, *presenting, true);
    // Chosen from the Scenarios dialog, which said before the click that Undo brings the
    // canvas back; the guided steps' caption names what opened: no notice over the diagram.
    let open_chosen = open::open_callback(&store, &sim, is_embed, *presenting, false);
    open::use_startup(&store, &sim, &dialog, embed.clone());
    open::use_back_forward(&store, &sim, is_embed, *presenting);
    let droppable = embed.as_ref().as_ref().is_none_or(|o| o.interactive);
    open::use_drop_to_open(&store, &open, droppable);

    let shows_link = is_embed || matches!(*dialog, Some(Dialog::Embed));
    let embed_fragment = use_link_fragment(&store, &sim, shows_link);
    let share = {
        let (store, sim) = (store.clone(), sim.clone());
        Callback::from(move |_| {
            link::copy_link(
                &store,
                &link::shared_scenario(&store.doc, sim.guide.as_ref()),
            )
        })
    };
    let show = |d: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |_| dialog.set(Some(d.clone())))
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: ()| dialog.set(None))
    };
    let choose = {
        let (open, dialog, store) = (open_chosen, dialog.clone(), store.clone());
        Callback::from(move |slug: &'static str| {
            dialog.set(None);
            match built_in(slug) {
                Some(Ok(s)) => open.emit(s),
                _ => store.dispatch(EditorAction::Notify(Notice::error(format!(
                    "The built-in scenario {slug} could not be read. Nothing was changed."
                )))),
            }
        })
    };
    let notify = {
        let store = store.clone();
        Callback::from(move |(ok, text): (bool, String)| {
            let n = if ok {
                Notice::info(text)
            } else {
                Notice::error(text)
            };
            store.dispatch(EditorAction::Notify(n));
        })
    };
    let dialog_html = match (*dialog).clone() {
        Some(Dialog::Library) => html! { <ScenarioLibrary on_choose={choose} on_close={close} /> },
        Some(Dialog::Embed) => html! {
            <EmbedDialog page={page_address()} fragment={(*embed_fragment).clone().unwrap_or_default()} title={store.doc.title.clone()}
                         has_steps={sim.guide.is_some()} on_done={notify} on_close={close} />
        },
        Some(Dialog::Confirm(s)) => html! {
            <ConfirmShared scenario={s} open={open.clone()} {close} store={store.clone()} />
        },
        None => Html::default(),
    };
    let menu = if is_embed {
        let f = (*embed_fragment).clone().unwrap_or_default();
        let href = format!("{}#{f}", page_address());
        embed_menu(&sim, href)
    } else {
        let present = {
            let (presenting, store) = (presenting.clone(), store.clone());
            Callback::from(move |_| stage::enter(&presenting, &store))
        };
        html! {
            <div class="share-menu" role="group" aria-label="Share and present">
                <button class="btn ghost" onclick={show(Dialog::Library)}
                        title="Guided scenarios: open one and step through it">{ "Scenarios" }</button>
                <button class="btn ghost" onclick={share}
                        title="Copy a link that carries this whole scenario">{ "Share" }</button>
                <button class="btn ghost" onclick={show(Dialog::Embed)}
                        title="An <iframe> for a blog post or slides">{ "Copy embed code" }</button>
                <button class="btn ghost" onclick={present}
                        title="Full screen, large type, guided steps (key P)">{ "Present" }</button>
            </div>
        }
    };
    html! {
        <>
            { menu }
            { dialog_html }
            // One slot whatever the stage shows: Yew matches unkeyed children from the end,
            // so a child appearing here would otherwise rebuild the buttons above (and lose
            // their focus).
            <stage::Stage presenting={presenting.clone()} embed={is_embed}
                          dialog_open={dialog.is_some()} />
        </>
    }
}

/// The share link's fragment while something shows it (`shows`: an embed's "Open in IAM
/// Playground" link at all times, the embed dialog's code while open), worked out when the
/// document or the step changes, never on a clock tick. Otherwise `None`: the link is made
/// when asked for, so moving a node does not encode the whole scenario on every move.
#[hook]
fn use_link_fragment(store: &EditorStore, sim: &SimStore, shows: bool) -> Rc<Option<String>> {
    let key = shows.then(|| {
        (
            Rc::as_ptr(&store.doc) as usize,
            sim.guide
                .as_ref()
                .map(|g| (Rc::as_ptr(&g.story) as usize, g.index)),
        )
    });
    let (doc, guide) = (store.doc.clone(), sim.guide.clone());
    use_memo(key, move |key| {
        key.map(|_| fragment(&link::shared_scenario(&doc, guide.as_ref())))
    })
}

/// An embed's header: back to the guided steps its reader closed (an embed has no Scenarios
/// menu to reopen them from), and the scenario in the full playground.
fn embed_menu(sim: &SimStore, href: String) -> Html {
    let reopen = (sim.guide.is_none() && sim.parked.is_some()).then(|| {
        let sim = sim.clone();
        Callback::from(move |_| sim.dispatch(SessionEvent::ReopenGuide.into()))
    });
    html! {
        <>
            if let Some(onclick) = reopen {
                <button class="btn ghost reopen-guide" {onclick}>{ "Show guided steps" }</button>
            }
            // A frame just wider than a phone keeps its find box and says this in one word.
            <a class="btn ghost open-full" href={href} target="_blank" rel="noopener"
               aria-label="Open in IAM Playground"
               title="Open this scenario in the full IAM Playground, in a new tab">
                <span class="of-long">{ "Open in IAM Playground" }</span>
                <span class="of-short" aria-hidden="true">{ "Open ↗" }</span>
            </a>
        </>
    }
}
