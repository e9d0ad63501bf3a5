//! The wire shape shared by `Notification` and `SentNotification`.

use std::ops::Deref;

use serde_json::value::RawValue;

use crate::decode::decode_body;
use crate::ids::{NotificationId, UserId};
use crate::models::{NotificationDetails, NotificationType, Timestamp};

/// Lenient reading: `null` or a missing field becomes the default.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A notification as read from the wire, its `details` kept raw (`D` is `Box<RawValue>`, or
/// `&RawValue` when the body is at hand and the details can be borrowed from it).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NotificationWire<D> {
    pub(crate) id: NotificationId,
    #[serde(rename = "type")]
    pub(crate) kind: NotificationType,
    #[serde(rename = "created_at", default)]
    pub(crate) created_at: Timestamp,
    // Missing means `None`, as for every `Option` field.
    pub(crate) details: Option<D>,
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

/// The details of a notification of `kind`, typed where they fit.
pub(crate) fn wire_details<D: Deref<Target = RawValue>>(
    kind: &NotificationType,
    details: Option<D>,
) -> NotificationDetails {
    details.map_or_else(
        || NotificationDetails::absent(kind),
        |raw| NotificationDetails::decode(kind, &raw),
    )
}

/// Decodes a reply body holding a notification, borrowing the raw details from the body.
pub(crate) fn decode_notification<'a, T>(body: &'a [u8]) -> serde_json::Result<T>
where
    T: TryFrom<NotificationWire<&'a RawValue>>,
    T::Error: std::fmt::Display,
{
    let wire: NotificationWire<&'a RawValue> = decode_body(body)?;
    T::try_from(wire).map_err(serde::de::Error::custom)
}
