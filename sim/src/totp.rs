//! Time-based codes for simulated authenticator apps.
//!
//! Not RFC 6238: a deterministic 6-digit code derived from the user's secret and the
//! simulated clock's 30-second step; codes of consecutive steps always differ. A code is valid during its own step only, so a test
//! that reads [`crate::Simulator::totp_code`] and sends it without moving the clock always
//! succeeds, and one that advances the clock 30 seconds first always fails.

use crate::ids::mix;

/// Length of one code's validity, in milliseconds.
pub(crate) const STEP_MILLIS: i64 = 30_000;

/// The code of the step that contains `now_millis`.
pub(crate) fn code_at(secret: u64, now_millis: i64) -> String {
    const CODES: u64 = 1_000_000;
    let step = now_millis.div_euclid(STEP_MILLIS) as u64;
    let start = mix(secret) % CODES;
    // An increment coprime with 10^6 walks through every code before repeating one.
    let mut increment = mix(!secret) % CODES;
    while increment % 2 == 0 || increment % 5 == 0 {
        increment += 1;
    }
    let value = (start + (step % CODES) * increment) % CODES;
    format!("{value:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_within_a_step_and_changes_after() {
        let start = 1_767_225_600_000;
        let code = code_at(7, start);
        assert_eq!(code.len(), 6);
        assert_eq!(code_at(7, start + STEP_MILLIS - 1), code);
        assert_ne!(code_at(7, start + STEP_MILLIS), code);
        assert_ne!(code_at(8, start), code);
    }
}
