//! The watch's random numbers, from a seed the caller hands in.

/// SplitMix64: enough for backoff jitter and a websocket key, neither of which needs
/// cryptography.
#[derive(Debug, Clone)]
pub(crate) struct Jitter {
    state: u64,
}

impl Jitter {
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 16 bytes for `Sec-WebSocket-Key`.
    pub(crate) fn key(&mut self) -> [u8; 16] {
        let mut key = [0u8; 16];
        let (low, high) = key.split_at_mut(8);
        low.copy_from_slice(&self.next_u64().to_le_bytes());
        high.copy_from_slice(&self.next_u64().to_le_bytes());
        key
    }
}

#[cfg(test)]
mod tests {
    use super::Jitter;

    #[test]
    fn seeds_give_their_own_sequences() {
        let draw = |seed| {
            let mut jitter = Jitter::new(seed);
            [jitter.next_u64(), jitter.next_u64()]
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        assert_ne!(draw(1)[0], draw(1)[1]);
        let mut jitter = Jitter::new(3);
        assert_ne!(jitter.key(), jitter.key());
    }
}
