//! The IDs of notifications already delivered, bounded.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::BuildHasherDefault;

use crate::ids::NotificationId;
use crate::pipeline::seen_key::{HashIsKey, SeenKey};

/// The most recent notification IDs delivered; the oldest are forgotten past `limit`.
///
/// A duplicate can only come from a catch-up page, which holds notifications no older than
/// the last delivered one, so remembering the most recent IDs is enough. IDs are kept once,
/// in order, as [`SeenKey`]s; a table files them by their 64-bit hash, so a new ID costs
/// one small entry, and a hash shared by two IDs (rare) is settled by comparing the IDs.
#[derive(Debug, Clone)]
pub(crate) struct SeenIds {
    /// The IDs remembered, oldest first; the one at `i` is number `first + i`, counting
    /// every ID ever remembered from 0.
    order: VecDeque<SeenKey>,
    /// For the hash of each ID remembered, the number of the newest one with that hash.
    newest: HashMap<u64, u64, BuildHasherDefault<HashIsKey>>,
    /// The number of the oldest ID remembered.
    first: u64,
    limit: usize,
    /// Hashes cut to this many values, so that IDs share them (tests only).
    #[cfg(test)]
    hashes: Option<u64>,
}

impl SeenIds {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            order: VecDeque::new(),
            newest: HashMap::default(),
            first: 0,
            limit: limit.max(1),
            #[cfg(test)]
            hashes: None,
        }
    }

    fn hash(&self, key: &SeenKey) -> u64 {
        #[cfg(test)]
        if let Some(hashes) = self.hashes {
            return key.digest() % hashes;
        }
        key.digest()
    }

    /// Records `id`; false when it was already there.
    pub(crate) fn insert(&mut self, id: &NotificationId) -> bool {
        let key = SeenKey::new(id.as_str());
        let hash = self.hash(&key);
        let number = self.first + self.order.len() as u64;
        match self.newest.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(number);
            }
            Entry::Occupied(mut slot) => {
                // The same ID again, or another with the same hash: then any ID remembered
                // may be this one.
                let newest = numbered(&self.order, self.first, *slot.get());
                if newest == Some(&key) || self.order.contains(&key) {
                    return false;
                }
                slot.insert(number);
            }
        }
        self.order.push_back(key);
        if self.order.len() > self.limit {
            self.forget_oldest();
        }
        true
    }

    fn forget_oldest(&mut self) {
        let Some(oldest) = self.order.pop_front() else {
            return;
        };
        let number = self.first;
        self.first += 1;
        // Filed under its hash only when no newer ID shares it.
        if let Entry::Occupied(slot) = self.newest.entry(self.hash(&oldest)) {
            if *slot.get() == number {
                slot.remove();
            }
        }
    }

    /// Makes room for `additional` more IDs at once (up to the limit), rather than growing
    /// step by step while they come.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let room = additional.min(self.limit.saturating_sub(self.order.len()));
        self.newest.reserve(room);
        self.order.reserve(room);
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, id: &NotificationId) -> bool {
        let key = SeenKey::new(id.as_str());
        let found = self.order.contains(&key);
        let filed = self
            .newest
            .get(&self.hash(&key))
            .and_then(|&number| numbered(&self.order, self.first, number))
            .is_some();
        assert!(!found || filed, "a remembered ID is filed under its hash");
        found
    }
}

/// The ID numbered `number` in `order`, whose front is numbered `first`, if still there.
fn numbered(order: &VecDeque<SeenKey>, first: u64, number: u64) -> Option<&SeenKey> {
    let at = usize::try_from(number.checked_sub(first)?).ok()?;
    order.get(at)
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
        /// misses): the same answer for every insert, and every ID remembered is found,
        /// also when IDs share hashes (cut to a few values).
        #[test]
        fn answers_as_a_list_of_the_most_recent(
            ids in proptest::collection::vec(
                "not_[a-c]{0,3}|not_0000000[0-2]-0000-0000-0000-00000000000[0aA]",
                0..200,
            ),
            limit in 1_usize..8,
            hashes in proptest::option::of(1_u64..4),
        ) {
            let mut seen = SeenIds::new(limit);
            seen.hashes = hashes;
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
                for remembered in &recent {
                    let remembered = NotificationId::new(remembered.clone()).expect("id");
                    proptest::prop_assert!(seen.contains(&remembered));
                }
                proptest::prop_assert!(seen.newest.len() <= limit);
            }
        }
    }
}
