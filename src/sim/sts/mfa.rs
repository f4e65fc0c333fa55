//! Simulated virtual MFA devices: a deterministic TOTP-like six-digit code per 30-second window.
//!
//! Real devices use RFC 6238 (HMAC-SHA1 of the window counter). A learner needs the shape, not
//! the cryptography: same seed and window give the same code, the next window a new one, and
//! the UI can show the code and how long it stays valid.
//! https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
//! TokenCode is "a sequence of six numeric digits" (STS API Reference, TokenCode).
//! MFA-protected API access: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html

use crate::sim::time::{SimDuration, SimTime};

/// TOTP's time step.
pub const MFA_WINDOW_SECONDS: i64 = 30;

/// The 30-second window `now` falls in (the TOTP counter).
pub fn mfa_window(now: SimTime) -> i64 {
    now.as_secs().div_euclid(MFA_WINDOW_SECONDS)
}

/// The six digits a virtual MFA device with `seed` shows at `now`.
pub fn mfa_code(seed: &str, now: SimTime) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a offset basis
    for b in seed.bytes().chain(mfa_window(now).to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // splitmix64 finaliser, so neighbouring windows give unrelated codes.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    format!("{:06}", h % 1_000_000)
}

/// How long the code shown at `now` stays valid (for the UI's ring).
pub fn mfa_code_remaining(now: SimTime) -> SimDuration {
    let next = SimTime::from_secs(
        mfa_window(now)
            .saturating_add(1)
            .saturating_mul(MFA_WINDOW_SECONDS),
    );
    next.since(now)
}

/// Whether `code` is what the device shows at `now`. Only the current window counts: the
/// simulation has no clock drift to forgive.
pub fn mfa_code_matches(seed: &str, now: SimTime, code: &str) -> bool {
    mfa_code(seed, now) == code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_six_digits_and_stable_within_a_30_second_window() {
        let t = SimTime::WORLD_EPOCH;
        let c = mfa_code("device-1", t);
        assert_eq!(c.len(), 6);
        assert!(c.chars().all(|ch| ch.is_ascii_digit()));
        assert_eq!(mfa_code("device-1", t.plus(SimDuration::from_secs(29))), c);
        assert_ne!(mfa_code("device-1", t.plus(SimDuration::from_secs(30))), c);
        assert_ne!(mfa_code("device-2", t), c);
    }

    #[test]
    fn remaining_counts_down_to_the_next_window() {
        let t = SimTime::WORLD_EPOCH.plus(SimDuration::from_secs(10));
        assert_eq!(mfa_code_remaining(t), SimDuration::from_secs(20));
        assert!(mfa_code_matches("d", t, &mfa_code("d", t)));
        assert!(!mfa_code_matches("d", t, "000000x"));
    }
}
