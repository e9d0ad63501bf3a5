//! Requests refused locally, before anything was sent.

use std::time::Duration;

use crate::ids::{Location, UserId};
use crate::messages::InviteMessageType;
use crate::slot::Slot;

/// A request the politeness helpers refused locally because the server certainly would
/// refuse it, or because it repeats an invite. Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The slot is in its cooldown; editing or resetting it now would be refused with 429.
    #[error("{message_type} slot {slot} is cooling down: {minutes_left} more minutes (not sent)")]
    Cooldown {
        /// The collection.
        message_type: InviteMessageType,
        /// The slot.
        slot: Slot,
        /// Minutes until the slot can be edited, as the server would say.
        minutes_left: u32,
    },
    /// The same invite (same user, same location) was sent within the guard's window.
    #[error("already invited {user} to {location} recently; try again in {}s (not sent)", retry_after.as_secs())]
    DuplicateInvite {
        /// The user.
        user: UserId,
        /// The location.
        location: Location,
        /// When the same invite will be allowed again.
        retry_after: Duration,
    },
}
