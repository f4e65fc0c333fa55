//! Text measurement without a browser: a conservative width table for the canvas font.
//!
//! The pure core cannot ask the browser how wide a string is, so it estimates. The table
//! holds the advance widths of DejaVu Sans Bold (what `system-ui` resolves to on Debian,
//! and one of the widest common sans fonts: Segoe UI, San Francisco, Roboto and Helvetica
//! set the same text narrower), measured in Chromium with `CanvasRenderingContext2D.
//! measureText` at weight 650, in thousandths of an em, for printable ASCII. Other
//! characters count as [`OTHER_EM`] (a full-width CJK character is 1 em). A margin of
//! [`SAFETY`] on top keeps a name inside its node when the real font is slightly wider.

/// Advance widths of `' '` (0x20) to `'~'` (0x7E), thousandths of an em.
const ASCII_EM: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380,
    365, // ' '..'/'
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, // '0'..'9'
    400, 400, 838, 838, 838, 580, 1000, // ':'..'@'
    774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720,
    682, 812, 774, 1103, 771, 724, 725, // 'A'..'Z'
    457, 365, 457, 838, 500, 500, // '['..'`'
    675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, // 'a'..'z'
    712, 365, 712, 838, // '{'..'~'
];

/// Width of a character outside printable ASCII, in ems: wide enough for CJK and most
/// symbols, so an unusual name errs towards a wider node rather than overflowing.
pub const OTHER_EM: f64 = 1.1;

/// Extra fraction added to every estimate (a different font's hinting, letter spacing).
pub const SAFETY: f64 = 0.05;

/// The width of one character in ems.
fn char_em(c: char) -> f64 {
    let code = u32::from(c);
    code.checked_sub(0x20)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| ASCII_EM.get(i))
        .map_or(OTHER_EM, |w| f64::from(*w) / 1000.0)
}

/// The estimated rendered width of `text` at `font_px` pixels, never less than the real one
/// in the fonts the canvas uses (bold or regular: regular is narrower).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    ems * font_px * (1.0 + SAFETY)
}

/// Whether a line may break after `prev` and before `next`: after a separator that names
/// use (`-`, `.`, `/`, `_`, `:`, `@`, a space) or between a lowercase letter or digit and a
/// capital (`WebServer|Role`), so `CrossAccountDeploy` and `token.actions.github...` wrap at
/// their word boundaries rather than mid-word.
fn break_between(prev: char, next: char) -> bool {
    matches!(prev, '-' | '.' | '/' | '_' | ':' | '@' | ' ')
        || ((prev.is_lowercase() || prev.is_ascii_digit()) && next.is_uppercase())
}

/// The word-like pieces of `text`: each ends where a line may break.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if prev.is_some_and(|p| break_between(p, c)) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        prev = Some(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Splits `piece` into chunks no wider than `max_w` (a piece with no break point that is
/// wider than a whole line: an account id, a long token).
fn hard_split(piece: &str, max_w: f64, font_px: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in piece.chars() {
        let mut next = cur.clone();
        next.push(c);
        if !cur.is_empty() && text_width(&next, font_px) > max_w {
            out.push(std::mem::replace(&mut cur, c.to_string()));
        } else {
            cur = next;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Breaks `text` into lines no wider than `max_w` at `font_px`, preferring the break points
/// of [`break_between`]. Joining the lines gives `text` back (less the spaces a line ends
/// with): nothing is cut.
pub fn wrap(text: &str, max_w: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for piece in pieces(text) {
        let chunks = if text_width(&piece, font_px) > max_w {
            hard_split(&piece, max_w, font_px)
        } else {
            vec![piece]
        };
        for chunk in chunks {
            let joined = format!("{cur}{chunk}");
            if cur.is_empty() || text_width(joined.trim_end(), font_px) <= max_w {
                cur = joined;
            } else {
                lines.push(std::mem::replace(&mut cur, chunk));
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}
