//! What the application has finished: the checkpoint advances only past events it is done
//! with, in the order they were delivered.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use crate::ids::NotificationId;
use crate::models::{Notification, Timestamp};
use crate::pipeline::{Checkpoint, PipelineEvent};

/// The most notifications delivered and not yet done that are tracked. Past it, no later
/// one is tracked and the checkpoint stops where the tracked ones take it (it never moves
/// past an event not done), so a restart delivers the rest again.
pub const PROGRESS_LIMIT: usize = 4096;

#[derive(Debug, Default)]
struct Tracked {
    checkpoint: Checkpoint,
    /// Delivered notifications in delivery order, and whether each is done.
    outstanding: VecDeque<(NotificationId, Timestamp, bool)>,
    /// More were delivered than tracked: nothing later is tracked.
    overflowed: bool,
}

/// A shared handle on a watch's progress: say [`Progress::done`] when finished with an
/// event, read [`Progress::checkpoint`] to save it. Clones share it, so the handle works
/// beside an iterator or a stream that owns the watch.
///
/// The checkpoint moves past a notification only when it and every notification delivered
/// before it are done, so finishing events out of order never loses one.
///
/// ```
/// use vrchat_invite_core::models::Notification;
/// use vrchat_invite_core::pipeline::{PipelineEvent, Progress};
/// let notification = |id: &str, at: &str| -> PipelineEvent {
///     PipelineEvent::Notification(serde_json::from_value(serde_json::json!({
///         "id": id, "type": "requestInvite", "created_at": at, "senderUserId": "usr_a",
///         "details": {}})).unwrap())
/// };
/// let progress = Progress::default();
/// let (first, second) = (notification("not_1", "2024-01-01T00:00:01Z"), notification("not_2", "2024-01-01T00:00:02Z"));
/// progress.delivered(&first);
/// progress.delivered(&second);
/// progress.done(&second);
/// assert!(progress.checkpoint().watermark().is_none()); // not_1 is still in hand
/// progress.done(&first);
/// assert_eq!(progress.checkpoint().watermark().unwrap().to_string(), "2024-01-01T00:00:02Z");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Progress {
    tracked: Arc<Mutex<Tracked>>,
}

impl Progress {
    /// Progress starting from `checkpoint`.
    pub fn from_checkpoint(checkpoint: Checkpoint) -> Self {
        let tracked = Tracked {
            checkpoint,
            ..Tracked::default()
        };
        Self {
            tracked: Arc::new(Mutex::new(tracked)),
        }
    }

    fn with<T>(&self, change: impl FnOnce(&mut Tracked) -> T) -> T {
        change(&mut self.tracked.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// The checkpoint to save: everything up to it is done.
    pub fn checkpoint(&self) -> Checkpoint {
        self.with(|tracked| tracked.checkpoint.clone())
    }

    /// How many delivered notifications are not done yet.
    pub fn in_hand(&self) -> usize {
        self.with(|tracked| {
            tracked
                .outstanding
                .iter()
                .filter(|(.., done)| !done)
                .count()
        })
    }

    /// The watch handed `event` out (watchers call this; other events are ignored).
    pub fn delivered(&self, event: &PipelineEvent) {
        let Some(notification) = event.notification() else {
            return;
        };
        self.with(|tracked| {
            if tracked.overflowed || tracked.outstanding.len() >= PROGRESS_LIMIT {
                tracked.overflowed = true;
                return;
            }
            let Notification { id, created_at, .. } = notification;
            tracked
                .outstanding
                .push_back((id.clone(), created_at.clone(), false));
        });
    }

    /// The application is done with `event` (events other than notifications need no
    /// saying, and a notification not delivered by this watch is ignored).
    pub fn done(&self, event: &PipelineEvent) {
        let Some(notification) = event.notification() else {
            return;
        };
        self.with(|tracked| {
            if let Some(entry) = tracked
                .outstanding
                .iter_mut()
                .find(|(id, _, done)| !done && *id == notification.id)
            {
                entry.2 = true;
            }
            while tracked.outstanding.front().is_some_and(|(.., done)| *done) {
                if let Some((id, at, _)) = tracked.outstanding.pop_front() {
                    tracked.checkpoint.finish(&id, &at);
                }
            }
        });
    }

    /// The baseline's checkpoint (a watch without a start time takes the inbox at its
    /// first connect as done), unless something was finished already.
    pub(crate) fn baseline(&self, watermark: &Timestamp, ids: &[NotificationId]) {
        self.with(|tracked| {
            if tracked.checkpoint.watermark().is_some() || !tracked.outstanding.is_empty() {
                return;
            }
            for id in ids {
                tracked.checkpoint.finish(id, watermark);
            }
            if ids.is_empty() {
                tracked.checkpoint = Checkpoint::since(watermark.clone());
            }
        });
    }
}
