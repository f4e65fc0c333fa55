//! The SVG canvas: draws the scene the document derives and turns pointer, wheel and key
//! events into the editor's `InputEvent`s. No editing logic lives here.

use super::icons;
use super::ring::SessionRings;
use crate::doc::geometry::node_box::{NAME_LINE, NAME_Y, TEXT_X};
use crate::doc::geometry::{GuideAxis, Point, Rect};
use crate::doc::reach::{EdgeMark, NodeMark, ReachView};
use crate::doc::scene::{
    chip_size, Badge, EdgeId, EdgeKind, EdgeView, Hit, LabelOwner, LabelView, NodeId, NodeKind,
    NodeView, Scene, Tone, KEY_NEVER_EXPIRES,
};
use crate::doc::tool::{Button, InputEvent, Modifiers, Overlay};
use crate::doc::view::ViewState;
use crate::ui::reach::EscalationMarks;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// What the canvas needs: the scene, the view state, the tool's overlay, where to send input.
#[derive(Properties)]
pub struct CanvasProps {
    pub scene: Rc<Scene>,
    pub view: Rc<ViewState>,
    pub overlay: Rc<Overlay>,
    pub on_input: Callback<InputEvent>,
    /// Highlighted nodes (a running flow) and the node where a flow failed.
    #[prop_or_default]
    pub highlight: Vec<NodeId>,
    #[prop_or_default]
    pub failed: Option<NodeId>,
    /// The failed node wears a session's name and countdown rings on its top border.
    #[prop_or_default]
    pub failed_wears_timers: bool,
    /// What refused the call, marked on the failed node (`AccessDenied · trust policy`).
    #[prop_or_default]
    pub refusal: Option<String>,
    /// The edges the current step of a played call travels, lit with a moving dash.
    #[prop_or_default]
    pub travel: Vec<EdgeId>,
    /// The account frame whose organization's SCP or RCP refused the call, outlined as
    /// refusing, with the kind of policy (`SCP`, `RCP`).
    #[prop_or_default]
    pub failed_frame: Option<(NodeId, &'static str)>,
    /// Role sessions that still work, by role node: the simulation's side of "who holds
    /// what" (a role holds nothing until someone assumes it).
    #[prop_or_default]
    pub live: Rc<BTreeMap<NodeId, usize>>,
    /// "Who can reach what" on show: lit nodes and edges, the rest dimmed.
    #[prop_or_default]
    pub reach: Option<Rc<ReachView>>,
    /// The escalations the world holds, warned of on their holders whatever is on show.
    #[prop_or_default]
    pub escalations: Rc<EscalationMarks>,
}

impl PartialEq for CanvasProps {
    /// The scene (and the reachability answer) by pointer: the store keeps the same `Rc` while
    /// the document is unchanged, and comparing a thousand-node scene field by field on every pointer move (a hover, a
    /// pan) costs more than drawing what shows. Another `Rc` of an equal scene only draws
    /// again, to the same result.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && self.view == other.view
            && self.overlay == other.overlay
            && self.on_input == other.on_input
            && self.highlight == other.highlight
            && self.failed == other.failed
            && self.failed_wears_timers == other.failed_wears_timers
            && self.refusal == other.refusal
            && self.failed_frame == other.failed_frame
            && self.live == other.live
            && Rc::ptr_eq(&self.escalations, &other.escalations)
            && match (&self.reach, &other.reach) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

fn mods_of_mouse(e: &MouseEvent) -> Modifiers {
    Modifiers {
        shift: e.shift_key(),
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        alt: e.alt_key(),
    }
}

fn button_of(e: &MouseEvent) -> Button {
    match e.button() {
        1 => Button::Middle,
        2 => Button::Secondary,
        _ => Button::Primary,
    }
}

/// Screen point of an event relative to the canvas element's top-left corner.
fn local_point(host: &NodeRef, e: &MouseEvent) -> Point {
    let rect = host
        .cast::<Element>()
        .map(|el| el.get_bounding_client_rect());
    let (left, top) = rect.map(|r| (r.left(), r.top())).unwrap_or((0.0, 0.0));
    Point::new(
        f64::from(e.client_x()) - left,
        f64::from(e.client_y()) - top,
    )
}

/// The fingers on the canvas and what they are doing.
#[derive(Default)]
struct Touches {
    fingers: BTreeMap<i32, Point>,
    /// The one finger down started on empty canvas: it pans.
    panning: bool,
    /// Two fingers came down: a pinch, until every finger is lifted.
    pinched: bool,
    /// The two fingers' midpoint and distance at the last move.
    last: Option<(Point, f64)>,
}

impl Touches {
    /// The midpoint and distance of the first two fingers.
    fn pair(&self) -> Option<(Point, f64)> {
        let mut it = self.fingers.values();
        let (a, b) = (it.next()?, it.next()?);
        Some(((*a + *b).scale(0.5), a.distance(*b)))
    }
}

/// The canvas region.
/// The name of the performance mark set when the canvas first holds nodes.
pub const FIRST_NODE_MARK: &str = "iam-playground:first-node";

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let host = use_node_ref();
    let on_input = props.on_input.clone();

