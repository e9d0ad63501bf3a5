//! Listing, reading, editing and resetting invite message slots.

mod get_invite_message;
mod get_invite_messages;
mod message_text;
mod reset_invite_message;
mod update_invite_message;

pub use get_invite_message::GetInviteMessage;
pub use get_invite_messages::GetInviteMessages;
pub use message_text::MessageText;
pub use reset_invite_message::ResetInviteMessage;
pub use update_invite_message::UpdateInviteMessage;

use crate::ids::UserId;
use crate::message_type::InviteMessageType;
use crate::path::PathBuilder;
use crate::slot::Slot;

/// `/message/{userId}/{messageType}`
fn collection_path(user_id: &UserId, message_type: InviteMessageType) -> PathBuilder {
    PathBuilder::new()
        .literal("message")
        .segment(user_id.as_str())
        .literal(message_type.as_str())
}

/// `/message/{userId}/{messageType}/{slot}`
fn slot_path(user_id: &UserId, message_type: InviteMessageType, slot: Slot) -> String {
    let mut path = collection_path(user_id, message_type).finish();
    path.push('/');
    path.push_str(&slot.to_string());
    path
}
