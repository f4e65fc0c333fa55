//! Local storage: the autosaved document. A stored document that cannot be read is kept
//! aside under its own key (never overwritten) and the person is told.

use crate::doc::document::Document;

/// Where the autosaved document lives.
pub const DOC_KEY: &str = "iam-playground/document";
/// Where an unreadable autosave is moved, so the next save cannot destroy it.
pub const UNREADABLE_KEY: &str = "iam-playground/document-unreadable";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// What was found in local storage at start-up.
pub struct Restored {
    pub doc: Option<Document>,
    /// Set when a stored document existed but could not be read.
    pub problem: Option<String>,
    /// Set when the unreadable document could not be kept aside: autosave must not run.
    pub blocked: bool,
}

/// Reads the autosaved document, if any.
pub fn restore() -> Restored {
    let Some(store) = storage() else {
        return Restored {
            doc: None,
            problem: None,
            blocked: false,
        };
    };
    let Ok(Some(text)) = store.get_item(DOC_KEY) else {
        return Restored {
            doc: None,
            problem: None,
            blocked: false,
        };
    };
    match Document::from_json(&text) {
        Ok(doc) => Restored {
            doc: Some(doc),
            problem: None,
            blocked: false,
        },
        Err(e) => {
            // Keep the unreadable text under the first free key; never overwrite one kept earlier.
            let kept = (1..=20)
                .map(|n| match n {
                    1 => UNREADABLE_KEY.to_string(),
                    n => format!("{UNREADABLE_KEY}-{n}"),
                })
                .find(|k| matches!(store.get_item(k), Ok(None)))
                .filter(|k| store.set_item(k, &text).is_ok());
            let where_kept = match &kept {
                Some(k) => {
                    let _ = store.remove_item(DOC_KEY);
                    format!("It is kept aside in this browser's local storage under \"{k}\".")
                }
                None => "It was left where it was; changes you make now are not autosaved over it."
                    .to_string(),
            };
            Restored {
                doc: None,
                problem: Some(format!(
                    "Your saved scenario could not be read: {e}. {where_kept} Showing the example scenario instead."
                )),
                blocked: kept.is_none(),
            }
        }
    }
}

/// Saves the document; returns why it failed (storage full or disabled).
pub fn save(doc: &Document) -> Result<(), String> {
    let store = storage().ok_or("local storage is not available in this browser")?;
    let text = doc.to_json();
    store
        .set_item(DOC_KEY, &text)
        .map_err(|_| "the browser refused to store the scenario (storage full?)".to_string())
}
