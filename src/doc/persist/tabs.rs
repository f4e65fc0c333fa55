//! Two tabs, one autosave: which save is newer, and whether a tab may write over it.
//!
//! Every autosave is stamped with a revision (one more than the newest the writing tab has
//! seen) and the id of the tab that wrote it. A tab writes only over saves it has seen; a
//! newer save from another tab stops its autosave until the person chooses what to keep.

use serde::{Deserialize, Serialize};

/// Stored beside the autosaved document: which save it is and which tab wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveStamp {
    pub revision: u64,
    pub tab: String,
}

impl SaveStamp {
    /// The stamp as compact JSON, `{"revision":3,"tab":"..."}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored stamp. Anything unreadable counts as none: a save made before stamps
    /// existed, which every tab has seen.
    pub fn from_json(text: &str) -> Option<SaveStamp> {
        serde_json::from_str(text).ok()
    }
}

/// What a tab may do with its next autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveDecision {
    /// Write the document with this stamp beside it.
    Write(SaveStamp),
    /// Another tab saved a newer version this tab has not seen: write nothing.
    Refuse(SaveStamp),
}

/// One tab's knowledge of the shared autosave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabSync {
    tab: String,
    /// The newest revision this tab has written or loaded.
    seen: u64,
    /// A newer save by another tab, not yet reloaded or set aside by the person.
    conflict: Option<SaveStamp>,
}

impl TabSync {
    /// A tab with id `tab` that started from the save stamped `stored` (none: nothing saved yet).
    pub fn new(tab: impl Into<String>, stored: Option<&SaveStamp>) -> TabSync {
        TabSync {
            tab: tab.into(),
            seen: stored.map_or(0, |s| s.revision),
            conflict: None,
        }
    }

    /// The newer save of another tab that stops this tab's autosave, if any.
    pub fn conflict(&self) -> Option<&SaveStamp> {
        self.conflict.as_ref()
    }

    /// Is `stamp` a save by another tab that this one has not seen?
    fn is_unseen(&self, stamp: &SaveStamp) -> bool {
        stamp.tab != self.tab && stamp.revision > self.seen
    }

    /// Decides the next autosave, given the stamp now stored (read just before writing, so a
    /// save whose notice has not arrived yet is caught too).
    pub fn before_save(&mut self, stored: Option<&SaveStamp>) -> SaveDecision {
        if let Some(s) = stored.filter(|s| self.is_unseen(s)) {
            self.conflict = Some(s.clone());
        }
        if let Some(c) = &self.conflict {
            return SaveDecision::Refuse(c.clone());
        }
        let newest = stored.map_or(self.seen, |s| s.revision.max(self.seen));
        SaveDecision::Write(SaveStamp {
            revision: newest.saturating_add(1),
            tab: self.tab.clone(),
        })
    }

    /// The save decided by [`TabSync::before_save`] was written.
    pub fn saved(&mut self, stamp: &SaveStamp) {
        self.seen = self.seen.max(stamp.revision);
    }

    /// Another tab wrote `stamp`; returns true when this tab must now tell the person.
    pub fn heard(&mut self, stamp: SaveStamp) -> bool {
        if !self.is_unseen(&stamp) {
            return false;
        }
        let first = self.conflict.is_none();
        self.conflict = Some(stamp);
        first
    }

    /// The person took the save stamped `stamp` (reloaded it, or set their own aside):
    /// autosave may write over it again.
    pub fn adopt(&mut self, stamp: Option<&SaveStamp>) {
        if let Some(s) = stamp {
            self.seen = self.seen.max(s.revision);
        }
        self.conflict = None;
    }
}

#[cfg(test)]
#[path = "tabs_tests.rs"]
mod tests;
