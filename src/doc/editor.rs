//! The editor: a document, its view state and its history, driven by input events and
//! commands. The UI holds one `Editor`, feeds it events, and renders what it reads back.

use super::command::{Command, DocError};
use super::document::{Applied, Document};
use super::geometry::viewport::{Readable, Viewport, FIT_MARGIN};
use super::history::History;
use super::scene::{ClusterKey, NodeId, Scene};
use super::tool::{Action, InputEvent, Overlay, Tool};
use super::view::{Notice, ViewState};
use std::rc::Rc;

/// Screen pixels kept between a revealed node and the canvas's edge: the fitting margin, where
/// notices and the zoom badge sit, or [`REVEAL_MARGIN_SHARE`] of the canvas's shorter side
/// where that is less (a phone, a small embed), so a step's caller and role standing side by
/// side still show together there.
const REVEAL_MARGIN: f64 = FIT_MARGIN;
const REVEAL_MARGIN_SHARE: f64 = 0.06;

/// Document + view + history. Every change to the document goes through [`Editor::handle`]
/// (pointer and keyboard) or [`Editor::apply`] (inspector panels, menus).
#[derive(Debug, Clone, PartialEq)]
pub struct Editor {
    doc: Document,
    pub view: ViewState,
    history: History<Document>,
    /// The scene of `doc`, derived once per document change (hover and hit tests between
    /// changes reuse it; a 300-node scene costs about a millisecond to derive).
    /// Shared with the UI's snapshot, so publishing it after a move copies nothing more.
    scene: Rc<Scene>,
    /// What the last recorded command edited, when typing into it should extend that undo
    /// entry rather than add one per keystroke (a policy edited character by character).
    typing: Option<String>,
    /// True while `scene` was brought up to date by moves of a drag rather than derived
    /// afresh (its chips may sit where a fresh placement would not put them); the drag's
    /// end derives it again.
    provisional: bool,
    /// Whether the canvas has reported its size: until then the view was fitted at a
    /// placeholder size (a desk's), see [`Editor::handle`].
    sized: bool,
    /// What the last reveal brought into view (a guided step's nodes, a call's path), kept
    /// there when the canvas changes size (a longer caption takes height from it) until the
    /// person moves the view themselves.
    revealed: Vec<NodeId>,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new(Document::empty())
    }
}

impl Editor {
    /// An editor over `doc` with empty history.
    pub fn new(doc: Document) -> Self {
        let scene = Rc::new(doc.scene());
        Editor {
            doc,
            view: ViewState::default(),
            history: History::new(),
            scene,
            typing: None,
            provisional: false,
            sized: false,
            revealed: Vec::new(),
        }
    }

    /// The document (read-only: change it with commands).
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Replaces the document (open a file, load the example): history starts over.
    pub fn load(&mut self, doc: Document) {
        self.typing = None;
        self.doc = doc;
        self.refresh();
        self.history = History::new();
        // The stage stays what it was: a scenario opened on a projector fits a projector's way.
        let (viewport, readable) = (self.view.viewport, self.view.readable);
        self.view = ViewState {
            viewport,
            readable,
            ..ViewState::default()
        };
        self.fit();
    }

    /// What the canvas shows now (a copy; see [`Editor::scene_ref`]).
    pub fn scene(&self) -> Scene {
        (*self.scene).clone()
    }

    /// What the canvas shows now, without copying.
    pub fn scene_ref(&self) -> &Scene {
        &self.scene
    }

    /// What the canvas shows now, as a handle the caller may keep: the same pointer until
    /// the next change, so a snapshot of it costs no copy.
    pub fn scene_shared(&self) -> Rc<Scene> {
        self.scene.clone()
    }

    /// Re-derives the scene after the document changed.
    fn refresh(&mut self) {
        self.scene = Rc::new(self.doc.scene());
        self.provisional = false;
    }

    /// Re-derives the scene after `cmd` changed the document: inside a drag, a move only
    /// puts the moved nodes in their new places (see [`Document::scene_after_move`]).
    fn refresh_after(&mut self, cmd: &Command) {
        match cmd {
            // A small drawing derives in well under a frame: it stays exactly the fresh scene.
            Command::MoveNodes { moves }
                if self.history.in_transaction() && self.scene.is_costly() =>
            {
                let ids: Vec<NodeId> = moves.iter().map(|(id, _)| id.clone()).collect();
                self.scene = Rc::new(self.doc.scene_after_move(&self.scene, &ids));
                self.provisional = true;
            }
            _ => self.refresh(),
        }
    }

    /// What the current tool draws over the scene (marquee, connection preview, guides).
    pub fn overlay(&self) -> Overlay {
        self.view.tool.overlay(&self.scene)
    }

