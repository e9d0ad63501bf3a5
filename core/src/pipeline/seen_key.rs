//! A notification ID as the seen set keeps it, and the hash it is filed by.

use std::hash::Hasher;
use std::sync::Arc;

/// The longest ID kept inline: VRChat's are `not_` and a UUID, 40 bytes.
const INLINE: usize = 40;

/// A notification ID as the seen set keeps it: its bytes inline when it is no longer than
/// VRChat's own, so remembering it allocates nothing; a longer one as shared text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SeenKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Text(Arc<str>),
}

impl SeenKey {
    pub(crate) fn new(id: &str) -> Self {
        // VRChat's own length, copied whole (a copy of a length known only at run time
        // costs a call, and the bytes are read back before it has settled).
        if let Ok(bytes) = <[u8; INLINE]>::try_from(id.as_bytes()) {
            return Self::Inline {
                len: INLINE as u8,
                bytes,
            };
        }
        let mut bytes = [0; INLINE];
        match (bytes.get_mut(..id.len()), u8::try_from(id.len())) {
            (Some(start), Ok(len)) => {
                start.copy_from_slice(id.as_bytes());
                Self::Inline { len, bytes }
            }
            _ => Self::Text(Arc::from(id)),
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or_default(),
            Self::Text(text) => text.as_bytes(),
        }
    }

    /// A 64-bit hash of the ID: a multiply-rotate hash over 8-byte words, its high half
    /// folded into the low one (a table looks at the low bits first). Notification IDs
    /// come from the server and the set is bounded, so the cost of a keyed hash that
    /// resists chosen collisions buys nothing.
    pub(crate) fn digest(&self) -> u64 {
        let mut hasher = IdHasher::default();
        hasher.write(self.as_bytes());
        let hash = hasher.finish();
        hash ^ (hash >> 32)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct IdHasher(u64);

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

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hasher of a table whose keys are hashes already: a key is its own hash.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are filed; any other input is folded in all the same.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
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
    fn ids_up_to_vrchat_length_are_inline_and_longer_ones_text() {
        let id = "not_5b2e0a4c-7d1f-4e3a-9b6c-8f0d1e2a3b4c";
        assert!(matches!(SeenKey::new(id), SeenKey::Inline { len: 40, .. }));
        assert_eq!(SeenKey::new(id).as_bytes(), id.as_bytes());
        let long = format!("{id}x");
        assert_eq!(SeenKey::new(&long), SeenKey::Text(long.as_str().into()));
        assert_ne!(SeenKey::new("not_1"), SeenKey::new("not_10"));
    }

    proptest! {
        /// Two IDs (short, VRChat's length, longer; one a one-character change of the
        /// other) have equal keys exactly when they are equal, and equal keys hash alike.
        #[test]
        fn keys_are_equal_only_for_equal_ids(
            id in "not_[0-9a-f-]{0,3}|not_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[a-z]{0,2}",
            at in any::<proptest::sample::Index>(),
            to in prop_oneof![Just('-'), Just('A'), Just('a'), Just('0'), any::<char>()],
        ) {
            let mut other: Vec<char> = id.chars().collect();
            let at = at.index(other.len());
            other[at] = to;
            let other: String = other.into_iter().collect();
            let (a, b) = (SeenKey::new(&id), SeenKey::new(&other));
            prop_assert_eq!(a == b, id == other);
            if a == b {
                prop_assert_eq!(a.digest(), b.digest());
            }
            prop_assert_eq!(a.as_bytes(), id.as_bytes());
        }
    }
}
