//! The editing tool as a state machine (tldraw's SelectTool): pointer and keyboard events in,
//! the next tool state and a list of [`Action`]s out. Pure, so editing is tested natively by
//! feeding event sequences.

mod drag;
pub mod keys;

use super::command::connect::edge_kind_for;
use super::command::Command;
use super::geometry::viewport::{Viewport, ZOOM_STEP};
use super::geometry::{frame_at, item_at, Guide, Point, Rect};
use super::scene::{ClusterKey, EdgeId, EdgeKind, Hit, NodeId, Scene};
use super::view::{Notice, ViewState};

/// Screen pixels the pointer must travel before a press becomes a drag, so a slightly shaky
/// click still selects instead of moving.
pub const DRAG_THRESHOLD: f64 = 3.0;

/// Which pointer button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Button {
    #[default]
    Primary,
    /// The wheel button: pans, as in every canvas app.
    Middle,
    Secondary,
}

/// Modifier keys held during an event. `ctrl` or `meta` is the command key (Cmd on macOS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub shift: bool,
    pub ctrl: bool,
    pub meta: bool,
    pub alt: bool,
}

impl Modifiers {
    /// Ctrl on Windows/Linux or Cmd on macOS.
    pub fn command(&self) -> bool {
        self.ctrl || self.meta
    }
}

/// What the UI feeds in. Positions are in screen pixels relative to the canvas element's
/// top-left corner; the tool converts them with the viewport.
#[derive(Debug, Clone, PartialEq)]
pub enum InputEvent {
    PointerDown {
        screen: Point,
        button: Button,
        mods: Modifiers,
    },
    PointerMove {
        screen: Point,
        mods: Modifiers,
    },
    PointerUp {
        screen: Point,
        button: Button,
        mods: Modifiers,
    },
    /// The pointer left the window or the browser cancelled it: like Escape for a drag.
    PointerCancel,
    /// `deltaY` > 0 scrolls down. With Ctrl/Cmd (and trackpad pinch, which browsers report as
    /// Ctrl+wheel) it zooms around the pointer.
    Wheel {
        screen: Point,
        dx: f64,
        dy: f64,
        mods: Modifiers,
    },
    /// `key` is `KeyboardEvent.key` as is ("Delete", "ArrowLeft", "z", "Z", "+").
    Key {
        key: String,
        mods: Modifiers,
    },
    /// A double click: opens the inspector of the node or frame under the pointer (where the
    /// name and policies are edited).
    DoubleClick {
        screen: Point,
    },
    /// Two fingers moved on a touch screen: their midpoint went from `from` to `to` (the
    /// content follows it) and their distance grew by `scale` (zoom around `to`).
    Pinch {
        from: Point,
        to: Point,
        scale: f64,
    },
    /// The canvas element changed size (screen pixels).
    Resize {
        width: f64,
        height: f64,
    },
}

/// The pointer tool's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Tool {
    #[default]
    Idle,
    /// Pressed on a node, not moved far enough yet to be a drag.
    Pointing {
        down_screen: Point,
        down_world: Point,
        target: NodeId,
        was_selected: bool,
    },
    /// Moving the selected nodes (and the contents of selected frames).
    DraggingNodes {
        down_world: Point,
        /// Where each moved node started (top-left), so every move is computed from the start
        /// and snapping never accumulates error.
        starts: Vec<(NodeId, Rect)>,
        guides: Vec<Guide>,
        /// The account frame under the pointer: the UI highlights it as the drop target.
        drop_frame: Option<NodeId>,
    },
    /// Sweeping a selection rectangle.
    Marquee {
        down_world: Point,
        at: Point,
        additive: bool,
        base: Vec<NodeId>,
    },
    /// Drawing an edge from a node's handle.
    Connecting {
        from: NodeId,
        at: Point,
        target: Option<NodeId>,
        verdict: Option<Result<EdgeKind, String>>,
    },
    /// Moving the camera.
    Panning { last_screen: Point },
}

