//! The IDs of notifications already delivered, bounded.

use std::collections::{HashSet, VecDeque};
use std::hash::BuildHasherDefault;

use crate::ids::NotificationId;
use crate::pipeline::seen_key::{IdHasher, SeenKey};

/// The most recent notification IDs delivered; the oldest are forgotten past `limit`.
///
/// A duplicate can only come from a catch-up page, which holds notifications no older than
/// the last delivered one, so remembering the most recent IDs is enough. IDs are kept as
/// [`SeenKey`]s: VRChat's as numbers, any other as text shared by the set and the order.
#[derive(Debug, Clone)]
pub(crate) struct SeenIds {
    set: HashSet<SeenKey, BuildHasherDefault<IdHasher>>,
    order: VecDeque<SeenKey>,
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
        // New IDs are the rule: one lookup that inserts, the key dropped for a repeat.
        let key = SeenKey::new(id.as_str());
        if !self.set.insert(key.clone()) {
            return false;
        }
        self.order.push_back(key);
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
        self.set.contains(&SeenKey::new(id.as_str()))
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
        /// Against a plain list of the last `limit` IDs (VRChat's and others, with near
        /// misses): the same answer for every insert.
        #[test]
        fn answers_as_a_list_of_the_most_recent(
            ids in proptest::collection::vec(
                "not_[a-c]{0,3}|not_0000000[0-2]-0000-0000-0000-00000000000[0aA]",
                0..200,
            ),
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
