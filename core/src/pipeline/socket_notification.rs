//! A notification as the pipeline sends it, read in one pass.
//!
//! The frame's content is read field by field; when `type` comes before `details` (as the
//! server writes it), the details are decoded straight into their typed form instead of
//! being scanned once as raw JSON and parsed again. Anything unusual (details that do not
//! fit their type, a JSON-encoded details string, a repeated field) is left to the lenient
//! model decoder, which then decides.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::ids::{NotificationId, UserId};
use crate::models::{
    InviteDetails, InviteResponseDetails, Notification, NotificationDetails, NotificationType,
    NotificationWire, RequestInviteDetails, RequestInviteResponseDetails, Timestamp,
};

/// Decodes a notification from its JSON text, as leniently as the model does.
pub(crate) fn decode_socket_notification(json: &str) -> serde_json::Result<Notification> {
    let mut decoded = None;
    decode_socket_notification_with(json, |notification| decoded = Some(notification))?;
    decoded.ok_or_else(|| serde::de::Error::custom("no notification"))
}

/// [`decode_socket_notification`], handing the notification to `sink` where it is made (a
/// notification is large: each level it would be returned through copies it).
pub(crate) fn decode_socket_notification_with(
    json: &str,
    sink: impl FnOnce(Notification),
) -> serde_json::Result<()> {
    let mut sink = Some(sink);
    let mut parser = serde_json::Deserializer::from_str(json);
    let fast = parser
        .deserialize_map(FastVisitor { sink: &mut sink })
        .and_then(|()| parser.end());
    match (fast, sink) {
        (Ok(()), None) => Ok(()),
        (_, Some(sink)) => {
            serde_json::from_str::<NotificationWire<&RawValue>>(json).map(|wire| sink(wire.into()))
        }
        // Made, then the text went on past the notification: what the model decides.
        (Err(error), None) => Err(error),
    }
}

/// Typed details for `kind`, strictly: a mismatch is an error (and the lenient path runs).
struct DetailsSeed<'k>(&'k NotificationType);

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_> {
    type Value = NotificationDetails;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Ok(match self.0 {
            NotificationType::Invite => {
                NotificationDetails::Invite(InviteDetails::deserialize(deserializer)?)
            }
            NotificationType::InviteResponse => NotificationDetails::InviteResponse(
                InviteResponseDetails::deserialize(deserializer)?,
            ),
            NotificationType::RequestInvite => {
                NotificationDetails::RequestInvite(RequestInviteDetails::deserialize(deserializer)?)
            }
            NotificationType::RequestInviteResponse => NotificationDetails::RequestInviteResponse(
                RequestInviteResponseDetails::deserialize(deserializer)?,
            ),
            _ => match Value::deserialize(deserializer)? {
                // Details given as a string are the lenient path's to decode.
                Value::String(_) => return Err(serde::de::Error::custom("details as a string")),
                value => NotificationDetails::Other(value),
            },
        })
    }
}

/// Sets `slot` once; a repeated field is an error.
fn once<T, E: serde::de::Error>(
    slot: &mut Option<T>,
    value: T,
    name: &'static str,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

/// Reads the fields, then hands the notification to the sink (taking it out).
struct FastVisitor<'s, F> {
    sink: &'s mut Option<F>,
}