    // The page's own measure of its load: a performance mark once the first nodes are in
    // the page (`e2e/bench/load.mjs` reads it; no polling from outside skews it).
    {
        let has_nodes = !props.scene.nodes.is_empty();
        let marked = use_mut_ref(|| false);
        use_effect_with(has_nodes, move |has| {
            if *has && !*marked.borrow() {
                *marked.borrow_mut() = true;
                if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                    let _ = p.mark(FIRST_NODE_MARK);
                }
            }
        });
    }

    // Size changes and the wheel (a non-passive listener, so zooming does not scroll the page).
    {
        let host = host.clone();
        let on_input = on_input.clone();
        use_effect_with((), move |_| {
            let mut cleanup: Vec<Box<dyn FnOnce()>> = Vec::new();
            if let Some(el) = host.cast::<HtmlElement>() {
                let report = {
                    let el = el.clone();
                    let on_input = on_input.clone();
                    move || {
                        on_input.emit(InputEvent::Resize {
                            width: f64::from(el.client_width()),
                            height: f64::from(el.client_height()),
                        })
                    }
                };
                report();
                // The canvas's own size, not the window's: opening the simulator dock or the
                // guided steps changes it too.
                let on_resize = Closure::<dyn Fn()>::new(report);
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                if let Some(o) = &observer {
                    o.observe(&el);
                }
                let wheel_host = host.clone();
                let on_wheel =
                    Closure::<dyn Fn(web_sys::WheelEvent)>::new(move |e: web_sys::WheelEvent| {
                        e.prevent_default();
                        let screen = local_point(&wheel_host, &e);
                        on_input.emit(InputEvent::Wheel {
                            screen,
                            dx: e.delta_x(),
                            dy: e.delta_y(),
                            mods: mods_of_mouse(&e),
                        });
                    });
                let opts = web_sys::AddEventListenerOptions::new();
                opts.set_passive(false);
                let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
                    "wheel",
                    on_wheel.as_ref().unchecked_ref(),
                    &opts,
                );
                cleanup.push(Box::new(move || {
                    if let Some(o) = observer {
                        o.disconnect();
                    }
                    drop(on_resize);
                    let _ = el.remove_event_listener_with_callback(
                        "wheel",
                        on_wheel.as_ref().unchecked_ref(),
                    );
                }));
            }
            move || cleanup.into_iter().for_each(|f| f())
        });
    }

    // Keyboard focus follows the editor's focused node.
    {
        let host = host.clone();
        let focused = props.view.focused.clone();
        let had_focus = use_mut_ref(|| false);
        use_effect_with(focused, move |focused| {
            let had = std::mem::replace(&mut *had_focus.borrow_mut(), focused.is_some());
            let Some(el) = host.cast::<HtmlElement>() else {
                return;
            };
            match focused {
                Some(id) => {
                    let selector = format!("[data-node-id=\"{}\"]", css_escape(&id.0));
                    if let Ok(Some(node)) = el.query_selector(&selector) {
                        if let Ok(node) = node.dyn_into::<web_sys::SvgElement>() {
                            let _ = node.focus();
                        }
                    }
                }
                // The focused node went away (deleted, undone): keep the keyboard on the
                // canvas rather than dropping it on the page body.
                None if had => {
                    let lost = super::document()
                        .and_then(|d| d.active_element())
                        .is_none_or(|a| a.tag_name() == "BODY");
                    if lost {
                        let _ = el.focus();
                    }
                }
                None => {}
            }
        });
    }

    let pointer = |make: fn(Point, Button, Modifiers) -> InputEvent| {
        let host = host.clone();
        let on_input = on_input.clone();
        Callback::from(move |e: PointerEvent| {
            let screen = local_point(&host, &e);
            on_input.emit(make(screen, button_of(&e), mods_of_mouse(&e)));
        })
    };
    // Fingers on the canvas: one finger on empty canvas pans (a marquee is no use on a
    // phone), on a node drags it; two fingers pan and pinch-zoom.
    let touch = use_mut_ref(Touches::default);
    let onpointerdown = {
        let down = pointer(|screen, button, mods| InputEvent::PointerDown {
            screen,
            button,
            mods,
        });
        let host = host.clone();
        let on_input = on_input.clone();
        let touch = touch.clone();
        let scene = props.scene.clone();
        let view = props.view.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = host.cast::<Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            if e.button() == 1 {
                e.prevent_default();
            }
            if e.pointer_type() != "touch" {
                down.emit(e);
                return;
            }
            let screen = local_point(&host, &e);
            let mut t = touch.borrow_mut();
            t.fingers.insert(e.pointer_id(), screen);
            match t.fingers.len() {
                1 => {
                    let vp = view.viewport;
                    let hit = scene.hit(vp.screen_to_world(screen), vp.zoom, &view.handles_on());
                    t.panning = matches!(hit, Hit::Canvas);
                    t.pinched = false;
                    let button = if t.panning {
                        Button::Middle
                    } else {
                        Button::Primary
                    };
                    on_input.emit(InputEvent::PointerDown {
                        screen,
                        button,
                        mods: Modifiers::default(),
                    });
                }
                _ => {
                    // A second finger: whatever the first one started ends, the pinch begins.
                    if !t.pinched {
                        on_input.emit(InputEvent::PointerCancel);
                    }
                    t.pinched = true;
                    t.last = t.pair();
                }
            }
        })
    };
    let onpointermove = {
        let host = host.clone();
        let on_input = on_input.clone();
        let touch = touch.clone();
        Callback::from(move |e: PointerEvent| {
            let screen = local_point(&host, &e);
            if e.pointer_type() != "touch" {
                on_input.emit(InputEvent::PointerMove {
                    screen,
                    mods: mods_of_mouse(&e),
                });
                return;
            }
            let mut t = touch.borrow_mut();
            if !t.fingers.contains_key(&e.pointer_id()) {
                return;
            }
            t.fingers.insert(e.pointer_id(), screen);
            if !t.pinched {
                on_input.emit(InputEvent::PointerMove {
                    screen,
                    mods: Modifiers::default(),
                });
                return;
            }
            if let (Some((from, d0)), Some((to, d1))) = (t.last, t.pair()) {
                let scale = if d0 > 1.0 { d1 / d0 } else { 1.0 };
                on_input.emit(InputEvent::Pinch { from, to, scale });
                t.last = Some((to, d1));
            }
        })
    };
    let finger_up = |cancelled: bool| {
        let host = host.clone();
        let on_input = on_input.clone();
        let touch = touch.clone();
        Callback::from(move |e: PointerEvent| {
            let screen = local_point(&host, &e);
            if e.pointer_type() != "touch" {
                on_input.emit(if cancelled {
                    InputEvent::PointerCancel
                } else {
                    InputEvent::PointerUp {
                        screen,
                        button: button_of(&e),
                        mods: mods_of_mouse(&e),
                    }
                });
                return;
            }
            let mut t = touch.borrow_mut();
            if t.fingers.remove(&e.pointer_id()).is_none() {
                return;
            }
            if t.pinched {
                // The pinch ends when the last finger lifts; a finger left behind does not
                // start a drag halfway through.
                t.last = t.pair();
                return;
            }
            let button = if t.panning {
                Button::Middle
            } else {
                Button::Primary
            };
            on_input.emit(if cancelled {
                InputEvent::PointerCancel
            } else {
                InputEvent::PointerUp {
                    screen,
                    button,
                    mods: Modifiers::default(),
                }
            });
        })
    };
    let onpointerup = finger_up(false);
    let onpointercancel = finger_up(true);
    let onkeydown = {
        let on_input = on_input.clone();
        let scene = props.scene.clone();
        let focused = props.view.focused.clone();
        Callback::from(move |e: KeyboardEvent| {
            if is_text_field(&e) {
                return;
            }
            let key = e.key();
            if key == "Tab" {
                // Tab walks the nodes, and leaves the canvas after the last one (no trap).
                let order = scene.reading_order();
                let at_edge = if e.shift_key() {
                    focused.is_none() || order.first() == focused.as_ref()
                } else {
                    order.last() == focused.as_ref() || order.is_empty()
                };
                if at_edge {
                    return;
                }
            }
            if matches!(
                key.as_str(),
                "Tab" | "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Backspace" | " "
            ) || e.ctrl_key()
                || e.meta_key()
            {
                e.prevent_default();
            }
            on_input.emit(InputEvent::Key {
                key,
                mods: mods_of_mouse_kb(&e),
            });
        })
    };
    let oncontextmenu = Callback::from(|e: MouseEvent| e.prevent_default());
    let ondblclick = {
        let host = host.clone();
        let on_input = on_input.clone();
        Callback::from(move |e: MouseEvent| {
            on_input.emit(InputEvent::DoubleClick {
                screen: local_point(&host, &e),
            })
        })
    };

    let vp = props.view.viewport;
    let transform = format!(
        "scale({}) translate({} {})",
        vp.zoom, -vp.origin.x, -vp.origin.y
    );
    let handles = props.view.handles_on();
    let scene = &props.scene;
    let cursor = match &props.view.hover {
        Some(Hit::Handle(_)) => "crosshair",
        Some(Hit::Node(_)) | Some(Hit::FrameHeader(_)) => "grab",
        _ => "default",
    };
    let empty = scene.nodes.is_empty();
    // Marks of members of collapsed clusters land on the cluster's node.
    let reach_shown = props
        .reach
        .as_deref()
        .and_then(|r| r.shown_on(&props.scene));
    let reach = reach_shown.as_ref().or(props.reach.as_deref());
    // A large diagram draws what shows, and the nodes the keyboard, the inspector or a
    // played call is about wherever they are.
    let flow: Vec<&NodeId> = props
        .highlight
        .iter()
        .chain(props.failed.iter())
        .chain(props.failed_frame.iter().map(|(id, _)| id))
        .collect();
    let drawn = scene.to_draw(&props.view, &flow);
    let area = scene.draw_area(&vp);
    let nodes = || drawn.nodes.iter().filter_map(|i| scene.nodes.get(*i));
    html! {
        <section class="canvas" role="region" aria-label="Canvas" tabindex="0" ref={host}
                 aria-describedby="canvas-help"
                 {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown} {oncontextmenu} {ondblclick}
                 style={format!("cursor:{cursor}")}>
            <p id="canvas-help" class="sr-only">
                { "Tab moves between nodes, Enter opens the inspector, arrow keys nudge, Delete removes, Escape cancels. Enter or Space on a collapsed cluster (\"42 roles\") shows each one; C folds the focused node's kind in its account back into one. Letters add nodes: A account, U user, G group, R role, S service, I identity provider. 0 fits the diagram at a readable size, Shift+1 fits all of it. On a touch screen, drag the canvas with one finger and pinch with two to zoom." }
            </p>
            <svg aria-hidden={empty.then_some("true")}>
                <defs>
                    { for [EdgeKind::Trusts, EdgeKind::MemberOf, EdgeKind::RunsAs, EdgeKind::ResourceAccess, EdgeKind::ActsThrough].iter().map(|k| html! {
                        <marker id={format!("arrow-{}", edge_class(*k))} viewBox="0 0 10 10" refX="9" refY="5"
                                markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0 0L10 5L0 10z" class={classes!("arrowhead", edge_class(*k))} />
                        </marker>
                    }) }
                </defs>
                // In highlight mode every node and edge not lit is dimmed (`reach-on`).
                <g transform={transform} class={classes!(reach.is_some().then_some("reach-on"))}>
                    { for nodes().filter(|n| n.kind.is_frame()).map(|n| html! {
                        <FrameShape key={n.id.0.clone()} node={SceneItem(n.clone())}
                            selected={props.view.is_selected(&n.id)}
                            focused={props.view.focused.as_ref() == Some(&n.id)}
                            drop_target={props.overlay.drop_frame.as_ref() == Some(&n.id)}
                            refused={props.failed_frame.as_ref().filter(|(id, _)| *id == n.id).map(|(_, kind)| format!("an {kind} of its organization refused the call: {}", props.refusal.clone().unwrap_or_default()))} />
                    }) }
                    { for drawn.edges.iter().filter_map(|i| scene.edges.get(*i)).map(|e| html! {
                        <EdgeShape key={format!("{}>{}:{:?}", e.from.0, e.to.0, e.kind)} edge={SceneItem(e.clone())}
                            selected={props.view.selected_edge.as_ref() == Some(&e.id)}
                            travel={props.travel.contains(&e.id)}
                            reach={reach.and_then(|r| r.edges.get(&e.id).cloned())} />
                    }) }
                    { for nodes().filter(|n| !n.kind.is_frame()).map(|n| html! {
                        <NodeShape key={n.id.0.clone()} node={SceneItem(n.clone())}
                            selected={props.view.is_selected(&n.id)}
                            focused={props.view.focused.as_ref() == Some(&n.id)}
                            handle={handles.contains(&n.id)}
                            highlight={props.highlight.contains(&n.id)}
                            failed={(props.failed.as_ref() == Some(&n.id)).then(|| props.refusal.clone().unwrap_or_default())}
                            live={props.live.get(&n.id).copied().unwrap_or(0)}
                            reach={reach.and_then(|r| r.nodes.get(&n.id).copied())} />
                    }) }
                    // Outside the nodes' groups: a node is a button, and a button's children
                    // are not announced, so a timer inside it would be invisible to a screen
                    // reader. Their own component: they follow the clock, the canvas does not.
                    <SessionRings scene={props.scene.clone()} />
                    <g class="labels">{ for drawn.labels.iter().filter_map(|i| Some((*i, scene.labels.get(*i)?))).map(|(i, l)| label_shape(i, l, &props.live)) }</g>
                    { refusal_mark(scene, props.failed.as_ref(), props.failed_wears_timers, props.refusal.as_deref()) }
                    { frame_refusal_mark(scene, props.failed_frame.as_ref()) }
                    { reach.map(|r| super::reach::canvas_layer(scene, r, area)).unwrap_or_default() }
                    { super::reach::escalation_warnings(scene, &props.escalations, reach, area) }
                    { overlay(&props.overlay) }
                </g>
            </svg>
            if empty {
                <div class="canvas-hint">
                    <h2>{ "Build IAM with your hands" }</h2>
                    <p>{ "Add an account, put users, groups and roles in it, then drag from a node's handle to a role to trust it." }</p>
                </div>
            }
            if let Some(reason) = &props.overlay.preview_reason {
                <div class="canvas-reason" role="status">{ reason }</div>
            }
            <div class="zoom-badge" aria-live="off">{ format!("{:.0}%", vp.zoom * 100.0) }</div>
            <super::minimap::Minimap scene={props.scene.clone()} viewport={vp}
                dragging={matches!(props.view.tool, crate::doc::tool::Tool::DraggingNodes { .. })} />
        </section>
    }
}

