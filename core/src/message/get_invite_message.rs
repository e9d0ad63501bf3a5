//! `GET /message/{userId}/{messageType}/{slot}`: read one slot.

use http::Method;

use super::slot_path;
use crate::endpoint::Endpoint;
use crate::ids::UserId;
use crate::message_type::InviteMessageType;
use crate::models::InviteMessage;
use crate::polite::Action;
use crate::slot::Slot;

/// Reads one slot (operation `getInviteMessage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetInviteMessage {
    user_id: UserId,
    message_type: InviteMessageType,
    slot: Slot,
}

impl GetInviteMessage {
    /// Reads `slot` of the `message_type` collection of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType, slot: Slot) -> Self {
        Self {
            user_id,
            message_type,
            slot,
        }
    }
}

impl Endpoint for GetInviteMessage {
    type Output = InviteMessage;

    fn method(&self) -> Method {
        Method::GET
    }

    fn path(&self) -> String {
        slot_path(&self.user_id, self.message_type, self.slot)
    }

    fn action(&self) -> Action<'_> {
        Action::ReadMessages
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<InviteMessage> {
        crate::models::decode_body(body)
    }
}
