//! One invite message slot.

use crate::ids::InviteMessageId;
use crate::messages::InviteMessageType;
use crate::models::Timestamp;
use crate::slot::Slot;

/// The text in one slot of one collection, with its cooldown.
///
/// ```
/// use vrchat_invite_core::messages::InviteMessageType;
/// use vrchat_invite_core::models::InviteMessage;
/// let json = r#"{"canBeUpdated":false,"id":"invm_1","message":"Come hang out!","messageType":"message",
///               "remainingCooldownMinutes":58,"slot":3,"updatedAt":"2021-01-01T00:00:00.000Z"}"#;
/// let message: InviteMessage = serde_json::from_str(json)?;
/// assert_eq!(message.slot.get(), 3);
/// assert_eq!(message.message_type, InviteMessageType::Message);
/// assert_eq!(message.remaining_cooldown_minutes, 58);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct InviteMessage {
    /// Whether the slot can be edited now (false during its cooldown).
    #[serde(default = "can_be_updated_default")]
    pub can_be_updated: bool,
    /// `invm_…`, or `default` for a slot never edited.
    pub id: InviteMessageId,
    /// The text, with the server's look-alike punctuation.
    pub message: String,
    /// Which collection the slot belongs to.
    pub message_type: InviteMessageType,
    /// Minutes until the slot can be edited again; 0 when it can.
    #[serde(default)]
    pub remaining_cooldown_minutes: u32,
    /// The slot number.
    pub slot: Slot,
    /// When the text last changed.
    #[serde(default)]
    pub updated_at: Timestamp,
}

fn can_be_updated_default() -> bool {
    true
}
