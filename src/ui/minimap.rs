//! The minimap in a corner of the canvas: the whole diagram small, the view outlined; a
//! click or drag on it moves the view there. The geometry is `doc::geometry::minimap`.

use super::canvas::kind_class;
use super::editor_store::{EditorAction, EditorStore};
use crate::doc::geometry::minimap::{self, Corner, Minimap as Map};
use crate::doc::geometry::viewport::Viewport;
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::Scene;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

thread_local! {
    /// The person's choice ("Hide minimap", "Show minimap") for the rest of the page's
    /// session; `None` until they make one, and then each stage has its default.
    static CHOSEN: Cell<Option<bool>> = const { Cell::new(None) };
}

/// What the canvas hands the minimap.
#[derive(Properties, Clone)]
pub struct MinimapProps {
    pub scene: Rc<Scene>,
    pub viewport: Viewport,
    /// Nodes are being dragged: the map keeps its last drawing until the drop (a thousand
    /// shapes redrawn on every move would slow the drag).
    pub dragging: bool,
}

impl PartialEq for MinimapProps {
    /// The scene by pointer, as the canvas compares it.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && self.viewport == other.viewport
            && self.dragging == other.dragging
    }
}

/// The minimap, mounted by the canvas; it moves the view through the editor store.
#[component]
pub fn Minimap(props: &MinimapProps) -> Html {
    let store = use_context::<EditorStore>();
    let on_view = use_callback(store.map(|s| s.dispatcher()), |v: Viewport, dispatcher| {
        if let Some(d) = dispatcher {
            d.dispatch(EditorAction::SetViewport(v));
        }
    });
    let p = props.clone();
    html! { <MinimapView scene={p.scene} viewport={p.viewport} dragging={p.dragging} {on_view} /> }
}

#[derive(Properties, Clone)]
struct ViewProps {
    scene: Rc<Scene>,
    viewport: Viewport,
    dragging: bool,
    on_view: Callback<Viewport>,
}

impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && self.viewport == other.viewport
            && self.dragging == other.dragging
            && self.on_view == other.on_view
    }
}

/// A drawing of the scene on a map: one path per kind, the frames apart.
struct Drawing {
    scene: Rc<Scene>,
    /// The box the map was fitted into: another canvas size draws anew.
    max: Point,
    map: Map,
    frames: String,
    kinds: BTreeMap<&'static str, String>,
    /// False while the map is hidden: its paths are built when it is shown.
    drawn: bool,
}

impl Drawing {
    fn new(scene: Rc<Scene>, max: Point, map: Map, draw: bool) -> Drawing {
        if !draw {
            return Drawing {
                scene,
                max,
                map,
                frames: String::new(),
                kinds: BTreeMap::new(),
                drawn: false,
            };
        }
        let mut frames = map.paths(
            scene
                .nodes
                .iter()
                .filter(|n| n.kind.is_frame())
                .map(|n| ((), n.rect)),
        );
        let kinds = map.paths(
            scene
                .nodes
                .iter()
                .filter(|n| !n.kind.is_frame())
                .map(|n| (kind_class(n.kind), n.rect)),
        );
        Drawing {
            frames: frames.remove(&()).unwrap_or_default(),
            scene,
            max,
            map,
            kinds,
            drawn: true,
        }
    }
}

