//! `GET /message/{userId}/{messageType}/{slot}`: read one slot.

use http::Method;

use super::SlotTarget;
use crate::endpoint::Endpoint;
use crate::error::InputError;
use crate::ids::UserId;
use crate::messages::InviteMessageType;
use crate::models::InviteMessage;
use crate::polite::Action;
use crate::session::Session;
use crate::slot::Slot;

/// Reads one slot (operation `getInviteMessage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetInviteMessage {
    target: SlotTarget,
}

impl GetInviteMessage {
    /// Reads `slot` of the `message_type` collection of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType, slot: Slot) -> Self {
        Self::at(SlotTarget::new(user_id, message_type, slot))
    }

    /// Reads `slot` of the session's own `message_type` collection: the user ID is read
    /// from [`Session::user_id`] when the request is built, and a session without one is
    /// refused with [`InputError::MissingUserId`].
    pub fn mine(message_type: InviteMessageType, slot: Slot) -> Self {
        Self::at(SlotTarget::mine(message_type, slot))
    }

    /// Reads the slot `target` names.
    pub fn at(target: SlotTarget) -> Self {
        Self { target }
    }

    /// The slot read.
    pub fn target(&self) -> &SlotTarget {
        &self.target
    }
}

impl Endpoint for GetInviteMessage {
    const OPERATION_ID: &'static str = "getInviteMessage";

    type Output = InviteMessage;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        self.target.path()
    }

    fn path_for(&self, session: &Session) -> Result<String, InputError> {
        self.target.path_for(session)
    }

    fn action(&self) -> Action<'_> {
        Action::ReadMessages
    }
}
