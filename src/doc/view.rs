//! View state: what the person is looking at and doing, kept apart from the document (it is
//! not saved, shared or undone; excalidraw's `appState`).

use super::geometry::viewport::{Readable, Viewport};
use super::geometry::Point;
use super::scene::{EdgeId, Hit, NodeId, Tone};
use super::tool::Tool;

/// A short message for the person, shown until the next one or until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: Tone,
}

impl Notice {
    /// A notice explaining a refusal.
    pub fn error(text: impl Into<String>) -> Self {
        Notice {
            text: text.into(),
            tone: Tone::Error,
        }
    }

    /// A notice about something that happened ("moved to account 444455556666").
    pub fn info(text: impl Into<String>) -> Self {
        Notice {
            text: text.into(),
            tone: Tone::Info,
        }
    }
}

/// Everything about the editor that is not the document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// Selected nodes, in the order they were selected.
    pub selection: Vec<NodeId>,
    /// A selected edge (Delete removes what it stands for).
    pub selected_edge: Option<EdgeId>,
    pub viewport: Viewport,
    /// What the pointer is doing.
    pub tool: Tool,
    /// The node with keyboard focus (Tab order); the UI moves DOM focus to it.
    pub focused: Option<NodeId>,
    /// What is under the pointer, for hover styling and handles.
    pub hover: Option<Hit>,
    /// The last pointer position in world coordinates: where shortcut letters add nodes.
    pub pointer: Option<Point>,
    /// The node whose inspector panel is open.
    pub inspector: Option<NodeId>,
    pub notice: Option<Notice>,
    /// How large fitting may draw the diagram on this stage (a projector's larger names).
    pub readable: Readable,
}

impl ViewState {
    /// Whether `id` is selected.
    pub fn is_selected(&self, id: &NodeId) -> bool {
        self.selection.contains(id)
    }

    /// The CSS cursor for the canvas: what a press here would do.
    pub fn cursor(&self) -> &'static str {
        match (&self.tool, &self.hover) {
            (Tool::DraggingNodes { .. }, _) => "grabbing",
            (Tool::Panning { .. }, _) => "grabbing",
            (Tool::Connecting { .. }, _) | (_, Some(Hit::Handle(_))) => "crosshair",
            (_, Some(Hit::Node(_) | Hit::FrameHeader(_))) => "grab",
            (_, Some(Hit::Edge(_))) => "pointer",
            _ => "default",
        }
    }

    /// The nodes that show a connection handle: the selected ones and the hovered one.
    pub fn handles_on(&self) -> Vec<NodeId> {
        let mut v = self.selection.clone();
        if let Some(Hit::Node(id) | Hit::Handle(id)) = &self.hover {
            if !v.contains(id) {
                v.push(id.clone());
            }
        }
        v
    }
}
