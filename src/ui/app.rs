//! The app shell: header, toolbar, canvas, inspector and status bar over two stores (the
//! document editor and the live simulation).

use super::canvas::Canvas;
use super::editor_store::{ContentStore, EditorAction, EditorState, EditorStore};
use super::files::FileMenu;
use super::icons;
use super::import::ImportProvider;
use super::inspector::Inspector;
use super::notices::Notices;
use super::reach::{use_escalation_marks, EscalationMarks, ReachPanel, ReachState, ReachStore};
use super::search::FindNode;
use super::share::{self, Listener, ShareMenu, StartHere};
use super::sim_store::{SimProvider, SimStore};
use super::simulator::SimulatorDock;
use super::statusbar::StatusBar;
use super::storage;
use super::tabs::SaveConflict;
use super::toolbar::Toolbar;
use crate::doc::document::Document;
use crate::doc::scene::NodeId;
use crate::doc::view::Notice;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long the document must be still before it is autosaved (a drag saves once, at rest).
const AUTOSAVE_DELAY_MS: u32 = 400;

/// The whole page: the simulation's provider around the shell, so a clock tick re-renders
/// the provider and what shows time, never the shell.
#[component]
pub fn App() -> Html {
    html! {
        <SimProvider><Shell /></SimProvider>
    }
}

/// A scene compared by identity: a new scene is a new `Rc`, and comparing two whole scenes
/// on every render would cost more than what is memoised on it.
#[derive(Clone)]
struct SameScene(Rc<crate::doc::scene::Scene>);

