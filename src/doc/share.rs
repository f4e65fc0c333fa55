//! Share links: the whole scenario in the URL fragment, `#s=1.<base64url(zlib(JSON))>`.
//!
//! The fragment never reaches a server (it is not sent with the request), so a link shares
//! the scenario without one. The payload is the scenario file format
//! ([`super::scenario`]): the document, and optionally the clock and the steps of a flow.

mod base64url;
pub mod embed;

use super::scenario::{Scenario, ScenarioError};
use miniz_oxide::inflate::TINFLStatus;

/// The link format version, the number before the dot.
pub const SHARE_VERSION: u32 = 1;
/// The fragment key: `#s=...`.
pub const FRAGMENT_KEY: &str = "s";
/// The most JSON a link may unpack to. A real scenario is 5-60 KB; anything much bigger is
/// a mistake or a zip bomb, and would stall the page.
pub const MAX_DECODED_BYTES: usize = 256 * 1024;
/// Deflate never grows data by more than a few bytes per block, and base64 by a third, so a
/// longer payload cannot unpack to an acceptable scenario.
const MAX_ENCODED_CHARS: usize = MAX_DECODED_BYTES / 3 * 4 + 1024;

/// Why a share link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// There is nothing after `#s=`.
    Empty,
    /// No `<version>.` prefix.
    NoVersion,
    /// Made by a newer IAM Playground.
    FromTheFuture { version: u32 },
    /// A character that base64url does not use (often a link broken across lines).
    NotBase64 { position: usize, found: char },
    /// The compressed data ends early: the link was cut short.
    Truncated,
    /// The compressed data is damaged (checksum or structure).
    Corrupt,
    /// It unpacks to more than [`MAX_DECODED_BYTES`].
    TooLarge { limit: usize },
    /// It unpacks, but not to text.
    NotText,
    /// It unpacks to text that is not a scenario.
    NotAScenario(ScenarioError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("This share link cannot be opened: ")?;
        match self {
            ShareError::Empty => f.write_str("it carries no scenario (nothing after \"#s=\")."),
            ShareError::NoVersion => f.write_str("it does not start with a format version (\"#s=1.\")."),
            ShareError::FromTheFuture { version } => write!(
                f,
                "it was made by a newer IAM Playground (link format {version}; this page reads format {SHARE_VERSION}). Open it in the current version of the page."
            ),
            ShareError::NotBase64 { position, found } => write!(
                f,
                "it is damaged: character {position} ({found:?}) does not belong in a link. Was it broken across lines when copied?"
            ),
            ShareError::Truncated => f.write_str("it is incomplete: the link was cut short when copied. Copy the whole link."),
            ShareError::Corrupt => f.write_str("it is damaged: its data does not check out."),
            ShareError::TooLarge { limit } => write!(
                f,
                "it unpacks to more than {} KB, more than any scenario needs.",
                limit / 1024
            ),
            ShareError::NotText => f.write_str("it is damaged: it does not unpack to text."),
            ShareError::NotAScenario(e) => write!(f, "{e}."),
        }
    }
}

impl std::error::Error for ShareError {}

/// The link payload for `scenario`: `1.<base64url>` (what follows `#s=`). static/loader.js
/// reads the title and summary from it while the page loads: a new format must be taught there.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_string(&scenario.to_value()).unwrap_or_default();
    // Level 9: links are made rarely and read often; smaller is worth the milliseconds.
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
    format!("{SHARE_VERSION}.{}", base64url::encode(&packed))
}

/// The fragment for `scenario`, without the `#`: `s=1.<base64url>`.
pub fn fragment(scenario: &Scenario) -> String {
    format!("{FRAGMENT_KEY}={}", encode(scenario))
}

/// Whether a link to `scenario` would open: [`decode`] refuses anything that unpacks to more
/// than [`MAX_DECODED_BYTES`], so a link to a bigger scenario must not be handed out.
pub fn check_size(scenario: &Scenario) -> Result<(), ShareError> {
    let len = serde_json::to_string(&scenario.to_value()).map_or(0, |j| j.len());
    if len > MAX_DECODED_BYTES {
        return Err(ShareError::TooLarge {
            limit: MAX_DECODED_BYTES,
        });
    }
    Ok(())
}

/// Opens a payload made by [`encode`], checking every layer.
pub fn decode(payload: &str) -> Result<Scenario, ShareError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return Err(ShareError::Empty);
    }
    let (version, data) = payload.split_once('.').ok_or(ShareError::NoVersion)?;
    let version: u32 = version.parse().map_err(|_| ShareError::NoVersion)?;
    if version > SHARE_VERSION {
        return Err(ShareError::FromTheFuture { version });
    }
    if version == 0 {
        return Err(ShareError::NoVersion);
    }
    if data.len() > MAX_ENCODED_CHARS {
        return Err(ShareError::TooLarge {
            limit: MAX_DECODED_BYTES,
        });
    }
    let packed = base64url::decode(data)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_DECODED_BYTES)
        .map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge {
                limit: MAX_DECODED_BYTES,
            },
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                ShareError::Truncated
            }
            _ => ShareError::Corrupt,
        })?;
    let text = String::from_utf8(json).map_err(|_| ShareError::NotText)?;
    Scenario::from_json(&text).map_err(ShareError::NotAScenario)
}

/// The share payload in a URL fragment (`#s=...`, possibly among other `&`-separated
/// options), or `None` when the fragment holds no scenario.
pub fn payload_in_fragment(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
}

#[cfg(test)]
mod tests;