fn mods_of_mouse_kb(e: &KeyboardEvent) -> Modifiers {
    Modifiers {
        shift: e.shift_key(),
        ctrl: e.ctrl_key(),
        meta: e.meta_key(),
        alt: e.alt_key(),
    }
}

fn is_text_field(e: &KeyboardEvent) -> bool {
    e.target_dyn_into::<Element>()
        .map(|el| {
            matches!(
                el.tag_name().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
            )
        })
        .unwrap_or(false)
}

fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The class that colours a kind's shapes (a cluster takes its members' colour); the
/// minimap colours its shapes with it too.
pub(super) fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Organization | NodeKind::Account => "k-account",
        NodeKind::User => "k-user",
        NodeKind::Group => "k-group",
        NodeKind::Role => "k-role",
        NodeKind::Service(_) => "k-service",
        NodeKind::IdentityProvider(_) => "k-idp",
        NodeKind::OutsideActor(_) => "k-outside",
        NodeKind::Resource(_) => "k-resource",
        NodeKind::Cluster(c) => kind_class(c.member_kind()),
    }
}

fn icon_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Organization | NodeKind::Account => "account",
        NodeKind::User => "user",
        NodeKind::Group => "group",
        NodeKind::Role => "role",
        NodeKind::Service(_) => "service",
        NodeKind::IdentityProvider(_) => "idp",
        NodeKind::OutsideActor(_) => "outside",
        NodeKind::Resource(_) => "resource",
        NodeKind::Cluster(c) => icon_name(c.member_kind()),
    }
}

