//! A notification as received.

use crate::ids::{NotificationId, UserId};
use std::ops::Deref;

use serde_json::value::RawValue;

use crate::models::wire::{NotificationWire, wire_details};
use crate::models::{NotificationDetails, NotificationType, Timestamp};

/// A notification: an invite, a request, an answer, or any other type.
///
/// `details` arrives as a JSON-encoded string or an object; both decode to
/// [`NotificationDetails`]. Unknown types, unknown fields and unparseable timestamps never
/// fail the response.
///
/// ```
/// use vrchat_invite_core::models::{Notification, NotificationDetails, NotificationType};
/// let json = r#"{"id":"not_1","type":"invite","created_at":"2021-01-01T00:00:00.000Z",
///   "details":"{\"worldId\":\"wrld_1:123\",\"worldName\":\"Home\"}","message":"",
///   "seen":false,"senderUserId":"usr_a"}"#;
/// let notification: Notification = serde_json::from_str(json)?;
/// assert_eq!(notification.kind, NotificationType::Invite);
/// let invite = notification.details.as_invite().expect("typed invite details");
/// assert_eq!(invite.world_name, "Home");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(from = "NotificationWire<Box<serde_json::value::RawValue>>")]
#[non_exhaustive]
pub struct Notification {
    /// The notification's ID.
    pub id: NotificationId,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// When it was created.
    #[serde(rename = "created_at")]
    pub created_at: Timestamp,
    /// Typed details.
    pub details: NotificationDetails,
    /// Its message text.
    pub message: String,
    /// Whether it was seen.
    pub seen: bool,
    /// Who sent it.
    #[serde(rename = "senderUserId")]
    pub sender_user_id: UserId,
    /// Deprecated: VRChat no longer sends usernames.
    #[serde(rename = "senderUsername", skip_serializing_if = "Option::is_none")]
    pub sender_username: Option<String>,
    /// Who receives it; absent from most REST replies.
    #[serde(rename = "receiverUserId", skip_serializing_if = "Option::is_none")]
    pub receiver_user_id: Option<UserId>,
}

impl<D: Deref<Target = RawValue>> From<NotificationWire<D>> for Notification {
    fn from(wire: NotificationWire<D>) -> Self {
        let details = wire_details(&wire.kind, wire.details);
        Self {
            id: wire.id,
            kind: wire.kind,
            created_at: wire.created_at,
            details,
            message: wire.message,
            seen: wire.seen,
            sender_user_id: wire.sender_user_id,
            sender_username: wire.sender_username,
            receiver_user_id: wire.receiver_user_id,
        }
    }
}
