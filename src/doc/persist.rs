//! Saving and loading documents as versioned JSON, with migrations from older versions.
//!
//! Loading never panics: anything unreadable comes back as a [`LoadError`] that says what is
//! wrong, so the UI can keep the file aside and tell the person (excalidraw `data/restore.ts`).

pub mod first_visit;
pub mod tabs;

use serde_json::{Map, Value};

use super::document::{Document, DOC_TYPE, DOC_VERSION};
use super::geometry::layout::frame_size;
use super::scene::NodeId;
use crate::sim::ids::EntityId;

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON at all; line and column are 1-based.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not an object.
    NotAnObject,
    /// An object whose `type` is not `iam-playground` (or missing).
    WrongType { found: Option<String> },
    /// No usable `version` number.
    MissingVersion,
    /// Saved by a newer version of the playground than this one.
    FromTheFuture { version: u64 },
    /// The right type and version, but the content does not fit the format.
    Invalid { message: String },
    /// Holds more than AWS allows (a policy over its size quota, a name or ARN too long) or
    /// nests deeper than the playground reads.
    OverLimit { message: String },
    /// A stored policy does not parse: AWS would never have stored it
    /// (`MalformedPolicyDocument`), so the document is refused rather than run without it.
    MalformedPolicy(crate::sim::world::MalformedPolicy),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotJson { line, column, message } => {
                write!(f, "This file is not valid JSON (line {line}, column {column}): {message}")
            }
            LoadError::NotAnObject => f.write_str("This file is JSON but not an IAM Playground document (expected an object)."),
            LoadError::WrongType { found: Some(t) } => {
                write!(f, "This is a \"{t}\" file, not an IAM Playground document (\"type\": \"{DOC_TYPE}\").")
            }
            LoadError::WrongType { found: None } => {
                write!(f, "This JSON has no \"type\": \"{DOC_TYPE}\", so it is not an IAM Playground document.")
            }
            LoadError::MissingVersion => f.write_str("This document has no \"version\" number."),
            LoadError::FromTheFuture { version } => write!(
                f,
                "This document is version {version}, made by a newer IAM Playground; this one reads up to version {DOC_VERSION}."
            ),
            LoadError::Invalid { message } => write!(f, "This document is damaged: {message}"),
            LoadError::OverLimit { message } => {
                write!(f, "This document holds more than AWS allows: {message}")
            }
            LoadError::MalformedPolicy(p) => {
                write!(f, "This document holds a policy AWS would refuse: {p}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl Document {
    /// The document as pretty JSON, `{"type": "iam-playground", "version": N, ...}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The document as a JSON value (inside a scenario file, a share link or a history
    /// entry): [`Document::to_json`] read back. Serializing the document a second way
    /// (`serde_json::to_value`) would compile every type of the world's serializer twice,
    /// ~22 KiB of the page's code, for the rare moments a document goes inside another.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(&self.to_json()).unwrap_or(Value::Null)
    }

    /// Reads a document of any known version, migrating it to the current one, and gives
    /// every node without a position one.
    pub fn from_json(text: &str) -> Result<Document, LoadError> {
        let over = |e: crate::sim::bounds::BoundsError| LoadError::OverLimit { message: e.message };
        crate::sim::bounds::check_file_size(text).map_err(over)?;
        crate::sim::bounds::check_nesting(text).map_err(over)?;
        // The world is read typed from text, never from a `Value` (a second deserializer
        // of every type in it, 6 KiB of the page's gzip). A current document is read from its
        // own text, so a problem names its line and column there, and no `Value` tree is
        // built; only an older (or unreadable) one goes through a `Value` to be migrated,
        // and is then read from the migration's output, whose places would mean nothing to
        // its author, so they are left out.
        let head: Result<Head, _> = serde_json::from_str(text);
        let current = matches!(&head, Ok(h) if h.kind.as_deref() == Some(DOC_TYPE)
            && h.version == Some(u64::from(DOC_VERSION)));
        let saved_version = head.as_ref().ok().and_then(|h| h.version);
        let mut doc: Document = if current {
            serde_json::from_str(text).map_err(|e| LoadError::Invalid {
                message: e.to_string(),
            })?
        } else {
            let value: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?;
            let value = migrate(value)?;
            serde_json::from_str(&value.to_string()).map_err(|e| LoadError::Invalid {
                message: crate::sim::bounds::without_place(&e),
            })?
        };
        crate::sim::bounds::check_world(&doc.world).map_err(over)?;
        if let Some(p) = doc.world.malformed_policies().into_iter().next() {
            return Err(LoadError::MalformedPolicy(p));
        }
        give_tasks_ids(&mut doc);
        // A hand-edited or damaged file can hold what no sequence of IAM calls makes (a user
        // filed under another's id, two roles of one name in an account): refused, naming
        // the first such problem, so the page never runs on a world AWS could not hold.
        if let Some(problem) = doc.world.check_invariants().into_iter().next() {
            return Err(LoadError::Invalid { message: problem });
        }
        doc.forget_missing();
        doc.ensure_layout();
        // The automatic layout frames every account an entity names, even one the world does
        // not hold (a hand-edited file); drop those frames too, or saving and loading again
        // would give a different document.
        doc.forget_missing();
        if saved_version == Some(1) {
            // Version 1 frames were sized to fit their members when drawn.
            doc.grow_all_frames();
        }
        Ok(doc)
    }
}