fn edge_class(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Trusts => "trust",
        EdgeKind::MemberOf => "member",
        EdgeKind::RunsAs => "runs-as",
        EdgeKind::ResourceAccess => "access",
        EdgeKind::ActsThrough => "acts",
    }
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Info => "info",
        Tone::Warning => "warning",
        Tone::Error => "error",
    }
}

/// A node or edge of the scene as its shape receives it: one a drag did not touch is the
/// same pointer as before, and compares equal without reading its route, name and chips.
#[derive(Clone)]
struct SceneItem<T>(Rc<T>);

impl<T: PartialEq> PartialEq for SceneItem<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl<T> std::ops::Deref for SceneItem<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Properties, PartialEq)]
struct FrameProps {
    node: SceneItem<NodeView>,
    selected: bool,
    focused: bool,
    drop_target: bool,
    /// What says that an SCP or RCP of this account's organization refused the played call.
    refused: Option<String>,
}

#[component]
fn FrameShape(p: &FrameProps) -> Html {
    let r = p.node.rect;
    html! {
        <g class={classes!("node", "frame", kind_class(p.node.kind), p.selected.then_some("selected"), p.drop_target.then_some("drop-target"), p.refused.is_some().then_some("flow-fail"))}
           data-node-id={p.node.id.0.clone()} role="button" aria-label={p.node.label.clone()}
           aria-description={p.refused.clone()}
           aria-pressed={p.selected.to_string()} tabindex={if p.focused { "0" } else { "-1" }}
           transform={format!("translate({} {})", r.x, r.y)}>
            <rect class="focus-ring" x="-4" y="-4" width={(r.w + 8.0).to_string()} height={(r.h + 8.0).to_string()} rx="16" />
            <rect class="body" width={r.w.to_string()} height={r.h.to_string()} rx="14" />
            <g class="icon" transform="translate(14 10)">{ icons::kind("account") }</g>
            <text class="title" x="42" y="25">{ &p.node.label }</text>
            <text class="sub" x="42" y="42">{ &p.node.detail }</text>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    node: SceneItem<NodeView>,
    selected: bool,
    focused: bool,
    handle: bool,
    highlight: bool,
    /// Where a played call was refused: what refused it (empty when unknown).
    failed: Option<String>,
    /// Live role sessions of this role.
    live: usize,
    /// In highlight mode, the node's mark when it is lit; the rest are dimmed by the
    /// canvas's `reach-on` class, so asking or clearing redraws only the lit nodes.
    reach: Option<NodeMark>,
}

/// How a node badge looks: long-term credentials are amber, "none until assumed" dashed.
fn chip_class(b: &Badge) -> &'static str {
    let t = b.text.as_str();
    if b.tone != Tone::Info {
        "chip-warning"
    } else if t.contains("access key") || t == "console password" {
        "chip-long"
    } else if t.starts_with("no credentials") {
        "chip-none"
    } else if t.ends_with("live session") || t.ends_with("live sessions") {
        "chip-live"
    } else {
        "chip-info"
    }
}