    /// Replaces the document as one undoable step (New, Open file, a scenario, a share
    /// link): nothing the person had is lost, Undo brings it back.
    pub fn replace(&mut self, doc: Document, label: &str) {
        self.typing = None;
        let before = std::mem::replace(&mut self.doc, doc);
        self.refresh();
        if before != self.doc {
            self.history.record(label.to_string(), before);
        }
        let (viewport, readable) = (self.view.viewport, self.view.readable);
        self.view = ViewState {
            viewport,
            readable,
            ..ViewState::default()
        };
        self.fit();
    }

    /// Fits the document in view at a readable size: all of it when names stay at least
    /// 12 px tall, else its start (the person pans; "fit all" shows everything). Where that
    /// start is only an account frame's empty corner, the start of its nodes instead.
    pub fn fit(&mut self) {
        use super::geometry::Rect;
        self.revealed.clear();
        let content = Rect::bounding(self.scene.nodes.iter().map(|n| &n.rect));
        let readable = self.view.readable;
        let view = self.view.viewport.fit_readable_in(content, None, readable);
        let visible = view.visible_world();
        let mut nodes = self.scene.nodes.iter().filter(|n| !n.kind.is_frame());
        let shows_a_node = nodes.clone().next().is_none()
            || nodes.clone().any(|n| visible.contains(n.rect.center()));
        self.view.viewport = if shows_a_node {
            view
        } else {
            let nodes_only = Rect::bounding(nodes.by_ref().map(|n| &n.rect));
            self.view
                .viewport
                .fit_readable_in(nodes_only, None, readable)
        };
    }

    /// Sets how large fitting may draw the diagram (entering or leaving a projector) and
    /// fits again at those sizes.
    pub fn set_readable(&mut self, readable: Readable) {
        self.view.readable = readable;
        // A presenter entering the projector view mid-story sees the call on show.
        self.fit_keeping_revealed();
    }

    /// Fits, then brings what was last revealed back into view: the page's own refits (its
    /// first real size, the projector's sizes) keep what a step is about in sight, where
    /// the person's "Fit to view" shows the diagram.
    fn fit_keeping_revealed(&mut self) {
        let revealed = std::mem::take(&mut self.revealed);
        self.fit();
        self.revealed = revealed;
        self.bring_in_revealed();
    }

    /// Brings the nodes `ids` into view, the ones a guided step or a call is about, the most
    /// important first (the role that now holds a countdown): nothing moves when they all
    /// show already; else the view centres them at the current zoom when they fit there, or
    /// else as many of them as fit, taken in order (an instance and the role it calls as,
    /// when the bucket beyond them does not fit a phone too). A node comes with its chips
    /// ("has access keys · never expires"), which say what a step is about as much as its
    /// name does, where they fit too; more nodes whole come before their chips. Unknown ids
    /// and frames are skipped.
    pub fn reveal_nodes(&mut self, ids: &[NodeId]) {
        self.revealed = ids.to_vec();
        self.bring_in_revealed();
    }

