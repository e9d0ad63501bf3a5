//! A notification ID as the seen set keeps it, and the hash it is filed by.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A notification ID as the seen set keeps it: the UUID of a `not_<uuid>` ID (lowercase,
/// as VRChat writes them) as a number, so remembering it allocates nothing; any other ID as
/// its text, stored once and shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SeenKey {
    Uuid(u128),
    Text(Arc<str>),
}

impl SeenKey {
    pub(crate) fn new(id: &str) -> Self {
        uuid_number(id).map_or_else(|| Self::Text(Arc::from(id)), Self::Uuid)
    }
}

impl Hash for SeenKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Self::Uuid(number) => state.write_u128(*number),
            Self::Text(text) => state.write(text.as_bytes()),
        }
    }
}

/// The number `not_xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (lowercase hex) writes: one number
/// for one such ID, `None` for any other text.
fn uuid_number(id: &str) -> Option<u128> {
    let hex: &[u8; 36] = id.strip_prefix("not_")?.as_bytes().try_into().ok()?;
    let mut number = 0u128;
    for (at, &byte) in hex.iter().enumerate() {
        if matches!(at, 8 | 13 | 18 | 23) {
            if byte != b'-' {
                return None;
            }
            continue;
        }
        let digit = match byte {
            b'0'..=b'9' => byte - b'0',
            b'a'..=b'f' => byte - b'a' + 10,
            _ => return None,
        };
        number = number << 4 | u128::from(digit);
    }
    Some(number)
}

/// A multiply-rotate hash over 8-byte words. Notification IDs come from the server and the
/// set is bounded, so the cost of a keyed hash that resists chosen collisions buys nothing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut buf = [0; 8];
            buf.copy_from_slice(word);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = words.remainder();
        let mut buf = [0; 8];
        buf.get_mut(..rest.len())
            .unwrap_or_default()
            .copy_from_slice(rest);
        self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u128(&mut self, number: u128) {
        self.add(number as u64);
        self.add((number >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn vrchat_ids_are_numbers_and_anything_else_text() {
        let id = "not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c";
        assert_eq!(
            SeenKey::new(id),
            SeenKey::Uuid(0x5b2e0a4c_7d1f_4e3a_9b6c_8f0d1e2a3b4c)
        );
        for other in [
            "not_5B2E0A4C-7D1F-4E3A-9B6C-8F0D1E2A3B4C",
            "not_5b2e0a4c7d1f-4e3a-9b6c-8f0d1e2a3b4c-",
            "usr_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c",
            "not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4",
            "not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4cc",
            "not_1",
        ] {
            assert_eq!(SeenKey::new(other), SeenKey::Text(other.into()), "{other}");
        }
    }

    proptest! {
        /// An ID and the same ID with one character changed (to a hex digit in either case,
        /// a dash, or anything): equal keys exactly when the texts are equal.
        #[test]
        fn keys_are_equal_only_for_equal_ids(
            id in "not_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            at in 0usize..40,
            to in prop_oneof![Just('-'), Just('A'), Just('a'), Just('0'), any::<char>()],
        ) {
            let mut other: Vec<char> = id.chars().collect();
            other[at] = to;
            let other: String = other.into_iter().collect();
            prop_assert_eq!(SeenKey::new(&id) == SeenKey::new(&other), id == other);
            prop_assert_eq!(SeenKey::new(&other), SeenKey::new(&other.clone()));
        }
    }
}
