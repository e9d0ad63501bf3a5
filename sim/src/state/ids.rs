//! Generated IDs, tokens and codes.
//!
//! IDs (users, notifications, messages) are deterministic: the same calls on a fresh
//! simulator give the same IDs. Secrets (cookies, 2FA codes) also mix in a seed chosen per
//! simulator, so a token from one simulator never works on another.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

/// SplitMix64: a small, well-mixed 64-bit permutation.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hands out IDs and secrets.
#[derive(Debug)]
pub(crate) struct IdGenerator {
    next: u64,
    secret_seed: u64,
}

impl IdGenerator {
    pub(crate) fn new() -> Self {
        Self {
            next: 1,
            secret_seed: RandomState::new().hash_one(0x5eed_u64),
        }
    }

    fn counter(&mut self) -> u64 {
        let value = self.next;
        self.next += 1;
        value
    }

    /// A deterministic UUID-shaped string: `00000000-0000-4000-8000-00000000002a`.
    pub(crate) fn uuid(&mut self) -> String {
        let n = self.counter();
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            (n >> 32) & 0xffff_ffff,
            (n >> 16) & 0xffff,
            (n >> 4) & 0xfff,
            n & 0xf,
            n
        )
    }

    /// A fresh secret random 64-bit value.
    pub(crate) fn secret_u64(&mut self) -> u64 {
        let n = self.counter();
        mix(self.secret_seed ^ mix(n))
    }

    /// A secret UUID-shaped string.
    pub(crate) fn secret_uuid(&mut self) -> String {
        let high = self.secret_u64();
        let low = self.secret_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xfff,
            low >> 52,
            low & 0xffff_ffff_ffff
        )
    }

    /// A secret code of `digits` decimal digits.
    pub(crate) fn secret_digits(&mut self, digits: u32) -> String {
        let value = self.secret_u64() % 10u64.pow(digits);
        format!("{value:0width$}", width = digits as usize)
    }
}

/// Unwraps an ID the simulator generated itself: non-empty, printable, never `.` or `..`,
/// so the core's checks always pass.
pub(crate) fn generated<T>(checked: Result<T, vrchat_invite_core::InputError>) -> T {
    match checked {
        Ok(id) => id,
        Err(error) => unreachable!("a generated ID was refused: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_distinct() {
        let mut a = IdGenerator::new();
        let mut b = IdGenerator::new();
        assert_eq!(a.uuid(), b.uuid());
        assert_eq!(a.uuid(), "00000000-0000-4000-8002-000000000002");
        assert_ne!(a.uuid(), a.uuid());
    }

    #[test]
    fn secrets_have_the_right_shape() {
        let mut ids = IdGenerator::new();
        let code = ids.secret_digits(6);
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(ids.secret_uuid().len(), 36);
    }
}