/// What the editor must do as a result of an event. Document changes are only ever
/// [`Action::Apply`]; everything else is view state or history.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the document (one undo entry, or part of the open transaction).
    Apply(Command),
    /// Start one undo entry spanning several `Apply`s (pointer-down on a node).
    Begin(&'static str),
    /// Close it (pointer-up); nothing is recorded if nothing changed.
    Commit,
    /// Abandon it and restore the document as it was at `Begin` (Escape, invalid drop).
    Cancel,
    Undo,
    Redo,
    Select(Vec<NodeId>),
    SelectEdge(Option<EdgeId>),
    SetViewport(Viewport),
    Focus(Option<NodeId>),
    Hover(Option<Hit>),
    OpenInspector(Option<NodeId>),
    Notify(Notice),
}

/// The overlay the UI draws on top of the scene for the current tool.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlay {
    /// The marquee rectangle (world coordinates).
    pub marquee: Option<Rect>,
    /// The preview line while connecting, and whether releasing here would work.
    pub preview: Option<(Vec<Point>, bool)>,
    /// Why the preview target is refused, shown next to the pointer.
    pub preview_reason: Option<String>,
    pub guides: Vec<Guide>,
    /// The account frame a drag would drop into.
    pub drop_frame: Option<NodeId>,
}

impl Tool {
    /// Handles one event: the next state and what to do.
    pub fn handle(
        &self,
        event: &InputEvent,
        scene: &Scene,
        view: &ViewState,
    ) -> (Tool, Vec<Action>) {
        let vp = &view.viewport;
        match event {
            InputEvent::Key { key, mods } => keys::handle_key(self, key, *mods, scene, view),
            InputEvent::Wheel {
                screen,
                dx,
                dy,
                mods,
            } => (
                self.clone(),
                vec![Action::SetViewport(wheel(vp, *screen, *dx, *dy, *mods))],
            ),
            InputEvent::Pinch { from, to, scale } => {
                let panned = vp.panned_by_screen(*to - *from);
                let scale = if scale.is_finite() && *scale > 0.0 {
                    *scale
                } else {
                    1.0
                };
                (
                    self.clone(),
                    vec![Action::SetViewport(
                        panned.zoomed_at(*to, panned.zoom * scale),
                    )],
                )
            }
            InputEvent::Resize { width, height } => {
                let size = Point::new(*width, *height);
                let content = Rect::bounding(scene.nodes.iter().map(|n| &n.rect));
                (
                    self.clone(),
                    vec![Action::SetViewport(vp.resized_in(
                        size,
                        content,
                        view.readable,
                    ))],
                )
            }
            InputEvent::PointerCancel => self.cancel(view),
            InputEvent::DoubleClick { screen } => {
                let at = vp.screen_to_world(*screen);
                match scene.hit(at, vp.zoom, &[]) {
                    Hit::Node(id) | Hit::FrameHeader(id) => (
                        self.clone(),
                        vec![
                            Action::Select(vec![id.clone()]),
                            Action::Focus(Some(id.clone())),
                            Action::OpenInspector(Some(id)),
                        ],
                    ),
                    _ => (self.clone(), vec![]),
                }
            }
            InputEvent::PointerDown {
                screen,
                button,
                mods,
            } => match (self, button) {
                (_, Button::Middle) => (
                    Tool::Panning {
                        last_screen: *screen,
                    },
                    vec![],
                ),
                (Tool::Idle, Button::Primary) => {
                    press(vp.screen_to_world(*screen), *screen, *mods, scene, view)
                }
                _ => (self.clone(), vec![]),
            },
            InputEvent::PointerMove { screen, .. } => self.pointer_move(*screen, scene, view),
            InputEvent::PointerUp { screen, .. } => {
                self.release(vp.screen_to_world(*screen), scene, view)
            }
        }
    }

    /// Escape or a cancelled pointer: undo whatever is in progress.
    pub(crate) fn cancel(&self, view: &ViewState) -> (Tool, Vec<Action>) {
        match self {
            Tool::Idle => (Tool::Idle, vec![]),
            Tool::Pointing { .. } | Tool::DraggingNodes { .. } => {
                (Tool::Idle, vec![Action::Cancel])
            }
            Tool::Marquee { base, .. } => (Tool::Idle, vec![Action::Select(base.clone())]),
            Tool::Connecting { .. } | Tool::Panning { .. } => {
                let _ = view;
                (Tool::Idle, vec![])
            }
        }
    }

