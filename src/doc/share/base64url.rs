//! Base64url without padding (RFC 4648 section 5): the alphabet that needs no escaping in a URL.

use super::ShareError;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes without `=` padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3).saturating_mul(4));
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // A chunk of k bytes needs k + 1 characters.
        for shift in [18, 12, 6, 0]
            .into_iter()
            .take(chunk.len().saturating_add(1))
        {
            let six = (n >> shift) & 0x3f;
            out.push(char::from(
                ALPHABET.get(six as usize).copied().unwrap_or(b'A'),
            ));
        }
    }
    out
}

fn value(c: u8) -> Option<u32> {
    let v = match c {
        // Each arm's range keeps these in 0..64.
        b'A'..=b'Z' => c.saturating_sub(b'A'),
        b'a'..=b'z' => c.saturating_sub(b'a').saturating_add(26),
        b'0'..=b'9' => c.saturating_sub(b'0').saturating_add(52),
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes, tolerating trailing `=` padding; a lone final character cannot come from
/// [`encode`] and means the text was cut.
pub fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity((text.len() / 4).saturating_mul(3).saturating_add(2));
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (i, c) in text.char_indices() {
        let v = u8::try_from(c)
            .ok()
            .and_then(value)
            .ok_or(ShareError::NotBase64 {
                position: i.saturating_add(1),
                found: c,
            })?;
        acc = (acc << 6) | v;
        // `bits` stays in 0..14: it only grows by 6 while below 8.
        bits = bits.saturating_add(6);
        if bits >= 8 {
            bits = bits.saturating_sub(8);
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}
