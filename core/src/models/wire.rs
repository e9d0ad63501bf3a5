//! The wire shape shared by `Notification` and `SentNotification`, read in one pass.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};

use crate::ids::{NotificationId, UserId};
use crate::models::details_seed::{DetailsSeed, PendingDetails};
use crate::models::{NotificationDetails, NotificationType, Timestamp};

/// A notification as read from the wire, `details` already typed.
///
/// Lenient where real traffic varies: `created_at`, `message`, `seen`, `details` and the
/// optional IDs may be missing or `null`; unknown fields are skipped.
pub(crate) struct NotificationWire {
    pub(crate) id: NotificationId,
    pub(crate) kind: NotificationType,
    pub(crate) created_at: Timestamp,
    pub(crate) details: NotificationDetails,
    pub(crate) message: String,
    pub(crate) seen: bool,
    pub(crate) sender_user_id: UserId,
    pub(crate) sender_username: Option<String>,
    pub(crate) receiver_user_id: Option<UserId>,
}

#[derive(serde::Deserialize)]
#[serde(field_identifier)]
enum Field {
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "type")]
    Type,
    #[serde(rename = "created_at")]
    CreatedAt,
    #[serde(rename = "details")]
    Details,
    #[serde(rename = "message")]
    Message,
    #[serde(rename = "seen")]
    Seen,
    #[serde(rename = "senderUserId")]
    SenderUserId,
    #[serde(rename = "senderUsername")]
    SenderUsername,
    #[serde(rename = "receiverUserId")]
    ReceiverUserId,
    #[serde(other)]
    Unknown,
}

const FIELDS: &[&str] = &[
    "id",
    "type",
    "created_at",
    "details",
    "message",
    "seen",
    "senderUserId",
    "senderUsername",
    "receiverUserId",
];

/// Stores `value` in `slot`, refusing a field given twice.
fn set_once<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

struct WireVisitor;

impl<'de> Visitor<'de> for WireVisitor {
    type Value = NotificationWire;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notification object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let mut kind: Option<NotificationType> = None;
        let mut created_at: Option<Option<Timestamp>> = None;
        let mut details: Option<PendingDetails> = None;
        let mut message: Option<Option<String>> = None;
        let mut seen: Option<Option<bool>> = None;
        let mut sender_user_id = None;
        let mut sender_username: Option<Option<String>> = None;
        let mut receiver_user_id: Option<Option<UserId>> = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Id => set_once(&mut id, "id", map.next_value()?)?,
                Field::Type => set_once(&mut kind, "type", map.next_value()?)?,
                Field::CreatedAt => set_once(&mut created_at, "created_at", map.next_value()?)?,
                Field::Details => {
                    // Decoded at once when the type came first, as it does in VRChat's replies.
                    let seed = DetailsSeed {
                        kind: kind.as_ref(),
                    };
                    set_once(&mut details, "details", map.next_value_seed(seed)?)?;
                }
                Field::Message => set_once(&mut message, "message", map.next_value()?)?,
                Field::Seen => set_once(&mut seen, "seen", map.next_value()?)?,
                Field::SenderUserId => {
                    set_once(&mut sender_user_id, "senderUserId", map.next_value()?)?;
                }
                Field::SenderUsername => {
                    set_once(&mut sender_username, "senderUsername", map.next_value()?)?;
                }
                Field::ReceiverUserId => {
                    set_once(&mut receiver_user_id, "receiverUserId", map.next_value()?)?;
                }
                Field::Unknown => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let sender_user_id =
            sender_user_id.ok_or_else(|| de::Error::missing_field("senderUserId"))?;
        let details = details.unwrap_or(PendingDetails::Absent).finish(&kind);
        Ok(NotificationWire {
            id,
            kind,
            created_at: created_at.flatten().unwrap_or_default(),
            details,
            message: message.flatten().unwrap_or_default(),
            seen: seen.flatten().unwrap_or_default(),
            sender_user_id,
            sender_username: sender_username.flatten(),
            receiver_user_id: receiver_user_id.flatten(),
        })
    }
}

impl<'de> serde::Deserialize<'de> for NotificationWire {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Notification", FIELDS, WireVisitor)
    }
}
