//! How far an application got: the point a watch resumes from after a restart.

use serde::{Deserialize, Serialize};

use crate::ids::NotificationId;
use crate::models::Timestamp;

/// The most IDs a checkpoint keeps of notifications finished at its watermark.
pub const CHECKPOINT_ID_LIMIT: usize = 1000;

/// A small serde value: the creation time of the last notification the application
/// finished with (every one delivered before it finished too), and the IDs finished at
/// that same time.
///
/// A watch started from a checkpoint ([`crate::pipeline::Watch::resume_from`]) catches up from the
/// inbox first: everything after the watermark, less the IDs finished at it. So each
/// notification is delivered at least once; after a clean stop (everything delivered
/// was done) none is delivered again; after a crash, at most the ones handed out and not
/// yet done are.
///
/// ```
/// use vrchat_invite_core::models::Timestamp;
/// use vrchat_invite_core::pipeline::Checkpoint;
/// let fresh = Checkpoint::default();
/// assert!(fresh.watermark().is_none());
/// let saved = serde_json::to_string(&fresh)?;
/// assert_eq!(saved, r#"{"watermark":null,"done_at_watermark":[]}"#);
/// let since = Checkpoint::since(Timestamp::new("2024-01-01T00:00:00Z"));
/// assert_eq!(since.watermark().map(|t| t.to_string()).as_deref(), Some("2024-01-01T00:00:00Z"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    watermark: Option<Timestamp>,
    #[serde(default)]
    done_at_watermark: Vec<NotificationId>,
}

impl Checkpoint {
    /// Nothing finished yet, watching from `since` on.
    pub fn since(since: Timestamp) -> Self {
        Self {
            watermark: Some(since),
            done_at_watermark: Vec::new(),
        }
    }

    /// The creation time of the last notification finished (or the start time).
    pub fn watermark(&self) -> Option<&Timestamp> {
        self.watermark.as_ref()
    }

    /// The notifications finished at the watermark.
    pub fn done_at_watermark(&self) -> &[NotificationId] {
        &self.done_at_watermark
    }

    /// Records `id`, created at `at`, as finished: a later time moves the watermark, the
    /// same time adds the ID, an earlier one changes nothing. A time that does not parse
    /// changes nothing either (it cannot be ordered).
    pub(crate) fn finish(&mut self, id: &NotificationId, at: &Timestamp) {
        let Some(millis) = at.unix_millis() else {
            return;
        };
        match self.watermark.as_ref().and_then(Timestamp::unix_millis) {
            Some(mark) if millis < mark => {}
            Some(mark) if millis == mark => {
                if self.done_at_watermark.len() < CHECKPOINT_ID_LIMIT
                    && !self.done_at_watermark.contains(id)
                {
                    self.done_at_watermark.push(id.clone());
                }
            }
            _ => {
                self.watermark = Some(at.clone());
                self.done_at_watermark = vec![id.clone()];
            }
        }
    }
}