impl PartialEq for SameScene {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Everything on the page, over the document store and the simulation's context.
#[component]
fn Shell() -> Html {
    let Some(sim) = use_context::<SimStore>() else {
        return Html::default();
    };
    let restored = use_memo((), |_| {
        // An embed keeps its edits to itself: the reader's own saved work is never read
        // into it, nor written over by it.
        let r = if share::embed_options().is_some() {
            storage::memory_only()
        } else {
            storage::restore(share::shared_link_in_address())
        };
        // share: a `#s=` link may replace the start document (never over a local one).
        (share::launch(r.doc), r.problem, r.start_here)
    });
    let editor = {
        let restored = restored.clone();
        use_reducer(move || {
            let doc = restored.0.clone().unwrap_or_else(Document::seed_example);
            EditorState::new(doc)
        })
    };
    let reach: ReachStore = use_reducer(ReachState::default);
    let escalations = use_escalation_marks(&editor);
    // A first visit is offered "Start here" until it is taken or dismissed, the document is
    // edited or replaced, or a story plays.
    let start_here = use_state(|| restored.2);
    let offer_start = *start_here && editor.revision == 0 && sim.guide.is_none();
    let start_done = {
        let start_here = start_here.clone();
        Callback::from(move |()| start_here.set(false))
    };

    // Tell the person once if their saved scenario could not be read.
    {
        let editor = editor.clone();
        let problem = restored.1.clone();
        use_effect_with((), move |_| {
            if let Some(p) = problem {
                editor.dispatch(EditorAction::Notify(Notice::error(p)));
            }
        });
    }

    // Autosave after every change, once the document has been still for a moment; at once
    // when the page is hidden or left. A newer save by another tab stops it and says so.
    let conflict = use_state(|| false);
    {
        let pending = use_mut_ref(|| None::<Timeout>);
        let doc = editor.doc.clone();
        let (editor, conflict) = (editor.clone(), conflict.clone());
        use_effect_with(editor.revision, move |revision| {
            if *revision > 0 {
                storage::remember(doc);
                schedule_save(&pending, editor, conflict);
            }
        });
    }
    use_tab_sync(conflict.setter());

    use_global_shortcuts(editor.clone());

    // share: `?embed=1&...` makes the page a compact embed (see src/ui/share.rs); a
    // read-only embed lets readers look around but not edit.
    let embed = use_memo((), |_| share::embed_options());
    // Memoised so a change in the simulation (which re-renders this shell) leaves the
    // canvas's props equal.
    let on_input = {
        let embed = embed.clone();
        use_callback(editor.clone(), move |e, editor| {
            if share::allowed_in_embed(embed.as_ref().as_ref(), &e) {
                editor.dispatch(EditorAction::Input(e))
            }
        })
    };
    // The running flow's current step is highlighted on the canvas; the failing node once shown.
    let (highlight, failed, refusal, failed_frame, travel) = sim
        .run
        .as_ref()
        .map(|r| {
            let refusal = r.done().then(|| r.flow.refusal_label()).flatten();
            let frame = r.refusing_frame(&editor.scene);
            let travel = r.travelled_edges(&editor.scene);
            // What a collapsed cluster holds is marked on the cluster's node.
            let scene = &editor.scene;
            let step = scene.shown_all(&r.current_nodes());
            let failed = r.failed_node().map(|f| scene.shown(&f).clone());
            (step, failed, refusal, frame, travel)
        })
        .unwrap_or_default();
    // A session's name and rings on the refused node's top border send the tab to its bottom.
    let failed_wears_timers = failed.as_ref().is_some_and(|f| {
        crate::doc::scene::timer::nodes_wearing_timers(&editor.scene, &sim.sts).contains(f)
    });
    // Recomputed on each change in the simulation (a handful of sessions); equal counts leave
    // the canvas be. The present of the last change is right here: any expiry is a change.
    let live = Rc::new(editor.scene.shown_counts(&sim.live_role_nodes()));
    // What the story is about stays in view where the diagram is too big to show whole at a
    // readable size (a phone, a small embed): the step's nodes (a call's, or those a step
    // without a call names), the node where a call was refused, and a role that just gained
    // a session, whose countdown ring is the point.
    // Sessions a diagram starts with (an instance's role gets its credentials as the page
    // opens) are not news: the page opens where fitting opens it, at the diagram's start.
    // A guided step that makes no call ("alice is an IAM user with a long-term access key")
    // is about the nodes its caption names.
    // Matched once per step and scene, not on every render (a drag renders this each frame).
    let named = use_memo(
        (sim.guide.clone(), SameScene(editor.scene.clone())),
        |(guide, scene)| {
            guide
                .as_ref()
                .filter(|g| !g.recap)
                .and_then(|g| g.step())
                .filter(|s| s.action.is_none())
                .map(|s| crate::doc::session::nodes_named(&s.caption, &scene.0))
                .unwrap_or_default()
        },
    );
    {
        let editor = editor.clone();
        let before = use_mut_ref(|| (None::<u64>, Rc::<BTreeMap<NodeId, usize>>::default()));
        let deps = (
            highlight.clone(),
            failed.clone(),
            live.clone(),
            sim.generation,
            named,
        );
        use_effect_with(deps, move |(step, failed, live, generation, named)| {
            let (seen, old) =
                std::mem::replace(&mut *before.borrow_mut(), (Some(*generation), live.clone()));
            let fresh_start = seen != Some(*generation);
            let gained = live
                .iter()
                .filter(|(id, n)| !fresh_start && old.get(*id).is_none_or(|o| *n > o))
                .map(|(id, _)| id.clone());
            // The refusal or the new countdown first: where not everything fits, it shows.
            let ids: Vec<NodeId> = failed
                .iter()
                .cloned()
                .chain(gained)
                .chain(step.iter().cloned())
                .chain(named.iter().cloned())
                .collect();
            if !ids.is_empty() {
                editor.dispatch(EditorAction::RevealNodes(ids));
            }
        });
    }
    let embed_attr = |on: fn(&crate::doc::share::embed::EmbedOptions) -> bool| {
        embed.as_ref().as_ref().map(|o| on(o).to_string())
    };
    let compact = use_compact(embed.is_some());
    let tab = use_state(|| StageTab::Diagram);
    let caption_open = use_state(|| false);
    // Opening a node (double-click, Enter) shows it: in the compact layouts that means its tab.
    let inspector_shown = embed.as_ref().as_ref().is_none_or(|o| o.inspector);
    {
        let tab = tab.clone();
        use_effect_with(editor.view.inspector.clone(), move |opened| {
            if compact && inspector_shown && opened.is_some() {
                tab.set(StageTab::Inspector);
            }
        });
    }
    let tabs = compact.then(|| {
        let o = embed.as_ref().as_ref();
        let shown = [
            (StageTab::Diagram, true),
            (StageTab::Simulator, o.is_none_or(|o| o.simulator)),
            (StageTab::Inspector, inspector_shown),
        ];
        stage_tabs(&shown, tab.clone())
    });
    // A question asked from the inspector tab is answered on the canvas; a played path in
    // the simulator.
    {
        let tab = tab.clone();
        use_effect_with(reach.asked, move |asked| {
            if compact && *asked > 0 {
                tab.set(StageTab::Diagram);
            }
        });
    }
    let on_played = {
        let tab = tab.clone();
        Callback::from(move |()| {
            if compact {
                tab.set(StageTab::Simulator);
            }
        })
    };
    let more = {
        let caption_open = caption_open.clone();
        Callback::from(move |_| caption_open.set(!*caption_open))
    };
    html! {
        <ContextProvider<EditorStore> context={editor.clone()}>
        <ContextProvider<ContentStore> context={ContentStore::new(&editor)}>
        <ContextProvider<ReachStore> context={reach.clone()}>
        <ContextProvider<Rc<EscalationMarks>> context={escalations.clone()}>
        <ImportProvider>
        <div class={classes!("app", embed.is_some().then_some("embed"), compact.then_some("compact"))}
             data-embed-simulator={embed_attr(|o| o.simulator)}
             data-embed-inspector={embed_attr(|o| o.inspector)}
             data-tab={tab.name()} data-caption={if *caption_open { "open" } else { "compact" }}>
            <header class="topbar">
                <h1 class="brand">{ icons::logo() }<span class="brand-name">{ "IAM Playground" }</span></h1>
                <span class="doc-title" title={editor.doc.title.clone()}>{ editor.doc.title.clone() }</span>
                { tabs.unwrap_or_default() }
                <span class="spacer"></span>
                <FindNode />
                <ShareMenu />
                <FileMenu />
            </header>
            <Toolbar />
            <main class="workspace">
                <div class="stage">
                    <div class="canvas-area">
                        <Canvas scene={editor.scene.clone()} view={editor.view.clone()}
                                overlay={editor.overlay.clone()} {on_input} {highlight} {failed} {failed_wears_timers} {refusal} {failed_frame} {travel} {live}
                                reach={reach.view.clone()} escalations={escalations.clone()} />
                        // Notices show at the canvas's bottom corner, inside the fitting
                        // margin, so they never cover a fitted node, the header or a step.
                        <Notices />
                    </div>
                    <SimulatorDock />
                </div>
                <div class="side">
                    // The guided steps dock here, above the inspector, so the canvas and the
                    // simulator stay in full view while a story plays (see `share::GUIDE_HOST`).
                    // In the compact layouts this is a bar under the canvas, whose diagram is
                    // fitted into what is left; "More" unfolds a long step over the canvas.
                    <div class="guide-wrap">
                        if offer_start {
                            <StartHere on_done={start_done} />
                        }
                        <div id={share::GUIDE_HOST} class="guide-host"></div>
                        <button class="btn ghost caption-more" aria-expanded={caption_open.to_string()}
                                aria-label="Show the whole step" onclick={more}>
                            { if *caption_open { "Less" } else { "More" } }
                        </button>
                    </div>
                    <ReachPanel {on_played} />
                    <Inspector />
                </div>
            </main>
            <StatusBar />
            if *conflict {
                <SaveConflict on_done={Callback::from(move |()| conflict.set(false))} />
            }
        </div>
        </ImportProvider>
        </ContextProvider<Rc<EscalationMarks>>>
        </ContextProvider<ReachStore>>
        </ContextProvider<ContentStore>>
        </ContextProvider<EditorStore>>
    }
}

/// What fills the stage in the compact layouts (an embed, a phone), where panels open as
/// tabs that replace the canvas rather than slivers beside it.
#[derive(Clone, Copy, PartialEq)]
enum StageTab {
    Diagram,
    Simulator,
    Inspector,
}

impl StageTab {
    /// The tab's name, shown and written to `data-tab` for the stylesheet.
    fn name(self) -> &'static str {
        match self {
            StageTab::Diagram => "diagram",
            StageTab::Simulator => "simulator",
            StageTab::Inspector => "inspector",
        }
    }