impl<'de, F: FnOnce(Notification)> Visitor<'de> for FastVisitor<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a notification object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut id: Option<NotificationId> = None;
        let mut kind: Option<NotificationType> = None;
        let mut created_at: Option<Timestamp> = None;
        let mut details: Option<NotificationDetails> = None;
        let mut raw_details: Option<&'de RawValue> = None;
        let mut message: Option<Option<String>> = None;
        let mut seen: Option<Option<bool>> = None;
        let mut sender: Option<UserId> = None;
        let mut sender_username: Option<Option<String>> = None;
        let mut receiver: Option<Option<UserId>> = None;
        // Keys are borrowed (one with an escape fails, and the lenient path reads it).
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "id" => once(&mut id, map.next_value()?, "id")?,
                "type" => once(&mut kind, map.next_value()?, "type")?,
                "created_at" => once(&mut created_at, map.next_value()?, "created_at")?,
                "details" => {
                    if details.is_some() || raw_details.is_some() {
                        return Err(serde::de::Error::duplicate_field("details"));
                    }
                    match &kind {
                        Some(kind) => details = Some(map.next_value_seed(DetailsSeed(kind))?),
                        None => raw_details = Some(map.next_value()?),
                    }
                }
                "message" => once(&mut message, map.next_value()?, "message")?,
                "seen" => once(&mut seen, map.next_value()?, "seen")?,
                "senderUserId" => once(&mut sender, map.next_value()?, "senderUserId")?,
                "senderUsername" => {
                    once(&mut sender_username, map.next_value()?, "senderUsername")?;
                }
                "receiverUserId" => once(&mut receiver, map.next_value()?, "receiverUserId")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let id = id.ok_or_else(|| serde::de::Error::missing_field("id"))?;
        let kind = kind.ok_or_else(|| serde::de::Error::missing_field("type"))?;
        let sender = sender.ok_or_else(|| serde::de::Error::missing_field("senderUserId"))?;
        let details = match (details, raw_details) {
            (Some(details), _) => details,
            (None, Some(raw)) if raw.get() != "null" => NotificationDetails::decode(&kind, raw),
            (None, _) => return Err(serde::de::Error::custom("no details: the lenient path")),
        };
        let sink = self
            .sink
            .take()
            .ok_or_else(|| serde::de::Error::custom("read twice"))?;
        sink(Notification {
            id,
            kind,
            created_at: created_at.unwrap_or_default(),
            details,
            message: message.flatten().unwrap_or_default(),
            seen: seen.flatten().unwrap_or_default(),
            sender_user_id: sender,
            sender_username: sender_username.flatten(),
            receiver_user_id: receiver.flatten(),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass reader and the model's lenient reader agree.
    fn both(json: &str) -> (Option<Notification>, Option<Notification>) {
        let mut made = None;
        let mut sink = Some(|notification| made = Some(notification));
        let mut parser = serde_json::Deserializer::from_str(json);
        let read = parser
            .deserialize_map(FastVisitor { sink: &mut sink })
            .and_then(|()| parser.end());
        let fast = made.filter(|_| read.is_ok());
        let lenient = serde_json::from_str::<NotificationWire<&RawValue>>(json)
            .ok()
            .map(Notification::from);
        (fast, lenient)
    }

    #[test]
    fn agrees_with_the_model_or_leaves_it_to_the_model() {
        for json in [
            r#"{"id":"not_1","type":"requestInvite","senderUserId":"usr_a","details":{"platform":"android"},"created_at":"2024-01-01T00:00:00Z","message":null,"seen":null}"#,
            r#"{"details":{"worldId":"wrld_1:1","worldName":"Home"},"id":"not_2","type":"invite","senderUserId":"usr_a","receiverUserId":"usr_b"}"#,
            r#"{"id":"not_3","type":"invite","senderUserId":"usr_a","details":{"worldId":5}}"#,
            r#"{"id":"not_4","type":"boop","senderUserId":"usr_a","details":"{\"emoji\":1}"}"#,
            r#"{"id":"not_5","type":"friendRequest","senderUserId":"usr_a","details":{"a":[1]},"extra":{"x":1}}"#,
            r#"{"id":"not_6","type":"requestInvite","senderUserId":"usr_a"}"#,
            r#"{"id":"not_7","type":"invite","type":"boop","senderUserId":"usr_a","details":{}}"#,
            r#"{"id":"not_8","type":"invite","senderUserId":"usr_a","details":{}} trailing"#,
            r#"{"id":"not_9","type":"invite","senderUserId":"usr_a","details":{"worldId":"w"}}  "#,
        ] {
            let (fast, lenient) = both(json);
            let decoded = decode_socket_notification(json).ok();
            assert_eq!(decoded, lenient, "{json}");
            if let Some(fast) = fast {
                assert_eq!(Some(fast), lenient, "{json}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_field_order_and_values_agree(
            kind in proptest::sample::select(vec!["invite", "requestInvite", "inviteResponse", "boop"]),
            platform in proptest::option::of("[a-z]{0,8}"),
            message in proptest::option::of("[ -~]{0,12}"),
            details_first in proptest::bool::ANY,
        ) {
            let details = serde_json::json!({"platform": platform, "worldId": "wrld_1:1",
                "inResponseTo": "not_0", "requestMessage": message});
            let json = if details_first {
                serde_json::json!({"details": details, "id": "not_1", "type": kind,
                    "senderUserId": "usr_a", "message": message}).to_string()
            } else {
                serde_json::json!({"id": "not_1", "type": kind, "senderUserId": "usr_a",
                    "message": message, "details": details}).to_string()
            };
            let (_, lenient) = both(&json);
            proptest::prop_assert_eq!(decode_socket_notification(&json).ok(), lenient);
        }
    }
}
