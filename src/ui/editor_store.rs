//! The document store: one reducer over `doc::editor::Editor` (document, view state, undo
//! history). All editing logic lives in the pure editor; this only hands it events and
//! publishes what changed, so components re-render only for what they show.

use crate::doc::command::Command;
use crate::doc::document::Document;
use crate::doc::editor::Editor;
use crate::doc::geometry::viewport::{Readable, Viewport};
use crate::doc::scene::{NodeId, Scene};
use crate::doc::tool::{InputEvent, Overlay};
use crate::doc::view::{Notice, ViewState};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Snapshot of the editor for rendering. The editor itself is shared and mutated in place
/// (its undo history holds whole documents; copying it on every pointer move would be waste).
pub struct EditorState {
    editor: Rc<RefCell<Editor>>,
    pub doc: Rc<Document>,
    /// Derived from `doc`; recomputed only when the document changes.
    pub scene: Rc<Scene>,
    pub view: Rc<ViewState>,
    pub overlay: Rc<Overlay>,
    pub undo_label: Option<String>,
    pub redo_label: Option<String>,
    /// Bumped on every document change, so effects (autosave) can depend on it cheaply.
    pub revision: u64,
    /// Bumped when the document changes other than where things sit: a drag leaves it be,
    /// so [`ContentStore`] readers (names, policies, connections) do not redraw per move.
    pub content: u64,
    /// Bumped when another document replaces the open one (`Load`), so the simulation can
    /// start clean rather than carry the previous world's credentials over.
    pub loads: u64,
}

impl PartialEq for EditorState {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && Rc::ptr_eq(&self.view, &other.view)
            && Rc::ptr_eq(&self.overlay, &other.overlay)
    }
}

/// What components dispatch.
#[derive(Debug, Clone)]
pub enum EditorAction {
    /// A pointer, wheel or key event on the canvas.
    Input(InputEvent),
    /// A change made from the inspector or a toolbar button: one undo entry.
    Command(Command),
    Undo,
    Redo,
    /// Replace the document (open a file, a share link, a scenario, New) as one undo step.
    Load(Box<Document>),
    Notify(Notice),
    DismissNotice,
    /// Select a node and bring it into view (a search result); not an undo entry.
    Reveal(NodeId),
    /// Bring nodes into view without selecting them (what a guided step is about).
    RevealNodes(Vec<NodeId>),
    /// How large fitting may draw the diagram on this stage; fits again.
    SetReadable(Readable),
    /// Move the camera to this view (a click or drag on the minimap); not an undo entry.
    SetViewport(Viewport),
}

impl EditorState {
    /// A store over `doc`, fitted to the view once the canvas reports its size.
    pub fn new(doc: Document) -> Self {
        let editor = Editor::new(doc);
        Self::snapshot(Rc::new(RefCell::new(editor)), None, 0)
    }

    fn snapshot(editor: Rc<RefCell<Editor>>, prev: Option<&EditorState>, revision: u64) -> Self {
        let (doc, scene, view, overlay, undo_label, redo_label) = {
            let e = editor.borrow();
            let same_doc = prev.is_some_and(|p| *p.doc == *e.doc());
            let (doc, scene) = match prev {
                Some(p) if same_doc => (p.doc.clone(), p.scene.clone()),
                _ => (Rc::new(e.doc().clone()), e.scene_shared()),
            };
            let view = match prev {
                Some(p) if *p.view == e.view => p.view.clone(),
                _ => Rc::new(e.view.clone()),
            };
            let overlay = e.view.tool.overlay(&scene);
            let overlay = match prev {
                Some(p) if *p.overlay == overlay => p.overlay.clone(),
                _ => Rc::new(overlay),
            };
            (
                doc,
                scene,
                view,
                overlay,
                e.undo_label().map(str::to_string),
                e.redo_label().map(str::to_string),
            )
        };
        let content = match prev {
            Some(p) if Rc::ptr_eq(&p.doc, &doc) || p.doc.same_apart_from_layout(&doc) => p.content,
            _ => revision,
        };
        let revision = match prev {
            Some(p) if Rc::ptr_eq(&p.doc, &doc) => p.revision,
            _ => revision,
        };
        EditorState {
            editor,
            doc,
            scene,
            view,
            overlay,
            undo_label,
            redo_label,
            revision,
            content,
            loads: prev.map_or(0, |p| p.loads),
        }
    }
}

impl Reducible for EditorState {
    type Action = EditorAction;

    fn reduce(self: Rc<Self>, action: EditorAction) -> Rc<Self> {
        let loaded = matches!(action, EditorAction::Load(_));
        {
            let mut e = self.editor.borrow_mut();
            match action {
                EditorAction::Input(event) => {
                    e.handle(&event);
                }
                EditorAction::Command(cmd) => {
                    let _ = e.apply(cmd);
                }
                EditorAction::Undo => e.undo(),
                EditorAction::Redo => e.redo(),
                EditorAction::Load(doc) => e.replace(*doc, "Open scenario"),
                EditorAction::Notify(n) => e.view.notice = Some(n),
                EditorAction::DismissNotice => e.dismiss_notice(),
                EditorAction::Reveal(id) => {
                    e.reveal(&id);
                }
                EditorAction::RevealNodes(ids) => e.reveal_nodes(&ids),
                EditorAction::SetReadable(r) => e.set_readable(r),
                EditorAction::SetViewport(v) => e.set_viewport(v),
            }
        }
        let mut next = EditorState::snapshot(self.editor.clone(), Some(&self), self.revision + 1);
        if loaded && next.revision != self.revision {
            next.loads = self.loads + 1;
        }
        if next == *self {
            return self;
        }
        Rc::new(next)
    }
}

/// The context handle.
pub type EditorStore = UseReducerHandle<EditorState>;

/// The store for panels that show the document's content and the selection but no
/// positions or pointer state (the inspector, the find box, the simulator's forms): its
/// context is published again only when those change, so dragging a node redraws the
/// canvas alone. Read through [`use_editor_content`]; the handle inside always reads the
/// latest state, so callbacks that save or copy the document see where nodes sit now.
#[derive(Clone)]
pub struct ContentStore {
    store: EditorStore,
    // Copied out of the state when published: the handle itself reads the latest state,
    // so comparing through it would call every two publications equal.
    content: u64,
    loads: u64,
    selection: Vec<NodeId>,
    inspector: Option<NodeId>,
}

impl ContentStore {
    /// What content readers see of `store` now.
    pub fn new(store: &EditorStore) -> Self {
        ContentStore {
            store: store.clone(),
            content: store.content,
            loads: store.loads,
            selection: store.view.selection.clone(),
            inspector: store.view.inspector.clone(),
        }
    }
}

impl PartialEq for ContentStore {
    fn eq(&self, other: &Self) -> bool {
        self.content == other.content
            && self.loads == other.loads
            && self.selection == other.selection
            && self.inspector == other.inspector
    }
}

/// The editor store, re-rendering the caller only when the document's content or the
/// selection changes (see [`ContentStore`]).
#[hook]
pub fn use_editor_content() -> Option<EditorStore> {
    use_context::<ContentStore>().map(|c| c.store)
}