    fn label(self) -> &'static str {
        match self {
            StageTab::Diagram => "Diagram",
            StageTab::Simulator => "Simulator",
            StageTab::Inspector => "Inspector",
        }
    }
}

/// The tab strip of the compact layouts; nothing when the diagram is the only view.
fn stage_tabs(shown: &[(StageTab, bool)], current: UseStateHandle<StageTab>) -> Html {
    let on: Vec<StageTab> = shown.iter().filter(|(_, s)| *s).map(|(t, _)| *t).collect();
    if on.len() < 2 {
        return Html::default();
    }
    html! {
        <div class="stage-tabs" role="tablist" aria-label="Views">
            { for on.into_iter().map(|t| {
                let selected = *current == t;
                let current = current.clone();
                html! {
                    <button class="btn ghost stage-tab" role="tab" aria-selected={selected.to_string()}
                            onclick={Callback::from(move |_| current.set(t))}>{ t.label() }</button>
                }
            }) }
        </div>
    }
}

/// Pages this narrow (a phone held upright, a small embed) get the compact layout: one
/// column, the canvas first, panels as tabs. Chosen by the window's width, never by the
/// user agent, and followed as the window is resized.
const COMPACT_MAX_WIDTH: f64 = 480.0;

fn narrow_window() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= COMPACT_MAX_WIDTH)
}

