//! `DELETE /message/{userId}/{messageType}/{slot}`: reset one slot to its default.

use http::Method;

use super::SlotTarget;
use crate::endpoint::Endpoint;
use crate::error::InputError;
use crate::ids::UserId;
use crate::messages::InviteMessageType;
use crate::models::{InviteMessage, ItemList};
use crate::polite::Action;
use crate::session::Session;
use crate::slot::Slot;

/// Resets one slot to its default text and returns the whole collection (operation
/// `resetInviteMessage`). No body.
///
/// A reset is refused during the slot's cooldown but does not start a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetInviteMessage {
    target: SlotTarget,
}

impl ResetInviteMessage {
    /// Resets `slot` of the `message_type` collection of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType, slot: Slot) -> Self {
        Self::at(SlotTarget::new(user_id, message_type, slot))
    }

    /// Resets `slot` of the session's own `message_type` collection: the user ID is read
    /// from [`Session::user_id`] when the request is built, and a session without one is
    /// refused with [`InputError::MissingUserId`].
    pub fn mine(message_type: InviteMessageType, slot: Slot) -> Self {
        Self::at(SlotTarget::mine(message_type, slot))
    }

    /// Resets the slot `target` names.
    pub fn at(target: SlotTarget) -> Self {
        Self { target }
    }

    /// The slot reset.
    pub fn target(&self) -> &SlotTarget {
        &self.target
    }
}

impl Endpoint for ResetInviteMessage {
    const OPERATION_ID: &'static str = "resetInviteMessage";

    type Output = ItemList<InviteMessage>;

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> String {
        self.target.path()
    }

    fn path_for(&self, session: &Session) -> Result<String, InputError> {
        self.target.path_for(session)
    }

    fn action(&self) -> Action<'_> {
        Action::ResetSlot(self.target.message_type(), self.target.slot())
    }
}
