//! A random seed from std's hasher keys (each `RandomState` is seeded from the operating
//! system's randomness), for the throttle's jitter and the pipeline watch.

use std::hash::BuildHasher;

/// A random `u64` (not for cryptography: jitter and the websocket key need none).
pub(crate) fn random_u64() -> u64 {
    std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64)
}
