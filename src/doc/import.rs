//! Bringing a real account in: GAAD files become a new document, or more accounts in the
//! current one, laid out with the auto layout and carrying the import report.

use crate::doc::document::Document;
use crate::doc::geometry::{Point, Rect};
use crate::doc::scene::cluster::IMPORT_COLLAPSES_OVER;
use crate::doc::scene::ClusterKey;
use crate::sim::gaad::{self, GaadError, ImportReport};

/// The gap between what was on the canvas and the accounts a merge adds to its right.
const MERGE_GAP: f64 = 64.0;

impl Document {
    /// A new document holding the accounts of the GAAD texts (one per account, or arrays of
    /// them), with an EC2 instance per instance profile, laid out, and the import report.
    pub fn from_gaad(texts: &[&str]) -> Result<Document, GaadError> {
        let docs = gaad::parse_files(texts)?;
        let mut doc = Document::empty();
        let report = doc.import_docs(&docs);
        doc.title = match report.accounts.as_slice() {
            [one] => format!("Account {one}"),
            [] => "Imported account".to_string(),
            many => format!("Accounts {}", many.join(", ")),
        };
        // A real account holds hundreds of roles: big clusters open collapsed, an overview.
        let collapsed = doc.collapse_clusters_over(IMPORT_COLLAPSES_OVER, None);
        doc.auto_layout();
        let mut report = report;
        report.notes.extend(collapsed_notes(&collapsed));
        doc.import_report = Some(report);
        Ok(doc)
    }

    /// Adds the accounts of the GAAD texts to this document as more accounts (an account
    /// already here is left as it is, and the report says so). What was on the canvas keeps
    /// its place; the new accounts are laid out to its right. The report joins any earlier
    /// one not yet dismissed.
    pub fn merge_gaad(&mut self, texts: &[&str]) -> Result<(), GaadError> {
        let docs = gaad::parse_files(texts)?;
        let before = self.layout.clone();
        let mut report = self.import_docs(&docs);
        // Only the accounts this import adds: what the person already arranged stays open.
        let added: Vec<String> = report
            .accounts
            .iter()
            .filter(|a| !before.frames.keys().any(|f| f.0.as_str() == a.as_str()))
            .cloned()
            .collect();
        let collapsed = self.collapse_clusters_over(IMPORT_COLLAPSES_OVER, Some(&added));
        report.notes.extend(collapsed_notes(&collapsed));
        self.auto_layout();
        self.keep_old_places(&before);
        match self.import_report.as_mut() {
            Some(r) => r.absorb(report),
            None => self.import_report = Some(report),
        }
        Ok(())
    }

    /// Forgets the import report (the person closed it).
    pub fn dismiss_import_report(&mut self) {
        self.import_report = None;
    }

    fn import_docs(&mut self, docs: &[serde_json::Value]) -> ImportReport {
        let mut report = gaad::import_into(&mut self.world, docs);
        let accounts = report.accounts.clone();
        gaad::launch_for_profiles(&mut self.world, &accounts, &mut report);
        report
    }

    /// Puts back the places of everything laid out before a merge, and moves what is new
    /// (kept in its own arrangement) to the right of it.
    fn keep_old_places(&mut self, before: &crate::doc::document::Layout) {
        let old: Vec<Rect> = before.frames.values().copied().collect();
        let Some(old_box) = Rect::bounding(old.iter()) else {
            return; // nothing was there: the fresh layout stands
        };
        let new_frames: Vec<Rect> = self
            .layout
            .frames
            .iter()
            .filter(|(id, _)| !before.frames.contains_key(*id))
            .map(|(_, r)| *r)
            .collect();
        let dx = Rect::bounding(new_frames.iter())
            .map_or(0.0, |b| (old_box.right() + MERGE_GAP - b.x).max(0.0));
        for (id, p) in self.layout.nodes.iter_mut() {
            *p = match before.nodes.get(id) {
                Some(old) => *old,
                None => Point::new(p.x + dx, p.y),
            };
        }
        for (id, r) in self.layout.frames.iter_mut() {
            *r = match before.frames.get(id) {
                Some(old) => *old,
                None => Rect::new(r.x + dx, r.y, r.w, r.h),
            };
        }
        self.fit_organization();
    }
}

/// The report's lines for clusters an import collapsed: "The 1000 roles of account
/// 111122223333 are drawn as one node: activate it (click, Enter) to show them."
fn collapsed_notes(collapsed: &[(ClusterKey, usize)]) -> Vec<String> {
    collapsed
        .iter()
        .map(|(k, n)| {
            format!(
                "The {} of account {} are drawn as one node: activate it (click, Enter) to show them.",
                k.kind.count(*n),
                k.account.as_str()
            )
        })
        .collect()
}
