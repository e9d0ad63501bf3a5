//! The IDs of notifications already delivered, bounded.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use crate::ids::NotificationId;

/// The most recent notification IDs delivered; the oldest are forgotten past `limit`.
///
/// A duplicate can only come from a catch-up page, which holds notifications no older than
/// the last delivered one, so remembering the most recent IDs is enough. Each ID is stored
/// once, shared by the set and the order it was seen in.
#[derive(Debug, Clone)]
pub(crate) struct SeenIds {
    set: HashSet<Arc<str>, BuildHasherDefault<IdHasher>>,
    order: VecDeque<Arc<str>>,
    limit: usize,
}

impl SeenIds {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            set: HashSet::default(),
            order: VecDeque::new(),
            limit: limit.max(1),
        }
    }

    /// Records `id`; false when it was already there.
    pub(crate) fn insert(&mut self, id: &NotificationId) -> bool {
        // New IDs are the rule: one lookup that inserts, the copy dropped for a repeat.
        let id: Arc<str> = Arc::from(id.as_str());
        if !self.set.insert(Arc::clone(&id)) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > self.limit {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        true
    }

    /// Makes room for `additional` more IDs at once (up to the limit), rather than growing
    /// step by step while they come.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let room = additional.min(self.limit.saturating_sub(self.order.len()));
        self.set.reserve(room);
        self.order.reserve(room);
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, id: &NotificationId) -> bool {
        self.set.contains(id.as_str())
    }
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

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgets_the_oldest_past_the_limit() {
        let id = |n: u32| NotificationId::new(format!("not_{n}")).expect("id");
        let mut seen = SeenIds::new(2);
        assert!(seen.insert(&id(1)));
        assert!(!seen.insert(&id(1)));
        assert!(seen.insert(&id(2)));
        assert!(seen.insert(&id(3)));
        assert!(!seen.contains(&id(1)));
        assert!(seen.contains(&id(2)) && seen.contains(&id(3)));
        assert!(seen.insert(&id(1)), "forgotten, so new again");
    }

    proptest::proptest! {
        /// Against a plain list of the last `limit` IDs: the same answer for every insert.
        #[test]
        fn answers_as_a_list_of_the_most_recent(
            ids in proptest::collection::vec("not_[a-c]{0,3}", 0..200),
            limit in 1_usize..8,
        ) {
            let mut seen = SeenIds::new(limit);
            let mut recent: VecDeque<String> = VecDeque::new();
            for id in ids {
                let expected = !recent.contains(&id);
                if expected {
                    if recent.len() >= limit {
                        recent.pop_front();
                    }
                    recent.push_back(id.clone());
                }
                let id = NotificationId::new(id).expect("id");
                proptest::prop_assert_eq!(seen.insert(&id), expected);
            }
        }
    }
}
