//! The IDs of notifications already delivered, bounded.

use std::collections::{HashSet, VecDeque};

use crate::ids::NotificationId;

/// The most recent notification IDs delivered; the oldest are forgotten past `limit`.
///
/// A duplicate can only come from a catch-up page, which holds notifications no older than
/// the last delivered one, so remembering the most recent IDs is enough.
#[derive(Debug, Clone)]
pub(crate) struct SeenIds {
    set: HashSet<NotificationId>,
    order: VecDeque<NotificationId>,
    limit: usize,
}

impl SeenIds {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            set: HashSet::new(),
            order: VecDeque::new(),
            limit: limit.max(1),
        }
    }

    /// Records `id`; false when it was already there.
    pub(crate) fn insert(&mut self, id: &NotificationId) -> bool {
        if self.set.contains(id) {
            return false;
        }
        if self.order.len() >= self.limit {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        self.set.insert(id.clone());
        self.order.push_back(id.clone());
        true
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, id: &NotificationId) -> bool {
        self.set.contains(id)
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
    }
}