/// The text a chip shows: a role someone has assumed holds live temporary credentials, so
/// "no credentials until assumed" gives way to how many sessions, until they expire. The
/// placed chip was sized for the longer text, so the swap never overlaps anything.
fn shown_text(b: &Badge, live: usize) -> String {
    if b.text.contains("access key") {
        // IAM user access keys are long-term: they work until deactivated or deleted.
        format!("{}{KEY_NEVER_EXPIRES}", b.text)
    } else if live > 0 && b.text.starts_with("no credentials until assumed") {
        match live {
            1 => "1 live session".to_string(),
            n => format!("{n} live sessions"),
        }
    } else {
        b.text.clone()
    }
}

/// A node chip or edge badge at the place the scene gave it; `at` is its place in the
/// scene's labels, its key (a pan adds and drops labels at the ends of the drawn list).
fn label_shape(at: usize, l: &LabelView, live: &BTreeMap<NodeId, usize>) -> Html {
    let r = l.rect;
    match &l.owner {
        LabelOwner::Node(id) => {
            let count = live.get(id).copied().unwrap_or(0);
            let text = shown_text(&l.badge, count);
            let shown = Badge {
                text: text.clone(),
                tone: l.badge.tone,
            };
            let w = chip_size(&shown).x.min(r.w);
            let key = text.contains("access key");
            html! {
                <g key={at} class={classes!("chip", chip_class(&shown))} transform={format!("translate({} {})", r.x, r.y)}>
                    <rect width={w.to_string()} height={r.h.to_string()} rx="9" />
                    if key {
                        <g transform="translate(5 3) scale(0.6)" class="chip-icon">{ icons::kind("key") }</g>
                    }
                    <text x={(if key { 19.0 } else { 6.0 }).to_string()} y="13">{ text }</text>
                </g>
            }
        }
        LabelOwner::Edge(_) => html! {
            <g key={at} class={classes!("badge", tone_class(l.badge.tone))} transform={format!("translate({} {})", r.x, r.y)}>
                <rect width={r.w.to_string()} height={r.h.to_string()} rx="9" />
                <text x={(r.w / 2.0).to_string()} y="13" text-anchor="middle">{ &l.badge.text }</text>
            </g>
        },
    }
}

