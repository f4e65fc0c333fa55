//! Local storage: the autosaved document. A stored document that cannot be read is kept
//! aside under its own key (never overwritten) and the person is told. Every save is stamped
//! (see `doc::persist::tabs`), so two tabs never silently overwrite each other's work; an
//! embed never touches the stored document at all.

use crate::doc::document::Document;
use crate::doc::persist::first_visit::{offer_start_here, Arrival, START_HERE_DONE};
use crate::doc::persist::tabs::{SaveDecision, SaveStamp, TabSync};
use crate::doc::picture::picture_svg;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the autosaved document lives. static/loader.js reads this key and `STAMP_KEY` too
/// (to choose the loading screen): keep the names equal there.
pub const DOC_KEY: &str = "iam-playground/document";
/// Which save `DOC_KEY` holds and which tab wrote it (a [`SaveStamp`]).
pub const STAMP_KEY: &str = "iam-playground/document-stamp";
/// Where an unreadable autosave is moved, so the next save cannot destroy it.
pub const UNREADABLE_KEY: &str = "iam-playground/document-unreadable";
/// Set once "Start here" was dismissed or taken, so a first visit's offer never comes back.
pub const START_HERE_KEY: &str = "iam-playground/start-here";
/// The saved diagram as a picture, which static/loader.js shows while the page next loads:
/// `{"stamp", "theme", "title", "svg"}`, shown only while `stamp` is `STAMP_KEY`'s text (the
/// save it pictures) and `theme` the page's scheme (else, or when `svg` is null because the
/// diagram is large, the title alone is shown). Keep the name equal to loader.js's.
pub const PICTURE_KEY: &str = "iam-playground/loading-picture";
/// Diagrams with more nodes get no loading picture, only their title: drawing one at each
/// autosave would cost more than it saves, and thousands of nodes shrunk to a screen say little.
const PICTURE_MAX_NODES: usize = 150;

/// This tab's autosave: what it knows of the other tabs, and the document not yet written.
struct Autosave {
    sync: TabSync,
    /// The document as last written or loaded: an unchanged document is not written again
    /// (a save that changes nothing would still tell the other tabs "newer version").
    written: Option<Rc<Document>>,
    /// The newest document, waiting for the autosave delay (or the page being hidden).
    waiting: Option<Rc<Document>>,
}