    fn pointer_move(&self, screen: Point, scene: &Scene, view: &ViewState) -> (Tool, Vec<Action>) {
        let vp = &view.viewport;
        let at = vp.screen_to_world(screen);
        match self {
            Tool::Idle => {
                let hit = scene.hit(at, vp.zoom, &view.handles_on());
                (Tool::Idle, vec![Action::Hover(Some(hit))])
            }
            Tool::Pointing {
                down_screen,
                down_world,
                ..
            } => {
                if screen.distance(*down_screen) < DRAG_THRESHOLD {
                    return (self.clone(), vec![]);
                }
                let starts = drag::drag_set(scene, &view.selection);
                let tool = Tool::DraggingNodes {
                    down_world: *down_world,
                    starts,
                    guides: vec![],
                    drop_frame: None,
                };
                tool.pointer_move(screen, scene, view)
            }
            Tool::DraggingNodes {
                down_world, starts, ..
            } => drag::drag_to(*down_world, starts, at, scene),
            Tool::Marquee {
                down_world,
                additive,
                base,
                ..
            } => {
                let rect = Rect::from_corners(*down_world, at);
                let mut sel = if *additive { base.clone() } else { vec![] };
                let all: Vec<(NodeId, Rect)> =
                    scene.nodes.iter().map(|n| (n.id.clone(), n.rect)).collect();
                for id in super::geometry::items_in_marquee(&rect, &all) {
                    if !sel.contains(&id) {
                        sel.push(id);
                    }
                }
                let tool = Tool::Marquee {
                    down_world: *down_world,
                    at,
                    additive: *additive,
                    base: base.clone(),
                };
                (tool, vec![Action::Select(sel)])
            }
            Tool::Connecting { from, .. } => {
                let target = connect_target(at, scene);
                let verdict = target.as_ref().and_then(|t| {
                    let (f, t) = (scene.node(from)?, scene.node(t)?);
                    Some(edge_kind_for(f.kind, t.kind))
                });
                (
                    Tool::Connecting {
                        from: from.clone(),
                        at,
                        target,
                        verdict,
                    },
                    vec![],
                )
            }
            Tool::Panning { last_screen } => {
                let moved = vp.panned_by_screen(screen - *last_screen);
                (
                    Tool::Panning {
                        last_screen: screen,
                    },
                    vec![Action::SetViewport(moved)],
                )
            }
        }
    }

    fn release(&self, at: Point, scene: &Scene, view: &ViewState) -> (Tool, Vec<Action>) {
        match self {
            Tool::Idle | Tool::Panning { .. } => (Tool::Idle, vec![]),
            Tool::Marquee { .. } => (Tool::Idle, vec![]),
            Tool::Pointing {
                target,
                was_selected,
                ..
            } => {
                let mut out = vec![Action::Commit];
                // A click on a collapsed cluster expands it: it is a button for its members.
                if let Some(cluster) = ClusterKey::from_node_id(target) {
                    out.push(Action::Apply(Command::SetClusterCollapsed {
                        cluster,
                        collapsed: false,
                    }));
                    return (Tool::Idle, out);
                }
                // A plain click on a node that was part of a multi-selection narrows to it.
                if *was_selected && view.selection.len() > 1 && view.selection.contains(target) {
                    out.push(Action::Select(vec![target.clone()]));
                }
                (Tool::Idle, out)
            }
            Tool::DraggingNodes { starts, .. } => (Tool::Idle, drag::drop_at(starts, at, scene)),
            Tool::Connecting {
                from,
                target,
                verdict,
                ..
            } => {
                let out = match (target, verdict) {
                    (Some(to), Some(Ok(kind))) => {
                        vec![Action::Apply(Command::Connect {
                            from: from.clone(),
                            to: to.clone(),
                            kind: *kind,
                        })]
                    }
                    (Some(_), Some(Err(why))) => vec![Action::Notify(Notice::error(why.clone()))],
                    _ => vec![],
                };
                (Tool::Idle, out)
            }
        }
    }

