//! What an operation does, as far as politeness is concerned.

use crate::ids::{Location, UserId};
use crate::messages::InviteMessageType;
use crate::slot::Slot;

/// What an endpoint does, so politeness helpers can act without knowing endpoint types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action<'a> {
    /// Reads invite messages; a successful reply lists them.
    ReadMessages,
    /// Edits a slot: starts a 60-minute cooldown, refused during one.
    EditSlot(InviteMessageType, Slot),
    /// Resets a slot: refused during its cooldown.
    ResetSlot(InviteMessageType, Slot),
    /// Invites a user to a location.
    Invite {
        /// Who is invited.
        user: &'a UserId,
        /// Where to.
        location: &'a Location,
    },
    /// Anything else.
    Other,
}