thread_local! {
    /// `None` in an embed and when an unreadable save could not be kept aside: nothing is
    /// ever written then.
    static AUTOSAVE: RefCell<Option<Autosave>> = const { RefCell::new(None) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn stored_stamp(store: &web_sys::Storage) -> Option<SaveStamp> {
    store
        .get_item(STAMP_KEY)
        .ok()
        .flatten()
        .and_then(|t| SaveStamp::from_json(&t))
}

/// What was found in local storage at start-up.
#[derive(Default)]
pub struct Restored {
    pub doc: Option<Document>,
    /// Set when a stored document existed but could not be read.
    pub problem: Option<String>,
    /// A first visit: offer "Start here: IAM user vs IAM role" (see
    /// [`offer_start_here`](crate::doc::persist::first_visit::offer_start_here)).
    pub start_here: bool,
}

/// Reads the autosaved document, if any, and turns autosave on for this tab. An embed calls
/// [`memory_only`] instead: its edits stay in the frame, and the reader's saved work is safe.
/// `shared_link`: the address carries a shared scenario (no "Start here" then).
pub fn restore(shared_link: bool) -> Restored {
    let Some(store) = storage() else {
        return Restored::default();
    };
    let stamp = stored_stamp(&store);
    let text = store.get_item(DOC_KEY).ok().flatten();
    let offer_state = store.get_item(START_HERE_KEY).ok().flatten();
    let start_here = offer_start_here(Arrival {
        saved_work: text.is_some(),
        embed: false,
        shared_link,
        offer_state: offer_state.as_deref(),
    });
    let (mut restored, blocked) = match text.map(|t| (Document::from_json(&t), t)) {
        None => (Restored::default(), false),
        Some((Ok(doc), _)) => (
            Restored {
                doc: Some(doc),
                problem: None,
                start_here: false,
            },
            false,
        ),
        Some((Err(e), text)) => keep_aside(&store, &e.to_string(), &text),
    };
    restored.start_here = start_here;
    if !blocked {
        let doc = restored.doc.clone().map(Rc::new);
        AUTOSAVE.with(|a| {
            *a.borrow_mut() = Some(Autosave {
                sync: TabSync::new(tab_id(), stamp.as_ref()),
                written: doc,
                waiting: None,
            })
        });
    }
    restored
}

/// An embed keeps its edits in memory: nothing is read from or written to local storage.
pub fn memory_only() -> Restored {
    AUTOSAVE.with(|a| *a.borrow_mut() = None);
    Restored::default()
}

/// Keeps an unreadable save under the first free key, never over one kept earlier; returns
/// what to tell the person and whether autosave must stay off (nowhere to keep it).
fn keep_aside(store: &web_sys::Storage, error: &str, text: &str) -> (Restored, bool) {
    // The page shows the example now, not what the picture shows.
    let _ = store.remove_item(PICTURE_KEY);
    let kept = (1..=20)
        .map(|n| match n {
            1 => UNREADABLE_KEY.to_string(),
            n => format!("{UNREADABLE_KEY}-{n}"),
        })
        .find(|k| matches!(store.get_item(k), Ok(None)))
        .filter(|k| store.set_item(k, text).is_ok());
    let where_kept = match &kept {
        Some(k) => {
            let _ = store.remove_item(DOC_KEY);
            format!("It is kept aside in this browser's local storage under \"{k}\".")
        }
        None => {
            "It was left where it was; changes you make now are not autosaved over it.".to_string()
        }
    };
    let restored = Restored {
        start_here: false,
        doc: None,
        problem: Some(format!(
            "Your saved scenario could not be read: {error}. {where_kept} Showing the example scenario instead."
        )),
    };
    (restored, kept.is_none())
}

/// A random id for this tab, so its own saves are told apart from other tabs'.
fn tab_id() -> String {
    let n = js_sys::Math::random() * 2f64.powi(52);
    format!("tab-{n:.0}")
}

/// What became of an autosave.
pub enum Saved {
    /// Written, or nothing to write (unchanged, or autosave is off in this page).
    Done,
    /// Another tab saved a newer version: nothing was written; the person must choose.
    Refused,
}

/// Notes `doc` as the newest document; [`flush`] writes it.
pub fn remember(doc: Rc<Document>) {
    AUTOSAVE.with(|a| {
        if let Ok(mut a) = a.try_borrow_mut() {
            if let Some(a) = a.as_mut() {
                a.waiting = Some(doc);
            }
        }
    });
}

/// Writes the waiting document now, unless another tab saved a newer one this tab has not
/// seen. Called after the autosave delay, when the page is hidden or left, and before the
/// crash notice; `Err` says why the browser refused.
pub fn flush() -> Result<Saved, String> {
    AUTOSAVE.with(|a| {
        let Ok(mut a) = a.try_borrow_mut() else {
            return Ok(Saved::Done);
        };
        let Some(a) = a.as_mut() else {
            return Ok(Saved::Done);
        };
        let Some(doc) = a.waiting.take() else {
            return Ok(Saved::Done);
        };
        if a.written.as_deref() == Some(&*doc) {
            return Ok(Saved::Done);
        }
        let store = storage().ok_or("local storage is not available in this browser")?;
        match a.sync.before_save(stored_stamp(&store).as_ref()) {
            SaveDecision::Refuse(_) => {
                // Kept waiting: the person may yet choose to keep it.
                a.waiting = Some(doc);
                Ok(Saved::Refused)
            }
            SaveDecision::Write(stamp) => {
                // The picture of the save before goes first: it must never show over this one.
                let _ = store.remove_item(PICTURE_KEY);
                let stamp_text = stamp.to_json();
                store
                    .set_item(DOC_KEY, &doc.to_json())
                    .and_then(|()| store.set_item(STAMP_KEY, &stamp_text))
                    .map_err(|_| {
                        "the browser refused to store the scenario (storage full?)".to_string()
                    })?;
                remember_picture(&store, &doc, &stamp_text);
                a.sync.saved(&stamp);
                a.written = Some(doc);
                Ok(Saved::Done)
            }
        }
    })
}

/// Stores the picture of `doc`, saved under `stamp`, for the next load to show while the
/// wasm arrives (a picture the browser refuses to store only means none is shown).
fn remember_picture(store: &web_sys::Storage, doc: &Document, stamp: &str) {
    let theme = super::export::page_theme();
    // A large diagram leaves its title only: the next load names what it is opening.
    let svg = (doc.node_ids().len() <= PICTURE_MAX_NODES)
        .then(|| picture_svg(&doc.scene(), &doc.title, theme, 1.0));
    let record = serde_json::json!({
        "stamp": stamp,
        "theme": theme.as_str(),
        "title": doc.title,
        "svg": svg,
    });
    let _ = store.set_item(PICTURE_KEY, &record.to_string());
}

/// A `storage` event from another tab: true when it saved a version this tab has not seen
/// (and the person has not been told yet).
pub fn heard(key: Option<String>, value: Option<String>) -> bool {
    if key.as_deref() != Some(STAMP_KEY) {
        return false;
    }
    let Some(stamp) = value.and_then(|v| SaveStamp::from_json(&v)) else {
        return false;
    };
    AUTOSAVE.with(|a| {
        a.try_borrow_mut()
            .ok()
            .and_then(|mut a| a.as_mut().map(|a| a.sync.heard(stamp)))
            .unwrap_or(false)
    })
}

/// The newer version another tab saved, taken as seen: autosave may write again, and the
/// document it returns is not written back unchanged. `None` if it cannot be read.
pub fn take_newer() -> Option<Document> {
    let store = storage()?;
    let text = store.get_item(DOC_KEY).ok().flatten()?;
    let doc = Document::from_json(&text).ok()?;
    let stamp = stored_stamp(&store);
    AUTOSAVE.with(|a| {
        let mut a = a.try_borrow_mut().ok()?;
        let a = a.as_mut()?;
        a.sync.adopt(stamp.as_ref());
        a.written = Some(Rc::new(doc.clone()));
        a.waiting = None;
        Some(doc)
    })
}

/// Remembers that "Start here" was dismissed or taken; a browser that refuses only means the
/// offer may show once more.
pub fn start_here_done() {
    if let Some(store) = storage() {
        let _ = store.set_item(START_HERE_KEY, START_HERE_DONE);
    }
}