/// What a document says it is, read without building the rest (unknown fields skipped).
#[derive(serde::Deserialize)]
struct Head {
    #[serde(rename = "type")]
    kind: Option<String>,
    version: Option<u64>,
}

/// Saves from before ECS tasks had ids keyed a task's place on the canvas by its position in
/// the world's list (`ecs-task-N`), so deleting a task moved the later tasks' places onto
/// other tasks. Such tasks get ids now (deterministically: from the world's generator, in list
/// order) and keep their places under the new ids.
fn give_tasks_ids(doc: &mut Document) {
    for (i, id) in doc.world.assign_missing_task_ids() {
        let legacy = NodeId::new(format!("ecs-task-{i}"));
        if let Some(p) = doc.layout.nodes.remove(&legacy) {
            doc.layout
                .nodes
                .insert(NodeId::of(&EntityId::EcsTask(id)), p);
        }
    }
}

/// Checks the envelope and runs every migration from the document's version up to
/// [`DOC_VERSION`].
pub fn migrate(value: Value) -> Result<Value, LoadError> {
    let Value::Object(mut obj) = value else {
        return Err(LoadError::NotAnObject);
    };
    match obj.get("type") {
        Some(Value::String(t)) if t == DOC_TYPE => {}
        Some(Value::String(t)) => {
            return Err(LoadError::WrongType {
                found: Some(t.clone()),
            })
        }
        _ => return Err(LoadError::WrongType { found: None }),
    }
    let mut version = obj
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(LoadError::MissingVersion)?;
    if version == 0 {
        return Err(LoadError::MissingVersion);
    }
    if version > u64::from(DOC_VERSION) {
        return Err(LoadError::FromTheFuture { version });
    }
    while version < u64::from(DOC_VERSION) {
        obj = match version {
            1 => v1_to_v2(obj)?,
            _ => {
                return Err(LoadError::Invalid {
                    message: format!("no migration from version {version}"),
                })
            }
        };
        version = version.saturating_add(1); // below DOC_VERSION
        obj.insert("version".into(), Value::from(version));
    }
    Ok(Value::Object(obj))
}

/// Version 1 (the first saved format) had a `name` instead of a `title`, positions as
/// `"positions": {"<id>": [x, y]}`, no frame rectangles (frames were sized to fit), and no
/// drafts or outside actors. Version 2 keeps frame rectangles so a person can arrange them.
fn v1_to_v2(mut obj: Map<String, Value>) -> Result<Map<String, Value>, LoadError> {
    let title = match obj.remove("name") {
        Some(Value::String(s)) => s,
        Some(_) => {
            return Err(LoadError::Invalid {
                message: "\"name\" must be a string".into(),
            })
        }
        None => "Untitled scenario".into(),
    };
    obj.insert("title".into(), Value::String(title));
    let mut nodes = Map::new();
    let mut frames = Map::new();
    if let Some(positions) = obj.remove("positions") {
        let Value::Object(positions) = positions else {
            return Err(LoadError::Invalid {
                message: "\"positions\" must be an object".into(),
            });
        };
        for (id, p) in positions {
            let (x, y) = match &p {
                Value::Array(xy) => (
                    xy.first().and_then(Value::as_f64),
                    xy.get(1).and_then(Value::as_f64),
                ),
                _ => (None, None),
            };
            let (Some(x), Some(y)) = (x, y) else {
                return Err(LoadError::Invalid {
                    message: format!("the position of `{id}` must be [x, y]"),
                });
            };
            // Account frames (12-digit ids) now keep a rectangle; they start at the default
            // size and grow to fit their members on load.
            if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) {
                let size = frame_size(0, 0);
                frames.insert(
                    id,
                    serde_json::json!({ "x": x, "y": y, "w": size.x, "h": size.y }),
                );
            } else {
                nodes.insert(id, serde_json::json!({ "x": x, "y": y }));
            }
        }
    }
    obj.insert(
        "layout".into(),
        serde_json::json!({ "nodes": nodes, "frames": frames }),
    );
    Ok(obj)
}

#[cfg(test)]
mod tests;
