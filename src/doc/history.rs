//! Undo and redo: one entry per user intent, a drag is one entry (tldraw's marks).
//!
//! Entries are whole-document snapshots taken before the intent. Documents are small (a few
//! dozen entities), and a snapshot cannot drift out of step with the commands the way a
//! hand-written inverse can; the law "apply then undo restores" holds by construction.

/// Undo entries kept at most; the oldest are dropped first.
pub const HISTORY_LIMIT: usize = 200;

/// One undoable intent: what it was called (for "Undo Move alice") and the document before.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<T> {
    pub label: String,
    pub snapshot: T,
}

/// Undo/redo stacks over snapshots of `T`, plus at most one open transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct History<T> {
    undo: Vec<Entry<T>>,
    redo: Vec<Entry<T>>,
    open: Option<Entry<T>>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
        }
    }
}

impl<T: Clone + PartialEq> History<T> {
    /// An empty history.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that an intent called `label` changed the document from `before`. A new intent
    /// clears redo: the future that was undone is no longer reachable, as in every editor.
    /// Inside an open transaction the record is folded into the transaction instead.
    pub fn record(&mut self, label: impl Into<String>, before: T) {
        if self.open.is_some() {
            return;
        }
        self.push(Entry {
            label: label.into(),
            snapshot: before,
        });
    }

    fn push(&mut self, entry: Entry<T>) {
        self.redo.clear();
        self.undo.push(entry);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Opens a transaction (on pointer-down): everything until [`History::commit`] is one entry.
    /// A second `begin` while one is open keeps the first, so a stray event cannot split a drag.
    pub fn begin(&mut self, label: impl Into<String>, current: &T) {
        if self.open.is_none() {
            self.open = Some(Entry {
                label: label.into(),
                snapshot: current.clone(),
            });
        }
    }

    /// Renames the open transaction once it is known what it is (a press became a drag).
    pub fn relabel(&mut self, label: impl Into<String>) {
        if let Some(open) = self.open.as_mut() {
            open.label = label.into();
        }
    }

    /// Closes the transaction (on pointer-up). If the document did not change (a click, not a
    /// drag) nothing is recorded, so undo never "does nothing".
    pub fn commit(&mut self, current: &T) {
        if let Some(open) = self.open.take() {
            if open.snapshot != *current {
                self.push(open);
            }
        }
    }

    /// Abandons the transaction (Escape) and returns the document to restore, if one was open.
    pub fn cancel(&mut self) -> Option<T> {
        self.open.take().map(|e| e.snapshot)
    }

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.open.is_some()
    }

    /// Steps back: returns the document to show, or `None` when there is nothing to undo.
    /// An open transaction is committed first, so undo mid-drag undoes the drag.
    pub fn undo(&mut self, current: &T) -> Option<T> {
        self.commit(current);
        let entry = self.undo.pop()?;
        self.redo.push(Entry {
            label: entry.label,
            snapshot: current.clone(),
        });
        Some(entry.snapshot)
    }

    /// Steps forward again: returns the document to show, or `None` when there is nothing.
    pub fn redo(&mut self, current: &T) -> Option<T> {
        self.commit(current);
        let entry = self.redo.pop()?;
        self.undo.push(Entry {
            label: entry.label,
            snapshot: current.clone(),
        });
        Some(entry.snapshot)
    }

    /// What "Undo" would undo, for the button's tooltip.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// What "Redo" would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn apply_then_undo_restores_and_redo_reapplies() {
        let mut h = History::new();
        let mut doc = vec![1];
        h.record("Add 2", doc.clone());
        doc.push(2);
        let back = h.undo(&doc).unwrap();
        assert_eq!(back, vec![1]);
        assert_eq!(h.redo_label(), Some("Add 2"));
        let again = h.redo(&back).unwrap();
        assert_eq!(again, vec![1, 2]);
    }

    #[test]
    fn a_new_intent_clears_redo() {
        let mut h = History::new();
        h.record("a", 0);
        let d = h.undo(&1).unwrap();
        assert!(h.can_redo());
        h.record("b", d);
        assert!(!h.can_redo());
        assert_eq!(h.redo(&5), None);
    }

    #[test]
    fn a_drag_is_one_entry_and_a_click_is_none() {
        let mut h = History::new();
        let mut doc = 0;
        h.begin("Move", &doc);
        for step in 1..=10 {
            h.record("ignored inside a transaction", doc);
            doc = step;
        }
        h.commit(&doc);
        assert_eq!(h.undo_label(), Some("Move"));
        assert_eq!(h.undo(&doc), Some(0));
        assert!(!h.can_undo());
        h.begin("Click", &0);
        h.commit(&0);
        assert!(
            !h.can_undo(),
            "a click that changed nothing must not be undoable"
        );
    }

    #[test]
    fn escape_cancels_the_transaction_and_restores() {
        let mut h = History::new();
        h.begin("Move", &"before");
        assert_eq!(h.cancel(), Some("before"));
        assert!(!h.in_transaction());
        assert!(!h.can_undo());
        assert_eq!(h.cancel(), None);
    }

    proptest! {
        #[test]
        fn undo_all_then_redo_all_restores_every_state(steps in proptest::collection::vec(0i32..100, 1..30)) {
            let mut h = History::new();
            let mut states = vec![vec![]];
            let mut doc: Vec<i32> = vec![];
            for s in steps {
                h.record("push", doc.clone());
                doc.push(s);
                states.push(doc.clone());
            }
            for expected in states.iter().rev().skip(1) {
                doc = h.undo(&doc).unwrap();
                prop_assert_eq!(&doc, expected);
            }
            prop_assert!(h.undo(&doc).is_none());
            for expected in states.iter().skip(1) {
                doc = h.redo(&doc).unwrap();
                prop_assert_eq!(&doc, expected);
            }
        }
    }
}
