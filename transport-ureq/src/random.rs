//! Random numbers for the throttle's and the reconnects' jitter and the handshake key, from
//! std's hasher keys (each `RandomState` is seeded from the operating system's randomness).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// A random `u64` (not for cryptography: jitter and the websocket key need none).
pub(crate) fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x5eed);
    hasher.finish()
}

/// 16 random bytes for `Sec-WebSocket-Key`.
pub(crate) fn random_key() -> [u8; 16] {
    let mut key = [0u8; 16];
    let (low, high) = key.split_at_mut(8);
    low.copy_from_slice(&random_u64().to_le_bytes());
    high.copy_from_slice(&random_u64().to_le_bytes());
    key
}