/// The mark over the node where a played call was refused: AWS's error code and the check
/// that refused it, in red above the node (the node's description says it too).
fn refusal_mark(
    scene: &Scene,
    failed: Option<&NodeId>,
    top_taken: bool,
    refusal: Option<&str>,
) -> Html {
    let (Some(id), Some(text)) = (failed, refusal) else {
        return Html::default();
    };
    let Some(node) = scene.node(id) else {
        return Html::default();
    };
    // A tab across the node's border, within its width so it never reaches a neighbour: the
    // code and the check when they fit, else the code alone (the place says which check);
    // clear of the arrowheads that enter the node and of a session's name and rings.
    let r = node.rect;
    let full = format!("✕ {text}");
    let text = if tab_width(&full) <= r.w - 16.0 {
        full
    } else {
        format!("✕ {}", text.split(" · ").next().unwrap_or(text))
    };
    let at = scene
        .refusal_tab_spot(id, tab_width(&text), top_taken)
        .unwrap_or(crate::doc::geometry::Point::new(r.x + 8.0, r.y));
    refusal_tab(at.x, at.y, text)
}

/// The tab on the top border of the account frame an SCP refused the call in, at its left
/// end above the title, which is where a frame too big for the screen still shows (a phone,
/// a projector at a readable size): the frame itself is outlined in red.
fn frame_refusal_mark(scene: &Scene, frame: Option<&(NodeId, &'static str)>) -> Html {
    let Some((node, kind)) = frame.and_then(|(id, kind)| Some((scene.node(id)?, kind))) else {
        return Html::default();
    };
    refusal_tab(node.rect.x + 12.0, node.rect.y, format!("✕ {kind}"))
}

/// A refusal tab's width, measured a little wide: its text is bold.
fn tab_width(text: &str) -> f64 {
    crate::doc::geometry::text::text_width(text, 12.2) + 12.0
}

/// A red tab reading `text`, from `x` along a border at height `y`, across it.
fn refusal_tab(x: f64, y: f64, text: String) -> Html {
    let w = tab_width(&text);
    html! {
        <g class="refusal-mark" aria-hidden="true" pointer-events="none"
           transform={format!("translate({x} {})", y - 10.0)}>
            <rect width={w.to_string()} height="18" rx="5" />
            <text x="6" y="13">{ text }</text>
        </g>
    }
}

#[component]
fn NodeShape(p: &NodeProps) -> Html {
    let n = &p.node;
    let r = n.rect;
    let noun = n.kind.noun();
    let mut described: Vec<String> = n.badges.iter().map(|b| shown_text(b, p.live)).collect();
    described.extend(p.reach.map(|m| m.word().to_string()));
    // What the lit path shows the eye, said to a screen reader exploring the canvas.
    if p.highlight {
        described.push("part of the call on show".to_string());
    }
    described.extend(p.failed.as_ref().map(|why| match why.as_str() {
        "" => "refused the call here".to_string(),
        why => format!("refused the call here: {why}"),
    }));
    let reach_class = p.reach.is_some().then_some("reach-lit");
    // A collapsed cluster is a stack of cards, a button that expands it.
    let cluster = matches!(n.kind, NodeKind::Cluster(_));
    if cluster {
        described.insert(0, "activate to show each one".to_string());
    }
    html! {
        <g class={classes!("node", kind_class(n.kind), cluster.then_some("cluster"), p.selected.then_some("selected"),
                           p.highlight.then_some("flow-hl"), p.failed.is_some().then_some("flow-fail"), reach_class)}
           data-node-id={n.id.0.clone()} role="button" aria-label={n.label.clone()}
           aria-description={described.join(", ")}
           aria-expanded={cluster.then_some("false")}
           aria-pressed={(!cluster).then(|| p.selected.to_string())} tabindex={if p.focused { "0" } else { "-1" }}
           transform={format!("translate({} {})", r.x, r.y)}>
            <title>{ format!("{}\n{}", n.label, n.detail) }</title>
            <rect class="focus-ring" x="-4" y="-4" width={(r.w + 8.0).to_string()} height={(r.h + 8.0).to_string()} rx="13" />
            if cluster {
                <rect class="body stack" x="8" y="8" width={r.w.to_string()} height={r.h.to_string()} rx="10" />
                <rect class="body stack" x="4" y="4" width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            }
            <rect class="body" width={r.w.to_string()} height={r.h.to_string()} rx="10" />
            <g class="icon" transform="translate(12 18)">{ icons::kind(icon_name(n.kind)) }</g>
            <text x="40" y="22" class="sub">{ noun }</text>
            { for n.name_lines.iter().enumerate().map(|(i, line)| html! {
                <text x={TEXT_X.to_string()} y={(NAME_Y + NAME_LINE * i as f64).to_string()} class="name">{ line }</text>
            }) }
            if p.handle {
                <rect class="handle visible" x={(r.w - 7.0).to_string()} y={(r.h / 2.0 - 7.0).to_string()} width="14" height="14" rx="4">
                    <title>{ "Drag to connect" }</title>
                </rect>
            }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct EdgeProps {
    edge: SceneItem<EdgeView>,
    selected: bool,
    /// A played call travels this edge at its current step.
    travel: bool,
    /// In highlight mode, how the edge is lit when it is (the rest are dimmed by the
    /// canvas's `reach-on` class).
    reach: Option<EdgeMark>,
}

#[component]
fn EdgeShape(p: &EdgeProps) -> Html {
    let e = &p.edge;
    let d = polyline_path(&e.route.points);
    let class = edge_class(e.kind);
    let reach_class = p.reach.as_ref().map(|m| {
        if m.dashed {
            "reach-lit reach-dashed"
        } else {
            "reach-lit"
        }
    });
    html! {
        <g class={classes!("edge-group", p.selected.then_some("selected"), p.travel.then_some("flow-travel"), reach_class)} aria-label={e.label.clone()}>
            <title>{ &e.label }</title>
            <path class="edge-hit" d={d.clone()} />
            <path class={classes!("edge", class)} d={d} marker-end={format!("url(#arrow-{class})")} />
        </g>
    }
}

fn polyline_path(points: &[Point]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(&format!("{:.1} {:.1} ", p.x, p.y));
    }
    d
}

fn overlay(o: &Overlay) -> Html {
    let marquee = o.marquee.map(|m: Rect| {
        html! { <rect class="marquee" x={m.x.to_string()} y={m.y.to_string()} width={m.w.to_string()} height={m.h.to_string()} /> }
    });
    let preview = o.preview.as_ref().map(|(points, ok)| {
        html! { <path class={classes!("edge", "preview", (!ok).then_some("invalid"))} d={polyline_path(points)} /> }
    });
    html! {
        <g class="overlay" pointer-events="none">
            { for o.guides.iter().map(|g| match g.axis {
                GuideAxis::Vertical => html! { <line class="guide" x1={g.at.to_string()} x2={g.at.to_string()} y1={g.from.to_string()} y2={g.to.to_string()} /> },
                GuideAxis::Horizontal => html! { <line class="guide" y1={g.at.to_string()} y2={g.at.to_string()} x1={g.from.to_string()} x2={g.to.to_string()} /> },
            }) }
            { marquee }
            { preview }
        </g>
    }
}
