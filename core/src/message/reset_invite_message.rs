//! `DELETE /message/{userId}/{messageType}/{slot}`: reset one slot to its default.

use http::Method;

use super::slot_path;
use crate::endpoint::Endpoint;
use crate::ids::UserId;
use crate::message_type::InviteMessageType;
use crate::models::{InviteMessage, ItemList};
use crate::polite::Action;
use crate::slot::Slot;

/// Resets one slot to its default text and returns the whole collection (operation
/// `resetInviteMessage`). No body.
///
/// A reset is refused during the slot's cooldown but does not start a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetInviteMessage {
    user_id: UserId,
    message_type: InviteMessageType,
    slot: Slot,
}

impl ResetInviteMessage {
    /// Resets `slot` of the `message_type` collection of `user_id`.
    pub fn new(user_id: UserId, message_type: InviteMessageType, slot: Slot) -> Self {
        Self {
            user_id,
            message_type,
            slot,
        }
    }

    /// The collection.
    pub fn message_type(&self) -> InviteMessageType {
        self.message_type
    }

    /// The slot.
    pub fn slot(&self) -> Slot {
        self.slot
    }
}

impl Endpoint for ResetInviteMessage {
    type Output = ItemList<InviteMessage>;

    fn method(&self) -> Method {
        Method::DELETE
    }

    fn path(&self) -> String {
        slot_path(&self.user_id, self.message_type, self.slot)
    }

    fn action(&self) -> Action<'_> {
        Action::ResetSlot(self.message_type, self.slot)
    }

    fn decode(&self, body: &[u8]) -> serde_json::Result<ItemList<InviteMessage>> {
        crate::models::decode_list(body)
    }
}