    /// Moves the view where the person put it (the minimap, the zoom buttons): nothing is
    /// brought back into view over it until the next reveal.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        self.view.viewport = viewport;
        self.revealed.clear();
    }

    /// [`Editor::reveal_nodes`] for what was last revealed.
    fn bring_in_revealed(&mut self) {
        use super::geometry::Rect;
        use super::scene::LabelOwner;
        let nodes: Vec<(Rect, Rect)> = self
            .revealed
            .iter()
            .filter_map(|id| self.scene.node(id))
            .filter(|n| !n.kind.is_frame())
            .map(|n| {
                let chips = self.scene.labels.iter().filter_map(|l| match &l.owner {
                    LabelOwner::Node(owner) if *owner == n.id => Some(&l.rect),
                    _ => None,
                });
                let with_chips = Rect::bounding(std::iter::once(&n.rect).chain(chips));
                (n.rect, with_chips.unwrap_or(n.rect))
            })
            .collect();
        let Some((first, _)) = nodes.first() else {
            return;
        };
        for n in (1..=nodes.len()).rev() {
            for chips in [true, false] {
                let rects = nodes.iter().take(n).map(|(r, c)| if chips { c } else { r });
                let Some(wanted) = Rect::bounding(rects) else {
                    continue;
                };
                if let Some(view) = self.showing(&wanted) {
                    if view != self.view.viewport {
                        self.view.viewport = view;
                        self.unclip_frame_title();
                    }
                    return;
                }
            }
        }
        self.view.viewport =
            self.view
                .viewport
                .fit_readable_in(Some(*first), None, self.view.readable);
    }

    /// A view the page moved (a resize kept its centre, a reveal centred a step) can leave an
    /// account frame's title bar half above the canvas's top edge, its name cut through: the
    /// view moves down to show the title whole, when what was revealed still shows.
    fn unclip_frame_title(&mut self) {
        use super::geometry::layout::FRAME_HEADER;
        use super::geometry::Rect;
        let visible = self.view.viewport.visible_world();
        let Some(lift) = self
            .scene
            .nodes
            .iter()
            .filter(|n| n.kind.is_frame())
            .map(|f| Rect::new(f.rect.x, f.rect.y, f.rect.w, FRAME_HEADER.min(f.rect.h)))
            .filter(|t| t.y < visible.y && t.bottom() > visible.y && t.intersects(&visible))
            .map(|t| visible.y - t.y)
            .reduce(f64::max)
        else {
            return;
        };
        let mut moved = self.view.viewport;
        moved.origin.y -= lift;
        let shown = moved.visible_world();
        // Every revealed node that showed still shows.
        let keeps = self
            .revealed
            .iter()
            .filter_map(|id| self.scene.node(id))
            .all(|n| !visible.contains_rect(&n.rect) || shown.contains_rect(&n.rect));
        if keeps {
            self.view.viewport = moved;
        }
    }

    /// A view showing `wanted` inside the reveal margin at the current zoom: the current
    /// view when it already does, else one centred on it; `None` when it is too big.
    fn showing(&self, wanted: &super::geometry::Rect) -> Option<Viewport> {
        let vp = self.view.viewport;
        let margin = REVEAL_MARGIN.min(REVEAL_MARGIN_SHARE * vp.size.x.min(vp.size.y)) / vp.zoom;
        if vp.visible_world().inflate(-margin).contains_rect(wanted) {
            return Some(vp);
        }
        let fits = (wanted.w + 2.0 * margin) * vp.zoom <= vp.size.x
            && (wanted.h + 2.0 * margin) * vp.zoom <= vp.size.y;
        (fits && vp.zoom >= self.view.readable.min_zoom).then(|| Viewport {
            origin: wanted.center() - vp.size.scale(0.5 / vp.zoom),
            ..vp
        })
    }

    /// Feeds one input event. Returns whether it was used, so the UI can call
    /// `preventDefault` (Tab, Ctrl+D, Ctrl+A and friends) only when it was.
    pub fn handle(&mut self, event: &InputEvent) -> bool {
        // The canvas's first size replaces the placeholder the view was fitted at before the
        // page was laid out: fit again at the real size, so a phone or an embed opens where
        // `fit` opens it (the whole diagram, or its start), not on the middle of a view
        // fitted for a desk. Later sizes (a panel opening) keep what the person sees.
        if let InputEvent::Resize { width, height } = event {
            if !self.sized && *width > 0.0 && *height > 0.0 {
                self.sized = true;
                self.view.viewport.size = super::geometry::Point::new(*width, *height);
                self.fit_keeping_revealed();
                return true;
            }
        }
        if let InputEvent::PointerDown { screen, .. } | InputEvent::PointerMove { screen, .. } =
            event
        {
            // Where a pressed shortcut letter (`U`) adds its node.
            self.view.pointer = Some(self.view.viewport.screen_to_world(*screen));
        }
        let before_tool = self.view.tool.clone();
        let before_view = self.view.viewport;
        let (next, actions) = self.view.tool.handle(event, &self.scene, &self.view);
        self.view.tool = next;
        let used = !actions.is_empty() || self.view.tool != before_tool;
        let before_focus = self.view.focused.clone();
        for a in actions {
            self.run(a);
        }
        // A canvas that changed size keeps what was last revealed in view (the caption of the
        // next step is longer and takes height from the canvas after the step moved the
        // view); a view the person moved is theirs, and nothing is brought back into it.
        if matches!(event, InputEvent::Resize { .. }) {
            self.bring_in_revealed();
            self.unclip_frame_title();
        } else if self.view.viewport != before_view {
            self.revealed.clear();
        }
        // Tab walks every node, also those outside the view (a large diagram draws only what
        // shows, and the focused node wherever it is): the view follows the keyboard there.
        if matches!(event, InputEvent::Key { .. }) && self.view.focused != before_focus {
            if let Some(id) = self.view.focused.clone() {
                self.reveal_nodes(&[id]);
            }
        }
        used
    }

    /// Applies a command as its own undo entry (or inside the open transaction). Errors are
    /// also shown as the notice, so callers may ignore the result.
    pub fn apply(&mut self, cmd: Command) -> Result<Applied, DocError> {
        let typing = typing_target(&cmd);
        let extends_typing = typing.is_some() && typing == self.typing;
        let before = if self.history.in_transaction() || extends_typing {
            None
        } else {
            Some(self.doc.clone())
        };
        match self.doc.apply(&cmd) {
            Ok(applied) => {
                self.refresh_after(&cmd);
                if let Some(before) = before {
                    if before != self.doc {
                        self.history.record(cmd.label(), before);
                    }
                }
                self.typing = typing;
                if !applied.created.is_empty() {
                    self.view.selection = applied.created.clone();
                    self.view.focused = applied.created.first().cloned();
                }
                self.view.notice = applied.notice.clone().map(Notice::info);
                if let Command::SetClusterCollapsed { cluster, collapsed } = &cmd {
                    self.follow_cluster(cluster, *collapsed);
                }
                if !matches!(cmd, Command::MoveNodes { .. }) {
                    // A move removes nothing; this walks every node.
                    self.prune_view();
                }
                Ok(applied)
            }
            Err(e) => {
                // A refused step inside a drag abandons the whole drag: half a drop is worse
                // than none.
                if let Some(restored) = self.history.cancel() {
                    self.doc = restored;
                    self.refresh();
                    self.view.tool = Tool::Idle;
                }
                self.view.notice = Some(Notice::error(e.to_string()));
                Err(e)
            }
        }
    }

    /// Steps back one intent.
    pub fn undo(&mut self) {
        self.typing = None;
        if let Some(d) = self.history.undo(&self.doc) {
            self.doc = d;
            self.refresh();
            self.prune_view();
        }
    }

    /// Steps forward again.
    pub fn redo(&mut self) {
        self.typing = None;
        if let Some(d) = self.history.redo(&self.doc) {
            self.doc = d;
            self.refresh();
            self.prune_view();
        }
    }

    /// What the Undo button would undo ("Move", "Connect"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    /// What the Redo button would redo, if anything.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Clears the notice (the person dismissed it).
    pub fn dismiss_notice(&mut self) {
        self.view.notice = None;
    }

    fn run(&mut self, action: Action) {
        match action {
            Action::Apply(cmd) => {
                let _ = self.apply(cmd);
            }
            Action::Begin(label) => self.history.begin(label, &self.doc),
            Action::Commit => {
                self.history.commit(&self.doc);
                if self.provisional {
                    self.refresh();
                }
            }
            Action::Cancel => {
                if let Some(d) = self.history.cancel() {
                    self.doc = d;
                    self.refresh();
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Select(ids) => self.view.selection = ids,
            Action::SelectEdge(e) => self.view.selected_edge = e,
            Action::SetViewport(v) => self.view.viewport = v,
            Action::Focus(f) => self.view.focused = f,
            Action::Hover(h) => self.view.hover = h,
            Action::OpenInspector(i) => self.view.inspector = i,
            Action::Notify(n) => self.view.notice = Some(n),
        }
    }

    /// Keeps the keyboard where the person was after a cluster was toggled: on the collapsed
    /// cluster's node, or on the first of the members an expanded one shows (the view
    /// follows it there), so Tab goes on from the same place.
    fn follow_cluster(&mut self, cluster: &ClusterKey, collapsed: bool) {
        let node = cluster.node_id();
        let was_on = |id: &NodeId| *id == node || self.doc.cluster_of(id).as_ref() == Some(cluster);
        let focused_here = self.view.focused.as_ref().is_some_and(was_on);
        let selected_here = self.view.selection.iter().any(was_on);
        if !(focused_here || selected_here) {
            return;
        }
        let to = if collapsed {
            Some(node)
        } else {
            self.scene
                .reading_order()
                .into_iter()
                .find(|id| self.doc.cluster_of(id).as_ref() == Some(cluster))
        };
        self.view.selection = to.iter().cloned().collect();
        self.view.focused = to.clone();
        if let Some(id) = to {
            self.reveal_nodes(&[id]);
        }
    }

    /// Forgets selection, focus and inspector entries for nodes that are no longer drawn
    /// (deleted, or folded into a collapsed cluster).
    fn prune_view(&mut self) {
        let live: std::collections::HashSet<NodeId> =
            self.scene.nodes.iter().map(|n| n.id.clone()).collect();
        self.view.selection.retain(|id| live.contains(id));
        if self
            .view
            .focused
            .as_ref()
            .is_some_and(|f| !live.contains(f))
        {
            self.view.focused = None;
        }
        if self
            .view
            .inspector
            .as_ref()
            .is_some_and(|f| !live.contains(f))
        {
            self.view.inspector = None;
        }
        if let Some(e) = &self.view.selected_edge {
            if self.scene.edge(e).is_none() {
                self.view.selected_edge = None;
            }
        }
    }
}

/// Commands that arrive once per keystroke while someone types into one field: consecutive
/// ones for the same target make one undo step (Excalidraw and tldraw do the same for text).
fn typing_target(cmd: &Command) -> Option<String> {
    match cmd {
        Command::SetPolicyText { id, slot, .. } => Some(format!("policy {} {slot:?}", id.0)),
        Command::SetTitle { .. } => Some("title".into()),
        Command::SetDescription { .. } => Some("description".into()),
        _ => None,
    }
}