#[component]
fn MinimapView(props: &ViewProps) -> Html {
    let chosen = use_state(|| CHOSEN.with(Cell::get));
    let drawing = use_mut_ref(|| None::<Rc<Drawing>>);
    let pressed = use_mut_ref(|| false);
    let kept_corner = use_mut_ref(|| Corner::TopRight);
    let svg = use_node_ref();
    let vp = props.viewport;
    let content = Rect::bounding(props.scene.nodes.iter().map(|n| &n.rect));
    let kept = drawing.borrow().clone();
    let max = minimap::max_box(vp.size);
    let shown = chosen.unwrap_or_else(|| minimap::shown_by_default(vp.size));
    // Not offered (the diagram shows whole), nothing is drawn at all.
    if !props.dragging && !minimap::offered(content, &vp) {
        return Html::default();
    }
    // While nodes are dragged the map stays as it was; it follows the drop.
    let drawing = match kept {
        Some(d)
            if props.dragging
                || Rc::ptr_eq(&d.scene, &props.scene) && d.max == max && (d.drawn || !shown) =>
        {
            d
        }
        _ => {
            let Some(map) = content.and_then(|c| Map::new(c, max)) else {
                return Html::default();
            };
            let fresh = Rc::new(Drawing::new(props.scene.clone(), max, map, shown));
            *drawing.borrow_mut() = Some(fresh.clone());
            fresh
        }
    };
    let toggle = {
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            CHOSEN.with(|c| c.set(Some(!shown)));
            chosen.set(Some(!shown));
        })
    };
    let map = drawing.map;
    // The corner: where the map (or, hidden, its button) covers no node's centre if it can.
    let taken = if shown {
        Point::new(map.size.x, map.size.y + 30.0)
    } else {
        Point::new(110.0, 28.0)
    };
    let centres = props
        .scene
        .nodes
        .iter()
        .filter(|n| !n.kind.is_frame())
        .map(|n| n.rect.center());
    // Never moved from under the pointer while the map is being dragged.
    let corner = if *pressed.borrow() {
        *kept_corner.borrow()
    } else {
        minimap::corner(
            vp.size,
            taken,
            centres.clone().map(|c| vp.world_to_screen(c)),
        )
    };
    *kept_corner.borrow_mut() = corner;
    let (seen, all) = minimap::shown_of(&vp, centres);
    // Yew hands events over from the page's root, so the map's own element comes from its
    // ref, not from the event. Map pixels start inside its border.
    let move_to = {
        let on_view = props.on_view.clone();
        let svg = svg.clone();
        move |e: &PointerEvent| {
            let at = svg.cast::<Element>().map_or(Point::new(0.0, 0.0), |el| {
                let r = el.get_bounding_client_rect();
                Point::new(
                    f64::from(e.client_x()) - r.left() - f64::from(el.client_left()),
                    f64::from(e.client_y()) - r.top() - f64::from(el.client_top()),
                )
            });
            on_view.emit(map.centred_at(&vp, at));
        }
    };
    let onpointerdown = {
        let pressed = pressed.clone();
        let svg = svg.clone();
        let move_to = move_to.clone();
        Callback::from(move |e: PointerEvent| {
            // The canvas below would start a marquee or a pan.
            e.stop_propagation();
            e.prevent_default();
            if let Some(el) = svg.cast::<Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *pressed.borrow_mut() = true;
            move_to(&e);
        })
    };
    let onpointermove = {
        let pressed = pressed.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            if *pressed.borrow() {
                move_to(&e);
            }
        })
    };
    let release = {
        let pressed = pressed.clone();
        Callback::from(move |e: PointerEvent| {
            e.stop_propagation();
            *pressed.borrow_mut() = false;
        })
    };
    let swallow = Callback::from(|e: MouseEvent| {
        e.stop_propagation();
        e.prevent_default();
    });
    let view = map.view_rect(&vp);
    // The canvas below would take a press on the button as the start of a pan, and capture
    // the pointer so the click never reached the button.
    let keep = Callback::from(|e: PointerEvent| e.stop_propagation());
    html! {
        <div class={classes!("minimap", (corner == Corner::TopLeft).then_some("top-left"))}
             onpointerdown={keep.clone()} onpointerup={keep.clone()} onpointermove={keep}
             ondblclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
            if shown {
                <svg ref={svg} role="img" aria-label={minimap::describe(seen, all)}
                     viewBox={format!("0 0 {:.1} {:.1}", map.size.x, map.size.y)}
                     style={format!("width:{:.1}px;height:{:.1}px", map.size.x, map.size.y)}
                     {onpointerdown} {onpointermove} onpointerup={release.clone()} onpointercancel={release}
                     ondblclick={swallow.clone()} oncontextmenu={swallow}>
                    <path class="minimap-frames" d={drawing.frames.clone()} />
                    { for drawing.kinds.iter().map(|(kind, d)| html! {
                        <path class={classes!("minimap-nodes", *kind)} d={d.clone()} />
                    }) }
                    <rect class="minimap-view" x={format!("{:.1}", view.x)} y={format!("{:.1}", view.y)}
                          width={format!("{:.1}", view.w)} height={format!("{:.1}", view.h)} />
                </svg>
            }
            <button class="btn minimap-toggle" onclick={toggle}>
                { if shown { "Hide minimap" } else { "Show minimap" } }
            </button>
        </div>
    }
}
