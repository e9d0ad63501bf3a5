//! Authenticator codes as RFC 6238 defines them (HMAC-SHA1, 30-second steps, 6 digits),
//! computed with the `totp-lite` crate, so a bot holding an account's secret computes
//! the very codes the simulator accepts.
//!
//! The time is the simulated clock's: a code is valid during its own 30-second step only,
//! so a test that reads [`crate::Simulator::totp_code`] and sends it without moving the
//! clock always succeeds, and one that advances the clock 30 seconds first always fails.

use crate::state::ids::mix;

/// Length of one code's validity, in seconds.
const STEP_SECONDS: u64 = 30;

/// Digits in a code.
const DIGITS: u32 = 6;

/// Bytes in a secret (160 bits, as RFC 4226 recommends for HMAC-SHA1).
const SECRET_BYTES: usize = 20;

/// The code of the step that contains `now_millis`.
pub(crate) fn code_at(secret: &[u8], now_millis: i64) -> String {
    let seconds = u64::try_from(now_millis.div_euclid(1000)).unwrap_or(0);
    totp_lite::totp_custom::<totp_lite::Sha1>(STEP_SECONDS, DIGITS, secret, seconds)
}

/// A secret of [`SECRET_BYTES`] bytes drawn from `seed`.
pub(crate) fn secret_from(seed: u64) -> Vec<u8> {
    let mut state = seed;
    let mut secret = Vec::with_capacity(SECRET_BYTES);
    while secret.len() < SECRET_BYTES {
        state = mix(state);
        secret.extend_from_slice(&state.to_be_bytes());
    }
    secret.truncate(SECRET_BYTES);
    secret
}

/// `bytes` in RFC 4648 base32 without padding, as authenticator apps take a secret.
pub(crate) fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut text = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer = 0_u32;
    let mut bits = 0_u32;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            text.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        text.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 test vectors (the last 6 of their 8 digits).
    #[test]
    fn follows_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (seconds, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(secret, seconds * 1000), code, "{seconds}");
        }
    }

    #[test]
    fn same_within_a_step_and_changes_after() {
        let start = 1_767_225_600_000;
        let secret = secret_from(7);
        let code = code_at(&secret, start);
        assert_eq!(code.len(), 6);
        assert_eq!(code_at(&secret, start + 29_999), code);
        assert_ne!(code_at(&secret, start + 30_000), code);
        assert_ne!(code_at(&secret_from(8), start), code);
        assert_eq!(secret.len(), SECRET_BYTES);
    }

    #[test]
    fn base32_follows_rfc_4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(
            base32(b"12345678901234567890"),
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        );
    }
}
