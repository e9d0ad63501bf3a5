//! A notification as sent, returned by the invite operations.

use crate::ids::{NotificationId, UserId};
use std::ops::Deref;

use serde_json::value::RawValue;

use crate::models::wire::{NotificationWire, wire_details};
use crate::models::{NotificationDetails, NotificationType, Timestamp};

/// The notification an invite created, as returned to its sender: it names the receiver.
///
/// ```
/// use vrchat_invite_core::models::SentNotification;
/// let json = r#"{"id":"not_1","type":"invite","created_at":"2021-01-01T00:00:00.000Z",
///   "details":{"worldId":"wrld_1:123","worldName":"Home"},"message":"",
///   "receiverUserId":"usr_b","senderUserId":"usr_a"}"#;
/// let sent: SentNotification = serde_json::from_str(json)?;
/// assert_eq!(sent.receiver_user_id.as_str(), "usr_b");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "NotificationWire<Box<serde_json::value::RawValue>>")]
#[non_exhaustive]
pub struct SentNotification {
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
    /// Who receives it.
    #[serde(rename = "receiverUserId")]
    pub receiver_user_id: UserId,
    /// Who sent it.
    #[serde(rename = "senderUserId")]
    pub sender_user_id: UserId,
    /// Deprecated: VRChat no longer sends usernames.
    #[serde(rename = "senderUsername", skip_serializing_if = "Option::is_none")]
    pub sender_username: Option<String>,
}

impl<D: Deref<Target = RawValue>> TryFrom<NotificationWire<D>> for SentNotification {
    type Error = &'static str;

    fn try_from(wire: NotificationWire<D>) -> Result<Self, Self::Error> {
        let receiver_user_id = wire
            .receiver_user_id
            .ok_or("missing field `receiverUserId`")?;
        let details = wire_details(&wire.kind, wire.details);
        Ok(Self {
            id: wire.id,
            kind: wire.kind,
            created_at: wire.created_at,
            details,
            message: wire.message,
            receiver_user_id,
            sender_user_id: wire.sender_user_id,
            sender_username: wire.sender_username,
        })
    }
}