    /// What to draw over the scene for this state.
    pub fn overlay(&self, scene: &Scene) -> Overlay {
        match self {
            Tool::Marquee { down_world, at, .. } => Overlay {
                marquee: Some(Rect::from_corners(*down_world, *at)),
                ..Overlay::default()
            },
            Tool::DraggingNodes {
                guides, drop_frame, ..
            } => Overlay {
                guides: guides.clone(),
                drop_frame: drop_frame.clone(),
                ..Overlay::default()
            },
            Tool::Connecting {
                from,
                at,
                target,
                verdict,
            } => {
                let Some(f) = scene.node(from) else {
                    return Overlay::default();
                };
                let to_rect = target.as_ref().and_then(|t| scene.node(t)).map(|n| n.rect);
                let route = match to_rect {
                    Some(r) if target.as_ref() != Some(from) => {
                        super::geometry::route::route(&f.rect, &r, Default::default())
                    }
                    _ => super::geometry::route::route_to_point(&f.rect, *at),
                };
                let ok = matches!(verdict, Some(Ok(_)));
                let reason = match verdict {
                    Some(Err(why)) => Some(why.clone()),
                    _ => None,
                };
                Overlay {
                    preview: Some((route.points, ok)),
                    preview_reason: reason,
                    ..Overlay::default()
                }
            }
            _ => Overlay::default(),
        }
    }
}

/// Pointer pressed with the primary button while idle.
fn press(
    at: Point,
    screen: Point,
    mods: Modifiers,
    scene: &Scene,
    view: &ViewState,
) -> (Tool, Vec<Action>) {
    match scene.hit(at, view.viewport.zoom, &view.handles_on()) {
        Hit::Handle(from) => (
            Tool::Connecting {
                from,
                at,
                target: None,
                verdict: None,
            },
            vec![],
        ),
        Hit::Node(id) | Hit::FrameHeader(id) => {
            let was_selected = view.is_selected(&id);
            let mut out = vec![Action::SelectEdge(None), Action::Focus(Some(id.clone()))];
            if mods.shift {
                let mut sel = view.selection.clone();
                if was_selected {
                    sel.retain(|s| s != &id);
                    out.push(Action::Select(sel));
                    // Shift-click removed it: nothing to drag.
                    return (Tool::Idle, out);
                }
                sel.push(id.clone());
                out.push(Action::Select(sel));
            } else if !was_selected {
                out.push(Action::Select(vec![id.clone()]));
            }
            out.push(Action::Begin("Move"));
            (
                Tool::Pointing {
                    down_screen: screen,
                    down_world: at,
                    target: id,
                    was_selected,
                },
                out,
            )
        }
        Hit::Edge(e) => (
            Tool::Idle,
            vec![Action::Select(vec![]), Action::SelectEdge(Some(e))],
        ),
        Hit::Canvas => {
            let base = if mods.shift {
                view.selection.clone()
            } else {
                vec![]
            };
            let mut out = vec![Action::SelectEdge(None)];
            if !mods.shift {
                out.push(Action::Select(vec![]));
            }
            (
                Tool::Marquee {
                    down_world: at,
                    at,
                    additive: mods.shift,
                    base,
                },
                out,
            )
        }
    }
}

/// The node an edge being drawn would end on: a node under the pointer, else the account
/// frame around it (an account can be a trust principal or an outside actor's way in).
fn connect_target(at: Point, scene: &Scene) -> Option<NodeId> {
    item_at(at, &scene.plain_nodes()).or_else(|| frame_at(at, &scene.frames()))
}

/// A wheel event: zoom around the pointer with Ctrl/Cmd, otherwise pan (Shift pans sideways).
fn wheel(vp: &Viewport, screen: Point, dx: f64, dy: f64, mods: Modifiers) -> Viewport {
    if mods.command() {
        // One notch (100 px of deltaY) is one zoom step; trackpad pinches send small deltas.
        vp.zoomed_at(screen, vp.zoom * ZOOM_STEP.powf(-dy / 100.0))
    } else if mods.shift {
        vp.panned_by_screen(Point::new(-dy, -dx))
    } else {
        vp.panned_by_screen(Point::new(-dx, -dy))
    }
}

#[cfg(test)]
mod tests;
