//! The wire shape shared by `Notification` and `SentNotification`.

use serde_json::value::RawValue;

use crate::ids::{NotificationId, UserId};
use crate::models::{NotificationType, Timestamp};

/// Lenient reading: `null` or a missing field becomes the default.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NotificationWire {
    pub(crate) id: NotificationId,
    #[serde(rename = "type")]
    pub(crate) kind: NotificationType,
    #[serde(rename = "created_at", default)]
    pub(crate) created_at: Timestamp,
    #[serde(default)]
    pub(crate) details: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(crate) message: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub(crate) seen: bool,
    pub(crate) sender_user_id: UserId,
    #[serde(default)]
    pub(crate) sender_username: Option<String>,
    #[serde(default)]
    pub(crate) receiver_user_id: Option<UserId>,
}