/// Whether the compact layout applies: always in an embed, else in a narrow window.
#[hook]
fn use_compact(embed: bool) -> bool {
    let narrow = use_state(narrow_window);
    {
        let narrow = narrow.setter();
        use_effect_with((), move |_| {
            let l = Listener::window("resize", false, move |_| narrow.set(narrow_window()));
            move || drop(l)
        });
    }
    embed || *narrow
}

fn schedule_save(
    pending: &Rc<RefCell<Option<Timeout>>>,
    editor: EditorStore,
    conflict: UseStateHandle<bool>,
) {
    let timeout = Timeout::new(AUTOSAVE_DELAY_MS, move || match storage::flush() {
        Ok(storage::Saved::Done) => {}
        Ok(storage::Saved::Refused) => conflict.set(true),
        Err(why) => editor.dispatch(EditorAction::Notify(Notice::error(format!(
            "Could not autosave: {why}. Save the scenario to a file to keep it."
        )))),
    });
    // Replacing the previous timeout cancels it.
    *pending.borrow_mut() = Some(timeout);
}

/// Listens for other tabs' saves (the `storage` event) and saves at once when the page is
/// hidden or left, so closing the tab within the autosave delay loses nothing.
#[hook]
fn use_tab_sync(conflict: UseStateSetter<bool>) {
    use_effect_with((), move |_| {
        let heard = Listener::window("storage", false, move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                if storage::heard(e.key(), e.new_value()) {
                    conflict.set(true);
                }
            }
        });
        let left = Listener::window("pagehide", false, |_| drop(storage::flush()));
        let hidden = Listener::document("visibilitychange", |_| {
            let hidden = super::document()
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if hidden {
                drop(storage::flush());
            }
        });
        move || drop((heard, left, hidden))
    });
}

/// Undo and redo work wherever the focus is, except in a text field (which has its own undo)
/// and on the canvas (whose tool handles them).
#[hook]
fn use_global_shortcuts(editor: EditorStore) {
    use wasm_bindgen::prelude::*;
    use_effect_with((), move |_| {
        let listener =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                let target = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let skip = target.is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        || el
                            .closest("[aria-label=\"Canvas\"]")
                            .ok()
                            .flatten()
                            .is_some()
                });
                if skip {
                    return;
                }
                let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
                    ("z", false) => EditorAction::Undo,
                    ("z", true) | ("y", _) => EditorAction::Redo,
                    _ => return,
                };
                e.prevent_default();
                editor.dispatch(action);
            });
        let doc = super::document();
        if let Some(d) = &doc {
            let _ =
                d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(d) = doc {
                let _ = d.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}
